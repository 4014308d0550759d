import type { Action, Plan, ReportHead, ReportStatus, Task, Unit } from '../model/schemas';
import { REPORT_STATUSES, REPORT_STATUS_LABELS } from '../model/schemas';
import { comparePeriods } from '../model/periods';
import { dayOfDateTime, periodDueDay, periodOfDay, periodsBetween } from '../tracking/dates';
import {
  combineReportingStates,
  firstReportingPeriod,
  INCOMPLETE_STATES,
  OWED_STATES,
  periodReaderOf,
  periodStateLookup,
  REPORTED_STATES,
  REPORTING_STATE_LABELS,
  UNREPORTED_STATES,
  type DigestLedger,
  type PeriodStateSource,
  type ReportingState,
  type TaskPeriodState,
  type UnitPeriodReporting,
} from '../tracking/reporting';
import { computeStandings, indexByTask, LIGHTS, responsibleUnits, type Light, type TaskStanding } from '../tracking/standing';
import type { TaskFilter } from '../tracking/taskFilter';
import { compareNames } from '../text/compareNames';

/**
 * The supervisor's figures. Every number on the 督办视图 comes with the task filter its click-through applies, and
 * the number is the count of rows that filter shows in the task table (test/unit/reports/figures.property.test.ts
 * checks this over random plans). Counts are of tasks, never of (task, unit) pairs.
 */
export interface Figure {
  value: number;
  filter: TaskFilter;
}

export interface SupervisorInput {
  plan: Plan;
  tasks: readonly Task[];
  units: readonly Unit[];
  reports: readonly ReportHead[];
  actions: readonly Action[];
  today: string;
  /** Standings already computed for these tasks (the task table has them); computed here when absent. */
  standings?: ReadonlyMap<string, TaskStanding>;
  /** Reports and actions grouped by task (the screens have them); grouped here when absent. */
  reportsByTask?: ReadonlyMap<string, readonly ReportHead[]>;
  actionsByTask?: ReadonlyMap<string, readonly Action[]>;
  /**
   * Each task's report digest as the reporting rule reads it (shared/tracking/reportDigest.ts `digestLedger`): the view
   * drawn from the digests before every report is read. `reports` are then the digests' reports (each unit's newest, its last
   * saved and its latest 报送时间 among them) and `standings` are given.
   */
  ledgers?: ReadonlyMap<string, DigestLedger>;
}

/** The name of the row that gathers tasks with no lead unit. */
export const NO_LEAD_NAME = '未明确牵头单位';

const STARTED_STATUSES: ReportStatus[] = ['not-started', 'in-progress', 'ongoing', 'delayed', 'paused'];

export type LeadFigureKey =
  | 'led'
  | 'done'
  | 'claimedDone'
  | 'inProgress'
  | 'notReported'
  | 'overdue'
  | 'delayed'
  | Light
  | 'periodExpected'
  | 'periodReported';

/** A lead row's counts with their filters; the period figures are absent on the 未明确牵头单位 row. */
export type LeadFigures = Record<Exclude<LeadFigureKey, 'periodExpected' | 'periodReported'>, Figure> & { periodExpected?: Figure; periodReported?: Figure };

/** One lead unit's standing across the tasks it leads (or, with unitId null, the tasks that have no lead). */
export interface LeadUnitSummary {
  /** null: the 未明确牵头单位 row. */
  unitId: string | null;
  name: string;
  /** Tasks it leads. */
  led: number;
  /** Confirmed done (销号). */
  done: number;
  /** Reported 已完成, awaiting 销号. */
  claimedDone: number;
  /** Reported, not done (未启动 / 推进中 / 常态化推进 / 滞后 / 暂缓). */
  inProgress: number;
  /** No report at all yet. */
  notReported: number;
  /** 逾期: past the effective deadline and not done. */
  overdue: number;
  /** 滞后: the units themselves report a delay. */
  delayed: number;
  lights: Record<Light, number>;
  /** Calendar day of its latest report on any task of the plan. */
  lastReportDate: string | null;
  /** This period's reporting (null for the 未明确牵头单位 row). */
  period: (UnitPeriodReporting & { period: string }) | null;
  /** Did it report this period everything it owes? (true when nothing is owed) */
  reportedThisPeriod: boolean;
  reportedThisPeriodCount: number;
  dueThisPeriodCount: number;
  /** done / led (0–1). */
  completion: number;
  /** Task ids it leads, in plan order. */
  taskIds: string[];
  /** Each count with its click-through filter. */
  figures: LeadFigures;
}

