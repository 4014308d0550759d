import type { Action, Plan, Report, ReportStatus, Task, Unit } from '../model/schemas';
import { REPORT_STATUSES, REPORT_STATUS_LABELS } from '../model/schemas';
import { dayOfDateTime, periodDueDay, periodOfDay, periodsBetween } from '../tracking/dates';
import { computeStandings, responsibleUnits, type Light, type TaskStanding } from '../tracking/standing';

export interface SupervisorInput {
  plan: Plan;
  tasks: readonly Task[];
  units: readonly Unit[];
  reports: readonly Report[];
  actions: readonly Action[];
  today: string;
  /** Standings already computed for these tasks (the task table has them); computed here when absent. */
  standings?: Map<string, TaskStanding>;
}

/** One lead unit's standing across the tasks it leads. */
export interface LeadUnitSummary {
  unitId: string;
  name: string;
  /** Tasks it leads. */
  led: number;
  /** Confirmed done (销号). */
  done: number;
  /** Reported 已完成, awaiting 销号. */
  claimedDone: number;
  /** 推进中 / 常态化推进 / 未启动 with a report. */
  inProgress: number;
  /** Red light. */
  late: number;
  /** No report at all yet. */
  notReported: number;
  lights: Record<Light, number>;
  /** Calendar day of its latest report on any task of the plan. */
  lastReportDate: string | null;
  /** Did it report this period on every led task that is not done? */
  reportedThisPeriod: boolean;
  /** How many of its not-done led tasks it reported this period, of how many. */
  reportedThisPeriodCount: number;
  dueThisPeriodCount: number;
  /** done / led (0–1). */
  completion: number;
  /** Task ids it leads, in plan order: the click-through target. */
  taskIds: string[];
}

const emptyLights = (): Record<Light, number> => ({ red: 0, yellow: 0, green: 0, grey: 0 });

function standingsOf(input: SupervisorInput): Map<string, TaskStanding> {
  return input.standings ?? computeStandings(input);
}

/** Per lead unit: tasks led, done / claimed / in progress / late, lights, last report, this period's reporting. */
export function summarizeLeadUnits(input: SupervisorInput): LeadUnitSummary[] {
  const standings = standingsOf(input);
  const names = new Map(input.units.map((u) => [u.id, u.name]));
  const currentPeriod = periodOfDay(input.today, input.plan.cadence);
  const summaries = new Map<string, LeadUnitSummary>();
  const reportedNow = new Set<string>(); // `${taskId}|${unitId}` reported in the current period
  const lastReport = new Map<string, string>(); // unit → latest reportedAt (ISO date-times compare as strings)
  for (const r of input.reports) {
    if (r.deleted) continue;
    if (r.period === currentPeriod) reportedNow.add(`${r.taskId}|${r.unitId}`);
    const prev = lastReport.get(r.unitId);
    if (!prev || r.reportedAt > prev) lastReport.set(r.unitId, r.reportedAt);
  }
  for (const task of input.tasks) {
    if (task.deleted) continue;
    const standing = standings.get(task.id);
    if (!standing) continue;
    for (const unitId of responsibleUnits(task)) {
      let s = summaries.get(unitId);
      if (!s) {
        s = {
          unitId,
          name: names.get(unitId) ?? '（未知单位）',
          led: 0,
          done: 0,
          claimedDone: 0,
          inProgress: 0,
          late: 0,
          notReported: 0,
          lights: emptyLights(),
          lastReportDate: lastReport.has(unitId) ? dayOfDateTime(lastReport.get(unitId)!) : null,
          reportedThisPeriod: true,
          reportedThisPeriodCount: 0,
          dueThisPeriodCount: 0,
          completion: 0,
          taskIds: [],
        };
        summaries.set(unitId, s);
      }
      s.led++;
      s.taskIds.push(task.id);
      s.lights[standing.light]++;
      if (standing.light === 'red') s.late++;
      if (standing.status === 'done') {
        if (standing.confirmed) s.done++;
        else s.claimedDone++;
      } else {
        if (standing.status === null) s.notReported++;
        else s.inProgress++;
        s.dueThisPeriodCount++;
        if (reportedNow.has(`${task.id}|${unitId}`)) s.reportedThisPeriodCount++;
      }
    }
  }
  const out = [...summaries.values()];
  for (const s of out) {
    s.reportedThisPeriod = s.reportedThisPeriodCount === s.dueThisPeriodCount;
    s.completion = s.led ? s.done / s.led : 0;
  }
  // Most late first, then least complete, then by name: the supervisor reads the top of the list first.
  return out.sort((a, b) => b.late - a.late || a.completion - b.completion || a.name.localeCompare(b.name, 'zh-CN'));
}

