import type { StatedUnits } from '../../model/roles';
import { isPersonOrPost, isUnitName, splitOutsideParens, splitUnits, trimEndOf } from './units';

/**
 * The grammar of assignment notes, shared by inline notes ("（A牵头，B、C按职责分工负责）"), labelled lines
 * ("牵头责任单位：A、B") and table cells ("A、B、C按职责分工负责"). A note is read as clauses:
 *
 *   label     "牵头单位：" "主要责任单位：" "协同责任单位：" "责任单位：" "具体落实单位：" "完成时限："; leader labels
 *             ("牵头领导：", "牵头市领导：", "责任领导：") name persons and are skipped;
 *   role word at the end: "A、B牵头" "…按职责分工负责" "…分别牵头" "…负责" "…配合" "…具体落实" "A主办，B协办";
 *   会同:     "A会同B负责" (A leads, B supports);
 *   a time limit: "6月底完成", "年内持续推进" — the task's deadline;
 *   a rule:   "排在第一位的部门为牵头部门，下同", "（首位单位为牵头单位，下同）" — the document's lead rule, never
 *             part of a name; "以下…均需X落实，不再单独列出" — X implements every task from here on.
 *
 * Clauses are separated by "；;，," or by the next label (two spaces, or none, between "牵头单位：A  责任单位：B").
 * A list without a role of its own continues the clause before it ("牵头单位：A，责任单位：B，各街道" → B and 各街道
 * are 责任单位) or takes the role word that follows ("A、B，各省级人民政府按职责分工负责").
 */

export type ListedRule = 'first-listed-is-lead' | 'all-listed-are-leads';

export interface StatedRule {
  rule: ListedRule;
  text: string;
}

export interface Assignment extends StatedUnits {
  /** The text named roles (a label, a role word, 会同). */
  explicit: boolean;
  /** A time limit written in the note ("6月底完成"). */
  deadline: string | null;
  /** A lead rule the note states for the document. */
  rule: StatedRule | null;
  /** Units the note says implement this and every following task ("以下…均需X落实，不再单独列出"). */
  forAll: { implement: string[]; text: string } | null;
  /** Parts of the note that could not be read as units. */
  unread: string[];
}

type Role = 'lead' | 'lead-each' | 'support' | 'implement' | 'listed' | 'joint' | 'person' | 'deadline';

export function emptyAssignment(): Assignment {
  return { lead: [], support: [], implement: [], listed: [], explicit: false, deadline: null, rule: null, forAll: null, unread: [] };
}

// ---- labels -------------------------------------------------------------------------------------------------------

/** The role a field label names ("牵头单位", "协同责任单位", "牵头市领导", "完成时限"), or null when it is no label. */
export function labelRole(raw: string): Role | null {
  const l = raw.replace(/[\s\u3000]/g, '').replace(/[（(][^）)]{0,10}[)）]$/, '');
  if (l.length < 2 || l.length > 12 || !/^[\u4e00-\u9fff]+$/.test(l)) return null;
  if (/领导|负责人|责任人|联系人|分管|包保|联系人/.test(l)) return /单位|部门/.test(l) && !/领导/.test(l) ? null : 'person';
  if (/时限|时间|期限|节点|完成时/.test(l) && !/单位|部门/.test(l)) return 'deadline';
  if (!/(?:单位|部门|处室|科室|主体|机构)$/.test(l) && !/^(?:牵头|配合|协办|主办|责任|负责|落实|协同|参与|主责)$/.test(l)) return null;
  if (/牵头|主责|主办|主要责任|主体责任|第一责任/.test(l)) return 'lead';
  if (/配合|协同|协办|协作|参与|支持|指导|协助|次要|其他责任/.test(l)) return 'support';
  if (/落实|实施|承办|具体/.test(l)) return 'implement';
  if (/责任|负责|承担|主体/.test(l)) return 'listed';
  return null;
}

