import { normalizeKey, unitId } from '../model/ids';
import type { RequestEvent, ServiceRequest } from '../model/schemas';
import { DISPOSITION_LABELS, EVENT_LABELS } from './labels';

/**
 * The closed loop of a 诉求事项, derived from its handling steps (never stored):
 *
 *   登记 ──签转──▶ 待办理 ──办理方式──▶ 办理中 ──办结──▶ 已办结
 *                 │  ▲                                     │
 *          退回   ▼  │ 重新签转                       重新办理 │
 *               待重新签转 ◀───────────────────────────────┘（回到原承办部门）
 *
 * Who may take which step (each office writes only its own steps; the sync authority rule checks that a step's
 * office is the one that wrote it, and this fold checks that the office was entitled to the step at that point):
 * - 签转 (route, and re-route): the registering office, or the lead office that owns the plan (分办);
 * - 退回, 办理方式, 办结: the 承办部门 the request is routed to; 办结 also the registering office (it replies);
 * - 办理进展: the 承办部门 or the registering office (policy follow-up after 政策不支持);
 * - 重新办理 (reopen after 办结): the registering office or the lead office.
 * Steps apply in change-stamp order, so every PC derives the same state whatever order files arrived in; a step
 * that was not allowed when it came (e.g. a 办结 from an office the request had been taken from) is kept in the
 * history, marked as not counted, with the reason.
 */

export type RequestStatus = 'registered' | 'routed' | 'declined' | 'handling' | 'closed';
export const REQUEST_STATUS_LABELS: Record<RequestStatus, string> = {
  registered: '待签转',
  routed: '待办理',
  declined: '退回待重新签转',
  handling: '办理中',
  closed: '已办结',
};

export interface HandlingContext {
  /** The office that owns the plan (the lead office, e.g. 科标处): may route (分办) and reopen too. */
  leadOffice: string;
}

export interface HistoryEntry {
  event: RequestEvent;
  /** Why the step was not counted, or null when it was. */
  ignored: string | null;
}

export interface RequestState {
  status: RequestStatus;
  /** The 承办部门 in charge (from the route in force), or null. */
  handler: { name: string; unitId: string } | null;
  /** The route in force (签转单): handler, 办理时限, 签转人. */
  route: RequestEvent | null;
  /** The disposition in force (by the current handler since the last route or reopen). */
  disposition: RequestEvent | null;
  closure: RequestEvent | null;
  /** Every 承办部门 the request was routed to, in order (re-routes show here). */
  handlers: string[];
  progress: RequestEvent[];
  reopenCount: number;
  history: HistoryEntry[];
  /** Day of the last counted step, or the registration day. */
  lastActivity: string;
}

const same = (a: string, b: string) => normalizeKey(a) === normalizeKey(b);

/** Text fields that must not be blank. */
const filled = (v: string | undefined | null): boolean => !!v && v.trim().length > 0;

/**
 * What a step must carry, by kind and disposition. Returns the first missing item in Chinese, or null. The same
 * check refuses a local entry (nothing written) and discounts an incomplete step arriving from elsewhere.
 */
