import { describe, expect, it } from 'vitest';
import { buildPlanRecords, formatStamp, unitId, type RequestEvent, type ScoreAdjustment, type ServiceRequest } from '../../../shared/model';
import {
  acceptEnrollment,
  authorityContext,
  authorityProblem,
  concatBytes,
  decodeSnapshot,
  emptyState,
  encodeSnapshot,
  genesisEntry,
  keyIdOf,
  keyPairFromSeed,
  makeEnrollmentRequest,
  mergeStates,
  requestLookup,
  stateDigest,
  Trust,
  writeProblem,
} from '../../../shared/sync';

/** The record kinds added for 诉求事项 and 考核 travel in the same files, under the same authority rule. */
const LEAD = '市药监局科标处';
const LIAISON = '市药监局第一检查局';
const HANDLER = '市药监局药品注册处';
const plan = buildPlanRecords(
  { title: '联络机制实施方案', docNumber: null, issuer: null, date: '2024-10-10', source: null, leadRule: 'columns', cadence: { every: 'quarter', day: 20 }, tasks: [] },
  { stamp: formatStamp(1, 0, 'devlead'), office: LEAD, device: 'devlead', now: new Date('2024-10-10T00:00:00Z') },
).plan;

const request: ServiceRequest = {
  id: 'req_00000000000000aa', stamp: formatStamp(10, 0, 'devliaison'), by: LIAISON, planId: plan.id, office: LIAISON, prefix: '一检', year: 2024, seq: 1,
  source: 'district', sourceName: '巴南区市场监管局', requester: '', contact: '', receivedOn: '2024-11-01', subject: '咨询', content: '内容', attachments: [], urgency: 'normal',
};
const step = (by: string, fields: Partial<RequestEvent> = {}): RequestEvent => ({
  id: `rqe_${String(Math.random()).slice(2, 18).padEnd(16, '0')}`, stamp: formatStamp(20, 0, 'devx'), by, planId: plan.id, requestId: request.id, kind: 'progress', unitId: unitId(by), actor: by, date: '2024-11-02', text: '进展', ...fields,
});
const adjustment: ScoreAdjustment = { id: 'adj_00000000000000aa', stamp: formatStamp(30, 0, 'devlead'), by: LEAD, planId: plan.id, unitId: unitId(HANDLER), period: '2024-Q4', points: 2, reason: '典型事例', date: '2024-12-01' };

const producer = { deviceId: 'devliaison', office: LIAISON, role: 'department' as const };
const encode = (state = emptyState()) =>
  encodeSnapshot(state, { app: { name: 'taizhang', version: 'test' }, producer, createdAt: '2024-12-01T08:00:00+08:00', scope: { kind: 'full', since: null } });

