import { describe, expect, it } from 'vitest';
import { unitId, type Action, type Report } from '../../../shared/model';
import { filterContextFor, NO_LEAD_NAME, planFigures, reportingMatrix, summarizeLeadUnits, type Figure, type SupervisorInput } from '../../../shared/reports/supervisor';
import { computeStandings } from '../../../shared/tracking/standing';
import { filterTaskRows } from '../../../shared/tracking/taskFilter';
import { action, report, samplePlan } from '../tracking/fixtures';

/**
 * Issue 9 §2, the supervisor's numbers: each case below was wrong before the one reporting-state rule and the
 * figure/filter pairs (shared/tracking/reporting.ts, shared/reports/supervisor.ts).
 */
const market = unitId('市市场监管局');
const health = unitId('市卫生健康局');

function input(records: ReturnType<typeof samplePlan>, reports: Report[], actions: Action[], today: string): SupervisorInput {
  return { plan: records.plan, tasks: records.tasks, units: records.units, reports, actions, today };
}

/** How many rows the task table shows for a figure's click-through (全部任务, filtered). */
function rowsShown(inp: SupervisorInput, figure: Figure): number {
  const standings = computeStandings(inp);
  const rows = inp.tasks.filter((t) => !t.deleted).map((task) => ({ task, standing: standings.get(task.id)! }));
  return filterTaskRows(rows, figure.filter, filterContextFor(inp)).length;
}

describe('units × periods matrix and lead-unit table: one reporting state', () => {
  const records = samplePlan();

  it('the current period is not red before its due day', () => {
    const inp = input(records, [report(records, 1, 0, '2024-Q1', { reportedAt: '2024-03-10T02:00:00Z' })], [], '2024-06-10');
    const m = reportingMatrix(inp);
    const row = m.rows.find((r) => r.unitId === market)!;
    expect(m.currentPeriod).toBe('2024-Q2');
    expect(row.cells['2024-Q2']).toBe('not-due');
    expect(summarizeLeadUnits(inp).find((s) => s.unitId === market)!.period!.state).toBe('not-due');
  });

  it('"已报 1/2" is 部分报送, not 已报', () => {
    const inp = input(records, [report(records, 1, 0, '2024-Q2', { reportedAt: '2024-06-01T02:00:00Z' })], [], '2024-06-25');
    const row = reportingMatrix(inp).rows.find((r) => r.unitId === market)!;
    expect(row.counts['2024-Q2']).toEqual({ reported: 1, expected: 2 });
    expect(row.cells['2024-Q2']).toBe('partial');
  });

  it('the same unit and period read the same in the matrix and in the lead-unit table', () => {
    // Task 1 confirmed in Q1; task 2 not reported in Q2: both views owe one task (task 2), reported 0.
    const reports = [report(records, 0, 0, '2024-Q1', { status: 'done', reportedAt: '2024-03-01T02:00:00Z' })];
    const actions = [action(records, 0, 'confirm', { date: '2024-03-05' })];
    const inp = input(records, reports, actions, '2024-06-25');
    const cell = reportingMatrix(inp).rows.find((r) => r.unitId === market)!;
    const summary = summarizeLeadUnits(inp).find((s) => s.unitId === market)!;
    expect(cell.counts['2024-Q2']).toEqual({ reported: 0, expected: 1 });
    expect({ reported: summary.period!.reported, expected: summary.period!.expected }).toEqual(cell.counts['2024-Q2']);
    expect(summary.period!.state).toBe(cell.cells['2024-Q2']);
    expect(cell.cells['2024-Q2']).toBe('missing');
  });

  it('periods that ended before the plan started are not shown (so never red)', () => {
    const late = samplePlan(undefined, '2024-03-25'); // issued after Q1's due day (03-20)
    const m = reportingMatrix(input(late, [], [], '2024-07-01'));
    expect(m.periods).toEqual(['2024-Q2', '2024-Q3']);
    expect(m.rows.every((r) => r.cells['2024-Q3'] === 'not-due' && r.cells['2024-Q2'] === 'missing')).toBe(true);
  });

  it('a matrix cell’s click-through keeps its unit, period and role, and shows as many tasks as it owes', () => {
    const inp = input(records, [report(records, 1, 0, '2024-Q2', { reportedAt: '2024-06-01T02:00:00Z' })], [], '2024-06-25');
    const row = reportingMatrix(inp).rows.find((r) => r.unitId === health)!;
    const fig = row.figures['2024-Q1']!;
    expect(fig.filter).toMatchObject({ unitId: health, role: 'lead', period: '2024-Q1' });
    expect(rowsShown(inp, fig)).toBe(row.counts['2024-Q1']!.expected);
    expect(fig.value).toBe(2);
  });
});

