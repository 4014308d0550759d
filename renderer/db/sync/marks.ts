import type { SyncedTable } from '../../../shared/model';
import type { TaizhangDB } from '../database';

/** Meta rows of the sync feature (local to this PC, never synced). */
const LAST_EXPORT = 'sync.lastExport';
const RELAY = 'sync.relay';
const IMPORTED_FILES = 'sync.importedFiles';
const KEEP_IMPORTED = 2000;

export interface ExportMark {
  /** A stamp taken from this PC's clock at export: every later local change sorts above it. */
  mark: string;
  at: string;
  /** What the file held (older marks have none). */
  kind?: 'full' | 'changes';
  /** The office the file was sealed for, when it was (the only recipient this PC knows of). */
  to?: string | null;
}

export async function getLastExport(db: TaizhangDB): Promise<ExportMark | null> {
  const row = await db.meta.get(LAST_EXPORT);
  const v = row?.value as ExportMark | undefined;
  return v && typeof v.mark === 'string' ? v : null;
}

/**
 * Records imported since the last export whose stamps sort below its mark: a "changes" export must still
 * carry them on (relay), though their stamps are old.
 */
export async function getRelay(db: TaizhangDB): Promise<Partial<Record<SyncedTable, string[]>>> {
  return ((await db.meta.get(RELAY))?.value as Partial<Record<SyncedTable, string[]>> | undefined) ?? {};
}

export async function addRelay(db: TaizhangDB, ids: Partial<Record<SyncedTable, string[]>>): Promise<void> {
  if (Object.values(ids).every((l) => !l || l.length === 0)) return;
  const relay = await getRelay(db);
  for (const [table, list] of Object.entries(ids) as [SyncedTable, string[]][]) {
    relay[table] = [...new Set([...(relay[table] ?? []), ...list])];
  }
  await db.meta.put({ key: RELAY, value: relay });
}

export async function setExported(db: TaizhangDB, mark: ExportMark): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    await db.meta.put({ key: LAST_EXPORT, value: mark });
    await db.meta.delete(RELAY);
  });
}

export async function getImportedFiles(db: TaizhangDB): Promise<string[]> {
  const v = (await db.meta.get(IMPORTED_FILES))?.value;
  return Array.isArray(v) ? (v as string[]) : [];
}

export async function addImportedFiles(db: TaizhangDB, hashes: readonly string[]): Promise<void> {
  const known = await getImportedFiles(db);
  const fresh = hashes.filter((h) => !known.includes(h));
  if (fresh.length === 0) return;
  await db.meta.put({ key: IMPORTED_FILES, value: [...known, ...fresh].slice(-KEEP_IMPORTED) });
}

/**
 * Files refused at import that earlier versions kept with their reason until the user dismissed them (local to
 * this PC). Nothing adds to the list any more (a file refused whole leaves no trace in the database: the sync
 * screen lists it for the session, renderer/src/features/sync/importStore.ts); what is there can be dismissed.
 */
const REFUSED_FILES = 'sync.refusedFiles';

export interface RefusedFile {
  name: string;
  size: number;
  reason: string;
  at: string;
}

export async function getRefusedFiles(db: TaizhangDB): Promise<RefusedFile[]> {
  const v = (await db.meta.get(REFUSED_FILES))?.value;
  return Array.isArray(v) ? (v as RefusedFile[]) : [];
}

export async function dismissRefusedFile(db: TaizhangDB, index: number): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const current = await getRefusedFiles(db);
    current.splice(index, 1);
    if (current.length) await db.meta.put({ key: REFUSED_FILES, value: current });
    else await db.meta.delete(REFUSED_FILES);
  });
}

export async function dismissAllRefusedFiles(db: TaizhangDB): Promise<void> {
  await db.meta.delete(REFUSED_FILES);
}
