import type { Action, Plan, ReportHead, ReportStatus, Task } from '../model/schemas';
import { REPORT_STATUS_LABELS } from '../model/schemas';
import { cadenceText, periodLabel } from '../model/periods';
import { dayOfDateTime, daysBetween, periodDueDay, periodOfDay } from './dates';
import { newestReport } from './latest';
import { deadlineExtension, effectiveDeadlineOf } from './deadlines';
import { answeredStamp, confirmationOf, mayRequestExtension, newestAction, periodStateFromIndex, planStartDay, responsibleUnits, returnInForce, cachedReportingIndex, type TaskPeriodState } from './reporting';
import { readTaskTargets, type TargetReading } from '../targets/progress';

export type Light = 'red' | 'yellow' | 'green' | 'grey';
export const LIGHTS: readonly Light[] = ['red', 'yellow', 'green', 'grey'];
export const LIGHT_LABELS: Record<Light, string> = { red: '红灯', yellow: '黄灯', green: '绿灯', grey: '灰灯' };

/** The light rules in Chinese for a legend or tooltip, with the plan's own settings filled in. */
export function lightRules(plan: Pick<Plan, 'yellowDays' | 'cadence'>): Record<Light, string> {
  const every = cadenceText(plan.cadence);
  return {
    red: `红灯：已超过完成时限仍未完成；或牵头单位报告滞后；或本期进展（${every}报送）逾期未报`,
    yellow: `黄灯：距完成时限不足 ${plan.yellowDays} 天；或本期进展尚未报送（已启动的任务，或距本期报送截止不足 ${plan.yellowDays} 天）；或进展被退回、待重新报送；或量化指标落后于按时间进度应达到的值`,
    green: '绿灯：按期推进且本期已报送；或牵头单位已报完成（待销号或已销号）',
    grey: '灰灯：尚未启动（或暂缓），且未到报送或完成期限',
  };
}

/** Where a task stands today: derived from its reports and the supervisor's actions, never stored. */
export interface TaskStanding {
  /** The task's status from its responsible (lead) units' latest reports; null when none has reported. */
  status: ReportStatus | null;
  /** 销号: the supervisor confirmed completion. A lead unit's 已完成 without it is only a claim. */
  confirmed: boolean;
  /** 最新进展: the newest report (newest period, then newest change) of a responsible unit. */
  latest: ReportHead | null;
  /** Each responsible unit's newest report, in the task's unit order (what the 台账 export and the search show). */
  latestReports?: ReportHead[];
  /** Calendar day of the last report saved by a responsible unit, for any period (YYYY-MM-DD). */
  lastReportDate: string | null;
  /** Did every responsible unit report for the current period? */
  reportedThisPeriod: boolean;
  /** The deadline after approved extensions (YYYY-MM-DD), or null for ongoing/undated tasks. */
  effectiveDeadline: string | null;
  /** 逾期: past the effective deadline and not done (see isOverdue); a self-reported 滞后 alone is not 逾期. */
  overdue?: boolean;
  light: Light;
  /** Why the light is what it is, in Chinese, for the hover text. */
  reasons: string[];
  /** The current reporting period ('2024-Q2') and the day its report is due. */
  currentPeriod?: string;
  periodDue?: string;
  /** A lead's 已完成 was sent back (退回) and not reported again since. */
  returned?: boolean;
  /** An extension request that the supervisor has not answered yet. */
  pendingExtension?: Action | null;
  /** The units whose reports decide the status (the leads, or the listed units when there is no lead). */
  responsibleUnitIds?: string[];
  /** The task's quantitative targets against the values reported (absent when it has none). */
  targets?: TargetReading[];
}

export interface StandingInput {
  plan: Plan;
  task: Task;
  /** Reports of this task (other tasks' reports are ignored). */
  reports: readonly ReportHead[];
  /** Actions on this task (other tasks' actions are ignored). */
  actions: readonly Action[];
  /** Today, YYYY-MM-DD. */
  today: string;
}

/** Group rows by task id once, so 200,000 reports are scanned once rather than once per task. */
export function indexByTask<T extends { taskId: string }>(rows: readonly T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const list = map.get(row.taskId);
    if (list) list.push(row);
    else map.set(row.taskId, [row]);
  }
  return map;
}

export { responsibleUnits };


/**
 * Combine the responsible units' latest statuses into one task status: all 已完成 → 已完成; any 滞后 → 滞后;
 * partly done or any 推进中 → 推进中; all 常态化推进 (or done) → 常态化推进; any 暂缓 → 暂缓; otherwise 未启动.
 */
export function combineStatuses(statuses: readonly ReportStatus[]): ReportStatus | null {
  if (!statuses.length) return null;
  const has = (s: ReportStatus) => statuses.includes(s);
  if (statuses.every((s) => s === 'done')) return 'done';
  if (has('delayed')) return 'delayed';
  if (has('in-progress')) return 'in-progress';
  if (statuses.every((s) => s === 'ongoing' || s === 'done')) return has('ongoing') ? 'ongoing' : 'done';
  if (has('done') || has('ongoing')) return 'in-progress';
  if (has('paused')) return 'paused';
  return 'not-started';
}