/** A label at the start of a text ("责任单位：", or set in lenticular brackets "【责任单位】"): its role and length. */
function leadingLabel(text: string): { role: Role; length: number } | null {
  const m = /^(?:【([\u4e00-\u9fff]{2,12})】|([\u4e00-\u9fff（）()\s]{2,18}?)\s*[:：])\s*/.exec(text);
  if (!m) return null;
  const role = labelRole(m[1] ?? m[2]!);
  return role ? { role, length: m[0].length } : null;
}

/**
 * Cut a clause before every label inside it ("牵头单位:A  责任单位:B" → two clauses). The label is the longest
 * run of characters before a colon that names a role, so "…市商务局责任单位：" cuts before "责任单位".
 */
function splitAtLabels(clause: string): string[] {
  const cuts: number[] = [];
  for (const m of clause.matchAll(/【([\u4e00-\u9fff]{2,12})】/g)) if ((m.index ?? 0) > 0 && labelRole(m[1]!)) cuts.push(m.index!);
  for (const m of clause.matchAll(/([\u4e00-\u9fff]{2,14})\s*[:：]/g)) {
    const word = m[1]!;
    const end = (m.index ?? 0) + word.length;
    for (let len = Math.min(12, word.length); len >= 2; len--) {
      if (labelRole(word.slice(word.length - len))) {
        const at = end - len;
        if (at > 0) cuts.push(at);
        break;
      }
    }
  }
  if (!cuts.length) return [clause];
  cuts.sort((a, b) => a - b);
  const out: string[] = [];
  let from = 0;
  for (const at of cuts) {
    out.push(clause.slice(from, at));
    from = at;
  }
  out.push(clause.slice(from));
  return out.map((c) => c.trim()).filter(Boolean);
}

// ---- role words ---------------------------------------------------------------------------------------------------

const SUFFIXES: [string, Role][] = (
  [
    ['按照职责分工负责', 'joint'], ['按职责分工负责', 'joint'], ['按职能分工负责', 'joint'], ['按照职责负责', 'joint'],
    ['按职责负责', 'joint'], ['按职责分工落实', 'joint'], ['按职责落实', 'joint'], ['依职责负责', 'joint'],
    ['分工负责', 'joint'], ['各负其责', 'joint'], ['共同负责', 'joint'],
    ['分别牵头负责', 'lead-each'], ['分别牵头落实', 'lead-each'], ['分别牵头', 'lead-each'], ['分别负责', 'lead-each'],
    ['共同牵头', 'lead-each'], ['分别落实', 'lead-each'],
    ['牵头负责', 'lead'], ['牵头落实', 'lead'], ['牵头实施', 'lead'], ['牵头推进', 'lead'], ['牵头抓总', 'lead'],
    ['牵头组织', 'lead'], ['牵头', 'lead'], ['主办', 'lead'], ['主责', 'lead'], ['负总责', 'lead'],
    ['配合落实', 'support'], ['配合实施', 'support'], ['协同推进', 'support'], ['协同配合', 'support'], ['参与配合', 'support'],
    ['配合', 'support'], ['协助', 'support'], ['协办', 'support'], ['参与', 'support'], ['协同', 'support'], ['指导', 'support'],
    ['具体落实', 'implement'], ['抓好落实', 'implement'], ['组织落实', 'implement'], ['组织实施', 'implement'],
    ['具体实施', 'implement'], ['落实', 'implement'], ['实施', 'implement'], ['承办', 'implement'],
    ['具体负责', 'listed'], ['负责落实', 'listed'], ['负责', 'listed'], ['承担', 'listed'],
  ] as [string, Role][]
).sort((a, b) => b[0].length - a[0].length);

function endingRole(text: string): { role: Role; units: string } | null {
  for (const [word, role] of SUFFIXES) {
    if (text.endsWith(word) && text.length > word.length) return { role, units: text.slice(0, -word.length) };
  }
  return null;
}

/** "按照职责分工", "按职能职责", "按各自职责", "根据工作职责": the units act each within its duties. */
const DUTY = /(?:按照|依照|依据|根据|按|依)(?:各自|本单位|本部门)?的?(?:职能|工作)?(?:职责|职能)(?:分工)?$/;

