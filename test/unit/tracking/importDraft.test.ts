import { describe, expect, it } from 'vitest';
import { buildPlanRecords } from '../../../shared/model';
import { diffPlan } from '../../../shared/tracking/planDiff';
import type { ParseResult, ParsedTask } from '../../../shared/parser/types';
import { applyLeadRule, draftProblems, emptyRow, metaFromParse, renameUnit, rowsFromParse, rowsOfWarning } from '../../../shared/tracking/importDraft';
import { decisionKey, defaultDecisions, reimportRecords } from '../../../shared/tracking/reimport';

const task = (number: string, lead: string[], support: string[] = [], content = `任务${number}的内容`): ParsedTask => ({
  number,
  section: ['一、总体要求'],
  content,
  lead,
  support,
  implement: [],
  deadline: null,
});

const result = (tasks: ParsedTask[], extra: Partial<ParseResult> = {}): ParseResult => ({
  title: '测试措施',
  docNumber: '测〔2024〕1号',
  issuer: null,
  date: '2024-03-01',
  leadRule: 'columns',
  reporting: [{ text: '每月25日前', every: 'month', day: 25 }],
  tasks,
  warnings: [],
  ...extra,
});

describe('import draft', () => {
  it('takes title, number, date and cadence from the parse', () => {
    const meta = metaFromParse(result([]), '文件名');
    expect(meta).toMatchObject({ title: '测试措施', docNumber: '测〔2024〕1号', issuer: '', date: '2024-03-01', cadenceEvery: 'month', cadenceDay: 25 });
    expect(metaFromParse(result([], { title: null, reporting: [] }), '文件名')).toMatchObject({ title: '文件名', cadenceEvery: 'quarter', cadenceDay: 20 });
    expect(metaFromParse(result([], { issuer: '中山市人民政府办公室' }), '文件名').issuer).toBe('中山市人民政府办公室');
  });

  it('switches the lead rule and back without losing the parser’s column split', () => {
    const rows = rowsFromParse(result([task('1', ['市公安局'], ['市财政局', '各镇街'])]));
    const first = applyLeadRule(rows, 'first-listed-is-lead');
    expect(first[0]).toMatchObject({ lead: ['市公安局'], support: ['市财政局', '各镇街'] });
    const all = applyLeadRule(rows, 'all-listed-are-leads');
    expect(all[0]).toMatchObject({ lead: ['市公安局', '市财政局', '各镇街'], support: [] });
    expect(applyLeadRule(all, 'columns')[0]).toMatchObject({ lead: ['市公安局'], support: ['市财政局', '各镇街'] });
  });

  it('merges an alias into its proper name everywhere, without duplicates', () => {
    const rows = rowsFromParse(result([task('1', ['医疗器械科'], ['医疗器械监管科']), task('2', [], ['医疗器械科'])]));
    const merged = renameUnit(rows, '医疗器械科', '医疗器械监管科');
    expect(merged[0]).toMatchObject({ lead: ['医疗器械监管科'], support: [] });
    expect(merged[1]!.support).toEqual(['医疗器械监管科']);
  });

  it('links a warning to its rows by task number, or by unit names', () => {
    const rows = rowsFromParse(result([task('1', ['甲局']), task('2', ['乙局'])]));
    expect(rowsOfWarning(rows, { code: 'numbering-gap', message: '', tasks: ['2'] })).toEqual([rows[1]!.key]);
    expect(rowsOfWarning(rows, { code: 'department-alias', message: '', names: ['甲局', '甲 局'] })).toEqual([rows[0]!.key]);
  });

  it('adds a row numbered after the highest number', () => {
    const rows = rowsFromParse(result([task('1', []), task('7', [])]));
    expect(emptyRow(rows).number).toBe('8');
  });

  it('refuses a draft with no title, an empty task, a duplicate number or a deadline before the plan’s date', () => {
    const rows = rowsFromParse(result([task('1', ['甲局']), task('1', ['乙局'], [], '  ')]));
    rows[0]!.deadline = { text: '2023年底前', date: '2023-12-31', kind: 'date' };
    const meta = { ...metaFromParse(result([]), ''), title: ' ' };
    const problems = draftProblems(meta, rows);
    expect(problems).toContain('请填写计划名称');
    expect(problems).toContain('序号 1 重复，请修改');
    expect(problems).toContain('第 1 项任务缺少具体内容');
    expect(problems.some((p) => p.includes('完成时限不能早于计划印发日期'))).toBe(true);
    expect(draftProblems(metaFromParse(result([]), ''), rowsFromParse(result([task('1', ['甲局'])])))).toEqual([]);
  });
});

