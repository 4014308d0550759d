import { randomId, sha256Hex, unitId, type AttachmentRef, type Identity, type Plan, type RequestEvent, type RequestLedger, type ServiceRequest } from '../../shared/model';
import { requestState, transitionProblem, type HandlingContext } from '../../shared/requests/handling';
import { firstMessage, RegisterInputSchema, StepInputSchema, type RegisterInput, type StepInput } from '../../shared/requests/input';
import { defaultPrefix, nextSeq } from '../../shared/requests/numbering';
import { ledgerId } from '../../shared/requests/quarterly';
import { checkReportPeriod } from '../../shared/tracking/reportInput';
import { archivedRefusal } from '../../shared/tracking/planEdit';
import { isoDayOf } from '../../shared/tracking/dates';
import type { TaizhangDB } from './database';
import { getIdentity, nextStamp, observeStamps } from './installation';
import { InputRefusedError } from './plans';
import { provisionalStamp, requireMayWrite } from './authorize';

export type { RegisterInput, StepInput };

/** Everything the 诉求事项 screens show for one plan: read once, derived in memory. */
export interface RequestsView {
  plan: Plan;
  requests: ServiceRequest[];
  events: RequestEvent[];
  ledgers: RequestLedger[];
}

async function requireIdentity(db: TaizhangDB): Promise<Identity> {
  const identity = await getIdentity(db);
  if (!identity) throw new InputRefusedError('请先设置本机所属单位');
  return identity;
}

async function requirePlan(db: TaizhangDB, planId: string, forWriting = true): Promise<Plan> {
  const plan = await db.plans.get(planId);
  if (!plan || plan.deleted) throw new InputRefusedError('计划不存在或已删除');
  const archived = forWriting ? archivedRefusal(plan) : null;
  if (archived) throw new InputRefusedError(archived);
  return plan;
}

export const handlingContext = (plan: Plan): HandlingContext => ({ leadOffice: plan.owner.office });

/** Store new attachment bytes (deduplicated by SHA-256) and return their references. Call inside a transaction with db.blobs. */
async function storeAttachments(db: TaizhangDB, files: readonly { name: string; mime: string; bytes: Uint8Array }[]): Promise<AttachmentRef[]> {
  const refs: AttachmentRef[] = [];
  for (const f of files) {
    const sha256 = sha256Hex(f.bytes);
    if (refs.some((r) => r.sha256 === sha256)) continue;
    if (!(await db.blobs.get(sha256))) await db.blobs.put({ sha256, data: f.bytes });
    refs.push({ sha256, name: f.name, mime: f.mime || 'application/octet-stream', size: f.bytes.byteLength });
  }
  return refs;
}

/**
 * 登记诉求事项: the registering office is this PC's office (it owns the record); the number is the office's next for
 * the year (see shared/requests/numbering.ts). Everything is checked before anything is written.
 */
export async function registerRequest(db: TaizhangDB, input: RegisterInput, now = new Date()): Promise<ServiceRequest> {
  const parsed = RegisterInputSchema.safeParse(input);
  if (!parsed.success) throw new InputRefusedError(firstMessage(parsed.error));
  const value = parsed.data;
  if (value.receivedOn > isoDayOf(now)) throw new InputRefusedError('受理日期不能晚于今天');
  const identity = await requireIdentity(db);
  const plan = await requirePlan(db, value.planId);
  const prefix = value.prefix ?? defaultPrefix(identity.office);
  const year = Number(value.receivedOn.slice(0, 4));
  const draft = (id: string, stamp: string, seq: number, attachments: AttachmentRef[]): ServiceRequest => ({
    id,
    stamp,
    by: identity.office,
    planId: value.planId,
    office: identity.office,
    prefix,
    year,
    seq,
    source: value.source,
    sourceName: value.sourceName,
    requester: value.requester,
    contact: value.contact,
    receivedOn: value.receivedOn,
    subject: value.subject,
    content: value.content,
    attachments,
    urgency: value.urgency,
  });
  // The one authority policy (shared/sync/authority.ts): the registering office's own enrolled key.
  await requireMayWrite(db, identity, 'requests', draft('req_0000000000000000', provisionalStamp(identity, now), 1, []), { plans: [plan] });
  return db.transaction('rw', [db.requests, db.blobs, db.meta], async () => {
    const all = await db.requests.toArray();
    const attachments = await storeAttachments(db, value.attachments.map((a) => ({ name: a.name, mime: a.mime, bytes: a.bytes })));
    const request = draft(randomId('req'), await nextStamp(db, now.getTime()), nextSeq(all, prefix, year), attachments);
    await db.requests.add(request);
    return request;
  });
}

/**
 * Record a handling step (签转、退回、办理方式、进展、办结、重新办理) as this PC's office. The step is checked against the
 * request's state by the same rule the fold applies (shared/requests/handling.ts): a request with no 承办部门 cannot
 * be closed, a disposition without its required fields is refused, another office's step cannot be taken here.
 */
