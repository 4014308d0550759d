import { MAX_CLOCK_DRIFT_MS, MAX_STAMP_WALL } from '../model/hlc';
import type { SyncedTable } from '../model/schemas';
import { compareVersions, recordPrint, sameContent, stampDevice, stampWall, type Versioned } from './canonical';
import { authorityProblem, type AuthorityContext } from './authority';
import { TABLE_ORDER, type RecordSets, type TableRecords } from './state';

/** What importing one version of a record does to this PC's copy. */
export type Outcome = 'new' | 'updated' | 'unchanged' | 'stale';

export interface Decision<T extends SyncedTable = SyncedTable> {
  table: T;
  incoming: TableRecords[T];
  local: TableRecords[T] | undefined;
  outcome: Outcome;
  /** A version that loses and says something else (another device's, or one with the same stamp): kept for review. */
  loser: TableRecords[T] | null;
  /**
   * A version that loses to one from another device saying the same thing (two offices deleting one report): not
   * listed, but remembered (`KnownLosers.absorb`) so that it is listed if the winner is later replaced by other content.
   */
  absorbed: TableRecords[T] | null;
  /** Stamp more than 24 h ahead of this PC's clock: applied like any other, reported as a clock problem. */
  farFuture: boolean;
  /** Stamp beyond any real clock (damaged or forged): refused everywhere alike, listed in the check, stored nowhere. */
  beyondRange: boolean;
  /** Unsigned, forged, altered, replayed, revoked or beyond the writer's authority: never applied, listed in the check, stored nowhere. */
  unauthorized: string | null;
}

export interface ClassifyOptions {
  now: number;
  authority: AuthorityContext;
  /** Versions this PC already keeps for review (conflicts, refusals): a re-import adds none twice. */
  knownLosers?: KnownLosers;
  /**
   * This very file was imported before: its versions were judged then, so one that now loses is not a new
   * conflict (re-importing a file changes nothing, whatever was imported in between).
   */
  seenBefore?: boolean;
}

export const conflictKey = (table: string, id: string, stamp: string): string => `${table}\u0000${id}\u0000${stamp}`;

interface KeptVersion {
  stamp: string;
  /** recordPrint of the kept version (two versions with one stamp differ only in content). */
  print: number | null;
}

/**
 * A losing version that said the same thing as the winner, from another device: not listed while a version saying
 * the same stands (`winnerStamp`: the version standing now), listed as a conflict when one saying something else
 * replaces it (see `KnownLosers.replaceWinner`).
 */
export interface AbsorbedVersion {
  table: SyncedTable;
  version: TableRecords[SyncedTable];
  winnerStamp: string;
}

/**
 * The versions of records already kept for review, per record; and the versions absorbed by an equal one (kept
 * silently until that one is replaced by other content, then listed once).
 */
export class KnownLosers {
  private byRecord = new Map<string, KeptVersion[]>();
  private absorbedByRecord = new Map<string, AbsorbedVersion[]>();
  add(table: string, id: string, stamp: string, print: number | null = null): void {
    const k = `${table}\u0000${id}`;
    const list = this.byRecord.get(k);
    const entry = { stamp, print };
    if (!list) this.byRecord.set(k, [entry]);
    else if (!list.some((v) => v.stamp === stamp && v.print === print)) list.push(entry);
  }
  /** Keep a version (its fingerprint is taken from the record). */
  keep(table: string, record: Versioned): void {
    this.add(table, record.id, record.stamp, recordPrint(record));
  }
  has(table: string, id: string, stamp: string): boolean {
    return this.byRecord.get(`${table}\u0000${id}`)?.some((v) => v.stamp === stamp) ?? false;
  }
  /**
   * Is a version already traced: kept itself (same stamp and content; an entry without a fingerprint matches any
   * content) or absorbed, or superseded by a later version from the same device that is kept or absorbed (its own
   * edit history)?
   */
  traces(table: string, record: Versioned): boolean {
    const key = `${table}\u0000${record.id}`;
    const list = this.byRecord.get(key);
    const absorbed = this.absorbedByRecord.get(key);
    if (!list && !absorbed) return false;
    const device = stampDevice(record.stamp);
    let print: number | null | undefined;
    const printOf = () => (print ??= recordPrint(record));
    if (
      list?.some((v) => {
        if (v.stamp > record.stamp) return stampDevice(v.stamp) === device;
        if (v.stamp !== record.stamp) return false;
        return v.print === null || v.print === printOf();
      })
    ) {
      return true;
    }
    return (
      absorbed?.some((a) => {
        if (a.version.stamp > record.stamp) return stampDevice(a.version.stamp) === device;
        return a.version.stamp === record.stamp && recordPrint(a.version) === printOf();
      }) ?? false
    );
  }

