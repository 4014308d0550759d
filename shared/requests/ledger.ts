import { normalizeKey } from '../model/ids';
import type { Plan, RequestEvent, ServiceRequest } from '../model/schemas';
import { buildTableWorkbook } from '../reports/tableXlsx';
import { daysBetween } from '../tracking/dates';
import { isOverdue, REQUEST_STATUS_LABELS, requestStates, type RequestState, type RequestStatus } from './handling';
import { DISPOSITION_LABELS, MEETING_LABELS, SATISFACTION_LABELS, SOURCE_LABELS, URGENCY_LABELS } from './labels';
import { compareRequests, duplicateNumbers, requestNumber } from './numbering';
import { asClause } from '../text/clause';

/**
 * The three ledgers seed 000 requires ("承办部门有办理台账、属地联络单位有区域台账、产业服务牵头处室有总台账"):
 * - 办理台账: the requests a 承办部门 is (or was, up to 办结) in charge of;
 * - 区域台账: the requests a liaison office registered;
 * - 总台账: every request of the plan, for the lead office.
 * The screen and the .xlsx show the same rows from `ledgerRows`.
 */
export type RequestLedgerScope = { kind: 'handler'; unitId: string; name: string } | { kind: 'office'; office: string } | { kind: 'all' };

export const LEDGER_KIND_LABELS: Record<RequestLedgerScope['kind'], string> = { handler: '办理台账', office: '区域台账', all: '总台账' };

export interface RequestLedgerInput {
  plan: Plan;
  requests: readonly ServiceRequest[];
  events: readonly RequestEvent[];
  today: string;
  scope: RequestLedgerScope;
  /** States already derived (the screen has them). */
  states?: Map<string, RequestState>;
}

export interface RequestLedgerRow {
  request: ServiceRequest;
  state: RequestState;
  number: string;
  overdue: boolean;
  /** The number is also held by another request (two PCs of one office numbering apart). */
  duplicate: boolean;
  /** The disposition in words, with its required particulars. */
  handling: string;
  /** Latest progress note. */
  progress: string;
  /** 逾期, 重新办理, 政策跟踪, 编号重复. */
  remarks: string;
}

export function inScope(scope: RequestLedgerScope, request: ServiceRequest, state: RequestState): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'office':
      return normalizeKey(request.office) === normalizeKey(scope.office);
    case 'handler':
      return state.handler?.unitId === scope.unitId;
  }
}

/** A disposition with its particulars, in one line of Chinese. */
export function describeDisposition(e: RequestEvent | null): string {
  if (!e?.disposition) return '';
  const label = DISPOSITION_LABELS[e.disposition];
  switch (e.disposition) {
    case 'immediate':
      return `${label}：${e.text}`;
    case 'study':
      return `${label}：解决方案：${asClause(e.solution)}；提交${e.meeting ? MEETING_LABELS[e.meeting] : ''}（${e.meetingDate ?? ''}）审议，决定：${e.decision ?? ''}`;
    case 'unsupported':
      return `${label}：解释说明：${asClause(e.text)}；依据：${asClause(e.policyBasis)}；后续跟踪：${e.followUp ?? ''}`;
    case 'other-body':
      return `${label}：经${e.channel ?? ''}协调${e.body ?? ''}：${e.text}`;
  }
}

export function ledgerRows(input: RequestLedgerInput): RequestLedgerRow[] {
  const states = input.states ?? requestStates(input.requests, input.events, { leadOffice: input.plan.owner.office });
  const duplicates = new Set([...duplicateNumbers(input.requests).values()].flat());
  const rows: RequestLedgerRow[] = [];
  for (const request of [...input.requests].sort(compareRequests)) {
    if (request.deleted) continue;
    const state = states.get(request.id);
    if (!state || !inScope(input.scope, request, state)) continue;
    const overdue = isOverdue(state, input.today);
    const duplicate = duplicates.has(request.id);
    const latest = state.progress[state.progress.length - 1];
    const remarks = [
      overdue ? `逾期${daysBetween(state.route!.dueDate!, input.today)}天` : '',
      state.reopenCount ? `重新办理 ${state.reopenCount} 次` : '',
      state.disposition?.disposition === 'unsupported' ? '政策跟踪' : '',
      state.handlers.length > 1 ? `曾签转：${state.handlers.slice(0, -1).join('、')}` : '',
      duplicate ? '编号重复，请登记单位重新编号' : '',
    ].filter(Boolean);
    rows.push({
      request,
      state,
      number: requestNumber(request),
      overdue,
      duplicate,
      handling: describeDisposition(state.disposition),
      progress: latest ? `${latest.date} ${latest.text}` : '',
      remarks: remarks.join('；'),
    });
  }
  return rows;
}

