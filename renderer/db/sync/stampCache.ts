import type { SyncedTable } from '../../../shared/model';
import type { TaizhangDB } from '../database';

/**
 * A cache of every (id, stamp) pair of a synced table, kept in one meta row so a re-import compares 100,000
 * records after ONE read instead of walking an index. It is written by sync imports and trusted only while the
 * table's record count and highest stamp are what they were when it was written: every local change takes a
 * fresh clock stamp above all others, so any write outside sync invalidates it (and the slow path rebuilds it
 * at the next import). Local to this PC, never synced.
 */
interface StampCacheRow {
  count: number;
  max: string | null;
  ids: string[];
  stamps: string[];
}

const key = (table: SyncedTable) => `sync.stamps.${table}`;

async function shape(db: TaizhangDB, table: SyncedTable): Promise<{ count: number; max: string | null }> {
  const t = db.table(table);
  const count = await t.count();
  if (count === 0) return { count, max: null };
  const [max] = (await t.orderBy('stamp').reverse().limit(1).keys()) as string[];
  return { count, max: max ?? null };
}

/** The table's full id → stamp map, when the cache still matches the table; otherwise null. */
export async function readStampCache(db: TaizhangDB, table: SyncedTable): Promise<Map<string, string> | null> {
  const row = (await db.meta.get(key(table)))?.value as StampCacheRow | undefined;
  if (!row || !Array.isArray(row.ids) || !Array.isArray(row.stamps) || row.ids.length !== row.stamps.length) return null;
  const now = await shape(db, table);
  if (now.count !== row.count || now.max !== row.max) return null;
  const map = new Map<string, string>();
  for (let i = 0; i < row.ids.length; i++) map.set(row.ids[i]!, row.stamps[i]!);
  return map;
}

/** Store the table's full id → stamp map (call inside the transaction that wrote the table). */
export async function writeStampCache(db: TaizhangDB, table: SyncedTable, stamps: ReadonlyMap<string, string>): Promise<void> {
  let max: string | null = null;
  for (const s of stamps.values()) if (max === null || s > max) max = s;
  const row: StampCacheRow = { count: stamps.size, max, ids: [...stamps.keys()], stamps: [...stamps.values()] };
  await db.meta.put({ key: key(table), value: row });
}

export async function dropStampCache(db: TaizhangDB, table: SyncedTable): Promise<void> {
  await db.meta.delete(key(table));
}
