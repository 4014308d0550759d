import { describe, expect, it } from 'vitest';
import { unitId, type Identity, type Task } from '../../../shared/model';
import {
  addTask,
  deadlineFromInput,
  deleteTask,
  editTask,
  mergeTasks,
  moveTask,
  planEditRefusal,
  renamePlan,
  restoreTask,
  setArchived,
  splitTask,
  withHandEdits,
  type EditContext,
  type PlanContents,
} from '../../../shared/tracking/planEdit';
import { addSection, deleteSection, moveSection, renameSection, sectionOutline } from '../../../shared/tracking/sectionEdit';
import { mergeUnits, renameUnit, unitDirectory, unitNameProblem } from '../../../shared/tracking/unitEdit';
import { summarisePlans, periodText } from '../../../shared/tracking/planList';
import { dayOfDateTime } from '../../../shared/tracking/dates';
import { samplePlan } from './fixtures';

const records = samplePlan();
const contents = (over: Partial<PlanContents> = {}): PlanContents => ({ plan: records.plan, sections: records.sections, tasks: records.tasks, units: records.units, ...over });
let ids = 0;
const ctx: EditContext = { stamp: '000001700000000-00001-devsup', by: '市政府督查办', newId: (p) => `${p}_${String(++ids).padStart(16, '0')}` };
const [t1, t2, t3] = records.tasks as [Task, Task, Task];
const market = unitId('市市场监管局');
const health = unitId('市卫生健康局');
const police = unitId('市公安局');
const owner: Identity = { deviceId: 'devsup', office: '市政府督查办', role: 'supervisor' };

describe('the plan itself may be edited (who may edit is the authority policy, tested with the commands)', () => {
  it('not without an identity, not while archived, not once deleted', () => {
    expect(planEditRefusal(owner, records.plan)).toBeNull();
    expect(planEditRefusal(null, records.plan)).toBe('请先设置本机所属单位');
    const archived = { ...records.plan, archived: true };
    expect(planEditRefusal(owner, archived)).toMatch(/计划已归档/);
    expect(planEditRefusal(owner, archived, { allowArchived: true })).toBeNull();
    expect(planEditRefusal(owner, { ...records.plan, deleted: true })).toBe('计划不存在或已删除');
  });
});

describe('deadline from the edit form', () => {
  const plan = { date: '2024-01-10' };
  it('reads the date from the text, the text from the date, and keeps both when given', () => {
    expect(deadlineFromInput({ text: '2024年6月底前' }, plan)).toEqual({ text: '2024年6月底前', date: '2024-06-30', kind: 'date' });
    expect(deadlineFromInput({ text: '', date: '2024-09-30' }, plan)).toEqual({ text: '2024年9月30日前', date: '2024-09-30', kind: 'date' });
    expect(deadlineFromInput({ text: '三季度前', date: '2024-09-30' }, plan)).toEqual({ text: '三季度前', date: '2024-09-30', kind: 'date' });
    expect(deadlineFromInput({ text: '长期坚持' }, plan)).toEqual({ text: '长期坚持', date: null, kind: 'ongoing' });
    expect(deadlineFromInput({ text: '2024年6月底前', date: null }, plan)).toEqual({ text: '2024年6月底前', date: null, kind: 'unknown' });
    expect(deadlineFromInput({ text: ' ', date: null }, plan)).toBeNull();
    expect(deadlineFromInput(null, plan)).toBeNull();
  });
  it('refuses a date before the plan’s date or not a date', () => {
    expect(() => deadlineFromInput({ text: '2023年底前' }, plan)).toThrow('完成时限不能早于计划印发日期（2023-12-31 早于 2024-01-10）');
    expect(() => deadlineFromInput({ text: '', date: '2024-02-30' }, plan)).toThrow('完成时限日期格式应为 YYYY-MM-DD');
  });
});

