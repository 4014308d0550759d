import type { Table } from 'dexie';
import type { SyncedTable } from '../../../shared/model';
import { TABLE_ORDER, emptyState, type SyncState, type TableRecords } from '../../../shared/sync';
import type { TaizhangDB } from '../database';
import { readStampCache, writeStampCache, type StampEntry } from './stampCache';

/** The synced tables of the database, in file order. */
export function syncedTables(db: TaizhangDB): Table[] {
  return TABLE_ORDER.map((t) => db.table(t));
}

/** Every table a sync import or restore writes: one transaction spans them all. */
export function syncScope(db: TaizhangDB): Table[] {
  return [...syncedTables(db), db.blobs, db.conflicts, db.meta];
}

/**
 * What this PC holds, as far as an import needs it: per table either nothing loaded ("direct": the incoming ids
 * are fetched), or the full id → (stamp, fingerprint) index (from the stamp cache, or read through the `stamp`
 * index without loading a record), kept up to date across the files of one import session.
 */
export class LocalIndex {
  private entries = new Map<SyncedTable, Map<string, StampEntry>>();
  private counts = new Map<SyncedTable, number>();
  /** Tables whose index changed since it was loaded: the stamp cache is rewritten for them. */
  readonly changed = new Set<SyncedTable>();

  /**
   * Load each table's index when the import touches a good share of it (else its records are fetched by id).
   * Call inside a transaction over the synced tables and meta.
   */
  async load(db: TaizhangDB, incoming: Partial<Record<SyncedTable, number>>): Promise<void> {
    for (const table of TABLE_ORDER) {
      const total = await db.table(table).count();
      this.counts.set(table, total);
      const n = incoming[table] ?? 0;
      if (total === 0) this.entries.set(table, new Map());
      else if (n * 8 >= total) {
        let map = await readStampCache(db, table);
        if (!map) {
          map = new Map();
          const walked = map;
          await db
            .table(table)
            .orderBy('stamp')
            .eachKey((stamp, cursor) => {
              walked.set(cursor.primaryKey as string, { stamp: stamp as string, print: NaN });
            });
        }
        this.entries.set(table, map);
      }
    }
  }

  /** The loaded index of a table, or undefined when its records are fetched by id. */
  of(table: SyncedTable): Map<string, StampEntry> | undefined {
    return this.entries.get(table);
  }

  total(table: SyncedTable): number {
    return this.counts.get(table) ?? 0;
  }

  /** Record written versions (and fingerprints learnt), keeping the index and counts true to the database. */
  record(table: SyncedTable, id: string, stamp: string, print: number, isNew: boolean): void {
    const map = this.entries.get(table);
    if (isNew) this.counts.set(table, this.total(table) + 1);
    if (!map) return;
    map.set(id, { stamp, print });
    this.changed.add(table);
  }

  /** Stop trusting a table's index (records were removed): its records are fetched by id from now on. */
  forget(table: SyncedTable, count: number): void {
    this.entries.delete(table);
    this.changed.delete(table);
    this.counts.set(table, count);
  }

  /** Write the stamp cache of every changed table (inside the transaction that made the last change). */
  async save(db: TaizhangDB): Promise<void> {
    for (const table of this.changed) {
      const map = this.entries.get(table);
      if (map) await writeStampCache(db, table, map);
    }
    this.changed.clear();
  }
}

/**
 * Which of the incoming records this PC must read to decide them (synchronous, no database access). With a
 * loaded index: an id it lacks is new (nothing read); an equal stamp with an equal line fingerprint is the same
 * version (the incoming record stands in for it); only the rest is read. Without one: every id is fetched.
 */
export function planLocalRead<T extends SyncedTable>(
  index: LocalIndex,
  table: T,
  incoming: readonly TableRecords[T][],
  prints: readonly number[],
): { records: Map<string, TableRecords[T]>; wanted: string[] } {
  const records = new Map<string, TableRecords[T]>();
  if (index.total(table) === 0 || incoming.length === 0) return { records, wanted: [] };
  const map = index.of(table);
  if (!map) return { records, wanted: incoming.map((r) => r.id) };
  const wanted: string[] = [];
  for (let i = 0; i < incoming.length; i++) {
    const r = incoming[i]!;
    const local = map.get(r.id);
    if (local === undefined) continue;
    if (local.stamp === r.stamp && local.print === prints[i]) records.set(r.id, r);
    else wanted.push(r.id);
  }
  return { records, wanted };
}

/**
 * Read the wanted records into `into` (inside a transaction): by id when few, else one pass over the table.
 * Only call it with something wanted: inside a transaction every await must be a database request (an await
 * of nothing loses Dexie's transaction zone).
 */
export async function fetchLocal<T extends SyncedTable>(db: TaizhangDB, table: T, wanted: readonly string[], total: number, into: Map<string, TableRecords[T]>): Promise<void> {
  const t = db.table<TableRecords[T], string>(table);
  if (wanted.length * 8 < total) {
    for (let at = 0; at < wanted.length; at += 5000) {
      for (const r of await t.bulkGet(wanted.slice(at, at + 5000))) if (r) into.set(r.id, r);
    }
  } else {
    const set = new Set(wanted);
    for (const r of await t.toArray()) if (set.has(r.id)) into.set(r.id, r);
  }
}

const READ_PAGE = 5000;

/** The whole synced state (records and attachment contents), optionally only records passing a filter. */
export async function readState(db: TaizhangDB, keep?: (table: SyncedTable, record: TableRecords[SyncedTable]) => boolean): Promise<SyncState> {
  const state = emptyState();
  for (const table of TABLE_ORDER) {
    // By pages of the primary key: each page is one request, so the window gets a turn between them.
    const out: TableRecords[SyncedTable][] = [];
    const t = db.table<TableRecords[SyncedTable], string>(table);
    let last: string | null = null;
    for (;;) {
      const page: TableRecords[SyncedTable][] = await (last === null ? t.orderBy(':id') : t.where(':id').above(last)).limit(READ_PAGE).toArray();
      for (const r of page) if (!keep || keep(table, r)) out.push(r);
      if (page.length < READ_PAGE) break;
      last = page[page.length - 1]!.id;
    }
    (state.records[table] as unknown[]) = out;
  }
  const wanted = new Set<string>();
  for (const r of state.records.reports) {
    for (const a of r.attachments) wanted.add(a.sha256);
    for (const v of r.revisions ?? []) for (const a of v.attachments) wanted.add(a.sha256);
  }
  if (wanted.size > 0) state.blobs = (await db.blobs.bulkGet([...wanted])).filter((b) => b !== undefined);
  return state;
}
