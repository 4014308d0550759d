import type { SyncedTable } from '../model/schemas';
import { classifyAll, isApplied, type KnownLosers, tally, type ApplyChoice, type ClassifyOptions, type Decision, type LocalLookup, type PreviewCounts } from './classify';
import { TABLE_ORDER, emptyRecordSets, type RecordSets, type TableRecords } from './state';

/** A version that lost and must be kept for review. */
export interface LostVersion<T extends SyncedTable = SyncedTable> {
  table: T;
  recordId: string;
  loser: TableRecords[T];
  winnerStamp: string;
}

export interface FoldResult {
  decisions: Decision[];
  counts: PreviewCounts;
  /** Records to write (only those that change this PC's state). */
  writes: RecordSets;
  lost: LostVersion[];
}

/**
 * Fold one incoming record set into an overlay of this PC's state: decide each record, keep what is written
 * in the overlay (so several files applied together see each other), collect the losing versions.
 */
export function foldIncoming(
  incoming: RecordSets,
  base: LocalLookup,
  overlay: Map<string, unknown>,
  opts: ClassifyOptions & { knownLosers: KnownLosers },
  choice: ApplyChoice,
): FoldResult {
  const key = (table: string, id: string) => `${table}\u0000${id}`;
  const lookup: LocalLookup = (table, id) => (overlay.get(key(table, id)) as TableRecords[typeof table] | undefined) ?? base(table, id);
  const decisions = classifyAll(incoming, lookup, opts);
  const writes = emptyRecordSets();
  const lost: LostVersion[] = [];
  for (const d of decisions) {
    const applied = isApplied(d, choice);
    if (d.loser && (applied || d.outcome === 'stale')) {
      const winnerStamp = d.outcome === 'stale' ? d.local!.stamp : d.incoming.stamp;
      lost.push({ table: d.table, recordId: d.loser.id, loser: d.loser, winnerStamp });
      opts.knownLosers.add(d.table, d.loser.id, d.loser.stamp);
    }
    if (applied) {
      // Ids are unique per table within one file (the decoder refuses duplicates): each applied record is final.
      overlay.set(key(d.table, d.incoming.id), d.incoming);
      (writes[d.table] as unknown[]).push(d.incoming);
    }
  }
  return { decisions, counts: tally(decisions), writes, lost };
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
