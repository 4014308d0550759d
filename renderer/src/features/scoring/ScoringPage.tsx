import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Drawer, Empty, Input, InputNumber, Modal, Segmented, Select, Space, Spin, Switch, Table, Tag, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { periodLabel, type ScoreItem } from '../../../../shared/model';
import { computeScores, windowRange, type ScoreWindow, type UnitScore } from '../../../../shared/scoring/compute';
import { buildScoreBulletinDocx, buildScoresXlsx } from '../../../../shared/scoring/exports';
import { beyondCap, discretionaryCap, itemMax, itemRule, schemeItems } from '../../../../shared/scoring/scheme';
import { defaultAdjustmentPeriod, periodsDueIn } from '../../../../shared/scoring/compute';
import { getDatabase } from '../../../db/database';
import { planGates } from '../../../db/authorize';
import { InputRefusedError } from '../../../db/plans';
import { addAdjustment, loadScoringRecords, removeAdjustment, saveScheme } from '../../../db/scoring';
import { getPlatform } from '../../../platform';
import { usePlanData } from '../../store/usePlanData';
import { useUi } from '../../store/ui';

type Part = 'year' | '1' | '2' | '3' | '4';
const EFFECT = { credit: { mark: '✓', color: '#1b5e20' }, debit: { mark: '✗', color: '#b71c1c' }, info: { mark: '—', color: '#8c8c8c' } } as const;

/** The scheme editor: each item on or off, its points and cap. Saved for the chosen year (the next years follow it). */
function SchemeDialog({ open, onClose, items, year, planId }: { open: boolean; onClose: () => void; items: ScoreItem[]; year: number; planId: string }) {
  const { message } = App.useApp();
  const [rows, setRows] = useState<ScoreItem[]>(items);
  const [error, setError] = useState<string | null>(null);
  const set = (i: number, patch: Partial<ScoreItem>) => setRows((rs) => rs.map((r, k) => (k === i ? { ...r, ...patch } : r)));
  async function save() {
    try {
      await saveScheme(getDatabase(), planId, year, rows);
      message.success(`${year}年度考核方案已保存`);
      onClose();
    } catch (e) {
      setError(e instanceof InputRefusedError ? e.message : '保存失败，请重试');
    }
  }
  return (
    <Modal open={open} title={`${year}年度考核方案`} width={860} okText="保存方案" cancelText="取消" onOk={() => void save()} onCancel={onClose} destroyOnHidden>
      <Table<ScoreItem>
        size="small"
        rowKey="kind"
        pagination={false}
        dataSource={rows}
        data-testid="scheme-editor"
        columns={[
          { title: '计分', key: 'on', width: 60, render: (_: unknown, r, i) => <Switch size="small" checked={r.enabled} onChange={(v) => set(i, { enabled: v })} aria-label={`${r.label}计分`} /> },
          { title: '考核项', key: 'label', width: 200, render: (_: unknown, r, i) => <Input value={r.label} onChange={(e) => set(i, { label: e.target.value })} aria-label="考核项名称" /> },
          {
            title: '分值',
            key: 'points',
            width: 110,
            render: (_: unknown, r, i) => (r.kind === 'discretionary' ? '—' : <InputNumber value={r.points} min={0} max={1000} onChange={(v) => set(i, { points: v ?? 0 })} aria-label={`${r.label}分值`} style={{ width: 90 }} />),
          },
          {
            title: '上限',
            key: 'cap',
            width: 110,
            render: (_: unknown, r, i) => (['overdue', 'returned', 'discretionary'].includes(r.kind) ? <InputNumber value={r.cap} min={0} max={1000} onChange={(v) => set(i, { cap: v ?? 0 })} aria-label={`${r.label}上限`} style={{ width: 90 }} /> : '—'),
          },
          { title: '计分规则', key: 'rule', render: (_: unknown, r) => <Typography.Text type="secondary">{itemRule(r)}</Typography.Text> },
        ]}
      />
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginTop: 12 }} />}
    </Modal>
  );
}

