import { Button, Card, Col, Image, Row, Space, Steps, Typography } from 'antd';
import { useUi, type View } from '../../store/ui';

interface Step {
  title: string;
  /** Picture under public/help/ (a screenshot made by test/e2e/helpPictures.e2e.ts). */
  picture: string;
  text: string[];
  go?: { label: string; view: View };
}

const STEPS: Step[] = [
  {
    title: '导入',
    picture: 'import.png',
    text: [
      '督办单位把上级印发的措施文件导入软件：Word（.docx/.doc/.wps）、Excel、PDF、网页、文本文件都可以，也可以直接粘贴文字，或把文件拖到窗口上。',
      '软件自动找出任务分解表（或正文中“××牵头，××配合”的写法），拆出每项任务的序号、内容、牵头单位、配合单位、具体落实单位和完成时限。',
    ],
    go: { label: '去导入文件', view: 'import' },
  },
  {
    title: '核对',
    picture: 'review.png',
    text: [
      '识别结果先列出来核对：右侧“待核对”列出可疑之处（如单位简称不一致、序号缺失），点击可跳到对应任务；单位、时限、内容都可以直接改。',
      '保存后若计划有变化（会议新增任务、机构改革单位更名、时限调整），在“计划 → 维护计划”中修改、增删、拆分合并任务；再次导入修订后的文件时，软件只列出文件改动之处，不会撤销手工修改。',
    ],
    go: { label: '查看计划列表', view: 'plans' },
  },
  {
    title: '填报',
    picture: 'report.png',
    text: [
      '各部门在“任务台账 → 我的任务”中看到本单位牵头、配合和具体落实的任务。点开任务，按期填写进展情况、存在问题、下步计划，可附佐证材料。',
      '每期一条进展，再次保存会更新本期内容；需要延期的，在任务中提出延期申请。',
    ],
    go: { label: '去任务台账', view: 'tasks' },
  },
  {
    title: '督办',
    picture: 'supervise.png',
    text: [
      '督办单位在“督办视图”中看到每个牵头单位的任务数、逾期、本期未报送和已完成情况；点击数字即列出对应任务。',
      '在任务中可以销号、退回、催办、审核延期；“导出台账”生成 Excel 台账。计划结束后可在计划维护中“归档”：所有单位只能查看和导出。',
    ],
    go: { label: '去督办视图', view: 'supervisor' },
  },
  {
    title: '同步',
    picture: 'sync.png',
    text: [
      '各单位的电脑互不联网，数据靠“同步文件”传递：在“文件同步”中导出文件，用 U 盘带到另一台电脑导入。导入前会先显示将要新增和更新的内容。',
      '无论按什么顺序导入，各单位最终数据一致；两台电脑改了同一内容时，两个版本都保留，可在“冲突”中查看和恢复。损坏或被改动过的文件会被拒绝，不改动任何数据。',
    ],
    go: { label: '去文件同步', view: 'sync' },
  },
];

/** 帮助: the five steps of the work, each in a few sentences with a picture. */
export function HelpPage() {
  const go = useUi((s) => s.go);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="help-page">
      <Card size="small">
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          使用说明
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
          督办单位导入文件、核对后下发计划；各部门按期填报进展；督办单位检查、督办；各单位之间用同步文件交换数据。
        </Typography.Paragraph>
        <Steps size="small" items={STEPS.map((s) => ({ title: s.title, status: 'process' as const }))} />
      </Card>
      {STEPS.map((s, i) => (
        <Card key={s.title} size="small" title={`${i + 1}. ${s.title}`} data-testid={`help-${s.title}`}>
          <Row gutter={24} align="middle" wrap={false}>
            <Col flex="420px">
              <Image src={`./help/${s.picture}`} alt={`${s.title}的界面`} width={420} style={{ border: '1px solid #eee', borderRadius: 4 }} />
            </Col>
            <Col flex="auto" style={{ minWidth: 0, paddingInlineStart: 24 }}>
              {s.text.map((t) => (
                <Typography.Paragraph key={t}>{t}</Typography.Paragraph>
              ))}
              {s.go && <Button onClick={() => go(s.go!.view)}>{s.go.label}</Button>}
            </Col>
          </Row>
        </Card>
      ))}
    </Space>
  );
}