const emptyLights = (): Record<Light, number> => ({ red: 0, yellow: 0, green: 0, grey: 0 });

interface Prepared {
  standings: ReadonlyMap<string, TaskStanding>;
  readonly reportsByTask: ReadonlyMap<string, readonly ReportHead[]>;
  readonly actionsByTask: ReadonlyMap<string, readonly Action[]>;
  /** A unit's reporting state on a task for a period (built on first use: the distributions do not need it). */
  readonly stateOf: (task: Task, unitId: string, period: string) => TaskPeriodState;
  /** One task's `(unitId, period) → state`, unmemoized (the report matrix asks each once). */
  readonly readerOf: (task: Task) => (unitId: string, period: string) => TaskPeriodState;
  readonly source: PeriodStateSource;
  currentPeriod: string;
  liveTasks: Task[];
}

/**
 * What the figures share, computed once per input — or per given standings, so the screen's several calls (summary,
 * figures, matrix with its own options) share one reporting index.
 */
const prepared = new WeakMap<object, { input: SupervisorInput; value: Prepared }>();

function prepare(input: SupervisorInput): Prepared {
  const key: object = input.standings ?? input;
  const hit = prepared.get(key);
  if (hit && hit.input.today === input.today && hit.input.plan === input.plan && hit.input.tasks === input.tasks && hit.input.reports === input.reports && hit.input.actions === input.actions && hit.input.ledgers === input.ledgers) {
    return hit.value;
  }
  let stateOf: Prepared['stateOf'] | null = null;
  let source: PeriodStateSource | null = null;
  let reportsByTask = input.reportsByTask ?? null;
  let actionsByTask = input.actionsByTask ?? null;
  const value: Prepared = {
    standings: input.standings ?? computeStandings(input),
    get reportsByTask() {
      return (reportsByTask ??= indexByTask(input.reports));
    },
    get actionsByTask() {
      return (actionsByTask ??= indexByTask(input.actions));
    },
    get stateOf() {
      return (stateOf ??= periodStateLookup(this.source));
    },
    get readerOf() {
      const source = this.source;
      return (task: Task) => periodReaderOf(source, task);
    },
    get source() {
      return (source ??= { plan: input.plan, reportsByTask: this.reportsByTask, actionsByTask: this.actionsByTask, today: input.today, ledgers: input.ledgers });
    },
    currentPeriod: periodOfDay(input.today, input.plan.cadence),
    liveTasks: input.tasks.filter((t) => !t.deleted),
  };
  prepared.set(key, { input, value });
  return value;
}

/** The task filter a supervisor view uses for the current period's reporting. */
export function filterContextFor(input: SupervisorInput): { today: string; unitNames: Map<string, string>; periodStateOf: Prepared['stateOf'] } {
  return { today: input.today, unitNames: new Map(input.units.map((u) => [u.id, u.name])), periodStateOf: prepare(input).stateOf };
}

