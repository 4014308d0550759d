import { MAX_CLOCK_DRIFT_MS } from '../model/hlc';
import type { SyncedTable } from '../model/schemas';
import { compareVersions, sameContent, stampDevice, stampWall, type Versioned } from './canonical';
import { authorityProblem, type AuthorityContext } from './authority';
import { TABLE_ORDER, type RecordSets, type TableRecords } from './state';

/** What importing one version of a record does to this PC's copy. */
export type Outcome = 'new' | 'updated' | 'unchanged' | 'stale';

export interface Decision<T extends SyncedTable = SyncedTable> {
  table: T;
  incoming: TableRecords[T];
  local: TableRecords[T] | undefined;
  outcome: Outcome;
  /** A version from another device with different content loses: it goes to the conflict list. */
  loser: TableRecords[T] | null;
  /** Stamp more than 24 h ahead of this PC's clock: shown, not applied unless the user says so. */
  farFuture: boolean;
  /** Unsigned, forged, altered, replayed, revoked or beyond the writer's authority: shown, never applied. */
  unauthorized: string | null;
}

export interface ClassifyOptions {
  now: number;
  authority: AuthorityContext;
  /** Losing versions this PC already holds in its conflict list: a re-import adds none twice. */
  knownLosers?: KnownLosers;
  /**
   * This very file was imported before: its versions were judged then, so one that now loses is not a new
   * conflict (re-importing a file changes nothing, whatever was imported in between).
   */
  seenBefore?: boolean;
}

export const conflictKey = (table: string, id: string, stamp: string): string => `${table}\u0000${id}\u0000${stamp}`;

/** The stamps of losing versions already kept, per record. */
export class KnownLosers {
  private byRecord = new Map<string, string[]>();
  add(table: string, id: string, stamp: string): void {
    const k = `${table}\u0000${id}`;
    const list = this.byRecord.get(k);
    if (!list) this.byRecord.set(k, [stamp]);
    else if (!list.includes(stamp)) list.push(stamp);
  }
  has(table: string, id: string, stamp: string): boolean {
    return this.byRecord.get(`${table}\u0000${id}`)?.includes(stamp) ?? false;
  }
  /** Is a version already traced: kept itself, or superseded by a later kept version from the same device? */
  traces(table: string, id: string, stamp: string): boolean {
    const device = stampDevice(stamp);
    return this.byRecord.get(`${table}\u0000${id}`)?.some((s) => s >= stamp && stampDevice(s) === device) ?? false;
  }
  clone(): KnownLosers {
    const copy = new KnownLosers();
    for (const [k, l] of this.byRecord) copy.byRecord.set(k, [...l]);
    return copy;
  }
  get size(): number {
    let n = 0;
    for (const l of this.byRecord.values()) n += l.length;
    return n;
  }
}

/** Decide one incoming version against the local one. Pure; the same rules run in preview, apply and tests. */
export function decide<T extends SyncedTable>(
  table: T,
  incoming: TableRecords[T],
  local: TableRecords[T] | undefined,
  opts: ClassifyOptions,
): Decision<T> {
  let outcome: Outcome;
  let loser: TableRecords[T] | null = null;
  if (!local) outcome = 'new';
  else {
    const c = compareVersions(incoming, local);
    if (c === 0) outcome = 'unchanged';
    else {
      outcome = c > 0 ? 'updated' : 'stale';
      const lost = c > 0 ? local : incoming;
      const won = c > 0 ? incoming : local;
      const judgedBefore = c < 0 && opts.seenBefore === true;
      if (!judgedBefore && isConflict(lost, won) && !opts.knownLosers?.traces(table, lost.id, lost.stamp)) loser = lost;
    }
  }
  const changes = outcome === 'new' || outcome === 'updated';
  return {
    table,
    incoming,
    local,
    outcome,
    loser,
    farFuture: changes && stampWall(incoming.stamp) > opts.now + MAX_CLOCK_DRIFT_MS,
    unauthorized: changes ? authorityProblem(table, incoming, opts.authority) : null,
  };
}

/**
 * Concurrent edits: the losing version came from another device and says something else. A device's own
 * later version replacing its earlier one is an ordinary edit, not a conflict.
 */
export function isConflict(lost: Versioned, won: Versioned): boolean {
  return stampDevice(lost.stamp) !== stampDevice(won.stamp) && !sameContent(lost, won);
}

export interface ApplyChoice {
  includeFarFuture: boolean;
  /** Ignored: records refused by the authority policy are never applied (kept for callers of version 1). */
  includeUnauthorized?: boolean;
}

/** Whether a decision is written, given the user's choice about flagged records. */
export function isApplied(d: Decision, choice: ApplyChoice): boolean {
  if (d.outcome !== 'new' && d.outcome !== 'updated') return false;
  if (d.farFuture && !choice.includeFarFuture) return false;
  if (d.unauthorized) return false; // refused whatever the choice: a signature cannot be waived
  return true;
}

/** Counts behind the preview sentence. */
export interface PreviewCounts {
  newReports: number;
  newOther: number;
  updated: number;
  conflicts: number;
  unchanged: number;
  stale: number;
  farFuture: number;
  unauthorized: number;
}

export function emptyCounts(): PreviewCounts {
  return { newReports: 0, newOther: 0, updated: 0, conflicts: 0, unchanged: 0, stale: 0, farFuture: 0, unauthorized: 0 };
}

/** Tally decisions; flagged records are counted apart, not as new or updated. */
export function tally(decisions: Iterable<Decision>, counts = emptyCounts()): PreviewCounts {
  for (const d of decisions) {
    if (d.farFuture) counts.farFuture++;
    if (d.unauthorized) counts.unauthorized++;
    const held = d.farFuture || d.unauthorized;
    if (d.outcome === 'new' && !held) d.table === 'reports' ? counts.newReports++ : counts.newOther++;
    else if (d.outcome === 'updated' && !held) counts.updated++;
    else if (d.outcome === 'unchanged') counts.unchanged++;
    else if (d.outcome === 'stale') counts.stale++;
    if (d.loser && !held) counts.conflicts++;
  }
  return counts;
}

/** Look-up of this PC's current version of a record. */
export type LocalLookup = <T extends SyncedTable>(table: T, id: string) => TableRecords[T] | undefined;

/** Decide every record of an incoming set. */
export function classifyAll(incoming: RecordSets, local: LocalLookup, opts: ClassifyOptions): Decision[] {
  const out: Decision[] = [];
  for (const table of TABLE_ORDER) {
    for (const r of incoming[table]) out.push(decide(table, r, local(table, r.id), opts));
  }
  return out;
}
