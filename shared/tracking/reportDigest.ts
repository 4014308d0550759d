import type { ReportHead } from '../model/schemas';
import { comparePeriods } from '../model/periods';
import type { DigestLedger, PeriodLedgerEntry } from './reporting';
import { draftOf, packHeads, reportsOfSummary, type DraftHead, type ReportSummary, type SummaryDraft } from './reportSummary';

/**
 * The report digest of a task: of its report summary (reportSummary.ts), only the heads that decide where the task
 * stands (standing.ts) in any period after the ones it leaves out. Every task's digest is small, so the task table
 * reads all of them with its first screenful and has every task's light, count and filter before the 200,000 heads
 * of the summaries are read and decoded.
 *
 * What the standing reads of a unit's reports, and so what the digest keeps of each unit (its reports one per period,
 * the newest change):
 * - its newest report (the newest period): 最新进展, the status, the 销号 in force;
 * - the report of the current period and the one of the period before it (this period's reporting state, and whether
 *   an earlier 已完成 means nothing more is owed): the last two periods are kept, so any period after the older of
 *   the two is served;
 * - its last saved report (highest change stamp): 最近报送;
 * - its report with the latest 报送时间 (the lead-unit table's 最近报送 of the unit);
 * - every report carrying target values (the quantitative targets read the newest value of each).
 * And, for every period of every unit, what the reporting rule reads of that period's report (`ledger`: its first
 * submission and whether it said 已完成): the report matrix's older periods, without the heads.
 * The units whose older periods were left out are listed with the first period kept (`trimmed`); a period not after
 * it is not served by the digest (`digestServes`), and the screens then wait for the whole summary.
 *
 * Derived data, like the summary: written in the same transaction (renderer/db/reportSummaries.ts), rebuilt from the
 * summary rows (`digestOfSummary`), and a property test holds the standing from a digest equal to the standing from
 * every report for any day of a period the digest serves (test/unit/tracking/reportDigest.test.ts).
 */
export interface ReportDigest extends ReportSummary {
  /** Units with older periods left out, each with the first period kept, sorted by unit id. */
  trimmed: [unitId: string, firstKept: string][];
  /**
   * Each unit's periods as the reporting rule reads them (shared/tracking/reporting.ts `PeriodLedgerEntry`), every
   * period it reported, in period order: `[[unitId, [entry, …]], …]` sorted by unit id, packed in one string (one
   * value for IndexedDB; parsed only when a screen asks: `ledgerOf`).
   */
  ledger: string;
}

/**
 * Every digest of a plan in one row: IndexedDB reads one large value many times faster than thousands of small ones.
 * A copy, kept only while it equals the plan's digests (any change of them removes it).
 */
export interface DigestSnapshot {
  planId: string;
  /** The plan's digests, sorted by task id. */
  digests: ReportDigest[];
}

/** How many of a unit's newest periods a digest keeps. */
const KEPT_PERIODS = 2;

/** The digest of a summary draft whose row was just made (`row`: that row, with each unit's newest report in full). */
export function digestOf(draft: Pick<SummaryDraft, 'heads'>, row: ReportSummary): ReportDigest {
  // Each unit's heads, one per period (the newest change); and its head with the latest 报送时间, of all its heads.
  const byUnit = new Map<string, Map<string, DraftHead>>();
  const lastReported = new Map<string, DraftHead>();
  for (const h of draft.heads.values()) {
    let periods = byUnit.get(h.unitId);
    if (!periods) byUnit.set(h.unitId, (periods = new Map()));
    const cur = periods.get(h.period);
    if (!cur || h.stamp > cur.stamp) periods.set(h.period, h);
    const latest = lastReported.get(h.unitId);
    if (!latest || h.reportedAt > latest.reportedAt) lastReported.set(h.unitId, h);
  }
  const kept: DraftHead[] = [];
  const trimmed: [string, string][] = [];
  const ledger: [string, PeriodLedgerEntry[]][] = [];
  for (const [unitId, periods] of byUnit) {
    const list = [...periods.values()].sort((a, b) => comparePeriods(a.period, b.period));
    const keep = new Set(list.slice(-KEPT_PERIODS));
    if (list.length > KEPT_PERIODS) trimmed.push([unitId, list[list.length - KEPT_PERIODS]!.period]);
    let lastSaved = list[0]!;
    for (const h of list) {
      if (h.stamp > lastSaved.stamp) lastSaved = h;
      if (h.values) keep.add(h);
    }
    keep.add(lastSaved);
    keep.add(lastReported.get(unitId)!);
    kept.push(...keep);
    ledger.push([unitId, list.map((h): PeriodLedgerEntry => [h.period, h.first ?? h.reportedAt, h.status === 'done' ? h.stamp : 0])]);
  }
  const byId = (a: [string, unknown], b: [string, unknown]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
  trimmed.sort(byId);
  ledger.sort(byId);
  return { taskId: row.taskId, planId: row.planId, heads: packHeads(kept), latest: row.latest, trimmed, ledger: JSON.stringify(ledger) };
}

/** The digest of a stored summary row (a rebuild, the database upgrade). */
export function digestOfSummary(row: ReportSummary): ReportDigest {
  return digestOf(draftOf(row, row.taskId, row.planId), row);
}

/** Does the digest hold every report the standing reads for `period` (the current period of the day asked about)? */
export function digestServes(digest: Pick<ReportDigest, 'trimmed'>, period: string): boolean {
  return digest.trimmed.every(([, firstKept]) => comparePeriods(period, firstKept) > 0);
}

/** The reports of a digest as the tracking screens hold them (each unit's newest in full, the others as heads). */
export function reportsOfDigest(digest: ReportDigest, out: ReportHead[] = []): ReportHead[] {
  return reportsOfSummary(digest, out);
}

const ledgers = new WeakMap<ReportDigest, ReadonlyMap<string, readonly PeriodLedgerEntry[]>>();

/** A digest's period ledger by unit (parsed once per digest object). */
export function ledgerOf(digest: ReportDigest): ReadonlyMap<string, readonly PeriodLedgerEntry[]> {
  let ledger = ledgers.get(digest);
  if (!ledger) ledgers.set(digest, (ledger = new Map(JSON.parse(digest.ledger) as [string, PeriodLedgerEntry[]][])));
  return ledger;
}

const digestLedgers = new WeakMap<ReportDigest, DigestLedger>();

/**
 * A digest as the reporting rule reads it (shared/tracking/reporting.ts `DigestLedger`): its ledger is parsed only when
 * a period older than the kept heads is asked about (once per digest object).
 */
export function digestLedger(digest: ReportDigest): DigestLedger {
  let ledger = digestLedgers.get(digest);
  if (!ledger) {
    ledger = {
      // (A few units at most: a scan.)
      firstKept: (unitId) => {
        for (const [u, first] of digest.trimmed) if (u === unitId) return first;
        return undefined;
      },
      entries: (unitId) => ledgerOf(digest).get(unitId),
    };
    digestLedgers.set(digest, ledger);
  }
  return ledger;
}
