import { memo } from 'react';
import { Button, Input, Select, Space, Tag } from 'antd';
import { periodLabel } from '../../../../shared/model';
import { OWED_STATES, REPORTED_STATES, UNREPORTED_STATES, type TaskPeriodState } from '../../../../shared/tracking/reporting';
import { SearchOutlined } from '@ant-design/icons';
import { REPORT_STATUSES, REPORT_STATUS_LABELS, type ReportStatus } from '../../../../shared/model';
import { ROLES, ROLE_LABELS, type Role } from '../../../../shared/tracking/roles';
import { LIGHTS, LIGHT_LABELS, type Light } from '../../../../shared/tracking/standing';
import { isEmptyFilter, type TaskFilter } from '../../../../shared/tracking/taskFilter';
import { useTaskTable } from '../../store/taskTable';

const DEADLINE_WINDOWS = [
  { value: 'overdue', label: '已逾期' },
  { value: '7', label: '7 天内到期' },
  { value: '30', label: '30 天内到期' },
  { value: '90', label: '90 天内到期' },
];

const sameStates = (a: readonly TaskPeriodState[], b: readonly TaskPeriodState[]) => a.length === b.length && a.every((s) => b.includes(s));
const PERIOD_STATE_WORDS: Record<TaskPeriodState, string> = { 'not-owed': '无需报送', reported: '按时报送', late: '迟报', 'not-due': '未到期未报', missing: '逾期未报' };

/** The filters a supervisor click-through sets that have no field of their own above the table. */
function clickThroughLabels(filter: TaskFilter): string[] {
  const out: string[] = [];
  if (filter.noLead) out.push('未明确牵头单位');
  if (filter.confirmedOnly) out.push('已销号');
  if (filter.awaitingConfirmOnly) out.push('待销号');
  if (filter.period && filter.periodStates?.length) {
    const states = filter.periodStates;
    const words = sameStates(states, OWED_STATES)
      ? '应报送'
      : sameStates(states, REPORTED_STATES)
        ? '已报送'
        : sameStates(states, UNREPORTED_STATES)
          ? '尚未报送'
          : states.map((s) => PERIOD_STATE_WORDS[s]).join('、');
    out.push(`${periodLabel(filter.period)}${words}`);
  }
  return out;
}

/** Search, unit and role, status, light and deadline-window filters above the task table. */
/** Memoised: a saved report re-renders the page, not its filters (their inputs did not change). */
export const TaskFilters = memo(function TaskFilters({ units, showUnit }: { units: { id: string; name: string }[]; showUnit: boolean }) {
  const filter = useTaskTable((s) => s.filter);
  const setFilter = useTaskTable((s) => s.setFilter);
  const clearFilter = useTaskTable((s) => s.clearFilter);
  const windowValue = filter.overdueOnly ? 'overdue' : filter.deadlineWithinDays !== undefined ? String(filter.deadlineWithinDays) : undefined;
  return (
    <Space wrap size={8}>
      <Input
        allowClear
        aria-label="搜索任务"
        prefix={<SearchOutlined />}
        placeholder="搜索序号、内容、单位、进展"
        value={filter.text ?? ''}
        onChange={(e) => setFilter({ text: e.target.value })}
        style={{ width: 240 }}
      />
      {showUnit && (
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          aria-label="按单位筛选"
          placeholder="单位"
          value={filter.unitId}
          onChange={(v?: string) => setFilter({ unitId: v })}
          options={units.map((u) => ({ value: u.id, label: u.name }))}
          style={{ width: 180 }}
          popupMatchSelectWidth={false}
        />
      )}
      <Select
        allowClear
        aria-label="按角色筛选"
        placeholder="角色"
        value={filter.role}
        onChange={(v?: Role) => setFilter({ role: v })}
        options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
        style={{ width: 110 }}
      />
      <Select
        mode="multiple"
        allowClear
        aria-label="按状态筛选"
        placeholder="状态"
        value={filter.statuses ?? []}
        onChange={(v: (ReportStatus | 'none')[]) => setFilter({ statuses: v })}
        options={[...REPORT_STATUSES.map((s) => ({ value: s, label: REPORT_STATUS_LABELS[s] })), { value: 'none', label: '未报送' }]}
        style={{ minWidth: 120 }}
        maxTagCount="responsive"
      />
      <Select
        mode="multiple"
        allowClear
        aria-label="按灯筛选"
        placeholder="红黄绿灯"
        value={filter.lights ?? []}
        onChange={(v: Light[]) => setFilter({ lights: v })}
        options={LIGHTS.map((l) => ({ value: l, label: LIGHT_LABELS[l] }))}
        style={{ minWidth: 120 }}
        maxTagCount="responsive"
      />
      <Select
        allowClear
        aria-label="按完成时限筛选"
        placeholder="完成时限"
        value={windowValue}
        onChange={(v?: string) =>
          setFilter(v === 'overdue' ? { overdueOnly: true, deadlineWithinDays: undefined } : { overdueOnly: undefined, deadlineWithinDays: v ? Number(v) : undefined })
        }
        options={DEADLINE_WINDOWS}
        style={{ width: 130 }}
      />
      {clickThroughLabels(filter).map((label) => (
        <Tag key={label} color="blue" data-testid="filter-tag">
          {label}
        </Tag>
      ))}
      {!isEmptyFilter(filter) && (
        <Button type="link" onClick={clearFilter}>
          清除筛选
        </Button>
      )}
    </Space>
  );
});
