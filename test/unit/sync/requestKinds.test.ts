import { describe, expect, it } from 'vitest';
import { buildPlanRecords, formatStamp, unitId, type RequestEvent, type ScoreAdjustment, type ServiceRequest } from '../../../shared/model';
import { authorityContext, authorityProblem, decodeSnapshot, emptyState, encodeSnapshot, mergeStates, requestLookup, stateDigest, concatBytes } from '../../../shared/sync';

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
    const ctx = authorityContext([plan], [], [], requestLookup((id) => (id === request.id ? request : undefined), []));
    expect(authorityProblem('requests', { ...request, stamp: formatStamp(12, 0, 'devliaison') }, ctx)).toBeNull();
    expect(authorityProblem('requests', { ...request, by: HANDLER, stamp: formatStamp(12, 0, 'devh') }, ctx)).toMatch(/只能由登记单位（市药监局第一检查局）修改/);
    // Taking the request over by rewriting its office is refused: the office this PC knows decides.
    expect(authorityProblem('requests', { ...request, by: HANDLER, office: HANDLER, stamp: formatStamp(12, 0, 'devh') }, ctx)).toMatch(/不能改为其他单位登记/);
    expect(authorityProblem('requestEvents', step(HANDLER), ctx)).toBeNull();
    expect(authorityProblem('requestEvents', step(LIAISON, { unitId: unitId(HANDLER), actor: HANDLER }), ctx)).toMatch(/只能由办理单位本单位填写/);
    expect(authorityProblem('requestEvents', step(HANDLER, { actor: LIAISON }), ctx)).toMatch(/办理单位与其编号不符/);
    expect(authorityProblem('scoreAdjustments', adjustment, ctx)).toBeNull();
    expect(authorityProblem('scoreAdjustments', { ...adjustment, stamp: formatStamp(30, 0, 'devliaison'), by: LIAISON }, ctx)).toMatch(/督办单位/);
  });
});
