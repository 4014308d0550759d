import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { TaizhangDB } from '../../../renderer/db/database';
import { savePlanRecords } from '../../../renderer/db/plans';
import {
  addSection,
  addTask,
  deleteSection,
  archivePlan,
  deletePlan,
  deleteTask,
  editTask,
  listPlanSummaries,
  loadDeletedTasks,
  mergeTasks,
  mergeUnits,
  moveSection,
  moveTask,
  renamePlan,
  renameSection,
  renameUnit,
  restoreTask,
  splitTask,
} from '../../../renderer/db/planEdit';
import { loadPlanView, saveReport } from '../../../renderer/db/tracking';
import { applyImport, previewImport, type FilePreview } from '../../../renderer/db/sync';
import { unitId, type Identity } from '../../../shared/model';
import { simulatedTrust } from '../../../shared/sync';
import { dumpDatabase, exportFile, openPc, ok } from '../sync/dbHelpers';
import { samplePlan } from '../tracking/fixtures';

const records = samplePlan();
const [t1, t2, t3] = records.tasks;
const market = unitId('市市场监管局');
const health = unitId('市卫生健康局');
const police = unitId('市公安局');
const OWNER: Identity = { deviceId: records.plan.owner.device, office: records.plan.owner.office, role: 'supervisor' };
const DEPT: Identity = { deviceId: 'dev_health01', office: '市卫生健康局', role: 'department' };
/** A department enrolled under a near-duplicate name of 市卫生健康局 (merged into it later). */
const ALIAS_DEPT: Identity = { deviceId: 'dev_weijian01', office: '市卫健局', role: 'department' };
/** A second supervisor PC of the owning office, enrolled in its roster: it cooperates. */
const SECOND_SUP: Identity = { ...OWNER, deviceId: 'dev_sup2' };
/** Another PC of the owning office that was never enrolled. */
const STRANGER_SUP: Identity = { ...OWNER, deviceId: 'dev_stranger' };
/** Every PC has its key, has confirmed the supervisor's roster, and the roster enrolls all but the stranger. */
const TRUST = simulatedTrust(0, [OWNER, DEPT, ALIAS_DEPT, SECOND_SUP], '2024-01-01T00:00:00.000Z');
const JUNE = new Date('2024-06-01T08:00:00Z');
const at = (minutes: number) => new Date(JUNE.getTime() + minutes * 60_000);

const open: TaizhangDB[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) await db.delete();
});
async function pc(identity: Identity): Promise<TaizhangDB> {
  const db = await openPc(identity, undefined, TRUST);
  open.push(db);
  await savePlanRecords(db, records);
  return db;
}

/** A refused command: the Chinese message, and not one byte of the database changed (clock included). */
async function refused(db: TaizhangDB, run: () => Promise<unknown>, message: string | RegExp) {
  const before = await dumpDatabase(db);
  await expect(run()).rejects.toThrow(message);
  expect(await dumpDatabase(db)).toBe(before);
}

async function carry(from: TaizhangDB, to: TaizhangDB, now: Date) {
  const file = await exportFile(from, 'full', now);
  const previews = (await previewImport(to, [file], now.getTime())).map(ok);
  expect(previews.flatMap((p) => p.unauthorized.map((u) => u.reason))).toEqual([]);
  await applyImport(to, previews.map((preview) => ({ preview, choice: { includeFarFuture: false, includeUnauthorized: false } })), { now: now.getTime() });
}

