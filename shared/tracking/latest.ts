import { comparePeriods } from '../model/periods';
import type { ReportHead } from '../model/schemas';

/**
 * 最新进展. A task's latest progress is each reporting unit's report for its newest period — not the report saved
 * last: a late report for an earlier period must not hide the current one. The screen, the search and the 台账
 * export all read it from here.
 */

/** Is `a` newer than `b`? The later period wins; within one period the later change stamp. */
export function isNewerReport(a: Pick<ReportHead, 'period' | 'stamp'>, b: Pick<ReportHead, 'period' | 'stamp'>): boolean {
  const byPeriod = comparePeriods(a.period, b.period);
  if (byPeriod !== 0) return byPeriod > 0;
  return a.stamp > b.stamp;
}

/** Each unit's newest report among `reports` (deleted ones ignored); only the units in `units`, when given. */
export function latestReportsByUnit<R extends ReportHead>(reports: readonly R[], units?: ReadonlySet<string>): Map<string, R> {
  const out = new Map<string, R>();
  for (const r of reports) {
    if (r.deleted || (units && !units.has(r.unitId))) continue;
    const prev = out.get(r.unitId);
    if (!prev || isNewerReport(r, prev)) out.set(r.unitId, r);
  }
  return out;
}

/**
 * A task's latest progress: the newest report of each of `unitOrder`'s units that reported, in that order
 * (the task's responsible units, leads first).
 */
export function latestProgress<R extends ReportHead>(reports: readonly R[], unitOrder: readonly string[]): R[] {
  const byUnit = latestReportsByUnit(reports, new Set(unitOrder));
  const out: R[] = [];
  for (const u of unitOrder) {
    const r = byUnit.get(u);
    if (r) out.push(r);
  }
  return out;
}

/** The newest of some reports (newest period, then newest change): what a one-line 最新进展 cell shows. */
export function newestReport<R extends ReportHead>(reports: readonly R[]): R | null {
  let best: R | null = null;
  for (const r of reports) if (!r.deleted && (!best || isNewerReport(r, best))) best = r;
  return best;
}
