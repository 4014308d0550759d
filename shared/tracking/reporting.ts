import { comparePeriods, nextPeriodOf } from '../model/periods';
import type { Action, Plan, Report, Task } from '../model/schemas';
import { dayOfDateTime, periodDueDay, periodOfDay, type IsoDay } from './dates';
import { firstReportedAt } from './revisions';

/**
 * Reporting state: did a unit report for a period, on time? One set of rules for the units × periods matrix, the
 * lead-unit table, the task lights, the to-do list and the click-through filters. Pure functions over
 * (plan, task, its reports, its actions, today), so a stored per-(task, unit) summary can feed them.
 */

/** One unit on one task in one period. */
export type TaskPeriodState =
  /** Nothing owed: not a responsible unit, the period ended before the plan started, or the task was finished. */
  | 'not-owed'
  /** Reported by the due day. */
  | 'reported'
  /** Reported after the due day. */
  | 'late'
  /** Not reported yet, due day not passed. */
  | 'not-due'
  /** Not reported, due day passed. */
  | 'missing';
export const OWED_STATES: readonly TaskPeriodState[] = ['reported', 'late', 'not-due', 'missing'];
export const REPORTED_STATES: readonly TaskPeriodState[] = ['reported', 'late'];
export const UNREPORTED_STATES: readonly TaskPeriodState[] = ['not-due', 'missing'];

/** A unit across its tasks in one period (a matrix cell, the lead-unit table's 本期报送). */
export type ReportingState = 'none' | 'not-due' | 'reported' | 'partial' | 'late' | 'missing';
export const REPORTING_STATE_LABELS: Record<ReportingState, string> = {
  none: '无需报送',
  'not-due': '未到期',
  reported: '已报',
  partial: '部分报送',
  late: '迟报',
  missing: '未报',
};
/** States that mean the unit failed to report everything it owed by the due day. */
export const INCOMPLETE_STATES: readonly ReportingState[] = ['partial', 'missing'];

/** The units whose reports decide a task's status: its leads; if it has none, its implementing or supporting units. */
export function responsibleUnits(task: Task): string[] {
  if (task.lead.length) return task.lead;
  if (task.implement.length) return task.implement;
  return task.support;
}

/**
 * Who may ask for more time: the unit that answers for the task — a lead unit, or, for a task without a lead, one
 * of its responsible units. A supporting unit may not move the lead's deadline.
 */
export function mayRequestExtension(task: Task, unitId: string | null): boolean {
  return !!unitId && responsibleUnits(task).includes(unitId);
}

/** The newest live action of a kind on a task (by change stamp). */
export function newestAction(actions: readonly Action[], kind: Action['kind'], taskId: string): Action | null {
  let best: Action | null = null;
  for (const a of actions) if (a.kind === kind && a.taskId === taskId && !a.deleted && (!best || a.stamp > best.stamp)) best = a;
  return best;
}

/**
 * The 销号 in force: the newest confirm, unless a newer 退回 came after it or a responsible unit reported something
 * other than 已完成 after it. `latestByUnit`: each responsible unit's newest report.
 */
export function confirmationOf(taskId: string, latestByUnit: ReadonlyMap<string, Report>, actions: readonly Action[]): Action | null {
  const confirm = newestAction(actions, 'confirm', taskId);
  if (!confirm) return null;
  const ret = newestAction(actions, 'return', taskId);
  if (ret && ret.stamp > confirm.stamp) return null;
  for (const r of latestByUnit.values()) if (r.stamp > confirm.stamp && r.status !== 'done') return null;
  return confirm;
}

/** The day a plan started: its issue date, or the day it was created. */
export function planStartDay(plan: Pick<Plan, 'date' | 'createdAt'>): IsoDay {
  return plan.date ?? dayOfDateTime(plan.createdAt);
}

/** The first period a report is owed for: the plan's start period, or the next one when its due day came before the start. */
export function firstReportingPeriod(plan: Pick<Plan, 'date' | 'createdAt' | 'cadence'>): string {
  const start = planStartDay(plan);
  const first = periodOfDay(start, plan.cadence);
  if (periodDueDay(first, plan.cadence) >= start) return first;
  return nextPeriodOf(first, plan.cadence) ?? first;
}

export interface TaskPeriodInput {
  plan: Pick<Plan, 'date' | 'createdAt' | 'cadence'>;
  task: Task;
  /** The task's reports (others are ignored). */
  reports: readonly Report[];
  /** The task's actions (others are ignored). */
  actions: readonly Action[];
  unitId: string;
  period: string;
  today: IsoDay;
}

/** Each unit's newest report on the task (by period, then change). */
function latestOfUnits(task: Task, reports: readonly Report[], units: readonly string[]): Map<string, Report> {
  const wanted = new Set(units);
  const out = new Map<string, Report>();
  for (const r of reports) {
    if (r.deleted || r.taskId !== task.id || !wanted.has(r.unitId)) continue;
    const prev = out.get(r.unitId);
    if (!prev || comparePeriods(r.period, prev.period) > 0 || (r.period === prev.period && r.stamp > prev.stamp)) out.set(r.unitId, r);
  }
  return out;
}