/** How units act, said between their names and the role word ("积极配合", "全力配合", "共同参与", "按要求落实"). */
const MANNER = /(?:积极|全力|密切|主动|认真|共同|大力|切实|全面|及时|依法|按照?(?:工作)?要求|根据(?:工作)?需要)$/;

/** Words a role word never heads as the work that follows it ("牵头单位", "负责同志"): a label or a person. */
const NOT_WORK = /(?:单位|部门|领导|同志|人员|名单|小组|处室|科室)$/;
const ROLE_WORDS = new RegExp(SUFFIXES.map(([w]) => w).join('|'), 'g');

/**
 * The role a clause gives its units. The role word follows the names and may itself be followed by the work it
 * names: "A、B牵头", "A负责组织实施", "A牵头抓好落实", "B配合做好相关工作", "A牵头办理". The FIRST role word after
 * the names decides ("负责组织实施": 负责, the rest is the work, so A answers for it, not implements it); what follows
 * it is a short verb phrase, never a name or a label.
 */
function roleSuffix(text: string): { role: Role; units: string } | null {
  let found = endingRole(text);
  // "A负责组织实施" "A牵头抓好落实": strip the work named after the role word; the role word before it decides.
  for (let inner = found && endingRole(found.units); inner; inner = endingRole(found.units)) found = inner;
  if (found) {
    // Between the names and the role word: how they act ("积极配合", "全力配合", "按要求配合") is no part of a name;
    // "按照职责分工抓好落实", "按职能职责落实", "按各自职责负责": each answers for its part.
    let { role, units } = found;
    for (let m = MANNER.exec(units) ?? DUTY.exec(units); m && m.index > 0; m = MANNER.exec(units) ?? DUTY.exec(units)) {
      if (DUTY.test(m[0]) && (role === 'listed' || role === 'implement')) role = 'joint';
      units = units.slice(0, m.index);
    }
    return { role, units };
  }
  // "A牵头办理", "B配合做好相关工作": a role word, then work the list of role words does not name.
  for (const m of text.matchAll(ROLE_WORDS)) {
    const at = m.index ?? 0;
    const tail = text.slice(at + m[0].length);
    if (at < 2 || !/^[\u4e00-\u9fff]{1,8}$/.test(tail) || NOT_WORK.test(tail)) continue;
    const units = text.slice(0, at);
    const names = splitUnits(units);
    if (!names.length || !names.every(isUnitName)) continue;
    const head = endingRole(units + m[0]);
    return head ? { role: head.role, units: head.units } : null;
  }
  return null;
}

// ---- rules and time limits ----------------------------------------------------------------------------------------

const FIRST_RULE =
  /(?:第一|首)(?:位|个|名|家)?(?:的|者)?(?:单位|部门)?(?:为|是)(?:工作|任务|业务)?(?:牵头|主办|主责|主要责任|汇总)|(?:牵头|主办)(?:单位|部门)(?:列|排)(?:在)?(?:第一|首)位/;
const ALL_RULE =
  /(?:排名|排序|顺序|排列)不分(?:先后|主次)|均为(?:牵头|主要责任|主办)(?:单位|部门)|不分主次|无牵头(?:单位|部门)的[，,]?责任(?:单位|部门)(?:即|均|都)?为牵头/;
const FOR_ALL = /不再(?:单独|一一|逐一|重复|另行|分别)?(?:列(?:出|明|举|入)|[做作]?分工)/;

/** The lead rule a text states, or null. */
export function statedRule(text: string): StatedRule | null {
  const sample = text.length > 400 ? text.slice(0, 400) : text;
  if (ALL_RULE.test(sample)) return { rule: 'all-listed-are-leads', text: sample.trim() };
  if (FIRST_RULE.test(sample)) return { rule: 'first-listed-is-lead', text: sample.trim() };
  return null;
}

