/**
 * How Chinese official documents assign work, one family per block, each written here in generic wording (not a
 * corpus document's) and read in three forms (.txt, .html, .docx) — the same plan from every form.
 * Families: notes of every form with a stated rule; label lines under leader sections after a cover notice;
 * progress tables with header words as evidence; space-separated rows; traditional characters with pinyin
 * glosses; document-wide implementer rules and several notes under one measure; requirements enumerated
 * 一是/二是; a page cut in the middle of a measure.
 */
import { describe, expect, it } from 'vitest';
import type { ParseResult } from '../../../shared/parser';
import { FORMS, parseAs, type Part } from './forms';

interface Want {
  number?: string;
  content?: string;
  lead: string[];
  others: string[];
}

const sorted = (xs: readonly string[]) => [...xs].sort();

function expectPlan(r: ParseResult, wants: Want[], exact = true) {
  if (exact) expect(r.tasks.length, r.tasks.map((t) => `${t.number} ${t.content.slice(0, 12)}`).join(' / ')).toBe(wants.length);
  for (const w of wants) {
    const t = r.tasks.find((g) => (w.number !== undefined ? g.number === w.number : g.content.startsWith(w.content!)));
    expect(t, `task ${w.number ?? w.content} among ${r.tasks.map((g) => g.number).join(',')}`).toBeDefined();
    expect(t!.lead, `${w.number ?? w.content} lead`).toEqual(w.lead);
    expect(sorted([...t!.support, ...t!.implement]), `${w.number ?? w.content} others`).toEqual(sorted(w.others));
  }
}

