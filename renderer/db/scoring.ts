import { PeriodSchema, randomId, type Identity, type Plan, type ScoreAdjustment, type ScoreScheme } from '../../shared/model';
import type { TableRecords } from '../../shared/sync';
import { checkItems, schemeId } from '../../shared/scoring/scheme';
import { isIsoDay, isoDayOf } from '../../shared/tracking/dates';
import { planEditRefusal } from '../../shared/tracking/planEdit';
import { periodFitsCadence } from '../../shared/model/periods';
import type { TaizhangDB } from './database';
import { getIdentity, nextStamp } from './installation';
import { InputRefusedError } from './plans';
import { provisionalStamp, requireMayWrite } from './authorize';

/**
 * 考核 commands. Scores are never stored (shared/scoring/compute.ts derives them); only the scheme a supervisor sets
 * for a year and the discretionary points, both written by a supervisor of the plan's owner office (the one
 * authority policy, shared/sync/authority.ts, checked before anything is written) and synced like supervisor actions.
 */

async function requireOwner(db: TaizhangDB, planId: string) {
  const [identity, plan] = await Promise.all([getIdentity(db), db.plans.get(planId)]);
  const refusal = planEditRefusal(identity, plan, { allowArchived: true });
  if (refusal) throw new InputRefusedError(refusal.replace('修改', '设置考核'));
  return { identity: identity!, plan: plan! };
}

/** Refuse the write unless the authority policy allows this PC to write the record (checked with a provisional stamp). */
async function requireMay<T extends 'scoreSchemes' | 'scoreAdjustments'>(db: TaizhangDB, identity: Identity, plan: Plan, table: T, record: TableRecords[T], now: Date) {
  await requireMayWrite(db, identity, table, { ...record, stamp: provisionalStamp(identity, now), by: identity.office }, { plans: [plan] });
}

/** Read the schemes and discretionary points of a plan (scores are computed from these and the plan view). */
export async function loadScoringRecords(db: TaizhangDB, planId: string): Promise<{ schemes: ScoreScheme[]; adjustments: ScoreAdjustment[] }> {
  const [schemes, adjustments] = await Promise.all([db.scoreSchemes.where('planId').equals(planId).toArray(), db.scoreAdjustments.where('planId').equals(planId).toArray()]);
  return { schemes: schemes.filter((s) => !s.deleted), adjustments: adjustments.filter((a) => !a.deleted) };
}

/** Save the scheme for a year (replaces that year's; other years keep theirs). */
export async function saveScheme(db: TaizhangDB, planId: string, year: number, items: readonly unknown[], now = new Date()): Promise<ScoreScheme> {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new InputRefusedError('考核年度无效');
  const checked = checkItems(items);
  if (!checked.ok) throw new InputRefusedError(checked.message);
  const { identity, plan } = await requireOwner(db, planId);
  await requireMay(db, identity, plan, 'scoreSchemes', { id: schemeId(planId, year), stamp: '', by: '', planId, year, items: checked.value }, now);
  return db.transaction('rw', [db.scoreSchemes, db.meta], async () => {
    const scheme: ScoreScheme = { id: schemeId(planId, year), stamp: await nextStamp(db, now.getTime()), by: identity.office, planId, year, items: checked.value };
    await db.scoreSchemes.put(scheme);
    return scheme;
  });
}

export interface AdjustmentInput {
  planId: string;
  unitId: string;
  period: string;
  points: number | string | null;
  reason: string;
  date?: string;
}

/** 酌情加减分: points (−100…100, not 0) for a unit in a period, with its reason. Nothing written when refused. */
export async function addAdjustment(db: TaizhangDB, input: AdjustmentInput, now = new Date()): Promise<ScoreAdjustment> {
  const raw = typeof input.points === 'string' ? input.points.normalize('NFKC').trim() : input.points;
  const points = typeof raw === 'number' ? raw : raw && /^[-+]?\d+(\.\d+)?$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isFinite(points) || points === 0 || Math.abs(points) > 100) throw new InputRefusedError('加减分应为 −100 到 100 之间、不为 0 的数字（减分填负数）');
  const reason = (input.reason ?? '').trim();
  if (!reason) throw new InputRefusedError('请写明加减分的理由');
  if (reason.length > 2000) throw new InputRefusedError('理由不能超过2000字');
  if (!PeriodSchema.safeParse(input.period).success) throw new InputRefusedError('请选择加减分计入的期次');
  const date = input.date ?? isoDayOf(now);
  if (!isIsoDay(date)) throw new InputRefusedError('日期无效');
  const { identity, plan } = await requireOwner(db, input.planId);
  if (!periodFitsCadence(input.period, plan.cadence)) throw new InputRefusedError('期次与计划的报送周期不符');
  const unit = await db.units.get(input.unitId);
  if (!unit || unit.deleted) throw new InputRefusedError('单位不存在');
  await requireMay(db, identity, plan, 'scoreAdjustments', { id: 'adj_0000000000000000', stamp: '', by: '', planId: input.planId, unitId: unit.id, period: input.period, points, reason, date }, now);
  return db.transaction('rw', [db.scoreAdjustments, db.meta], async () => {
    const adjustment: ScoreAdjustment = { id: randomId('adj'), stamp: await nextStamp(db, now.getTime()), by: identity.office, planId: input.planId, unitId: unit.id, period: input.period, points, reason, date };
    await db.scoreAdjustments.add(adjustment);
    return adjustment;
  });
}

/** Withdraw a discretionary entry (a tombstone, so the withdrawal syncs). */
export async function removeAdjustment(db: TaizhangDB, id: string, now = new Date()): Promise<void> {
  const existing = await db.scoreAdjustments.get(id);
  if (!existing || existing.deleted) throw new InputRefusedError('该加减分记录不存在');
  const { identity, plan } = await requireOwner(db, existing.planId);
  await requireMay(db, identity, plan, 'scoreAdjustments', { ...existing, deleted: true }, now);
  await db.transaction('rw', [db.scoreAdjustments, db.meta], async () => {
    await db.scoreAdjustments.put({ ...existing, deleted: true, stamp: await nextStamp(db, now.getTime()), by: identity.office });
  });
}
