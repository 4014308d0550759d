import { describe, expect, it } from 'vitest';
import { buildPlanRecords, formatStamp, unitId, type PlanRecords, type Task, type Unit } from '../../../shared/model';
import type { ParsedTask } from '../../../shared/parser/types';
import { diffPlan } from '../../../shared/tracking/planDiff';
import { decisionKey, defaultDecisions, reimportRecords } from '../../../shared/tracking/reimport';
import { addTask, deleteTask, editTask, mergeTasks, type EditContext, type EditWrites, type PlanContents } from '../../../shared/tracking/planEdit';
import { renameSection } from '../../../shared/tracking/sectionEdit';
import { renameUnit, unitDirectory } from '../../../shared/tracking/unitEdit';

const task = (number: string, content: string, lead: string[], deadline: string | null = null, section = ['一、总体']): ParsedTask => ({
  number,
  section,
  content,
  lead,
  support: [],
  implement: [],
  deadline: deadline ? { text: deadline, date: null, kind: 'unknown' } : null,
});
const doc = (tasks: ParsedTask[], stamp = 1, knownUnit?: (name: string) => Unit | undefined): PlanRecords =>
  buildPlanRecords(
    { title: '测试措施', docNumber: '测〔2024〕2号', issuer: null, date: '2024-01-10', source: null, leadRule: 'columns', cadence: { every: 'quarter', day: 20 }, tasks },
    { stamp: formatStamp(stamp, 0, 'devsup'), office: '督查办', device: 'devsup', now: new Date('2024-01-10T00:00:00Z'), knownUnit },
  );
const ORIGINAL = [task('1', '压缩企业开办时间', ['市市场监管局']), task('2', '推行证照分离', ['市卫生健康局'], '2024年底前'), task('3', '建立长效机制', ['市民政局'])];

let n = 0;
const ctx = (): EditContext => ({ stamp: formatStamp(100 + n, 0, 'devsup'), by: '督查办', newId: (p) => `${p}_${String(++n).padStart(24, '0')}` });

/** Apply edits one after another, as the commands would (each one's writes replace the stored records). */
function edited(start: PlanRecords, ...edits: ((c: PlanContents) => EditWrites)[]) {
  let state = { plan: start.plan, sections: [...start.sections], tasks: [...start.tasks] as Task[], units: [...start.units] };
  for (const e of edits) {
    const w = e(state);
    const put = <T extends { id: string }>(old: T[], neu: T[]) => [...old.filter((o) => !neu.some((x) => x.id === o.id)), ...neu];
    state = { ...state, plan: w.plan ?? state.plan, sections: put(state.sections, w.sections), tasks: put(state.tasks, w.tasks), units: put(state.units, w.units) };
  }
  return state;
}

