import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { TaizhangDB } from '../../../renderer/db/database';
import { createPlanFromForm, InputRefusedError, listPlans } from '../../../renderer/db/plans';
import { planId, taskId } from '../../../shared/model';

let n = 0;
const dbs: TaizhangDB[] = [];
function freshDb() {
  const db = new TaizhangDB(`plans-test-${n++}`);
  dbs.push(db);
  return db;
}
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

describe('新建计划', () => {
  it('saves a plan with one task under deterministic ids', async () => {
    const db = freshDb();
    const plan = await createPlanFromForm(db, { title: '测试计划', docNumber: '测〔2024〕1号', taskContent: '做一件事', lead: '市卫生健康局、市公安局' });
    expect(plan.id).toBe(planId('测试计划', '测〔2024〕1号'));
    const tasks = await db.tasks.toArray();
    expect(tasks).toHaveLength(1);
    expect(tasks[0]!.id).toBe(taskId(plan.id, '1'));
    expect(tasks[0]!.lead).toHaveLength(2);
    expect((await db.units.toArray()).map((u) => u.name).sort()).toEqual(['市公安局', '市卫生健康局']);
    expect((await listPlans(db)).map((p) => p.title)).toEqual(['测试计划']);
  });
  it('refuses an empty title with a Chinese message and writes nothing', async () => {
    const db = freshDb();
    await expect(createPlanFromForm(db, { title: '   ', taskContent: 'x' })).rejects.toThrow(new InputRefusedError('请填写计划名称'));
    expect(await db.plans.count()).toBe(0);
    expect(await db.tasks.count()).toBe(0);
  });
  it('refuses a duplicate plan instead of silently overwriting it', async () => {
    const db = freshDb();
    await createPlanFromForm(db, { title: '计划甲', taskContent: '原内容' });
    await expect(createPlanFromForm(db, { title: '计划甲', taskContent: '新内容' })).rejects.toThrow('已有同名同文号的计划');
    expect((await db.tasks.toArray())[0]!.content).toBe('原内容');
  });
});

describe('新建计划 form validation', () => {
  it('treats missing fields as empty and names the first problem', async () => {
    const db = freshDb();
    await expect(createPlanFromForm(db, {})).rejects.toThrow('请填写计划名称');
    await expect(createPlanFromForm(db, { title: '有名称' })).rejects.toThrow('请填写第一项任务的具体内容');
    expect(await db.plans.count()).toBe(0);
  });
});
