import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { TaizhangDB } from '../../../renderer/db/database';
import { setIdentity } from '../../../renderer/db/installation';
import { InputRefusedError, savePlanRecords } from '../../../renderer/db/plans';
import { getAttachmentBytes, loadPlanView, recordAction, saveReport, setPlanSettings, updateTask } from '../../../renderer/db/tracking';
import { reportId, sha256Hex, unitId } from '../../../shared/model';
import { MAX_ATTACHMENT_BYTES } from '../../../shared/tracking/reportInput';
import { effectiveDeadlineOf } from '../../../shared/tracking/standing';
import { samplePlan } from './fixtures';

let n = 0;
const dbs: TaizhangDB[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

const records = samplePlan();
const market = unitId('市市场监管局');
const task0 = records.tasks[0]!;
const may1 = new Date('2024-05-01T08:00:00Z');

async function setup(office: string, role: 'department' | 'supervisor' = 'department', deviceId?: string) {
  const db = new TaizhangDB(`tracking-test-${n++}`);
  dbs.push(db);
  if (deviceId) await db.meta.put({ key: 'deviceId', value: deviceId });
  await setIdentity(db, office, role);
  await savePlanRecords(db, records);
  return db;
}

const input = (extra: object = {}) => ({
  planId: records.plan.id,
  taskId: task0.id,
  unitId: market,
  period: '2024-Q2',
  status: 'in-progress',
  progress: '已完成方案起草',
  ...extra,
});

/** Everything the tracking writes touch, to show a refused input changed nothing. */
async function snapshot(db: TaizhangDB) {
  return {
    reports: await db.reports.toArray(),
    actions: await db.actions.toArray(),
    blobs: (await db.blobs.toArray()).map((b) => b.sha256),
    tasks: await db.tasks.toArray(),
    plans: await db.plans.toArray(),
    units: await db.units.toArray(),
  };
}

describe('saveReport', () => {
  it('saves the office’s report under its deterministic id and replaces it on re-save', async () => {
    const db = await setup('市市场监管局');
    const first = await saveReport(db, input(), may1);
    expect(first.id).toBe(reportId(task0.id, market, '2024-Q2'));
    expect(first.by).toBe('市市场监管局');
    const second = await saveReport(db, input({ status: 'done', progress: '已办结', percent: 100 }), may1);
    expect(second.stamp > first.stamp).toBe(true);
    const rows = await db.reports.toArray();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.status).toBe('done');
  });

  it('stores attachments once per content (deduplicated by SHA-256) and reads them back', async () => {
    const db = await setup('市市场监管局');
    const bytes = new TextEncoder().encode('佐证材料内容');
    const r1 = await saveReport(db, input({ attachments: [{ name: '会议纪要.txt', mime: 'text/plain', bytes }, { name: '副本.txt', bytes }] }), may1);
    expect(r1.attachments).toEqual([{ sha256: sha256Hex(bytes), name: '会议纪要.txt', mime: 'text/plain', size: bytes.byteLength }]);
    await saveReport(db, input({ period: '2024-Q1', attachments: [{ name: '再次上传.txt', bytes }] }), may1);
    expect(await db.blobs.count()).toBe(1);
    expect(await getAttachmentBytes(db, sha256Hex(bytes))).toEqual(bytes);
    expect(await getAttachmentBytes(db, '0'.repeat(64))).toBeNull();
    // Keeping an attachment already stored needs no bytes.
    const kept = await saveReport(db, input({ keepAttachments: r1.attachments, progress: '补充说明' }), may1);
    expect(kept.attachments).toHaveLength(1);
  });

  it('refuses another office’s report, a supervisor writing for a unit, and a unit not on the task — nothing written', async () => {
    const db = await setup('市公安局');
    const before = await snapshot(db);
    await expect(saveReport(db, input(), may1)).rejects.toThrow('本机属于「市公安局」，只能填报本单位的进展，不能填报「市市场监管局」的进展');
    const sup = await setup('市政府督查办', 'supervisor');
    await expect(saveReport(sup, input(), may1)).rejects.toBeInstanceOf(InputRefusedError);
    const county = await setup('县市场监管局');
    await expect(saveReport(county, input({ unitId: unitId('县市场监管局') }), may1)).rejects.toThrow('「县市场监管局」不是该任务的责任单位');
    expect(await snapshot(db)).toEqual(before);
    expect(await sup.reports.count()).toBe(0);
  });

  it('refuses bad input with a clear message and writes nothing', async () => {
    const db = await setup('市市场监管局');
    const before = await snapshot(db);
    await expect(saveReport(db, input({ status: undefined }), may1)).rejects.toThrow(new InputRefusedError('请选择状态'));
    await expect(saveReport(db, input({ period: '2024-Q3' }), may1)).rejects.toThrow('不能填报尚未开始的报送周期');
    await expect(saveReport(db, input({ attachments: [{ name: '空.pdf', bytes: new Uint8Array(0) }] }), may1)).rejects.toThrow('附件「空.pdf」是空文件');
    await expect(
      saveReport(db, input({ attachments: [{ name: '好.pdf', bytes: new Uint8Array([1]) }, { name: '大.zip', bytes: new Uint8Array(MAX_ATTACHMENT_BYTES + 1) }] }), may1),
    ).rejects.toThrow('附件「大.zip」超过 20 MB，请压缩后再上传');
    await expect(
      saveReport(db, input({ attachments: [{ name: '新.pdf', bytes: new Uint8Array([9]) }], keepAttachments: [{ sha256: 'a'.repeat(64), name: '旧.pdf', mime: '', size: 3 }] }), may1),
    ).rejects.toThrow('附件「旧.pdf」已不在本机，请重新上传');
    expect(await snapshot(db)).toEqual(before);
  });
});

