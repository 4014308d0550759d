import { describe, expect, it } from 'vitest';
import { actionParties, EVERY_RESPONSIBLE_UNIT } from '../../../shared/tracking/actionParties';
import { action, samplePlan } from './fixtures';

/** Who acted on a task and to whom (the task history's line for each action). */
describe('action parties', () => {
  const records = samplePlan();
  const names = new Map(records.units.map((u) => [u.id, u.name]));
  const name = (id: string) => names.get(id);
  const lead = records.tasks[0]!.lead[0]!;
  const leadName = names.get(lead)!;

  it('a 延期申请 is the requesting unit’s own act, addressed to no one', () => {
    expect(actionParties(action(records, 0, 'extension-request', { unitId: lead, by: '市市场监管局' }), name)).toEqual({ actor: leadName, addressee: null });
  });

  it('a request from a unit this PC does not know names the office that recorded it', () => {
    expect(actionParties(action(records, 0, 'extension-request', { unitId: 'unit_00000000000000ee', by: '某某局' }), name)).toEqual({ actor: '某某局', addressee: null });
  });

  it('a decision is the supervising office’s, addressed to its unit', () => {
    for (const kind of ['return', 'urge', 'extension-approve', 'extension-refuse'] as const) {
      expect(actionParties(action(records, 0, kind, { unitId: lead }), name), kind).toEqual({ actor: '市政府督查办', addressee: leadName });
    }
  });

  it('a 退回 or 催办 naming no unit goes to every responsible unit; a 销号 to no one', () => {
    expect(actionParties(action(records, 0, 'return', { unitId: null }), name).addressee).toBe(EVERY_RESPONSIBLE_UNIT);
    expect(actionParties(action(records, 0, 'urge', { unitId: null }), name).addressee).toBe(EVERY_RESPONSIBLE_UNIT);
    expect(actionParties(action(records, 0, 'confirm', { unitId: null }), name)).toEqual({ actor: '市政府督查办', addressee: null });
  });

  it('an addressee this PC does not know is said to be unknown, not dropped', () => {
    expect(actionParties(action(records, 0, 'return', { unitId: 'unit_00000000000000ee' }), name).addressee).toBe('（未知单位）');
  });
});