describe('editing a task', () => {
  it('changes the given fields, maps typed names to units (aliases too), creates new units, keeps a lead out of support', () => {
    const aliased = records.units.map((u) => (u.id === police ? { ...u, aliases: ['市公安分局'] } : u));
    const w = editTask(contents({ units: aliased }), t1.id, { content: ' 压缩开办时间至1天 ', lead: ['市市场监管局', '市数据局'], support: ['市公安分局', '市数据局'] }, ctx);
    const [task] = w.tasks;
    expect(task).toMatchObject({ content: '压缩开办时间至1天', lead: [market, unitId('市数据局')], support: [police], stamp: ctx.stamp, by: ctx.by });
    expect(w.units.map((u) => u.name)).toEqual(['市数据局']);
    // The document's values are remembered for the fields changed by hand.
    expect(task!.hand).toEqual({ document: { content: t1.content, lead: t1.lead } });
  });

  it('refuses empty content, a duplicate number, a missing section, a bad unit name, a deadline before the plan', () => {
    const c = contents();
    expect(() => editTask(c, t1.id, { content: '  ' }, ctx)).toThrow('任务内容不能为空');
    expect(() => editTask(c, t1.id, { number: '2' }, ctx)).toThrow('序号「2」已被本计划的其他任务使用');
    expect(() => editTask(c, t1.id, { number: ' ' }, ctx)).toThrow('请填写任务序号');
    expect(() => editTask(c, t1.id, { sectionId: 'sec_0000000000000000dead' }, ctx)).toThrow('所选的部分不存在');
    expect(() => editTask(c, t1.id, { lead: ['、、'] }, ctx)).toThrow('牵头单位：「、、」不是单位名称（只有标点符号）');
    expect(() => editTask(c, t1.id, { support: ['  ', '……'] }, ctx)).toThrow('配合单位：「……」不是单位名称');
    expect(() => editTask(c, t1.id, { deadline: { text: '2023年12月底前' } }, ctx)).toThrow('完成时限不能早于计划印发日期');
    expect(() => editTask(c, 'task_000000000000000000000000', { content: 'x' }, ctx)).toThrow('任务不存在或已删除');
    // Renumbering to its own number (spacing aside) is fine.
    expect(editTask(c, t1.id, { number: ' 1 ' }, ctx).tasks[0]!.number).toBe('1');
  });

  it('remembers the document’s value once, and forgets it when the field is edited back', () => {
    const once = withHandEdits(t1, { ...t1, deadline: { text: '2024年9月底前', date: '2024-09-30', kind: 'date' } });
    expect(once.hand?.document?.deadline).toEqual(t1.deadline);
    const twice = withHandEdits(once, { ...once, deadline: { text: '2024年10月底前', date: '2024-10-31', kind: 'date' } });
    expect(twice.hand?.document?.deadline).toEqual(t1.deadline);
    const back = withHandEdits(twice, { ...twice, deadline: t1.deadline });
    expect(back.hand).toBeUndefined();
    // A task added by hand has no document.
    const added = { ...t1, hand: { added: true } };
    expect(withHandEdits(added, { ...added, content: '新内容' }).hand).toEqual({ added: true });
  });
});

