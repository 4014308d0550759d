import type { Identity } from '../../../shared/model';
import { summarisePlans, type PlanSummary } from '../../../shared/tracking/planList';
import type { TaizhangDB } from '../../db/database';
import type { EarlyRows } from '../../db/earlyReads';
import { listPlanSummaries, listPlans, plansToList } from '../../db/planReads';

/**
 * The reads the first screen needs (this PC's office, the plans, the plan list), issued as soon as start-up code
 * runs, before React renders: the first paint then shows them, instead of painting empty and rendering again for
 * each read that comes back. The values seed only the components of the first render (as the initial value of
 * their live queries); they are forgotten once that render is committed, and the live queries take over.
 */
export interface StartData {
  identity: Identity | null;
  plans: Awaited<ReturnType<typeof listPlans>>;
  summaries: PlanSummary[];
}

let data: StartData | null = null;

/**
 * Read the first screen's data; resolves when read (or failed: the screens then read it themselves). `early`: the rows
 * main.tsx began reading before this code was loaded (db/earlyReads.ts), used when the database is at this code's
 * version (otherwise Dexie opens it first, upgrading it, and the reads go through Dexie).
 */
export async function readStartData(db: TaizhangDB, early: Promise<EarlyRows | null> = Promise.resolve(null)): Promise<StartData | null> {
  try {
    // identityRow.ts (with zod and the identity's schema) runs from index.html before this code (vite.config.ts).
    const identityRow = import('../../db/identityRow');
    const rows = await early;
    if (rows && rows.version === Math.round(db.verno * 10)) {
      const { identityFromRow } = await identityRow;
      data = { identity: identityFromRow(rows.identity), plans: plansToList(rows.plans), summaries: summarisePlans(rows.plans, rows.tasks, rows.actions) };
      return data;
    }
    const [identity, plans, summaries] = await Promise.all([import('../../db/installation').then((m) => m.getIdentity(db)), listPlans(db), listPlanSummaries(db)]);
    data = { identity, plans, summaries };
  } catch (e) {
    console.warn('start-up reads failed', e);
    data = null;
  }
  return data;
}

/** A value read at start-up, for a component's first render; undefined once that render is committed. */
export function startValue<K extends keyof StartData>(key: K): StartData[K] | undefined {
  return data?.[key];
}

/** After the first render is committed: later renders read the database themselves. */
export function forgetStartData(): void {
  data = null;
}