describe('待销号, 未明确牵头单位, 逾期 and 滞后', () => {
  it('待销号 counts tasks: a task with two leads that both report 已完成 counts once', () => {
    const records = samplePlan();
    const reports = [
      report(records, 1, 0, '2024-Q2', { status: 'done', reportedAt: '2024-06-01T02:00:00Z' }),
      report(records, 1, 1, '2024-Q2', { status: 'done', reportedAt: '2024-06-01T02:00:00Z' }),
    ];
    const inp = input(records, reports, [], '2024-06-10');
    const figures = planFigures(inp);
    expect(figures.awaitingConfirm.value).toBe(1);
    expect(rowsShown(inp, figures.awaitingConfirm)).toBe(1);
  });

  it('tasks without a lead show as 未明确牵头单位, and the click-through shows them', () => {
    const records = samplePlan([
      { number: '1', section: [], content: '有牵头', lead: ['市市场监管局'], support: [], implement: [], deadline: null },
      { number: '2', section: [], content: '无牵头，只有落实单位', lead: [], support: ['市公安局'], implement: ['县市场监管局'], deadline: null },
    ]);
    const inp = input(records, [], [], '2024-06-10');
    const rows = summarizeLeadUnits(inp);
    expect(rows.map((r) => r.name)).toEqual([NO_LEAD_NAME, '市市场监管局']);
    const noLead = rows[0]!;
    expect(noLead.led).toBe(1);
    expect(rowsShown(inp, noLead.figures.led)).toBe(1);
    // Not counted under the implementing unit as if it led the task.
    expect(rows.some((r) => r.unitId === unitId('县市场监管局'))).toBe(false);
    expect(planFigures(inp).noLead.value).toBe(1);
    expect(rowsShown(inp, planFigures(inp).noLead)).toBe(1);
  });

  it('a self-reported 滞后 is not 逾期: 逾期 is past the effective deadline (counting approved extensions)', () => {
    const records = samplePlan();
    const reports = [report(records, 0, 0, '2024-Q2', { status: 'delayed', reportedAt: '2024-05-01T02:00:00Z' })];
    const inp = input(records, reports, [], '2024-05-10');
    const figures = planFigures(inp);
    expect(figures.delayed.value).toBe(1);
    expect(figures.overdue.value).toBe(0);
    const summary = summarizeLeadUnits(inp).find((s) => s.unitId === market)!;
    expect(summary.overdue).toBe(0);
    expect(summary.delayed).toBe(1);
    expect(summary.lights.red).toBe(1); // 滞后 is still a red light
    // Past the deadline (06-30): 逾期; an approved extension to 09-30 lifts it.
    const after = input(records, [], [], '2024-07-05');
    expect(planFigures(after).overdue.value).toBe(1);
    expect(rowsShown(after, planFigures(after).overdue)).toBe(1);
    const extended = input(records, [], [action(records, 0, 'extension-approve', { newDeadline: '2024-09-30' })], '2024-07-05');
    expect(planFigures(extended).overdue.value).toBe(0);
  });
});
