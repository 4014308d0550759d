/**
 * Bench page: drives the app's own sync modules in Chromium against real IndexedDB, beside a raw Dexie
 * bulkPut of the same records and dexie-export-import importing the same data. Driven by ../sync.bench.ts.
 */
import { exportDB, importInto } from 'dexie-export-import';
import { TaizhangDB } from '../../../renderer/db/database';
import { applyImport, previewImport } from '../../../renderer/db/sync';
import { createBrowserPlatform } from '../../../renderer/platform/browserPlatform';
import { TABLE_ORDER, compareVersions, decodeSnapshot } from '../../../shared/sync';

const ms = () => performance.now();
const dbs = new Map<string, TaizhangDB>();
async function open(name: string): Promise<TaizhangDB> {
  const db = new TaizhangDB(name);
  await db.open();
  dbs.set(name, db);
  return db;
}

const api = {
  /** Raw Dexie: bulkPut every record of the state (already parsed) in one transaction. */
  async rawBulkPut(dbName: string, url: string) {
    const text = await (await fetch(url)).text();
    const t0 = ms();
    const data = JSON.parse(text) as Record<string, unknown[]>;
    const parsed = ms() - t0;
    const db = await open(dbName);
    const t1 = ms();
    await db.transaction('rw', TABLE_ORDER.map((t) => db.table(t)), async () => {
      for (const t of TABLE_ORDER) await db.table(t).bulkPut(data[t] ?? []);
    });
    return { parseMs: parsed, putMs: ms() - t1, records: TABLE_ORDER.reduce((n, t) => n + (data[t]?.length ?? 0), 0) };
  },

  /** The app's import: validate + decode + preview, then apply (one transaction, only what changes). */
  async importSnapshot(dbName: string, url: string) {
    const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
    const db = dbs.get(dbName) ?? (await open(dbName));
    const backups = createBrowserPlatform().backups;
    const t0 = ms();
    const previews = await previewImport(db, [{ name: 'bench.tzsync', bytes }]);
    const t1 = ms();
    const p = previews[0]!;
    if (!p.ok) throw new Error(p.error);
    const result = await applyImport(db, [{ preview: p, choice: { includeFarFuture: false, includeUnauthorized: false } }], { backups, appVersion: 'bench' });
    const t2 = ms();
    return { previewMs: t1 - t0, applyMs: t2 - t1, totalMs: t2 - t0, written: result.written, sentence: p.sentence, backup: result.backupName };
  },

  /** dexie-export-import: export a filled database (not timed), import it into a fresh one (timed). */
  async dexieExportImport(sourceDb: string, targetDb: string) {
    const source = dbs.get(sourceDb)!;
    const blob = await exportDB(source);
    const target = await open(targetDb);
    const t0 = ms();
    await importInto(target, blob, { overwriteValues: true, acceptNameDiff: true });
    return { importMs: ms() - t0, bytes: blob.size };
  },

  /** Where a re-import's time goes: decode, read of the local versions, classification. */
  async breakdown(dbName: string, url: string) {
    const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
    const db = dbs.get(dbName)!;
    const t0 = ms();
    const decoded = await decodeSnapshot(bytes);
    const t1 = ms();
    const all = await db.reports.toArray();
    const t2 = ms();
    const keys = await db.reports.toCollection().primaryKeys();
    const t3 = ms();
    const t3b = ms();
    const stamps = new Map<string, string>();
    await db.reports.orderBy('stamp').eachKey((stamp, cursor) => {
      stamps.set(cursor.primaryKey as string, stamp as string);
    });
    const eachKeyMs = ms() - t3b;
    const t3c = ms();
    await new Promise<void>((resolve) => {
      const req = db.backendDB().transaction('reports').objectStore('reports').index('stamp').openKeyCursor();
      req.onsuccess = () => {
        const c = req.result;
        if (!c) return resolve();
        stamps.set(c.primaryKey as string, c.key as string);
        c.continue();
      };
    });
    const rawCursorMs = ms() - t3c;
    const map = new Map(all.map((r) => [r.id, r]));
    let same = 0;
    for (const r of decoded.state.records.reports) if (compareVersions(r, map.get(r.id)!) === 0) same++;
    const t4 = ms();
    return { decodeMs: t1 - t0, toArrayMs: t2 - t1, primaryKeysMs: t3 - t2, eachKeyMs, rawCursorMs, compareMs: t4 - t3, same, keys: keys.length };
  },

  /** Scratch: ways to read (id, stamp) pairs. */
  async readWays(url: string) {
    const data = JSON.parse(await (await fetch(url)).text()) as { reports: { id: string; stamp: string }[] };
    const Dexie = (await import('dexie')).default;
    const db = new Dexie('ways');
    db.version(1).stores({ reports: 'id, planId, taskId, unitId, stamp, [id+stamp]' });
    await db.open();
    await db.table('reports').bulkPut(data.reports);
    const out: Record<string, number> = {};
    let t = ms();
    await db.table('reports').toArray();
    out.toArray = ms() - t;
    t = ms();
    await db.table('reports').bulkGet(data.reports.map((r) => r.id));
    out.bulkGet = ms() - t;
    const idb = db.backendDB();
    t = ms();
    await new Promise<void>((resolve) => {
      const req = idb.transaction('reports').objectStore('reports').index('stamp').openKeyCursor();
      let n = 0;
      req.onsuccess = () => {
        const c = req.result;
        if (!c) return resolve();
        n += (c.key as string).length + (c.primaryKey as string).length;
        c.continue();
      };
    });
    out.keyCursor = ms() - t;
    t = ms();
    await new Promise<void>((resolve) => {
      const tx = idb.transaction('reports');
      const idx = tx.objectStore('reports').index('[id+stamp]');
      let hits = 0;
      for (const r of data.reports) {
        const req = idx.count([r.id, r.stamp]);
        req.onsuccess = () => (hits += req.result);
      }
      tx.oncomplete = () => resolve();
    });
    out.countPairs = ms() - t;
    t = ms();
    await new Promise<void>((resolve) => {
      const tx = idb.transaction('reports');
      const req = tx.objectStore('reports').index('[id+stamp]').getAllKeys();
      req.onsuccess = () => resolve();
    });
    out.getAllKeysCompound = ms() - t;
    db.close();
    return out;
  },

  async count(dbName: string) {
    const db = dbs.get(dbName)!;
    return db.reports.count();
  },
};

(window as unknown as { bench: typeof api }).bench = api;
document.title = 'ready';