/** Per lead unit (and one row for tasks without a lead): counts, lights, this period's reporting, each with its filter. */
export function summarizeLeadUnits(input: SupervisorInput): LeadUnitSummary[] {
  const { standings, stateOf, currentPeriod, liveTasks } = prepare(input);
  const names = new Map(input.units.map((u) => [u.id, u.name]));
  const lastReport = new Map<string, string>(); // unit → latest reportedAt (ISO date-times compare as strings)
  for (const r of input.reports) {
    if (r.deleted) continue;
    const prev = lastReport.get(r.unitId);
    if (!prev || r.reportedAt > prev) lastReport.set(r.unitId, r.reportedAt);
  }
  const groups = new Map<string | null, Task[]>();
  for (const task of liveTasks) {
    if (!standings.has(task.id)) continue;
    const keys = task.lead.length ? task.lead : [null];
    for (const key of keys) {
      const list = groups.get(key);
      if (list) list.push(task);
      else groups.set(key, [task]);
    }
  }
  const dueDayPassed = input.today > periodDueDay(currentPeriod, input.plan.cadence);
  const out: LeadUnitSummary[] = [];
  for (const [unitId, tasks] of groups) {
    const scope: TaskFilter = unitId ? { unitId, role: 'lead' } : { noLead: true };
    const s = {
      unitId,
      name: unitId ? (names.get(unitId) ?? '（未知单位）') : NO_LEAD_NAME,
      led: 0,
      done: 0,
      claimedDone: 0,
      inProgress: 0,
      notReported: 0,
      overdue: 0,
      delayed: 0,
      lights: emptyLights(),
      lastReportDate: null as string | null,
      taskIds: [] as string[],
    };
    let lastDay: string | null = null;
    for (const task of tasks) {
      const standing = standings.get(task.id)!;
      s.led++;
      s.taskIds.push(task.id);
      s.lights[standing.light]++;
      if (standing.overdue) s.overdue++;
      if (standing.status === 'delayed') s.delayed++;
      if (standing.status === 'done') {
        if (standing.confirmed) s.done++;
        else s.claimedDone++;
      } else if (standing.status === null) s.notReported++;
      else s.inProgress++;
      if (!unitId && standing.lastReportDate && (!lastDay || standing.lastReportDate > lastDay)) lastDay = standing.lastReportDate;
    }
    s.lastReportDate = unitId ? (lastReport.has(unitId) ? dayOfDateTime(lastReport.get(unitId)!) : null) : lastDay;
    const period = unitId ? { period: currentPeriod, ...combineReportingStates(tasks.map((t) => stateOf(t, unitId, currentPeriod)), dueDayPassed) } : null;
    const f = (value: number, extra: TaskFilter): Figure => ({ value, filter: { ...scope, ...extra } });
    const figures: LeadFigures = {
      led: f(s.led, {}),
      done: f(s.done, { confirmedOnly: true }),
      claimedDone: f(s.claimedDone, { awaitingConfirmOnly: true }),
      inProgress: f(s.inProgress, { statuses: [...STARTED_STATUSES] }),
      notReported: f(s.notReported, { statuses: ['none'] }),
      overdue: f(s.overdue, { overdueOnly: true }),
      delayed: f(s.delayed, { statuses: ['delayed'] }),
      red: f(s.lights.red, { lights: ['red'] }),
      yellow: f(s.lights.yellow, { lights: ['yellow'] }),
      green: f(s.lights.green, { lights: ['green'] }),
      grey: f(s.lights.grey, { lights: ['grey'] }),
    };
    if (period) {
      // No lead: nobody owes a lead's report, so the 未明确牵头单位 row has no period figures.
      figures.periodExpected = f(period.expected, { period: currentPeriod, periodStates: [...OWED_STATES] });
      figures.periodReported = f(period.reported, { period: currentPeriod, periodStates: [...REPORTED_STATES] });
    }
    out.push({
      ...s,
      period,
      reportedThisPeriod: !period || period.reported === period.expected,
      reportedThisPeriodCount: period?.reported ?? 0,
      dueThisPeriodCount: period?.expected ?? 0,
      completion: s.led ? s.done / s.led : 0,
      figures,
    });
  }
  // The 未明确牵头单位 row first (it needs fixing), then most overdue, least complete, by name.
  return out.sort(
    (a, b) =>
      Number(b.unitId === null) - Number(a.unitId === null) ||
      b.overdue - a.overdue ||
      b.lights.red - a.lights.red ||
      a.completion - b.completion ||
      compareNames(a.name, b.name),
  );
}

/** Is a lead unit's current-period reporting incomplete after the due day (部分报送 or 未报)? */
export function isReportingIncomplete(summary: Pick<LeadUnitSummary, 'period'>): boolean {
  return !!summary.period && INCOMPLETE_STATES.includes(summary.period.state);
}

