import { describe, expect, it } from 'vitest';
import { unitId } from '../../../shared/model';
import { countByRole, rolesOf, tasksOfUnit, ROLE_LABELS } from '../../../shared/tracking/roles';
import { filterTaskRows, isEmptyFilter } from '../../../shared/tracking/taskFilter';
import { computeStandings } from '../../../shared/tracking/standing';
import { action, report, samplePlan } from './fixtures';

const records = samplePlan();
const market = unitId('市市场监管局');
const health = unitId('市卫生健康局');
const police = unitId('市公安局');
const county = unitId('县市场监管局');

describe('我的任务 by role', () => {
  it('lists the roles a unit has in each task', () => {
    expect(rolesOf(records.tasks[0]!, market)).toEqual(['lead']);
    expect(rolesOf(records.tasks[2]!, market)).toEqual(['support']);
    expect(rolesOf(records.tasks[1]!, county)).toEqual(['implement']);
    expect(rolesOf(records.tasks[0]!, county)).toEqual([]);
    expect(ROLE_LABELS.implement).toBe('具体落实');
  });
  it('returns the unit’s tasks in plan order with roles, and counts by role', () => {
    expect(tasksOfUnit(records.tasks, market).map((t) => [t.task.number, t.roles])).toEqual([
      ['1', ['lead']],
      ['2', ['lead']],
      ['3', ['support']],
    ]);
    expect(tasksOfUnit(records.tasks, police).map((t) => t.task.number)).toEqual(['1']);
    expect(countByRole(records.tasks, market)).toEqual({ lead: 2, support: 1, implement: 0 });
    expect(tasksOfUnit(records.tasks, unitId('无关单位'))).toEqual([]);
  });
});

describe('task filters', () => {
  const today = '2024-07-05';
  const reports = [
    report(records, 0, 0, '2024-Q3', { progress: '已完成线上平台建设' }),
    report(records, 1, 0, '2024-Q3', { status: 'done' }),
    report(records, 1, 1, '2024-Q3', { status: 'done' }),
  ];
  const actions = [action(records, 1, 'confirm')];
  const standings = computeStandings({ plan: records.plan, tasks: records.tasks, reports, actions, today });
  const rows = records.tasks.map((task) => ({ task, standing: standings.get(task.id)! }));
  const unitNames = new Map(records.units.map((u) => [u.id, u.name]));
  const ctx = { today, unitNames };
  const numbers = (f: Parameters<typeof filterTaskRows>[1]) => filterTaskRows(rows, f, ctx).map((r) => r.task.number);

  it('an empty filter keeps every row in order', () => {
    expect(numbers({})).toEqual(['1', '2', '3']);
    expect(isEmptyFilter({ text: '  ' })).toBe(true);
    expect(isEmptyFilter({ lights: ['red'] })).toBe(false);
  });
  it('filters by unit and role', () => {
    expect(numbers({ unitId: market })).toEqual(['1', '2', '3']);
    expect(numbers({ unitId: market, role: 'support' })).toEqual(['3']);
    expect(numbers({ unitId: county, role: 'implement' })).toEqual(['2']);
    expect(numbers({ role: 'implement' })).toEqual(['2']);
  });
  it('filters by status (none = not reported) and light', () => {
    expect(numbers({ statuses: ['done'] })).toEqual(['2']);
    expect(numbers({ statuses: ['none'] })).toEqual(['3']);
    expect(numbers({ lights: ['red'] })).toEqual(['1']);
    expect(numbers({ lights: ['grey', 'green'] })).toEqual(['2', '3']);
    expect(numbers({ lights: ['green'] })).toEqual(['2']);
  });
  it('filters by deadline window and overdue', () => {
    expect(numbers({ overdueOnly: true })).toEqual(['1']);
    expect(numbers({ deadlineWithinDays: 200 })).toEqual(['2']);
    expect(numbers({ deadlineWithinDays: 30 })).toEqual([]);
  });
  it('free text matches number, content, unit names and progress; all terms must match', () => {
    expect(numbers({ text: '证照' })).toEqual(['2']);
    expect(numbers({ text: '公安' })).toEqual(['1']);
    expect(numbers({ text: '线上平台' })).toEqual(['1']);
    expect(numbers({ text: '卫生健康 长效' })).toEqual(['3']);
    expect(numbers({ text: '卫生健康 不存在的词' })).toEqual([]);
    expect(numbers({ text: '证照', lights: ['red'] })).toEqual([]);
  });
});
