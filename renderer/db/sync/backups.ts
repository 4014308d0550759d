import type { BackupEntry, BackupStore } from '../../../shared/platform/bridge';
import { concatBytes, decodeSnapshot, encodeSnapshotInSlices, SnapshotRefusedError, TABLE_ORDER } from '../../../shared/sync';
import { createPacer } from './pacing';
import type { TaizhangDB } from '../database';
import { getDeviceId, getIdentity, observeStamps } from '../installation';
import { fileTime, localIso } from './localTime';
import { readState, syncScope } from './state';
import { SyncRefusedError } from './exportSnapshot';
import { dropStampCache } from './stampCache';

export const DEFAULT_KEEP_BACKUPS = 10;
export type BackupReason = 'auto' | 'import' | 'manual' | 'restore';
const REASON_LABELS: Record<BackupReason, string> = { auto: '定时备份', import: '导入前备份', manual: '手动备份', restore: '恢复前备份' };
const NAME = /^backup-(\d{8}-\d{6})-(\d{3})-(auto|import|manual|restore)\.tzsync$/;

export interface BackupInfo extends BackupEntry {
  reason: string;
}

/**
 * Write a backup of this PC's whole synced state (a snapshot file) into the platform's backup store (a folder
 * in the user's data directory, or a separate IndexedDB in the browser) and keep only the newest `keep`.
 */
export async function createBackup(
  db: TaizhangDB,
  store: BackupStore,
  reason: BackupReason,
  opts: { keep?: number; appVersion?: string; now?: Date } = {},
): Promise<string> {
  const now = opts.now ?? new Date();
  const state = await db.transaction('r', syncScope(db), async () => await readState(db));
  const identity = (await getIdentity(db)) ?? { deviceId: await getDeviceId(db), office: '未设置单位', role: 'department' as const };
  const file = await encodeSnapshotInSlices(
    state,
    {
      producer: identity,
      app: { name: '任务分解台账', version: opts.appVersion ?? '' },
      createdAt: localIso(now),
      scope: { kind: 'backup', since: null },
      level: 1,
    },
    createPacer(),
  );
  const name = `backup-${fileTime(now)}-${String(now.getMilliseconds()).padStart(3, '0')}-${reason}.tzsync`;
  await store.write(name, concatBytes(file.chunks));
  await pruneBackups(store, opts.keep ?? DEFAULT_KEEP_BACKUPS);
  return name;
}

/** Newest first, ours only. */
export async function listBackups(store: BackupStore): Promise<BackupInfo[]> {
  return (await store.list())
    .filter((b) => NAME.test(b.name))
    .sort((a, b) => (a.name < b.name ? 1 : -1))
    .map((b) => ({ ...b, reason: REASON_LABELS[NAME.exec(b.name)![3] as BackupReason] }));
}

export async function pruneBackups(store: BackupStore, keep: number): Promise<void> {
  for (const old of (await listBackups(store)).slice(keep)) await store.remove(old.name);
}

/**
 * Replace this PC's synced data with a backup, in one transaction, after backing up the current state.
 * The conflict list and this PC's settings stay; the clock never moves backwards.
 */
export async function restoreBackup(db: TaizhangDB, store: BackupStore, name: string, opts: { appVersion?: string } = {}): Promise<{ records: number; safetyBackup: string }> {
  let decoded;
  try {
    decoded = await decodeSnapshot(await store.read(name));
  } catch (e) {
    throw new SyncRefusedError(e instanceof SnapshotRefusedError ? `备份文件无法使用：${e.message}` : '备份文件无法读取');
  }
  const safetyBackup = await createBackup(db, store, 'restore', { ...opts, keep: DEFAULT_KEEP_BACKUPS + 1 });
  let records = 0;
  await db.transaction('rw', syncScope(db), async () => {
    for (const table of TABLE_ORDER) {
      await dropStampCache(db, table);
      await db.table(table).clear();
      await db.table(table).bulkAdd(decoded.state.records[table]);
      records += decoded.state.records[table].length;
    }
    await db.blobs.clear();
    await db.blobs.bulkAdd(decoded.state.blobs);
    if (decoded.manifest.maxStamp) await observeStamps(db, [decoded.manifest.maxStamp]);
  });
  return { records, safetyBackup };
}

/**
 * Back up on a schedule while the app runs, only when the data changed since the last backup.
 * Returns a function that stops the schedule.
 */
export function startBackupSchedule(
  db: TaizhangDB,
  store: BackupStore,
  opts: { intervalMs?: number; keep?: number; appVersion?: string } = {},
): () => void {
  let last = '';
  const fingerprint = async () => {
    const clock = (await db.meta.get('clock'))?.value;
    const counts = await Promise.all(TABLE_ORDER.map((t) => db.table(t).count()));
    return JSON.stringify([clock, counts]);
  };
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      const now = await fingerprint();
      if (now !== last && counts(now)) {
        await createBackup(db, store, 'auto', opts);
        last = now;
      }
    } catch {
      // A failed scheduled backup is retried at the next tick; it must never disturb the user's work.
    } finally {
      running = false;
    }
  };
  const counts = (fp: string) => (JSON.parse(fp) as [unknown, number[]])[1].some((n) => n > 0);
  const timer = setInterval(() => void run(), opts.intervalMs ?? 30 * 60_000);
  const first = setTimeout(() => void run(), 60_000);
  return () => {
    clearInterval(timer);
    clearTimeout(first);
  };
}
