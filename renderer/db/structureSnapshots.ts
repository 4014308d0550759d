import type { DBCore, DBCoreMutateRequest, DBCoreTable, Middleware } from 'dexie';
import type { Section, Task } from '../../shared/model';
import type { TaizhangDB } from './database';
import { scheduleIdleWrite } from './idleWrite';

/**
 * A plan's tasks and sections in one row, as their own rows hold them: the plan read (renderer/db/tracking.ts) takes
 * it in a small part of the time 5,000 task rows take (IndexedDB reads one large value much faster than many small
 * ones). A copy and nothing more, like the digest snapshot (renderer/db/digestSnapshots.ts):
 * - any write of the tasks or the sections, whoever makes it (a plan edit, a sync import, a restore), removes every
 *   plan's snapshot in the same transaction (`structureSnapshotMiddleware`): such writes are rare, and a write whose
 *   plan is not known (a delete by key) needs no lookup;
 * - it is written again from the rows, in one transaction, when the window is idle after the plan was read.
 * Reports do not touch it: after a report is saved or a sync file of progress imported, the next read still finds it.
 */
export interface StructureSnapshot {
  planId: string;
  /** The plan's task rows (deleted ones too), as `tasks.where('planId')` reads them. */
  tasks: Task[];
  /** The plan's section rows, as `sections.where('planId')` reads them. */
  sections: Section[];
}

const TASKS = 'tasks';
const SECTIONS = 'sections';
export const STRUCTURE_SNAPSHOTS = 'structureSnapshots';

/** Write the plan's snapshot from its rows, unless it is there already. Returns whether it wrote one. */
export async function writeStructureSnapshot(db: TaizhangDB, planId: string): Promise<boolean> {
  return db.transaction('rw', [db.tasks, db.sections, db.structureSnapshots], async () => {
    if (await db.structureSnapshots.where('planId').equals(planId).count()) return false;
    const [tasks, sections] = await Promise.all([db.tasks.where('planId').equals(planId).toArray(), db.sections.where('planId').equals(planId).toArray()]);
    await db.structureSnapshots.put({ planId, tasks, sections });
    return true;
  });
}

/** The plan's task and section rows: from its snapshot when there is one, otherwise from the rows. Inside a transaction over the three tables. */
export async function readPlanStructure(db: TaizhangDB, planId: string): Promise<{ tasks: Task[]; sections: Section[]; fromSnapshot: boolean }> {
  const snapshot = await db.structureSnapshots.get(planId);
  if (snapshot) return { tasks: snapshot.tasks, sections: snapshot.sections, fromSnapshot: true };
  const [tasks, sections] = await Promise.all([db.tasks.where('planId').equals(planId).toArray(), db.sections.where('planId').equals(planId).toArray()]);
  return { tasks, sections, fromSnapshot: false };
}

/** Write the plan's snapshot once the window has been idle a while after the plan was read. */
export function scheduleStructureSnapshot(db: TaizhangDB, planId: string, delayMs = 500): void {
  scheduleIdleWrite(`structure:${planId}`, delayMs, () => writeStructureSnapshot(db, planId));
}

const ANY_RANGE = { type: 3, lower: undefined, lowerOpen: false, upper: undefined, upperOpen: false } as unknown as Extract<DBCoreMutateRequest, { type: 'deleteRange' }>['range'];

/** Every write of the tasks or the sections removes the structure snapshots in its own transaction. */
export const structureSnapshotMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'structureSnapshots',
  create(down: DBCore): DBCore {
    const kept = down.schema.tables.some((t) => t.name === STRUCTURE_SNAPSHOTS);
    if (!kept) return down;
    return {
      ...down,
      transaction(stores, mode, options) {
        const writesStructure = mode === 'readwrite' && (stores.includes(TASKS) || stores.includes(SECTIONS));
        return down.transaction(writesStructure && !stores.includes(STRUCTURE_SNAPSHOTS) ? [...stores, STRUCTURE_SNAPSHOTS] : stores, mode, options);
      },
      table(name) {
        const table = down.table(name);
        if (name !== TASKS && name !== SECTIONS) return table;
        const snapshots = down.table(STRUCTURE_SNAPSHOTS);
        const watched: DBCoreTable = {
          ...table,
          async mutate(req) {
            const res = await table.mutate(req);
            await snapshots.mutate({ type: 'deleteRange', trans: req.trans, range: ANY_RANGE });
            return res;
          },
        };
        return watched;
      },
    };
  },
};
