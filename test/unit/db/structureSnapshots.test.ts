import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TaizhangDB } from '../../../renderer/db/database';
import { readPlanStructure, writeStructureSnapshot } from '../../../renderer/db/structureSnapshots';
import { loadPlanView } from '../../../renderer/db/tracking';
import type { Report, Section, Task } from '../../../shared/model';

/**
 * A plan's structure snapshot (renderer/db/structureSnapshots.ts) is a copy of its task and section rows or is not
 * there: any write of the tasks or the sections removes it in the same transaction, and reports leave it alone.
 */
const task = (plan: string, id: string, order: number, extra: Partial<Task> = {}): Task =>
  ({
    id, stamp: `${String(1_700_000_000_000 + order).padStart(15, '0')}-00000-dev_1`, by: 'x', planId: plan, sectionId: null, number: String(order + 1), order,
    content: `任务${order}`, lead: ['unit_1'], support: [], implement: [], deadline: { text: '长期坚持', date: null, kind: 'ongoing' }, ...extra,
  }) as Task;
const section = (plan: string, id: string, order: number): Section => ({ id, stamp: '001700000000000-00000-dev_1', by: 'x', planId: plan, title: `${order + 1}、部分`, parentId: null, order }) as Section;
const report = (plan: string, taskId: string, n: number): Report =>
  ({
    id: `rep_${taskId}${n}`, stamp: `${String(1_700_000_100_000 + n).padStart(15, '0')}-00000-dev_1`, by: 'x', planId: plan, taskId, unitId: 'unit_1', period: '2024-Q1',
    status: 'in-progress', progress: `进展${n}`, problems: '', nextSteps: '', percent: null, attachments: [], author: '', reportedAt: '2024-05-01T08:00:00.000Z',
  }) as Report;

let n = 0;
async function freshDb() {
  const db = new TaizhangDB(`structure-${n++}`);
  await db.open();
  await db.plans.bulkPut(['plan_a', 'plan_b'].map((id) => ({ id, stamp: '001700000000000-00000-dev_1', by: 'x', title: id, docNumber: null, issuer: null, date: '2024-01-10', source: null, leadRule: 'columns', cadence: { every: 'quarter', day: 20 }, yellowDays: 15, owner: { office: 'x', device: 'dev_1' }, createdAt: '2024-01-10T00:00:00.000Z' }) as never));
  await db.units.put({ id: 'unit_1', stamp: '001700000000000-00000-dev_1', by: 'x', name: '市教育局', aliases: [] } as never);
  await db.sections.bulkPut([section('plan_a', 'sec_1', 0), section('plan_a', 'sec_2', 1), section('plan_b', 'sec_3', 0)]);
  await db.tasks.bulkPut([task('plan_a', 'task_1', 0), task('plan_a', 'task_2', 1, { sectionId: 'sec_2' }), task('plan_a', 'task_3', 2, { deleted: true }), task('plan_b', 'task_4', 0)]);
  return db;
}

const rowsOf = async (db: TaizhangDB, plan: string) => ({
  tasks: await db.tasks.where('planId').equals(plan).toArray(),
  sections: await db.sections.where('planId').equals(plan).toArray(),
});