  /**
   * Remember a version absorbed by an equal one standing now (stamp `winnerStamp`), unless it is traced already.
   * Returns whether anything new is remembered (a re-import remembers nothing twice).
   */
  absorb(table: SyncedTable, version: TableRecords[SyncedTable], winnerStamp: string): boolean {
    if (this.traces(table, version)) return false;
    const key = `${table}\u0000${version.id}`;
    const entry: AbsorbedVersion = { table, version, winnerStamp };
    const list = this.absorbedByRecord.get(key);
    if (list) list.push(entry);
    else this.absorbedByRecord.set(key, [entry]);
    return true;
  }

  /** The versions of a record absorbed by an equal one. */
  absorbedOf(table: SyncedTable, id: string): readonly AbsorbedVersion[] {
    return this.absorbedByRecord.get(`${table}\u0000${id}`) ?? [];
  }

  /**
   * An import replaces a record's version `replaced` by `next`. The versions `replaced` absorbed follow `next` when
   * it says the same thing too; otherwise they no longer say what stands, and each is returned to be listed as a
   * conflict (and kept) when it came from another device than `next` and is not traced otherwise — or forgotten, when
   * `next` is its own device's later edit. (Versions absorbed by a version this PC's user replaced, not an import, stay
   * remembered as they are: that user saw what they said.) Returns the versions to list and whether the memory changed.
   */
  replaceWinner(table: SyncedTable, replaced: Versioned, next: TableRecords[SyncedTable]): { released: TableRecords[SyncedTable][]; changed: boolean } {
    if (this.absorbedByRecord.size === 0) return { released: [], changed: false }; // the common case: nothing absorbed
    const key = `${table}\u0000${replaced.id}`;
    const list = this.absorbedByRecord.get(key);
    if (!list || !list.some((a) => a.winnerStamp === replaced.stamp)) return { released: [], changed: false };
    const stay: AbsorbedVersion[] = [];
    const judged: AbsorbedVersion[] = [];
    for (const a of list) {
      if (a.winnerStamp !== replaced.stamp) stay.push(a);
      else if (isAbsorbed(a.version, next)) stay.push({ ...a, winnerStamp: next.stamp });
      else judged.push(a);
    }
    if (stay.length) this.absorbedByRecord.set(key, stay);
    else this.absorbedByRecord.delete(key);
    const released: TableRecords[SyncedTable][] = [];
    // Newest first: an earlier version of the same device is then traced by the later one kept.
    for (const a of judged.sort((x, y) => (x.version.stamp < y.version.stamp ? 1 : -1))) {
      if (!isConflict(a.version, next) || this.traces(table, a.version)) continue;
      this.keep(table, a.version);
      released.push(a.version);
    }
    return { released, changed: true };
  }