/** Counts by status for a ledger's heading (each equals the rows a status filter shows). */
export function ledgerCounts(rows: readonly RequestLedgerRow[]): Record<RequestStatus | 'overdue' | 'total', number> {
  const out = { registered: 0, routed: 0, declined: 0, handling: 0, closed: 0, overdue: 0, total: rows.length };
  for (const r of rows) {
    out[r.state.status]++;
    if (r.overdue) out.overdue++;
  }
  return out;
}

export const REQUEST_LEDGER_HEADERS = [
  '序号',
  '编号',
  '来源',
  '诉求单位',
  '诉求人',
  '受理单位',
  '受理日期',
  '诉求事项',
  '诉求内容',
  '紧急程度',
  '承办部门',
  '办理时限',
  '办理方式及情况',
  '最新进展',
  '状态',
  '办结日期',
  '答复内容',
  '满意度',
  '备注',
] as const;
/** Preferred widths: the share of the page each column gets beyond its content's needs (see tableLayout). */
const WIDTHS = [4, 12, 5, 14, 12, 14, 10, 16, 24, 6, 14, 10, 26, 18, 7, 10, 18, 7, 12];
/** Columns printed without wrapping: 序号, 编号, 来源, 诉求人 (name, phone), the dates, 紧急程度, 状态, 满意度. */
const WHOLE = [1, 2, 3, 5, 7, 10, 12, 15, 16, 18];

export function scopeTitle(scope: RequestLedgerScope): string {
  switch (scope.kind) {
    case 'all':
      return '总台账';
    case 'office':
      return `${scope.office}区域台账`;
    case 'handler':
      return `${scope.name}办理台账`;
  }
}

/** The requester kinds a title names, in the order they are listed (其他 is said as 等). */
const TITLE_SOURCES: readonly ServiceRequest['source'][] = ['district', 'park', 'enterprise'];

/**
 * A ledger's title, naming the requester kinds actually in it: "服务区县诉求事项总台账" for a ledger of 区县 requests,
 * "服务企业诉求事项区域台账" for one of 企业 requests, "服务区县、企业诉求事项总台账" for both, "…等" when 其他
 * requesters are among them, and plain "诉求事项总台账" when it is empty or holds only 其他.
 */
export function requestLedgerTitle(rows: readonly Pick<RequestLedgerRow, 'request'>[], scope: RequestLedgerScope): string {
  const present = new Set(rows.map((r) => r.request.source));
  const named = TITLE_SOURCES.filter((s) => present.has(s)).map((s) => SOURCE_LABELS[s]);
  const served = named.length ? `服务${named.join('、')}${present.has('other') ? '等' : ''}` : '';
  return `${served}诉求事项${scopeTitle(scope)}`;
}

export function ledgerCells(row: RequestLedgerRow, index: number): (string | number)[] {
  const { request, state } = row;
  return [
    index + 1,
    row.number,
    SOURCE_LABELS[request.source],
    request.sourceName,
    // Name and phone number on lines of their own: neither is ever broken.
    [request.requester, request.contact].filter(Boolean).join('\n'),
    request.office,
    request.receivedOn,
    request.subject,
    request.content,
    URGENCY_LABELS[request.urgency],
    state.handler?.name ?? '',
    state.route?.dueDate ?? '',
    row.handling,
    row.progress,
    REQUEST_STATUS_LABELS[state.status],
    state.closure?.date ?? '',
    state.closure?.reply ?? '',
    state.closure?.satisfaction ? SATISFACTION_LABELS[state.closure.satisfaction] : '',
    row.remarks,
  ];
}

/** The ledger as an .xlsx (the same rows as the screen). */
export async function buildRequestLedgerXlsx(input: RequestLedgerInput): Promise<Uint8Array> {
  const rows = ledgerRows(input);
  const counts = ledgerCounts(rows);
  return buildTableWorkbook([
    {
      name: LEDGER_KIND_LABELS[input.scope.kind],
      title: requestLedgerTitle(rows, input.scope),
      subtitle: `${input.plan.title}    截至 ${input.today}    共 ${counts.total} 件：已办结 ${counts.closed}，办理中 ${counts.handling}，待办理 ${counts.routed}，待签转 ${counts.registered + counts.declined}，逾期 ${counts.overdue}`,
      headers: REQUEST_LEDGER_HEADERS,
      paper: 'A3',
      widths: WIDTHS,
      whole: WHOLE,
      rows: rows.map(ledgerCells),
      center: [1, 3, 7, 10, 12, 15, 16, 18],
      fill: (i, c) => (c === 15 && rows[i]!.overdue ? 'FFFFCDD2' : c === 15 && rows[i]!.state.status === 'closed' ? 'FFE8F5E9' : null),
      empty: '（该台账暂无诉求事项）',
    },
  ]);
}