/** "以下政策措施均需各县区人民政府、园区管委会落实，不再单独列出" → the units that implement every task. */
function forAllRule(text: string): { implement: string[]; text: string } | null {
  if (!FOR_ALL.test(text)) return null;
  const m =
    /均(?:需要|需|由|要|须|应当|应)?(.{2,80}?)(?:负责)?(?:具体|抓好|组织|认真)?(?:落实|实施|执行|推进|承担)/.exec(text) ??
    /均(?:涉及|包括|含|有)(.{2,80}?)(?:[，,。；;]|不再)/.exec(text);
  const implement = m ? splitUnits(m[1]!).filter(isUnitName) : [];
  return implement.length ? { implement, text: text.trim() } : null;
}

const TIME_WORD =
  /(?:\d{1,4}\s*年|\d{1,2}\s*月|年底|年末|年内|年前|上半年|下半年|季度|长期|持续|常态|每年|每季|每月|月底|底前|前完成|之前|以前|到位$|^(?:分(?:阶段|步骤|步|批|年度)|逐步|逐年)(?:推进|实施|落实|完成)?$)/;

/** A clause that is a time limit ("6月底完成", "年内持续推进", "2023年底前"). */
function isTimeLimit(clause: string): boolean {
  const t = clause.trim();
  if (!t || t.length > 30 || !TIME_WORD.test(t)) return false;
  return !splitUnits(t).some(isUnitName);
}

// ---- units --------------------------------------------------------------------------------------------------------

/** A string that can stand for a unit where the grammar puts one (after a label): short, no sentence, no person. */
function nameShaped(name: string): boolean {
  const n = name.trim();
  return n.length >= 2 && n.length <= 30 && !/[。，,；;：:！？!?“”"《》]/.test(n) && !/^\d/.test(n) && !isPersonOrPost(n) && !TIME_WORD.test(n);
}

/** Text with every bracket that states a rule removed ("县发改局（首位单位为牵头单位，下同）" → "县发改局"). */
function withoutRuleBrackets(text: string, found: (inner: string) => void): string {
  const OPEN = '（(〔[［【';
  const CLOSE = '）)〕]］】';
  const stack: number[] = [];
  const cut: [number, number][] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (OPEN.includes(ch)) stack.push(i);
    else if (CLOSE.includes(ch) && stack.length) {
      const open = stack.pop()!;
      if (i - open > 160) continue;
      const inner = text.slice(open + 1, i);
      if (statedRule(inner) || FOR_ALL.test(inner) || /^下同$/.test(inner.trim())) {
        found(inner);
        cut.push([open, i + 1]);
      }
    }
  }
  if (!cut.length) return text;
  cut.sort((a, b) => a[0] - b[0]);
  let out = '';
  let from = 0;
  for (const [a, b] of cut) {
    if (a < from) continue;
    out += text.slice(from, a);
    from = b;
  }
  return out + text.slice(from);
}

// ---- the note -----------------------------------------------------------------------------------------------------

export interface AssignmentOptions {
  /** The role of a list without a role word or label ("listed": a single list whose roles the rule decides). */
  fallback: 'lead' | 'support' | 'implement' | 'listed';
  /** The document states a lead rule: "A、B按职责分工负责" is then a single list like any other. */
  ruleStated?: boolean;
  /** Names where the grammar puts units are taken even when they do not end like one (a table cell, a label). */
  trustNames?: boolean;
  /**
   * The document's notes say "按职责分工负责" throughout: a plain "A、B负责" in it means the same (all answer for the
   * task), not a ranked list.
   */
  jointConvention?: boolean;
}

/** How a document's notes are to be read, from the document as a whole. */
export interface NoteReading {
  ruleStated?: boolean;
  jointConvention?: boolean;
}