describe('structure snapshots', () => {
  it('copy the plan’s task and section rows, and the plan read from them equals the read from the rows', async () => {
    const db = await freshDb();
    await db.reports.bulkPut([report('plan_a', 'task_1', 1), report('plan_a', 'task_2', 2)]);
    const fromRows = await loadPlanView(db, 'plan_a');
    expect((await readPlanStructure(db, 'plan_a')).fromSnapshot).toBe(false);
    expect(await writeStructureSnapshot(db, 'plan_a')).toBe(true);
    expect(await writeStructureSnapshot(db, 'plan_a')).toBe(false);
    const read = await readPlanStructure(db, 'plan_a');
    expect(read.fromSnapshot).toBe(true);
    expect({ tasks: read.tasks, sections: read.sections }).toEqual(await rowsOf(db, 'plan_a'));
    expect(await loadPlanView(db, 'plan_a')).toEqual(fromRows);
    expect(fromRows.tasks.map((t) => t.id)).toEqual(['task_1', 'task_2']);
    await db.delete();
  });

  it('are removed by every kind of write of the tasks or sections, and kept by report writes', async () => {
    const db = await freshDb();
    const writes: [string, (db: TaizhangDB) => Promise<unknown>, boolean][] = [
      ['a report saved', (db) => db.reports.put(report('plan_a', 'task_1', 10)), false],
      ['a report deleted', (db) => db.reports.delete('rep_task_110'), false],
      ['a task edited', (db) => db.tasks.put(task('plan_a', 'task_1', 0, { content: '改过的任务' })), true],
      ['another plan’s task edited', (db) => db.tasks.put(task('plan_b', 'task_4', 0, { content: '改过' })), true],
      ['a task tombstoned by modify', (db) => db.tasks.where('id').equals('task_2').modify({ deleted: true }), true],
      ['a task deleted by key', (db) => db.tasks.delete('task_1'), true],
      ['tasks added in bulk', (db) => db.tasks.bulkAdd([task('plan_a', 'task_8', 8), task('plan_a', 'task_9', 9)]), true],
      ['a section renamed', (db) => db.sections.update('sec_1', { title: '一、新名' }), true],
      ['a range of sections deleted', (db) => db.sections.where('id').below('sec_2').delete(), true],
      ['the tasks cleared (a restore)', (db) => db.tasks.clear(), true],
    ];
    for (const [what, write, removes] of writes) {
      await writeStructureSnapshot(db, 'plan_a');
      await write(db);
      expect(!(await db.structureSnapshots.get('plan_a')), what).toBe(removes);
      // Whatever it did, what is read equals the rows.
      const read = await readPlanStructure(db, 'plan_a');
      expect({ tasks: read.tasks, sections: read.sections }, what).toEqual(await rowsOf(db, 'plan_a'));
    }
    await db.delete();
  });

  it('is not left behind by a write that fails, nor removed by it', async () => {
    const db = await freshDb();
    await writeStructureSnapshot(db, 'plan_a');
    await expect(
      db.transaction('rw', db.tasks, async () => {
        await db.tasks.put(task('plan_a', 'task_1', 0, { content: '不会保存' }));
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect((await db.structureSnapshots.get('plan_a'))?.tasks).toEqual((await rowsOf(db, 'plan_a')).tasks);
    await db.delete();
  });

  it('after any sequence of writes and snapshot writes, a snapshot equals its plan’s rows (property)', async () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('put' as const), plan: fc.constantFrom('plan_a', 'plan_b'), id: fc.nat(6), order: fc.nat(20) }),
      fc.record({ kind: fc.constant('tombstone' as const), id: fc.nat(6) }),
      fc.record({ kind: fc.constant('delete' as const), id: fc.nat(6) }),
      fc.record({ kind: fc.constant('section' as const), plan: fc.constantFrom('plan_a', 'plan_b'), id: fc.nat(3), order: fc.nat(5) }),
      fc.record({ kind: fc.constant('report' as const), id: fc.nat(6) }),
      fc.record({ kind: fc.constant('snapshot' as const), plan: fc.constantFrom('plan_a', 'plan_b') }),
    );
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 14 }), async (ops) => {
        const db = new TaizhangDB(`structure-prop-${run++}`);
        await db.open();
        for (const o of ops) {
          if (o.kind === 'put') await db.tasks.put(task(o.plan, `task_${o.id}`, o.order));
          else if (o.kind === 'tombstone') await db.tasks.where('id').equals(`task_${o.id}`).modify({ deleted: true });
          else if (o.kind === 'delete') await db.tasks.delete(`task_${o.id}`);
          else if (o.kind === 'section') await db.sections.put(section(o.plan, `sec_${o.id}`, o.order));
          else if (o.kind === 'report') await db.reports.put(report('plan_a', `task_${o.id}`, o.id));
          else await writeStructureSnapshot(db, o.plan);
        }
        for (const plan of ['plan_a', 'plan_b']) {
          const snapshot = await db.structureSnapshots.get(plan);
          if (snapshot) expect({ tasks: snapshot.tasks, sections: snapshot.sections }).toEqual(await rowsOf(db, plan));
        }
        await db.delete();
      }),
      { numRuns: 60 },
    );
  });
});
