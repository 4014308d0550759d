/**
 * The figures and lists the Word documents print, gathered from the functions the screens use: task standings
 * (status, 销号, 逾期, 滞后, lights) from shared/tracking/standing, the lead-unit summaries and plan figures of the
 * supervisor view (./supervisor), and the one reporting-state rule (shared/tracking/reporting) for who reported a
 * period. Nothing here decides a business rule; it only selects and counts.
 */
import type { Action, Plan, Report, ReportStatus, Section, Task, Unit } from '../model/schemas';
import { REPORT_STATUS_LABELS } from '../model/schemas';
import { nextPeriodOf, periodLabel } from '../model/periods';
import { daysBetween, periodDueDay } from '../tracking/dates';
import { computeStandings, indexByTask, responsibleUnits, type TaskStanding } from '../tracking/standing';
import { newestReportStamp, periodStateLookup, reportingState, returnInForce, type ReportingState } from '../tracking/reporting';
import { rolesOf, ROLE_LABELS, type Role } from '../tracking/roles';
import { NO_LEAD_NAME, planFigures, statusDistribution, summarizeLeadUnits } from './supervisor';

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
  /** 滞后: reported as lagging by the units. */
  delayed: number;
}

/** The plan's figures as the supervisor view shows them (total, 逾期, 滞后, 待销号) with its status distribution. */
export function statusFigures(input: Parameters<typeof planFigures>[0]): StatusFigures {
  const plan = planFigures(input);
  const dist = new Map(statusDistribution(input).map((d) => [d.key, d.count]));
  const count = (k: ReportStatus | 'none') => dist.get(k) ?? 0;
  return {
    tasks: plan.total.value,
    confirmed: count('done') - plan.awaitingConfirm.value,
    claimedDone: plan.awaitingConfirm.value,
    byStatus: { 'not-started': count('not-started'), 'in-progress': count('in-progress'), ongoing: count('ongoing'), delayed: count('delayed'), paused: count('paused') },
    notReported: count('none'),
    overdue: plan.overdue.value,
    delayed: plan.delayed.value,
  };
}

export interface LeadUnitParagraph {
  /** null: the tasks that have no lead unit (未明确牵头单位). */
  unitId: string | null;
  name: string;
  led: number;
  confirmed: number;
  claimedDone: number;
  inProgress: number;
  /** 滞后: reported as lagging. */
  delayed: CitedTask[];
  /** 逾期: past the deadline, not done. */
  overdue: CitedTask[];
  /** The unit's reporting for the period (the one reporting-state rule), or null for the no-lead row. */
  reporting: ReportingState | null;
}

export interface PeriodNoticeData {
  period: string;
  periodText: string;
  /** Day the period's report was due. */
  dueDay: string;
  figures: StatusFigures;
  leadUnits: LeadUnitParagraph[];
  /** Lead units with nothing reported for the period after its due day (未报), by name. */
  notReported: { unitId: string; name: string }[];
  /** Lead units that reported some of their tasks by the due day (部分报送). */
  partlyReported: { unitId: string; name: string }[];
  /** Lead units that reported everything, some after the due day (迟报). */
  reportedLate: { unitId: string; name: string }[];
  /** Lead units that reported everything by the due day (已报). */
  reportedOnTime: number;
  /** Some lead unit's report is not due yet (the period's due day has not passed). */
  notDue: boolean;
  /** Lead units that owe a report for the period. */
  leadUnitCount: number;
  /** The next period's due day (for the closing request), or null after a custom cadence's last date. */
  nextDueDay: string | null;
}

/** What a 督办通报 / 进展情况通报 for a period says. */
export function periodNoticeData(input: PaperInput): PeriodNoticeData {
  const tasks = liveTasks(input.tasks);
  const standings = input.standings ?? computeStandings({ ...input, tasks });
  const reportsByTask = indexByTask(input.reports);
  const actionsByTask = indexByTask(input.actions);
  const supervisorInput = { ...input, tasks, standings, reportsByTask, actionsByTask };
  const summaries = summarizeLeadUnits(supervisorInput);
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
    const reporting =
      s.unitId === null
        ? null
        : reportingState({
            plan: input.plan,
            unitId: s.unitId,
            period: input.period,
            today: input.today,
            tasks: s.taskIds.map((id) => ({ task: byId.get(id)!, reports: reportsByTask.get(id) ?? [], actions: actionsByTask.get(id) ?? [] })),
          }).state;
    return {
      unitId: s.unitId,
      name: s.unitId === null ? NO_LEAD_NAME : s.name,
      led: s.led,
      confirmed: s.done,
      claimedDone: s.claimedDone,
      inProgress: s.inProgress,
      delayed,
      overdue,
      reporting,
    };
  });
  // Units in plan order (by their first led task): a 通报 reads down the 任务分解表; tasks without a lead last.
  const firstTask = new Map<string | null, number>();
  tasks.forEach((t, i) => {
    for (const u of t.lead.length ? t.lead : [null]) if (!firstTask.has(u)) firstTask.set(u, i);
  });
  leadUnits.sort((a, b) => Number(a.unitId === null) - Number(b.unitId === null) || (firstTask.get(a.unitId) ?? 0) - (firstTask.get(b.unitId) ?? 0));
  const named = (states: ReportingState[]) =>
    leadUnits.filter((u) => u.unitId !== null && u.reporting !== null && states.includes(u.reporting)).map((u) => ({ unitId: u.unitId!, name: u.name }));
  const next = nextPeriodOf(input.period, input.plan.cadence);
  return {
    period: input.period,
    periodText: periodLabel(input.period),
    dueDay: periodDueDay(input.period, input.plan.cadence),
    figures: statusFigures(supervisorInput),
    leadUnits,
    notReported: named(['missing']),
    partlyReported: named(['partial']),
    reportedLate: named(['late']),
    reportedOnTime: named(['reported']).length,
    notDue: named(['not-due']).length > 0,
    leadUnitCount: named(['not-due', 'reported', 'partial', 'late', 'missing']).length,
    nextDueDay: next ? periodDueDay(next, input.plan.cadence) : null,
  };
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
  /** The unit's reports for the period: owed (on the tasks it answers for), of those filed, and not yet due. */
  owed: number;
  filed: number;
  notDue: number;
}