/**
 * Does the unit owe a report on the task for the period? It does when it is a responsible unit, the period's due day
 * is not before the plan started, and the task was not finished before: not 销号 by the due day, and the unit's last
 * report of an earlier period was not 已完成 (unless that was sent back).
 */
export function owesReport(input: Omit<TaskPeriodInput, 'today'>): boolean {
  const { plan, task, unitId, period } = input;
  const responsible = responsibleUnits(task);
  if (!responsible.includes(unitId)) return false;
  const due = periodDueDay(period, plan.cadence);
  if (due < planStartDay(plan)) return false;
  const confirm = confirmationOf(task.id, latestOfUnits(task, input.reports, responsible), input.actions);
  if (confirm && confirm.date <= due) return false;
  const earlier = input.reports.filter((r) => !r.deleted && r.taskId === task.id && r.unitId === unitId && comparePeriods(r.period, period) < 0);
  const before = latestOfUnits(task, earlier, [unitId]).get(unitId);
  if (before?.status === 'done') {
    const claim = before.stamp;
    const sentBack = input.actions.some((a) => !a.deleted && a.taskId === task.id && a.kind === 'return' && (a.unitId === null || a.unitId === unitId) && a.stamp > claim);
    if (!sentBack) return false;
  }
  return true;
}

/** One unit's report on one task for one period: not owed, reported (on time or late), not yet due, or missing. */
export function taskPeriodState(input: TaskPeriodInput): TaskPeriodState {
  if (!owesReport(input)) return 'not-owed';
  const due = periodDueDay(input.period, input.plan.cadence);
  let report: Report | null = null;
  for (const r of input.reports) {
    if (!r.deleted && r.taskId === input.task.id && r.unitId === input.unitId && r.period === input.period) report = r;
  }
  return submissionState(due, report ? dayOfDateTime(firstReportedAt(report)) : null, input.today);
}

/**
 * Something owed by a due day — a task report, or a liaison office's quarterly 诉求台账 — given the day it was first
 * submitted (null: not yet): reported on time, late, not yet due, or missing.
 */
export function submissionState(due: IsoDay, submittedOn: IsoDay | null, today: IsoDay): Exclude<TaskPeriodState, 'not-owed'> {
  if (submittedOn !== null) return submittedOn <= due ? 'reported' : 'late';
  return today <= due ? 'not-due' : 'missing';
}

export interface UnitPeriodReporting {
  state: ReportingState;
  /** Tasks on which the unit owes a report for the period. */
  expected: number;
  /** Of those, reported (on time or late). */
  reported: number;
  /** Of those, reported after the due day. */
  late: number;
}

/**
 * A unit's reporting for one period across tasks, from each task's state: nothing owed → 无需报送; everything
 * reported → 已报 (or 迟报 when any came after the due day); otherwise 未到期 until the due day, then 部分报送 or 未报.
 */
export function combineReportingStates(states: Iterable<TaskPeriodState>, dueDayPassed: boolean): UnitPeriodReporting {
  let expected = 0;
  let reported = 0;
  let late = 0;
  for (const s of states) {
    if (s === 'not-owed') continue;
    expected++;
    if (s === 'reported' || s === 'late') reported++;
    if (s === 'late') late++;
  }
  let state: ReportingState;
  if (expected === 0) state = 'none';
  else if (reported === expected) state = late ? 'late' : 'reported';
  else if (!dueDayPassed) state = 'not-due';
  else state = reported ? 'partial' : 'missing';
  return { state, expected, reported, late };
}

/** The reporting state of one unit for one period over some tasks (each with its own reports and actions). */
export function reportingState(input: {
  plan: Pick<Plan, 'date' | 'createdAt' | 'cadence'>;
  unitId: string;
  period: string;
  today: IsoDay;
  tasks: readonly { task: Task; reports: readonly Report[]; actions: readonly Action[] }[];
}): UnitPeriodReporting {
  const { plan, unitId, period, today } = input;
  const states = input.tasks.map(({ task, reports, actions }) => taskPeriodState({ plan, task, reports, actions, unitId, period, today }));
  return combineReportingStates(states, today > periodDueDay(period, plan.cadence));
}

/**
 * A memoized `(task, unitId, period) → TaskPeriodState` over a plan's reports and actions grouped by task: what the
 * task filter's `period` option and the supervisor figures both call.
 */
export function periodStateLookup(input: {
  plan: Pick<Plan, 'date' | 'createdAt' | 'cadence'>;
  reportsByTask: ReadonlyMap<string, readonly Report[]>;
  actionsByTask: ReadonlyMap<string, readonly Action[]>;
  today: IsoDay;
}): (task: Task, unitId: string, period: string) => TaskPeriodState {
  const cache = new Map<string, TaskPeriodState>();
  return (task, unitId, period) => {
    const key = `${task.id}|${unitId}|${period}`;
    let state = cache.get(key);
    if (state === undefined) {
      state = taskPeriodState({
        plan: input.plan,
        task,
        reports: input.reportsByTask.get(task.id) ?? [],
        actions: input.actionsByTask.get(task.id) ?? [],
        unitId,
        period,
        today: input.today,
      });
      cache.set(key, state);
    }
    return state;
  };
}