/** 酌情加减分: points with a reason for a unit in a period; the list of entries with withdrawal. */
function AdjustmentDialog({ open, onClose, planId, units, periods, defaultPeriod, cap, entries, canEdit }: { open: boolean; onClose: () => void; planId: string; units: { id: string; name: string }[]; periods: string[]; defaultPeriod?: string; cap: number | null; entries: { id: string; unit: string; period: string; points: number; reason: string }[]; canEdit: boolean }) {
  const { message } = App.useApp();
  const [unitId, setUnitId] = useState<string | undefined>();
  const [chosen, setPeriod] = useState<string | undefined>();
  const period = chosen ?? defaultPeriod ?? periods[0]; // (defaultAdjustmentPeriod picks one of `periods`)
  const [points, setPoints] = useState('');
  // Points beyond the scheme's cap are recorded but count only up to it: said before recording.
  const entered = Number(points.trim());
  const overCap = beyondCap(entered, cap);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  async function add() {
    setError(null);
    try {
      if (!unitId) throw new InputRefusedError('请选择单位');
      await addAdjustment(getDatabase(), { planId, unitId, period: period ?? '', points, reason });
      message.success('已记录加减分');
      setPoints('');
      setReason('');
    } catch (e) {
      setError(e instanceof InputRefusedError ? e.message : '保存失败，请重试');
    }
  }
  return (
    <Modal open={open} title="酌情加减分" width={760} footer={null} onCancel={onClose} destroyOnHidden>
      {canEdit && (
        <Space orientation="vertical" style={{ width: '100%' }} data-testid="adjustment-form">
          <Space wrap>
            <Select aria-label="加减分单位" placeholder="选择单位" value={unitId} onChange={setUnitId} options={units.map((u) => ({ value: u.id, label: u.name }))} style={{ width: 220 }} showSearch={{ optionFilterProp: 'label' }} />
            <Select aria-label="计入期次" value={period} onChange={setPeriod} options={periods.map((p) => ({ value: p, label: periodLabel(p) }))} style={{ width: 170 }} />
            <Input aria-label="分值" value={points} onChange={(e) => setPoints(e.target.value)} placeholder="加分填正数，减分填负数" style={{ width: 190 }} />
          </Space>
          <Input.TextArea aria-label="理由" value={reason} onChange={(e) => setReason(e.target.value)} rows={2} placeholder="理由（必填），如：经验做法被省局推广" maxLength={2000} />
          {overCap && <Alert type="warning" showIcon data-testid="adjustment-over-cap" title={`考核方案规定每个单位酌情加减分合计不超过 ±${cap} 分：此条 ${entered > 0 ? '+' : ''}${entered} 分记录后，超出部分不计入得分`} />}
          {error && <Alert type="error" showIcon title={error} role="alert" />}
          <Button type="primary" onClick={() => void add()} data-testid="adjustment-submit">
            记录
          </Button>
        </Space>
      )}
      <div style={{ marginTop: 12 }} data-testid="adjustment-list">
        <Typography.Text type="secondary">已记录 {entries.length} 条</Typography.Text>
        {entries.map((e) => (
          <div key={e.id} style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', padding: '6px 0', borderBottom: '1px solid #f0f0f0' }}>
            <Space>
              <Tag color={e.points > 0 ? 'green' : 'red'}>{e.points > 0 ? `+${e.points}` : e.points}</Tag>
              {e.unit} · {periodLabel(e.period)}：{e.reason}
            </Space>
            {canEdit && (
              <Button size="small" danger onClick={() => void removeAdjustment(getDatabase(), e.id).then(() => message.success('已撤销'), (err: unknown) => message.error(err instanceof InputRefusedError ? err.message : '撤销失败'))}>
                撤销
              </Button>
            )}
          </div>
        ))}
      </div>
    </Modal>
  );
}

