import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { TaizhangDB } from '../../../renderer/db/database';
import { setIdentity } from '../../../renderer/db/installation';
import { savePlanRecords } from '../../../renderer/db/plans';
import { loadPlanView, saveReport, updateTask } from '../../../renderer/db/tracking';
import { unitId, type Target } from '../../../shared/model';
import { checkTargets, parseTypedNumber } from '../../../shared/targets/input';
import { expectedOnPath, readTarget } from '../../../shared/targets/progress';
import { computeStanding } from '../../../shared/tracking/standing';
import { report, samplePlan } from '../tracking/fixtures';

const rate: Target = { id: 't1', indicator: '跟踪服务率', unit: '%', direction: '>=', value: 100, deadline: '2024-12-31', text: '跟踪服务率应当达到100%' };

describe('target progress on a straight line from the plan start to the deadline', () => {
  it('expects the share of the way that the share of time gone by', () => {
    expect(expectedOnPath(rate, '2024-01-01', '2024-01-01')).toBe(0);
    expect(expectedOnPath(rate, '2024-01-01', '2024-12-31')).toBe(100);
    expect(expectedOnPath(rate, '2024-01-01', '2025-06-01')).toBe(100);
    expect(expectedOnPath({ ...rate, baseline: 60 }, '2024-01-01', '2024-07-01')).toBeCloseTo(60 + 40 * (182 / 365), 5);
    // A cap without a baseline holds from the start; a reduction with a baseline has its own path down.
    expect(expectedOnPath({ ...rate, direction: '<=', value: 5 }, '2024-01-01', '2024-03-01')).toBe(5);
    expect(expectedOnPath({ ...rate, direction: '<=', value: 5, baseline: 9 }, '2024-01-01', '2024-12-31')).toBe(5);
    // No deadline: a standing requirement.
    expect(expectedOnPath({ ...rate, deadline: null }, '2024-01-01', '2024-03-01')).toBe(100);
  });

  it('reads met, on track and behind from the newest value of a responsible unit', () => {
    const records = samplePlan();
    const task = { ...records.tasks[0]!, targets: [rate] };
    const lead = task.lead[0]!;
    const r = (period: string, value: number) => report(records, 0, 0, period, { values: [{ target: 't1', value }] });
    const at = (reports: ReturnType<typeof r>[], today: string) => readTarget(rate, reports, [lead], '2024-01-01', today, false);
    expect(at([r('2024-Q1', 30)], '2024-04-01').state).toBe('on-track');
    expect(at([r('2024-Q1', 30), r('2024-Q2', 35)], '2024-07-01').state).toBe('behind');
    expect(at([r('2024-Q2', 35), r('2024-Q1', 90)], '2024-07-01').value).toBe(35);
    expect(at([r('2024-Q3', 100)], '2024-09-30').state).toBe('met');
    expect(at([], '2024-09-30').state).toBe('no-value');
    // Another unit's value is not the task's.
    expect(readTarget(rate, [report(records, 0, 0, '2024-Q2', { unitId: unitId('市公安局'), values: [{ target: 't1', value: 100 }] })], [lead], '2024-01-01', '2024-07-01', false).state).toBe('no-value');
  });

  it('a report against a target turns the light yellow when the value falls behind its path, and back when it catches up', () => {
    const records = samplePlan();
    const task = { ...records.tasks[1]!, targets: [rate] };
    const plan = records.plan;
    const lead = (v: number, period = '2024-Q2') => task.lead.map((u) => report(records, 1, task.lead.indexOf(u), period, { values: [{ target: 't1', value: v }], reportedAt: '2024-06-10T08:00:00.000Z' }));
    const today = '2024-07-05';
    const behind = computeStanding({ plan, task, reports: lead(20), actions: [], today });
    expect(behind.light).toBe('yellow');
    expect(behind.reasons.join('\n')).toContain('量化指标落后于进度：跟踪服务率 20%（目标 ≥100%，2024-12-31 前，按进度应达');
    expect(behind.targets?.[0]?.state).toBe('behind');
    const caughtUp = computeStanding({ plan, task, reports: lead(70), actions: [], today });
    expect(caughtUp.targets?.[0]?.state).toBe('on-track');
    expect(caughtUp.reasons.join('\n')).not.toContain('量化指标');
    // The same task without targets is judged as before.
    const plain = computeStanding({ plan, task: records.tasks[1]!, reports: lead(20), actions: [], today });
    expect(plain.targets).toBeUndefined();
  });
});

