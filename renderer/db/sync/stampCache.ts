import type { SyncedTable } from '../../../shared/model';
import type { TaizhangDB } from '../database';

/**
 * A cache of every (id, stamp, line fingerprint) of a synced table, kept in one meta row so an import compares
 * 100,000 records after ONE read instead of loading them. Written at the end of a sync import; trusted only
 * while the table matches it: the same record count and newest stamp, or — after local edits, which always take
 * a fresh clock stamp above every stamp stored — the cache plus the few records stamped after its newest stamp
 * (read through the stamp index) explain the table exactly. Fingerprints are those of the file lines the records
 * arrived in (NaN when unknown, e.g. a local edit): an equal stamp with an equal fingerprint is the same version
 * without reading it; anything else is read and compared in full. Local to this PC, never synced.
 */
interface StampCacheRow {
  count: number;
  max: string | null;
  /**
   * Ids and stamps, each joined by "\n" (neither ever holds one), and the fingerprints as a Float64Array: a
   * few large values are stored and read back far faster than 200,000 small strings. (Older rows held arrays;
   * they are read too.)
   */
  ids: string | string[];
  stamps: string | string[];
  prints?: Float64Array | number[];
}

const split = (v: string | string[]) => (typeof v === 'string' ? (v === '' ? [] : v.split('\n')) : v);

export interface StampEntry {
  stamp: string;
  /** Fingerprint of the canonical line (NaN when not known). */
  print: number;
}

const key = (table: SyncedTable) => `sync.stamps.${table}`;

async function newestStamp(db: TaizhangDB, table: SyncedTable): Promise<string | null> {
  const [max] = (await db.table(table).orderBy('stamp').reverse().limit(1).keys()) as string[];
  return max ?? null;
}

/** The table's full id → (stamp, fingerprint) map when the cache (with later local edits) explains the table; otherwise null. */
export async function readStampCache(db: TaizhangDB, table: SyncedTable): Promise<Map<string, StampEntry> | null> {
  const row = (await db.meta.get(key(table)))?.value as StampCacheRow | undefined;
  const valid = (v: unknown) => typeof v === 'string' || Array.isArray(v);
  if (!row || !valid(row.ids) || !valid(row.stamps)) return null;
  const ids = split(row.ids);
  const stamps = split(row.stamps);
  if (ids.length !== stamps.length || ids.length !== row.count) return null;
  const t = db.table(table);
  const count = await t.count();
  const max = count === 0 ? null : await newestStamp(db, table);
  const map = new Map<string, StampEntry>();
  const prints = (Array.isArray(row.prints) || row.prints instanceof Float64Array) && row.prints.length === ids.length ? row.prints : null;
  for (let i = 0; i < ids.length; i++) map.set(ids[i]!, { stamp: stamps[i]!, print: prints ? prints[i]! : NaN });
  if (count === row.count && max === row.max) return map;
  if (row.max === null || max === null || max < row.max) return null;
  // Local edits since: records stamped after the cache's newest stamp, read through the index.
  let added = 0;
  const later = new Map<string, string>();
  await t
    .where('stamp')
    .above(row.max)
    .eachKey((stamp, cursor) => {
      later.set(cursor.primaryKey as string, stamp as string);
    });
  for (const [id, stamp] of later) {
    if (!map.has(id)) added++;
    map.set(id, { stamp, print: NaN });
  }
  return count === row.count + added ? map : null;
}

/** Store the table's full id → (stamp, fingerprint) map (call inside the transaction that wrote the table). */
export async function writeStampCache(db: TaizhangDB, table: SyncedTable, entries: ReadonlyMap<string, StampEntry>): Promise<void> {
  let max: string | null = null;
  const ids: string[] = [];
  const stamps: string[] = [];
  const prints = new Float64Array(entries.size);
  for (const [id, e] of entries) {
    prints[ids.length] = e.print;
    ids.push(id);
    stamps.push(e.stamp);
    if (max === null || e.stamp > max) max = e.stamp;
  }
  const row: StampCacheRow = { count: entries.size, max, ids: ids.join('\n'), stamps: stamps.join('\n'), prints };
  await db.meta.put({ key: key(table), value: row });
}

export async function dropStampCache(db: TaizhangDB, table: SyncedTable): Promise<void> {
  await db.meta.delete(key(table));
}