describe('recordAction', () => {
  it('lets a supervisor confirm, return and urge, and refuses them on a department PC', async () => {
    const dept = await setup('市市场监管局');
    await expect(recordAction(dept, { planId: records.plan.id, taskId: task0.id, unitId: null, kind: 'confirm' }, may1)).rejects.toThrow(
      '只有督办单位可以销号、退回、催办或审核延期',
    );
    expect(await dept.actions.count()).toBe(0);
    const sup = await setup('市政府督查办', 'supervisor');
    const urge = await recordAction(sup, { planId: records.plan.id, taskId: task0.id, unitId: market, kind: 'urge', text: '请尽快报送' }, may1);
    expect(urge).toMatchObject({ kind: 'urge', unitId: market, text: '请尽快报送', by: '市政府督查办' });
    await expect(recordAction(sup, { planId: records.plan.id, taskId: task0.id, unitId: market, kind: 'return' }, may1)).rejects.toThrow('请填写退回原因');
    expect(await sup.actions.count()).toBe(1);
  });

  it('an extension is requested by the unit’s own office before the deadline and approved by the supervisor', async () => {
    const dept = await setup('市市场监管局');
    const ask = { planId: records.plan.id, taskId: task0.id, unitId: market, kind: 'extension-request' as const, text: '需协调', newDeadline: '2024-09-30' };
    await expect(recordAction(dept, { ...ask, newDeadline: '2023-12-31' }, may1)).rejects.toThrow('完成时限不能早于计划印发日期');
    await expect(recordAction(dept, ask, new Date('2024-07-02T08:00:00Z'))).rejects.toThrow('延期须在到期前申请');
    const request = await recordAction(dept, ask, may1);
    const other = await setup('市公安局');
    await expect(recordAction(other, ask, may1)).rejects.toThrow('只能以本单位名义申请延期');

    const sup = await setup('市政府督查办', 'supervisor');
    await sup.actions.put(request); // as if synced
    const ok = await recordAction(sup, { planId: records.plan.id, taskId: task0.id, unitId: null, kind: 'extension-approve' }, may1);
    expect(ok).toMatchObject({ newDeadline: '2024-09-30', unitId: market });
    await expect(recordAction(sup, { planId: records.plan.id, taskId: task0.id, unitId: null, kind: 'extension-refuse', text: '否' }, may1)).rejects.toThrow(
      '没有待审核的延期申请',
    );
  });
});

describe('extensions: only the lead unit may ask to move its deadline', () => {
  const police = unitId('市公安局'); // supports task 1, led by 市市场监管局
  const ask = { planId: records.plan.id, taskId: task0.id, unitId: police, kind: 'extension-request' as const, text: '配合工作需要时间', newDeadline: '2024-09-30' };

  it('a supporting unit’s request is refused and nothing is written', async () => {
    const support = await setup('市公安局');
    await expect(recordAction(support, ask, may1)).rejects.toThrow('只有牵头单位可以申请延长完成时限');
    expect(await support.actions.count()).toBe(0);
  });

  it('a supporting unit’s request that arrives anyway (an old PC, a sync file) can neither be approved nor move the deadline', async () => {
    const sup = await setup('市政府督查办', 'supervisor');
    await sup.actions.put({ id: 'act_00000000000000aa', stamp: '000001714550400-00000-devpol', by: '市公安局', ...ask, unitId: police, date: '2024-05-01' });
    await expect(recordAction(sup, { planId: records.plan.id, taskId: task0.id, unitId: null, kind: 'extension-approve' }, may1)).rejects.toThrow('没有待审核的延期申请');
    // Even an approval already recorded for it leaves the lead's deadline where it was.
    await sup.actions.put({ id: 'act_00000000000000ab', stamp: '000001714550500-00000-devsup', by: '市政府督查办', planId: records.plan.id, taskId: task0.id, unitId: police, kind: 'extension-approve', text: '', date: '2024-05-01', newDeadline: '2024-09-30' });
    const view = await loadPlanView(sup, records.plan.id);
    expect(effectiveDeadlineOf(task0, view.actions)).toBe('2024-06-30');
  });
});

