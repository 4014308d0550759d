import type { StatedUnits } from '../../model/roles';
import type { ParsedTask, ParseWarning, TaskSource } from '../types';
import { emptyAssignment, findNotes, labelRole, parseAssignment, parseNote, readLabelledLine, type Assignment, type FoundNote, type NoteReading } from './assignment';
import { organisationalStatement } from './bodies';
import { BodyText, headingKey } from './checks';
import { parseDeadline } from './deadline';
import { chineseNumber, readMarker } from './numbering';
import { ancestorHeadings, isHeadingOnly, pathLabel, walk, type OutlineNode } from './outline';
import { dutyClauses, dutyParagraph, findProseAssignment } from './prose';
import type { TableTask } from './table';
import { isUnitName, splitUnits, trimEndOf } from './units';

/** A task as planned: its units as stated (roles are derived once, for the whole document, at the end). */
export interface PlannedTask extends ParsedTask {
  units: StatedUnits;
}

/**
 * The three ways a document states its plan, each turned into tasks:
 * a task table (checked against the body), notes under numbered measures, or prose under headings.
 */

// ---- Shape 1/2/3: the task table is the plan; the body checks it ----------------------------------

const clip = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n)}…` : s);

function stripMarker(text: string): string {
  const m = readMarker(text);
  return m ? text.slice(m.length).trim() : text.trim();
}

export function tablePlan(rows: TableTask[], roots: readonly OutlineNode[], bodyParagraphs: string[], warnings: ParseWarning[]): PlannedTask[] {
  const byTitle = new Map<string, OutlineNode>();
  for (const node of walk(roots)) {
    const key = headingKey(node.title);
    if (key && !byTitle.has(key)) byTitle.set(key, node);
  }
  const fromBody: string[] = [];
  const placedUnder: string[] = [];
  const mismatched: string[] = [];
  const details: string[] = [];
  const body = new BodyText(bodyParagraphs);

  const tasks = rows.map((row): PlannedTask => {
    const cols = [...row.sectionColumns];
    let corrected = false;
    for (let i = 0; i + 1 < cols.length; i++) {
      if (!row.sectionCarried[i] || !cols[i + 1]) continue;
      const node = byTitle.get(headingKey(stripMarker(cols[i + 1]!)));
      const parent = node?.parent;
      if (!parent) continue;
      if (headingKey(parent.title) !== headingKey(stripMarker(cols[i] ?? ''))) {
        cols[i] = cols[i] && readMarker(cols[i]!) ? parent.heading : parent.title;
        corrected = true;
        if (!placedUnder.includes(cols[i]!)) placedUnder.push(cols[i]!);
      }
    }
    if (corrected) fromBody.push(row.number);
    const differs = body.disagreement(row.content);
    if (differs) {
      mismatched.push(row.number);
      if (details.length < 3) details.push(`任务 ${row.number} 表中为“${clip(differs.table, 60)}”，正文为“${clip(differs.body, 60)}”`);
    }
    return {
      number: row.number,
      section: [...row.spanning, ...cols.filter(Boolean)],
      content: row.content,
      lead: [],
      support: [],
      implement: [],
      deadline: row.deadline,
      units: row.units,
      ...(row.source ? { source: row.source } : {}),
    };
  });
  if (fromBody.length) {
    warnings.push({
      code: 'section-from-body',
      tasks: fromBody,
      message: `任务 ${fromBody.join('、')} 在任务分解表中缺少所属项目，已按正文归入“${placedUnder.join('”“')}”，请核对。`,
    });
  }
  if (mismatched.length) {
    warnings.push({
      code: 'content-mismatch',
      tasks: mismatched,
      message: `任务 ${mismatched.join('、')} 在任务分解表中的内容与正文表述不一致（${details.join('；')}），请以印发原文为准核对。`,
    });
  }
  return tasks;
}

// ---- Shape 4/5: notes and labelled lines under numbered measures -------------------------------------------------

export interface PlanContext {
  /** The document states a lead rule (so "按职责分工负责" lists are ranked by it too). */
  ruleStated: boolean;
  /** The document's notes assign with "按职责分工负责" throughout (see AssignmentOptions). */
  jointConvention: boolean;
  /** Where a body line came from: its block, for TaskSource. */
  blockOf(line: number): number;
  /** Notes read only partly, reported once the numbers are final. */
  partly: { task: PlannedTask; unread: string[]; note: string }[];
}

/**
 * Headings of parts that set the frame rather than assign work: the purpose and principles, the targets, the
 * steps and requirements, the scope (实施范围, 规划实施范围) and the organisation (组织机构, 组织领导). Items under
 * them that carry no assignment are not tasks, in a document whose other items carry assignments.
 */
const FRAME_HEADING =
  /^(?:指导思想|基本原则|工作原则|总体要求|总体思路|总体目标|主要目标|发展目标|工作目标|目标任务|预期目标|保障措施|组织保障|工作保障|工作要求|有关要求|相关要求|组织实施|实施步骤|工作步骤|进度安排|时间安排|方法步骤|适用范围|编制依据|工作背景|重要意义|(?:加强)?组织领导|组织机构|组织架构|领导机构|(?:规划|建设|试点|实施|工作)?(?:实施)?范围)/;

function underFrameHeading(node: OutlineNode): boolean {
  for (let n: OutlineNode | null = node; n; n = n.parent) if (FRAME_HEADING.test(n.title)) return true;
  return false;
}

/** The start of an inline field label in a measure's text ("……。牵头单位：A；配合单位：B"), or -1. */
function inlineLabelAt(text: string): number {
  const sample = text.length > 20_000 ? text.slice(0, 20_000) : text;
  // "【责任单位】A、B": a label set in lenticular brackets.
  let bracketed = -1;
  for (const m of sample.matchAll(/【([\u4e00-\u9fff]{2,12})】/g)) {
    if (labelRole(m[1]!)) {
      bracketed = m.index ?? 0;
      break;
    }
  }
  const colon = colonLabelAt(sample);
  return bracketed < 0 ? colon : colon < 0 ? bracketed : Math.min(bracketed, colon);
}

function colonLabelAt(sample: string): number {
  for (const m of sample.matchAll(/([\u4e00-\u9fff]{2,14})\s*[:：]/g)) {
    const word = m[1]!;
    const end = (m.index ?? 0) + word.length;
    for (let len = Math.min(12, word.length); len >= 2; len--) {
      if (!labelRole(word.slice(word.length - len))) continue;
      const at = end - len;
      if (at === 0 || /[。；;，,\s]/.test(sample[at - 1]!)) return at;
      break;
    }
  }
  return -1;
}

interface Field {
  role: 'lead' | 'support' | 'implement' | 'listed' | 'deadline' | 'person' | 'joint';
  value: string;
}

/** Fields written inline after a measure's text; what follows a field's sentence end is a remark, not a unit. */
function inlineFields(text: string): { fields: Field[]; remark: string } {
  const fields: Field[] = [];
  let remark = '';
  const pieces: string[] = [];
  let rest = text;
  for (;;) {
    const next = inlineLabelAt(rest.slice(1));
    if (next < 0) {
      pieces.push(rest);
      break;
    }
    pieces.push(rest.slice(0, next + 1));
    rest = rest.slice(next + 1);
  }
  for (const piece of pieces) {
    let value = piece;
    const stop = value.indexOf('。');
    if (stop >= 0 && stop < value.length - 1) {
      remark += value.slice(stop + 1);
      value = value.slice(0, stop);
    }
    const f = readLabelledLine(trimEndOf(value, '。；;，, \t\n'));
    if (f) fields.push(f);
  }
  return { fields, remark: remark.trim() };
}

/** Combine labelled fields (and a note) into one assignment. */
function fromFields(fields: readonly Field[], note: Assignment | null, ruleStated: boolean): Assignment {
  const a = note ? { ...note, lead: [...note.lead], support: [...note.support], implement: [...note.implement], listed: [...note.listed], unread: [...note.unread] } : emptyAssignment();
  for (const f of fields) {
    if (f.role === 'person') continue;
    if (f.role === 'deadline') {
      a.deadline = f.value || a.deadline;
      continue;
    }
    const part = parseAssignment(f.value, { fallback: f.role === 'joint' ? 'listed' : f.role, ruleStated, trustNames: true });
    a.explicit = true;
    a.lead.push(...part.lead);
    a.support.push(...part.support);
    a.implement.push(...part.implement);
    a.listed.push(...part.listed);
    a.unread.push(...part.unread);
    a.rule ??= part.rule;
    a.forAll ??= part.forAll;
    a.deadline ??= part.deadline;
  }
  const lead = [...new Set(a.lead)];
  const listed = [...new Set(a.listed)].filter((u) => !lead.includes(u));
  return {
    ...a,
    lead,
    listed,
    support: [...new Set(a.support)].filter((u) => !lead.includes(u) && !listed.includes(u)),
    implement: [...new Set(a.implement)].filter((u) => !lead.includes(u)),
  };
}

function* ancestorsOf(node: OutlineNode): Generator<OutlineNode> {
  for (let p = node.parent; p; p = p.parent) yield p;
}

/** True when `line` carries on the unit list `value` (which ends with a separator, or the line is units only). */
function continuesList(value: string, line: string): boolean {
  const t = line.trim();
  if (!t || t.length > 200 || readMarker(t) || /[。：:]/.test(t.replace(/[。．.]$/, ''))) return false;
  if (/[、，,；;]$/.test(value.trim())) return true;
  const parts = splitUnits(t);
  return parts.length > 0 && parts.every(isUnitName) && !isUnitName(value.trim().split(/[、，,；;]/).pop() ?? '');
}

/**
 * A bracket closing a measure that holds only unit names ("……。（市教育局、市财政局）"): a single list, as a
 * note. Only at the very end and after the sentence's end, so an alias after a name ("市发展改革委（市粮食局）")
 * is never taken for one.
 */
function closingList(text: string): FoundNote | null {
  const t = trimEndOf(text, ' \n。');
  const close = t[t.length - 1];
  if (close !== '）' && close !== ')' && close !== '〕' && close !== ']' && close !== '】') return null;
  const open = Math.max(t.lastIndexOf('（'), t.lastIndexOf('('), t.lastIndexOf('〔'), t.lastIndexOf('['), t.lastIndexOf('【'));
  if (open <= 0 || t.length - open > 200 || !/[。；;！？!?]/.test(t[open - 1]!)) return null;
  const inner = t.slice(open + 1, -1);
  const names = splitUnits(inner);
  if (!names.length || names.length > 30 || !names.every((n) => isUnitName(n) && !/[（(]/.test(n))) return null;
  const assignment = { ...emptyAssignment(), listed: names, explicit: true };
  return { start: open, end: t.length, assignment, text: inner };
}

/**
 * A measure whose last sentence assigns it, without brackets: "……。由市发改委牵头，市财政局配合。",
 * "……。市市场监管局牵头，市公安局、各区政府按职责分工负责。" The sentence must read as a note (names and role
 * words only) and follow the measure's own text.
 */
function closingSentence(text: string, reading: NoteReading): FoundNote | null {
  const t = trimEndOf(text, ' \n。；;');
  if (t.length > 20_000) return null;
  const stop = Math.max(t.lastIndexOf('。'), t.lastIndexOf('；'), t.lastIndexOf(';'), t.lastIndexOf('\n'));
  if (stop <= 0) return null;
  const sentence = t.slice(stop + 1).trim();
  if (sentence.length < 4 || sentence.length > 150 || !/^(?:由)?[\u4e00-\u9fff]/.test(sentence)) return null;
  const assignment = parseNote(sentence.replace(/^由/, ''), reading);
  if (!assignment || assignment.unread.length) return null;
  const start = t.indexOf(sentence, stop + 1);
  return { start, end: text.length, assignment, text: sentence };
}

/** Words that address everyone rather than name a body: "各单位", "各有关部门", "各级各部门", "有关单位". */
const EVERYONE = /^(?:各级|各有关|各相关|有关|相关|各)?(?:各)?(?:单位|部门|地|地区|地方|部门和单位|单位和部门|责任单位|成员单位)$/;
const namesSomeBody = (u: StatedUnits): boolean => [...u.lead, ...u.support, ...u.implement, ...u.listed].some((n) => !EVERYONE.test(n));

const unitsOf = (a: Assignment): StatedUnits => ({ lead: a.lead, support: a.support, implement: a.implement, listed: a.listed });
const hasUnits = (u: StatedUnits): boolean => u.lead.length + u.support.length + u.implement.length + u.listed.length > 0;
const noUnits = (): StatedUnits => ({ lead: [], support: [], implement: [], listed: [] });

export function notesPlan(roots: readonly OutlineNode[], ctx: PlanContext): PlannedTask[] {
  interface Candidate {
    node: OutlineNode;
    tasks: PlannedTask[];
    assigned: boolean;
    /** Assigned by its closing sentence only (see closingSentence). */
    bySentence?: boolean;
  }
  const candidates: Candidate[] = [];
  const byNode = new Map<OutlineNode, Candidate>();
  for (const node of walk(roots)) {
    const fields: Field[] = [];
    const prose: string[] = [];
    for (const p of node.paragraphs) {
      const l = readLabelledLine(p);
      const previous = fields[fields.length - 1];
      if (l) fields.push(l);
      // A label's list carried on to the next line ("责任单位：A、B、" / "C、D"): units, nothing else.
      else if (previous && previous.role !== 'deadline' && previous.role !== 'person' && prose.length === 0 && continuesList(previous.value, p)) {
        previous.value += p.trim();
      } else prose.push(p);
    }
    const sourceText = [node.marker ? node.printed + node.text : node.text, ...node.paragraphs].join('\n');
    const source: TaskSource = { block: ctx.blockOf(node.line), text: sourceText };
    let own = [node.text, ...prose].filter(Boolean).join('\n');
    const notes = findNotes(own, ctx);
    // A closing sentence that assigns ("……。由A牵头，B配合。") is read beside other items' notes; a document
    // assigning only in sentences is prose (prosePlan), read as a whole.
    let bySentence = false;
    if (notes.length === 0) {
      const bare = closingList(own);
      if (bare) notes.push(bare);
    }
    if (notes.length === 0) {
      const at = inlineLabelAt(own);
      if (at >= 0) {
        const inline = inlineFields(own.slice(at));
        if (inline.fields.length) {
          fields.unshift(...inline.fields);
          own = (own.slice(0, at).trim() + (inline.remark ? `\n${inline.remark}` : '')).trim();
        }
      }
    }
    if (notes.length === 0 && fields.length === 0) {
      const sentence = closingSentence(own, ctx);
      if (sentence) {
        notes.push(sentence);
        bySentence = true;
      }
    }
    const section = ancestorHeadings(node);
    const label = node.marker.label;
    const assignedFields = fields.some((f) => f.role !== 'deadline' && f.role !== 'person');
    if (notes.length === 0 && !assignedFields) {
      const c = { node, tasks: [], assigned: false };
      candidates.push(c);
      byNode.set(node, c);
      continue;
    }
    // A heading over paragraphs that split into tasks ("一、提升政务服务效能" / "深化……（A负责）" / "推进……（B负责）")
    // heads each of them: it is their section, not the first one's text.
    const headed = notes.length >= 2 && node.paragraphs.length > 0 && isHeadingOnly(node) && notes[0]!.start > node.text.length;
    const make = (number: string, content: string, a: Assignment): PlannedTask => {
      const task: PlannedTask = {
        number,
        section: headed ? [...section, node.heading] : section,
        content: trimEndOf(content.trim(), '，,；;、 ').trim(),
        lead: [],
        support: [],
        implement: [],
        deadline: a.deadline ? parseDeadline(a.deadline) : null,
        units: unitsOf(a),
        source,
      };
      if (a.unread.length) ctx.partly.push({ task, unread: a.unread, note: '' });
      forAllOf.set(task, a.forAll?.implement ?? null);
      return task;
    };
    const out: PlannedTask[] = [];
    if (notes.length >= 2) {
      let from = headed ? node.text.length : 0;
      notes.forEach((n, k) => {
        out.push(make(`${label}-${k + 1}`, own.slice(from, n.start), fromFields(k === 0 ? fields : [], n.assignment, ctx.ruleStated)));
        from = n.end;
      });
      const tail = own.slice(from).trim();
      if (tail && out.length) out[out.length - 1]!.content += tail;
    } else {
      const note = notes[0] ?? null;
      const content = note ? own.slice(0, note.start) + own.slice(note.end) : own;
      out.push(make(label, content, fromFields(fields, note?.assignment ?? null, ctx.ruleStated)));
    }
    const c = { node, tasks: out, assigned: true, bySentence };
    candidates.push(c);
    byNode.set(node, c);
  }
  if (!candidates.some((c) => c.assigned && !c.bySentence)) return [];

  // A heading that carries the assignment ("（一）加强药品监管（市市场监管局牵头）") heads its items: it is no task
  // itself, and its items without a note of their own take its units.
  for (const c of candidates) {
    if (!c.assigned || c.node.children.length === 0 || c.tasks.length !== 1 || !isHeadingOnly({ ...c.node, text: c.tasks[0]!.content })) continue;
    // Items that all carry notes of their own leave the heading a task of its own ("（1）制定台账模板。（办公室负责）").
    const leaves = [...walk(c.node.children)].filter((d) => d.children.length === 0);
    if (leaves.every((d) => byNode.get(d)?.assigned)) continue;
    const units = c.tasks[0]!.units;
    c.tasks = [];
    for (const d of walk(c.node.children)) {
      const dc = byNode.get(d);
      if (!dc || dc.assigned || d.children.length) continue;
      const content = [d.text, ...d.paragraphs].join('\n').trim();
      if (!content) continue;
      dc.assigned = true;
      dc.tasks = [
        {
          number: d.marker.label,
          section: ancestorHeadings(d),
          content,
          lead: [],
          support: [],
          implement: [],
          deadline: null,
          units: { lead: [...units.lead], support: [...units.support], implement: [...units.implement], listed: [...units.listed] },
          source: { block: ctx.blockOf(d.line), text: [d.printed + d.text, ...d.paragraphs].join('\n') },
        },
      ];
    }
  }

  // An item without an assignment is a task (its note lost, or left for the supervisor to fill) only among
  // sibling items that carry assignments, and not under a heading such as 指导思想 or 保障措施.
  const assignedSiblings = new Set<OutlineNode | null>();
  for (const c of candidates) if (c.assigned) assignedSiblings.add(c.node.parent);
  const entries: { node: OutlineNode; task: PlannedTask }[] = [];
  for (const c of candidates) {
    if (c.assigned) for (const task of c.tasks) entries.push({ node: c.node, task });
    else if (c.node.children.length === 0 && [...ancestorsOf(c.node)].some((a) => byNode.get(a)?.assigned && !byNode.get(a)?.tasks.length)) continue;
    else if (c.node.children.length === 0 && assignedSiblings.has(c.node.parent) && !underFrameHeading(c.node)) {
      const content = [c.node.text, ...c.node.paragraphs].join('\n').trim();
      // An item that only sets up a body (领导小组, its members, its office) is no task.
      if (!content || organisationalStatement(content).found) continue;
      entries.push({
        node: c.node,
        task: {
          number: c.node.marker.label,
          section: ancestorHeadings(c.node),
          content,
          lead: [],
          support: [],
          implement: [],
          deadline: null,
          units: noUnits(),
          source: { block: ctx.blockOf(c.node.line), text: [c.node.printed + c.node.text, ...c.node.paragraphs].join('\n') },
        },
      });
    }
  }
  // "以下…均需X落实，不再单独列出": X implements this task and every one after it.
  let forAll: string[] = [];
  for (const e of entries) {
    const own = forAllOf.get(e.task);
    if (own) forAll = own;
    const u = e.task.units;
    for (const name of forAll) {
      if (![...u.lead, ...u.support, ...u.implement, ...u.listed].includes(name)) u.implement.push(name);
    }
  }
  // When plain labels repeat ("1." restarting in every chapter), number tasks by their path ("二(一)1").
  if (new Set(entries.map((e) => e.task.number)).size !== entries.length) {
    for (const e of entries) e.task.number = pathLabel(e.node) + (/-\d+$/.exec(e.task.number)?.[0] ?? '');
  }
  return entries.map((e) => e.task);
}

const forAllOf = new WeakMap<PlannedTask, string[] | null>();

// ---- Shape 6/7: prose, or numbered items offered as candidates -------------------------------------

/**
 * "一是…；二是…；三是…" (or a leader's "一要…二要…三要…"): an enumeration inside a paragraph or over consecutive
 * paragraphs, each item a requirement of its own. Items start at the text's start, a line start or after "：；。",
 * and count up from 一是 (一要) in one word.
 */
const ENUMERATION_MARK = /(?:^|[：:；;。！\n])\s*([一二三四五六七八九十]{1,2})(是|要)(?![求点])/g;

export function enumerationItems(text: string): { label: string; text: string }[] {
  const sample = text.length > 20_000 ? text.slice(0, 20_000) : text;
  const marks: { label: string; at: number; end: number }[] = [];
  let word = '';
  for (const m of sample.matchAll(ENUMERATION_MARK)) {
    const value = chineseNumber(m[1]!);
    if (value !== marks.length + 1 || (word && m[2] !== word)) continue;
    word = m[2]!;
    const end = (m.index ?? 0) + m[0].length;
    marks.push({ label: `${m[1]}${m[2]}`, at: end - m[1]!.length - 1, end });
  }
  if (marks.length < 2) return [];
  return marks.map((m, k) => ({
    label: m.label,
    text: trimEndOf(sample.slice(m.end, k + 1 < marks.length ? marks[k + 1]!.at : undefined).trim(), '；;。 \n').trim(),
  }));
}

/** Enumerated requirements that each name who carries them out: one task per item. */
function enumeratedTasks(
  text: string,
  base: Omit<PlannedTask, 'number' | 'content' | 'units'>,
  number: (label: string, k: number) => string,
): PlannedTask[] {
  const items = enumerationItems(text);
  const read = items.map((item) => {
    // An item may carry a note of its own ("二是……（市财政局负责）") or name its subject in prose.
    const note = findNotes(item.text)[0];
    const text = note ? (item.text.slice(0, note.start) + item.text.slice(note.end)).trim() : item.text;
    return { item, text, a: note?.assignment ?? findProseAssignment(item.text, { sentenceSubjects: true }) };
  });
  if (read.filter((r) => r.a).length < 2) return [];
  // Items that name no one ("一是思想要更重视") are exhortations, not tasks.
  return read.filter((r) => r.a).map(({ item, text, a }, k) => ({
    ...base,
    number: number(item.label, k),
    content: text,
    units: a ? { lead: a.lead, support: a.support, implement: a.implement, listed: a.listed } : noUnits(),
  }));
}

/**
 * An unnumbered duty list under a heading ("二、职责分工" / "区商务局：负责…" / "区教育局：负责…") or after an item
 * that introduces it ("……职责分工如下："): two or more paragraphs that each open with the bodies they are about.
 * Each is a task (numbered by the heading and its place, "二-1"), the bodies its lead (several: one list); the
 * heading's other paragraphs (an introduction) are not tasks.
 */
function dutyParagraphs(node: OutlineNode, base: Omit<PlannedTask, 'number' | 'content' | 'units'>): PlannedTask[] {
  // Under a heading ("二、职责分工"), or an item that introduces the list ("5、……其职责分工如下：").
  if (node.paragraphs.length < 2 || !(isHeadingOnly(node) || /[：:]$/.test(node.text.trim()))) return [];
  const entries = node.paragraphs.map((p) => ({ text: p.trim(), a: dutyParagraph(p.trim()) })).filter((e) => e.a !== null);
  if (entries.length < 2 || entries.length * 2 < node.paragraphs.filter((p) => p.trim()).length) return [];
  return entries.map((e, k) => ({
    ...base,
    number: `${node.marker.label}-${k + 1}`,
    content: e.text,
    units: { lead: e.a!.lead, support: e.a!.support, implement: e.a!.implement, listed: e.a!.listed },
  }));
}

/** Requirements enumerated "一是…二是…" in unnumbered paragraphs (a meeting's minutes, a leader's remarks). */
export function enumerationPlan(paragraphs: readonly { text: string; line: number }[], ctx: PlanContext): PlannedTask[] {
  const out: PlannedTask[] = [];
  const baseOf = (p: { text: string; line: number }, text: string) => ({
    section: [], lead: [], support: [], implement: [], deadline: null, source: { block: ctx.blockOf(p.line), text },
  });
  // Paragraphs that each open with one item ("一要…" / "二要…" on lines of their own) form one enumeration.
  let run: { text: string; line: number }[] = [];
  const flush = () => {
    if (run.length >= 2) out.push(...enumeratedTasks(run.map((p) => p.text).join('\n'), baseOf(run[0]!, run.map((p) => p.text).join('\n')), (label) => label));
    run = [];
  };
  for (const p of paragraphs) {
    const inside = enumerationItems(p.text);
    if (inside.length >= 2) {
      flush();
      out.push(...enumeratedTasks(p.text, baseOf(p, p.text), (label) => label));
      continue;
    }
    const opens = /^\s*([一二三四五六七八九十]{1,2})(是|要)(?![求点])/.exec(p.text);
    if (opens && chineseNumber(opens[1]!) === 1) flush();
    if (opens && (run.length > 0 || chineseNumber(opens[1]!) === 1)) run.push(p);
    else if (!opens && run.length > 0 && run.length < 12) continue; // a paragraph that carries the last item on
    else flush();
  }
  flush();
  return out;
}

export function prosePlan(roots: readonly OutlineNode[], ctx: PlanContext): { tasks: PlannedTask[]; assigned: boolean } {
  const leaves = [...walk(roots)].filter((n) => n.children.length === 0);
  let assigned = false;
  const tasks = leaves.flatMap((node): (PlannedTask & { node: OutlineNode; organisational?: boolean })[] => {
    const heading = isHeadingOnly(node) && node.paragraphs.length > 0;
    const section = heading ? [...ancestorHeadings(node), node.heading] : ancestorHeadings(node);
    // A heading line names the task ("(一)确保栽足种实"); its text follows on the next lines.
    const whole = [node.text, ...node.paragraphs].join('\n').trim() || node.title;
    // A body set up in the item (领导小组, its members, its office) is no task; what else the item says is read.
    const body = organisationalStatement(whole);
    const content = body.found ? body.rest : whole;
    const source = { block: ctx.blockOf(node.line), text: [node.printed + node.text, ...node.paragraphs].join('\n') };
    const base = { section, lead: [], support: [], implement: [], deadline: null, source };
    const enumerated = enumeratedTasks(content, base, (_, k) => `${node.marker.label}-${k + 1}`);
    if (enumerated.length) {
      assigned = true;
      return enumerated.map((t) => ({ ...t, node }));
    }
    const duties = dutyParagraphs(node, base);
    if (duties.length) {
      assigned = true;
      return duties.map((t) => ({ ...t, node }));
    }
    // "明确工作责任。A负责…；B负责…；C负责…": each clause a task of its own.
    const shared = dutyClauses(content);
    if (shared.length) {
      assigned = true;
      return shared.map(({ text, a }, k) => ({ ...base, node, number: `${node.marker.label}-${k + 1}`, content: text, units: { lead: a.lead, support: a.support, implement: a.implement, listed: a.listed } }));
    }
    const a = findProseAssignment(content);
    if (a) assigned = true;
    return [{
      node,
      organisational: body.found,
      number: node.marker.label,
      section,
      content,
      lead: [],
      support: [],
      implement: [],
      deadline: null,
      units: a ? { lead: a.lead, support: a.support, implement: a.implement, listed: a.listed } : noUnits(),
      source,
    }];
  });
  // Once some items name who does them, items that only set the frame (指导思想, 目标任务) are not tasks.
  // Items that only set up a body are no tasks either.
  // Under such a frame (工作要求, 保障措施), an item naming only everyone ("各单位要高度重视…") is an exhortation too.
  const kept = assigned ? tasks.filter((t) => (underFrameHeading(t.node) ? namesSomeBody(t.units) : hasUnits(t.units) || !t.organisational)) : tasks;
  const unique = new Set(kept.map((t) => t.number)).size === kept.length;
  return {
    tasks: kept.map(({ node, organisational: _, ...t }) => ({ ...t, number: unique ? t.number : pathLabel(node) })),
    assigned,
  };
}