export interface PlanFigures {
  period: string;
  periodDue: string;
  total: Figure;
  lights: Record<Light, Figure>;
  /** 逾期: past the effective deadline and not done. */
  overdue: Figure;
  /** 滞后: reported delayed by the units. */
  delayed: Figure;
  /** 待销号: tasks reported 已完成 and not yet confirmed (a task with two leads counts once). */
  awaitingConfirm: Figure;
  /** Tasks without a lead unit. */
  noLead: Figure;
  /** Tasks on which some responsible unit has not reported the current period yet. */
  unreported: Figure;
  /** Of those, tasks with a report missing after the due day. */
  missing: Figure;
  /** Lead units whose current-period reporting is incomplete after the due day: shown as rows of the lead-unit table. */
  incompleteUnits: { value: number; unitIds: string[] };
}

/** The figures at the top of the supervisor view, each with its click-through filter. */
export function planFigures(input: SupervisorInput, summaries: readonly LeadUnitSummary[] = summarizeLeadUnits(input)): PlanFigures {
  const { standings, stateOf, currentPeriod, liveTasks } = prepare(input);
  const lights = emptyLights();
  let overdue = 0;
  let delayed = 0;
  let awaiting = 0;
  let noLead = 0;
  let unreported = 0;
  let missing = 0;
  let total = 0;
  for (const task of liveTasks) {
    const s = standings.get(task.id);
    if (!s) continue;
    total++;
    lights[s.light]++;
    if (s.overdue) overdue++;
    if (s.status === 'delayed') delayed++;
    if (s.status === 'done' && !s.confirmed) awaiting++;
    if (!task.lead.length) noLead++;
    const states = responsibleUnits(task).map((u) => stateOf(task, u, currentPeriod));
    if (states.some((st) => UNREPORTED_STATES.includes(st))) unreported++;
    if (states.includes('missing')) missing++;
  }
  const incomplete = summaries.filter(isReportingIncomplete).map((s) => s.unitId!);
  return {
    period: currentPeriod,
    periodDue: periodDueDay(currentPeriod, input.plan.cadence),
    total: { value: total, filter: {} },
    lights: Object.fromEntries(LIGHTS.map((l) => [l, { value: lights[l], filter: { lights: [l] } }])) as Record<Light, Figure>,
    overdue: { value: overdue, filter: { overdueOnly: true } },
    delayed: { value: delayed, filter: { statuses: ['delayed'] } },
    awaitingConfirm: { value: awaiting, filter: { awaitingConfirmOnly: true } },
    noLead: { value: noLead, filter: { noLead: true } },
    unreported: { value: unreported, filter: { period: currentPeriod, periodStates: [...UNREPORTED_STATES] } },
    missing: { value: missing, filter: { period: currentPeriod, periodStates: ['missing'] } },
    incompleteUnits: { value: incomplete.length, unitIds: incomplete },
  };
}

export const MATRIX_CELL_LABELS = REPORTING_STATE_LABELS;
export type MatrixCell = ReportingState;

export interface MatrixRow {
  unitId: string;
  name: string;
  cells: Record<string, ReportingState>;
  /** Tasks it reported in the period, of the tasks on which it owes a report. */
  counts: Record<string, { reported: number; expected: number }>;
  /** The click-through of each cell: this unit's led tasks owing a report in that period (value = expected). */
  figures: Record<string, Figure>;
}

/**
 * A matrix row whose cells are worked out when first read: the screen shows twenty of a plan's lead units at a time,
 * and a province's plan has a hundred and more. Reads like a plain object (JSON, structured clone, spread).
 */
function lazyMatrixRow(unitId: string, name: string, compute: () => Pick<MatrixRow, 'cells' | 'counts' | 'figures'>): MatrixRow {
  let done: Pick<MatrixRow, 'cells' | 'counts' | 'figures'> | null = null;
  const get = () => (done ??= compute());
  const row = { unitId, name } as MatrixRow;
  for (const key of ['cells', 'counts', 'figures'] as const) Object.defineProperty(row, key, { enumerable: true, get: () => get()[key] });
  return row;
}

export interface ReportingMatrix {
  periods: string[];
  /** The period today falls in. */
  currentPeriod: string;
  /** Due day of each period. */
  dueDates: Record<string, string>;
  rows: MatrixRow[];
}

