import { isUnitName } from './units';
import { findNotes, readLabelledLine } from './assignment';
import { readMarker } from './numbering';
import type { TableTask } from './table';

/**
 * A page that ends in the middle of the text (a saved web page cut after its first few thousand bytes, a
 * truncated file). What the cut leaves unfinished is not read as a task or unit: a measure whose text or note is
 * cut is left out, a unit cut in the middle of its name is left out of its list, a field whose label or date is
 * cut is dropped — each with a warning, so that the officer knows the document is incomplete.
 */
export interface Cut {
  /** What was left out: the task, its last unit, or a field. */
  dropped: 'task' | 'unit' | 'field';
  /** The unfinished text at the end of the document. */
  text: string;
}

/** Characters a finished text may end with. */
const FINISHED = /[。！？!?；;…”’」』）)\]］】〕》.．]$/;

/** Lines that end a document without ending a sentence: a signature, a date, a number, furniture. */
function endsDocument(t: string): boolean {
  const s = t.replace(/\s+/g, '');
  return (
    /^\d{4}年\d{1,2}月\d{1,2}日$/.test(s) ||
    /^[〇○零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日$/.test(s) ||
    (s.length <= 40 && /(?:政府|办公室|办公厅|委员会|人民政府|局|委|办|厅|中心|院|部)$/.test(s) && !/[，,、：:]/.test(s)) ||
    /^(?:附件|抄送|主送|联系人|联系电话|打印|关闭|返回)/.test(s) ||
    /^(?:第\d+页.*|[-—－]*\d+[-—－]*)$/.test(s)
  );
}

/** Labels whose beginning a cut may leave ("完成时" of 完成时限). */
const LABEL_WORDS = ['完成时限', '完成时间', '时间节点', '责任单位', '牵头单位', '配合单位', '协同单位', '协办单位', '责任部门', '牵头部门', '配合部门', '牵头领导', '责任领导', '主要责任单位', '协同责任单位', '牵头责任单位'];

/** True when a text ends unfinished: no sentence end, and not a line that may end a document. */
/** True when quotes or brackets opened in the text are not closed ("(三)关于“加大力度落实‘米袋子’"). */
function leftOpen(t: string): boolean {
  let quotes = 0;
  let brackets = 0;
  for (const ch of t) {
    if (ch === '“') quotes++;
    else if (ch === '”') quotes = Math.max(0, quotes - 1);
    else if ('（(〔[［【'.includes(ch)) brackets++;
    else if ('）)〕]］】'.includes(ch)) brackets = Math.max(0, brackets - 1);
  }
  return quotes > 0 || brackets > 0;
}

/** A unit's name, or a short word that may be one the lexicon does not know; never a clause. */
const nameLike = (n: string): boolean => isUnitName(n) || (n.length <= 8 && !/[，,。；;：:]/.test(n));

export function endsUnfinished(text: string): boolean {
  const t = text.trim();
  if (t && leftOpen(t)) return true;
  // A number with nothing after it ("(二)" as the page's last line): the measure it opens is cut away.
  const marker = readMarker(t);
  if (marker && !t.slice(marker.length).trim()) return true;
  if (!t || FINISHED.test(t) || endsDocument(t)) return false;
  // "…市本级。 六安市民生办": a signature after the last sentence.
  const afterSentence = t.slice(Math.max(...[...'。！？!?；;'].map((c) => t.lastIndexOf(c))) + 1).trim();
  if (afterSentence.length < t.length && endsDocument(afterSentence)) return false;
  // A list that ends with a whole unit name ("责任单位：区委宣传部、区市场监管局") is finished.
  const tail = t.slice(Math.max(...[...'、，,；;：:'].map((c) => t.lastIndexOf(c))) + 1).trim();
  if (!(tail.length < t.length && isUnitName(tail))) return true;
  // …but only a list: a sentence that breaks off at a short word ending like a unit ("…研发机构、中科") is cut.
  const list = t.slice(Math.max(...[...'：:。（(〔[【'].map((c) => t.lastIndexOf(c))) + 1);
  return !list.split(/[、，,；;]/).map((p) => p.trim()).filter(Boolean).every(nameLike);
}

/**
 * The body's segments without what the cut left unfinished. `segments` are in reading order; only the last
 * one, and the measure it belongs to, are ever touched.
 */
export function trimCutTail<T extends { text: string }>(segments: readonly T[]): { segments: T[]; cut: Cut | null } {
  const first = trimOnce(segments);
  if (!first.cut || first.cut.dropped === 'task') return first;
  // What is left of the last measure once the cut field is gone must still say who does it.
  const out = first.segments;
  let from = out.length - 1;
  while (from > 0 && !readMarker(out[from]!.text)) from--;
  const item = out.slice(from);
  if (!readMarker(out[from]?.text ?? '') || item.some(assigns)) return first;
  out.splice(from);
  return { segments: out, cut: { dropped: 'task', text: first.cut.text } };
}

/**
 * A page that ends after a measure's text where its fields would follow: in a document whose measures are each
 * followed by field lines ("牵头单位：…" / "责任单位：…"), a last measure without any is cut before them.
 */
function fieldsCut<T extends { text: string }>(out: T[]): { segments: T[]; cut: Cut | null } {
  let from = out.length - 1;
  while (from > 0 && !readMarker(out[from]!.text)) from--;
  if (from <= 0 || !readMarker(out[from]!.text) || out.slice(from).some(assigns) || out.slice(from).some((s) => readLabelledLine(s.text))) return { segments: out, cut: null };
  // The measures before it: each followed by a unit field line of its own.
  let withFields = 0;
  let items = 0;
  let fields = false;
  for (let i = 0; i < from && items < 40; i++) {
    const seg = out[from - 1 - i]!;
    const l = readLabelledLine(seg.text);
    if (l && l.role !== 'deadline' && l.role !== 'person') fields = true;
    if (readMarker(seg.text)) {
      items++;
      if (fields) withFields++;
      else break;
      fields = false;
    }
  }
  if (withFields < 2) return { segments: out, cut: null };
  const text = out[from]!.text;
  out.splice(from);
  return { segments: out, cut: { dropped: 'task', text } };
}

/** A segment that names who carries out the measure: a unit field, a note, or a field inside the text. */
function assigns(seg: { text: string }): boolean {
  const l = readLabelledLine(seg.text);
  if (l) return l.role !== 'deadline' && l.role !== 'person';
  return findNotes(seg.text).length > 0 || /(?:牵头|责任|配合|协同)(?:单位|部门)\s*[:：]/.test(seg.text);
}

function trimOnce<T extends { text: string }>(segments: readonly T[]): { segments: T[]; cut: Cut | null } {
  const out = [...segments];
  const last = out[out.length - 1];
  if (last && !endsUnfinished(last.text)) return fieldsCut(out);
  if (!last) return { segments: out, cut: null };
  const t = last.text.trim();
  const label = readLabelledLine(t);
  if (label && (label.role === 'deadline' || label.role === 'person')) {
    out.pop();
    return { segments: out, cut: { dropped: 'field', text: t } };
  }
  if (label && label.value) {
    // A unit list cut inside its last name: the names before the cut stay.
    const sep = Math.max(...[...'、，,；;'].map((c) => t.lastIndexOf(c)));
    const kept = sep > t.length - label.value.length ? t.slice(0, sep) : '';
    if (kept && !isUnitName(t.slice(sep + 1).trim())) {
      out[out.length - 1] = { ...last, text: kept };
      return { segments: out, cut: { dropped: 'unit', text: t.slice(sep + 1).trim() } };
    }
    if (isUnitName(label.value.split(/[、，,；;]/).pop()!.trim())) return { segments: out, cut: null };
  } else if (t.length <= 8 && LABEL_WORDS.some((w) => w.startsWith(t) && w !== t)) {
    out.pop();
    return { segments: out, cut: { dropped: 'field', text: t } };
  }
  // A paragraph of its own after a finished text ("……负责落实。)" then "严控地下水超"): only that paragraph.
  const previous = out[out.length - 2];
  if (!readMarker(t) && previous && FINISHED.test(previous.text.trim())) {
    out.pop();
    return { segments: out, cut: { dropped: 'field', text: t } };
  }
  // The measure's text or its note is cut: the measure is left out, from its number on.
  let from = out.length - 1;
  while (from > 0 && !readMarker(out[from]!.text)) from--;
  if (!readMarker(out[from]!.text)) return { segments: out, cut: null };
  out.splice(from);
  return { segments: out, cut: { dropped: 'task', text: t } };
}

/**
 * The last row of a task table that a cut page ends in: a unit cut in the middle of its name is left out, and a
 * row left without any unit (its unit cells not reached, or only a cut name in them) is not a task.
 */
export function trimCutRow(task: TableTask, unitCells: readonly string[]): Cut | null {
  // No unit cell reached by the text (a lead carried down from the row above does not count).
  if (!unitCells.some((c) => c.trim())) return { dropped: 'task', text: task.content.slice(-20) };
  const u = task.units;
  // Text in a unit cell that is a sentence, not a name ("推动…落地": the task's own text run on into the unit
  // columns of a row the cut left unfinished): the row is not read.
  const dropped: string[] = [];
  for (const list of [u.implement, u.support, u.listed, u.lead]) {
    const kept = list.filter(nameLike);
    if (kept.length < list.length) dropped.push(...list.filter((n) => !kept.includes(n)));
    list.splice(0, list.length, ...kept);
  }
  // A sentence among the names means the row's cells are out of step: none of them is a unit.
  if (dropped.length) {
    for (const list of [u.implement, u.support, u.listed, u.lead]) list.splice(0);
    return { dropped: 'task', text: dropped[dropped.length - 1]! };
  }
  for (const list of [u.implement, u.support, u.listed, u.lead]) {
    const name = list[list.length - 1];
    if (name !== undefined) {
      if (isUnitName(name)) break;
      list.pop();
      if (![...u.lead, ...u.support, ...u.listed, ...u.implement].length) return { dropped: 'task', text: name };
      return { dropped: 'unit', text: name };
    }
  }
  if (![...u.lead, ...u.support, ...u.listed, ...u.implement].length) return { dropped: 'task', text: task.content.slice(-20) };
  return null;
}
