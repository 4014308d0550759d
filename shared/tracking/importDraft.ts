import { deriveRoles, LEAD_RULES, type Cadence, type CadenceKind, type Deadline, type LeadRule } from '../model';
import { checkDeadlineAgainstPlan } from './reportInput';
import type { ParsedTask, ParseResult, ParseWarning } from '../parser/types';

/**
 * The import review's working copy: the parser's tasks with a stable row key, editable before saving.
 * Pure functions only (the store in store/importDraft.ts calls them); nothing here touches the DOM or the DB.
 */
export interface DraftRow extends ParsedTask {
  key: string;
  /** The parser's own lead/support split, kept so that switching back to "按列识别" restores it. */
  parsed: { lead: string[]; support: string[] };
}

export interface DraftMeta {
  title: string;
  docNumber: string;
  issuer: string;
  date: string;
  leadRule: LeadRule;
  cadenceEvery: CadenceKind;
  cadenceDay: number;
  /** A custom cadence's due days (YYYY-MM-DD). */
  cadenceDates?: string[];
}

export const LEAD_RULE_LABELS: Record<LeadRule, string> = {
  columns: '按表格列识别（牵头列 / 配合列）',
  'first-listed-is-lead': '排在第一位的为牵头单位，其余为配合单位',
  'all-listed-are-leads': '所列单位都是牵头单位（按职责分工负责）',
};

let seq = 0;
const nextKey = () => `row${++seq}`;

export function rowsFromParse(result: ParseResult): DraftRow[] {
  return result.tasks.map((t) => ({
    ...t,
    section: [...t.section],
    lead: [...t.lead],
    support: [...t.support],
    implement: [...t.implement],
    key: nextKey(),
    parsed: { lead: [...t.lead], support: [...t.support] },
  }));
}

export function metaFromParse(result: ParseResult, fallbackTitle: string): DraftMeta {
  const cadence = result.reporting[0];
  return {
    title: result.title ?? fallbackTitle,
    docNumber: result.docNumber ?? '',
    issuer: result.issuer ?? '',
    date: result.date ?? '',
    leadRule: result.leadRule,
    cadenceEvery: cadence?.every ?? 'quarter',
    cadenceDay: cadence?.day ?? 20,
  };
}

const unique = (names: string[]) => [...new Set(names.map((n) => n.trim()).filter(Boolean))];

/** The plan cadence the review's fields describe. */
export function cadenceOfMeta(meta: Pick<DraftMeta, 'cadenceEvery' | 'cadenceDay' | 'cadenceDates'>): Cadence {
  return meta.cadenceEvery === 'custom'
    ? { every: 'custom', day: meta.cadenceDay, dueDates: [...new Set(meta.cadenceDates ?? [])].sort() }
    : { every: meta.cadenceEvery, day: meta.cadenceDay };
}

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Re-derive every row's roles under another lead rule. A row as parsed keeps the units as the document stated
 * them (`units`): its roles come from `deriveRoles`, the one lead rule. A row added or edited by hand is taken as
 * one list (its leads, then its supporting units).
 */
export function applyLeadRule(rows: readonly DraftRow[], rule: LeadRule): DraftRow[] {
  return rows.map((r) => {
    // Roles that no rule derives from the stated units were edited by hand.
    const asDerived = r.units && LEAD_RULES.some((x) => {
      const d = deriveRoles(r.units!, x);
      return same(d.lead, r.lead) && same(d.support, r.support);
    });
    if (r.units && asDerived) {
      const roles = deriveRoles(r.units, rule);
      return { ...r, lead: roles.lead, support: roles.support, implement: roles.implement };
    }
    if (rule === 'columns') return { ...r, lead: [...r.parsed.lead], support: [...r.parsed.support] };
    const listed = unique([...r.lead, ...r.support]);
    if (rule === 'all-listed-are-leads') return { ...r, lead: listed, support: [] };
    return { ...r, lead: listed.slice(0, 1), support: listed.slice(1) };
  });
}

/** Replace a unit name by another everywhere (merging an alias into its proper name). */
export function renameUnit(rows: readonly DraftRow[], from: string, to: string): DraftRow[] {
  const swap = (names: string[]) => unique(names.map((n) => (n === from ? to : n)));
  // After a merge a unit may appear as both lead and support: it stays lead.
  const split = (lead: string[], support: string[]) => {
    const l = swap(lead);
    return { lead: l, support: swap(support).filter((n) => !l.includes(n)) };
  };
  return rows.map((r) => ({
    ...r,
    ...split(r.lead, r.support),
    implement: swap(r.implement),
    parsed: split(r.parsed.lead, r.parsed.support),
  }));
}

export function emptyRow(rows: readonly DraftRow[]): DraftRow {
  const numbers = rows.map((r) => Number(r.number)).filter((n) => Number.isInteger(n));
  const last = rows[rows.length - 1];
  return {
    key: nextKey(),
    number: String(numbers.length ? Math.max(...numbers) + 1 : rows.length + 1),
    section: last ? [...last.section] : [],
    content: '',
    lead: [],
    support: [],
    implement: [],
    deadline: null,
    parsed: { lead: [], support: [] },
  };
}

/** Every unit name used in the draft, with how many rows use it. */
export function unitUsage(rows: readonly DraftRow[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of rows) for (const n of new Set([...r.lead, ...r.support, ...r.implement])) counts.set(n, (counts.get(n) ?? 0) + 1);
  return counts;
}

/** The row keys a warning points at (by task number). */
export function rowsOfWarning(rows: readonly DraftRow[], warning: ParseWarning): string[] {
  const wanted = new Set(warning.tasks ?? []);
  const names = new Set(warning.names ?? []);
  return rows
    .filter((r) => wanted.has(r.number) || (wanted.size === 0 && names.size > 0 && [...r.lead, ...r.support, ...r.implement].some((n) => names.has(n))))
    .map((r) => r.key);
}

export function deadlineFromDate(date: string | null, text?: string): Deadline | null {
  if (!date) return null;
  const [y, m, d] = date.split('-');
  return { text: text ?? `${y}年${Number(m)}月${Number(d)}日前`, date, kind: 'date' };
}

/** Problems that block saving, as Chinese sentences; empty when the draft can be saved. */
export function draftProblems(meta: DraftMeta, rows: readonly DraftRow[]): string[] {
  const problems: string[] = [];
  if (!meta.title.trim()) problems.push('请填写计划名称');
  if (rows.length === 0) problems.push('至少需要一项任务');
  if (meta.cadenceEvery === 'custom' && !(meta.cadenceDates ?? []).length) problems.push('按指定日期报送时，请至少填写一个报送日期');
  const seen = new Set<string>();
  for (const r of rows) {
    const label = `第 ${r.number || '?'} 项任务`;
    if (!r.number.trim()) problems.push('有任务缺少序号');
    else if (seen.has(r.number.trim())) problems.push(`序号 ${r.number} 重复，请修改`);
    seen.add(r.number.trim());
    if (!r.content.trim()) problems.push(`${label}缺少具体内容`);
    const deadlineProblem = checkDeadlineAgainstPlan({ date: meta.date || null }, r.deadline?.date);
    if (deadlineProblem) problems.push(`${label}：${deadlineProblem}（${r.deadline?.date} 早于 ${meta.date}），请修改`);
  }
  return problems;
}
