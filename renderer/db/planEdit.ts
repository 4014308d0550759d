import { randomId, type Action, type Identity, type Plan, type Report, type Task } from '../../shared/model';
import { localWriteProblem } from '../../shared/sync/authority';
import {
  PlanEditRefused,
  addTask as addTaskRule,
  deletePlan as deletePlanRule,
  deleteTask as deleteTaskRule,
  editTask as editTaskRule,
  mergeTasks as mergeTasksRule,
  moveTask as moveTaskRule,
  planEditRefusal,
  renamePlan as renamePlanRule,
  restoreTask as restoreTaskRule,
  setArchived,
  splitTask as splitTaskRule,
  type EditContext,
  type EditWrites,
  type PlanContents,
  type SplitPart,
  type TaskFields,
} from '../../shared/tracking/planEdit';
import { addSection as addSectionRule, deleteSection as deleteSectionRule, moveSection as moveSectionRule, renameSection as renameSectionRule, type SectionMove } from '../../shared/tracking/sectionEdit';
import { mergeUnits as mergeUnitsRule, renameUnit as renameUnitRule, unitDirectory } from '../../shared/tracking/unitEdit';
import type { TaizhangDB } from './database';
import { getIdentity, nextStamp } from './installation';
import { InputRefusedError } from './plans';
import { mayWrite, provisionalStamp } from './authorize';
import { localPolicy, localWriterOf } from './keys';

/**
 * Plan maintenance commands: each reads what it needs, checks the plan may be edited (planEditRefusal), applies one pure rule
 * from shared/tracking (planEdit, sectionEdit, unitEdit), checks that every record it is about to write would be
 * accepted by the sync merge on every other PC, and writes — all in ONE transaction, so a refused edit writes
 * nothing. Refusals are InputRefusedError with a Chinese message.
 */

export type { TaskFields, SplitPart, SectionMove };

interface EditOptions {
  allowArchived?: boolean;
  now?: Date;
}

const scope = (db: TaizhangDB) => [db.plans, db.sections, db.tasks, db.units, db.meta, db.roster];

async function readContents(db: TaizhangDB, plan: Plan): Promise<PlanContents> {
  const [sections, tasks, units] = await Promise.all([
    db.sections.where('planId').equals(plan.id).toArray(),
    db.tasks.where('planId').equals(plan.id).toArray(),
    db.units.toArray(),
  ]);
  return { plan, sections, tasks, units };
}

/**
 * Every record must pass the one authority policy (the rule every other PC applies when the change arrives):
 * refuse it here first, so nothing is written that others would refuse.
 */
async function requireAcceptedElsewhere(db: TaizhangDB, identity: Identity, writes: EditWrites): Promise<void> {
  const ctx = await localPolicy(db, writes.plan ? [writes.plan, ...(await db.plans.toArray()).filter((p) => p.id !== writes.plan!.id)] : undefined);
  const writer = await localWriterOf(db, identity);
  const problems = [
    writes.plan ? localWriteProblem('plans', writes.plan, writer, ctx) : null,
    ...writes.sections.map((s) => localWriteProblem('sections', s, writer, ctx)),
    ...writes.tasks.map((t) => localWriteProblem('tasks', t, writer, ctx)),
    ...writes.units.map((u) => localWriteProblem('units', u, writer, ctx)),
  ].filter((p): p is string => !!p);
  if (problems.length) throw new InputRefusedError(problems[0]!);
}

async function writeAll(db: TaizhangDB, writes: EditWrites): Promise<void> {
  if (writes.plan) await db.plans.put(writes.plan);
  if (writes.sections.length) await db.sections.bulkPut(writes.sections);
  if (writes.tasks.length) await db.tasks.bulkPut(writes.tasks);
  if (writes.units.length) await db.units.bulkPut(writes.units);
}

/** The one path of every plan edit: permission, rule, authority check and write, in one transaction. */
async function runEdit(
  db: TaizhangDB,
  planId: string,
  options: EditOptions,
  rule: (contents: PlanContents, ctx: EditContext) => EditWrites | Promise<EditWrites>,
): Promise<EditWrites> {
  return db.transaction('rw', scope(db), async () => {
    const [identity, plan] = await Promise.all([getIdentity(db), db.plans.get(planId)]);
    const refusal = planEditRefusal(identity, plan, options);
    if (refusal) throw new InputRefusedError(refusal);
    const contents = await readContents(db, plan!);
    const ctx: EditContext = { stamp: await nextStamp(db, (options.now ?? new Date()).getTime()), by: identity!.office, newId: randomId };
    let writes: EditWrites;
    try {
      writes = await rule(contents, ctx);
    } catch (e) {
      if (e instanceof PlanEditRefused) throw new InputRefusedError(e.message);
      throw e;
    }
    await requireAcceptedElsewhere(db, identity!, writes);
    await writeAll(db, writes);
    return writes;
  });
}