describe('plan maintenance commands (one transaction each)', () => {
  it('edit a task: units by name, deadline text and date, recorded as hand edits; bad input writes nothing', async () => {
    const db = await pc(OWNER);
    const task = await editTask(db, t1!.id, { lead: ['市市场监管局', '市数据局'], deadline: { text: '2024年9月底前' } }, at(1));
    expect(task).toMatchObject({ lead: [market, unitId('市数据局')], deadline: { text: '2024年9月底前', date: '2024-09-30', kind: 'date' } });
    expect(task.hand?.document).toEqual({ lead: t1!.lead, deadline: t1!.deadline });
    expect((await db.units.get(unitId('市数据局')))?.name).toBe('市数据局');

    await refused(db, () => editTask(db, t1!.id, { content: ' ' }, at(2)), '任务内容不能为空');
    await refused(db, () => editTask(db, t1!.id, { number: '2' }, at(2)), '序号「2」已被本计划的其他任务使用');
    await refused(db, () => editTask(db, t1!.id, { deadline: { text: '', date: '2023-12-31' } }, at(2)), '完成时限不能早于计划印发日期');
    await refused(db, () => editTask(db, t1!.id, { support: ['、；'] }, at(2)), /只有标点符号/);
    await refused(db, () => editTask(db, 'task_000000000000000000000000', { content: 'x' }, at(2)), '任务不存在或已删除');
  });

  it('a department PC, an unenrolled PC of the office, and an archived plan are refused; nothing written; an enrolled second supervisor PC may edit', async () => {
    const dept = await pc(DEPT);
    const onlyOwner = /计划由「市政府督查办」下发，只有该单位的督办用户可以修改/;
    await refused(dept, () => editTask(dept, t1!.id, { content: '改' }, at(1)), onlyOwner);
    await refused(dept, () => renameUnit(dept, records.plan.id, police, '市公安分局', at(1)), '单位名录只能由督办单位修改，本机不能');
    await refused(dept, () => archivePlan(dept, records.plan.id, true, at(1)), onlyOwner);
    const stranger = await pc(STRANGER_SUP);
    await refused(stranger, () => addTask(stranger, records.plan.id, { number: '9', content: '新任务' }, undefined, at(1)), /尚未在「市政府督查办」的名册中登记/);
    const second = await pc(SECOND_SUP);
    expect((await addTask(second, records.plan.id, { number: '9', content: '新任务' }, undefined, at(1))).number).toBe('9');

    const sup = await pc(OWNER);
    await archivePlan(sup, records.plan.id, true, at(1));
    await refused(sup, () => editTask(sup, t1!.id, { content: '改' }, at(2)), '计划已归档，只能查看和导出；如需修改，请先取消归档');
    await refused(sup, () => renamePlan(sup, records.plan.id, '新名', at(2)), /计划已归档/);
    await refused(sup, () => archivePlan(sup, records.plan.id, true, at(2)), '计划已经归档');
    // Still readable (and so exportable).
    expect((await loadPlanView(sup, records.plan.id)).tasks).toHaveLength(3);
    await archivePlan(sup, records.plan.id, false, at(3));
    expect((await renamePlan(sup, records.plan.id, '测试实施方案（修订）', at(4))).title).toBe('测试实施方案（修订）');
  });

  it('add, split, merge, move, delete and restore tasks; deleted tasks keep their reports in the history', async () => {
    const sup = await pc(OWNER);
    const dept = await pc(DEPT);
    // The department reports on task 3 before it is merged away.
    await saveReport(dept, { planId: records.plan.id, taskId: t3!.id, unitId: health, period: '2024-Q2', status: 'in-progress', progress: '已建立工作专班' }, at(0));
    await carry(dept, sup, at(1));

    const added = await addTask(sup, records.plan.id, { number: '4', content: '新增：建立联络员制度', sectionId: t3!.sectionId, lead: ['市卫生健康局'] }, undefined, at(2));
    expect(added.hand).toEqual({ added: true });
    const parts = await splitTask(sup, t1!.id, [{ number: '1-1', content: '压缩企业开办时间' }, { number: '1-2', content: '推行企业开办全程网办' }], at(3));
    expect(parts.map((t) => t.number)).toEqual(['1-1', '1-2']);
    await moveTask(sup, parts[1]!.id, 'up', at(4));
    await mergeTasks(sup, added.id, [t3!.id], undefined, at(5));
    await deleteTask(sup, t2!.id, at(6));
    await refused(sup, () => splitTask(sup, t2!.id, [{ number: 'a', content: 'a' }, { number: 'b', content: 'b' }], at(7)), '任务不存在或已删除');

    const view = await loadPlanView(sup, records.plan.id);
    expect(view.tasks.map((t) => t.number)).toEqual(['1-2', '1-1', '4']);
    expect(view.tasks[2]!.content).toBe(`新增：建立联络员制度\n${t3!.content}`);
    const deleted = await loadDeletedTasks(sup, records.plan.id);
    expect(deleted.map((d) => [d.task.number, d.mergedIntoNumber, d.reports.length])).toEqual([
      ['2', null, 0],
      ['3', '4', 1],
    ]);
    expect(deleted[1]!.reports[0]!.progress).toBe('已建立工作专班');
    await restoreTask(sup, t2!.id, at(8));
    expect((await loadPlanView(sup, records.plan.id)).tasks.map((t) => t.number)).toEqual(['1-2', '1-1', '2', '4']);
    expect((await listPlanSummaries(sup))[0]).toMatchObject({ taskCount: 4, state: 'active', period: { from: '2024-01-10', to: '2024-12-31' } });
  });

  it('refuses bad moves, merges, restores and section edits with nothing written', async () => {
    const sup = await pc(OWNER);
    await refused(sup, () => moveTask(sup, t1!.id, 'up', at(1)), '已是本部分的第一项');
    await refused(sup, () => mergeTasks(sup, t1!.id, [], undefined, at(1)), '请至少再选择一项要合并的任务');
    await refused(sup, () => mergeTasks(sup, t1!.id, [t2!.id], '  ', at(1)), '任务内容不能为空');
    await refused(sup, () => restoreTask(sup, t1!.id, at(1)), '该任务没有被删除');
    await refused(sup, () => addSection(sup, records.plan.id, { title: '  ', parentId: null }, at(1)), '请填写部分的标题');
    await refused(sup, () => addSection(sup, records.plan.id, { title: '三、新部分', parentId: 'sec_000000000000000000000000' }, at(1)), '该部分不存在或已删除');
    const top = records.sections.find((s) => s.parentId === null)!;
    await refused(sup, () => moveSection(sup, records.plan.id, top.id, { direction: 'up' }, at(1)), '已是同一层级的第一项');
    await refused(sup, () => mergeUnits(sup, records.plan.id, police, police, at(1)), '请选择另一个单位');
    await refused(sup, () => renamePlan(sup, records.plan.id, '   ', at(1)), '请填写计划名称');
    const dept = await pc(DEPT);
    await refused(dept, () => deletePlan(dept, records.plan.id, at(1)), /计划由「市政府督查办」下发，只有该单位的督办用户可以修改/);
    await refused(dept, () => deleteTask(dept, t1!.id, at(1)), /计划由「市政府督查办」下发，只有该单位的督办用户可以修改/);
  });

  it('sections: add, rename, move', async () => {
    const sup = await pc(OWNER);
    const id = await addSection(sup, records.plan.id, { title: '三、组织实施', parentId: null }, at(1));
    await renameSection(sup, records.plan.id, id, '三、强化组织实施', at(2));
    await moveSection(sup, records.plan.id, id, { direction: 'up' }, at(3));
    const view = await loadPlanView(sup, records.plan.id);
    expect(view.sections.filter((s) => s.parentId === null).map((s) => s.title)).toEqual(['一、优化营商环境', '三、强化组织实施', '二、加强保障']);
    await refused(sup, () => renameSection(sup, records.plan.id, id, '二、加强保障', at(4)), '同一层级已有「二、加强保障」');
    await deleteSection(sup, records.plan.id, id, at(5));
    expect((await loadPlanView(sup, records.plan.id)).sections.some((s) => s.id === id)).toBe(false);
    const withTasks = records.sections.find((s) => s.title === '二、加强保障')!;
    await refused(sup, () => deleteSection(sup, records.plan.id, withTasks.id, at(6)), '「二、加强保障」下还有 1 项任务，请先把任务移到其他部分');
  });

  it('units: rename everywhere (the old name is an alias), merge a near-duplicate (its reports shown as the survivor’s)', async () => {
    const sup = await pc(OWNER);
    const dept = await pc(ALIAS_DEPT);
    await editTask(sup, t2!.id, { implement: ['县市场监管局', '市卫健局'] }, at(1));
    await carry(sup, dept, at(2));
    await saveReport(dept, { planId: records.plan.id, taskId: t2!.id, unitId: unitId('市卫健局'), period: '2024-Q2', status: 'in-progress', progress: '按别名报送' }, at(3));
    await carry(dept, sup, at(4));

    await renameUnit(sup, records.plan.id, police, '市公安局（机构改革后）', at(5));
    expect(await sup.units.get(police)).toMatchObject({ name: '市公安局（机构改革后）', aliases: ['市公安局'] });
    await refused(sup, () => renameUnit(sup, records.plan.id, police, '市市场监管局', at(6)), /已有单位「市市场监管局」/);
    await refused(sup, () => renameUnit(sup, records.plan.id, police, '  ', at(6)), '单位名称不能为空');

    await mergeUnits(sup, records.plan.id, unitId('市卫健局'), health, at(7));
    const view = await loadPlanView(sup, records.plan.id);
    const task2 = view.tasks.find((t) => t.id === t2!.id)!;
    expect(task2.implement).toEqual([unitId('县市场监管局'), health]);
    expect(view.reports.find((r) => r.progress === '按别名报送')?.unitId).toBe(health);
    expect(view.units.find((u) => u.id === health)?.aliases).toEqual(['市卫健局']);
    expect(view.units.some((u) => u.id === unitId('市卫健局'))).toBe(false);

    // The office whose name was merged away keeps signing as 市卫健局: now a report of 市卫生健康局, accepted everywhere.
    await carry(sup, dept, at(8));
    const late = await saveReport(dept, { planId: records.plan.id, taskId: t2!.id, unitId: health, period: '2024-Q1', status: 'in-progress', progress: '合并后报送' }, at(9));
    expect(late).toMatchObject({ by: '市卫健局', unitId: health });
    await carry(dept, sup, at(10));
    expect((await sup.reports.get(late.id))?.progress).toBe('合并后报送');
  });

  it('merging a unit another office’s plan still names is refused', async () => {
    const sup = await pc(OWNER);
    const foreign = samplePlan(undefined, '2024-02-01');
    const other = { ...foreign, plan: { ...foreign.plan, id: 'plan_00000000000000000000aaaa', title: '他人计划', owner: { office: '市发展改革委', device: 'dev_other' } }, tasks: foreign.tasks.map((t) => ({ ...t, id: t.id.replace(/.{4}$/, 'aaaa'), planId: 'plan_00000000000000000000aaaa' })), sections: [] };
    await savePlanRecords(sup, other);
    await refused(sup, () => mergeUnits(sup, records.plan.id, police, market, at(1)), '「市公安局」还用于计划「他人计划」（由市发展改革委维护），不能合并；可以改用“重命名”');
  });

  it('every edit travels by sync: the department PC sees it, nothing flagged; an archived plan refuses its reports', async () => {
    const sup = await pc(OWNER);
    const dept = await pc(DEPT);
    await editTask(sup, t1!.id, { lead: ['市卫生健康局'], support: [], deadline: { text: '2024年10月底前' } }, at(1));
    const added = await addTask(sup, records.plan.id, { number: '4', content: '新增任务', lead: ['市卫生健康局'] }, undefined, at(2));
    await deleteTask(sup, t2!.id, at(3));
    await renameUnit(sup, records.plan.id, market, '市市场监督管理局', at(4));
    await renamePlan(sup, records.plan.id, '测试实施方案（2024年修订）', at(5));
    // A near-duplicate typed by hand, then merged into the proper unit.
    await editTask(sup, t3!.id, { implement: ['市卫健局'] }, at(5));
    await mergeUnits(sup, records.plan.id, unitId('市卫健局'), health, at(5));
    await carry(sup, dept, at(6));
    expect(await dept.units.get(unitId('市卫健局'))).toMatchObject({ deleted: true, mergedInto: health });
    expect((await dept.units.get(health))?.aliases).toEqual(['市卫健局']);

    const view = await loadPlanView(dept, records.plan.id);
    expect(view.plan.title).toBe('测试实施方案（2024年修订）');
    expect(view.tasks.map((t) => t.number)).toEqual(['1', '3', '4']);
    expect(view.tasks[1]!.implement).toEqual([health]);
    expect(view.tasks[0]).toMatchObject({ lead: [health], support: [], deadline: { date: '2024-10-31' } });
    expect(view.tasks[2]!.id).toBe(added.id);
    expect(view.units.find((u) => u.id === market)?.name).toBe('市市场监督管理局');

    await archivePlan(sup, records.plan.id, true, at(7));
    await carry(sup, dept, at(8));
    expect((await listPlanSummaries(dept))[0]!.state).toBe('archived');
    await refused(dept, () => saveReport(dept, { planId: records.plan.id, taskId: t1!.id, unitId: health, period: '2024-Q2', status: 'in-progress', progress: '进展' }, at(9)), '计划已归档，只能查看和导出');

    await deletePlan(sup, records.plan.id, at(10));
    await carry(sup, dept, at(11));
    expect(await listPlanSummaries(dept)).toEqual([]);
  });
});