// The deadline in force and whether a 延期 moved it: a module of its own (the plan list at start-up needs only these).
export { deadlineExtension, effectiveDeadlineOf, type DeadlineExtension } from './deadlines';

/**
 * 逾期: the effective deadline (after approved extensions) has passed and the task is not done. 常态化推进 work has
 * no end, so it is not overdue. A unit's own 滞后 is a different thing (a reported delay), counted apart.
 */
export function isOverdue(status: ReportStatus | null, effectiveDeadline: string | null, today: string): boolean {
  return !!effectiveDeadline && effectiveDeadline < today && status !== 'done' && status !== 'ongoing';
}

/** The newest extension request with no approval or refusal after it (given the task: only from a unit that may ask). */
export function pendingExtensionOf(taskId: string, actions: readonly Action[], task?: Task): Action | null {
  const request = newestAction(task ? actions.filter((a) => a.kind !== 'extension-request' || mayRequestExtension(task, a.unitId)) : actions, 'extension-request', taskId);
  if (!request) return null;
  for (const a of actions) {
    if (a.taskId !== taskId || a.deleted) continue;
    if ((a.kind === 'extension-approve' || a.kind === 'extension-refuse') && a.stamp > request.stamp) return null;
  }
  return request;
}

/**
 * A task's standing today. Rules (also returned as `reasons`):
 * - red: past the (extended) deadline and not done; or 滞后 reported; or the current period's report is overdue.
 * - yellow: deadline within `plan.yellowDays`; or not reported this period (for a started task, or for any task once
 *   the period's due day is within `plan.yellowDays`); or the progress was sent back (退回) and not reported again.
 * - grey: not started (no report or 未启动) or 暂缓, and nothing due yet.
 * - green: on track, or done (a claim awaiting 销号 is green too, and says so).
 */