/** Read a note, label value or cell. Linear in the text. */
export function parseAssignment(text: string, options: AssignmentOptions = { fallback: 'listed' }): Assignment {
  const a = emptyAssignment();
  const rules: string[] = [];
  let t = withoutRuleBrackets(text.trim(), (inner) => rules.push(inner));

  // Sentences that state a rule rather than name units.
  const sentences = splitOutsideParens(t, '。').filter((s) => s.trim());
  const kept: string[] = [];
  for (const s of sentences) {
    const all = forAllRule(s);
    if (all) {
      a.forAll = all;
      continue;
    }
    kept.push(s);
  }
  t = kept.join('；');
  for (const r of rules) {
    const all = forAllRule(r);
    if (all) a.forAll = all;
    const rule = statedRule(r);
    if (rule) a.rule = rule;
  }

  const buckets: Record<'lead' | 'support' | 'implement' | 'listed' | 'joint', string[]> = {
    lead: [], support: [], implement: [], listed: [], joint: [],
  };
  let pending: string[] = [];
  let lastLabelled: Role | null = null;
  const take = (names: string[], trusted: boolean): string[] => {
    const out: string[] = [];
    for (const n of names) {
      if (isUnitName(n) || ((trusted || options.trustNames) && nameShaped(n))) out.push(n);
      else if (n.trim()) a.unread.push(n.trim());
    }
    return out;
  };
  const put = (role: Role, names: string[]): void => {
    const bucket = role === 'lead-each' ? 'lead' : role;
    if (bucket === 'person' || bucket === 'deadline') return;
    buckets[bucket].push(...names);
  };

  const clauses = splitOutsideParens(t, '；;，,')
    .flatMap((c) => splitAtLabels(c.replace(/[\u3000\u00a0]/g, ' ')))
    .map((c) => trimEndOf(c.trim(), '。．.、 ').trim())
    .filter(Boolean);
  for (const clause of clauses) {
    if (/^下同$/.test(clause)) continue;
    const rule = statedRule(clause);
    if (rule) {
      a.rule = rule;
      continue;
    }
    const label = leadingLabel(clause);
    let value = label ? clause.slice(label.length).trim() : clause.replace(/^由/, '');
    if (label?.role === 'person') {
      a.explicit = true;
      lastLabelled = null;
      continue;
    }
    if (label?.role === 'deadline') {
      a.deadline = value || null;
      lastLabelled = null;
      continue;
    }
    if (!label && isTimeLimit(value)) {
      a.deadline = a.deadline ? `${a.deadline}，${value}` : value;
      continue;
    }
    // A label starts a new field: names before it without a role of their own keep the default role.
    if (label && pending.length) {
      put(options.fallback, pending);
      pending = [];
    }
    let role: Role | null = label?.role ?? null;
    const suffix = roleSuffix(value);
    // "责任单位：A、B按职责分工负责": the label makes it a single list; the verb does not make everyone lead.
    if (suffix && label?.role === 'listed' && suffix.role === 'joint') value = suffix.units;
    else if (suffix && (role === null || role === 'listed')) {
      role = suffix.role === 'listed' && !label && options.jointConvention ? 'joint' : suffix.role;
      value = suffix.units;
    } else if (suffix) value = suffix.units;
    // "A会同B（负责）": A leads (or heads the list), B supports.
    const together = value.indexOf('会同');
    if (together >= 0) {
      const left = value.slice(0, together);
      const right = value.slice(together + 2);
      a.explicit = true;
      const leftNames = take(splitUnits(left), !!label);
      put(role === 'lead' || role === 'lead-each' ? 'lead' : 'listed', [...pending, ...leftNames]);
      pending = [];
      put('support', take(splitUnits(right), !!label));
      continue;
    }
    let names = take(splitUnits(value), !!label);
    // "A、B（牵头）、C": a role marked on one name.
    if (names.some((n) => MARKED_ROLE.test(n))) {
      a.explicit = true;
      names = names.filter((n) => {
        const m = MARKED_ROLE.exec(n);
        if (!m) return true;
        const name = n.slice(0, m.index).trim();
        put(m[1] === '牵头' || m[1] === '主责' || m[1] === '主办' ? 'lead' : m[1] === '落实' ? 'implement' : 'support', [name]);
        return false;
      });
      if (role === null && !lastLabelled) role = 'listed';
    }
    if (role === null) {
      if (lastLabelled) put(lastLabelled, names);
      else pending.push(...names);
      continue;
    }
    a.explicit = true;
    put(role, [...pending, ...names]);
    pending = [];
    lastLabelled = label ? role : null;
  }
  if (pending.length) {
    // "（A、B。列第一位者为牵头部门，下同）": a list the note's own rule ranks is an assignment.
    if (a.rule && !a.unread.length) a.explicit = true;
    put(options.fallback, pending);
  }

  // "按职责分工负责": all answer for the task, unless the document's rule ranks the list.
  if (buckets.joint.length) {
    if (options.ruleStated) buckets.listed.push(...buckets.joint);
    else (buckets.lead.length ? buckets.support : buckets.lead).push(...buckets.joint);
  }
  const lead = [...new Set(buckets.lead)];
  const listed = [...new Set(buckets.listed)].filter((u) => !lead.includes(u));
  const support = [...new Set(buckets.support)].filter((u) => !lead.includes(u) && !listed.includes(u));
  const implement = [...new Set(buckets.implement)].filter((u) => !lead.includes(u) && !listed.includes(u) && !support.includes(u));
  if (a.forAll) for (const u of a.forAll.implement) if (!lead.includes(u) && !support.includes(u) && !implement.includes(u)) {
    const at = listed.indexOf(u);
    if (at > 0) listed.splice(at, 1);
    if (at !== 0) implement.push(u);
  }
  return { ...a, lead, support, implement, listed };
}

