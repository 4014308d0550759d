import { comparePeriods, nextPeriodOf } from '../model/periods';
import type { Action, Plan, ReportHead, ReportStatus, Task } from '../model/schemas';
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
export function responsibleUnits(task: Pick<Task, 'lead' | 'support' | 'implement'>): string[] {
  if (task.lead.length) return task.lead;
  if (task.implement.length) return task.implement;
  return task.support;
}

/**
 * Who may ask for more time: the unit that answers for the task — a lead unit, or, for a task without a lead, one
 * of its responsible units. A supporting unit may not move the lead's deadline.
 */
export function mayRequestExtension(task: Pick<Task, 'lead' | 'support' | 'implement'>, unitId: string | null): boolean {
  return !!unitId && responsibleUnits(task).includes(unitId);
}

/** The newest live action of a kind on a task (by change stamp). */
export function newestAction(actions: readonly Action[], kind: Action['kind'], taskId: string): Action | null {
  let best: Action | null = null;
  for (const a of actions) if (a.kind === kind && a.taskId === taskId && !a.deleted && (!best || a.stamp > best.stamp)) best = a;
  return best;
}

/**
 * Does a 退回 or 催办 address this unit of the task: by name, or — naming no unit — as one of the task's responsible
 * units (`actionParties` says "全部责任单位"). A supporting unit is not asked by a task-wide one.
 */
export function actionAddresses(action: Pick<Action, 'unitId'>, task: Pick<Task, 'lead' | 'support' | 'implement'>, unitId: string): boolean {
  if (action.unitId) return action.unitId === unitId;
  return responsibleUnits(task).includes(unitId);
}

/** The change stamp of a unit's newest live report on a task ('' when it has none): what answers a 退回 or a 催办. */
export function newestReportStamp(reports: readonly Pick<ReportHead, 'taskId' | 'unitId' | 'stamp' | 'deleted'>[], taskId: string, unitId: string): string {
  let last = '';
  for (const r of reports) if (!r.deleted && r.taskId === taskId && r.unitId === unitId && r.stamp > last) last = r.stamp;
  return last;
}

/**
 * The 退回 in force on one unit of a task — the one rule behind the light, the to-do list, the report forms and the
 * 进展情况报告: the newest live 退回 on the task that addresses the unit (`actionAddresses`) and came after the unit's
 * newest report (`answered`, its change stamp; '' when it has none), unless a 销号 came after it. A report the unit
 * saves after the 退回 answers it; another unit's report does not.
 */
export function returnInForce(
  task: Pick<Task, 'id' | 'lead' | 'support' | 'implement'>,
  unitId: string,
  answered: string,
  actions: readonly Action[],
): Action | null {
  let ret: Action | null = null;
  for (const a of actions) {
    if (a.kind !== 'return' || a.deleted || a.taskId !== task.id || a.stamp <= answered || (ret && a.stamp <= ret.stamp)) continue;
    if (actionAddresses(a, task, unitId)) ret = a;
  }
  if (!ret) return null;
  const confirm = newestAction(actions, 'confirm', task.id);
  return confirm && confirm.stamp > ret.stamp ? null : ret;
}

/** What a report form (the drawer's form, the exported 填报表) fills in for a unit's report of one period. */
export interface ReportPrefill<R> {
  /** The unit's saved report for the period, whose texts the form shows (null: an empty form). */
  report: R | null;
  /** The status offered: the saved one, except that a 已完成 sent back is offered as 推进中 (null: none chosen). */
  status: ReportStatus | null;
  /** The 退回 in force on the unit's newest report on the task (its reason is shown beside the form), or null. */
  returned: Action | null;
}

/**
 * A report form's starting values. A 退回 in force (see `returnInForce`) means the
 * supervisor did not accept what was reported: a returned 已完成 is not offered again as the current status but as
 * 推进中 (as `computeStanding` counts it), and the 退回 comes back with its reason. A report saved after the 退回
 * answers it, and the form then offers that report as it is.
 * `unitReports`: the unit's reports on the task (any period; others and deleted ones are ignored).
 */