export function stepProblem(e: Pick<RequestEvent, 'kind' | 'text' | 'handler' | 'handlerUnitId' | 'dueDate' | 'signer' | 'disposition' | 'solution' | 'meeting' | 'meetingDate' | 'decision' | 'policyBasis' | 'followUp' | 'body' | 'channel' | 'reply' | 'satisfaction'>): string | null {
  switch (e.kind) {
    case 'route':
      if (!filled(e.handler)) return '请选择或填写承办部门';
      if (!e.handlerUnitId || e.handlerUnitId !== unitId(e.handler!)) return '承办部门编号与名称不符';
      if (!e.dueDate) return '请填写办理时限';
      if (!filled(e.signer)) return '请填写签转人';
      return null;
    case 'decline':
      return filled(e.text) ? null : '请写明退回理由（为何不属于本单位职责）';
    case 'dispose': {
      if (!e.disposition) return '请选择办理方式';
      const label = DISPOSITION_LABELS[e.disposition];
      switch (e.disposition) {
        case 'immediate':
          return filled(e.text) ? null : `办理方式为“${label}”时，请填写办理结果`;
        case 'study':
          if (!filled(e.solution)) return `办理方式为“${label}”时，请填写解决方案`;
          if (!e.meeting) return `办理方式为“${label}”时，请选择提交审议的会议（党组会议或局长办公会议）`;
          if (!e.meetingDate) return `办理方式为“${label}”时，请填写会议日期`;
          if (!filled(e.decision)) return `办理方式为“${label}”时，请填写会议决定`;
          return null;
        case 'unsupported':
          if (!filled(e.text)) return `办理方式为“${label}”时，请填写向诉求方所作的解释说明`;
          if (!filled(e.policyBasis)) return `办理方式为“${label}”时，请写明政策依据或不具备办理条件的原因`;
          if (!filled(e.followUp)) return `办理方式为“${label}”时，请写明后续跟踪的政策事项`;
          return null;
        case 'other-body':
          if (!filled(e.body)) return `办理方式为“${label}”时，请写明协调的部门`;
          if (!filled(e.channel)) return `办理方式为“${label}”时，请写明协调渠道（如“八张问题清单”数字平台）`;
          if (!filled(e.text)) return `办理方式为“${label}”时，请填写协调情况`;
          return null;
      }
      return '未知的办理方式';
    }
    case 'progress':
      return filled(e.text) ? null : '请填写办理进展';
    case 'close':
      if (!filled(e.reply)) return '请填写向诉求方的答复内容';
      if (!e.satisfaction) return '请选择诉求方满意度';
      return null;
    case 'reopen':
      return filled(e.text) ? null : '请写明重新办理的理由';
  }
  return '未知的办理步骤';
}

/** The state right after registration. */
export function initialState(request: ServiceRequest): RequestState {
  return {
    status: 'registered',
    handler: null,
    route: null,
    disposition: null,
    closure: null,
    handlers: [],
    progress: [],
    reopenCount: 0,
    history: [],
    lastActivity: request.receivedOn,
  };
}

/**
 * Why `event` may not be taken in `state` (Chinese), or null. The one rule for both a local entry and the fold.
 */
export function transitionProblem(request: ServiceRequest, state: RequestState, event: RequestEvent, ctx: HandlingContext): string | null {
  const missing = stepProblem(event);
  if (missing) return missing;
  if (event.requestId !== request.id) return '办理记录不属于该诉求事项';
  const isOwner = same(event.actor, request.office);
  const isLead = same(event.actor, ctx.leadOffice);
  const isHandler = state.handler !== null && state.handler.unitId === event.unitId;
  const label = EVENT_LABELS[event.kind];
  switch (event.kind) {
    case 'route':
      if (!isOwner && !isLead) return `只有登记单位（${request.office}）或牵头处室（${ctx.leadOffice}）可以签转`;
      if (state.status === 'closed') return '该诉求已办结；如需再办，请先“重新办理”';
      return null;
    case 'decline':
    case 'dispose':
      if (!state.handler) return `该诉求尚未签转承办部门，不能${label === '办理方式' ? '登记办理方式' : label}`;
      if (!isHandler) return `该诉求的承办部门是「${state.handler.name}」，「${event.actor}」不能${event.kind === 'decline' ? '退回' : '登记办理方式'}`;
      if (state.status === 'closed') return '该诉求已办结';
      return null;
    case 'progress':
      if (state.status === 'registered' || state.status === 'declined') return '该诉求尚未签转承办部门，请先签转';
      if (!isHandler && !isOwner) return `办理进展由承办部门（${state.handler?.name ?? '未签转'}）或登记单位填写`;
      return null;
    case 'close':
      if (!state.handler) return '没有承办部门的诉求不能办结，请先签转承办部门';
      if (!state.disposition) return `承办部门「${state.handler.name}」尚未登记办理方式，不能办结`;
      if (state.status === 'closed') return '该诉求已办结';
      if (!isHandler && !isOwner) return `只有承办部门（${state.handler.name}）或登记单位（${request.office}）可以办结`;
      return null;
    case 'reopen':
      if (state.status !== 'closed') return '只有已办结的诉求才能重新办理';
      if (!isOwner && !isLead) return `只有登记单位（${request.office}）或牵头处室（${ctx.leadOffice}）可以重新办理`;
      return null;
  }
  return '未知的办理步骤';
}