/**
 * Lead units × periods, each cell the unit's reporting state for the period over the tasks it leads (the same rule
 * as the lead-unit table). Periods run from the plan's first reporting period to the current one, at most
 * `maxPeriods` (newest kept): periods that ended before the plan started are not shown.
 */
export function reportingMatrix(input: SupervisorInput & { maxPeriods?: number }): ReportingMatrix {
  const { plan } = input;
  const { currentPeriod, liveTasks, readerOf } = prepare(input);
  const first = firstReportingPeriod(plan);
  const start = comparePeriods(first, currentPeriod) <= 0 ? first : currentPeriod;
  const periods = periodsBetween(start, currentPeriod, input.maxPeriods ?? 12, plan.cadence);
  const dueDates: Record<string, string> = {};
  for (const p of periods) dueDates[p] = periodDueDay(p, plan.cadence);
  const led = new Map<string, Task[]>();
  for (const task of liveTasks) {
    for (const u of task.lead) {
      const list = led.get(u);
      if (list) list.push(task);
      else led.set(u, [task]);
    }
  }
  const names = new Map(input.units.map((u) => [u.id, u.name]));
  const rows = [...led.entries()].map(([unitId, tasks]) =>
    lazyMatrixRow(unitId, names.get(unitId) ?? '（未知单位）', () => {
      const cells: Record<string, ReportingState> = {};
      const counts: Record<string, { reported: number; expected: number }> = {};
      const figures: Record<string, Figure> = {};
      const readers = tasks.map(readerOf);
      for (const p of periods) {
        const r = combineReportingStates(
          readers.map((read) => read(unitId, p)),
          input.today > dueDates[p]!,
        );
        cells[p] = r.state;
        counts[p] = { reported: r.reported, expected: r.expected };
        figures[p] = { value: r.expected, filter: { unitId, role: 'lead', period: p, periodStates: [...OWED_STATES] } };
      }
      return { cells, counts, figures };
    }),
  );
  rows.sort((a, b) => compareNames(a.name, b.name));
  return { periods, currentPeriod, dueDates, rows };
}

export interface StatusCount {
  key: ReportStatus | 'none';
  label: string;
  count: number;
}

/** How many tasks are in each status ('none' = not reported yet), optionally only those a unit leads. */
export function statusDistribution(input: SupervisorInput & { unitId?: string }): StatusCount[] {
  const { standings, liveTasks } = prepare(input);
  const counts = new Map<ReportStatus | 'none', number>();
  for (const task of liveTasks) {
    if (input.unitId && !responsibleUnits(task).includes(input.unitId)) continue;
    const s = standings.get(task.id);
    if (!s) continue;
    const key = s.status ?? 'none';
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const keys: (ReportStatus | 'none')[] = [...REPORT_STATUSES, 'none'];
  return keys.map((key) => ({ key, label: key === 'none' ? '未报送' : REPORT_STATUS_LABELS[key], count: counts.get(key) ?? 0 }));
}

/** How many tasks show each light. */
export function lightDistribution(input: SupervisorInput): Record<Light, number> {
  const { standings, liveTasks } = prepare(input);
  const out = emptyLights();
  for (const task of liveTasks) {
    const s = standings.get(task.id);
    if (s) out[s.light]++;
  }
  return out;
}

/** Everything the 督办视图 draws: lead-unit rows, plan figures, the report matrix (eight periods) and the status counts. */
export interface SupervisorView {
  summaries: LeadUnitSummary[];
  figures: PlanFigures;
  matrix: ReportingMatrix;
  statuses: StatusCount[];
}

/** How many periods the 督办视图's report matrix shows. */
export const MATRIX_PERIODS = 8;

/** The 督办视图's figures, from every report or from the report digests (`input.ledgers`). */
export function supervisorView(input: SupervisorInput): SupervisorView {
  const summaries = summarizeLeadUnits(input);
  return { summaries, figures: planFigures(input, summaries), matrix: reportingMatrix({ ...input, maxPeriods: MATRIX_PERIODS }), statuses: statusDistribution(input) };
}