const MARKED_ROLE = /[（(](牵头|主责|主办|配合|协办|落实)[)）]$/;

const NOTE_HINT = /牵头|负责|配合|落实|协办|协助|参与|协作|协同|责任|主责|主办|会同|实施|承办|指导/;

/** Parse a bracket's inner text; null unless it is an assignment note (some units, roles named). */
export function parseNote(inner: string, reading: NoteReading = {}): Assignment | null {
  if (inner.length > 400 || !NOTE_HINT.test(inner)) return null;
  const a = parseAssignment(inner, { fallback: 'listed', ...reading });
  if (!a.explicit) return null;
  const read = a.lead.length + a.support.length + a.implement.length + a.listed.length;
  if (read === 0) return null;
  // A parenthetical remark that happens to name a unit is no note: what is not read must be name-like.
  if (a.unread.some((u) => u.length > 40 || /[。！？]/.test(u)) || a.unread.length > read) return null;
  return a;
}

export interface FoundNote {
  start: number;
  end: number;
  assignment: Assignment;
  text: string;
}

const OPENERS = '（(〔[［【';
const CLOSERS = '）)〕]］】';

/** Every assignment note in a text, in order. Linear scan; notes never nest. */
export function findNotes(text: string, reading: NoteReading = {}): FoundNote[] {
  const out: FoundNote[] = [];
  const stack: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (OPENERS.includes(ch)) stack.push(i);
    else if (stack.length && CLOSERS.includes(ch)) {
      const open = stack.pop()!;
      // Only outermost groups: "(A、各乡镇（街道）具体落实)" is one note.
      if (stack.length === 0 && i - open <= 401) {
        const inner = text.slice(open + 1, i);
        const a = parseNote(inner, reading);
        if (a) out.push({ start: open, end: i + 1, assignment: a, text: inner });
      }
    }
  }
  return out;
}

/** A labelled line: "牵头责任单位：A、B", "主要协作单位：C", "完成时限：2023年底", "牵头领导：张三" (a person). */
export function readLabelledLine(line: string): { role: 'lead' | 'support' | 'implement' | 'listed' | 'deadline' | 'person' | 'joint'; value: string } | null {
  const t = line.trim();
  const label = leadingLabel(t);
  if (!label) return null;
  const role = label.role === 'lead-each' ? 'lead' : label.role;
  return { role, value: t.slice(label.length).trim() };
}