/** Reports of a unit for a period, by task. */
function unitReportsOf(reports: readonly Report[], unitId: string, period: string): Map<string, Report> {
  const out = new Map<string, Report>();
  for (const r of reports) if (!r.deleted && r.unitId === unitId && r.period === period) out.set(r.taskId, r);
  return out;
}

/**
 * What a 催办通知单 lists for one unit: the tasks it answers for (leads, or is listed for when a task has no lead)
 * that are overdue, or whose report for the period it owes and has not sent after the due day (未报).
 */
export function urgeData(input: PaperInput & { unitId: string }): UrgeData {
  const tasks = liveTasks(input.tasks);
  const standings = input.standings ?? computeStandings({ ...input, tasks });
  const stateOf = periodStateLookup({ plan: input.plan, reportsByTask: indexByTask(input.reports), actionsByTask: indexByTask(input.actions), today: input.today });
  const items: UrgeItem[] = [];
  let owed = 0;
  let filed = 0;
  let notDue = 0;
  for (const task of tasks) {
    if (!responsibleUnits(task).includes(input.unitId)) continue;
    const standing = standings.get(task.id);
    if (!standing) continue;
    const overdueDays = standing.overdue && standing.effectiveDeadline ? daysBetween(standing.effectiveDeadline, input.today) : null;
    const state = stateOf(task, input.unitId, input.period);
    if (state !== 'not-owed') owed++;
    if (state === 'reported' || state === 'late') filed++;
    if (state === 'not-due') notDue++;
    const unreported = state === 'missing';
    if (overdueDays === null && !unreported) continue;
    items.push({ ...cite(task, standing), overdueDays, unreported });
  }
  return {
    unitId: input.unitId,
    unitName: input.units.find((u) => u.id === input.unitId)?.name ?? '（未知单位）',
    period: input.period,
    periodText: periodLabel(input.period),
    dueDay: periodDueDay(input.period, input.plan.cadence),
    items,
    owed,
    filed,
    notDue,
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

/** How a returned report is counted in the 进展情况报告. */
const RETURNED_LABEL = '已退回待重报';

/** A unit's 进展情况报告 for a period: its tasks (by role) and its own reports for that period. */
export function unitReportData(input: PaperInput & { unitId: string }): UnitReportData {
  const tasks = liveTasks(input.tasks);
  const standings = input.standings ?? computeStandings({ ...input, tasks });
  const reports = unitReportsOf(input.reports, input.unitId, input.period);
  const byRole: Record<Role, number> = { lead: 0, support: 0, implement: 0 };
  const statusCount = new Map<string, number>();
  const actionsByTask = indexByTask(input.actions);
  const reportsByTask = indexByTask(input.reports);
  const items: UnitReportItem[] = [];
  for (const task of tasks) {
    const roles = rolesOf(task, input.unitId);
    if (!roles.length) continue;
    for (const r of roles) byRole[r]++;
    const report = reports.get(task.id) ?? null;
    // A report the supervisor sent back (退回) is not what it claims until the unit reports again: said so, as on screen.
    const returned = report ? returnInForce(task, input.unitId, newestReportStamp(reportsByTask.get(task.id) ?? [], task.id, input.unitId), actionsByTask.get(task.id) ?? []) !== null : false;
    const label = report ? (returned ? RETURNED_LABEL : REPORT_STATUS_LABELS[report.status]) : null;
    if (label) statusCount.set(label, (statusCount.get(label) ?? 0) + 1);
    items.push({
      ...cite(task, standings.get(task.id)),
      roles,
      roleText: roles.map((r) => ROLE_LABELS[r]).join('、'),
      report,
      statusText: report ? (returned ? `${REPORT_STATUS_LABELS[report.status]}（已退回，待重新报送）` : REPORT_STATUS_LABELS[report.status]) : '本期未报送',
    });
  }
  return {
    unitId: input.unitId,
    unitName: input.units.find((u) => u.id === input.unitId)?.name ?? '（未知单位）',
    period: input.period,
    periodText: periodLabel(input.period),
    byRole,
    reported: items.filter((i) => i.report).length,
    byStatus: [...statusCount.entries()].map(([label, count]) => ({ label, count })),
    items,
  };
}
