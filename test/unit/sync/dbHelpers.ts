import 'fake-indexeddb/auto';
import type { BackupEntry, BackupStore, PickedFile } from '../../../shared/platform/bridge';
import { TABLE_ORDER, concatBytes, emptyState, signStates, type SimulatedTrust, type SyncState, type TableRecords } from '../../../shared/sync';
import type { Identity, SyncedTable } from '../../../shared/model';
import { TaizhangDB } from '../../../renderer/db/database';
import { digestOfSummary } from '../../../shared/tracking/reportDigest';
import { rebuildSummaries } from '../../../shared/tracking/reportSummary';
import { setIdentity } from '../../../renderer/db/installation';
import { addRosterEntries, confirmAnchor, setKeyPair } from '../../../renderer/db/keys';
import { exportSnapshot, type FilePreview } from '../../../renderer/db/sync';
import { storeStatements } from '../../../renderer/db/sync/signExport';

/** A file's preview that must have succeeded (else the test fails with the preview's own message). */
export const ok = (p: FilePreview | undefined) => {
  if (!p?.ok) throw new Error(p && !p.ok ? p.error : 'no preview');
  return p;
};

let n = 0;
/**
 * A fresh database for one simulated PC, holding `state` as its own data. With `trust` (from simulate) the PC
 * has its simulated key, has confirmed the supervisor's roster, and holds the signatures of the state's records.
 */
export async function openPc(identity: Identity, state?: SyncState, trust?: SimulatedTrust): Promise<TaizhangDB> {
  const db = new TaizhangDB(`sync-test-${process.pid}-${n++}`);
  await db.open();
  await db.meta.put({ key: 'deviceId', value: identity.deviceId });
  if (trust) {
    const keys = trust.keys.get(identity.deviceId);
    if (keys) await setKeyPair(db, keys);
    const genesis = trust.roster[0]!;
    await confirmAnchor(db, trust.anchor, genesis);
    await addRosterEntries(db, trust.roster);
  }
  await setIdentity(db, identity.office, identity.role);
  if (state) {
    if (trust && !state.trust) signStates([state], [], trust, '2024-01-02T00:00:00.000Z');
    await db.transaction('rw', [...TABLE_ORDER.map((t) => db.table(t)), db.blobs], async () => {
      for (const t of TABLE_ORDER) await db.table(t).bulkPut(state.records[t]);
      await db.blobs.bulkPut(state.blobs);
    });
    if (state.trust) await storeStatements(db, state.trust.statements);
  }
  return db;
}

/** Put records into a PC's database as if its author devices had written and signed them. */
export async function putSigned<T extends SyncedTable>(db: TaizhangDB, trust: SimulatedTrust, table: T, rows: TableRecords[T][]): Promise<void> {
  const state = emptyState();
  (state.records[table] as TableRecords[T][]) = rows;
  signStates([state], [], trust, '2024-01-02T00:00:00.000Z');
  await db.table(table).bulkPut(rows);
  await storeStatements(db, state.trust!.statements);
}

/**
 * Every row of every table, as text. `withoutRefusedReview`: leave out the local review rows of records refused at
 * import (conflicts of kind "refused": kept for the user to read, never data), to check that a refused file
 * changed nothing else.
 */
export async function dumpDatabase(db: TaizhangDB, opts: { withoutRefusedReview?: boolean } = {}): Promise<string> {
  const out: Record<string, unknown[]> = {};
  for (const t of db.tables) {
    const rows: unknown[] = await t.toArray();
    out[t.name] = opts.withoutRefusedReview && t.name === 'conflicts' ? rows.filter((c) => (c as { kind?: string }).kind !== 'refused') : rows;
  }
  return JSON.stringify(out, (_k, v: unknown) => (v instanceof Uint8Array ? Array.from(v) : v));
}

export async function exportFile(db: TaizhangDB, mode: 'full' | 'changes' = 'full', now?: Date): Promise<PickedFile & { mark: Awaited<ReturnType<typeof exportSnapshot>>['mark'] }> {
  const r = await exportSnapshot(db, { mode, appVersion: 'test', now });
  return { name: r.fileName, bytes: concatBytes(r.file.chunks), mark: r.mark };
}

export class MemoryBackups implements BackupStore {
  files = new Map<string, BackupEntry & { bytes: Uint8Array }>();
  async write(name: string, bytes: Uint8Array) {
    this.files.set(name, { name, bytes, size: bytes.length, createdAt: new Date().toISOString() });
  }
  async list() {
    return [...this.files.values()].map(({ name, size, createdAt }) => ({ name, size, createdAt }));
  }
  async read(name: string) {
    const f = this.files.get(name);
    if (!f) throw new Error('missing');
    return f.bytes;
  }
  async remove(name: string) {
    this.files.delete(name);
  }
}

/**
 * The report summaries and digests this PC keeps, compared with a rebuild from its reports (they must be equal after
 * any write).
 */
export async function summariesAndRebuild(db: TaizhangDB): Promise<[unknown, unknown]> {
  const rebuilt = rebuildSummaries(await db.reports.toArray());
  return [
    { summaries: await db.reportSummaries.orderBy('taskId').toArray(), digests: await db.reportDigests.orderBy('taskId').toArray() },
    { summaries: rebuilt, digests: rebuilt.map(digestOfSummary) },
  ];
}