export async function recordStep(db: TaizhangDB, input: StepInput, now = new Date()): Promise<RequestEvent> {
  const parsed = StepInputSchema.safeParse(input);
  if (!parsed.success) throw new InputRefusedError(firstMessage(parsed.error));
  const v = parsed.data;
  if (v.date > isoDayOf(now)) throw new InputRefusedError('日期不能晚于今天');
  const identity = await requireIdentity(db);
  const request = await db.requests.get(v.requestId);
  if (!request || request.deleted) throw new InputRefusedError('诉求事项不存在或已删除');
  if (v.date < request.receivedOn) throw new InputRefusedError(`日期不能早于受理日期 ${request.receivedOn}`);
  if (v.kind === 'route' && v.dueDate && v.dueDate < v.date) throw new InputRefusedError('办理时限不能早于签转日期');
  const plan = await requirePlan(db, request.planId);
  const stepOf = (stamp: string): RequestEvent => {
    const event: RequestEvent = {
      id: randomId('rqe'),
      stamp,
      by: identity.office,
      planId: request.planId,
      requestId: request.id,
      kind: v.kind,
      unitId: unitId(identity.office),
      actor: identity.office,
      date: v.date,
      text: v.text,
    };
    const optional = {
      handler: v.handler,
      handlerUnitId: v.handler ? unitId(v.handler) : undefined,
      dueDate: v.dueDate,
      signer: v.signer,
      disposition: v.disposition,
      solution: v.solution,
      meeting: v.meeting,
      meetingDate: v.meetingDate,
      decision: v.decision,
      policyBasis: v.policyBasis,
      followUp: v.followUp,
      body: v.body,
      channel: v.channel,
      reply: v.reply,
      satisfaction: v.satisfaction,
    };
    for (const [k, val] of Object.entries(optional)) if (val !== undefined) (event as unknown as Record<string, unknown>)[k] = val;
    return event;
  };
  // The one authority policy (shared/sync/authority.ts): a step is written only under the acting office's own enrolled key.
  await requireMayWrite(db, identity, 'requestEvents', stepOf(provisionalStamp(identity, now)), { plans: [plan] });
  const events = await db.requestEvents.where('requestId').equals(request.id).toArray();
  // The step must sort after every step it answers, even ones from a PC whose clock ran ahead.
  if (events.length) await observeStamps(db, events.map((e) => e.stamp), now.getTime());
  return db.transaction('rw', [db.requestEvents, db.meta], async () => {
    const fresh = await db.requestEvents.where('requestId').equals(request.id).toArray();
    const ctx = handlingContext(plan);
    const state = requestState(request, fresh, ctx);
    const event = stepOf(await nextStamp(db, now.getTime()));
    const problem = transitionProblem(request, state, event, ctx);
    if (problem) throw new InputRefusedError(problem);
    await db.requestEvents.add(event);
    return event;
  });
}

/**
 * 报送区域台账: this PC's office hands its 区域台账 for a period to the lead office. Re-sending keeps the first
 * submission time (a late first submission stays late).
 */
export async function submitLedger(db: TaizhangDB, planId: string, period: string, note = '', now = new Date()): Promise<RequestLedger> {
  const identity = await requireIdentity(db);
  const plan = await requirePlan(db, planId);
  const problem = checkReportPeriod(plan, period, isoDayOf(now));
  if (problem) throw new InputRefusedError(problem);
  if (note.length > 2000) throw new InputRefusedError('说明不能超过2000字');
  const id = ledgerId(planId, identity.office, period);
  const base = { id, by: identity.office, planId, office: identity.office, unitId: unitId(identity.office), period, note: note.trim() };
  // The one authority policy (shared/sync/authority.ts): only the office's own enrolled key sends its 区域台账.
  const probe = now.toISOString();
  await requireMayWrite(db, identity, 'requestLedgers', { ...base, stamp: provisionalStamp(identity, now), firstSubmittedAt: probe, submittedAt: probe, requestIds: [] }, { plans: [plan] });
  return db.transaction('rw', [db.requestLedgers, db.requests, db.meta], async () => {
    const previous = await db.requestLedgers.get(id);
    const own = (await db.requests.where('office').equals(identity.office).toArray()).filter((r) => r.planId === planId && !r.deleted);
    const ledger: RequestLedger = {
      id,
      stamp: await nextStamp(db, now.getTime()),
      by: identity.office,
      planId,
      office: identity.office,
      unitId: unitId(identity.office),
      period,
      firstSubmittedAt: previous && !previous.deleted ? previous.firstSubmittedAt : now.toISOString(),
      submittedAt: now.toISOString(),
      requestIds: own.map((r) => r.id).sort(),
      note: note.trim(),
    };
    await db.requestLedgers.put(ledger);
    return ledger;
  });
}

/** The single read behind the 诉求事项 screens. */
export async function loadRequestsView(db: TaizhangDB, planId: string): Promise<RequestsView> {
  return db.transaction('r', [db.plans, db.requests, db.requestEvents, db.requestLedgers], async () => {
    const plan = await requirePlan(db, planId, false);
    const [requests, events, ledgers] = await Promise.all([
      db.requests.where('planId').equals(planId).toArray(),
      db.requestEvents.where('planId').equals(planId).toArray(),
      db.requestLedgers.where('planId').equals(planId).toArray(),
    ]);
    return {
      plan,
      requests: requests.filter((r) => !r.deleted),
      events: events.filter((e) => !e.deleted),
      ledgers: ledgers.filter((l) => !l.deleted),
    };
  });
}

/** The stored bytes of a request's attachment, or null when this PC does not have them. */
export async function requestAttachmentBytes(db: TaizhangDB, sha256: string): Promise<Uint8Array | null> {
  return (await db.blobs.get(sha256))?.data ?? null;
}