describe('plan settings and task corrections (owner only)', () => {
  it('changes settings on the owner’s PC and refuses elsewhere', async () => {
    const sup = await setup('市政府督查办', 'supervisor');
    const plan = await setPlanSettings(sup, records.plan.id, { cadence: { every: 'month', day: 5 }, yellowDays: 7, leadRule: 'columns' });
    expect(await setPlanSettings(sup, records.plan.id, { yellowDays: 10 })).toMatchObject({ cadence: { every: 'month', day: 5 }, yellowDays: 10 });
    await expect(setPlanSettings(sup, records.plan.id, { yellowDays: -1 })).rejects.toThrow('提醒天数应为 0–365 的整数');
    expect(plan).toMatchObject({ cadence: { every: 'month', day: 5 }, yellowDays: 7 });
    await expect(setPlanSettings(sup, records.plan.id, { cadence: { every: 'month', day: 40 }, yellowDays: 7, leadRule: 'columns' })).rejects.toThrow(
      '报送周期设置有误',
    );
    // The new cadences: 双月, 半年, 年度, and a list of dates (which must not be empty).
    for (const every of ['bimonth', 'halfyear', 'year'] as const) expect((await setPlanSettings(sup, records.plan.id, { cadence: { every, day: 15 } })).cadence.every).toBe(every);
    const custom = await setPlanSettings(sup, records.plan.id, { cadence: { every: 'custom', day: 20, dueDates: ['2024-04-10', '2024-07-10'] } });
    expect(custom.cadence).toEqual({ every: 'custom', day: 20, dueDates: ['2024-04-10', '2024-07-10'] });
    await expect(setPlanSettings(sup, records.plan.id, { cadence: { every: 'custom', day: 20, dueDates: [] } })).rejects.toThrow('按指定日期报送时，请至少填写一个报送日期');
    // A report for one of the listed dates is accepted; another date is not.
    const deptCustom = await setup('市市场监管局');
    await deptCustom.plans.put(custom);
    await saveReport(deptCustom, input({ period: '2024-04-10' }), may1);
    await expect(saveReport(deptCustom, input({ period: '2024-05-10' }), may1)).rejects.toThrow('该计划按指定日期报送');
    const dept = await setup('市市场监管局');
    await expect(setPlanSettings(dept, records.plan.id, { cadence: { every: 'month', day: 5 }, yellowDays: 7, leadRule: 'columns' })).rejects.toThrow(
      '只有该单位的督办用户可以修改',
    );
    expect((await dept.plans.get(records.plan.id))!.yellowDays).toBe(records.plan.yellowDays);
  });

  it('corrects a task, creating a unit typed by name; refuses a deadline before the plan’s date', async () => {
    // The plan owner's own PC (the sync merge accepts plan changes from that device only).
    const sup = await setup('市政府督查办', 'supervisor', records.plan.owner.device);
    const before = await snapshot(sup);
    await expect(updateTask(sup, task0.id, { deadline: { text: '2023年底前', date: '2023-12-31', kind: 'date' } })).rejects.toThrow('完成时限不能早于计划印发日期');
    await expect(updateTask(sup, task0.id, { content: '  ' })).rejects.toThrow('任务内容不能为空');
    expect(await snapshot(sup)).toEqual(before);
    const next = await updateTask(sup, task0.id, { content: '压缩企业开办时间至1天', lead: [market, '市数据局'] });
    expect(next.lead).toEqual([market, unitId('市数据局')]);
    expect((await sup.units.get(unitId('市数据局')))?.name).toBe('市数据局');
    expect((await sup.tasks.get(task0.id))?.content).toBe('压缩企业开办时间至1天');
  });
});

describe('loadPlanView', () => {
  it('reads one plan with its rows in order', async () => {
    const db = await setup('市市场监管局');
    await saveReport(db, input(), may1);
    const other = samplePlan(undefined, null);
    await savePlanRecords(db, { ...other, plan: { ...other.plan, id: 'plan_ffffffffffffffffffffffff', title: '另一计划' }, tasks: [], sections: [] });
    const view = await loadPlanView(db, records.plan.id);
    expect(view.tasks.map((t) => t.number)).toEqual(['1', '2', '3']);
    expect(view.sections).toHaveLength(records.sections.length);
    expect(view.reports).toHaveLength(1);
    expect(view.units.map((u) => u.name).sort()).toEqual(records.units.map((u) => u.name).sort());
    await expect(loadPlanView(db, 'plan_000000000000000000000000')).rejects.toThrow('计划不存在或已删除');
  });
});

