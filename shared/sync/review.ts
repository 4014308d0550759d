import type { Action, Report, Task } from '../model/schemas';
import { periodLabel } from '../model/periods';
import { responsibleUnits } from '../tracking/standing';
import type { Decision } from './classify';
import type { LostVersion } from './fold';

/**
 * Versions a merge leaves without effect although nothing lost a tie: a unit's report on a task the supervisor
 * deleted (shown nowhere), and a 销号/退回 overridden by a report that sorts after it but was written without
 * seeing it. They are listed for review with the version that lost, like merge conflicts.
 */

/** 销号 and 退回: a later report of the unit supersedes them (see computeStanding). */
const DECIDING_KINDS = new Set<Action['kind']>(['confirm', 'return']);
const KIND_LABELS: Partial<Record<Action['kind'], string>> = { confirm: '销号', return: '退回' };

/** Does this 销号/退回 concern the unit's reports (one addressed to the unit, or to the whole task)? */
export function actionConcernsUnit(action: Action, unitId: string): boolean {
  return DECIDING_KINDS.has(action.kind) && !action.deleted && (action.unitId === null || action.unitId === unitId);
}

/**
 * What a new report answers: the stamp of the newest 销号/退回 on its task for its unit that this PC holds
 * (saved in the report as `basis`), or undefined when there is none.
 */
export function reportBasis(actions: readonly Action[], taskId: string, unitId: string): string | undefined {
  let basis: string | undefined;
  for (const a of actions) if (a.taskId === taskId && actionConcernsUnit(a, unitId) && (basis === undefined || a.stamp > basis)) basis = a.stamp;
  return basis;
}

/** Did the report override the action: sorts after it, concerns it, and was written without having seen it? */
export function overrides(report: Report, action: Action, task: Task | undefined): boolean {
  if (report.deleted || report.taskId !== action.taskId || !actionConcernsUnit(action, report.unitId)) return false;
  if (task && !responsibleUnits(task).includes(report.unitId)) return false;
  return report.stamp > action.stamp && (report.basis ?? '') < action.stamp;
}

/** This PC's records a review needs, fetched by task before the review runs (the database side reads them by index). */
export interface ReviewContext {
  /** This PC's version of a task before the import. */
  task(id: string): Task | undefined;
  /** Actions on a task this PC holds before the import (any kind; tombstones included). */
  actions(taskId: string): readonly Action[];
  /** Reports on a task this PC holds before the import (tombstones included). */
  reports(taskId: string): readonly Report[];
}

/** Which tasks' actions and reports `reviewApplied` will ask for. */
export function reviewNeeds(applied: readonly Decision[]): { tasks: Set<string>; actionsOf: Set<string>; reportsOf: Set<string> } {
  const tasks = new Set<string>();
  const actionsOf = new Set<string>();
  const reportsOf = new Set<string>();
  for (const d of applied) {
    if (d.table === 'reports') {
      // A report is judged against its task and the task's 销号/退回, never against the other reports: reading
      // them would cost every file of a collection the reports of all its tasks again.
      const r = d.incoming as Report;
      tasks.add(r.taskId);
      actionsOf.add(r.taskId);
    } else if (d.table === 'tasks' && (d.incoming as Task).deleted) {
      reportsOf.add(d.incoming.id);
    } else if (d.table === 'actions' && DECIDING_KINDS.has((d.incoming as Action).kind)) {
      const a = d.incoming as Action;
      tasks.add(a.taskId);
      reportsOf.add(a.taskId);
    }
  }
  return { tasks, actionsOf, reportsOf };
}

const byId = <T extends { id: string }>(local: readonly T[], incoming: readonly T[]): T[] => {
  const map = new Map(local.map((r) => [r.id, r]));
  for (const r of incoming) map.set(r.id, r);
  return [...map.values()];
};

const taskLabel = (task: Task | undefined) => (task ? `第${task.number}项任务` : '所属任务');

/**
 * The review entries an import adds: given the applied decisions (in file order) and this PC's records before
 * it, list reports left on deleted tasks and 销号/退回 overridden by reports that never saw them (each version once).
 */
export function reviewApplied(applied: readonly Decision[], ctx: ReviewContext): LostVersion[] {
  const incoming = { tasks: new Map<string, Task>(), actions: new Map<string, Action[]>(), reports: new Map<string, Report[]>() };
  const push = <T>(map: Map<string, T[]>, key: string, value: T) => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  for (const d of applied) {
    if (d.table === 'tasks') incoming.tasks.set(d.incoming.id, d.incoming as Task);
    else if (d.table === 'actions') push(incoming.actions, (d.incoming as Action).taskId, d.incoming as Action);
    else if (d.table === 'reports') push(incoming.reports, (d.incoming as Report).taskId, d.incoming as Report);
  }
  const taskAfter = (id: string) => incoming.tasks.get(id) ?? ctx.task(id);
  const actionsAfter = (taskId: string) => byId(ctx.actions(taskId), incoming.actions.get(taskId) ?? []);
  const reportsAfter = (taskId: string) => byId(ctx.reports(taskId), incoming.reports.get(taskId) ?? []);
  const out: LostVersion[] = [];
  const orphaned = new Set<string>();
  const overridden = new Set<string>();
  const orphan = (r: Report, task: Task) => {
    if (orphaned.has(r.id)) return;
    orphaned.add(r.id);
    out.push({ kind: 'orphan', table: 'reports', recordId: r.id, loser: r, winnerStamp: task.stamp, reason: `${taskLabel(task)}已被删除，这条${periodLabel(r.period)}进展不再显示`, cause: { table: 'tasks', id: task.id, stamp: task.stamp } });
  };
  const override = (a: Action, r: Report, task: Task | undefined) => {
    if (overridden.has(a.id)) return;
    overridden.add(a.id);
    const what = KIND_LABELS[a.kind] ?? '督办操作';
    out.push({
      kind: 'override',
      table: 'actions',
      recordId: a.id,
      loser: a,
      winnerStamp: r.stamp,
      reason: `${taskLabel(task)}的${what}（${a.date}）之后收到「${r.by}」在不知道此${what}时填报的${periodLabel(r.period)}进展，${what}已不再生效`,
      cause: { table: 'reports', id: r.id, stamp: r.stamp },
    });
  };
  for (const d of applied) {
    if (d.table === 'reports') {
      const r = d.incoming as Report;
      if (r.deleted) continue;
      const task = taskAfter(r.taskId);
      if (task?.deleted) {
        orphan(r, task);
        continue;
      }
      // The 销号/退回 deciding this unit's standing before the report came, if the report overrides it.
      const deciding = actionsAfter(r.taskId)
        .filter((a) => actionConcernsUnit(a, r.unitId) && a.stamp < r.stamp)
        .sort((a, b) => (a.stamp < b.stamp ? 1 : -1))[0];
      if (deciding && overrides(r, deciding, task)) override(deciding, r, task);
    } else if (d.table === 'tasks') {
      const t = d.incoming as Task;
      if (!t.deleted || d.local?.deleted) continue;
      for (const r of reportsAfter(t.id)) if (!r.deleted) orphan(r, t);
    } else if (d.table === 'actions') {
      const a = d.incoming as Action;
      if (!DECIDING_KINDS.has(a.kind) || a.deleted) continue;
      const task = taskAfter(a.taskId);
      const over = reportsAfter(a.taskId)
        .filter((r) => overrides(r, a, task))
        .sort((x, y) => (x.stamp < y.stamp ? -1 : 1))[0];
      if (over) override(a, over, task);
    }
  }
  return out;
}

