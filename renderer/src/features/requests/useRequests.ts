import { useMemo } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { normalizeKey } from '../../../../shared/model';
import { compareNames } from '../../../../shared/text/compareNames';
import { requestStates, type RequestState } from '../../../../shared/requests/handling';
import { getDatabase } from '../../../db/database';
import { listUnitNames } from '../../../db/plans';
import { handlingContext, loadRequestsView, type RequestsView } from '../../../db/requests';
import { useIdentity } from '../../store/identity';
import { usePlanView } from '../../store/planView';
import { useUi } from '../../store/ui';

export interface RequestsData {
  view: RequestsView | null | undefined;
  states: Map<string, RequestState>;
  today: string;
  office: string | null;
  /** Names to offer as 承办部门: the unit directory, every office seen in the requests, and this PC's own. */
  offices: string[];
  isLead: boolean;
  error: string | null;
}

/** The current plan's requests, steps and quarterly ledgers, live (re-read when a write or an import touches them). */
export function useRequests(): RequestsData {
  const db = getDatabase();
  const planId = useUi((s) => s.planId);
  const today = usePlanView((s) => s.today);
  const identity = useIdentity((s) => s.identity);
  const result = useLiveQuery(async () => {
    if (!planId) return { view: null, error: null };
    try {
      return { view: await loadRequestsView(db, planId), error: null };
    } catch (e) {
      return { view: null, error: e instanceof Error ? e.message : '读取失败' };
    }
  }, [db, planId]);
  const unitNames = useLiveQuery(() => listUnitNames(db), [db]);
  const view = result?.view;
  const states = useMemo(() => (view ? requestStates(view.requests, view.events, handlingContext(view.plan)) : new Map<string, RequestState>()), [view]);
  const offices = useMemo(() => {
    const seen = new Map<string, string>();
    const add = (n: string | undefined | null) => {
      if (n && !seen.has(normalizeKey(n))) seen.set(normalizeKey(n), n);
    };
    add(identity?.office);
    for (const r of view?.requests ?? []) add(r.office);
    for (const e of view?.events ?? []) add(e.handler);
    for (const n of unitNames ?? []) add(n);
    return [...seen.values()].sort(compareNames);
  }, [identity, view, unitNames]);
  const isLead = !!identity && !!view && normalizeKey(identity.office) === normalizeKey(view.plan.owner.office);
  return { view: result === undefined ? undefined : view, states, today, office: identity?.office ?? null, offices, isLead, error: result?.error ?? null };
}
