import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { TaizhangDB, rebuildReportSummaries } from '../../../renderer/db/database';
import { keepDigestSnapshots, readPlanDigests, writeDigestSnapshot } from '../../../renderer/db/digestSnapshots';
import type { Report } from '../../../shared/model';

/**
 * A plan's digest snapshot (renderer/db/digestSnapshots.ts) is a copy of its digests or is not there: any write that
 * changes a digest of the plan removes it in the same transaction, and it is written again from the digests.
 */
const report = (plan: string, task: string, unit: string, period: string, n: number): Report =>
  ({
    id: `rep_${task}${unit}${period}`, stamp: `${String(1_700_000_000_000 + n).padStart(15, '0')}-00000-dev_1`, by: 'x', planId: plan, taskId: task, unitId: unit, period,
    status: 'in-progress', progress: `进展${n}`, problems: '', nextSteps: '', percent: null, attachments: [], author: '', reportedAt: '2024-05-01T08:00:00.000Z',
  }) as Report;

let n = 0;
async function freshDb() {
  const db = new TaizhangDB(`snapshots-${n++}`);
  await db.open();
  await db.reports.bulkPut([report('plan_a', 'task_1', 'unit_1', '2024-Q1', 1), report('plan_a', 'task_2', 'unit_1', '2024-Q1', 2), report('plan_b', 'task_3', 'unit_1', '2024-Q1', 3)]);
  return db;
}

describe('digest snapshots', () => {
  it('copy the plan’s digests, sorted by task, and are read in their place', async () => {
    const db = await freshDb();
    expect((await readPlanDigests(db, 'plan_a')).fromSnapshot).toBe(false);
    expect(await writeDigestSnapshot(db, 'plan_a')).toBe(true);
    expect(await writeDigestSnapshot(db, 'plan_a')).toBe(false);
    const read = await readPlanDigests(db, 'plan_a');
    expect(read.fromSnapshot).toBe(true);
    expect(read.digests).toEqual(await db.reportDigests.where('planId').equals('plan_a').sortBy('taskId'));
    expect(read.digests.map((d) => d.taskId)).toEqual(['task_1', 'task_2']);
  });

  it('are removed by any write that changes a digest of their plan, and only of their plan', async () => {
    const db = await freshDb();
    const writes: [string, (db: TaizhangDB) => Promise<unknown>, boolean][] = [
      ['a report saved', (db) => db.reports.put(report('plan_a', 'task_1', 'unit_2', '2024-Q2', 10)), true],
      ['another plan’s report saved', (db) => db.reports.put(report('plan_b', 'task_3', 'unit_2', '2024-Q2', 11)), false],
      ['a report deleted', (db) => db.reports.delete('rep_task_2unit_12024-Q1'), true],
      ['a tombstone', (db) => db.reports.put({ ...report('plan_a', 'task_1', 'unit_1', '2024-Q1', 12), deleted: true }), true],
      ['a range deleted', (db) => db.reports.where('id').below('rep_task_2').delete(), true],
      ['the reports cleared (a restore)', (db) => db.reports.clear(), true],
      ['the summaries rebuilt', (db) => rebuildReportSummaries(db), true],
    ];
    for (const [what, write, removes] of writes) {
      await writeDigestSnapshot(db, 'plan_a');
      await write(db);
      expect(!(await db.digestSnapshots.get('plan_a')), what).toBe(removes);
      // Whatever it removed, what is written again equals the digests.
      await writeDigestSnapshot(db, 'plan_a');
      expect((await db.digestSnapshots.get('plan_a'))!.digests, what).toEqual(await db.reportDigests.where('planId').equals('plan_a').sortBy('taskId'));
    }
  });

  it('is not left behind by a write that fails', async () => {
    const db = await freshDb();
    await writeDigestSnapshot(db, 'plan_a');
    await expect(
      db.transaction('rw', [db.reports], async () => {
        await db.reports.put(report('plan_a', 'task_1', 'unit_2', '2024-Q2', 20));
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    // Aborted: the report, its digest and the snapshot's removal all undone together.
    expect(await db.reports.get('rep_task_1unit_22024-Q2')).toBeUndefined();
    expect((await db.digestSnapshots.get('plan_a'))!.digests).toEqual(await db.reportDigests.where('planId').equals('plan_a').sortBy('taskId'));
  });

  it('are written again after any change of their plan’s reports, by whoever made it', async () => {
    const db = await freshDb();
    await db.plans.bulkPut([{ id: 'plan_a' }, { id: 'plan_b' }, { id: 'plan_c', deleted: true }] as never[]);
    const stop = keepDigestSnapshots(db, 10);
    try {
      await writeDigestSnapshot(db, 'plan_a');
      // A write as a sync import makes it: straight into the reports, not through the tracking screens.
      await db.transaction('rw', [db.reports], () => db.reports.bulkPut([report('plan_a', 'task_1', 'unit_3', '2024-Q3', 30), report('plan_b', 'task_3', 'unit_3', '2024-Q3', 31)]));
      expect(await db.digestSnapshots.get('plan_a')).toBeUndefined();
      const snapshotOf = async (plan: string) => {
        for (let i = 0; i < 100 && !(await db.digestSnapshots.get(plan)); i++) await new Promise((r) => setTimeout(r, 20));
        return (await db.digestSnapshots.get(plan))?.digests;
      };
      expect(await snapshotOf('plan_a')).toEqual(await db.reportDigests.where('planId').equals('plan_a').sortBy('taskId'));
      expect(await snapshotOf('plan_b')).toEqual(await db.reportDigests.where('planId').equals('plan_b').sortBy('taskId'));
      expect(await db.digestSnapshots.get('plan_c')).toBeUndefined();
    } finally {
      stop();
    }
  });
});