describe('entering targets and values (bad input refused, nothing written)', () => {
  it('refuses a non-numeric target value with a clear Chinese message', () => {
    const bad = checkTargets([{ indicator: '跟踪服务率', unit: '%', direction: '>=', value: '百分百' }]);
    expect(bad).toEqual({ ok: false, message: '指标「跟踪服务率」的目标值「百分百」不是数字，请填写数字（如 100 或 95.5）；定性目标请把目标值留空' });
    expect(checkTargets([{ indicator: '', value: '1' }])).toMatchObject({ ok: false, message: '第 1 个指标缺少指标名称' });
    expect(checkTargets([{ indicator: 'x', value: '1', deadline: '2024-02-30' }])).toMatchObject({ ok: false });
    expect(checkTargets([{ indicator: 'x', value: '1', direction: '>' }])).toMatchObject({ ok: false, message: '指标「x」的比较方式应为 ≥、≤ 或 =' });
    const good = checkTargets([{ id: 't2', indicator: '培训人员', unit: '名', direction: '>=', value: '１,200' }, { indicator: '达到口岸标准', value: '' }]);
    expect(good).toEqual({
      ok: true,
      value: [
        { id: 't2', indicator: '培训人员', unit: '名', direction: '>=', value: 1200, deadline: null, text: '' },
        { id: 't1', indicator: '达到口岸标准', unit: '', direction: '>=', value: null, deadline: null, text: '' },
      ],
    });
    expect(parseTypedNumber('95.5%')).toBe(95.5);
    expect(parseTypedNumber('abc')).toBeNaN();
  });

  const dbs: TaizhangDB[] = [];
  afterEach(async () => {
    for (const db of dbs.splice(0)) await db.delete();
  });
  let n = 0;
  async function setup(office: string, role: 'department' | 'supervisor') {
    const db = new TaizhangDB(`targets-test-${n++}`);
    dbs.push(db);
    // The supervisor PC is the device that imported the plan (only it may edit the plan's structure).
    if (role === 'supervisor') await db.meta.put({ key: 'deviceId', value: 'devsup' });
    await setIdentity(db, office, role);
    await savePlanRecords(db, samplePlan());
    return db;
  }

  it('the plan owner edits targets after saving; a non-numeric one changes nothing', async () => {
    const db = await setup('市政府督查办', 'supervisor');
    const task = samplePlan().tasks[0]!;
    await expect(updateTask(db, task.id, { targets: [{ indicator: '跟踪服务率', value: '一百' }] })).rejects.toThrow('指标「跟踪服务率」的目标值「一百」不是数字');
    expect((await db.tasks.get(task.id))!.targets).toBeUndefined();
    const saved = await updateTask(db, task.id, { targets: [{ indicator: '跟踪服务率', unit: '%', direction: '>=', value: '100' }] });
    expect(saved.targets).toEqual([{ id: 't1', indicator: '跟踪服务率', unit: '%', direction: '>=', value: 100, deadline: null, text: '' }]);
    const removed = await updateTask(db, task.id, { targets: [] });
    expect('targets' in removed).toBe(false);
  });

  it('a unit reports the value reached; a non-numeric value is refused and nothing is written', async () => {
    const sup = await setup('市政府督查办', 'supervisor');
    const task = samplePlan().tasks[0]!;
    const withTarget = await updateTask(sup, task.id, { targets: [{ indicator: '跟踪服务率', unit: '%', direction: '>=', value: '100' }] });
    const db = await setup('市市场监管局', 'department');
    await db.tasks.put(withTarget);
    const input = { planId: task.planId, taskId: task.id, unitId: unitId('市市场监管局'), period: '2024-Q2', status: 'in-progress', progress: '推进中' };
    const now = new Date('2024-05-01T08:00:00Z');
    await expect(saveReport(db, { ...input, values: [{ target: 't1', value: '八十五' }] }, now)).rejects.toThrow('指标「跟踪服务率」的本期达到值「八十五」不是数字');
    expect(await db.reports.count()).toBe(0);
    const saved = await saveReport(db, { ...input, values: [{ target: 't1', value: '85' }] }, now);
    expect(saved.values).toEqual([{ target: 't1', value: 85 }]);
    const view = await loadPlanView(db, task.planId);
    expect(view.reports[0]!.values).toEqual([{ target: 't1', value: 85 }]);
  });
});