const planIdOfTask = async (db: TaizhangDB, taskId: string): Promise<string> => {
  const task = await db.tasks.get(taskId);
  if (!task) throw new InputRefusedError('任务不存在或已删除');
  return task.planId;
};

// --- tasks ---------------------------------------------------------------------------------------------------

/** Change a task's number, content, section, units or deadline (fields left out keep their value). */
export async function editTask(db: TaizhangDB, taskId: string, fields: TaskFields, now?: Date): Promise<Task> {
  const w = await runEdit(db, await planIdOfTask(db, taskId), { now }, (c, ctx) => editTaskRule(c, taskId, fields, ctx));
  return w.tasks[0]!;
}

/** Add a task by hand, after `afterTaskId` or at the end of its section. */
export async function addTask(db: TaizhangDB, planId: string, fields: TaskFields & { number: string; content: string }, afterTaskId?: string, now?: Date): Promise<Task> {
  const w = await runEdit(db, planId, { now }, (c, ctx) => addTaskRule(c, fields, ctx, afterTaskId));
  return w.tasks[0]!;
}

/** Delete a task (a tombstone: its reports and actions stay readable in the history). */
export async function deleteTask(db: TaizhangDB, taskId: string, now?: Date): Promise<void> {
  await runEdit(db, await planIdOfTask(db, taskId), { now }, (c, ctx) => deleteTaskRule(c, taskId, ctx));
}

export async function restoreTask(db: TaizhangDB, taskId: string, now?: Date): Promise<Task> {
  const w = await runEdit(db, await planIdOfTask(db, taskId), { now }, (c, ctx) => restoreTaskRule(c, taskId, ctx));
  return w.tasks[0]!;
}

/** Split a task: the first part keeps the task and its progress; the others are new tasks right after it. */
export async function splitTask(db: TaizhangDB, taskId: string, parts: readonly SplitPart[], now?: Date): Promise<Task[]> {
  const w = await runEdit(db, await planIdOfTask(db, taskId), { now }, (c, ctx) => splitTaskRule(c, taskId, parts, ctx));
  return w.tasks.slice(0, parts.length);
}

/** Merge tasks into `keepId`; the others become tombstones whose reports stay in the history. */
export async function mergeTasks(db: TaizhangDB, keepId: string, otherIds: readonly string[], content?: string, now?: Date): Promise<Task> {
  const w = await runEdit(db, await planIdOfTask(db, keepId), { now }, (c, ctx) => mergeTasksRule(c, keepId, otherIds, ctx, content));
  return w.tasks[0]!;
}

export async function moveTask(db: TaizhangDB, taskId: string, direction: 'up' | 'down', now?: Date): Promise<void> {
  await runEdit(db, await planIdOfTask(db, taskId), { now }, (c, ctx) => moveTaskRule(c, taskId, direction, ctx));
}

// --- sections ------------------------------------------------------------------------------------------------

export async function addSection(db: TaizhangDB, planId: string, input: { title: string; parentId: string | null }, now?: Date): Promise<string> {
  let id = '';
  await runEdit(db, planId, { now }, (c, ctx) => addSectionRule(c, input, { ...ctx, newId: (prefix) => (id = ctx.newId(prefix)) }));
  return id;
}

export async function renameSection(db: TaizhangDB, planId: string, sectionId: string, title: string, now?: Date): Promise<void> {
  await runEdit(db, planId, { now }, (c, ctx) => renameSectionRule(c, sectionId, title, ctx));
}

export async function moveSection(db: TaizhangDB, planId: string, sectionId: string, move: SectionMove, now?: Date): Promise<void> {
  await runEdit(db, planId, { now }, (c, ctx) => moveSectionRule(c, sectionId, move, ctx));
}

export async function deleteSection(db: TaizhangDB, planId: string, sectionId: string, now?: Date): Promise<void> {
  await runEdit(db, planId, { now }, (c, ctx) => deleteSectionRule(c, sectionId, ctx));
}

// --- units ---------------------------------------------------------------------------------------------------

/**
 * Rename a unit everywhere (units are shared by every plan on this PC): its tasks and reports keep pointing at it,
 * the old name stays as an alias so later imports of documents with the old name map to it. `planId` is the plan
 * being maintained (its owner makes the change).
 */
export async function renameUnit(db: TaizhangDB, planId: string, unitId: string, name: string, now?: Date): Promise<void> {
  await runEdit(db, planId, { now }, (c, ctx) => ({ sections: [], tasks: [], units: [renameUnitRule(unitDirectory(c.units), unitId, name, ctx)] }));
}

/**
 * Merge unit `fromId` into `intoId` in every plan this installation maintains. Refused when a plan it cannot
 * change (archived, or issued by another office) still names the unit.
 */
