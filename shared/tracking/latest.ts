import { comparePeriods } from '../model/periods';
import type { Report } from '../model/schemas';

/**
 * 最新进展. A task's latest progress is each reporting unit's report for its newest period — not the report saved
 * last: a late report for an earlier period must not hide the current one. The screen, the search and the 台账
 * export all read it from here.
 */

/** Is `a` newer than `b`? The later period wins; within one period the later change stamp. */
export function isNewerReport(a: Report, b: Report): boolean {
  const byPeriod = comparePeriods(a.period, b.period);
  if (byPeriod !== 0) return byPeriod > 0;
  return a.stamp > b.stamp;
}

/** Each unit's newest report among `reports` (deleted ones ignored); only the units in `units`, when given. */
export function latestReportsByUnit(reports: readonly Report[], units?: ReadonlySet<string>): Map<string, Report> {
  const out = new Map<string, Report>();
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
export function latestProgress(reports: readonly Report[], unitOrder: readonly string[]): Report[] {
  const byUnit = latestReportsByUnit(reports, new Set(unitOrder));
  const out: Report[] = [];
  for (const u of unitOrder) {
    const r = byUnit.get(u);
    if (r) out.push(r);
  }
  return out;
}

/** The newest of some reports (newest period, then newest change): what a one-line 最新进展 cell shows. */
export function newestReport(reports: readonly Report[]): Report | null {
  let best: Report | null = null;
  for (const r of reports) if (!r.deleted && (!best || isNewerReport(r, best))) best = r;
  return best;
}
