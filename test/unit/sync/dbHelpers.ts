import 'fake-indexeddb/auto';
import type { BackupEntry, BackupStore, PickedFile } from '../../../shared/platform/bridge';
import { TABLE_ORDER, concatBytes, type SyncState } from '../../../shared/sync';
import type { Identity } from '../../../shared/model';
import { TaizhangDB } from '../../../renderer/db/database';
import { setIdentity } from '../../../renderer/db/installation';
import { exportSnapshot } from '../../../renderer/db/sync';

let n = 0;
/** A fresh database for one simulated PC, holding `state` as its own data. */
export async function openPc(identity: Identity, state?: SyncState): Promise<TaizhangDB> {
  const db = new TaizhangDB(`sync-test-${process.pid}-${n++}`);
  await db.open();
  await db.meta.put({ key: 'deviceId', value: identity.deviceId });
  await setIdentity(db, identity.office, identity.role);
  if (state) {
    await db.transaction('rw', [...TABLE_ORDER.map((t) => db.table(t)), db.blobs], async () => {
      for (const t of TABLE_ORDER) await db.table(t).bulkPut(state.records[t]);
      await db.blobs.bulkPut(state.blobs);
    });
  }
  return db;
}

/** Every row of every table, for before/after comparisons. */
export async function dumpDatabase(db: TaizhangDB): Promise<string> {
  const out: Record<string, unknown[]> = {};
  for (const t of db.tables) out[t.name] = await t.toArray();
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
