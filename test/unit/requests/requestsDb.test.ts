import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { TaizhangDB } from '../../../renderer/db/database';
import { setIdentity } from '../../../renderer/db/installation';
import { InputRefusedError, savePlanRecords } from '../../../renderer/db/plans';
import { handlingContext, loadRequestsView, recordStep, registerRequest, submitLedger, type StepInput } from '../../../renderer/db/requests';
import { buildPlanRecords, formatStamp, unitId } from '../../../shared/model';
import { requestState } from '../../../shared/requests/handling';
import { ledgerRows } from '../../../shared/requests/ledger';
import { requestNumber } from '../../../shared/requests/numbering';

const LEAD = '市药监局科标处';
const FIRST = '市药监局第一检查局';
const CENTER = '市药审中心';
const REG = '市药监局药品注册处';
const now = new Date('2024-11-20T08:00:00+08:00');

const plan = buildPlanRecords(
  {
    title: '重庆市药品监督管理局服务区县生物医药产业常态化联络机制工作实施方案',
    docNumber: '渝药监〔2024〕69号',
    issuer: null,
    date: '2024-10-10',
    source: null,
    leadRule: 'columns',
    cadence: { every: 'quarter', day: 20 },
    tasks: [{ number: '1', section: [], content: '服务区县生物医药产业差异化发展', lead: [], support: [], implement: [], deadline: null }],
  },
  { stamp: formatStamp(1, 0, 'devlead'), office: LEAD, device: 'devlead', now: new Date('2024-10-10T08:00:00Z') },
);