describe('诉求事项 and 考核 records in sync files', () => {
  it('a state without the new kinds keeps the digest it had before they existed, and its file lists no counts for them', async () => {
    const s = emptyState();
    s.records.units.push({ id: 'unit_0123456789abcdef', stamp: '000000000000001-00000-dev', by: '市卫生健康局', name: '市卫生健康局', aliases: [] });
    // Computed with the code before 诉求事项 existed (commit c6ff22b).
    expect(stateDigest(s)).toBe('8cbeb209807636245300a3d25ceb8eac2751c8d0d4d93b2b6a6392a7c2d75686');
    const file = encode(s);
    expect(Object.keys(file.manifest.counts)).toEqual(['plans', 'sections', 'tasks', 'units', 'reports', 'actions', 'blobs']);
    const decoded = await decodeSnapshot(concatBytes(file.chunks));
    expect(stateDigest(decoded.state)).toBe(stateDigest(s));
  });

  it('round-trips requests, steps and discretionary points; merging is order-independent', async () => {
    const s = emptyState();
    s.records.plans.push(plan);
    s.records.requests.push(request);
    s.records.requestEvents.push(step(HANDLER));
    s.records.scoreAdjustments.push(adjustment);
    const decoded = await decodeSnapshot(concatBytes(encode(s).chunks));
    expect(decoded.manifest.counts.requests).toBe(1);
    expect(decoded.state.records.requests).toEqual([request]);
    expect(decoded.state.records.scoreAdjustments).toEqual([adjustment]);
    expect(stateDigest(decoded.state)).toBe(stateDigest(s));
    const other = emptyState();
    other.records.requests.push({ ...request, stamp: formatStamp(11, 0, 'devliaison'), subject: '咨询（补充）' });
    expect(stateDigest(mergeStates([s, other]))).toBe(stateDigest(mergeStates([other, s])));
  });

  it('authority: the registering office owns a request; each office writes only its own steps; 考核 points come from the plan owner', () => {
    // Keys as the plan owner's roster enrolls them (shared/sync/authority.ts judges the key, not the names).
    const lead = keyPairFromSeed('lead');
    const liaison = keyPairFromSeed('liaison');
    const handler = keyPairFromSeed('handler');
    const at = '2024-10-10T00:00:00.000Z';
    const genesis = genesisEntry(lead, LEAD, 'devlead', at);
    const enroll = (keys: typeof lead, office: string, device: string) => acceptEnrollment(lead, LEAD, makeEnrollmentRequest(keys, { office, role: 'department', device }, at), at);
    const trust = new Trust([{ issuer: LEAD, keyId: keyIdOf(lead.publicKey), publicKey: lead.publicKey, device: 'devlead' }], [genesis, enroll(liaison, LIAISON, 'devliaison'), enroll(handler, HANDLER, 'devh')]);
    const ctx = authorityContext([plan], [], trust, undefined, undefined, requestLookup((id) => (id === request.id ? request : undefined), []));
    const w = (keys: typeof lead, office: string, device: string) => ({ keyId: keyIdOf(keys.publicKey), office, device });
    const asLiaison = w(liaison, LIAISON, 'devliaison');
    const asHandler = w(handler, HANDLER, 'devh');
    const asLead = w(lead, LEAD, 'devlead');
    const hstep = (fields: Partial<RequestEvent> = {}) => step(HANDLER, { stamp: formatStamp(20, 0, 'devh'), ...fields });
    expect(writeProblem('requests', { ...request, stamp: formatStamp(12, 0, 'devliaison') }, asLiaison, ctx, 'remote')).toBeNull();
    // Another enrolled office may not change the request, whatever name it writes in it.
    expect(writeProblem('requests', { ...request, by: HANDLER, stamp: formatStamp(12, 0, 'devh') }, asHandler, ctx, 'remote')).toMatch(/诉求事项只能由登记单位「市药监局第一检查局」修改/);
    expect(writeProblem('requests', { ...request, stamp: formatStamp(12, 0, 'devh') }, { ...asHandler, office: LIAISON }, ctx, 'remote')).toMatch(/与签名密钥登记的单位/);
    // Taking the request over by rewriting its office is refused: the office this PC knows decides.
    expect(writeProblem('requests', { ...request, by: HANDLER, office: HANDLER, stamp: formatStamp(12, 0, 'devh') }, asHandler, ctx, 'remote')).toMatch(/不能改为其他单位登记/);
    expect(writeProblem('requestEvents', hstep(), asHandler, ctx, 'remote')).toBeNull();
    expect(writeProblem('requestEvents', step(LIAISON, { stamp: formatStamp(20, 0, 'devliaison'), unitId: unitId(HANDLER), actor: HANDLER }), asLiaison, ctx, 'remote')).toMatch(/不能代「市药监局药品注册处」填写/);
    expect(writeProblem('requestEvents', hstep({ actor: LIAISON }), asHandler, ctx, 'remote')).toMatch(/办理单位与其编号不符/);
    expect(writeProblem('scoreAdjustments', adjustment, asLead, ctx, 'remote')).toBeNull();
    expect(writeProblem('scoreAdjustments', { ...adjustment, stamp: formatStamp(30, 0, 'devliaison'), by: LIAISON }, asLiaison, ctx, 'remote')).toMatch(/只有督办单位可以设定考核方案和加减分/);
    // Unsigned versions are refused like every other kind.
    expect(authorityProblem('requests', request, ctx)).toMatch(/没有签名/);
  });
});
