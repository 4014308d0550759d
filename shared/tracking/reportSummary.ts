import type { Report, ReportHead, ReportStatus } from '../model/schemas';
import { REPORT_STATUSES } from '../model/reportConstants';
import { formatStamp } from '../model/hlc';
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
interface DraftHead {
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
  return { id: r.id, unitId: r.unitId, period: r.period, stamp: r.stamp, status: r.status, reportedAt: r.reportedAt, first: first === r.reportedAt ? null : first, percent: r.percent, values: r.values ?? null, entry: r.entry ?? null };
}

/**
 * Stored heads, compact (the screens read 200,000 of them at once, so every byte counts): `{ d: devices, u: [[unitId,
 * [head, …]], …] }`, a head being [id without "rep_", period, status index, stamp wall ms | the stamp as is, counter,
 * device index, reportedAt ms | as is, first ms | as is | 0, percent, values | 0, "form" | 0]. Every field decodes to
 * exactly the stored report's; anything not in the usual form is kept as it was. No Chinese text: one byte a character.
 */
type PackedHead = [string, string, number, number | string, number, number, number | string, number | string | 0, number | null, NonNullable<Report['values']> | 0, 'form' | 0];
interface StoredHeads {
  d: string[];
  u: [string, PackedHead[]][];
}

const STAMP = /^(\d{15})-(\d{5})-([A-Za-z0-9_]{1,64})$/;
const STATUS_INDEX = new Map<string, number>(REPORT_STATUSES.map((s, i) => [s, i]));

/** An ISO time as its milliseconds when it reads back the same, else as it is. */
function packTime(t: string): number | string {
  const ms = Date.parse(t);
  return Number.isFinite(ms) && new Date(ms).toISOString() === t ? ms : t;
}
const unpackTime = (t: number | string): string => (typeof t === 'number' ? new Date(t).toISOString() : t);

function packHeads(heads: Iterable<DraftHead>): string {
  const devices: string[] = [];
  const deviceIndex = new Map<string, number>();
  const byUnit = new Map<string, DraftHead[]>();
  for (const h of heads) {
    const list = byUnit.get(h.unitId);
    if (list) list.push(h);
    else byUnit.set(h.unitId, [h]);
  }
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const u: StoredHeads['u'] = [...byUnit].sort((a, b) => cmp(a[0], b[0])).map(([unitId, list]) => [
    unitId,
    list.sort((a, b) => cmp(a.id, b.id)).map((h): PackedHead => {
      const m = STAMP.exec(h.stamp);
      let device = 0;
      if (m) {
        const known = deviceIndex.get(m[3]!);
        if (known === undefined) deviceIndex.set(m[3]!, (device = devices.push(m[3]!) - 1));
        else device = known;
      }
      const status = STATUS_INDEX.get(h.status);
      return [
        h.id.startsWith('rep_') ? h.id.slice(4) : `=${h.id}`,
        h.period,
        status ?? -1,
        m ? Number(m[1]) : h.stamp,
        m ? Number(m[2]) : 0,
        device,
        packTime(h.reportedAt),
        h.first === null ? 0 : packTime(h.first),
        h.percent,
        h.values ?? 0,
        h.entry ?? 0,
      ];
    }),
  ]);
  return JSON.stringify({ d: devices, u } satisfies StoredHeads);
}

/** Decode the stored heads, calling `visit` with each one's unit and fields. */
function unpackHeads(text: string, visit: (unitId: string, h: DraftHead) => void): void {
  const { d, u } = JSON.parse(text) as StoredHeads;
  for (const [unitId, list] of u) {
    for (const p of list) {
      const [id, period, status, wall, counter, device, reportedAt, first, percent, values, entry] = p;
      visit(unitId, {
        id: id.startsWith('=') ? id.slice(1) : `rep_${id}`,
        unitId,
        period,
        stamp: typeof wall === 'number' ? formatStamp(wall, counter, d[device]!) : wall,
        status: REPORT_STATUSES[status] ?? ('not-started' as ReportStatus),
        reportedAt: unpackTime(reportedAt),
        first: first === 0 ? null : unpackTime(first),
        percent,
        values: values || null,
        entry: entry || null,
      });
    }
  }
}

function reportHeadOf(h: DraftHead, planId: string, taskId: string): ReportHead {
  const head: ReportHead = { id: h.id, planId, taskId, unitId: h.unitId, period: h.period, stamp: h.stamp, status: h.status, reportedAt: h.reportedAt, percent: h.percent };
  if (h.first) head.revisions = [{ reportedAt: h.first }];
  if (h.values) head.values = h.values;
  if (h.entry) head.entry = h.entry;
  return head;
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
    unpackHeads(row.heads, (_unit, h) => heads.set(h.id, h));
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
export function reportsOfSummary(row: ReportSummary): ReportHead[] {
  const full = new Map(row.latest.map((r) => [r.id, r]));
  const out: ReportHead[] = [];
  unpackHeads(row.heads, (_unit, h) => out.push(full.get(h.id) ?? reportHeadOf(h, row.planId, row.taskId)));
  return out;
}
