import type { Action, Plan, Task } from '../model/schemas';
import { dayOfDateTime } from './dates';
import { effectiveDeadlineOf } from './deadlines';

/** One line of the plan list: what the plan covers and whether it is still in use. */
export interface PlanSummary {
  plan: Plan;
  /** Live tasks. */
  taskCount: number;
  /**
   * From the plan's date (or the day it was saved) to its latest dated deadline in force, approved 延期 included
   * (null: no dated deadline). `extended`: that end is a deadline an approved 延期 moved past the document's.
   */
  period: { from: string; to: string | null; extended?: boolean };
  state: 'active' | 'archived';
}

export const PLAN_STATE_LABELS: Record<PlanSummary['state'], string> = { active: '进行中', archived: '已归档' };

type SummaryTask = Pick<Task, 'id' | 'planId' | 'deleted' | 'deadline' | 'lead' | 'support' | 'implement'>;

/**
 * Summaries of live plans, newest first; `tasks` may be every task of every plan, `actions` every action (only the
 * approved 延期 count: each task's deadline is the one in force, `effectiveDeadlineOf`).
 */
export function summarisePlans(plans: readonly Plan[], tasks: Iterable<SummaryTask>, actions: Iterable<Action> = []): PlanSummary[] {
  const approvals = new Map<string, Action[]>();
  for (const a of actions) {
    if (a.kind !== 'extension-approve' || a.deleted) continue;
    const list = approvals.get(a.taskId);
    if (list) list.push(a);
    else approvals.set(a.taskId, [a]);
  }
  const counts = new Map<string, { n: number; last: string | null; extended: boolean }>();
  for (const t of tasks) {
    if (t.deleted) continue;
    const c = counts.get(t.planId) ?? { n: 0, last: null, extended: false };
    c.n++;
    const own = t.deadline?.date ?? null;
    const approved = approvals.get(t.id);
    const d = approved ? effectiveDeadlineOf(t, approved) : own;
    if (d && (!c.last || d > c.last)) {
      c.last = d;
      c.extended = d !== own;
    }
    counts.set(t.planId, c);
  }
  return plans
    .filter((p) => !p.deleted)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    .map((plan) => {
      const c = counts.get(plan.id);
      return {
        plan,
        taskCount: c?.n ?? 0,
        period: { from: plan.date ?? dayOfDateTime(plan.createdAt), to: c?.last ?? null, ...(c?.extended ? { extended: true } : {}) },
        state: plan.archived ? 'archived' : 'active',
      };
    });
}

/**
 * "2024-01-10 至 2025-12-31", or "2024-01-10 起" without a dated deadline; "（含延期）" when the end is an approved
 * 延期's. When the deadlines come before the start (an old document without an issue date, entered today) the range
 * would run backwards: only the deadline is said.
 */
export function periodText(period: PlanSummary['period']): string {
  if (!period.to) return `${period.from} 起`;
  const extended = period.extended ? '（含延期）' : '';
  return period.to >= period.from ? `${period.from} 至 ${period.to}${extended}` : `完成时限至 ${period.to}${extended}`;
}
