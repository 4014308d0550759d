import { toChinese } from '../../../shared/parser/core/numbering';

/** A generated task and the plan the parser should read back. */
export interface GeneratedTask {
  number: string;
  section: string[];
  content: string;
  lead: string[];
  support: string[];
}

const UNITS = [
  '市市场监管局', '市卫生健康局', '市财政局', '市人力资源社会保障局', '市工业和信息化局', '市发展改革局',
  '市科技局', '市医保局', '市政务服务数据管理局', '市委编办', '各镇街', '火炬开发区', '市应急管理局', '中山海关',
];

const pick = (i: number, k: number): string => UNITS[(i * 7 + k * 3) % UNITS.length]!;

/** The plan behind a generated document: n tasks in sections of five, with varied unit lists. */
export function generatePlan(n: number): GeneratedTask[] {
  const tasks: GeneratedTask[] = [];
  for (let i = 1; i <= n; i++) {
    const s = Math.ceil(i / 5);
    const lead = pick(i, 0);
    const support = i % 7 === 0 ? [] : [pick(i, 1), pick(i, 2)].filter((u, k, all) => u !== lead && all.indexOf(u) === k);
    const joint = i % 11 === 0;
    tasks.push({
      number: String(i),
      section: [`${toChinese(s)}、第${s}类重点工作`],
      content: `第${i}项任务：推进监管能力建设，完善第${i}项工作机制。`,
      lead: joint ? [lead, ...support] : [lead],
      support: joint ? [] : support,
    });
  }
  return tasks;
}

/**
 * The plan as a task table flattened to text like seed 002: one cell per paragraph, a blank line between cells,
 * an empty cell as an extra blank line, merged section cells only in their first row, long names wrapped.
 */
export function flattenedTableText(plan: readonly GeneratedTask[]): string {
  const out: string[] = ['某市全面加强药品监管能力建设若干措施任务分解表', '', '工作任务', '', '序号', '', '具体内容', '', '牵头部门', '', '配合部门', ''];
  let lastSection = '';
  for (const t of plan) {
    if (t.section[0] !== lastSection) {
      out.push(t.section[0]!, '');
      lastSection = t.section[0]!;
    }
    out.push(t.number, '', t.content, '');
    const joint = t.support.length === 0 && t.lead.length > 1;
    if (joint) {
      out.push(`${t.lead.join('、')}按职责分工负责`, '');
      continue;
    }
    out.push(t.lead[0]!, '');
    if (t.support.length === 0) {
      out.push('');
      continue;
    }
    const cell = t.support.join('、');
    // Wrap the cell after 8 characters, as a narrow column does.
    if (cell.length > 10) out.push(cell.slice(0, 8), '', cell.slice(8), '');
    else out.push(cell, '');
  }
  return out.join('\n');
}

/** The same plan as a real table (as the .docx/.xlsx readers give it). */
export function tableRows(plan: readonly GeneratedTask[]): { rows: string[][]; merged: boolean[][] } {
  const rows: string[][] = [['工作任务', '序号', '具体内容', '牵头部门', '配合部门']];
  const merged: boolean[][] = [[false, false, false, false, false]];
  let lastSection = '';
  for (const t of plan) {
    const joint = t.support.length === 0 && t.lead.length > 1;
    const lead = joint ? `${t.lead.join('、')}按职责分工负责` : t.lead[0]!;
    rows.push([t.section[0]!, t.number, t.content, lead, joint ? lead : t.support.join('、')]);
    merged.push([t.section[0] === lastSection, false, false, false, joint]);
    lastSection = t.section[0]!;
  }
  return { rows, merged };
}

/** The plan as tab-indented cells like seed 004 (single 责任单位 column; merged cells left empty). */
export function tabbedTableText(plan: readonly GeneratedTask[]): string {
  const out: string[] = ['附件', '任务分解表', '\t序号', '\t项目', '\t具体内容', '\t责任单位', ''];
  let lastSection = '';
  for (const t of plan) {
    const section = t.section[0] === lastSection ? '' : t.section[0]!;
    lastSection = t.section[0]!;
    out.push(`\t${t.number}`, `\t${section}`, `\t${t.content}`, `\t${[...t.lead, ...t.support].join('、')}`, '');
  }
  return out.join('\n');
}

/** The plan's measures as a document body with inline notes (as in seed 002, before its task table). */
export function bodyText(plan: readonly GeneratedTask[]): string {
  const out: string[] = ['某市全面加强药品监管能力建设若干措施', ''];
  let lastSection = '';
  for (const t of plan) {
    if (t.section[0] !== lastSection) {
      out.push(`  ${t.section[0]}`, '');
      lastSection = t.section[0]!;
    }
    const note = t.support.length ? `${t.lead.join('、')}牵头,${t.support.join('、')}按职责分工负责` : `${t.lead.join('、')}按职责分工负责`;
    out.push(`  ${t.number}. ${t.content}(${note})`, '');
  }
  return out.join('\n');
}
