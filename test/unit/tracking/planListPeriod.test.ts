import { describe, expect, it } from 'vitest';
import { periodText, summarisePlans } from '../../../shared/tracking/planList';
import { deadlineExtension, effectiveDeadlineOf } from '../../../shared/tracking/standing';
import { deadlineCellText } from '../../../shared/reports/deadlineText';
import { extendsDeadline } from '../../../shared/tracking/deadlines';
import { checkActionInput } from '../../../shared/tracking/reportInput';
import { action, samplePlan } from './fixtures';

/** The plan list's period ends at the latest deadline in force: an approved 延期 past the document's moves it. */
describe('plan list period with approved 延期', () => {
  const records = samplePlan();
  const [t1, t2] = records.tasks;

  it('ends at the document’s latest deadline when nothing was extended', () => {
    const [summary] = summarisePlans([records.plan], records.tasks, []);
    expect(summary!.period).toEqual({ from: '2024-01-10', to: '2024-12-31' });
    expect(periodText(summary!.period)).toBe('2024-01-10 至 2024-12-31');
  });

  it('ends at an approved 延期 beyond the document’s deadlines, and says so', () => {
    const approve = action(records, 1, 'extension-approve', { newDeadline: '2025-06-30', unitId: t2!.lead[0]! });
    const [summary] = summarisePlans([records.plan], records.tasks, [approve]);
    expect(summary!.period).toEqual({ from: '2024-01-10', to: '2025-06-30', extended: true });
    expect(periodText(summary!.period)).toBe('2024-01-10 至 2025-06-30（含延期）');
  });

  it('an extension that stays before the latest deadline leaves the end as it was', () => {
    const approve = action(records, 0, 'extension-approve', { newDeadline: '2024-09-30', unitId: t1!.lead[0]! });
    const [summary] = summarisePlans([records.plan], records.tasks, [approve]);
    expect(summary!.period).toEqual({ from: '2024-01-10', to: '2024-12-31' });
  });

  it('counts only what effectiveDeadlineOf counts: not requests, refusals, withdrawn approvals, or an approval for a supporting unit', () => {
    const request = action(records, 1, 'extension-request', { newDeadline: '2026-01-31', unitId: t2!.lead[0]! });
    const refused = action(records, 1, 'extension-refuse', { newDeadline: '2026-02-28', unitId: t2!.lead[0]! });
    const withdrawn = action(records, 1, 'extension-approve', { newDeadline: '2026-03-31', unitId: t2!.lead[0]!, deleted: true });
    const supporter = action(records, 0, 'extension-approve', { newDeadline: '2026-04-30', unitId: t1!.support[0]! });
    const actions = [request, refused, withdrawn, supporter];
    const [summary] = summarisePlans([records.plan], records.tasks, actions);
    expect(summary!.period.to).toBe('2024-12-31');
    // The same answer as the task's own rule, task by task.
    const latest = records.tasks.map((t) => effectiveDeadlineOf(t, actions.filter((a) => a.taskId === t.id))).filter(Boolean).sort().pop();
    expect(summary!.period.to).toBe(latest);
  });

  it('a deleted task’s extension does not count; another plan’s does not either', () => {
    const approve = action(records, 1, 'extension-approve', { newDeadline: '2025-06-30', unitId: t2!.lead[0]! });
    const tasks = records.tasks.map((t) => (t.id === t2!.id ? { ...t, deleted: true } : t));
    expect(summarisePlans([records.plan], tasks, [approve])[0]!.period).toEqual({ from: '2024-01-10', to: '2024-06-30' });
    const otherPlan = { ...records.plan, id: 'plan_00000000000000ff', createdAt: '2024-02-01T00:00:00.000Z' };
    const otherTasks = records.tasks.map((t, i) => ({ ...t, id: `task_00000000000000f${i}`, planId: otherPlan.id }));
    const both = summarisePlans([records.plan, otherPlan], [...records.tasks, ...otherTasks], [approve]);
    expect(both.find((s) => s.plan.id === otherPlan.id)!.period).toEqual({ from: '2024-01-10', to: '2024-12-31' });
    expect(both.find((s) => s.plan.id === records.plan.id)!.period.to).toBe('2025-06-30');
  });
});

describe('has a 延期 moved the deadline? (deadlineExtension: the drawer, the standing reasons, the 台账 and the 填报表)', () => {
  const records = samplePlan();
  const [t1, , t3] = records.tasks;

  it('is null when the deadline in force is the document’s', () => {
    expect(deadlineExtension(t1!, '2024-06-30')).toBeNull();
    expect(deadlineExtension(t3!, null)).toBeNull();
    expect(deadlineCellText(t1!, '2024-06-30')).toBe('2024年6月底前');
  });

  it('gives the document’s date and the one in force when an approval moved it', () => {
    expect(deadlineExtension(t1!, '2024-09-30')).toEqual({ from: '2024-06-30', to: '2024-09-30' });
    expect(deadlineCellText(t1!, '2024-09-30')).toBe('2024年6月底前（延期至2024年9月30日）');
  });

  it('a deadline in force for a task whose document gave no date counts as moved', () => {
    expect(deadlineExtension(t3!, '2025-01-31')).toEqual({ from: null, to: '2025-01-31' });
  });
});

describe('a 延期 only moves a deadline later (extendsDeadline: the request form’s calendar and the command’s check)', () => {
  it('accepts a later day, refuses the same or an earlier one', () => {
    expect(extendsDeadline('2024-06-30', '2024-07-01')).toBe(true);
    expect(extendsDeadline('2024-06-30', '2024-06-30')).toBe(false);
    expect(extendsDeadline('2024-06-30', '2024-05-31')).toBe(false);
  });

  it('a task without a dated deadline has nothing to compare with', () => {
    expect(extendsDeadline(null, '2024-01-01')).toBe(true);
  });

  it('the command refuses what the calendar greys out', () => {
    const records = samplePlan();
    const task = records.tasks[0]!;
    const ctx = { plan: records.plan, task, actions: [], today: '2024-05-01' };
    const ask = (newDeadline: string) => checkActionInput({ planId: records.plan.id, taskId: task.id, unitId: task.lead[0]!, kind: 'extension-request', text: '理由', newDeadline }, ctx);
    for (const day of ['2024-06-29', '2024-06-30', '2024-07-01']) expect(ask(day).ok, day).toBe(extendsDeadline('2024-06-30', day));
  });
});