describe('the claim → 退回 → claim → 销号 cycle across two PCs', () => {
  it('each answer sorts after what it answers, even when the unit’s clock runs ahead', async () => {
    const { computeStanding } = await import('../../../shared/tracking/standing');
    const dept = await setup('市市场监管局');
    const sup = await setup('市政府督查办', 'supervisor');
    const t0 = new Date('2024-06-01T12:00:00Z');
    const ahead = new Date(t0.getTime() + 3 * 3600_000); // the office PC's clock is 3 hours fast
    const carry = async (from: TaizhangDB, to: TaizhangDB) => {
      // What a sync file would carry (stamps are observed by the sync import; here the writes must cope without).
      await to.reports.bulkPut(await from.reports.toArray());
      await to.actions.bulkPut(await from.actions.toArray());
    };
    const standingOn = async (db: TaizhangDB) => {
      const view = await loadPlanView(db, records.plan.id);
      return computeStanding({ plan: view.plan, task: view.tasks[0]!, reports: view.reports, actions: view.actions, today: '2024-06-05' });
    };

    await saveReport(dept, input({ status: 'done', progress: '已办结', percent: 100 }), ahead);
    await carry(dept, sup);
    expect(await standingOn(sup)).toMatchObject({ status: 'done', confirmed: false });

    await recordAction(sup, { planId: records.plan.id, taskId: task0.id, unitId: market, kind: 'return', text: '缺少佐证材料' }, t0);
    expect(await standingOn(sup)).toMatchObject({ status: 'in-progress', returned: true });
    await carry(sup, dept);

    await saveReport(dept, input({ status: 'done', progress: '已办结，补充佐证', percent: 100, attachments: [{ name: '佐证.pdf', bytes: new Uint8Array([1, 2, 3]) }] }), ahead);
    await carry(dept, sup);
    expect(await standingOn(sup)).toMatchObject({ status: 'done', confirmed: false, returned: false });

    await recordAction(sup, { planId: records.plan.id, taskId: task0.id, unitId: null, kind: 'confirm' }, t0);
    await carry(sup, dept);
    expect(await standingOn(sup)).toMatchObject({ status: 'done', confirmed: true, light: 'green' });
    expect(await standingOn(dept)).toMatchObject({ status: 'done', confirmed: true });
  });
});

describe('the lead rule set in 设置 re-derives the tasks stated as one list', () => {
  it('switches the roles of a task whose units the document listed, and leaves a task corrected by hand alone', async () => {
    const { buildPlanRecords } = await import('../../../shared/model');
    const listed = (number: string, units: string[]) => ({
      number,
      section: [],
      content: `任务${number}`,
      lead: units.slice(0, 1),
      support: units.slice(1),
      implement: [],
      deadline: null,
      units: { lead: [], support: [], implement: [], listed: units },
    });
    const plan = buildPlanRecords(
      { title: '某方案', docNumber: null, issuer: null, date: null, source: null, leadRule: 'first-listed-is-lead', cadence: { every: 'quarter', day: 20 }, tasks: [listed('1', ['市财政局', '市人社局']), listed('2', ['市审计局', '市统计局'])] },
      { stamp: records.plan.stamp, office: records.plan.owner.office, device: records.plan.owner.device, now: new Date('2024-01-10T08:00:00Z') },
    );
    const sup = await setup(records.plan.owner.office, 'supervisor', records.plan.owner.device);
    await savePlanRecords(sup, plan);
    const [t1, t2] = plan.tasks;
    expect(t1!.stated?.listed).toEqual([unitId('市财政局'), unitId('市人社局')]);
    await updateTask(sup, t2!.id, { lead: ['市统计局'], support: ['市审计局'] }, may1);

    await setPlanSettings(sup, plan.plan.id, { leadRule: 'all-listed-are-leads' }, may1);
    expect((await sup.tasks.get(t1!.id))!).toMatchObject({ lead: [unitId('市财政局'), unitId('市人社局')], support: [] });
    expect((await sup.tasks.get(t2!.id))!).toMatchObject({ lead: [unitId('市统计局')], support: [unitId('市审计局')] });

    await setPlanSettings(sup, plan.plan.id, { leadRule: 'first-listed-is-lead' }, may1);
    expect((await sup.tasks.get(t1!.id))!).toMatchObject({ lead: [unitId('市财政局')], support: [unitId('市人社局')] });
  });
});
