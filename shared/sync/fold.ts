import type { SyncedTable } from '../model/schemas';
import { classifyAll, refusalOf, tally, type ApplyChoice, type ClassifyOptions, type Decision, type KnownLosers, type LocalLookup, type PreviewCounts } from './classify';
import { TABLE_ORDER, emptyRecordSets, type RecordSets, type TableRecords } from './state';

/**
 * Why a version is kept for review: it lost a merge ("conflict"), is a report left on a deleted task ("orphan"), a
 * 销号/退回 a report overrode without seeing it ("override"), or it was refused at import ("refused": never applied,
 * kept apart from the data, with its reason, until the user dismisses it).
 */
export type ReviewKind = 'conflict' | 'refused' | 'orphan' | 'override';

/** A version kept for review (local to this PC, never synced). */
export interface LostVersion<T extends SyncedTable = SyncedTable> {
  kind: ReviewKind;
  table: T;
  recordId: string;
  /** The version to review: the loser, the refused record, the orphaned report, the overridden action. */
  loser: TableRecords[T];
  /** Stamp of what prevails over it ('' when nothing does: a refused record this PC does not hold). */
  winnerStamp: string;
  /** Chinese explanation, for every kind but "conflict". */
  reason?: string;
  /** The record that overrode or orphaned it. */
  cause?: { table: SyncedTable; id: string; stamp: string };
}

/** Key under which a kept version is remembered (kinds apart, so one version can be both a loser and refused). */
export const reviewTable = (kind: ReviewKind, table: string): string => (kind === 'conflict' ? table : `${kind}:${table}`);

export interface FoldResult {
  decisions: Decision[];
  counts: PreviewCounts;
  /** Records to write (only those that change this PC's state). */
  writes: RecordSets;
  /** Decisions applied, in file order (the input of `reviewApplied`). */
  applied: Decision[];
  lost: LostVersion[];
  /** Versions refused (never applied), with the reason: kept for review apart from the data, never written to it. */
  refused: LostVersion[];
  /** Records whose absorbed versions (`KnownLosers.absorbedOf`) changed: the database side stores them again. */
  absorbedChanged: { table: SyncedTable; id: string }[];
}

/**
 * Fold one incoming record set into an overlay of this PC's state: decide each record, keep what is written in
 * the overlay (so several files applied together see each other), collect the losing versions.
 */
/** Versions written by files folded before (by table and id); a fold reads it before the base and adds its writes. */
export type Overlay = Pick<Map<string, unknown>, 'get' | 'set'>;

export function foldIncoming(
  incoming: RecordSets,
  base: LocalLookup,
  overlay: Overlay,
  opts: ClassifyOptions & { knownLosers: KnownLosers },
  choice: ApplyChoice,
): FoldResult {
  const key = (table: string, id: string) => `${table}\u0000${id}`;
  const lookup: LocalLookup = (table, id) => (overlay.get(key(table, id)) as TableRecords[typeof table] | undefined) ?? base(table, id);
  const decisions = classifyAll(incoming, lookup, opts);
  const writes = emptyRecordSets();
  const lost: LostVersion[] = [];
  const applied: Decision[] = [];
  const refused: LostVersion[] = [];
  const absorbedChanged = new Map<string, { table: SyncedTable; id: string }>();
  let released = 0;
  for (const d of decisions) {
    const refusal = refusalOf(d, choice);
    // Refused (forged, altered, replayed, revoked, beyond the writer's authority, stamped beyond any clock): never
    // written to the data, never in the overlay; returned for the review list with the reason.
    if (refusal !== null) {
      refused.push({ kind: 'refused', table: d.table, recordId: d.incoming.id, loser: d.incoming, winnerStamp: d.local?.stamp ?? '', reason: refusal });
      continue;
    }
    const writesIt = d.outcome === 'new' || d.outcome === 'updated';
    if (d.loser) {
      const winnerStamp = d.outcome === 'stale' ? d.local!.stamp : d.incoming.stamp;
      lost.push({ kind: 'conflict', table: d.table, recordId: d.loser.id, loser: d.loser, winnerStamp });
      opts.knownLosers.keep(d.table, d.loser);
    }
    if (d.outcome === 'updated') {
      // The version replaced may have absorbed equal versions of other devices: they follow the new one if it says
      // the same, else they are listed now (once), as they would be had they arrived after it.
      const r = opts.knownLosers.replaceWinner(d.table, d.local!, d.incoming);
      for (const v of r.released) lost.push({ kind: 'conflict', table: d.table, recordId: v.id, loser: v, winnerStamp: d.incoming.stamp });
      released += r.released.length;
      if (r.changed) absorbedChanged.set(key(d.table, d.incoming.id), { table: d.table, id: d.incoming.id });
    }
    if (d.absorbed) {
      const winnerStamp = d.outcome === 'stale' ? d.local!.stamp : d.incoming.stamp;
      if (opts.knownLosers.absorb(d.table, d.absorbed, winnerStamp)) absorbedChanged.set(key(d.table, d.incoming.id), { table: d.table, id: d.incoming.id });
    }
    if (writesIt) {
      // Ids are unique per table within one file (the decoder refuses duplicates): each applied record is final.
      overlay.set(key(d.table, d.incoming.id), d.incoming);
      (writes[d.table] as unknown[]).push(d.incoming);
      applied.push(d);
    }
  }
  const counts = tally(decisions, choice);
  counts.conflicts += released;
  return { decisions, counts, writes, applied, lost, refused, absorbedChanged: [...absorbedChanged.values()] };
}

/** Add review entries not yet kept (a re-import lists nothing twice). */
export function keepNew(entries: readonly LostVersion[], knownLosers: KnownLosers): LostVersion[] {
  const out: LostVersion[] = [];
  for (const e of entries) {
    const table = reviewTable(e.kind, e.table);
    if (knownLosers.traces(table, e.loser)) continue;
    knownLosers.keep(table, e.loser);
    out.push(e);
  }
  return out;
}

/** Merge the writes of several folds: the overlay already holds the final version of each record. */
export function finalWrites(overlay: Map<string, unknown>): RecordSets {
  const out = emptyRecordSets();
  for (const [k, v] of overlay) {
    const table = k.slice(0, k.indexOf('\u0000')) as SyncedTable;
    if ((TABLE_ORDER as readonly string[]).includes(table)) (out[table] as unknown[]).push(v);
  }
  return out;
}