export function computeStanding(input: StandingInput): TaskStanding {
  const { plan, task, today } = input;
  const reasons: string[] = [];
  const responsible = responsibleUnits(task);
  const currentPeriod = periodOfDay(today, plan.cadence);
  const periodDue = periodDueDay(currentPeriod, plan.cadence);

  // Each responsible unit's latest report, who reported this period, and the last report saved.
  // (The reporting index holds each responsible unit's reports by period: its `latest` is latest.ts's rule.)
  const reportingIndex = cachedReportingIndex(task, input.reports, input.actions);
  const latestByUnit = reportingIndex.latest;
  const latestReports: ReportHead[] = [];
  for (const u of responsible) {
    const r = latestByUnit.get(u);
    if (r) latestReports.push(r);
  }
  const latest = newestReport(latestReports);
  const lastSaved = reportingIndex.lastSaved;
  // This period's reporting, per responsible unit (the one reporting-state rule).
  const periodStates = new Map<string, TaskPeriodState>();
  for (const u of responsible) periodStates.set(u, periodStateFromIndex(reportingIndex, plan, u, currentPeriod, today));
  const owing = responsible.filter((u) => periodStates.get(u) !== 'not-owed');
  const unreported = owing.filter((u) => periodStates.get(u) === 'not-due' || periodStates.get(u) === 'missing');
  // A lead that has not reported yet counts as 未启动 once another lead has reported: one lead's 已完成 is not the task's.
  let status = latestByUnit.size ? combineStatuses(responsible.map((u) => latestByUnit.get(u)?.status ?? 'not-started')) : null;
  const reportedThisPeriod = owing.length > 0 && unreported.length === 0;

  // 销号 and 退回: the 销号 in force decides; otherwise a 退回 still in force on a responsible unit (the one rule,
  // `returnInForce`: addressed to it, after its newest report, no 销号 since) keeps the task waiting for that unit.
  const inForce = confirmationOf(task.id, latestByUnit, input.actions);
  let ret: Action | null = null;
  if (!inForce) {
    for (const u of responsible) {
      const r = returnInForce(task, u, answeredStamp(reportingIndex, u), input.actions);
      if (r && (!ret || r.stamp > ret.stamp)) ret = r;
    }
  }
  let confirmed = false;
  let returned = false;
  if (inForce) {
    confirmed = true;
    status = 'done';
    reasons.push(`已销号（${inForce.date}）`);
  } else if (ret) {
    returned = true;
    const why = ret.text ? `：${ret.text}` : '';
    if (status === 'done') {
      status = 'in-progress';
      reasons.push(`报送的已完成被退回（${ret.date}）${why}，按推进中计，待重新报送`);
    } else {
      reasons.push(`进展被退回（${ret.date}）${why}，待重新报送`);
    }
  }
  if (status === 'done' && !confirmed) reasons.push('牵头单位报已完成，待督办单位销号');

  const effectiveDeadline = effectiveDeadlineOf(task, input.actions);
  const extension = deadlineExtension(task, effectiveDeadline);
  if (extension) reasons.push(extension.from ? `已批准延期：完成时限由 ${extension.from} 延至 ${extension.to}` : `已批准延期：完成时限延至 ${extension.to}`);
  const pendingExtension = pendingExtensionOf(task.id, input.actions, task);
  if (pendingExtension?.newDeadline) reasons.push(`已申请延期至 ${pendingExtension.newDeadline}，待审核`);

  const done = status === 'done';
  const started = status !== null && status !== 'not-started';
  const yellowDays = plan.yellowDays;
  const daysToDeadline = effectiveDeadline ? daysBetween(today, effectiveDeadline) : null;
  const daysToPeriodDue = daysBetween(today, periodDue);
  const periodText = periodLabel(currentPeriod);

  const overdue = isOverdue(status, effectiveDeadline, today);
  let red = false;
  let yellow = false;
  if (!done) {
    if (overdue && daysToDeadline !== null) {
      red = true;
      reasons.push(`已超过完成时限 ${effectiveDeadline}（逾期 ${-daysToDeadline} 天），任务未完成`);
    } else if (daysToDeadline !== null && daysToDeadline <= yellowDays && status !== 'ongoing') {
      yellow = true;
      reasons.push(`距完成时限 ${effectiveDeadline} 还有 ${daysToDeadline} 天（${yellowDays} 天内亮黄灯）`);
    }
    if (status === 'delayed') {
      red = true;
      reasons.push('牵头单位报告进度滞后');
    }
    // With several responsible units, say how many have not reported (one lead's report is not the task's).
    const whoOwes = owing.length > 1 ? `（${owing.length} 个${task.lead.length ? '牵头' : '责任'}单位中 ${unreported.length} 个未报）` : '';
    if (unreported.length > 0) {
      if (unreported.some((u) => periodStates.get(u) === 'missing')) {
        red = true;
        reasons.push(`${periodText}进展应于 ${periodDue} 前报送，已逾期未报${whoOwes}`);
      } else if (started || daysToPeriodDue <= yellowDays) {
        yellow = true;
        reasons.push(`${periodText}进展尚未报送（截止 ${periodDue}）${whoOwes}`);
      }
    }
    // Sent back: the supervisor asked for the progress again (the reason is said above).
    if (returned) yellow = true;
  }
  // Quantitative targets: a value behind its straight-line path to the deadline turns the task yellow.
  const targets = task.targets?.length ? readTaskTargets({ task, reports: input.reports.filter((r) => r.taskId === task.id), units: responsible, startDay: planStartDay(plan), today, done }) : undefined;
  for (const t of targets ?? []) {
    if (t.state !== 'behind' || done) continue;
    yellow = true;
    reasons.push(`量化指标落后于进度：${t.text}`);
  }

  let light: Light;
  if (red) light = 'red';
  else if (yellow) light = 'yellow';
  else if (!done && !started) {
    light = 'grey';
    reasons.push(status === null ? '尚未报送进展，未到期' : '未启动，未到期');
  } else if (status === 'paused') {
    light = 'grey';
    reasons.push('牵头单位报告暂缓推进，未到期');
  } else {
    light = 'green';
    if (!done) reasons.push(`按期推进（${REPORT_STATUS_LABELS[status!]}）${reportedThisPeriod ? `，${periodText}已报送` : ''}`);
  }
  if (responsible.length === 0) reasons.push('该任务未明确责任单位');

  return {
    status,
    confirmed,
    latest,
    latestReports,
    lastReportDate: lastSaved ? dayOfDateTime(lastSaved.reportedAt) : null,
    reportedThisPeriod,
    effectiveDeadline,
    overdue,
    light,
    reasons,
    currentPeriod,
    periodDue,
    returned,
    pendingExtension,
    responsibleUnitIds: responsible,
    ...(targets ? { targets } : {}),
  };
}

/** The responsible units whose newest report is not 已完成 (every one of them when none has reported). */
export function unitsYetToFinish(standing: Pick<TaskStanding, 'latestReports' | 'responsibleUnitIds'>): string[] {
  const done = new Set((standing.latestReports ?? []).filter((r) => r.status === 'done').map((r) => r.unitId));
  return (standing.responsibleUnitIds ?? []).filter((u) => !done.has(u));
}

const NO_ROWS: readonly never[] = [];

/** Standings of every task of a plan, grouping reports and actions once. */
export function computeStandings(input: {
  plan: Plan;
  tasks: readonly Task[];
  reports: readonly ReportHead[];
  actions: readonly Action[];
  today: string;
}): Map<string, TaskStanding> {
  const reportsByTask = indexByTask(input.reports);
  const actionsByTask = indexByTask(input.actions);
  const out = new Map<string, TaskStanding>();
  for (const task of input.tasks) {
    out.set(
      task.id,
      computeStanding({
        plan: input.plan,
        task,
        reports: reportsByTask.get(task.id) ?? NO_ROWS,
        actions: actionsByTask.get(task.id) ?? NO_ROWS,
        today: input.today,
      }),
    );
  }
  return out;
}