  clone(): KnownLosers {
    const copy = new KnownLosers();
    for (const [k, l] of this.byRecord) copy.byRecord.set(k, [...l]);
    for (const [k, l] of this.absorbedByRecord) copy.absorbedByRecord.set(k, [...l]);
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
  let absorbed: TableRecords[T] | null = null;
  if (!local) outcome = 'new';
  else {
    const c = compareVersions(incoming, local);
    if (c === 0) outcome = 'unchanged';
    else {
      outcome = c > 0 ? 'updated' : 'stale';
      const lost = c > 0 ? local : incoming;
      const won = c > 0 ? incoming : local;
      // A version of a file imported before lost then or to a later change since, so it is not listed again; but a
      // tie on the very same stamp can only come from content changed without a new stamp, which is listed.
      const judgedBefore = c < 0 && opts.seenBefore === true && incoming.stamp !== local.stamp;
      if (!judgedBefore) {
        if (isConflict(lost, won)) {
          if (!opts.knownLosers?.traces(table, lost)) loser = lost;
        } else if (isAbsorbed(lost, won)) absorbed = lost;
      }
    }
  }
  const changes = outcome === 'new' || outcome === 'updated';
  const wall = stampWall(incoming.stamp);
  return {
    table,
    incoming,
    local,
    outcome,
    loser,
    absorbed,
    farFuture: changes && wall > opts.now + MAX_CLOCK_DRIFT_MS,
    beyondRange: changes && wall >= MAX_STAMP_WALL,
    unauthorized: changes ? authorityProblem(table, incoming, opts.authority) : null,
  };
}

/**
 * A losing version worth keeping: it came from another device and says something else, or it carries the very
 * stamp of the winner with other content (a hand-edited or damaged source: the tie goes to the canonical text,
 * the same on every PC). A device's own later version replacing its earlier one is an ordinary edit.
 */
export function isConflict(lost: Versioned, won: Versioned): boolean {
  if (sameContent(lost, won)) return false;
  return lost.stamp === won.stamp || stampDevice(lost.stamp) !== stampDevice(won.stamp);
}

/**
 * A losing version that says what the winner says, from another device (two offices deleting the same report):
 * nothing to review while the winner stands, so it is remembered, not listed.
 */
export function isAbsorbed(lost: Versioned, won: Versioned): boolean {
  return stampDevice(lost.stamp) !== stampDevice(won.stamp) && sameContent(lost, won);
}

export interface ApplyChoice {
  /** Ignored: records refused by the authority policy are never applied (a signature cannot be waived). */
  includeUnauthorized?: boolean;
}

export const DEFAULT_CHOICE: ApplyChoice = {};

/** Why a decision that would change this PC is not applied, or null when it is applied (or changes nothing). */
export function refusalOf(d: Decision, choice: ApplyChoice): string | null {
  if (d.outcome !== 'new' && d.outcome !== 'updated') return null;
  if (d.beyondRange) return '修改时间超出任何真实时钟的范围（2200 年以后），记录已损坏或被篡改';
  if (d.unauthorized) return d.unauthorized; // whatever the choice: a signature cannot be waived
  return null;
}

/** Whether a decision is written, given the user's choice about flagged records. */
export function isApplied(d: Decision, choice: ApplyChoice): boolean {
  return (d.outcome === 'new' || d.outcome === 'updated') && refusalOf(d, choice) === null;
}

/** Counts behind the preview sentence. */
export interface PreviewCounts {
  newReports: number;
  newOther: number;
  updated: number;
  conflicts: number;
  unchanged: number;
  stale: number;
  /** Applied, but stamped more than 24 h ahead of this PC's clock (a clock to check). */
  farFuture: number;
  /** Not applied (listed in the check with the reason, stored nowhere). */
  refused: number;
  /** Of `refused`: authority breaks the user may still choose to apply. */
  unauthorized: number;
}

export function emptyCounts(): PreviewCounts {
  return { newReports: 0, newOther: 0, updated: 0, conflicts: 0, unchanged: 0, stale: 0, farFuture: 0, refused: 0, unauthorized: 0 };
}

/** Tally decisions under a choice; refused records are counted apart, not as new or updated. */
export function tally(decisions: Iterable<Decision>, choice: ApplyChoice = DEFAULT_CHOICE, counts = emptyCounts()): PreviewCounts {
  for (const d of decisions) {
    const refused = refusalOf(d, choice) !== null;
    if (d.unauthorized) counts.unauthorized++;
    if (refused) counts.refused++;
    else if (d.farFuture) counts.farFuture++;
    if (d.outcome === 'new' && !refused) d.table === 'reports' ? counts.newReports++ : counts.newOther++;
    else if (d.outcome === 'updated' && !refused) counts.updated++;
    else if (d.outcome === 'unchanged') counts.unchanged++;
    else if (d.outcome === 'stale') counts.stale++;
    if (d.loser && !refused) counts.conflicts++;
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
