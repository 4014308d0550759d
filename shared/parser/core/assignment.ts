import { dedupe, isUnitName, splitOutsideParens, splitUnits, trimEndOf } from './units';

/**
 * The grammar of responsibility notes, shared by inline notes ("(A牵头,B、C按职责分工负责)"), labelled lines
 * ("牵头责任单位：A、B") and table cells ("A、B、C按职责分工负责").
 */
export interface Assignment {
  lead: string[];
  support: string[];
  implement: string[];
  /** The text named roles explicitly (牵头/配合/落实/按职责分工负责/labels). */
  explicit: boolean;
}

export type ListedRule = 'first-listed-is-lead' | 'all-listed-are-leads';

type Role = 'lead' | 'support' | 'implement' | 'joint' | 'listed';

const LABELS: [RegExp, Role][] = [
  [/^(?:牵头(?:责任)?(?:单位|部门|处室|科室)|主责(?:单位|部门))\s*[:：]\s*/, 'lead'],
  [/^(?:配合|协办|参与|协作|主要协作|协同|支持)(?:单位|部门|处室|科室)\s*[:：]\s*/, 'support'],
  [/^(?:具体)?(?:落实|实施|承办)(?:单位|部门)\s*[:：]\s*/, 'implement'],
  [/^(?:责任(?:单位|部门|处室|科室)|负责(?:单位|部门))\s*[:：]\s*/, 'listed'],
];

const SUFFIXES: [RegExp, Role][] = [
  [/(?:按照?职责分工负责|按职责负责|分工负责|共同负责|各负其责)$/, 'joint'],
  [/(?:牵头负责|牵头落实|牵头)$/, 'lead'],
  [/(?:具体落实|负责落实|抓好落实|组织实施|具体实施|落实)$/, 'implement'],
  [/(?:配合|协助|协办|参与|协同)$/, 'support'],
  [/负责$/, 'lead'],
];

function roleOf(clause: string): { role: Role | null; units: string } {
  let c = trimEndOf(clause.trim(), '。．.').trim();
  for (const [re, role] of LABELS) {
    const m = re.exec(c);
    if (m) return { role, units: c.slice(m[0].length) };
  }
  c = c.replace(/^由/, '');
  for (const [re, role] of SUFFIXES) {
    const m = re.exec(c);
    if (m) return { role, units: c.slice(0, m.index) };
  }
  return { role: null, units: c };
}

export function parseAssignment(
  text: string,
  options: { fallback: 'lead' | 'support' | 'implement' | 'listed'; listedRule?: ListedRule } = { fallback: 'listed' },
): Assignment {
  const listedRule = options.listedRule ?? 'first-listed-is-lead';
  const buckets: Record<Role, string[]> = { lead: [], support: [], implement: [], joint: [], listed: [] };
  let explicit = false;
  let pending: string[] = [];
  const clauses = splitOutsideParens(text.trim(), '；;。，,').filter((c) => c.trim());
  for (const clause of clauses) {
    // "A（牵头）、B、C": a role marked on one name.
    if (MARKED_ANYWHERE.test(clause)) {
      explicit = true;
      buckets.listed.push(...pending);
      pending = [];
      for (const part of splitOutsideParens(clause, '、')) {
        const m = MARKED_ROLE.exec(part.trim());
        const names = splitUnits(m ? part.trim().replace(MARKED_ROLE, '') : part);
        if (!m) buckets.listed.push(...names);
        else buckets[m[1] === '牵头' || m[1] === '主责' ? 'lead' : m[1] === '落实' ? 'implement' : 'support'].push(...names);
      }
      continue;
    }
    const { role, units } = roleOf(clause);
    const names = splitUnits(units);
    if (role === null) {
      pending.push(...names);
      continue;
    }
    explicit = true;
    buckets[role].push(...pending, ...names);
    pending = [];
  }
  if (pending.length) buckets[options.fallback === 'listed' ? 'listed' : options.fallback].push(...pending);

  const lead = [...buckets.lead];
  const support = [...buckets.support];
  if (buckets.joint.length) (lead.length ? support : lead).push(...buckets.joint);
  if (buckets.listed.length) {
    if (listedRule === 'all-listed-are-leads' || lead.length === 0 && buckets.listed.length === 1) {
      lead.push(...buckets.listed);
    } else if (lead.length) support.push(...buckets.listed);
    else {
      lead.push(buckets.listed[0]!);
      support.push(...buckets.listed.slice(1));
    }
  }
  const leadSet = dedupe(lead);
  const supportSet = dedupe(support).filter((u) => !leadSet.includes(u));
  const implementSet = dedupe(buckets.implement).filter((u) => !leadSet.includes(u) && !supportSet.includes(u));
  return { lead: leadSet, support: supportSet, implement: implementSet, explicit };
}

const MARKED_ROLE = /[（(](牵头|主责|配合|协办|落实)[)）]\s*$/;
const MARKED_ANYWHERE = /[（(](?:牵头|主责|配合|协办|落实)[)）]/;

const NOTE_HINT = /牵头|负责|配合|落实|协办|协助|参与|协作|责任单位|责任部门|主责/;

/** Parse a parenthesised note's inner text; null unless it is a responsibility note naming only units. */
export function parseNote(inner: string, listedRule?: ListedRule): Assignment | null {
  if (inner.length > 400 || !NOTE_HINT.test(inner)) return null;
  const a = parseAssignment(inner, { fallback: 'lead', listedRule });
  if (!a.explicit) return null;
  const all = [...a.lead, ...a.support, ...a.implement];
  if (all.length === 0 || !all.every(isUnitName)) return null;
  return a;
}

export interface FoundNote {
  start: number;
  end: number;
  assignment: Assignment;
}

const OPENERS = '（(〔[［【';
const CLOSERS = '）)〕]］】';

/** Every responsibility note in a text, in order. Linear scan; notes never nest. */
export function findNotes(text: string, listedRule?: ListedRule): FoundNote[] {
  const out: FoundNote[] = [];
  const stack: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (OPENERS.includes(ch)) stack.push(i);
    else if (stack.length && CLOSERS.includes(ch)) {
      const open = stack.pop()!;
      // Only outermost groups: "(A、各乡镇（街道）具体落实)" is one note.
      if (stack.length === 0 && i - open <= 401) {
        const a = parseNote(text.slice(open + 1, i), listedRule);
        if (a) out.push({ start: open, end: i + 1, assignment: a });
      }
    }
  }
  return out;
}

/** A labelled line under a measure: "牵头责任单位：A、B", "主要协作单位：C", "完成时限：2023年底". */
export function readLabelledLine(line: string): { role: 'lead' | 'support' | 'implement' | 'listed' | 'deadline'; value: string } | null {
  const t = line.trim();
  const d = /^(?:完成时限|时间节点|完成时间|时限要求|完成期限)\s*[:：]\s*(.+)$/.exec(t);
  if (d) return { role: 'deadline', value: d[1]! };
  for (const [re, role] of LABELS) {
    const m = re.exec(t);
    if (m && role !== 'joint') return { role, value: t.slice(m[0].length) };
  }
  return null;
}
