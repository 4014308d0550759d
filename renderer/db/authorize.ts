import { formatStamp, type Identity, type Plan, type SyncedTable, type Unit } from '../../shared/model';
import { localWriteProblem } from '../../shared/sync/authority';
import type { TableRecords } from '../../shared/sync/state';
import type { TaizhangDB } from './database';
import { InputRefusedError } from './errors';
import { localPolicy, localWriterOf } from './keys';

/** A stamp of this device for checking a change before its real stamp is taken (the policy reads only the device and the time). */
export const provisionalStamp = (identity: Identity, now: Date): string => formatStamp(now.getTime(), 0, identity.deviceId);

/**
 * Refuse a local write the authority policy does not allow (shared/sync/authority.ts: the same rule every other
 * PC applies when the change arrives). `plans`/`units` narrow what is read; by default all are read (few rows).
 */
export async function requireMayWrite<T extends SyncedTable>(
  db: TaizhangDB,
  identity: Identity,
  table: T,
  record: TableRecords[T],
  scope: { plans?: Plan[]; units?: Unit[] } = {},
): Promise<void> {
  const ctx = await localPolicy(db, scope.plans, scope.units);
  const problem = localWriteProblem(table, record, await localWriterOf(db, identity), ctx);
  if (problem) throw new InputRefusedError(problem);
}

/** The same question without throwing: for the UI's gates (which buttons show). */
export async function mayWrite<T extends SyncedTable>(db: TaizhangDB, identity: Identity | null, table: T, record: TableRecords[T], scope: { plans?: Plan[]; units?: Unit[] } = {}): Promise<string | null> {
  if (!identity) return '请先设置本机所属单位';
  const ctx = await localPolicy(db, scope.plans, scope.units);
  return localWriteProblem(table, record, await localWriterOf(db, identity), ctx);
}

/** What this PC may do on a plan, for the UI's gates: null when allowed, else the reason (the same policy). */
export interface PlanGates {
  /** Edit the plan, its settings, sections and tasks. */
  structure: string | null;
  /** 销号, 退回, 催办, 延期审核. */
  supervise: string | null;
  /** The 考核 scheme and discretionary points. */
  scoring: string | null;
}

export async function planGates(db: TaizhangDB, identity: Identity | null, planId: string, now = new Date()): Promise<PlanGates> {
  const plan = await db.plans.get(planId);
  if (!identity || !plan) return { structure: '请先设置本机所属单位', supervise: '请先设置本机所属单位', scoring: '请先设置本机所属单位' };
  const stamp = provisionalStamp(identity, now);
  const structure = await mayWrite(db, identity, 'plans', { ...plan, stamp, by: identity.office }, { plans: [plan] });
  const supervise = await mayWrite(
    db, identity, 'actions',
    { id: 'act_0000000000000000', stamp, by: identity.office, planId, taskId: 'task_0000000000000000', unitId: null, kind: 'urge', text: '', date: '2000-01-01', newDeadline: null },
    { plans: [plan] },
  );
  const scoring = await mayWrite(db, identity, 'scoreSchemes', { id: 'scs_0000000000000000', stamp, by: identity.office, planId, year: 2000, items: [] }, { plans: [plan] });
  return { structure, supervise, scoring };
}
