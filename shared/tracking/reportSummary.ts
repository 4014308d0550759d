import type { Report, ReportHead, ReportStatus } from '../model/schemas';
import { REPORT_STATUSES } from '../model/reportConstants';
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
  /** The live reports' heads, packed (see `PackedHead`). */
  heads: string;
  /** Each reporting unit's newest live report (newest period, then newest change), in full; sorted by unit id. */
  latest: Report[];
}

/** What a head holds (a report without its text), as a draft keeps it. */
export interface DraftHead {
  id: string;
  unitId: string;
  period: string;
  stamp: string;
  status: ReportStatus;
  reportedAt: string;
  /** The first submission's time, when earlier than `reportedAt` (a revised report). */
  first: string | null;
  percent: number | null;
  values: Report['values'] | null;
  entry: Report['entry'] | null;
}

function headOf(r: Report): DraftHead {
  const first = firstReportedAt(r);
  // The target values are copied: a draft may outlive the write that made it (renderer/db/reportSummaries.ts keeps
  // a transaction's drafts), and the caller's record is not ours to hold.
  return { id: r.id, unitId: r.unitId, period: r.period, stamp: r.stamp, status: r.status, reportedAt: r.reportedAt, first: first === r.reportedAt ? null : first, percent: r.percent, values: r.values ? r.values.map((v) => ({ ...v })) : null, entry: r.entry ?? null };
}

/**
 * Stored heads, compact (the screens read 200,000 of them at once): `[[unitId, [head, …]], …]`, a head being
 * [id without "rep_" (or "=" and the id as is), period, status index (or the status as is), stamp, reportedAt,
 * first submission's time | 0, percent, values | 0, "form" | 0]. Stamps and times stay as they are: decoding them
 * would cost more time than the bytes they take. No Chinese text, so the string is one byte a character.
 */
type PackedHead = [string, string, number | string, string, string, string | 0, number | null, NonNullable<Report['values']> | 0, 'form' | 0];
type StoredHeads = [string, PackedHead[]][];

const STATUS_INDEX = new Map<string, number>(REPORT_STATUSES.map((s, i) => [s, i]));

export function packHeads(heads: Iterable<DraftHead>): string {
  const byUnit = new Map<string, DraftHead[]>();
  for (const h of heads) {
    const list = byUnit.get(h.unitId);
    if (list) list.push(h);
    else byUnit.set(h.unitId, [h]);
  }
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const stored: StoredHeads = [...byUnit].sort((a, b) => cmp(a[0], b[0])).map(([unitId, list]) => [
    unitId,
    list
      .sort((a, b) => cmp(a.id, b.id))
      .map((h): PackedHead => [
        h.id.startsWith('rep_') ? h.id.slice(4) : `=${h.id}`,
        h.period,
        STATUS_INDEX.get(h.status) ?? h.status,
        h.stamp,
        h.reportedAt,
        h.first ?? 0,
        h.percent,
        h.values ?? 0,
        h.entry ?? 0,
      ]),
  ]);
  return JSON.stringify(stored);
}

const idOf = (packed: string) => (packed.charCodeAt(0) === 61 /* = */ ? packed.slice(1) : `rep_${packed}`);
const statusOf = (packed: number | string) => (typeof packed === 'number' ? REPORT_STATUSES[packed]! : (packed as ReportStatus));

/** Decode the stored heads into a draft's. */
function unpackHeads(text: string, visit: (h: DraftHead) => void): void {
  for (const [unitId, list] of JSON.parse(text) as StoredHeads) {
    for (const [id, period, status, stamp, reportedAt, first, percent, values, entry] of list) {
      visit({ id: idOf(id), unitId, period, stamp, status: statusOf(status), reportedAt, first: first || null, percent, values: values || null, entry: entry || null });
    }
  }
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
    unpackHeads(row.heads, (h) => heads.set(h.id, h));
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
      draft.heads.set(r.id, headOf(r));
      draft.full.set(r.id, r);
      draft.planId = r.planId;
    }
  }
}


/** Each unit's newest head id (newest period, then newest change: latest.ts's rule). */
export function newestIds(draft: SummaryDraft): Map<string, string> {
  const best = new Map<string, DraftHead>();
  for (const h of draft.heads.values()) {
    const cur = best.get(h.unitId);
    if (!cur || isNewerReport(h, cur)) best.set(h.unitId, h);
  }
  return new Map([...best].map(([unit, h]) => [unit, h.id]));
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
  return { taskId: draft.taskId, planId: draft.planId, heads: packHeads(draft.heads.values()), latest };
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
export function reportsOfSummary(row: ReportSummary, out: ReportHead[] = []): ReportHead[] {
  const full = new Map(row.latest.map((r) => [r.id, r]));
  const { planId, taskId } = row;
  // Straight from the parsed tuples to the heads: 200,000 of them are made at once.
  for (const [unitId, list] of JSON.parse(row.heads) as StoredHeads) {
    for (const [packedId, period, status, stamp, reportedAt, first, percent, values, entry] of list) {
      const id = idOf(packedId);
      const whole = full.get(id);
      if (whole) {
        out.push(whole);
        continue;
      }
      // One object shape for every head (the optional fields present, maybe undefined): V8 keeps them compact.
      out.push({ id, planId, taskId, unitId, period, stamp, status: statusOf(status), reportedAt, percent, revisions: first ? [{ reportedAt: first }] : undefined, values: values || undefined, entry: entry || undefined });
    }
  }
  return out;
}
