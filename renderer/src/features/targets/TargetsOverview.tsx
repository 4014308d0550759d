import { useMemo } from 'react';
import { Card, Tag, Tooltip, Typography } from 'antd';
import { DIRECTION_LABELS, TARGET_STATE_LABELS, type TargetReading, type TargetState } from '../../../../shared/targets/progress';
import { usePlanData } from '../../store/usePlanData';
import { useUi } from '../../store/ui';
import { FigureTable } from '../../components/FigureTable';

const COLORS: Record<TargetState, string> = { met: 'green', 'on-track': 'blue', behind: 'gold', 'no-value': 'default', milestone: 'purple' };
const ORDER: Record<TargetState, number> = { behind: 0, 'no-value': 1, 'on-track': 2, milestone: 3, met: 4 };

interface Row {
  key: string;
  taskId: string;
  number: string;
  lead: string;
  reading: TargetReading;
}

const fmt = (n: number | null) => (n === null ? '—' : Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100));

/** 量化指标完成情况: every target of the plan, value against target and against its straight-line path; click opens the task. */
export function TargetsOverview() {
  const { data, derived } = usePlanData();
  const openTask = useUi((s) => s.openTask);
  const go = useUi((s) => s.go);
  const rows = useMemo<Row[]>(() => {
    if (!data || !derived) return [];
    const out: Row[] = [];
    for (const task of data.tasks) {
      for (const reading of derived.standings.get(task.id)?.targets ?? []) {
        out.push({ key: `${task.id}-${reading.target.id}`, taskId: task.id, number: task.number, lead: task.lead.map((id) => derived.unitNames.get(id) ?? '？').join('、'), reading });
      }
    }
    return out.sort((a, b) => ORDER[a.reading.state] - ORDER[b.reading.state]);
  }, [data, derived]);
  if (!rows.length) return null;
  const behind = rows.filter((r) => r.reading.state === 'behind').length;
  return (
    <Card size="small" title="量化指标完成情况" extra={<Typography.Text type={behind ? 'warning' : 'secondary'}>{behind ? `${behind} 项落后于进度（任务亮黄灯）` : '按基期值到目标值的直线进度衡量'}</Typography.Text>}>
      <FigureTable<Row>
        rows={rows}
        rowKey={(r) => r.key}
        testId="targets-overview"
        pageSize={10}
        rowProps={(r) => ({
          onClick: () => {
            go('tasks');
            openTask(r.taskId);
          },
          style: { cursor: 'pointer' },
        })}
        columns={[
          { key: 'number', title: '任务', width: 70, cell: (r) => r.number },
          { key: 'lead', title: '牵头单位', width: 160, ellipsis: true, cell: (r) => <span title={r.lead}>{r.lead}</span> },
          { key: 'indicator', title: '指标', ellipsis: true, cell: (r) => <Tooltip title={r.reading.target.text}>{r.reading.target.indicator}</Tooltip> },
          { key: 'target', title: '目标', width: 130, cell: (r) => (r.reading.target.value === null ? '定性目标' : `${DIRECTION_LABELS[r.reading.target.direction]}${r.reading.target.value}${r.reading.target.unit}`) },
          { key: 'deadline', title: '时限', width: 100, cell: (r) => r.reading.target.deadline ?? '—' },
          { key: 'value', title: '本期值', width: 90, cell: (r) => (r.reading.value === null ? '—' : `${fmt(r.reading.value)}${r.reading.target.unit}`) },
          { key: 'expected', title: '按进度应达', width: 100, cell: (r) => (r.reading.expected === null ? '—' : `${fmt(r.reading.expected)}${r.reading.target.unit}`) },
          { key: 'state', title: '情况', width: 110, cell: (r) => <Tag color={COLORS[r.reading.state]}>{TARGET_STATE_LABELS[r.reading.state]}</Tag> },
        ]}
      />
    </Card>
  );
}