export async function mergeUnits(db: TaizhangDB, planId: string, fromId: string, intoId: string, now?: Date): Promise<void> {
  await runEdit(db, planId, { now }, async (_c, ctx) => {
    const identity = await getIdentity(db);
    const plans = (await db.plans.toArray()).filter((p) => !p.deleted);
    const editable: Plan[] = [];
    for (const p of plans) if (planEditRefusal(identity, p) === null && (await structureRefusal(db, identity, p)) === null) editable.push(p);
    const using = new Set(
      [
        ...(await db.tasks.where('lead').equals(fromId).toArray()),
        ...(await db.tasks.where('support').equals(fromId).toArray()),
        ...(await db.tasks.where('implement').equals(fromId).toArray()),
      ]
        .filter((t) => !t.deleted)
        .map((t) => t.planId),
    );
    const blocked = plans.find((p) => using.has(p.id) && !editable.includes(p));
    const unit = await db.units.get(fromId);
    if (blocked) throw new PlanEditRefused(`「${unit?.name ?? ''}」还用于计划「${blocked.title}」（${blocked.archived ? '已归档' : `由${blocked.owner.office}维护`}），不能合并；可以改用“重命名”`);
    const tasks = (await db.tasks.where('planId').anyOf(editable.map((p) => p.id)).toArray()).filter((t) => !t.deleted);
    const merged = mergeUnitsRule(unitDirectory(await db.units.toArray()), tasks, fromId, intoId, ctx);
    return { sections: [], tasks: merged.tasks, units: merged.units };
  });
}

// --- plans ---------------------------------------------------------------------------------------------------

export async function renamePlan(db: TaizhangDB, planId: string, title: string, now?: Date): Promise<Plan> {
  const w = await runEdit(db, planId, { now }, (c, ctx) => ({ plan: renamePlanRule(c.plan, title, ctx), sections: [], tasks: [], units: [] }));
  return w.plan!;
}

/** Archive a plan (read-only everywhere, still exportable), or bring it back into use. */
export async function archivePlan(db: TaizhangDB, planId: string, archived: boolean, now?: Date): Promise<Plan> {
  const w = await runEdit(db, planId, { now, allowArchived: true }, (c, ctx) => ({ plan: setArchived(c.plan, archived, ctx), sections: [], tasks: [], units: [] }));
  return w.plan!;
}

/** Delete a plan (a tombstone that syncs; its tasks and reports stay in the database). */
export async function deletePlan(db: TaizhangDB, planId: string, now?: Date): Promise<void> {
  await runEdit(db, planId, { now, allowArchived: true }, (c, ctx) => ({ plan: deletePlanRule(c.plan, ctx), sections: [], tasks: [], units: [] }));
}

// --- reads for the maintenance screens -------------------------------------------------------------------------

/** The plan list: each live plan's period, task count and state (read in planReads.ts, which start-up loads alone). */
export { listPlanSummaries } from './planReads';

/** The authority policy's answer for a change of the plan's structure by this PC (null: allowed). */
async function structureRefusal(db: TaizhangDB, identity: Identity | null, plan: Plan): Promise<string | null> {
  return mayWrite(db, identity, 'plans', { ...plan, stamp: provisionalStamp(identity ?? { deviceId: 'none', office: '', role: 'department' }, new Date()), by: identity?.office ?? '' }, { plans: [plan] });
}

/** Why this PC may not maintain the plan (null: it may), for the screens' gates: the plan itself, then the policy. */
export async function planEditGate(db: TaizhangDB, planId: string, opts: { allowArchived?: boolean } = {}): Promise<{ refusal: string | null; archived: boolean }> {
  const [identity, plan] = await Promise.all([getIdentity(db), db.plans.get(planId)]);
  const refusal = planEditRefusal(identity, plan, opts) ?? (await structureRefusal(db, identity, plan!));
  return { refusal, archived: !!plan?.archived };
}

export interface DeletedTask {
  task: Task;
  reports: Report[];
  actions: Action[];
  /** The number of the task it was merged into, when it was merged. */
  mergedIntoNumber: string | null;
}

/** Tasks deleted from a plan (by hand or by a re-import), newest first, with the progress recorded on them. */
export async function loadDeletedTasks(db: TaizhangDB, planId: string): Promise<DeletedTask[]> {
  return db.transaction('r', [db.tasks, db.reports, db.actions], async () => {
    const tasks = await db.tasks.where('planId').equals(planId).toArray();
    const byId = new Map(tasks.map((t) => [t.id, t]));
    const deleted = tasks.filter((t) => t.deleted).sort((a, b) => b.stamp.localeCompare(a.stamp));
    const ids = deleted.map((t) => t.id);
    const [reports, actions] = ids.length
      ? await Promise.all([db.reports.where('taskId').anyOf(ids).toArray(), db.actions.where('taskId').anyOf(ids).toArray()])
      : [[], []];
    return deleted.map((task) => ({
      task,
      reports: reports.filter((r) => r.taskId === task.id && !r.deleted),
      actions: actions.filter((a) => a.taskId === task.id && !a.deleted),
      mergedIntoNumber: task.hand?.mergedInto ? (byId.get(task.hand.mergedInto)?.number ?? null) : null,
    }));
  });
}