export type MatrixCell = 'reported' | 'missing' | 'late';
export const MATRIX_CELL_LABELS: Record<MatrixCell, string> = { reported: '已报', missing: '未报', late: '迟报' };

export interface ReportingMatrix {
  periods: string[];
  /** The period today falls in (its cells stay 'missing' until the unit reports, even before the due day). */
  currentPeriod: string;
  /** Due day of each period. */
  dueDates: Record<string, string>;
  rows: {
    unitId: string;
    name: string;
    cells: Record<string, MatrixCell>;
    /** Tasks it reported in the period, of the tasks it leads. */
    counts: Record<string, { reported: number; expected: number }>;
  }[];
}

/**
 * Lead units × periods: 'reported' (reported on time), 'late' (first report of the period after its due day),
 * 'missing' (nothing reported for the period). Periods run from the plan's first period (its date, or its first
 * report) to the current one, at most `maxPeriods` (newest kept).
 */
export function reportingMatrix(input: SupervisorInput & { maxPeriods?: number }): ReportingMatrix {
  const { plan } = input;
  const every = plan.cadence;
  const current = periodOfDay(input.today, every);
  let first = plan.date ? periodOfDay(plan.date, every) : periodOfDay(dayOfDateTime(plan.createdAt), every);
  const led = new Map<string, Set<string>>(); // unit → led task ids
  for (const task of input.tasks) {
    if (task.deleted) continue;
    for (const u of responsibleUnits(task)) {
      let set = led.get(u);
      if (!set) led.set(u, (set = new Set()));
      set.add(task.id);
    }
  }
  // unit → period → { tasks reported, earliest reportedAt }
  const seen = new Map<string, Map<string, { tasks: Set<string>; earliest: string }>>();
  for (const r of input.reports) {
    if (r.deleted || !led.get(r.unitId)?.has(r.taskId)) continue;
    if (r.period < first && /Q/.test(r.period) === /Q/.test(first)) first = r.period;
    let byPeriod = seen.get(r.unitId);
    if (!byPeriod) seen.set(r.unitId, (byPeriod = new Map()));
    let cell = byPeriod.get(r.period);
    if (!cell) byPeriod.set(r.period, (cell = { tasks: new Set(), earliest: r.reportedAt }));
    cell.tasks.add(r.taskId);
    if (r.reportedAt < cell.earliest) cell.earliest = r.reportedAt;
  }
  if (first > current) first = current;
  const periods = periodsBetween(first, current, input.maxPeriods ?? 12);
  const dueDates: Record<string, string> = {};
  for (const p of periods) dueDates[p] = periodDueDay(p, plan.cadence);
  const names = new Map(input.units.map((u) => [u.id, u.name]));
  const rows = [...led.entries()].map(([unitId, tasks]) => {
    const cells: Record<string, MatrixCell> = {};
    const counts: Record<string, { reported: number; expected: number }> = {};
    for (const p of periods) {
      const cell = seen.get(unitId)?.get(p);
      counts[p] = { reported: cell?.tasks.size ?? 0, expected: tasks.size };
      cells[p] = !cell ? 'missing' : dayOfDateTime(cell.earliest) > dueDates[p]! ? 'late' : 'reported';
    }
    return { unitId, name: names.get(unitId) ?? '（未知单位）', cells, counts };
  });
  rows.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  return { periods, currentPeriod: current, dueDates, rows };
}

export interface StatusCount {
  key: ReportStatus | 'none';
  label: string;
  count: number;
}

/** How many tasks are in each status ('none' = not reported yet), optionally only those a unit leads. */
export function statusDistribution(input: SupervisorInput & { unitId?: string }): StatusCount[] {
  const standings = standingsOf(input);
  const counts = new Map<ReportStatus | 'none', number>();
  for (const task of input.tasks) {
    if (task.deleted) continue;
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
  const standings = standingsOf(input);
  const out = emptyLights();
  for (const task of input.tasks) {
    const s = task.deleted ? undefined : standings.get(task.id);
    if (s) out[s.light]++;
  }
  return out;
}
