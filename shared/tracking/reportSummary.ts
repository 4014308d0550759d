import type { Report, ReportHead, ReportStatus } from '../model/schemas';
import { isNewerReport } from './latest';
import { firstReportedAt } from './revisions';

/**
 * The stored per-task report summary: what the tracking screens read instead of every report. One row per task
 * holds each live report's head (period, status, stamps, times, target values — packed in one string, which
 * IndexedDB reads as one value) and each unit's newest report in full (最新进展). Derived data: it is written in the
 * same transaction as every report write (renderer/db/reportSummaries.ts) and can always be rebuilt from the
 * reports (`rebuildSummaries`); a property test holds the two equal.
 */
export interface ReportSummary {
  /** The task's id (one row per task). */
  taskId: string;
  planId: string;
  /** The live reports' heads, packed (see `PackedHead`), by unit id, then report id. */
  heads: string;
  /** Each reporting unit's newest live report (newest period, then newest change), in full; sorted by unit id. */
  latest: Report[];
}

/**
 * A head packed as a tuple: [id, period, stamp, status, reportedAt, firstReportedAt|0, percent, values|0, entry|0].
 * Stored grouped by unit (`[[unitId, [head, …]], …]`); no Chinese text, so the string stays one byte a character.
 */
type PackedHead = [string, string, string, ReportStatus, string, string | 0, number | null, NonNullable<Report['values']> | 0, 'form' | 0];
type StoredHeads = [string, PackedHead[]][];

/** A head in a draft: the unit and the packed fields. */
interface DraftHead {
  unitId: string;
  packed: PackedHead;
}

function packHead(r: Report): DraftHead {
  const first = firstReportedAt(r);
  return { unitId: r.unitId, packed: [r.id, r.period, r.stamp, r.status, r.reportedAt, first === r.reportedAt ? 0 : first, r.percent, r.values ?? 0, r.entry ?? 0] };
}

function unpackHead(p: PackedHead, unitId: string, planId: string, taskId: string): ReportHead {
  const [id, period, stamp, status, reportedAt, first, percent, values, entry] = p;
  const head: ReportHead = { id, planId, taskId, unitId, period, stamp, status, reportedAt, percent };
  if (first) head.revisions = [{ reportedAt: first }];
  if (values) head.values = values;
  if (entry) head.entry = entry;
  return head;
}

function* storedHeads(row: ReportSummary): Generator<DraftHead> {
  for (const [unitId, list] of JSON.parse(row.heads) as StoredHeads) for (const packed of list) yield { unitId, packed };
}

/** A summary row being updated: heads by report id, and the full reports at hand (by id). */
export interface SummaryDraft {
  taskId: string;
  planId: string;
  heads: Map<string, DraftHead>;
  full: Map<string, Report>;
}

export function draftOf(row: ReportSummary | undefined, taskId: string, planId: string): SummaryDraft {
  const heads = new Map<string, DraftHead>();
  const full = new Map<string, Report>();
  if (row) {
    for (const h of storedHeads(row)) heads.set(h.packed[0], h);
    for (const r of row.latest) full.set(r.id, r);
  }
  return { taskId, planId: row?.planId ?? planId, heads, full };
}

/** Apply stored report versions (a tombstone removes the report) and hard deletions to a draft. */
export function applyToDraft(draft: SummaryDraft, written: readonly Report[], removedIds: readonly string[] = []): void {
  for (const id of removedIds) {
    draft.heads.delete(id);
    draft.full.delete(id);
  }
  for (const r of written) {
    if (r.deleted) {
      draft.heads.delete(r.id);
      draft.full.delete(r.id);
    } else {
      draft.heads.set(r.id, packHead(r));
      draft.full.set(r.id, r);
      draft.planId = r.planId;
    }
  }
}

const periodStamp = (h: DraftHead) => ({ period: h.packed[1], stamp: h.packed[2] });

/** Each unit's newest head id (newest period, then newest change: latest.ts's rule). */
export function newestIds(draft: SummaryDraft): Map<string, string> {
  const best = new Map<string, DraftHead>();
  for (const h of draft.heads.values()) {
    const cur = best.get(h.unitId);
    if (!cur || isNewerReport(periodStamp(h), periodStamp(cur))) best.set(h.unitId, h);
  }
  return new Map([...best].map(([unit, h]) => [unit, h.packed[0]]));
}

/** The ids whose full report the draft still needs (a unit's newest report not at hand: its newer one was deleted). */
export function missingFull(draft: SummaryDraft): string[] {
  return [...newestIds(draft).values()].filter((id) => !draft.full.has(id));
}

/** The row to store (null: the task has no live report, so no row). `fetched`: the full reports `missingFull` named. */
export function rowOf(draft: SummaryDraft, fetched: readonly (Report | undefined)[] = []): ReportSummary | null {
  if (draft.heads.size === 0) return null;
  for (const r of fetched) if (r && !r.deleted && draft.heads.has(r.id)) draft.full.set(r.id, r);
  const newest = newestIds(draft);
  const latest: Report[] = [];
  for (const unit of [...newest.keys()].sort()) {
    const r = draft.full.get(newest.get(unit)!);
    if (!r) throw new Error(`report summary: the newest report ${newest.get(unit)} of task ${draft.taskId} is not at hand`);
    latest.push(r);
  }
  const byUnit = new Map<string, PackedHead[]>();
  for (const h of draft.heads.values()) {
    const list = byUnit.get(h.unitId);
    if (list) list.push(h.packed);
    else byUnit.set(h.unitId, [h.packed]);
  }
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const heads: StoredHeads = [...byUnit].sort((a, b) => cmp(a[0], b[0])).map(([unit, list]) => [unit, list.sort((a, b) => cmp(a[0], b[0]))]);
  return { taskId: draft.taskId, planId: draft.planId, heads: JSON.stringify(heads), latest };
}

/** The summary rows built from scratch from every stored report (a rebuild, the database upgrade, the tests). */
export function rebuildSummaries(reports: Iterable<Report>): ReportSummary[] {
  const drafts = new Map<string, SummaryDraft>();
  for (const r of reports) {
    if (!r || typeof r.taskId !== 'string' || typeof r.unitId !== 'string' || r.deleted) continue;
    let d = drafts.get(r.taskId);
    if (!d) drafts.set(r.taskId, (d = draftOf(undefined, r.taskId, r.planId)));
    applyToDraft(d, [r]);
  }
  const out: ReportSummary[] = [];
  for (const d of drafts.values()) {
    const row = rowOf(d);
    if (row) out.push(row);
  }
  return out.sort((a, b) => (a.taskId < b.taskId ? -1 : 1));
}

/**
 * The reports of a task as the tracking screens hold them: every live report's head, where each unit's newest is the
 * full report (so 最新进展 and the search have its text).
 */
export function reportsOfSummary(row: ReportSummary): ReportHead[] {
  const full = new Map(row.latest.map((r) => [r.id, r]));
  const out: ReportHead[] = [];
  for (const [unitId, list] of JSON.parse(row.heads) as StoredHeads) for (const p of list) out.push(full.get(p[0]) ?? unpackHead(p, unitId, row.planId, row.taskId));
  return out;
}