const families: { name: string; parts: Part[]; wants: Want[]; exact?: boolean; check?: (r: ParseResult) => void }[] = [
  {
    name: 'notes: (A、B负责) with the rule stated in the first note, 会同, 分别牵头, 牵头负责, a collective after 和, a time limit; frame headings are no tasks',
    parts: [
      '某省人民政府关于推进数字政府建设的若干意见',
      '一、总体要求',
      '（一）指导思想',
      '以新时代中国特色社会主义思想为指导，统筹推进数字政府建设。',
      '（二）基本原则',
      '坚持统筹规划，坚持需求导向。',
      '二、重点任务',
      '（一）完善基础设施',
      '1.建设政务云平台。统一规划全省政务云资源。（省大数据局、省发展改革委、省财政厅负责，排在第一位的部门为牵头部门，下同）',
      '2.推进数据共享。建立数据共享责任清单。（省大数据局、省市场监管局等有关部门负责）',
      '（二）提升服务能力',
      '3.优化一网通办。推动高频事项集成办理。〔省政务服务中心会同有关部门负责〕',
      '4.推行免证办事。【省公安厅、省大数据局分别牵头】',
      '5.强化安全保障。(省委网信办、省公安厅牵头负责)',
      '6.加强群团服务。（省总工会、团省委、省妇联、省工商联和各市人民政府负责，6月底前完成）',
    ],
    wants: [
      { number: '1', lead: ['省大数据局'], others: ['省发展改革委', '省财政厅'] },
      { number: '2', lead: ['省大数据局'], others: ['省市场监管局', '有关部门'] },
      { number: '3', lead: ['省政务服务中心'], others: ['有关部门'] },
      { number: '4', lead: ['省公安厅', '省大数据局'], others: [] },
      { number: '5', lead: ['省委网信办', '省公安厅'], others: [] },
      { number: '6', lead: ['省总工会'], others: ['团省委', '省妇联', '省工商联', '各市人民政府'] },
    ],
    check: (r) => {
      expect(r.leadRule).toBe('first-listed-is-lead');
      expect(r.tasks.find((t) => t.number === '6')!.deadline?.text).toBe('6月底前完成');
      expect(r.tasks.find((t) => t.number === '1')!.content).toBe('建设政务云平台。统一规划全省政务云资源。');
    },
  },
  {
    name: 'label lines under leader sections after a cover notice; leaders are persons; a rule inside the list is not part of a name',
    parts: [
      '某市人民政府办公室关于印发2024年市政府重点工作责任分解的通知',
      '各区人民政府，市政府各部门：',
      '《2024年市政府重点工作责任分解》已经市政府同意，现印发给你们，请认真贯彻执行。',
      '一、高度重视，狠抓落实。各责任单位要细化任务，明确时间节点。',
      '二、加强督查。市政府督查室要定期通报进展。',
      '某市人民政府办公室',
      '2024年2月20日',
      '（此件公开发布）',
      '2024年市政府重点工作责任分解',
      '一、李明市长牵头重点工作',
      '1.地区生产总值增长6%左右。',
      '牵头市领导：李明',
      '牵头责任单位：市发展改革委。',
      '协同责任单位：市统计局、市财政局等，各区政府。',
      '完成时限：2024年12月底',
      '2.一般公共预算收入增长5%。',
      '牵头市领导：李明',
      '责任单位：市财政局、市税务局',
      '二、王芳副市长牵头重点工作',
      '1.新增城镇就业3万人。',
      '牵头市领导：王芳',
      '主要责任单位：市人力社保局',
      '协同责任单位：团市委、市妇联',
      '2.推进老旧小区改造。',
      '牵头市领导：王芳',
      '责任单位：市住建局（首位单位为牵头单位，下同）、市发展改革委、市财政局',
    ],
    wants: [
      { content: '地区生产总值增长6%左右', lead: ['市发展改革委'], others: ['市统计局', '市财政局', '各区政府'] },
      { content: '一般公共预算收入增长5%', lead: ['市财政局'], others: ['市税务局'] },
      { content: '新增城镇就业3万人', lead: ['市人力社保局'], others: ['团市委', '市妇联'] },
      { content: '推进老旧小区改造', lead: ['市住建局'], others: ['市发展改革委', '市财政局'] },
    ],
    check: (r) => {
      for (const t of r.tasks) expect(t.content).not.toMatch(/领导|责任单位|完成时限|李明/);
      expect(r.tasks[0]!.deadline).toMatchObject({ date: '2024-12-31' });
    },
  },
  {
    name: 'a progress table: header words as evidence (进展 between text and unit, 备注 after), a starred number, a numbering gap, one unit per line',
    parts: [
      '某县2024年民生实事项目进展情况表',
      [
        ['序号', '项目名称及内容', '目前进展', '责任部门', '备注'],
        ['1', '新建公办幼儿园3所，新增学位900个。', '已完成60%（2所主体封顶）', '县教育体育局', '县级实事'],
        ['2*', '改造提升农村公路80公里。', '85%', '县交通运输局\n各乡镇人民政府', '省级实事'],
        ['5', '建设城乡供水一体化工程。', '70%', '县水利局', '县级实事'],
      ],
    ],
    wants: [
      { number: '1', lead: ['县教育体育局'], others: [] },
      { number: '2*', lead: ['县交通运输局'], others: ['各乡镇人民政府'] },
      { number: '5', lead: ['县水利局'], others: [] },
    ],
    check: (r) => {
      expect(r.tasks[0]!.content).toBe('新建公办幼儿园3所，新增学位900个。');
    },
  },
  {
    name: 'rows written on one line with spaces between the cells, the header spaced out character by character',
    parts: ['2019年主要量化指标任务分工', '序号 指 标 任 务 牵头负责部门', '1 城镇新增就业1100万人以上 人力资源社会保障部', '2 新增地方政府专项债券2.15万亿元 财政部', '3 完成铁路投资8000亿元 国家铁路局'],
    wants: [
      { number: '1', lead: ['人力资源社会保障部'], others: [] },
      { number: '2', lead: ['财政部'], others: [] },
      { number: '3', lead: ['国家铁路局'], others: [] },
    ],
  },
  {
    name: 'traditional characters with pinyin glosses inserted by a mirror site: read as simplified, given back as printed',
    parts: [
      '某縣2023年重點工作責任分解',
      '一、優化營商環境',
      '1.推進審批服務便民化，壓縮辦理時限。(縣行政審批服務局牽頭,縣發(fā)改局、各鄉(xiāng)鎮按職責分工負責)',
      '2.加強市場監管，維護公平競爭。',
      '責任單位:縣市場監管局、縣公安局',
    ],
    wants: [
      { number: '1', lead: ['縣行政審批服務局'], others: ['縣發(fā)改局', '各鄉(xiāng)鎮'] },
      { number: '2', lead: ['縣市場監管局'], others: ['縣公安局'] },
    ],
  },
  {
    name: 'a document-wide implementer rule (以下…均需X落实，不再单独列出) and several notes under one measure',
    parts: [
      '某市关于稳住经济大盘的若干措施',
      '一、财税支持',
      '1.落实减税降费政策。（责任单位：市财政局、市税务局，各县区政府。以下措施均需各县区政府落实，不再单独列出）',
      '2.加大专项资金支持力度。（责任单位：市工信局、市财政局）',
      '二、金融支持',
      '3.加大信贷投放。',
      '提高普惠小微贷款比重。（人民银行市中心支行负责）',
      '开展银企对接活动。（市金融办牵头，市工信局配合）',
    ],
    wants: [
      { number: '1', lead: ['市财政局'], others: ['市税务局', '各县区政府'] },
      { number: '2', lead: ['市工信局'], others: ['市财政局', '各县区政府'] },
      { number: '3-1', lead: ['人民银行市中心支行'], others: ['各县区政府'] },
      { number: '3-2', lead: ['市金融办'], others: ['市工信局', '各县区政府'] },
    ],
  },
  {
    name: 'requirements enumerated 一是/二是/三是 in a meeting report, each naming who carries it out',
    parts: [
      '某县召开安全生产工作调度会',
      '12月5日，副县长张伟主持召开全县安全生产工作调度会，县应急管理局、县住建局负责人参加会议。',
      '张伟要求：一是思想要更重视，时刻绷紧安全生产这根弦；二是县应急管理局要牵头开展隐患排查，建立问题清单；三是各乡镇要落实属地责任，及时整改到位。',
    ],
    exact: false,
    wants: [
      { number: '二是', lead: ['县应急管理局'], others: [] },
      { number: '三是', lead: ['各乡镇'], others: [] },
    ],
  },
  {
    name: 'a record written as label lines each followed by its value (具体任务 / 责任单位 / 配合单位 / 完成时限)',
    parts: ['具体任务', '建成区级养老服务中心，新增养老床位200张。', '责任单位', '区民政局、区卫健局', '配合单位', '各街道', '完成时限', '12月底前完成'],
    wants: [{ content: '建成区级养老服务中心', lead: ['区民政局'], others: ['区卫健局', '各街道'] }],
  },
  {
    name: 'a table without a 序号 column: numbered task cells, a column of leaders (one or two names per cell)',
    parts: [
      '某市2024年目标任务责任分解',
      [
        ['目标任务', '责任领导', '责任单位'],
        ['1. 地区生产总值增长6%以上。', '赵刚', '市发改委、市经信局、市统计局'],
        ['2. 城乡居民收入与经济增长同步。', '赵刚\n钱红', '市人力社保局、市农业农村局'],
      ],
    ],
    wants: [
      { number: '1', lead: ['市发改委'], others: ['市经信局', '市统计局'] },
      { number: '2', lead: ['市人力社保局'], others: ['市农业农村局'] },
    ],
  },
  {
    name: 'a title broken over two lines is read whole; a page cut inside a unit list keeps the whole names before the cut',
    parts: ['某省人民政府关于加快发展', '现代物流业的实施意见', '一、重点任务', '1.完善物流枢纽布局。（省发展改革委牵头，省交通运输厅配合）', '2.发展多式联运。', '责任单位：省交通运输厅、省商务厅、省铁'],
    wants: [
      { number: '1', lead: ['省发展改革委'], others: ['省交通运输厅'] },
      { number: '2', lead: ['省交通运输厅'], others: ['省商务厅'] },
    ],
    check: (r) => {
      expect(r.title).toBe('某省人民政府关于加快发展现代物流业的实施意见');
      expect(r.warnings.map((w) => w.code)).toContain('cut-off');
    },
  },
  {
    name: 'a heading that carries the note heads its items; a note broken over two lines (a PDF page width)',
    parts: [
      '某市2024年优化营商环境重点任务',
      '（一）提升政务服务效能（市政务服务数据管理局牵头）',
      '1.推行“高效办成一件事”，年内实现20个',
      '事项集成办理。',
      '2.深化“一网通办”，提高网上可办率。',
      '（二）强化要素保障',
      '3.落实首贷续贷奖补政策。（市地方金融监管局牵头，市财政局、市',
      '工信局配合，2024年底前完成）',
    ],
    wants: [
      { number: '1', lead: ['市政务服务数据管理局'], others: [] },
      { number: '2', lead: ['市政务服务数据管理局'], others: [] },
      { number: '3', lead: ['市地方金融监管局'], others: ['市财政局', '市工信局'] },
    ],
    check: (r) => expect(r.tasks[2]!.deadline).toMatchObject({ date: '2024-12-31' }),
  },
  {
    name: 'an enumeration whose items carry notes or name "X为牵头单位，Y为责任单位"',
    parts: [
      '某县关于做好秋冬季森林防火工作的通知',
      '各乡镇人民政府，县直有关部门：',
      '为做好森林防火工作，现就有关事项通知如下：一是加强火源管控，县林业局为牵头单位，各乡镇为责任单位；二是强化应急准备（县应急管理局牵头，县消防救援大队配合）；三是加强宣传教育（县委宣传部负责）。',
    ],
    wants: [
      { number: '一是', lead: ['县林业局'], others: ['各乡镇'] },
      { number: '二是', lead: ['县应急管理局'], others: ['县消防救援大队'] },
      { number: '三是', lead: ['县委宣传部'], others: [] },
    ],
  },
  {
    name: 'a page cut in the middle of a note: the cut measure is left out, with a warning',
    parts: ['某区2024年重点任务分解', '一、城市建设', '1.推进城市更新行动。（区住建局牵头，区财政局配合）', '2.实施交通畅通工程。（区交通局牵头，区'],
    wants: [{ number: '1', lead: ['区住建局'], others: ['区财政局'] }],
    check: (r) => expect(r.warnings.map((w) => w.code)).toContain('cut-off'),
  },
];

describe('assignment families, each in three forms', () => {
  for (const f of families) {
    describe(f.name, () => {
      for (const form of FORMS) {
        it(form, async () => {
          const r = await parseAs(form, f.parts);
          expectPlan(r, f.wants, f.exact ?? true);
          f.check?.(r);
          for (const t of r.tasks) expect(t.source?.text, `task ${t.number} keeps its source`).toBeTruthy();
        });
      }
    });
  }
});
