import { useEffect, useMemo } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { ownUnitOf } from '../../../shared/tracking/roles';
import { getDatabase } from '../../db/database';
import { derive, deriveStructure, planFingerprint, usePlanView } from './planView';
import { useIdentity } from './identity';
import { useUi } from './ui';

/**
 * The current plan's data for a screen: loads it once, reloads when the database changed underneath
 * (e.g. a sync file was imported), and derives indexes and standings lazily.
 */
export function usePlanData() {
  const planId = useUi((s) => s.planId);
  const data = usePlanView((s) => s.data);
  const complete = usePlanView((s) => s.complete);
  const early = usePlanView((s) => s.early);
  const earlyComplete = usePlanView((s) => s.earlyComplete);
  const earlyDigest = usePlanView((s) => s.earlyDigest);
  const today = usePlanView((s) => s.today);
  const loading = usePlanView((s) => s.loading);
  const error = usePlanView((s) => s.error);
  const fingerprint = usePlanView((s) => s.fingerprint);
  const localWrites = usePlanView((s) => s.localWrites);
  const load = usePlanView((s) => s.load);
  const identity = useIdentity((s) => s.identity);
  const db = getDatabase();
  // Watched once the plan is read (the read takes its own fingerprint): not counted while the plan is being read.
  const current = useLiveQuery(() => (planId && !loading ? planFingerprint(db, planId) : null), [db, planId, loading]);

  useEffect(() => {
    if (planId) void load(planId);
  }, [planId, load]);
  useEffect(() => {
    if (planId && current && fingerprint && current !== fingerprint && !loading && localWrites === 0) void load(planId, true);
  }, [planId, current, fingerprint, loading, localWrites, load]);

  const current_ = data && data.plan.id === planId ? data : null;
  /** Unit names and section paths: ready as soon as the tasks are. */
  const structure = useMemo(() => (current_ ? deriveStructure(current_) : null), [current_]);
  /** Indexes and standings: ready once the reports are read. */
  const derived = useMemo(() => (current_ && complete ? derive(current_, today) : null), [current_, complete, today]);
  /** This PC's office as a unit of the plan (by name or alias), or null. */
  const ownUnitId = useMemo(() => {
    if (!identity || !data) return null;
    return ownUnitOf(data.units, identity.office)?.id ?? null;
  }, [identity, data]);

  /**
   * While the reports are read: the first screenful's standings (the task table's first rows), then every task's
   * (from the report digests: `everyStanding`), before the indexes of `derived` are ready.
   */
  const firstStandings = current_ && !complete ? early : null;
  const everyStanding = !!derived || (!!firstStandings && earlyComplete);
  /** With every standing early: the report digests they came from, when the 督办视图 can be drawn from them. */
  const digestView = firstStandings && earlyComplete ? earlyDigest : null;
  return { planId, data: current_, structure, derived, firstStandings, everyStanding, digestView, today, loading, error, identity, ownUnitId };
}
