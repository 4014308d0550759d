/**
 * The figures and lists the Word documents print, gathered from the functions the screens use: task standings
 * (status, 销号, 逾期, lights) from shared/tracking/standing, lead-unit summaries and the units × periods reporting
 * matrix from ./supervisor. Nothing here decides a business rule; it only selects and counts.
 */
import type { Action, Plan, Report, ReportStatus, Section, Task, Unit } from '../model/schemas';
import { REPORT_STATUS_LABELS } from '../model/schemas';
import { periodLabel } from '../model/periods';
import { daysBetween, periodDueDay, periodOfDay } from '../tracking/dates';
import { computeStandings, responsibleUnits, type TaskStanding } from '../tracking/standing';
import { rolesOf, ROLE_LABELS, type Role } from '../tracking/roles';
import { reportingMatrix, summarizeLeadUnits, type MatrixCell } from './supervisor';

export interface PaperInput {
  plan: Plan;
  sections: readonly Section[];
  tasks: readonly Task[];
  units: readonly Unit[];
  reports: readonly Report[];
  actions: readonly Action[];
  /** The day the document is made on (YYYY-MM-DD): its date, and the day standings are taken. */
  today: string;
  /** The reporting period the document is about ('2024-Q4'). */
  period: string;
  standings?: Map<string, TaskStanding>;
}

/** A task as the documents cite it: number, content, deadline. */
export interface CitedTask {
  taskId: string;
  number: string;
  content: string;
  deadlineText: string;
  /** The deadline after extensions, YYYY-MM-DD, or null. */
  deadline: string | null;
}

const cite = (task: Task, standing: TaskStanding | undefined): CitedTask => ({
  taskId: task.id,
  number: task.number,
  content: task.content,
  deadlineText: task.deadline?.text ?? '',
  deadline: standing?.effectiveDeadline ?? task.deadline?.date ?? null,
});

/** Tasks of the plan in plan order (deleted ones left out). */
function liveTasks(tasks: readonly Task[]): Task[] {
  return tasks.filter((t) => !t.deleted).sort((a, b) => a.order - b.order);
}

export interface StatusFigures {
  tasks: number;
  /** 已销号 */
  confirmed: number;
  /** 已报完成，待销号 */
  claimedDone: number;
  byStatus: Record<Exclude<ReportStatus, 'done'>, number>;
  /** No report from its responsible units yet. */
  notReported: number;
  /** 逾期: past the effective deadline and not done. */
  overdue: number;
}

/** Counts of the tasks' standings (the same standings the task table and supervisor view show). */
export function statusFigures(tasks: readonly Task[], standings: Map<string, TaskStanding>): StatusFigures {
  const out: StatusFigures = {
    tasks: 0,
    confirmed: 0,
    claimedDone: 0,
    byStatus: { 'not-started': 0, 'in-progress': 0, ongoing: 0, delayed: 0, paused: 0 },
    notReported: 0,
    overdue: 0,
  };
  for (const task of tasks) {
    const s = standings.get(task.id);
    if (!s) continue;
    out.tasks++;
    if (s.status === 'done') {
      if (s.confirmed) out.confirmed++;
      else out.claimedDone++;
    } else if (s.status === null) out.notReported++;
    else out.byStatus[s.status]++;
    if (s.overdue) out.overdue++;
  }
  return out;
}

export interface LeadUnitParagraph {
  unitId: string;
  name: string;
  led: number;
  confirmed: number;
  claimedDone: number;
  inProgress: number;
  /** 滞后: reported as lagging. */
  delayed: CitedTask[];
  /** 逾期: past the deadline, not done. */
  overdue: CitedTask[];
  /** The unit's reporting for the period (matrix cell), or null when the period is not in the matrix. */
  reporting: MatrixCell | null;
}

export interface PeriodNoticeData {
  period: string;
  periodText: string;
  /** Day the period's report was due. */
  dueDay: string;
  figures: StatusFigures;
  leadUnits: LeadUnitParagraph[];
  /** Lead units with nothing reported for the period, by name. */
  notReported: { unitId: string; name: string }[];
  /** Lead units that reported after the due day. */
  reportedLate: { unitId: string; name: string }[];
  leadUnitCount: number;
  /** The next period's due day (for the closing request). */
  nextDueDay: string;
}

/** What a 督办通报 / 进展情况通报 for a period says. */
export function periodNoticeData(input: PaperInput): PeriodNoticeData {
  const tasks = liveTasks(input.tasks);
  const standings = input.standings ?? computeStandings({ ...input, tasks });
  const summaries = summarizeLeadUnits({ ...input, tasks, standings });
  const matrix = reportingMatrix({ ...input, tasks, standings, maxPeriods: 120 });
  const inMatrix = matrix.periods.includes(input.period);
  const cellOf = new Map(matrix.rows.map((r) => [r.unitId, inMatrix ? (r.cells[input.period] ?? null) : null]));
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const leadUnits: LeadUnitParagraph[] = summaries.map((s) => {
    const delayed: CitedTask[] = [];
    const overdue: CitedTask[] = [];
    for (const id of s.taskIds) {
      const task = byId.get(id)!;
      const standing = standings.get(id);
      if (standing?.status === 'delayed') delayed.push(cite(task, standing));
      if (standing?.overdue) overdue.push(cite(task, standing));
    }
    return {
      unitId: s.unitId,
      name: s.name,
      led: s.led,
      confirmed: s.done,
      claimedDone: s.claimedDone,
      inProgress: s.inProgress,
      delayed,
      overdue,
      reporting: cellOf.get(s.unitId) ?? null,
    };
  });
  // Plan order of units: by their first led task, which is how a 通报 reads down the 任务分解表.
  const firstTask = new Map<string, number>();
  tasks.forEach((t, i) => {
    for (const u of responsibleUnits(t)) if (!firstTask.has(u)) firstTask.set(u, i);
  });
  leadUnits.sort((a, b) => (firstTask.get(a.unitId) ?? 0) - (firstTask.get(b.unitId) ?? 0));
  const named = (cell: MatrixCell) => leadUnits.filter((u) => u.reporting === cell).map((u) => ({ unitId: u.unitId, name: u.name }));
  const next = nextPeriod(input.period);
  return {
    period: input.period,
    periodText: periodLabel(input.period),
    dueDay: periodDueDay(input.period, input.plan.cadence),
    figures: statusFigures(tasks, standings),
    leadUnits,
    notReported: named('missing'),
    reportedLate: named('late'),
    leadUnitCount: leadUnits.length,
    nextDueDay: periodDueDay(next, input.plan.cadence),
  };
}

