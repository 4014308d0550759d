import { describe, expect, it } from 'vitest';
import type { Action, Report } from '../../../shared/model';
import { computeStanding, indexByTask } from '../../../shared/tracking/standing';
import { reportFormPrefill, returnInForce } from '../../../shared/tracking/reporting';
import { departmentTodos } from '../../../shared/tracking/todos';
import { unitReportData } from '../../../shared/reports/paperData';
import { action, report, samplePlan } from './fixtures';

/**
 * One rule for "a 退回 in force" (`returnInForce`): the light, the department's to-do list, the report form and the
 * 进展情况报告 must say the same thing for every unit — including when a 退回 names one lead and another lead reports
 * after it (the light used to clear on any unit's later report, the forms went by the unit addressed).
 */
describe('a 退回 in force: one rule for the light, the to-do list, the form and the 进展情况报告', () => {
  const records = samplePlan();
  const taskIndex = 1; // two leads
  const task = records.tasks[taskIndex]!;
  const [leadA, leadB] = task.lead as [string, string];
  const today = '2024-05-10';
  const readers = (reports: Report[], actions: Action[], unit: string) => {
    const standing = computeStanding({ plan: records.plan, task, reports, actions, today });
    const todo = departmentTodos({ plan: records.plan, tasks: records.tasks, reportsByTask: indexByTask(reports), actionsByTask: indexByTask(actions), unitId: unit, today }).some(
      (t) => t.kind === 'returned' && t.task.id === task.id,
    );
    const form = reportFormPrefill(reports, { task, unitId: unit, period: '2024-Q2' }, actions).returned !== null;
    const paper = unitReportData({ plan: records.plan, tasks: records.tasks, sections: records.sections, units: records.units, reports, actions, unitId: unit, period: '2024-Q2', today })
      .items.find((i) => i.taskId === task.id);
    return { light: standing.returned, todo, form, paper: paper?.statusText.includes('已退回') ?? false };
  };

  it('a 退回 to one lead stays in force after the other lead reports; only that lead answers it', () => {
    const a = report(records, taskIndex, 0, '2024-Q2', { status: 'done' });
    const ret = action(records, taskIndex, 'return', { text: '佐证材料不足', unitId: leadA });
    const b = report(records, taskIndex, 1, '2024-Q2'); // saved after the 退回, by the other lead
    expect(b.stamp > ret.stamp).toBe(true);
    expect(readers([a, b], [ret], leadA)).toEqual({ light: true, todo: true, form: true, paper: true });
    expect(readers([a, b], [ret], leadB)).toMatchObject({ todo: false, form: false, paper: false });
    const s = computeStanding({ plan: records.plan, task, reports: [a, b], actions: [ret], today });
    expect(s.reasons.join()).toContain('佐证材料不足');
    // Lead A reports again: answered everywhere.
    const again = report(records, taskIndex, 0, '2024-Q2', { progress: '已补充佐证材料' });
    expect(readers([again, b], [ret], leadA)).toEqual({ light: false, todo: false, form: false, paper: false });
  });

  it('a 退回 naming no unit addresses every lead, not a supporting unit; each lead answers for itself', () => {
    const support = task.support[0]!;
    const a = report(records, taskIndex, 0, '2024-Q2');
    const b = report(records, taskIndex, 1, '2024-Q2');
    const s = report(records, taskIndex, 0, '2024-Q2', { unitId: support });
    const ret = action(records, taskIndex, 'return', { text: '请细化进度', unitId: null });
    expect(readers([a, b, s], [ret], leadA)).toEqual({ light: true, todo: true, form: true, paper: true });
    expect(readers([a, b, s], [ret], support)).toMatchObject({ todo: false, form: false });
    expect(returnInForce(task, support, s.stamp, [ret])).toBeNull();
    // Lead A answers; lead B has not: the task still waits (for B), A's list is clear.
    const a2 = report(records, taskIndex, 0, '2024-Q2', { progress: '已细化' });
    expect(readers([a2, b, s], [ret], leadA)).toEqual({ light: true, todo: false, form: false, paper: false });
    expect(readers([a2, b, s], [ret], leadB)).toEqual({ light: true, todo: true, form: true, paper: true });
    const b2 = report(records, taskIndex, 1, '2024-Q2', { progress: '已细化' });
    expect(readers([a2, b2, s], [ret], leadA).light).toBe(false);
  });

  it('a 销号 after the 退回 ends it; a deleted 退回 was never in force', () => {
    const a = report(records, taskIndex, 0, '2024-Q2', { status: 'done' });
    const b = report(records, taskIndex, 1, '2024-Q2', { status: 'done' });
    const ret = action(records, taskIndex, 'return', { unitId: leadA });
    const confirm = action(records, taskIndex, 'confirm');
    expect(readers([a, b], [ret, confirm], leadA)).toEqual({ light: false, todo: false, form: false, paper: false });
    expect(readers([a, b], [{ ...ret, deleted: true }], leadA)).toEqual({ light: false, todo: false, form: false, paper: false });
  });
});
