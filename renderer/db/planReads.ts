import { summarisePlans, type PlanSummary } from '../../shared/tracking/planList';
import type { Plan } from '../../shared/model';
import type { TaizhangDB } from './database';

/**
 * The reads of the plan list and the plan picker (the first screen): kept apart from the commands that write plans
 * (plans.ts, planEdit.ts, with the authority policy and the keys under them), so start-up loads only these.
 */

/** The plans this PC holds (deleted ones left out), newest first. */
export async function listPlans(db: TaizhangDB) {
  return plansToList(await db.plans.toArray());
}

/** The plans of the list among those stored: deleted ones left out, newest first. */
export function plansToList(plans: Plan[]): Plan[] {
  return plans.filter((p) => !p.deleted).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/**
 * The plan to show: the one asked for while it exists, otherwise the newest plan (or null when there is none).
 * Reads the database itself, so a plan saved a moment ago counts even before a live list of plans has caught up.
 */
export async function resolveCurrentPlan(db: TaizhangDB, wanted: string | null): Promise<string | null> {
  if (wanted) {
    const plan = await db.plans.get(wanted);
    if (plan && !plan.deleted) return wanted;
  }
  return (await listPlans(db))[0]?.id ?? null;
}

/** Each plan with its task count, period (approved 延期 included) and state, for the plan list. */
export async function listPlanSummaries(db: TaizhangDB): Promise<PlanSummary[]> {
  return db.transaction('r', [db.plans, db.tasks, db.actions], async () => {
    const plans = await db.plans.toArray();
    // One getAll, not a cursor: a cursor costs a round trip per task (seconds for a province's plans at start-up).
    const tasks = await db.tasks.toArray();
    // The approved 延期 move a plan's end.
    const actions = await db.actions.toArray();
    return summarisePlans(plans, tasks, actions);
  });
}