describe('re-import decisions', () => {
  const ctx = { stamp: '000001700000000-00000-dev', office: '督查办', device: 'dev', now: new Date('2024-03-02T00:00:00Z') };
  const ctx2 = { ...ctx, stamp: '000001700000001-00000-dev' };
  const draft = (tasks: ParsedTask[]) => ({
    title: '测试措施',
    docNumber: null,
    issuer: null,
    date: null,
    source: null,
    leadRule: 'columns' as const,
    cadence: { every: 'quarter' as const, day: 20 },
    tasks,
  });
  const old = buildPlanRecords(draft([task('1', ['甲局']), task('2', ['乙局']), task('3', ['丙局'])]), ctx);
  const next = buildPlanRecords(draft([task('1', ['甲局'], [], '新的内容'), task('2', ['丁局']), task('4', ['甲局'])]), ctx2);
  const diff = diffPlan(old, next);

  it('takes every change except removals by default', () => {
    const d = defaultDecisions(diff);
    expect(d.has(decisionKey('reworded', '1'))).toBe(true);
    expect(d.has(decisionKey('reassigned', '2'))).toBe(true);
    expect(d.has(decisionKey('added', '4'))).toBe(true);
    expect(d.has(decisionKey('removed', '3'))).toBe(false);
  });

  it('writes only the accepted changes and keeps the rest as it was', () => {
    const accepted = new Set([decisionKey('reworded', '1'), decisionKey('added', '4'), decisionKey('removed', '3')]);
    const out = reimportRecords({ plan: old.plan, tasks: old.tasks }, next, diff, accepted);
    const byNumber = new Map(out.tasks.map((t) => [t.number, t]));
    expect(byNumber.get('1')!.content).toBe('新的内容');
    expect(byNumber.has('2')).toBe(false); // reassignment refused: task 2 not rewritten
    expect(byNumber.get('3')!.deleted).toBe(true);
    expect(byNumber.get('4')!.deleted).toBe(false);
    expect(out.plan).toBe(old.plan);
    expect(out.units.map((u) => u.name).sort()).toEqual(['甲局']);
    for (const t of out.tasks) expect(t.stamp).toBe(ctx2.stamp);
  });
});

describe('lead rule on import review', () => {
  const listedTask = (units: ParsedTask['units']): ParsedTask => ({ ...task('1', [], []), units, lead: [units!.listed[0]!, ...units!.lead].slice(0, 1), support: units!.listed.slice(1) });

  it('re-derives a single list under each rule, and back', () => {
    const rows = rowsFromParse(result([listedTask({ lead: [], support: [], implement: ['各镇街'], listed: ['市财政局', '市人社局'] })], { leadRule: 'first-listed-is-lead' }));
    const all = applyLeadRule(rows, 'all-listed-are-leads');
    expect(all[0]).toMatchObject({ lead: ['市财政局', '市人社局'], support: [], implement: ['各镇街'] });
    expect(applyLeadRule(all, 'first-listed-is-lead')[0]).toMatchObject({ lead: ['市财政局'], support: ['市人社局'], implement: ['各镇街'] });
  });

  it('a lead named by the document stays the lead: the list then supports, whatever the rule', () => {
    const t = { ...task('1', ['省农业农村厅'], ['市农业农村局', '市商务局']), units: { lead: ['省农业农村厅'], support: [], implement: [], listed: ['市农业农村局', '市商务局'] } };
    const rows = rowsFromParse(result([t]));
    expect(applyLeadRule(rows, 'first-listed-is-lead')[0]).toMatchObject({ lead: ['省农业农村厅'], support: ['市农业农村局', '市商务局'] });
    expect(applyLeadRule(rows, 'all-listed-are-leads')[0]).toMatchObject({ lead: ['省农业农村厅', '市农业农村局', '市商务局'], support: [] });
  });

  it('a row edited by hand is taken as one list', () => {
    const rows = rowsFromParse(result([listedTask({ lead: [], support: [], implement: [], listed: ['市财政局', '市人社局'] })]));
    const edited = [{ ...rows[0]!, lead: ['市审计局'], support: ['市财政局'] }];
    expect(applyLeadRule(edited, 'all-listed-are-leads')[0]).toMatchObject({ lead: ['市审计局', '市财政局'], support: [] });
  });
});
