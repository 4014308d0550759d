import type { Table } from 'dexie';
import type { SyncedTable } from '../../../shared/model';
import { TABLE_ORDER, emptyState, type SyncState, type TableRecords } from '../../../shared/sync';
import type { TaizhangDB } from '../database';
import { readStampCache } from './stampCache';

/** The synced tables of the database, in file order. */
export function syncedTables(db: TaizhangDB): Table[] {
  return TABLE_ORDER.map((t) => db.table(t));
}

/** Every table a sync import or restore writes: one transaction spans them all. */
export function syncScope(db: TaizhangDB): Table[] {
  return [...syncedTables(db), db.blobs, db.conflicts, db.meta];
}

/**
 * This PC's versions of the given ids, for deciding an import. Few ids: fetched whole. Many: the (id, stamp)
 * pairs are read through the `stamp` index (no record is loaded), and only records whose stamp differs from
 * the incoming one are fetched whole; an equal stamp names the same version (one change by one device), so
 * the incoming record stands in for it. An empty table is not read at all.
 */
export interface LocalRead<T extends SyncedTable> {
  records: Map<string, TableRecords[T]>;
  /** Every (id, stamp) of the table, when it was read (or cached); null when only the ids were fetched. */
  stamps: Map<string, string> | null;
}

export async function readLocal<T extends SyncedTable>(db: TaizhangDB, table: T, incoming: readonly TableRecords[T][]): Promise<LocalRead<T>> {
  const records = new Map<string, TableRecords[T]>();
  const t = db.table<TableRecords[T], string>(table);
  const total = await t.count();
  if (total === 0) return { records, stamps: new Map() };
  if (incoming.length === 0) return { records, stamps: null };
  if (incoming.length * 8 < total) {
    for (const r of await t.bulkGet(incoming.map((r) => r.id))) if (r) records.set(r.id, r);
    return { records, stamps: null };
  }
  let stamps = await readStampCache(db, table);
  if (!stamps) {
    const walked = new Map<string, string>();
    await t.orderBy('stamp').eachKey((stamp, cursor) => {
      walked.set(cursor.primaryKey as string, stamp as string);
    });
    stamps = walked;
  }
  const differing: string[] = [];
  for (const r of incoming) {
    const local = stamps.get(r.id);
    if (local === undefined) continue;
    if (local === r.stamp) records.set(r.id, r);
    else differing.push(r.id);
  }
  if (differing.length * 8 < total) {
    for (const r of await t.bulkGet(differing)) if (r) records.set(r.id, r);
  } else {
    const wanted = new Set(differing);
    for (const r of await t.toArray()) if (wanted.has(r.id)) records.set(r.id, r);
  }
  return { records, stamps };
}

/** The whole synced state (records and attachment contents), optionally only records passing a filter. */
export async function readState(db: TaizhangDB, keep?: (table: SyncedTable, record: TableRecords[SyncedTable]) => boolean): Promise<SyncState> {
  const state = emptyState();
  for (const table of TABLE_ORDER) {
    const rows = await db.table(table).toArray();
    (state.records[table] as unknown[]) = keep ? rows.filter((r) => keep(table, r)) : rows;
  }
  const wanted = new Set<string>();
  for (const r of state.records.reports) {
    for (const a of r.attachments) wanted.add(a.sha256);
    for (const v of r.revisions ?? []) for (const a of v.attachments) wanted.add(a.sha256);
  }
  if (wanted.size > 0) state.blobs = (await db.blobs.bulkGet([...wanted])).filter((b) => b !== undefined);
  return state;
}