describe('adding, deleting, splitting, merging and moving tasks', () => {
  it('adds a task at the end of its section, moving later tasks down only as far as needed', () => {
    const w = addTask(contents(), { number: '2-1', content: '新增任务', sectionId: t1.sectionId, lead: ['市财政局'] }, ctx);
    const [added, ...shifted] = w.tasks;
    expect(added).toMatchObject({ number: '2-1', order: t2.order + 1, hand: { added: true }, sectionId: t1.sectionId });
    expect(shifted.map((t) => [t.number, t.order])).toEqual([['3', t3.order + 1]]);
    expect(w.units.map((u) => u.name)).toEqual(['市财政局']);
    expect(() => addTask(contents(), { number: '3', content: 'x' }, ctx)).toThrow('序号「3」已被本计划的其他任务使用');
    expect(() => addTask(contents(), { number: '9', content: '' }, ctx)).toThrow('任务内容不能为空');
  });

  it('deletes as a tombstone marked as a hand deletion, and restores it at its place', () => {
    const [gone] = deleteTask(contents(), t2.id, ctx).tasks;
    expect(gone).toMatchObject({ id: t2.id, deleted: true, hand: { deleted: true } });
    const after = contents({ tasks: [t1, gone!, t3] });
    expect(() => deleteTask(after, t2.id, ctx)).toThrow('任务不存在或已删除');
    const [back] = restoreTask(after, t2.id, ctx).tasks;
    expect(back).toMatchObject({ id: t2.id, deleted: false, order: t2.order });
    expect(back!.hand).toBeUndefined();
    // A restored number already taken is refused.
    const taken = contents({ tasks: [t1, gone!, { ...t3, number: '2' }] });
    expect(() => restoreTask(taken, t2.id, ctx)).toThrow('序号「2」已被本计划的其他任务使用');
  });

  it('splits: the first part keeps the task (and its progress), the others follow it with the same units', () => {
    const w = splitTask(contents(), t1.id, [
      { number: '1-1', content: '压缩企业开办时间' },
      { number: '1-2', content: '推行全程网办' },
    ], ctx);
    const [first, second, ...shifted] = w.tasks;
    expect(first).toMatchObject({ id: t1.id, number: '1-1', hand: { document: { number: '1' } } });
    expect(second).toMatchObject({ number: '1-2', content: '推行全程网办', lead: t1.lead, support: t1.support, deadline: t1.deadline, order: t1.order + 1, hand: { added: true } });
    expect(second!.id).not.toBe(t1.id);
    expect(shifted.map((t) => t.number)).toEqual(['2', '3']);
    expect(() => splitTask(contents(), t1.id, [{ number: '1', content: 'a' }], ctx)).toThrow('拆分至少需要两项');
    expect(() => splitTask(contents(), t1.id, [{ number: '1', content: 'a' }, { number: '2', content: 'b' }], ctx)).toThrow('序号「2」已被');
    expect(() => splitTask(contents(), t1.id, [{ number: '1', content: 'a' }, { number: '1', content: 'b' }], ctx)).toThrow('序号「1」已被');
  });

  it('merges into the first task: units joined (a lead stays lead), latest deadline, the others tombstoned pointing at it', () => {
    const w = mergeTasks(contents(), t1.id, [t3.id], ctx);
    const [kept, gone] = w.tasks;
    expect(kept).toMatchObject({ id: t1.id, content: `${t1.content}\n${t3.content}`, lead: [market, health], support: [police], deadline: t1.deadline });
    expect(gone).toMatchObject({ id: t3.id, deleted: true, hand: { deleted: true, mergedInto: t1.id } });
    expect(mergeTasks(contents(), t1.id, [t2.id], ctx, '合并后的内容').tasks[0]).toMatchObject({ content: '合并后的内容', deadline: t2.deadline });
    expect(() => mergeTasks(contents(), t1.id, [t1.id], ctx)).toThrow('请至少再选择一项要合并的任务');
  });

  it('moves a task within its section, and not past its ends', () => {
    const [a, b] = moveTask(contents(), t2.id, 'up', ctx).tasks;
    expect([a!.id, a!.order, b!.id, b!.order]).toEqual([t2.id, t1.order, t1.id, t2.order]);
    expect(() => moveTask(contents(), t1.id, 'up', ctx)).toThrow('已是本部分的第一项');
    expect(() => moveTask(contents(), t3.id, 'down', ctx)).toThrow('已是本部分的最后一项');
  });
});

describe('sections', () => {
  it('adds under a heading (right after its last sub-heading), renames, moves with sub-sections, deletes when empty', () => {
    const c = contents();
    const top = records.sections.find((s) => s.parentId === null && s.title.startsWith('一'))!;
    const w = addSection(c, { title: '（二）强化事中监管', parentId: top.id }, ctx);
    const added = w.sections.find((s) => s.title === '（二）强化事中监管')!;
    const after = contents({ sections: [...records.sections.filter((s) => !w.sections.some((x) => x.id === s.id)), ...w.sections] });
    expect(sectionOutline(after.sections).map((s) => s.path)).toEqual(['一、优化营商环境', '一、优化营商环境 / （一）提升审批效率', '一、优化营商环境 / （二）强化事中监管', '二、加强保障']);
    expect(() => addSection(after, { title: '（二）强化事中监管', parentId: top.id }, ctx)).toThrow('同一层级已有「（二）强化事中监管」');
    expect(() => addSection(after, { title: ' ', parentId: null }, ctx)).toThrow('请填写部分的标题');

    const second = records.sections.find((s) => s.title === '二、加强保障')!;
    const moved = moveSection(after, second.id, { direction: 'up' }, ctx);
    const next = contents({ sections: after.sections.map((s) => moved.sections.find((m) => m.id === s.id) ?? s) });
    expect(sectionOutline(next.sections).map((s) => s.path)).toEqual(['二、加强保障', '一、优化营商环境', '一、优化营商环境 / （一）提升审批效率', '一、优化营商环境 / （二）强化事中监管']);
    expect(() => moveSection(after, top.id, { parentId: added.id }, ctx)).toThrow('不能移到它自己的下级');
    expect(() => moveSection(after, top.id, { direction: 'up' }, ctx)).toThrow('已是同一层级的第一项');

    expect(renameSection(after, second.id, '二、强化保障', ctx).sections[0]).toMatchObject({ id: second.id, title: '二、强化保障' });
    expect(() => deleteSection(after, second.id, ctx)).toThrow('下还有 1 项任务');
    expect(() => deleteSection(after, top.id, ctx)).toThrow('下还有下级部分');
    expect(deleteSection(after, added.id, ctx).sections[0]).toMatchObject({ id: added.id, deleted: true });
  });
});