let n = 0;
const dbs: TaizhangDB[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

async function setup(office = FIRST) {
  const db = new TaizhangDB(`requests-test-${n++}`);
  dbs.push(db);
  await setIdentity(db, office, office === LEAD ? 'supervisor' : 'department');
  await savePlanRecords(db, plan);
  return db;
}

const registration = (extra: object = {}) => ({
  planId: plan.plan.id,
  source: 'district',
  sourceName: '巴南区市场监管局',
  requester: '张三',
  contact: '023-12345678',
  receivedOn: '2024-11-01',
  subject: '医疗器械注册人委托生产咨询',
  content: '辖区企业拟委托生产第二类医疗器械，咨询注册人制度下的申报材料要求。',
  urgency: 'normal',
  ...extra,
});

async function as(db: TaizhangDB, office: string) {
  await setIdentity(db, office, office === LEAD ? 'supervisor' : 'department');
}

async function snapshot(db: TaizhangDB) {
  return { requests: await db.requests.toArray(), events: await db.requestEvents.toArray(), ledgers: await db.requestLedgers.toArray(), blobs: await db.blobs.count() };
}

const route = (requestId: string, handler = REG, extra: Partial<StepInput> = {}): StepInput => ({ requestId, kind: 'route', date: '2024-11-02', handler, dueDate: '2024-11-30', signer: '李四', text: '请按职责办理', ...extra });

describe('registering requests', () => {
  it('makes names from outside safe: no invisible direction or zero-width characters in the source or the 承办部门', async () => {
    const db = await setup();
    const req = await registerRequest(db, registration({ sourceName: '巴南区\u202e市场监管局' }), now);
    expect(req.sourceName).toBe('巴南区市场监管局');
    const step = await recordStep(db, route(req.id, '市药监局\u200b药品注册处'), now);
    expect(step.handler).toBe(REG);
    expect(step.handlerUnitId).toBe(unitId(REG));
  });

  it('numbers per office and year with the office prefix, and keeps attachments', async () => {
    const db = await setup();
    const a = await registerRequest(db, { ...registration(), attachments: [{ name: '企业来函.pdf', mime: 'application/pdf', bytes: new Uint8Array([1, 2, 3]) }] }, now);
    const b = await registerRequest(db, registration({ source: 'enterprise', sourceName: '重庆某制药有限公司' }), now);
    expect(requestNumber(a)).toBe('第一检查局-2024-001');
    expect(requestNumber(b)).toBe('第一检查局-2024-002');
    expect(a.office).toBe(FIRST);
    expect(a.attachments).toHaveLength(1);
    expect(await db.blobs.count()).toBe(1);
    // Another office counts its own numbers: no collision offline.
    await as(db, CENTER);
    const c = await registerRequest(db, registration({ prefix: '药审' }), now);
    expect(requestNumber(c)).toBe('药审-2024-001');
  });

  it('refuses incomplete or wrong registrations with a Chinese message and writes nothing', async () => {
    const db = await setup();
    const before = await snapshot(db);
    const bad: [object, RegExp][] = [
      [{ source: '' }, /请选择诉求来源/],
      [{ sourceName: '  ' }, /请填写诉求单位/],
      [{ subject: '' }, /请填写诉求事项/],
      [{ content: '' }, /请填写诉求内容/],
      [{ receivedOn: '2024-13-01' }, /有效的受理日期/],
      [{ receivedOn: '2024-12-01' }, /不能晚于今天/],
      [{ prefix: 'a-b' }, /编号前缀/],
    ];
    for (const [extra, message] of bad) {
      await expect(registerRequest(db, registration(extra), now)).rejects.toThrow(message);
      await expect(registerRequest(db, registration(extra), now)).rejects.toBeInstanceOf(InputRefusedError);
    }
    expect(await snapshot(db)).toEqual(before);
  });
});

describe('handling a request', () => {
  it('runs the closed loop: route, decline, re-route, dispose, progress, close, reopen, close again', async () => {
    const db = await setup();
    const req = await registerRequest(db, registration(), now);
    await recordStep(db, route(req.id, '市药监局药品生产处'), now);
    await as(db, '市药监局药品生产处');
    await recordStep(db, { requestId: req.id, kind: 'decline', date: '2024-11-03', text: '属注册事项，非本处职责' }, now);
    await as(db, FIRST);
    await recordStep(db, route(req.id), now);
    await as(db, REG);
    await recordStep(db, { requestId: req.id, kind: 'dispose', date: '2024-11-05', disposition: 'immediate', text: '已电话解答并寄送申报指南' }, now);
    await recordStep(db, { requestId: req.id, kind: 'progress', date: '2024-11-06', text: '企业已按指南准备材料' }, now);
    await recordStep(db, { requestId: req.id, kind: 'close', date: '2024-11-08', reply: '已答复企业申报材料要求', satisfaction: 'satisfied' }, now);
    await as(db, FIRST);
    await recordStep(db, { requestId: req.id, kind: 'reopen', date: '2024-11-10', text: '企业补充提出委托检验问题' }, now);
    await as(db, REG);
    await recordStep(db, { requestId: req.id, kind: 'dispose', date: '2024-11-12', disposition: 'immediate', text: '补充解答委托检验要求' }, now);
    await recordStep(db, { requestId: req.id, kind: 'close', date: '2024-11-13', reply: '已补充答复', satisfaction: 'basic' }, now);

    const view = await loadRequestsView(db, plan.plan.id);
    const state = requestState(view.requests[0]!, view.events, handlingContext(view.plan));
    expect(state.status).toBe('closed');
    expect(state.handler?.name).toBe(REG);
    expect(state.handlers).toEqual(['市药监局药品生产处', REG]);
    expect(state.reopenCount).toBe(1);
    expect(state.closure?.satisfaction).toBe('basic');
    expect(state.history.every((h) => h.ignored === null)).toBe(true);
  });

  it('records each disposition with its required particulars, and refuses one without them (nothing written)', async () => {
    const db = await setup();
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push((await registerRequest(db, registration({ subject: `事项${i}` }), now)).id);
    for (const id of ids) await recordStep(db, route(id), now);
    await as(db, REG);
    const before = await snapshot(db);
    const incomplete: [Partial<StepInput>, RegExp][] = [
      [{ disposition: 'immediate' }, /请填写办理结果/],
      [{ disposition: 'study', solution: '拟出台专项支持措施' }, /请选择提交审议的会议/],
      [{ disposition: 'study', solution: '拟出台专项支持措施', meeting: 'party-group', meetingDate: '2024-11-10' }, /请填写会议决定/],
      [{ disposition: 'unsupported', text: '已向企业解释' }, /政策依据/],
      [{ disposition: 'unsupported', text: '已向企业解释', policyBasis: '现行法规不允许' }, /后续跟踪/],
      [{ disposition: 'other-body', text: '已转办' }, /协调的部门/],
      [{ disposition: 'other-body', text: '已转办', body: '市经济信息委' }, /协调渠道/],
      [{}, /请选择办理方式/],
      [{ disposition: 'bogus' as never }, /办理方式无效/],
    ];
    for (const [extra, message] of incomplete) {
      await expect(recordStep(db, { requestId: ids[0]!, kind: 'dispose', date: '2024-11-05', ...extra }, now)).rejects.toThrow(message);
    }
    expect(await snapshot(db)).toEqual(before);

    await recordStep(db, { requestId: ids[0]!, kind: 'dispose', date: '2024-11-05', disposition: 'immediate', text: '已当场解答' }, now);
    await recordStep(db, { requestId: ids[1]!, kind: 'dispose', date: '2024-11-05', disposition: 'study', solution: '拟出台专项支持措施', meeting: 'director-office', meetingDate: '2024-11-15', decision: '同意按方案实施' }, now);
    await recordStep(db, { requestId: ids[2]!, kind: 'dispose', date: '2024-11-05', disposition: 'unsupported', text: '已向企业解释说明', policyBasis: '现行《药品管理法》不允许', followUp: '跟踪国家局委托生产政策调整' }, now);
    await recordStep(db, { requestId: ids[3]!, kind: 'dispose', date: '2024-11-05', disposition: 'other-body', text: '已推送市经济信息委办理', body: '市经济信息委', channel: '“八张问题清单”数字平台' }, now);
    const view = await loadRequestsView(db, plan.plan.id);
    const rows = ledgerRows({ ...view, today: '2024-11-20', scope: { kind: 'all' } });
    expect(rows.map((r) => r.handling.split('：')[0])).toEqual(['职能内即办', '需研究解决', '政策不支持', '属其他部门事权']);
    expect(rows[1]!.handling).toContain('局长办公会议（2024-11-15）审议，决定：同意按方案实施');
    expect(rows[2]!.remarks).toContain('政策跟踪');
  });

  it('cannot close a request with no 承办部门, nor one whose handler recorded no disposition', async () => {
    const db = await setup();
    const req = await registerRequest(db, registration(), now);
    const close = { requestId: req.id, kind: 'close', date: '2024-11-08', reply: '已答复', satisfaction: 'satisfied' };
    const before = await snapshot(db);
    await expect(recordStep(db, close, now)).rejects.toThrow('没有承办部门的诉求不能办结，请先签转承办部门');
    expect(await snapshot(db)).toEqual(before);
    await recordStep(db, route(req.id), now);
    await as(db, REG);
    await expect(recordStep(db, close, now)).rejects.toThrow(/尚未登记办理方式，不能办结/);
    await expect(recordStep(db, { ...close, reply: '' }, now)).rejects.toThrow('请填写向诉求方的答复内容');
  });

  it('lets only the right office take each step', async () => {
    const db = await setup();
    const req = await registerRequest(db, registration(), now);
    await as(db, CENTER);
    await expect(recordStep(db, route(req.id), now)).rejects.toThrow(/只有登记单位（市药监局第一检查局）或牵头处室（市药监局科标处）可以签转/);
    // One PC plays each office in turn; as a supervisor PC it would start the lead office's roster and from then on
    // sign only as that office (the authority policy), so the lead office routes from a department-role PC here.
    await setIdentity(db, LEAD, 'department');
    await recordStep(db, route(req.id), now); // the lead office may route (分办)
    await as(db, CENTER);
    await expect(recordStep(db, { requestId: req.id, kind: 'dispose', date: '2024-11-05', disposition: 'immediate', text: 'x' }, now)).rejects.toThrow(/承办部门是「市药监局药品注册处」/);
    await expect(recordStep(db, route(req.id, REG, { dueDate: '2024-11-01' }), now)).rejects.toThrow('办理时限不能早于签转日期');
  });

  it('a step from an office the request was taken from is kept in the history but not counted', () => {
    const request = {
      id: 'req_0000000000000001', stamp: formatStamp(1, 0, 'a'), by: FIRST, planId: plan.plan.id, office: FIRST, prefix: 'P', year: 2024, seq: 1,
      source: 'district' as const, sourceName: '巴南区', requester: '', contact: '', receivedOn: '2024-11-01', subject: 's', content: 'c', attachments: [], urgency: 'normal' as const,
    };
    const base = { planId: plan.plan.id, requestId: request.id, date: '2024-11-05', text: '' };
    const events = [
      { ...base, id: 'rqe_0000000000000001', stamp: formatStamp(10, 0, 'a'), by: FIRST, actor: FIRST, unitId: unitId(FIRST), kind: 'route' as const, handler: REG, handlerUnitId: unitId(REG), dueDate: '2024-11-30', signer: '李四' },
      { ...base, id: 'rqe_0000000000000002', stamp: formatStamp(20, 0, 'a'), by: FIRST, actor: FIRST, unitId: unitId(FIRST), kind: 'route' as const, handler: CENTER, handlerUnitId: unitId(CENTER), dueDate: '2024-11-30', signer: '李四' },
      // Written offline by the first handler after the request had been re-routed away from it.
      { ...base, id: 'rqe_0000000000000003', stamp: formatStamp(30, 0, 'b'), by: REG, actor: REG, unitId: unitId(REG), kind: 'dispose' as const, disposition: 'immediate' as const, text: '已办理' },
    ];
    const state = requestState(request, [...events].reverse(), { leadOffice: LEAD });
    expect(state.status).toBe('routed');
    expect(state.handler?.name).toBe(CENTER);
    expect(state.history.map((h) => h.ignored)).toEqual([null, null, expect.stringContaining('承办部门是「市药审中心」')]);
  });
});

describe('quarterly ledgers', () => {
  it('records the submission for a period and keeps the first submission time on re-send', async () => {
    const db = await setup();
    await registerRequest(db, registration(), now);
    const first = await submitLedger(db, plan.plan.id, '2024-Q4', '', now);
    const again = await submitLedger(db, plan.plan.id, '2024-Q4', '补充', new Date('2024-12-25T08:00:00+08:00'));
    expect(again.id).toBe(first.id);
    expect(again.firstSubmittedAt).toBe(first.firstSubmittedAt);
    expect(again.requestIds).toHaveLength(1);
    await expect(submitLedger(db, plan.plan.id, '2025-Q1', '', now)).rejects.toThrow('不能填报尚未开始的报送周期');
  });
});
