/**
 * Bench page: drives the app's own sync modules in Chromium against real IndexedDB, beside a raw Dexie
 * bulkPut of the same records and dexie-export-import importing the same data. Driven by ../sync.bench.ts.
 */
import { exportDB, importInto } from 'dexie-export-import';
import { TaizhangDB } from '../../../renderer/db/database';
import { applyImport, previewImport, snapshotFromSource, type FilePreview } from '../../../renderer/db/sync';
import { createBrowserPlatform, fileSource } from '../../../renderer/platform/browserPlatform';
import { TABLE_ORDER, SignatureIndex, decodeSnapshot, isSealed, unseal, type Anchor, type KeyPair, type RosterEntry } from '../../../shared/sync';
import { addRosterEntries, confirmAnchor, setKeyPair } from '../../../renderer/db/keys';
import { setIdentity } from '../../../renderer/db/installation';

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
    const result = await applyImport(db, [{ preview: p, choice: {} }], { backups, appVersion: 'bench' });
    const t2 = ms();
    return { previewMs: t1 - t0, applyMs: t2 - t1, totalMs: t2 - t0, written: result.written, sentence: p.sentence, backup: result.backupName };
  },

  /**
   * Several files chosen together (a collection from many offices): one preview of all of them, one apply. Returns
   * the time and how many records the files held and how many were written.
   */
  async importCollection(dbName: string, urlsJson: string) {
    const urls = JSON.parse(urlsJson) as string[];
    const files = await Promise.all(urls.map(async (url) => ({ name: url, bytes: new Uint8Array(await (await fetch(url)).arrayBuffer()) })));
    const db = dbs.get(dbName) ?? (await open(dbName));
    const backups = createBrowserPlatform().backups;
    const t0 = ms();
    const previews = await previewImport(db, files);
    const t1 = ms();
    const ok = previews.map((p) => {
      if (!p.ok) throw new Error(p.error);
      return p;
    });
    const result = await applyImport(db, ok.map((preview) => ({ preview, choice: { includeFarFuture: false, includeUnauthorized: false } })), { backups, appVersion: 'bench' });
    const t2 = ms();
    const incoming = ok.reduce((n, p) => n + Object.values(p.manifest.counts).reduce((m, c) => m + c, 0), 0); // records each file holds, by its manifest
    return { previewMs: t1 - t0, applyMs: t2 - t1, totalMs: t2 - t0, written: result.written, incoming, sentences: ok.map((p) => p.sentence) };
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

  /** A local edit outside sync (fresh, higher stamp): the stamp cache no longer matches the table. */
  async localEdit(dbName: string) {
    const db = dbs.get(dbName)!;
    const r = (await db.reports.limit(1).toArray())[0]!;
    await db.reports.put({ ...r, progress: `${r.progress}（本机修改）`, stamp: '009999999999999-00000-dev_benchlocal' });
  },

  /** A PC that confirmed the supervisor's roster and holds its own key (the sealed file's recipient). */
  async setupTrust(dbName: string, json: string) {
    const { anchor, roster, keys } = JSON.parse(json) as { anchor: Anchor; roster: RosterEntry[]; keys: KeyPair };
    const db = dbs.get(dbName) ?? (await open(dbName));
    await db.meta.put({ key: 'deviceId', value: 'dev_benchreader' });
    await setKeyPair(db, keys);
    await confirmAnchor(db, anchor, roster[0]!);
    await addRosterEntries(db, roster);
    await setIdentity(db, '市教育局', 'department');
    return true;
  },

  /** What signature checking adds: hash every record and find its verified statement (the same work the preview does). */
  async verifyCost(url: string) {
    const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
    const decoded = await decodeSnapshot(bytes);
    const t0 = ms();
    const index = new SignatureIndex(decoded.state.trust?.statements ?? []);
    let signed = 0;
    for (const t of TABLE_ORDER) for (const r of decoded.state.records[t]) if (!('problem' in index.signerOf(t, r))) signed++;
    return { verifyMs: ms() - t0, signed, statements: index.statements.length };
  },

  /** Opening a sealed file alone (SM2 key unwrap + SM4-GCM). */
  async unsealCost(url: string, json: string) {
    const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
    const keys = JSON.parse(json) as KeyPair;
    const t0 = ms();
    const inner = isSealed(bytes) ? unseal(bytes, { keys }) : bytes;
    return { unsealMs: ms() - t0, bytes: inner.length };
  },

  /**
   * The app's import of many files at once, each read by slices from a Blob (as the web twin reads picked files):
   * check all (progress), then apply file by file. Samples the JS heap and the longest stall of the window (the
   * largest gap between 10 ms timer ticks) while it runs.
   */
  async importMany(dbName: string, ...urls: string[]) {
    const blobs = await Promise.all(urls.map(async (u) => Object.assign(await (await fetch(u)).blob(), { name: u })));
    const db = dbs.get(dbName) ?? (await open(dbName));
    const backups = createBrowserPlatform().backups;
    const memory = () => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0;
    const heapBefore = memory();
    let heapPeak = heapBefore;
    let last = ms();
    let stall = 0;
    const timer = setInterval(() => {
      const now = ms();
      stall = Math.max(stall, now - last);
      last = now;
      heapPeak = Math.max(heapPeak, memory());
    }, 10);
    let progressCalls = 0;
    const t0 = ms();
    const previews = await previewImport(db, blobs.map((b) => snapshotFromSource(fileSource(b))), { onProgress: () => progressCalls++ });
    const t1 = ms();
    const ok = previews.filter((p): p is Extract<FilePreview, { ok: true }> => p.ok);
    if (ok.length !== previews.length) throw new Error(previews.map((p) => (p.ok ? '' : p.error)).join(' '));
    const result = await applyImport(db, ok.map((preview) => ({ preview, choice: {} })), { backups, appVersion: 'bench', onProgress: () => progressCalls++ });
    const t2 = ms();
    clearInterval(timer);
    return { checkMs: t1 - t0, applyMs: t2 - t1, totalMs: t2 - t0, written: result.written, files: result.files.length, heapBefore, heapPeak, stallMs: stall, progressCalls };
  },

  /**
   * The floor under a collection's apply: the same records the app writes (each file's records not put before),
   * written by raw Dexie bulkPuts into the app's schema (same indexes, no report-summary middleware, no sync
   * logic), one transaction per file as the app does. Files are decoded before the clock starts.
   */
  async rawFilesPut(dbName: string, urlsJson: string) {
    const urls = JSON.parse(urlsJson) as string[];
    const decoded = await Promise.all(urls.map(async (url) => decodeSnapshot(new Uint8Array(await (await fetch(url)).arrayBuffer()))));
    const db = new TaizhangDB(dbName);
    db.unuse({ stack: 'dbcore', name: 'reportSummaries' });
    await db.open();
    dbs.set(dbName, db);
    const put = new Set<string>();
    let records = 0;
    const perFile: number[] = [];
    const t0 = ms();
    for (const d of decoded) {
      const f0 = ms();
      const rows = TABLE_ORDER.map((t) => [t, (d.state.records[t] as { id: string }[]).filter((r) => !put.has(`${t}\u0000${r.id}`))] as const);
      await db.transaction('rw', TABLE_ORDER.map((t) => db.table(t)), async () => {
        for (const [t, list] of rows) if (list.length) await db.table(t).bulkPut(list);
      });
      for (const [t, list] of rows) for (const r of list) put.add(`${t}\u0000${r.id}`);
      records += rows.reduce((n, [, list]) => n + list.length, 0);
      perFile.push(ms() - f0);
    }
    return { putMs: ms() - t0, records, perFile };
  },

  /** Close and delete a database (between rounds, so the disk does not fill). */
  async drop(dbName: string) {
    const db = dbs.get(dbName);
    if (db) db.close();
    dbs.delete(dbName);
    await new TaizhangDB(dbName).delete();
    return true;
  },

  async count(dbName: string) {
    const db = dbs.get(dbName)!;
    return db.reports.count();
  },
};

(window as unknown as { bench: typeof api }).bench = api;
document.title = 'ready';
