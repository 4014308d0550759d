import type { Plan, Task } from '../model/schemas';
import { dayOfDateTime } from './dates';

/** One line of the plan list: what the plan covers and whether it is still in use. */
export interface PlanSummary {
  plan: Plan;
  /** Live tasks. */
  taskCount: number;
  /** From the plan's date (or the day it was saved) to its latest dated deadline (null: no dated deadline). */
  period: { from: string; to: string | null };
  state: 'active' | 'archived';
}

export const PLAN_STATE_LABELS: Record<PlanSummary['state'], string> = { active: '进行中', archived: '已归档' };

/** Summaries of live plans, newest first; `tasks` may be every task of every plan. */
export function summarisePlans(plans: readonly Plan[], tasks: Iterable<Pick<Task, 'planId' | 'deleted' | 'deadline'>>): PlanSummary[] {
  const counts = new Map<string, { n: number; last: string | null }>();
  for (const t of tasks) {
    if (t.deleted) continue;
    const c = counts.get(t.planId) ?? { n: 0, last: null };
    c.n++;
    const d = t.deadline?.date;
    if (d && (!c.last || d > c.last)) c.last = d;
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
        period: { from: plan.date ?? dayOfDateTime(plan.createdAt), to: c?.last ?? null },
        state: plan.archived ? 'archived' : 'active',
      };
    });
}

/**
 * "2024-01-10 至 2025-12-31", or "2024-01-10 起" without a dated deadline. When the deadlines come before the start (an
 * old document without an issue date, entered today) the range would run backwards: only the deadline is said.
 */
export function periodText(period: PlanSummary['period']): string {
  if (!period.to) return `${period.from} 起`;
  return period.to >= period.from ? `${period.from} 至 ${period.to}` : `完成时限至 ${period.to}`;
}
