import { sha256Hex } from '../model/hash';
import { normalizeKey } from '../model/ids';
import type { Plan, RequestLedger, ServiceRequest } from '../model/schemas';
import { comparePeriods } from '../model/periods';
import { dayOfDateTime, periodDueDay, periodOfDay, periodsBetween } from '../tracking/dates';
import { combineReportingStates, submissionState, type UnitPeriodReporting } from '../tracking/reporting';
import { compareNames } from '../text/compareNames';

/**
 * The quarterly 台账 a liaison office hands to the lead office ("原则上各区域联络组每季度最后一个月20日前将台账交科标处"):
 * due by the plan's own cadence, one record per office and period.
 */

/** One submission per plan, office and period: re-sending replaces it (same id on every PC). */
export function ledgerId(planId: string, office: string, period: string): string {
  return `rql_${sha256Hex([planId, normalizeKey(office), period].join('\u0000')).slice(0, 24)}`;
}

/**
 * The offices that owe a 区域台账 for a period: every office that registered a request of the plan on or before the
 * period's due day (a liaison office with requests on its books), and any office that sent one anyway.
 */
export function ledgerOffices(plan: Pick<Plan, 'cadence'>, requests: readonly ServiceRequest[], ledgers: readonly RequestLedger[], period: string): string[] {
  const due = periodDueDay(period, plan.cadence);
  const byKey = new Map<string, string>();
  for (const r of requests) if (!r.deleted && r.receivedOn <= due && !byKey.has(normalizeKey(r.office))) byKey.set(normalizeKey(r.office), r.office);
  for (const l of ledgers) if (!l.deleted && l.period === period && !byKey.has(normalizeKey(l.office))) byKey.set(normalizeKey(l.office), l.office);
  return [...byKey.values()].sort(compareNames);
}

/** The submission of an office for a period, if any. */
export function ledgerOf(ledgers: readonly RequestLedger[], office: string, period: string): RequestLedger | null {
  const key = normalizeKey(office);
  return ledgers.find((l) => !l.deleted && l.period === period && normalizeKey(l.office) === key) ?? null;
}

/** The periods to show: from the first request's period to the current one (at most `max`, newest kept). */
export function ledgerPeriods(plan: Pick<Plan, 'cadence'>, requests: readonly ServiceRequest[], today: string, max = 8): string[] {
  const current = periodOfDay(today, plan.cadence);
  let first = current;
  for (const r of requests) {
    if (r.deleted) continue;
    const p = periodOfDay(r.receivedOn, plan.cadence);
    if (comparePeriods(p, first) < 0) first = p;
  }
  return periodsBetween(first, current, max, plan.cadence);
}

/**
 * An office's 区域台账 for a period, in the task reports' own terms (the one reporting-state rule in
 * shared/tracking/reporting.ts): 无需报送 when it owes none, else 已报 / 迟报 by its first submission, 未到期 before
 * the due day, 未报 after it.
 */
export function ledgerReporting(input: {
  plan: Pick<Plan, 'cadence'>;
  requests: readonly ServiceRequest[];
  ledgers: readonly RequestLedger[];
  office: string;
  period: string;
  today: string;
}): UnitPeriodReporting & { ledger: RequestLedger | null; due: string } {
  const { plan, office, period, today } = input;
  const due = periodDueDay(period, plan.cadence);
  const ledger = ledgerOf(input.ledgers, office, period);
  const owes = ledgerOffices(plan, input.requests, input.ledgers, period).some((o) => normalizeKey(o) === normalizeKey(office));
  const states = owes ? [submissionState(due, ledger ? dayOfDateTime(ledger.firstSubmittedAt) : null, today)] : [];
  return { ...combineReportingStates(states, today > due), ledger, due };
}

export interface LedgerMatrix {
  periods: string[];
  dueDates: Record<string, string>;
  rows: { office: string; cells: Record<string, ReturnType<typeof ledgerReporting>> }[];
}

/** Offices × periods of 区域台账 submissions, for the lead office's view. */
export function ledgerMatrix(input: { plan: Pick<Plan, 'cadence'>; requests: readonly ServiceRequest[]; ledgers: readonly RequestLedger[]; today: string; maxPeriods?: number }): LedgerMatrix {
  const periods = ledgerPeriods(input.plan, input.requests, input.today, input.maxPeriods ?? 6);
  const offices = new Map<string, string>();
  for (const p of periods) for (const o of ledgerOffices(input.plan, input.requests, input.ledgers, p)) if (!offices.has(normalizeKey(o))) offices.set(normalizeKey(o), o);
  const dueDates = Object.fromEntries(periods.map((p) => [p, periodDueDay(p, input.plan.cadence)]));
  const rows = [...offices.values()]
    .sort(compareNames)
    .map((office) => ({ office, cells: Object.fromEntries(periods.map((period) => [period, ledgerReporting({ ...input, office, period })])) }));
  return { periods, dueDates, rows };
}
