import { useState } from 'react';
import { Alert, Button, Input, Modal, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Target } from '../../../../shared/model';
import type { TargetInput } from '../../../../shared/targets/input';
import { DIRECTION_LABELS, TARGET_STATE_LABELS, type TargetReading, type TargetState } from '../../../../shared/targets/progress';

const STATE_COLORS: Record<TargetState, string> = { met: 'green', 'on-track': 'blue', behind: 'gold', 'no-value': 'default', milestone: 'purple' };

/** A target in a few characters: "跟踪服务率 ≥100%". */
export function targetLabel(t: Target): string {
  return t.value === null ? `${t.indicator}（定性）` : `${t.indicator} ${DIRECTION_LABELS[t.direction]}${t.value}${t.unit}`;
}

interface Row extends TargetInput {
  key: number;
}

const rowOf = (t: Target, key: number): Row => ({
  key,
  id: t.id,
  indicator: t.indicator,
  unit: t.unit,
  direction: t.direction,
  value: t.value === null ? '' : String(t.value),
  baseline: t.baseline === undefined || t.baseline === null ? '' : String(t.baseline),
  deadline: t.deadline ?? '',
  text: t.text,
});

/**
 * Edit a task's targets: indicator, direction, target value (empty for a qualitative milestone), unit, deadline,
 * baseline. `onSave` checks and stores them; it returns a Chinese message when refused (the dialog stays open and
 * nothing changes).
 */
export function TargetsButton({ targets, onSave, disabled }: { targets: readonly Target[]; onSave: (inputs: TargetInput[]) => Promise<string | null> | string | null; disabled?: boolean }) {
  const [open, setOpen] = useState(false);
  const [rows, setRows] = useState<Row[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  let next = rows.reduce((m, r) => Math.max(m, r.key), 0) + 1;
  const set = (key: number, patch: Partial<Row>) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  async function save() {
    setBusy(true);
    try {
      const problem = await onSave(rows.map(({ key: _k, ...r }) => r));
      setError(problem);
      if (!problem) setOpen(false);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Button
        size="small"
        disabled={disabled}
        onClick={() => {
          setRows(targets.map(rowOf));
          setError(null);
          setOpen(true);
        }}
        data-testid="edit-targets"
      >
        {targets.length ? `量化指标 ${targets.length} 项` : '添加量化指标'}
      </Button>
      <Modal open={open} title="量化指标" width={900} okText="保存指标" cancelText="取消" onOk={() => void save()} onCancel={() => setOpen(false)} confirmLoading={busy} destroyOnHidden>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          目标值留空表示定性目标（如“2027年前达到口岸标准”）。有完成时限的数值指标按“基期值 → 目标值”的直线进度衡量，落后于进度的任务亮黄灯。
        </Typography.Paragraph>
        <Table<Row>
          size="small"
          rowKey="key"
          pagination={false}
          dataSource={rows}
          data-testid="targets-editor"
          columns={[
            { title: '指标', key: 'indicator', render: (_: unknown, r) => <Input aria-label="指标名称" value={r.indicator} onChange={(e) => set(r.key, { indicator: e.target.value })} maxLength={200} /> },
            {
              title: '比较',
              key: 'direction',
              width: 80,
              render: (_: unknown, r) => (
                <Select aria-label="比较方式" value={r.direction ?? '>='} onChange={(v: string) => set(r.key, { direction: v })} options={(['>=', '<=', '='] as const).map((d) => ({ value: d, label: DIRECTION_LABELS[d] }))} />
              ),
            },
            { title: '目标值', key: 'value', width: 100, render: (_: unknown, r) => <Input aria-label="目标值" value={String(r.value ?? '')} onChange={(e) => set(r.key, { value: e.target.value })} placeholder="定性留空" /> },
            { title: '单位', key: 'unit', width: 80, render: (_: unknown, r) => <Input aria-label="计量单位" value={r.unit} onChange={(e) => set(r.key, { unit: e.target.value })} maxLength={20} /> },
            { title: '完成时限', key: 'deadline', width: 130, render: (_: unknown, r) => <Input aria-label="指标完成时限" value={r.deadline ?? ''} onChange={(e) => set(r.key, { deadline: e.target.value })} placeholder="年-月-日" /> },
            { title: '基期值', key: 'baseline', width: 90, render: (_: unknown, r) => <Input aria-label="基期值" value={String(r.baseline ?? '')} onChange={(e) => set(r.key, { baseline: e.target.value })} placeholder="可不填" /> },
            {
              title: '',
              key: 'remove',
              width: 40,
              render: (_: unknown, r) => <Button type="text" danger aria-label="删除指标" icon={<DeleteOutlined />} onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))} />,
            },
          ]}
        />
        <Button icon={<PlusOutlined />} style={{ marginTop: 8 }} onClick={() => setRows((rs) => [...rs, { key: next++, indicator: '', unit: '%', direction: '>=', value: '', deadline: '', baseline: '' }])}>
          添加一项
        </Button>
        {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginTop: 12 }} />}
      </Modal>
    </>
  );
}

/** Value reached this period, one box per numeric target (in the progress form). */
export function TargetValueInputs({ targets, values, onChange }: { targets: readonly Target[]; values: Record<string, string>; onChange: (values: Record<string, string>) => void }) {
  const numeric = targets.filter((t) => t.value !== null);
  if (!numeric.length) return null;
  return (
    <Space orientation="vertical" size={4} style={{ marginBottom: 12, width: '100%' }} data-testid="target-values">
      <Typography.Text>本期指标达到值</Typography.Text>
      {numeric.map((t) => (
        <Space key={t.id}>
          <Typography.Text style={{ display: 'inline-block', minWidth: 160 }}>{targetLabel(t)}</Typography.Text>
          <Input aria-label={`${t.indicator}本期达到值`} value={values[t.id] ?? ''} onChange={(e) => onChange({ ...values, [t.id]: e.target.value })} suffix={t.unit} style={{ width: 140 }} placeholder="可不填" />
        </Space>
      ))}
    </Space>
  );
}

/** The readings of a task's targets (value against target and path), as tags with the sentence on hover. */
export function TargetReadings({ readings, compact = false }: { readings: readonly TargetReading[]; compact?: boolean }) {
  if (!readings.length) return null;
  return (
    <Space orientation={compact ? 'horizontal' : 'vertical'} size={4} wrap data-testid="target-readings">
      {readings.map((r) => (
        <Tooltip key={r.target.id} title={r.text}>
          <Tag color={STATE_COLORS[r.state]} style={{ marginInlineEnd: 0 }}>
            {compact ? `${r.value ?? '—'}${r.value !== null ? r.target.unit : ''}/${r.target.value === null ? '定性' : `${DIRECTION_LABELS[r.target.direction]}${r.target.value}${r.target.unit}`}` : `${r.text} · ${TARGET_STATE_LABELS[r.state]}`}
          </Tag>
        </Tooltip>
      ))}
    </Space>
  );
}