export function reportFormPrefill<R extends Pick<ReportHead, 'taskId' | 'unitId' | 'period' | 'stamp' | 'status' | 'deleted'>>(
  unitReports: readonly R[],
  unit: { task: Pick<Task, 'id' | 'lead' | 'support' | 'implement'>; unitId: string; period: string },
  actions: readonly Action[],
): ReportPrefill<R> {
  let report: R | null = null;
  let newest: R | null = null;
  for (const r of unitReports) {
    if (r.deleted || r.taskId !== unit.task.id || r.unitId !== unit.unitId) continue;
    if (r.period === unit.period && (!report || r.stamp > report.stamp)) report = r;
    if (!newest || r.stamp > newest.stamp) newest = r;
  }
  const returned = returnInForce(unit.task, unit.unitId, newest?.stamp ?? '', actions);
  const status = report ? (returned && report.status === 'done' ? 'in-progress' : report.status) : null;
  return { report, status, returned };
}

/**
 * The 销号 in force: the newest confirm, unless a newer 退回 came after it or a responsible unit reported something
 * other than 已完成 after it. `latestByUnit`: each responsible unit's newest report.
 */
export function confirmationOf(taskId: string, latestByUnit: ReadonlyMap<string, ReportHead>, actions: readonly Action[]): Action | null {
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

/**
 * The first day reports are owed: the later of the plan's issue date and the day it was entered in the app. A document
 * issued in January and imported in November owes nothing for the quarters before anyone tracked it (reports for them
 * may still be filed, and count as filed). The same on every PC: `createdAt` travels with the plan.
 */
export function reportingStartDay(plan: Pick<Plan, 'date' | 'createdAt'>): IsoDay {
  // Asked once per (task, unit, period) by the report matrix: cached per plan object and its two fields.
  const hit = startDays.get(plan);
  if (hit && hit.date === plan.date && hit.createdAt === plan.createdAt) return hit.day;
  const entered = dayOfDateTime(plan.createdAt);
  const day = plan.date && plan.date > entered ? plan.date : entered;
  startDays.set(plan, { date: plan.date, createdAt: plan.createdAt, day });
  return day;
}
const startDays = new WeakMap<object, { date: string | null; createdAt: string; day: IsoDay }>();

/** The calendar day a report was first submitted (cached per report object: the matrix asks many times). */
const firstDays = new WeakMap<ReportHead, IsoDay>();
function firstReportDay(report: ReportHead): IsoDay {
  let day = firstDays.get(report);
  if (day === undefined) {
    day = dayOfDateTime(firstReportedAt(report));
    firstDays.set(report, day);
  }
  return day;
}

/** The first period a report is owed for: the period reports start in, or the next one when its due day came before the start. */
export function firstReportingPeriod(plan: Pick<Plan, 'date' | 'createdAt' | 'cadence'>): string {
  const start = reportingStartDay(plan);
  const first = periodOfDay(start, plan.cadence);
  if (periodDueDay(first, plan.cadence) >= start) return first;
  return nextPeriodOf(first, plan.cadence) ?? first;
}

export interface TaskPeriodInput {
  plan: Pick<Plan, 'date' | 'createdAt' | 'cadence'>;
  task: Task;
  /** The task's reports (others are ignored). */
  reports: readonly ReportHead[];
  /** The task's actions (others are ignored). */
  actions: readonly Action[];
  unitId: string;
  period: string;
  today: IsoDay;
}

/**
 * A task's reports and actions arranged for the reporting rules, built once per task: each responsible unit's
 * reports by period (in period order), the 销号 in force and the 退回s. Pure data; `taskPeriodState` builds one per
 * call, `periodStateLookup` once per task.
 */
export interface TaskReportingIndex {
  task: Task;
  responsible: readonly string[];
  /** Responsible unit → its live reports, one per period (the newest change), oldest period first. */
  byUnit: ReadonlyMap<string, readonly ReportHead[]>;
  /** Each responsible unit's newest report (the last of its list: the same as latest.ts's latestReportsByUnit). */
  latest: ReadonlyMap<string, ReportHead>;
  /** The last report saved by a responsible unit (highest change stamp). */
  lastSaved: ReportHead | null;
  confirm: Action | null;
  returns: readonly Action[];
}

export function taskReportingIndex(task: Task, reports: readonly ReportHead[], actions: readonly Action[]): TaskReportingIndex {
  const responsible = responsibleUnits(task);
  const byUnit = new Map<string, ReportHead[]>();
  for (const u of responsible) byUnit.set(u, []);
  for (const r of reports) {
    if (r.deleted || r.taskId !== task.id) continue;
    byUnit.get(r.unitId)?.push(r);
  }
  const latest = new Map<string, ReportHead>();
  let lastSaved: ReportHead | null = null;
  for (const [u, list] of byUnit) {
    if (list.length > 1) {
      // Period order; one report per period (the newest change), as a report's id is per task, unit and period.
      list.sort((a, b) => comparePeriods(a.period, b.period) || (a.stamp < b.stamp ? -1 : a.stamp > b.stamp ? 1 : 0));
      let w = 0;
      for (let i = 0; i < list.length; i++) {
        if (w > 0 && list[w - 1]!.period === list[i]!.period) list[w - 1] = list[i]!;
        else list[w++] = list[i]!;
      }
      list.length = w;
    }
    if (list.length) latest.set(u, list[list.length - 1]!);
    for (const r of list) if (!lastSaved || r.stamp > lastSaved.stamp) lastSaved = r;
  }
  const live = actions.filter((a) => !a.deleted && a.taskId === task.id);
  return { task, responsible, byUnit, latest, lastSaved, confirm: confirmationOf(task.id, latest, live), returns: live.filter((a) => a.kind === 'return') };
}

/** A responsible unit's newest report stamp from a task's reporting index ('' when it has none): see `returnInForce`. */
export function answeredStamp(index: Pick<TaskReportingIndex, 'byUnit'>, unitId: string): string {
  let last = '';
  for (const r of index.byUnit.get(unitId) ?? []) if (r.stamp > last) last = r.stamp;
  return last;
}

const NO_ROWS: readonly never[] = [];
const indexCache = new WeakMap<Task, { reports: readonly ReportHead[]; actions: readonly Action[]; index: TaskReportingIndex }>();
const sameRows = (a: readonly unknown[], b: readonly unknown[]) => a === b || (a.length === 0 && b.length === 0);

/**
 * The reporting index of a task for these reports and actions, reused while the task object and the arrays are the
 * same (the standings and the supervisor figures of one view share it).
 */
export function cachedReportingIndex(task: Task, reports: readonly ReportHead[] = NO_ROWS, actions: readonly Action[] = NO_ROWS): TaskReportingIndex {
  const hit = indexCache.get(task);
  if (hit && sameRows(hit.reports, reports) && sameRows(hit.actions, actions)) return hit.index;
  const index = taskReportingIndex(task, reports, actions);
  indexCache.set(task, { reports, actions, index });
  return index;
}

/**
 * How the reporting rule reads one period's report of a unit: a report head, or an entry of a report digest's period
 * ledger (`PeriodLedgerEntry`). The rule itself is written once, in `periodStateOf`.
 */
interface PeriodReading<E> {
  period(entry: E): string;
  /** The calendar day it was first submitted. */
  firstDay(entry: E): IsoDay;
  /** Its change stamp when it reported 已完成, else null. */
  doneStamp(entry: E): string | null;
}

const HEAD_READING: PeriodReading<ReportHead> = {
  period: (r) => r.period,
  firstDay: firstReportDay,
  doneStamp: (r) => (r.status === 'done' ? r.stamp : null),
};

/**
 * One period of a unit's reports on a task as a report digest keeps it (shared/tracking/reportDigest.ts): the
 * period, the first submission's time, and the change stamp when that period's report said 已完成 (0 otherwise).
 * What the reporting rule reads, for every period the unit reported, where the digest keeps only a few whole heads.
 */
export type PeriodLedgerEntry = [period: string, firstReportedAt: string, doneStamp: string | 0];

const ledgerDays = new WeakMap<PeriodLedgerEntry, IsoDay>();
const LEDGER_READING: PeriodReading<PeriodLedgerEntry> = {
  period: (e) => e[0],
  firstDay: (e) => {
    let day = ledgerDays.get(e);
    if (day === undefined) ledgerDays.set(e, (day = dayOfDateTime(e[1])));
    return day;
  },
  doneStamp: (e) => e[2] || null,
};

/**
 * The rules of owesReport and taskPeriodState. `list`: the unit's reports one per period, in period order (undefined:
 * not a responsible unit); `index`: the task's 销号 in force and its 退回s.
 */
function periodStateOf<E>(
  list: readonly E[] | undefined,
  read: PeriodReading<E>,
  index: Pick<TaskReportingIndex, 'confirm' | 'returns'>,
  plan: Pick<Plan, 'date' | 'createdAt' | 'cadence'>,
  unitId: string,
  period: string,
  today: IsoDay,
): TaskPeriodState {
  if (!list) return 'not-owed';
  const due = periodDueDay(period, plan.cadence);
  if (due < reportingStartDay(plan)) return 'not-owed';
  if (index.confirm && index.confirm.date <= due) return 'not-owed';
  // The list holds one entry per period in period order: from the newest, the period's own entry, then the one before.
  let report: E | null = null;
  let before: E | null = null;
  for (let i = list.length - 1; i >= 0; i--) {
    const c = comparePeriods(read.period(list[i]!), period);
    if (c > 0) continue;
    if (c === 0) report = list[i]!;
    else {
      before = list[i]!;
      break;
    }
  }
  const claim = before === null ? null : read.doneStamp(before);
  if (claim !== null && !index.returns.some((a) => (a.unitId === null || a.unitId === unitId) && a.stamp > claim)) return 'not-owed';
  return submissionState(due, report === null ? null : read.firstDay(report), today);
}

/** A unit's reporting state on a task for a period, from the task's reporting index. */
export function periodStateFromIndex(
  index: TaskReportingIndex,
  plan: Pick<Plan, 'date' | 'createdAt' | 'cadence'>,
  unitId: string,
  period: string,
  today: IsoDay,
): TaskPeriodState {
  return periodStateOf(index.byUnit.get(unitId), HEAD_READING, index, plan, unitId, period, today);
}

/**
 * The same state from a report digest's period ledger of the unit (`ledger`: its entries in period order; any list
 * for a responsible unit, an empty one when it never reported) and the task's reporting index built from the digest's
 * reports (each unit's newest is among them: the 销号 in force and the 退回s are the same as from every report).
 */
export function periodStateFromLedger(
  ledger: readonly PeriodLedgerEntry[],
  index: TaskReportingIndex,
  plan: Pick<Plan, 'date' | 'createdAt' | 'cadence'>,
  unitId: string,
  period: string,
  today: IsoDay,
): TaskPeriodState {
  return periodStateOf(index.byUnit.has(unitId) ? ledger : undefined, LEDGER_READING, index, plan, unitId, period, today);
}

/**
 * Something owed by a due day — a task report, or a liaison office's quarterly 诉求台账 — given the day it was first
 * submitted (null: not yet): reported on time, late, not yet due, or missing.
 */
export function submissionState(due: IsoDay, submittedOn: IsoDay | null, today: IsoDay): Exclude<TaskPeriodState, 'not-owed'> {
  if (submittedOn !== null) return submittedOn <= due ? 'reported' : 'late';
  return today <= due ? 'not-due' : 'missing';
}

/**
 * Does the unit owe a report on the task for the period? It does when it is a responsible unit, the period's due day
 * is not before reports start (reportingStartDay), and the task was not finished before: not 销号 by the due day, and the unit's last
 * report of an earlier period was not 已完成 (unless that was sent back).
 */
export function owesReport(input: Omit<TaskPeriodInput, 'today'>): boolean {
  return taskPeriodState({ ...input, today: '0000-01-01' }) !== 'not-owed';
}

/** One unit's report on one task for one period: not owed, reported (on time or late), not yet due, or missing. */
export function taskPeriodState(input: TaskPeriodInput): TaskPeriodState {
  return periodStateFromIndex(taskReportingIndex(input.task, input.reports, input.actions), input.plan, input.unitId, input.period, input.today);
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
  tasks: readonly { task: Task; reports: readonly ReportHead[]; actions: readonly Action[] }[];
}): UnitPeriodReporting {
  const { plan, unitId, period, today } = input;
  const states = input.tasks.map(({ task, reports, actions }) => taskPeriodState({ plan, task, reports, actions, unitId, period, today }));
  return combineReportingStates(states, today > periodDueDay(period, plan.cadence));
}

