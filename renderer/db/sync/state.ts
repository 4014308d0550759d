import type { Table } from 'dexie';
import type { SyncedTable } from '../../../shared/model';
import { TABLE_ORDER, emptyState, type SyncState, type TableRecords } from '../../../shared/sync';
import type { TaizhangDB } from '../database';

/** The synced tables of the database, in file order. */
export function syncedTables(db: TaizhangDB): Table[] {
  return TABLE_ORDER.map((t) => db.table(t));
}

/** Every table a sync import or restore writes: one transaction spans them all. */
export function syncScope(db: TaizhangDB): Table[] {
  return [...syncedTables(db), db.blobs, db.conflicts, db.meta];
}

/**
 * Read this PC's versions of the given ids. A table mostly covered by the ids is read whole (one getAll is far
 * faster in IndexedDB than many gets); an empty table is not read at all.
 */
export async function readLocal<T extends SyncedTable>(db: TaizhangDB, table: T, ids: readonly string[]): Promise<Map<string, TableRecords[T]>> {
  const out = new Map<string, TableRecords[T]>();
  if (ids.length === 0) return out;
  const t = db.table<TableRecords[T], string>(table);
  const total = await t.count();
  if (total === 0) return out;
  if (ids.length * 4 >= total) {
    const wanted = new Set(ids);
    for (const r of await t.toArray()) if (wanted.has(r.id)) out.set(r.id, r);
  } else {
    const found = await t.bulkGet(ids as string[]);
    for (const r of found) if (r) out.set(r.id, r);
  }
  return out;
}

/** The whole synced state (records and attachment contents), optionally only records passing a filter. */
export async function readState(db: TaizhangDB, keep?: (table: SyncedTable, record: TableRecords[SyncedTable]) => boolean): Promise<SyncState> {
  const state = emptyState();
  for (const table of TABLE_ORDER) {
    const rows = await db.table(table).toArray();
    (state.records[table] as unknown[]) = keep ? rows.filter((r) => keep(table, r)) : rows;
  }
  const wanted = new Set<string>();
  for (const r of state.records.reports) for (const a of r.attachments) wanted.add(a.sha256);
  if (wanted.size > 0) state.blobs = (await db.blobs.bulkGet([...wanted])).filter((b) => b !== undefined);
  return state;
}
