import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_NAME, TaizhangDB } from '../../../renderer/db/database';
import { EARLY_DB_NAME, readEarlyRows } from '../../../renderer/db/earlyReads';
import { savePlanRecords } from '../../../renderer/db/plans';
import { readStartData } from '../../../renderer/src/store/startData';
import { action, samplePlan } from '../tracking/fixtures';

const opened: TaizhangDB[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});
let n = 0;
const name = () => `early-reads-test-${process.pid}-${n++}`;

/** A configured supervisor PC holding one plan. */
async function configuredPc(): Promise<TaizhangDB> {
  const db = new TaizhangDB(name());
  opened.push(db);
  const records = samplePlan();
  await db.meta.bulkPut([
    { key: 'deviceId', value: 'dev_early0001' },
    { key: 'identity', value: { deviceId: 'dev_early0001', office: records.plan.owner.office, role: 'supervisor' } },
  ]);
  await savePlanRecords(db, records);
  // An approved 延期 past the plan's deadlines: the plan list's period ends there, read either way.
  const task = records.tasks[1]!;
  await db.actions.put(action(records, 1, 'extension-approve', { unitId: task.lead[0]!, newDeadline: '2025-06-30' }));
  return db;
}

describe('the first screen read before Dexie is loaded (earlyReads.ts)', () => {
  it('opens the database the app uses', () => {
    expect(EARLY_DB_NAME).toBe(DB_NAME);
  });

  it('gives the first screen the same plans, summaries and identity as the reads through Dexie', async () => {
    const db = await configuredPc();
    const early = await readEarlyRows(db.name);
    expect(early?.version).toBe(Math.round(db.verno * 10));
    const viaDexie = await readStartData(db);
    const viaEarly = await readStartData(db, Promise.resolve(early));
    expect(viaDexie?.identity?.role).toBe('supervisor');
    expect(viaDexie?.summaries[0]?.taskCount).toBeGreaterThan(0);
    expect(viaDexie?.summaries[0]?.period).toMatchObject({ to: '2025-06-30', extended: true });
    expect(viaEarly).toEqual(viaDexie);
  });

  it('an identity row that is not valid counts as none, as through Dexie', async () => {
    const db = await configuredPc();
    await db.meta.put({ key: 'identity', value: { deviceId: 'dev_early0001', office: '', role: 'boss' } });
    const viaEarly = await readStartData(db, readEarlyRows(db.name));
    expect(viaEarly?.identity).toBeNull();
    expect(viaEarly).toEqual(await readStartData(db));
  });

  it('on a first start finds no database and leaves none behind for Dexie to find (it makes it)', async () => {
    const fresh = name();
    expect(await readEarlyRows(fresh)).toBeNull();
    expect((await indexedDB.databases()).map((d) => d.name)).not.toContain(fresh);
    const db = new TaizhangDB(fresh);
    opened.push(db);
    await db.open();
    expect(db.verno).toBeGreaterThan(1);
    const data = await readStartData(db, readEarlyRows(fresh));
    expect(data).toEqual({ identity: null, plans: [], summaries: [] });
  });

  it('rows read at another version of the database are not used: the reads go through Dexie (which upgrades it)', async () => {
    const db = await configuredPc();
    const early = await readEarlyRows(db.name);
    const stale = { ...early!, version: early!.version - 10, plans: [], tasks: [], identity: null };
    expect(await readStartData(db, Promise.resolve(stale))).toEqual(await readStartData(db));
  });

  it('does not hold the database open: a newer version can upgrade it right after', async () => {
    const db = await configuredPc();
    const reading = readEarlyRows(db.name);
    db.close();
    const upgrade = await new Promise<number>((resolve, reject) => {
      const request = indexedDB.open(db.name, Math.round(db.verno * 10) + 10);
      request.onsuccess = () => {
        const version = request.result.version;
        request.result.close();
        resolve(version);
      };
      request.onerror = () => reject(request.error);
    });
    expect(upgrade).toBe(Math.round(db.verno * 10) + 10);
    await reading;
  });
});