describe('re-importing a document never proposes to undo a hand edit', () => {
  const stored = doc(ORIGINAL);
  const [t1, t2, t3] = stored.tasks as [Task, Task, Task];

  it('the same document again: hand-set deadline, units, renumbering, section rename, deletions and additions are kept, nothing ticked', () => {
    const s = edited(
      stored,
      (c) => editTask(c, t1.id, { deadline: { text: '2024年9月底前' } }, ctx()),
      (c) => editTask(c, t2.id, { lead: ['市卫生健康局', '市医保局'], number: '2-1' }, ctx()),
      (c) => deleteTask(c, t3.id, ctx()),
      (c) => addTask(c, { number: '4', content: '会议新增的任务', lead: ['市财政局'] }, ctx()),
      (c) => renameSection(c, stored.sections[0]!.id, '一、总体要求', ctx()),
    );
    const diff = diffPlan(s, doc(ORIGINAL, 2));
    expect(diff.identical).toBe(true);
    expect(defaultDecisions(diff).size).toBe(0);
    expect(diff.kept.map((k) => `${k.number}:${k.what}`).sort()).toEqual(['1:完成时限', '2:序号', '2:牵头单位', '3:已手工删除', '4:手工添加的任务']);
  });

  it('a task with no deadline in the document but one set by hand: no "→（无）" proposed', () => {
    const s = edited(stored, (c) => editTask(c, t1.id, { deadline: { text: '', date: '2024-06-30' } }, ctx()));
    const diff = diffPlan(s, doc(ORIGINAL, 2));
    expect(diff.deadlineChanged).toEqual([]);
  });

  it('when the document changed a hand-edited field too, the change is shown but not ticked; taking it drops the hand mark', () => {
    const s = edited(
      stored,
      (c) => editTask(c, t2.id, { deadline: { text: '2024年9月底前' } }, ctx()),
      (c) => editTask(c, t1.id, { content: '压缩企业开办时间至1个工作日' }, ctx()),
    );
    const revised = doc([task('1', '压缩企业开办时间', ['市市场监管局']), task('2', '推行证照分离改革', ['市卫生健康局'], '2025年6月底前'), task('3', '建立长效机制', ['市民政局'])], 3);
    const diff = diffPlan(s, revised);
    expect(diff.deadlineChanged).toEqual([{ number: '2', taskId: t2.id, before: '2024年9月底前', after: '2025年6月底前', hand: true }]);
    expect(diff.reworded.map((r) => [r.number, r.hand ?? false])).toEqual([['2', false]]);
    expect(diff.kept.map((k) => `${k.number}:${k.what}`)).toEqual(['1:具体内容']);
    const ticked = defaultDecisions(diff);
    expect([...ticked]).toEqual([decisionKey('reworded', '2')]);

    const out = reimportRecords(s, revised, diff, new Set([...ticked, decisionKey('deadlineChanged', '2')]));
    const two = out.tasks.find((t) => t.id === t2.id)!;
    expect(two.deadline?.text).toBe('2025年6月底前');
    expect(two.content).toBe('推行证照分离改革');
    expect(two.hand).toBeUndefined();
  });

  it('tasks merged by hand are not offered back; a renamed section is not rewritten by the re-import', () => {
    const s = edited(stored, (c) => mergeTasks(c, t1.id, [t3.id], ctx()), (c) => renameSection(c, stored.sections[0]!.id, '一、总体要求', ctx()));
    const revised = doc([task('1', '压缩企业开办时间', ['市市场监管局']), task('2', '推行证照分离', ['市卫生健康局'], '2024年底前'), task('3', '建立长效机制', ['市民政局']), task('5', '新任务', ['市财政局'])], 4);
    const diff = diffPlan(s, revised);
    expect(diff.added.map((a) => a.number)).toEqual(['5']);
    expect(diff.kept.map((k) => `${k.number}:${k.what}`)).toEqual(['1:具体内容', '1:牵头单位', '3:已手工合并到其他任务']);
    const out = reimportRecords(s, revised, diff, defaultDecisions(diff));
    expect(out.sections).toEqual([]);
    expect(out.tasks.map((t) => t.number)).toEqual(['5']);
  });

  it('an old name kept as an alias maps the later import to the renamed unit (no reassignment proposed)', () => {
    const s = edited(stored, (c) => ({ sections: [], tasks: [], units: [renameUnit(unitDirectory(c.units), unitId('市民政局'), '市民政和社会事务局', ctx())] }));
    const dir = unitDirectory(s.units);
    const again = doc(ORIGINAL, 5, (name) => dir.find(name));
    expect(again.tasks[2]!.lead).toEqual([unitId('市民政局')]);
    expect(again.units.find((u) => u.id === unitId('市民政局'))?.name).toBe('市民政和社会事务局');
    const withNewName = doc([...ORIGINAL.slice(0, 2), task('3', '建立长效机制', ['市民政和社会事务局'])], 6, (name) => dir.find(name));
    expect(withNewName.tasks[2]!.lead).toEqual([unitId('市民政局')]);
    expect(diffPlan(s, withNewName).identical).toBe(true);
  });
});