/** Take a step that `transitionProblem` allowed. */
function take(state: RequestState, event: RequestEvent): RequestState {
  const next: RequestState = { ...state, history: [...state.history, { event, ignored: null }], lastActivity: event.date > state.lastActivity ? event.date : state.lastActivity };
  switch (event.kind) {
    case 'route':
      next.status = 'routed';
      next.handler = { name: event.handler!, unitId: event.handlerUnitId! };
      next.route = event;
      next.disposition = null;
      next.handlers = [...state.handlers, event.handler!];
      break;
    case 'decline':
      next.status = 'declined';
      next.handler = null;
      next.route = null;
      next.disposition = null;
      break;
    case 'dispose':
      next.status = 'handling';
      next.disposition = event;
      break;
    case 'progress':
      next.progress = [...state.progress, event];
      break;
    case 'close':
      next.status = 'closed';
      next.closure = event;
      break;
    case 'reopen':
      next.status = 'routed';
      next.closure = null;
      next.disposition = null;
      next.reopenCount = state.reopenCount + 1;
      break;
  }
  return next;
}

/** Steps in the order they apply: change stamp (a hybrid logical clock), then id. */
export function orderSteps(events: readonly RequestEvent[]): RequestEvent[] {
  return [...events].sort((a, b) => (a.stamp !== b.stamp ? (a.stamp < b.stamp ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** A request's state from its steps (other requests' steps and deleted ones are left out). */
export function requestState(request: ServiceRequest, events: readonly RequestEvent[], ctx: HandlingContext): RequestState {
  let state = initialState(request);
  for (const event of orderSteps(events)) {
    if (event.deleted || event.requestId !== request.id) continue;
    const problem = transitionProblem(request, state, event, ctx);
    state = problem ? { ...state, history: [...state.history, { event, ignored: problem }] } : take(state, event);
  }
  return state;
}

/** Past its 办理时限 and not 办结. */
export function isOverdue(state: RequestState, today: string): boolean {
  return state.status !== 'closed' && !!state.route?.dueDate && state.route.dueDate < today;
}

/** Group steps by request once. */
export function stepsByRequest(events: readonly RequestEvent[]): Map<string, RequestEvent[]> {
  const out = new Map<string, RequestEvent[]>();
  for (const e of events) {
    const list = out.get(e.requestId);
    if (list) list.push(e);
    else out.set(e.requestId, [e]);
  }
  return out;
}

/** States of many requests at once. */
export function requestStates(requests: readonly ServiceRequest[], events: readonly RequestEvent[], ctx: HandlingContext): Map<string, RequestState> {
  const grouped = stepsByRequest(events);
  const out = new Map<string, RequestState>();
  for (const r of requests) out.set(r.id, requestState(r, grouped.get(r.id) ?? [], ctx));
  return out;
}

/**
 * The steps an office may take on a request now — asked of `transitionProblem` itself (with a complete probe step),
 * so the buttons a screen shows follow the same rule the command and the fold apply.
 */
export function allowedSteps(request: ServiceRequest, state: RequestState, office: string, ctx: HandlingContext): RequestEvent['kind'][] {
  const unit = unitId(office);
  const probe: RequestEvent = {
    id: 'rqe_0000000000000000',
    stamp: '',
    by: office,
    planId: request.planId,
    requestId: request.id,
    kind: 'progress',
    unitId: unit,
    actor: office,
    date: request.receivedOn,
    text: '—',
    handler: office,
    handlerUnitId: unit,
    dueDate: request.receivedOn,
    signer: '—',
    disposition: 'immediate',
    reply: '—',
    satisfaction: 'none',
  };
  const kinds: RequestEvent['kind'][] = ['route', 'decline', 'dispose', 'progress', 'close', 'reopen'];
  return kinds.filter((kind) => transitionProblem(request, state, { ...probe, kind }, ctx) === null);
}