function nextPeriod(period: string): string {
  const [y, part] = period.split('-') as [string, string];
  const year = Number(y);
  if (part.startsWith('Q')) {
    const q = Number(part.slice(1));
    return q === 4 ? `${year + 1}-Q1` : `${year}-Q${q + 1}`;
  }
  const m = Number(part);
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
}

export interface UrgeItem extends CitedTask {
  /** Days past the effective deadline (逾期), or null when not overdue. */
  overdueDays: number | null;
  /** The unit sent no report on this task for the period. */
  unreported: boolean;
}

export interface UrgeData {
  unitId: string;
  unitName: string;
  period: string;
  periodText: string;
  dueDay: string;
  items: UrgeItem[];
}

/** Reports of a unit for a period, by task. */
function unitReportsOf(reports: readonly Report[], unitId: string, period: string): Map<string, Report> {
  const out = new Map<string, Report>();
  for (const r of reports) if (!r.deleted && r.unitId === unitId && r.period === period) out.set(r.taskId, r);
  return out;
}

/**
 * What a 催办通知单 lists for one unit: the tasks it answers for (leads, or is listed for when a task has no lead)
 * that are overdue, or not done and not reported by it for the period once the period's report is due.
 */
export function urgeData(input: PaperInput & { unitId: string }): UrgeData {
  const tasks = liveTasks(input.tasks);
  const standings = input.standings ?? computeStandings({ ...input, tasks });
  const reported = unitReportsOf(input.reports, input.unitId, input.period);
  const dueDay = periodDueDay(input.period, input.plan.cadence);
  const due = input.today > dueDay || input.period < periodOfDay(input.today, input.plan.cadence.every);
  const items: UrgeItem[] = [];
  for (const task of tasks) {
    if (!responsibleUnits(task).includes(input.unitId)) continue;
    const standing = standings.get(task.id);
    if (!standing || standing.status === 'done') continue;
    const overdueDays = standing.overdue && standing.effectiveDeadline ? daysBetween(standing.effectiveDeadline, input.today) : null;
    const unreported = due && !reported.has(task.id);
    if (overdueDays === null && !unreported) continue;
    items.push({ ...cite(task, standing), overdueDays, unreported });
  }
  return {
    unitId: input.unitId,
    unitName: input.units.find((u) => u.id === input.unitId)?.name ?? '（未知单位）',
    period: input.period,
    periodText: periodLabel(input.period),
    dueDay,
    items,
  };
}

export interface UnitReportItem extends CitedTask {
  roles: Role[];
  roleText: string;
  report: Report | null;
  statusText: string;
}

export interface UnitReportData {
  unitId: string;
  unitName: string;
  period: string;
  periodText: string;
  byRole: Record<Role, number>;
  reported: number;
  byStatus: { label: string; count: number }[];
  items: UnitReportItem[];
}

/** A unit's 进展情况报告 for a period: its tasks (by role) and its own reports for that period. */
export function unitReportData(input: PaperInput & { unitId: string }): UnitReportData {
  const tasks = liveTasks(input.tasks);
  const standings = input.standings ?? computeStandings({ ...input, tasks });
  const reports = unitReportsOf(input.reports, input.unitId, input.period);
  const byRole: Record<Role, number> = { lead: 0, support: 0, implement: 0 };
  const statusCount = new Map<ReportStatus, number>();
  const items: UnitReportItem[] = [];
  for (const task of tasks) {
    const roles = rolesOf(task, input.unitId);
    if (!roles.length) continue;
    for (const r of roles) byRole[r]++;
    const report = reports.get(task.id) ?? null;
    if (report) statusCount.set(report.status, (statusCount.get(report.status) ?? 0) + 1);
    items.push({
      ...cite(task, standings.get(task.id)),
      roles,
      roleText: roles.map((r) => ROLE_LABELS[r]).join('、'),
      report,
      statusText: report ? REPORT_STATUS_LABELS[report.status] : '本期未报送',
    });
  }
  return {
    unitId: input.unitId,
    unitName: input.units.find((u) => u.id === input.unitId)?.name ?? '（未知单位）',
    period: input.period,
    periodText: periodLabel(input.period),
    byRole,
    reported: items.filter((i) => i.report).length,
    byStatus: [...statusCount.entries()].map(([s, count]) => ({ label: REPORT_STATUS_LABELS[s], count })),
    items,
  };
}
