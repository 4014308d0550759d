import { supervisorView, type SupervisorView } from '../../../../shared/reports/supervisor';
import type { ReportHead } from '../../../../shared/model';
import { digestLedger } from '../../../../shared/tracking/reportDigest';
import type { TaskStanding } from '../../../../shared/tracking/standing';
import type { Derived, EarlyDigest } from '../../store/planView';
import type { PlanView } from '../../../db/tracking';

/**
 * The 督办视图's figures for the plan as read: from every report once the read is whole (`derived`), or before, from
 * the report digests (`digest`, with every task's standing from them): the same figures (test/unit/reports/
 * supervisorDigest.property.test.ts). Computed once per derived view or digest read and day: opening the view again,
 * the plan unchanged, draws them without recomputing the report matrix.
 */
const views = new WeakMap<object, { data: object; today: string; view: SupervisorView }>();

export function supervisorViewOf(data: PlanView, today: string, from: { derived: Derived } | { digest: EarlyDigest; standings: ReadonlyMap<string, TaskStanding> }): SupervisorView {
  const key = 'derived' in from ? from.derived : from.digest;
  const hit = views.get(key);
  if (hit && hit.data === data && hit.today === today) return hit.view;
  const t0 = performance.now();
  let view: SupervisorView;
  if ('derived' in from) {
    const { standings, reportsByTask, actionsByTask } = from.derived;
    view = supervisorView({ ...data, today, standings, reportsByTask, actionsByTask });
  } else {
    const { digest } = from;
    const reports: ReportHead[] = [];
    for (const list of digest.reportsByTask.values()) for (const r of list) reports.push(r);
    const ledgers = new Map(digest.digests.map((d) => [d.taskId, digestLedger(d)]));
    view = supervisorView({ ...data, reports, actions: digest.actions, today, standings: from.standings, reportsByTask: digest.reportsByTask, actionsByTask: digest.actionsByTask, ledgers });
  }
  views.set(key, { data, today, view });
  // The UI benchmark's breakdown (a `--mode bench` build only).
  if (import.meta.env.MODE === 'bench') performance.measure(`plan:supervisor figures from the ${'derived' in from ? 'reports' : 'digests'}`, { start: t0, end: performance.now() });
  return view;
}
