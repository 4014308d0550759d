import { describe, expect, it } from 'vitest';
import { reportFormPrefill } from '../../../shared/tracking/reporting';
import { action, report, samplePlan } from './fixtures';

/** The report form's starting values: a 退回 in force is not offered back as the current status. */
describe('report form prefill after a 退回', () => {
  const records = samplePlan();
  const task = records.tasks[0]!;
  const unit = task.lead[0]!;
  const at = (period: string) => ({ task, unitId: unit, period });

  it('offers the saved report as it is when nothing was sent back', () => {
    const done = report(records, 0, 0, '2024-Q2', { status: 'done', percent: 100 });
    const prefill = reportFormPrefill([done], at('2024-Q2'), []);
    expect(prefill.report).toBe(done);
    expect(prefill.status).toBe('done');
    expect(prefill.returned).toBeNull();
  });

  it('offers a returned 已完成 as 推进中 and gives the 退回 with its reason', () => {
    const done = report(records, 0, 0, '2024-Q2', { status: 'done', percent: 100 });
    const ret = action(records, 0, 'return', { text: '佐证材料不足', unitId: unit });
    const prefill = reportFormPrefill([done], at('2024-Q2'), [ret]);
    expect(prefill.report).toBe(done);
    expect(prefill.status).toBe('in-progress');
    expect(prefill.returned?.text).toBe('佐证材料不足');
  });

  it('a 退回 to every unit (no addressee) counts; one addressed to another unit does not', () => {
    const done = report(records, 0, 0, '2024-Q2', { status: 'done' });
    expect(reportFormPrefill([done], at('2024-Q2'), [action(records, 0, 'return', { text: '请补充', unitId: null })]).status).toBe('in-progress');
    const other = task.support[0]!;
    const toOther = action(records, 0, 'return', { text: '请补充', unitId: other });
    expect(reportFormPrefill([done], at('2024-Q2'), [toOther])).toMatchObject({ status: 'done', returned: null });
  });

  it('a withdrawn (deleted) 退回, or one on another task, changes nothing', () => {
    const done = report(records, 0, 0, '2024-Q2', { status: 'done' });
    const withdrawn = action(records, 0, 'return', { text: '请补充', deleted: true });
    const elsewhere = action(records, 1, 'return', { text: '请补充' });
    expect(reportFormPrefill([done], at('2024-Q2'), [withdrawn, elsewhere])).toMatchObject({ status: 'done', returned: null });
  });

  it('a report saved after the 退回 answers it: the form offers that report as it is', () => {
    const first = report(records, 0, 0, '2024-Q2', { status: 'done' });
    const ret = action(records, 0, 'return', { text: '佐证材料不足' });
    const again = { ...report(records, 0, 0, '2024-Q2', { status: 'done', progress: '已补充佐证材料' }) };
    const prefill = reportFormPrefill([again], at('2024-Q2'), [ret]);
    expect(first.stamp < ret.stamp && ret.stamp < again.stamp).toBe(true);
    expect(prefill).toMatchObject({ status: 'done', returned: null });
  });

  it('keeps a returned status other than 已完成, and still gives the reason', () => {
    const going = report(records, 0, 0, '2024-Q2', { status: 'delayed' });
    const ret = action(records, 0, 'return', { text: '请写明滞后原因' });
    expect(reportFormPrefill([going], at('2024-Q2'), [ret])).toMatchObject({ status: 'delayed', returned: { text: '请写明滞后原因' } });
  });

  it('a new period after a returned report: nothing to prefill, the 退回 is still shown', () => {
    const done = report(records, 0, 0, '2024-Q2', { status: 'done' });
    const ret = action(records, 0, 'return', { text: '佐证材料不足' });
    const prefill = reportFormPrefill([done], at('2024-Q3'), [ret]);
    expect(prefill.report).toBeNull();
    expect(prefill.status).toBeNull();
    expect(prefill.returned?.id).toBe(ret.id);
  });

  it('ignores other units’ and deleted reports', () => {
    const mine = report(records, 0, 0, '2024-Q2', { status: 'in-progress' });
    const deleted = { ...report(records, 0, 0, '2024-Q2', { status: 'done' }), deleted: true };
    const otherUnit = report(records, 0, 0, '2024-Q2', { status: 'done', unitId: task.support[0]! });
    const prefill = reportFormPrefill([mine, deleted, otherUnit], at('2024-Q2'), []);
    expect(prefill.report).toBe(mine);
    expect(prefill.status).toBe('in-progress');
  });
});
