import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { TaizhangDB } from '../../../renderer/db/database';
import { openInstallation } from '../../../renderer/db/installation';
import { savePlanRecords } from '../../../renderer/db/plans';
import { renameUnit } from '../../../renderer/db/planEdit';
import { unitId } from '../../../shared/model';
import { samplePlan } from '../tracking/fixtures';

const opened: TaizhangDB[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) db.delete();
});

/** A PC whose identity was written before keys existed (set up by an earlier version, or restored): no keys, no roster. */
async function pcWithoutKeys(role: 'supervisor' | 'department', office: string): Promise<TaizhangDB> {
  const db = new TaizhangDB(`installation-test-${process.pid}-${opened.length}`);
  opened.push(db);
  await db.open();
  await db.meta.bulkPut([
    { key: 'deviceId', value: 'dev_old00001' },
    { key: 'identity', value: { deviceId: 'dev_old00001', office, role } },
  ]);
  return db;
}

describe('start-up of an installation (openInstallation)', () => {
  it('gives a supervisor PC set up before keys its key pair and roster, so it may maintain its units', async () => {
    const records = samplePlan();
    const db = await pcWithoutKeys('supervisor', records.plan.owner.office);
    await savePlanRecords(db, records);
    const health = unitId('市卫生健康局');
    // Before start-up the policy does not know this PC as a supervisor: the unit directory is refused.
    await expect(renameUnit(db, records.plan.id, health, '市卫生健康委员会')).rejects.toThrow(/单位名录只能由督办单位修改/);
    expect(await db.units.get(health)).toMatchObject({ name: '市卫生健康局' });

    const identity = await openInstallation(db);
    expect(identity).toMatchObject({ office: records.plan.owner.office, role: 'supervisor' });
    expect(await db.meta.get('keys')).toBeTruthy();
    expect(await db.roster.count()).toBe(1);
    await renameUnit(db, records.plan.id, health, '市卫生健康委员会');
    expect(await db.units.get(health)).toMatchObject({ name: '市卫生健康委员会', aliases: ['市卫生健康局'] });
  });

  it('writes nothing the second time, and nothing at all before the first-run question is answered', async () => {
    const db = await pcWithoutKeys('department', '市公安局');
    await openInstallation(db);
    const keys = (await db.meta.get('keys'))?.value;
    expect(keys).toBeTruthy();
    expect(await db.roster.count()).toBe(0); // a department PC keeps no roster of its own
    await openInstallation(db);
    expect((await db.meta.get('keys'))?.value).toEqual(keys);

    const fresh = new TaizhangDB(`installation-test-${process.pid}-fresh`);
    opened.push(fresh);
    await fresh.open();
    expect(await openInstallation(fresh)).toBeNull();
    expect(await fresh.meta.count()).toBe(0);
  });
});