/** What a plan's reporting states are read from: its reports and actions grouped by task, or report digests' ledgers. */
export interface PeriodStateSource {
  plan: Pick<Plan, 'date' | 'createdAt' | 'cadence'>;
  reportsByTask: ReadonlyMap<string, readonly ReportHead[]>;
  actionsByTask: ReadonlyMap<string, readonly Action[]>;
  today: IsoDay;
  /**
   * Each task's report digest as the rule reads it (`DigestLedger`): when given, `reportsByTask` need hold only the
   * digests' reports, and the periods their heads do not serve are read from the digests' ledgers.
   */
  ledgers?: ReadonlyMap<string, DigestLedger>;
}

/**
 * A task's report digest (shared/tracking/reportDigest.ts) as the reporting rule reads it. The digest keeps each unit's
 * heads of its newest periods: a period after `firstKept` is read from them, as from every report; an older period
 * from the unit's ledger, which is decoded only then (the screens mostly ask about the current period).
 */
export interface DigestLedger {
  /** The unit's first period whose heads the digest keeps, when it left older ones out; undefined: it kept them all. */
  firstKept(unitId: string): string | undefined;
  /** The unit's ledger, one entry per period it reported, in period order (undefined: it never reported). */
  entries(unitId: string): readonly PeriodLedgerEntry[] | undefined;
}

