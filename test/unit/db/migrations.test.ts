import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { TaizhangDB } from '../../../renderer/db/database';

/**
 * Migration scaffold: each released schema version gets a fixture written with that version's stores, then
 * opened with the current TaizhangDB; the test checks the data survives. Add a case per new version.
 */
describe('database migrations', () => {
  it('opens at the current version with every table', async () => {
    const db = new TaizhangDB('mig-current');
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(1);
    expect(db.tables.map((t) => t.name).sort()).toEqual(
      ['actions', 'blobs', 'conflicts', 'meta', 'plans', 'reports', 'sections', 'tasks', 'units', 'requests', 'requestEvents', 'requestLedgers', 'scoreSchemes', 'scoreAdjustments'].sort(),
    );
    await db.delete();
  });

  it('keeps version-1 data when opened by the current schema', async () => {
    const v1 = new Dexie('mig-v1');
    v1.version(1).stores({ plans: 'id', tasks: 'id, planId, *lead, *support, *implement', meta: 'key' });
    await v1.open();
    await v1.table('plans').put({ id: 'plan_0123456789abcdef', title: '旧计划' });
    await v1.table('meta').put({ key: 'deviceId', value: 'dev_old' });
    v1.close();

    const db = new TaizhangDB('mig-v1');
    await db.open();
    expect((await db.plans.get('plan_0123456789abcdef'))?.title).toBe('旧计划');
    expect((await db.meta.get('deviceId'))?.value).toBe('dev_old');
    await db.delete();
  });

  it('opens a version-1 database (before 诉求事项 and 考核) with its data and the new, empty tables', async () => {
    const v1 = new Dexie('mig-v1-requests');
    v1.version(1).stores({
      plans: 'id, stamp',
      sections: 'id, planId, stamp',
      tasks: 'id, planId, *lead, *support, *implement, stamp',
      units: 'id, name, stamp',
      reports: 'id, planId, taskId, unitId, stamp',
      actions: 'id, planId, taskId, stamp',
      blobs: 'sha256',
      conflicts: '++seq, [table+recordId]',
      meta: 'key',
    });
    await v1.open();
    await v1.table('reports').put({ id: 'rep_0123456789abcdef', planId: 'plan_0123456789abcdef', stamp: 's' });
    v1.close();

    const db = new TaizhangDB('mig-v1-requests');
    await db.open();
    expect((await db.reports.get('rep_0123456789abcdef'))?.planId).toBe('plan_0123456789abcdef');
    expect(await db.requests.count()).toBe(0);
    expect(await db.requestEvents.where('requestId').equals('req_x').count()).toBe(0);
    expect(await db.scoreAdjustments.where('unitId').equals('unit_x').count()).toBe(0);
    await db.delete();
  });
});