describe('units', () => {
  const dir = unitDirectory(records.units);
  it('refuses names that are empty or only punctuation', () => {
    expect(unitNameProblem(' ')).toBe('单位名称不能为空');
    expect(unitNameProblem('（）、')).toMatch(/只有标点符号/);
    expect(unitNameProblem('x'.repeat(201))).toMatch(/200/);
    expect(unitNameProblem('市数据局')).toBeNull();
  });

  it('renames a unit, keeping its id and the old name as an alias; a name of another unit is refused', () => {
    const renamed = renameUnit(dir, police, '市公安局（新）', ctx);
    expect(renamed).toMatchObject({ id: police, name: '市公安局（新）', aliases: ['市公安局'] });
    expect(unitDirectory([renamed]).find('市公安局')?.id).toBe(police);
    expect(() => renameUnit(dir, police, '市市场监管局', ctx)).toThrow('已有单位「市市场监管局」。如果两者是同一单位，请使用“合并”');
    expect(() => renameUnit(dir, police, '。。', ctx)).toThrow(/只有标点符号/);
    expect(() => renameUnit(dir, police, '市公安局', ctx)).toThrow('新名称与原名称相同');
  });

  it('merges a near-duplicate: tasks point at the survivor (lead stays lead), names become aliases, the other is a tombstone', () => {
    const dup = { id: unitId('市卫健局'), stamp: ctx.stamp, by: 'x', name: '市卫健局', aliases: [] };
    const task = { ...t1, lead: [dup.id], support: [health], hand: { document: { lead: [dup.id] } } };
    const d = unitDirectory([...records.units, dup]);
    const w = mergeUnits(d, [task, t3], dup.id, health, ctx);
    expect(w.tasks).toHaveLength(1);
    expect(w.tasks[0]).toMatchObject({ lead: [health], support: [], hand: { document: { lead: [health] } } });
    expect(w.units[0]).toMatchObject({ id: health, aliases: ['市卫健局'] });
    expect(w.units[1]).toMatchObject({ id: dup.id, deleted: true, mergedInto: health });
    const after = unitDirectory([...records.units.filter((u) => u.id !== health), ...w.units]);
    expect(after.find('市卫健局')?.id).toBe(health);
    expect(after.canonical(dup.id)).toBe(health);
    expect(() => mergeUnits(d, [], health, health, ctx)).toThrow('请选择另一个单位');
  });
});

describe('plans', () => {
  it('renames, archives and lists with period, task count and state', () => {
    expect(renamePlan(records.plan, ' 新名称 ', ctx).title).toBe('新名称');
    expect(() => renamePlan(records.plan, ' ', ctx)).toThrow('请填写计划名称');
    const archived = setArchived(records.plan, true, ctx);
    expect(archived.archived).toBe(true);
    expect(() => setArchived(archived, true, ctx)).toThrow('计划已经归档');
    expect('archived' in setArchived(archived, false, ctx)).toBe(false);
    const [summary] = summarisePlans([archived], [...records.tasks, { ...t1, id: 'task_x', deleted: true, deadline: { text: '', date: '2030-01-01', kind: 'date' } }]);
    expect(summary).toMatchObject({ taskCount: 3, period: { from: '2024-01-10', to: '2024-12-31' }, state: 'archived' });
    expect(periodText(summary!.period)).toBe('2024-01-10 至 2024-12-31');
    // No issue date: from the day it was entered (a local calendar day); a range that would run backwards says the deadline only.
    const undated = { ...records.plan, date: null, createdAt: '2026-11-27T18:30:00.000+08:00' };
    const [entered] = summarisePlans([undated], records.tasks);
    expect(entered!.period.from).toBe(dayOfDateTime(undated.createdAt));
    expect(periodText(entered!.period)).toBe('完成时限至 2024-12-31');
    expect(periodText({ from: '2024-01-10', to: null })).toBe('2024-01-10 起');
  });
});