/** 考核: the scheme in force for the year, each unit's score per year or quarter, the ranking, and why. */
export function ScoringPage() {
  const { data, today, identity, loading, error } = usePlanData();
  const planId = useUi((s) => s.planId);
  const { message } = App.useApp();
  const db = getDatabase();
  const records = useLiveQuery(() => (planId ? loadScoringRecords(db, planId) : null), [db, planId]);
  const gates = useLiveQuery(() => (planId ? planGates(db, identity ?? null, planId) : undefined), [db, planId, identity]);
  const [year, setYear] = useState<number | null>(null);
  const [part, setPart] = useState<Part>('year');
  const [openUnit, setOpenUnit] = useState<string | null>(null);
  const [schemeOpen, setSchemeOpen] = useState(false);
  const [adjOpen, setAdjOpen] = useState(false);

  const years = useMemo(() => {
    if (!data) return [];
    const first = Number((data.plan.date ?? data.plan.createdAt).slice(0, 4));
    const last = Number(today.slice(0, 4));
    const out: number[] = [];
    for (let y = last; y >= Math.min(first, last) && out.length < 10; y--) out.push(y);
    return out;
  }, [data, today]);
  const chosenYear = year ?? years[0] ?? Number(today.slice(0, 4));
  const window: ScoreWindow = part === 'year' ? { kind: 'year', year: chosenYear } : { kind: 'quarter', year: chosenYear, quarter: Number(part) as 1 | 2 | 3 | 4 };
  const scheme = useMemo(() => (data && records ? schemeItems(records.schemes, data.plan.id, chosenYear) : null), [data, records, chosenYear]);
  const scores = useMemo<UnitScore[]>(
    () => (data && records && scheme ? computeScores({ plan: data.plan, tasks: data.tasks, units: data.units, reports: data.reports, actions: data.actions, adjustments: records.adjustments, items: scheme.items, window, today }) : []),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [data, records, scheme, chosenYear, part, today],
  );

  if (error) return <Alert type="error" showIcon title={error} />;
  if (!planId) return <Empty description="还没有计划。请先导入措施文件。" />;
  if (!data || !records || !scheme) return <Spin description={loading ? '正在读取…' : '正在计算…'} style={{ display: 'block', marginTop: 120 }} />;

  // The one authority policy decides (a supervisor key of the plan's owner office), as the command does.
  const owner = gates?.scoring === null;
  const enabled = scheme.items.filter((i) => i.enabled);
  const { label } = windowRange(window);
  const x = { plan: data.plan, window, items: scheme.items, scores, today };
  const unitNames = new Map(data.units.map((u) => [u.id, u.name]));
  const periodsOfYear = periodsDueIn(data.plan, `${chosenYear}-01-01`, `${chosenYear}-12-31`);
  const entries = records.adjustments
    .filter((a) => periodsOfYear.includes(a.period))
    .map((a) => ({ id: a.id, unit: unitNames.get(a.unitId) ?? '？', period: a.period, points: a.points, reason: a.reason }));
  const opened = scores.find((s) => s.unitId === openUnit) ?? null;

  async function save(kind: 'xlsx' | 'docx') {
    try {
      const bytes = kind === 'xlsx' ? await buildScoresXlsx(x) : await buildScoreBulletinDocx(x);
      const result = await getPlatform().saveFile({
        title: kind === 'xlsx' ? '导出考核得分' : '导出考核通报',
        suggestedName: `${label}${kind === 'xlsx' ? '考核得分' : '考核通报'}.${kind}`,
        filters: [kind === 'xlsx' ? { name: 'Excel 工作簿', extensions: ['xlsx'] } : { name: 'Word 文档', extensions: ['docx'] }],
        bytes,
      });
      if (result.saved) message.success(result.location ? `已导出到 ${result.location}` : '已导出');
    } catch (e) {
      console.warn('export failed', e);
      message.error('导出失败，请重试');
    }
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="scoring-page">
      <Card size="small">
        <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
          <Space wrap>
            {/* A fixed width: the title's length changes with the period, and the controls beside it must not move under the pointer. */}
            <Typography.Title level={5} style={{ margin: 0, width: 180, whiteSpace: 'nowrap' }}>
              {label}考核
            </Typography.Title>
            <Select aria-label="考核年度" value={chosenYear} onChange={(v: number) => setYear(v)} options={years.map((y) => ({ value: y, label: `${y}年` }))} style={{ width: 100 }} />
            <Segmented
              value={part}
              onChange={(v) => setPart(v as Part)}
              options={[
                { value: 'year', label: '全年' },
                { value: '1', label: '一季度' },
                { value: '2', label: '二季度' },
                { value: '3', label: '三季度' },
                { value: '4', label: '四季度' },
              ]}
              data-testid="score-window"
            />
          </Space>
          <Space wrap>
            <Button onClick={() => setSchemeOpen(true)} disabled={!owner} data-testid="edit-scheme">
              考核方案{scheme.from === null ? '（默认）' : scheme.from !== chosenYear ? `（沿用${scheme.from}年）` : ''}
            </Button>
            <Button onClick={() => setAdjOpen(true)} data-testid="open-adjustments">
              酌情加减分（{entries.length}）
            </Button>
            <Button onClick={() => void save('xlsx')} data-testid="export-scores">
              导出得分（Excel）
            </Button>
            <Button onClick={() => void save('docx')} data-testid="export-bulletin">
              导出考核通报（Word）
            </Button>
          </Space>
        </Space>
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          得分由台账中的报送、销号、退回、量化指标和酌情加减分实时计算，不另行保存；点击单位查看每一分的依据。
        </Typography.Paragraph>
      </Card>
      <Card size="small" title="得分排名">
        <Table<UnitScore>
          size="small"
          rowKey="unitId"
          dataSource={scores}
          data-testid="score-table"
          pagination={scores.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          onRow={(s) => ({ onClick: () => setOpenUnit(s.unitId), style: { cursor: 'pointer' } })}
          locale={{ emptyText: '没有需要考核的单位（任务尚未明确牵头单位）' }}
          columns={[
            { title: '名次', dataIndex: 'rank', width: 64, align: 'center' },
            { title: '单位', dataIndex: 'name', render: (n: string) => <Typography.Link>{n}</Typography.Link> },
            ...enabled.map((item) => ({
              title: `${item.label}${itemMax(item) ? `（${itemMax(item)}）` : ''}`,
              key: item.kind,
              width: 120,
              align: 'center' as const,
              render: (_: unknown, s: UnitScore) => {
                const it = s.items.find((i) => i.kind === item.kind);
                return <span title={it?.note}>{it?.score ?? 0}</span>;
              },
            })),
            { title: '总分', dataIndex: 'total', width: 80, align: 'center', render: (t: number) => <Typography.Text strong>{t}</Typography.Text> },
          ]}
        />
      </Card>
      <Drawer open={!!opened} size={760} onClose={() => setOpenUnit(null)} title={opened ? `${opened.name} · ${label}考核 ${opened.total} 分（第 ${opened.rank} 名）` : ''} destroyOnHidden>
        {opened && (
          <Space orientation="vertical" style={{ width: '100%' }} data-testid="score-detail">
            {opened.items.map((item) => (
              <Card key={item.kind} size="small" title={`${item.label}：${item.score} 分`} extra={<Typography.Text type="secondary">{item.note}</Typography.Text>}>
                {item.evidence.length === 0 ? (
                  <Typography.Text type="secondary">{item.kind === 'discretionary' ? '无加减分' : '无'}</Typography.Text>
                ) : (
                  item.evidence.map((e, k) => (
                    <div key={k} style={{ color: EFFECT[e.effect].color }}>
                      {EFFECT[e.effect].mark} {e.text}
                    </div>
                  ))
                )}
              </Card>
            ))}
          </Space>
        )}
      </Drawer>
      {/* Mounted when opened, so it starts from the scheme in force. */}
      {schemeOpen && <SchemeDialog open onClose={() => setSchemeOpen(false)} items={scheme.items} year={chosenYear} planId={data.plan.id} />}
      <AdjustmentDialog
        open={adjOpen}
        onClose={() => setAdjOpen(false)}
        planId={data.plan.id}
        canEdit={owner}
        units={scores.map((s) => ({ id: s.unitId, name: s.name }))}
        periods={periodsOfYear}
        defaultPeriod={defaultAdjustmentPeriod(data.plan, window, periodsOfYear, today)}
        cap={discretionaryCap(scheme)}
        entries={entries}
      />
    </Space>
  );
}