/** `(unitId, period) → TaskPeriodState` of one task (no memo: the report matrix asks each once). */
export function periodReaderOf(source: PeriodStateSource, task: Task): (unitId: string, period: string) => TaskPeriodState {
  const index = cachedReportingIndex(task, source.reportsByTask.get(task.id), source.actionsByTask.get(task.id));
  const { plan, today } = source;
  const ledger = source.ledgers?.get(task.id);
  // No digest: the task has no report, and its index (of no report) reads as its ledger would.
  if (!ledger) return (unitId, period) => periodStateFromIndex(index, plan, unitId, period, today);
  return (unitId, period) => {
    const kept = ledger.firstKept(unitId);
    return kept === undefined || comparePeriods(period, kept) > 0
      ? periodStateFromIndex(index, plan, unitId, period, today)
      : periodStateFromLedger(ledger.entries(unitId) ?? NO_ROWS, index, plan, unitId, period, today);
  };
}

/**
 * A memoized `(task, unitId, period) → TaskPeriodState` over a plan's reports and actions grouped by task: what the
 * task filter's `period` option and the supervisor figures both call.
 */
export function periodStateLookup(input: PeriodStateSource): (task: Task, unitId: string, period: string) => TaskPeriodState {
  const memo = new WeakMap<Task, { reports: unknown; read: (unitId: string, period: string) => TaskPeriodState; states: Map<string, TaskPeriodState> }>();
  return (task, unitId, period) => {
    const reports = input.reportsByTask.get(task.id);
    let m = memo.get(task);
    if (!m || m.reports !== reports) memo.set(task, (m = { reports, read: periodReaderOf(input, task), states: new Map() }));
    const key = `${unitId}|${period}`;
    let state = m.states.get(key);
    if (state === undefined) {
      state = m.read(unitId, period);
      m.states.set(key, state);
    }
    return state;
  };
}
