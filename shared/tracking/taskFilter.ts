import type { ReportHead, ReportStatus, Task } from '../model/schemas';
import { daysBetween } from './dates';
import { rolesOf, type Role } from './roles';
import { isOverdue, type Light, type TaskStanding } from './standing';
import { responsibleUnits, type TaskPeriodState } from './reporting';

/** The task table's filters. Every field is optional; all given fields must match. */
export interface TaskFilter {
  /** Free text: every whitespace-separated term must occur in the number, content, unit names or 最新进展 (each responsible unit's newest report). */
  text?: string;
  /** Only tasks this unit is involved in (in `role`, when given). */
  unitId?: string;
  role?: Role;
  /** Task status; 'none' = no report yet. */
  statuses?: (ReportStatus | 'none')[];
  lights?: Light[];
  /** Deadline (after extensions) from today to today + N days. */
  deadlineWithinDays?: number;
  /** Past the deadline and not done. */
  overdueOnly?: boolean;
  /** Only tasks the supervisor has not confirmed although a lead reported 已完成 (待销号). */
  awaitingConfirmOnly?: boolean;
  /** Only tasks confirmed done (已销号). */
  confirmedOnly?: boolean;
  /** Only tasks with no lead unit (未明确牵头单位). */
  noLead?: boolean;
  /**
   * Reporting in one period: only tasks whose state for `period` is one of `periodStates` — for `unitId` when
   * given, otherwise for any responsible unit (see tracking/reporting.ts).
   */
  period?: string;
  periodStates?: TaskPeriodState[];
}

export interface FilterContext {
  today: string;
  unitNames: Map<string, string>;
  /** A unit's reporting state on a task for a period; needed by the `period` filter (without it nothing matches). */
  periodStateOf?: (task: Task, unitId: string, period: string) => TaskPeriodState;
}

/** Search text per task, built once per task object and unit-name map (the table re-filters on every keystroke). */
const haystacks = new WeakMap<Map<string, string>, WeakMap<Task, string>>();

export function normalizeSearch(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

function haystackOf(task: Task, unitNames: Map<string, string>): string {
  let perMap = haystacks.get(unitNames);
  if (!perMap) {
    perMap = new WeakMap();
    haystacks.set(unitNames, perMap);
  }
  let text = perMap.get(task);
  if (text === undefined) {
    const names = [...task.lead, ...task.support, ...task.implement].map((id) => unitNames.get(id) ?? '').join(' ');
    text = normalizeSearch(`${task.number} ${task.content} ${names} ${task.deadline?.text ?? ''}`);
    perMap.set(task, text);
  }
  return text;
}

const progressTexts = new WeakMap<ReportHead, string>();
function progressTextOf(report: ReportHead): string {
  let text = progressTexts.get(report);
  if (text === undefined) {
    text = normalizeSearch(`${report.progress ?? ''} ${report.problems ?? ''} ${report.nextSteps ?? ''}`);
    progressTexts.set(report, text);
  }
  return text;
}

/** Split the search box into terms. */
export function searchTerms(text: string | undefined): string[] {
  if (!text) return [];
  return normalizeSearch(text).split(/\s+/).filter(Boolean);
}

/** Does one row match? (Exposed for callers that filter a stream.) */
export function matchesFilter(
  row: { task: Task; standing: TaskStanding },
  filter: TaskFilter,
  ctx: FilterContext,
  terms: readonly string[] = searchTerms(filter.text),
): boolean {
  const { task, standing } = row;
  if (task.deleted) return false;
  if (filter.unitId) {
    const roles = rolesOf(task, filter.unitId);
    if (!roles.length) return false;
    if (filter.role && !roles.includes(filter.role)) return false;
  } else if (filter.role) {
    // A role without a unit means "tasks that have someone in this role".
    if (task[filter.role].length === 0) return false;
  }
  if (filter.statuses?.length && !filter.statuses.includes(standing.status ?? 'none')) return false;
  if (filter.lights?.length && !filter.lights.includes(standing.light)) return false;
  const done = standing.status === 'done';
  if (filter.deadlineWithinDays !== undefined) {
    if (!standing.effectiveDeadline) return false;
    const days = daysBetween(ctx.today, standing.effectiveDeadline);
    if (days < 0 || days > filter.deadlineWithinDays) return false;
  }
  if (filter.overdueOnly && !(standing.overdue ?? isOverdue(standing.status, standing.effectiveDeadline, ctx.today))) return false;
  if (filter.awaitingConfirmOnly && !(done && !standing.confirmed)) return false;
  if (filter.confirmedOnly && !standing.confirmed) return false;
  if (filter.noLead && task.lead.length > 0) return false;
  if (needsPeriodStates(filter)) {
    const stateOf = ctx.periodStateOf;
    if (!stateOf) return false;
    const units = filter.unitId ? [filter.unitId] : responsibleUnits(task);
    if (!units.some((u) => filter.periodStates!.includes(stateOf(task, u, filter.period!)))) return false;
  }
  if (terms.length) {
    const hay = haystackOf(task, ctx.unitNames);
    const latest = standing.latestReports ?? (standing.latest ? [standing.latest] : []);
    const progress = latest.map(progressTextOf).join(' ');
    for (const term of terms) if (!hay.includes(term) && !progress.includes(term)) return false;
  }
  return true;
}

/** Does the filter ask for a reporting state in a period (which needs every report read, not only the standings)? */
export function needsPeriodStates(filter: Pick<TaskFilter, 'period' | 'periodStates'>): boolean {
  return !!(filter.period && filter.periodStates?.length);
}

/** Filter the task table's rows; keeps the input order. Linear, with cached search text: cheap per keystroke. */
export function filterTaskRows<R extends { task: Task; standing: TaskStanding }>(
  rows: readonly R[],
  filter: TaskFilter,
  ctx: FilterContext,
): R[] {
  const terms = searchTerms(filter.text);
  const out: R[] = [];
  for (const row of rows) if (matchesFilter(row, filter, ctx, terms)) out.push(row);
  return out;
}

/** Is the filter empty (shows everything)? */
export function isEmptyFilter(filter: TaskFilter): boolean {
  return (
    !filter.text?.trim() &&
    !filter.unitId &&
    !filter.role &&
    !filter.statuses?.length &&
    !filter.lights?.length &&
    filter.deadlineWithinDays === undefined &&
    !filter.overdueOnly &&
    !filter.awaitingConfirmOnly &&
    !filter.confirmedOnly &&
    !filter.noLead &&
    !(filter.period && filter.periodStates?.length)
  );
}
