import type { LeadRule } from '../../model/schemas';
import type { ExtractedDocument, TableBlock } from '../document';
import { DocumentRefusedError, type ParsedTask, type ParseResult, type ParseWarning } from '../types';
import { findNotes, parseAssignment, readLabelledLine, type Assignment, type ListedRule } from './assignment';
import { aliasWarnings, BodyText, dedupeNumbers, headingKey, outlineGaps, tableNumberGaps } from './checks';
import { findDeadlinePhrase, findReportingCadences, parseDeadline } from './deadline';
import { findFlattenedTables } from './flattened';
import { readMetadata } from './metadata';
import { readMarker } from './numbering';
import {
  ancestorHeadings,
  buildOutline,
  isHeadingOnly,
  pathLabel,
  segmentLines,
  walk,
  type OutlineNode,
} from './outline';
import { findProseAssignment } from './prose';
import { interpretTable, type TableTask } from './table';
import { dedupe, trimEndOf } from './units';

/** Documents beyond this many characters of text are refused (about 2,500 pages; real plans are far smaller). */
export const MAX_TEXT_CHARS = 5_000_000;
const MAX_CONTENT = 20_000;

/** Lines where the body of a scraped page or a document's measures end. */
const BODY_STOP =
  /^(?:附\s*件\s*(?:[:：\d１-９一二三四五六七八九十]|$)|相关稿件|相关链接|相关阅读|相关文件|扫一扫|打印本页|【打印|责任编辑|分享到|上一篇|下一篇|抄送\s*[:：]|Copyright|版权所有)|(?:任务分解表|责任分工表|任务分工表|分工方案)$/;

export { parseDeadline, findReportingCadences } from './deadline';

const LABEL_WORDS =
  '(?:牵头(?:责任)?(?:单位|部门)|责任(?:单位|部门)|配合(?:单位|部门)|协办单位|参与单位|(?:主要)?协作单位|(?:具体)?落实单位|完成时限|时间节点|完成时间)';
const INLINE_LABEL = new RegExp(`(^|[。；;\\s])${LABEL_WORDS}\\s*[:：]`);
const LABEL_SPLIT = new RegExp(`(?=${LABEL_WORDS}\\s*[:：])`);
export { splitUnits } from './units';
export { interpretTable } from './table';

interface Positioned {
  at: number;
  end: number;
  table: TableBlock;
}

function assemble(doc: ExtractedDocument): { lines: string[]; tables: Positioned[]; size: number } {
  const lines: string[] = [];
  const tables: Positioned[] = [];
  let size = 0;
  let hasText = false;
  const tooLarge = () =>
    new DocumentRefusedError(`文档文字过多（超过 ${MAX_TEXT_CHARS / 1_000_000} 百万字），无法作为任务文件导入，请拆分后再试`, 'too-large');
  for (const block of doc.blocks) {
    if (block.kind === 'paragraph') {
      size += block.text.length;
      if (size > MAX_TEXT_CHARS) throw tooLarge();
      if (!hasText && /\S/.test(block.text)) hasText = true;
      if (block.text.includes('\n')) for (const l of block.text.split(/\r?\n/)) lines.push(l);
      else lines.push(block.text.replace(/\r$/, ''));
    } else {
      for (const row of block.rows) for (const cell of row) {
        size += cell.length;
        if (!hasText && /\S/.test(cell)) hasText = true;
      }
      if (size > MAX_TEXT_CHARS) throw tooLarge();
      tables.push({ at: lines.length, end: lines.length, table: block });
    }
  }
  if (!hasText) throw new DocumentRefusedError('文档中没有可识别的文字，请检查文件是否为空或为扫描图片', 'empty');
  return { lines, tables, size };
}

function detectListedRule(text: string): { rule: ListedRule; stated: boolean } {
  if (/(?:排名|排序)不分先后|均为牵头单位|均为责任单位|共同牵头|均为主要责任单位/.test(text)) {
    return { rule: 'all-listed-are-leads', stated: true };
  }
  if (/(?:列|排)(?:在)?第一位?(?:的|者)?(?:单位)?(?:为|是)牵头|第一(?:个)?单位为牵头|首位(?:单位)?为牵头/.test(text)) {
    return { rule: 'first-listed-is-lead', stated: true };
  }
  return { rule: 'first-listed-is-lead', stated: false };
}

const clip = (s: string, n: number): string => (s.length > n ? s.slice(0, n) : s);

function finishTask(t: ParsedTask): ParsedTask {
  const name = (u: string) => clip(u, 200);
  return {
    number: clip(t.number, 40),
    section: t.section.map((s) => clip(s, 200)),
    content: clip(t.content, MAX_CONTENT),
    lead: dedupe(t.lead.map(name)),
    support: dedupe(t.support.map(name)),
    implement: dedupe(t.implement.map(name)),
    deadline: t.deadline,
  };
}

/** Turn extracted blocks into tasks, units, deadlines and warnings. */
export function parseExtracted(doc: ExtractedDocument): ParseResult {
  const { lines, tables } = assemble(doc);
  const fullText = lines.join('\n');
  const meta = readMetadata(lines);
  const listed = detectListedRule(fullText.length > 2_000_000 ? fullText.slice(0, 2_000_000) : fullText);

  // Tables: real ones from readers, and tables flattened into paragraphs rebuilt into rows.
  const flattened = findFlattenedTables(lines).map((f): Positioned => ({ at: f.start, end: f.end, table: f.table }));
  const allTables = [...tables, ...flattened].sort((a, b) => a.at - b.at);
  const interpreted = allTables
    .map((p) => ({ p, result: interpretTable(p.table, listed.rule) }))
    .filter((x) => x.result && x.result.tasks.length > 0);

  // Body: from the measures title to the first task table or the end of the text proper.
  const titleIsWholeLine = meta.titleLine >= 0 && (lines[meta.titleLine] ?? '').replace(/\s+/g, '').length <= (meta.title ?? '').length;
  const bodyStart = meta.titleLine < 0 ? 0 : meta.titleLine + (titleIsWholeLine ? 1 : 0);
  let bodyEnd = lines.length;
  for (const x of interpreted) if (x.p.at >= bodyStart) bodyEnd = Math.min(bodyEnd, x.p.at);
  for (let i = bodyStart; i < bodyEnd; i++) {
    const t = (lines[i] ?? '').trim();
    if (t.length <= 60 && BODY_STOP.test(t)) {
      bodyEnd = i;
      break;
    }
  }
  const bodyLines = lines.slice(bodyStart, bodyEnd).filter((_, k) => {
    const i = bodyStart + k;
    return !flattened.some((f) => i >= f.at && i < f.end);
  });
  const segments = segmentLines(bodyLines);
  const outline = buildOutline(segments);

  const warnings: ParseWarning[] = [];
  let tasks: ParsedTask[];
  let leadRule: LeadRule = 'columns';

  if (interpreted.length > 0) {
    const fromTables = interpreted.flatMap((x) => x.result!.tasks);
    if (interpreted.some((x) => x.result!.usesListedColumn)) leadRule = listed.rule;
    tasks = tablePlan(fromTables, outline.roots, segments.map((s) => s.text), warnings);
    for (const x of interpreted) warnings.unshift(...tableNumberGaps(x.result!.tasks.map((t) => t.number)));
  } else {
    const byNotes = notesPlan(outline.roots, listed.rule);
    if (byNotes.length > 0) tasks = byNotes;
    else {
      const byProse = prosePlan(outline.roots);
      tasks = byProse.tasks;
      if (!byProse.assigned) {
        warnings.push({
          code: 'no-assignments',
          message:
            tasks.length > 0
              ? `未找到任务分解表或责任分工说明，已将正文中的 ${tasks.length} 个编号条目列为候选任务，请逐项指定牵头单位和配合单位。`
              : '未在文档中找到任务分解表、编号条目或责任分工说明，请确认导入的是工作方案或任务分解文件。',
        });
      }
    }
  }

  const gapWarnings = outlineGaps(outline.roots);
  const numbering = [...warnings.filter((w) => w.code === 'numbering-gap'), ...gapWarnings];
  const seenNear = new Set<string>();
  const uniqueGaps = numbering.filter((w) => (seenNear.has(w.near ?? '') ? false : (seenNear.add(w.near ?? ''), true)));
  const rest = warnings.filter((w) => w.code !== 'numbering-gap');
  // "6月底前" in a 2023 plan means June 2023.
  const docYear = Number(meta.date?.slice(0, 4) ?? /^(\d{4})年/.exec(meta.title ?? '')?.[1] ?? NaN);
  if (Number.isFinite(docYear)) {
    for (const t of tasks) if (t.deadline && t.deadline.date === null) t.deadline = parseDeadline(t.deadline.text, docYear);
  }
  const finished = tasks.map(finishTask);
  const duplicates = dedupeNumbers(finished);
  const ordered: ParseWarning[] = [
    ...uniqueGaps,
    ...rest.filter((w) => w.code === 'section-from-body'),
    ...rest.filter((w) => w.code === 'content-mismatch'),
    ...aliasWarnings(finished),
    ...rest.filter((w) => w.code === 'no-assignments'),
    ...duplicates,
  ];

  return {
    title: meta.title,
    docNumber: meta.docNumber,
    issuer: meta.issuer,
    date: meta.date,
    leadRule,
    reporting: findReportingCadences(fullText.length > 2_000_000 ? fullText.slice(0, 2_000_000) : fullText),
    tasks: finished,
    warnings: ordered,
  };
}

// ---- Shape 1/2/3: the task table is the plan; the body checks it ----------------------------------

function stripMarker(text: string): string {
  const m = readMarker(text);
  return m ? text.slice(m.length).trim() : text.trim();
}

function tablePlan(rows: TableTask[], roots: readonly OutlineNode[], bodyParagraphs: string[], warnings: ParseWarning[]): ParsedTask[] {
  const byTitle = new Map<string, OutlineNode>();
  for (const node of walk(roots)) {
    const key = headingKey(node.title);
    if (key && !byTitle.has(key)) byTitle.set(key, node);
  }
  const fromBody: string[] = [];
  const mismatched: string[] = [];
  const body = new BodyText(bodyParagraphs);

  const tasks = rows.map((row): ParsedTask => {
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
      }
    }
    if (corrected) fromBody.push(row.number);
    if (body.disagrees(row.content)) mismatched.push(row.number);
    return {
      number: row.number,
      section: [...row.spanning, ...cols.filter(Boolean)],
      content: row.content,
      lead: row.lead,
      support: row.support,
      implement: row.implement,
      deadline: row.deadline,
    };
  });
  if (fromBody.length) {
    warnings.push({
      code: 'section-from-body',
      tasks: fromBody,
      message: `任务 ${fromBody.join('、')} 在任务分解表中缺少所属项目，已按正文的章节归类，请核对。`,
    });
  }
  if (mismatched.length) {
    warnings.push({
      code: 'content-mismatch',
      tasks: mismatched,
      message: `任务 ${mismatched.join('、')} 在任务分解表中的内容与正文表述不一致，请以印发原文为准核对。`,
    });
  }
  return tasks;
}

// ---- Shape 4/5: inline notes and labelled lines under numbered measures -------------------------------

function notesPlan(roots: readonly OutlineNode[], listedRule: ListedRule): ParsedTask[] {
  interface Candidate {
    node: OutlineNode;
    tasks: ParsedTask[];
    assigned: boolean;
  }
  const candidates: Candidate[] = [];
  for (const node of walk(roots)) {
    const labelled: { role: string; value: string }[] = [];
    const prose: string[] = [];
    for (const p of node.paragraphs) {
      const l = readLabelledLine(p);
      if (l) labelled.push(l);
      else prose.push(p);
    }
    let own = [node.text, ...prose].filter(Boolean).join('\n');
    const notes = findNotes(own, listedRule);
    if (notes.length === 0) {
      // Labels inside the measure's own text: "……。牵头单位：A；配合单位：B；完成时限：2023年底前".
      const inline = INLINE_LABEL.exec(own.length > 20_000 ? own.slice(0, 20_000) : own);
      if (inline) {
        const at = inline.index + inline[1]!.length;
        for (const piece of own.slice(at).split(LABEL_SPLIT)) {
          const l = readLabelledLine(trimEndOf(piece, '。；; \t\n'));
          if (l) labelled.push(l);
        }
        if (labelled.length) own = own.slice(0, at).trim();
      }
    }
    const section = ancestorHeadings(node);
    const label = node.marker.label;
    if (notes.length === 0 && labelled.length === 0) {
      candidates.push({ node, tasks: [], assigned: false });
      continue;
    }
    const deadlineLine = labelled.find((l) => l.role === 'deadline');
    const make = (number: string, content: string, a: Assignment): ParsedTask => ({
      number,
      section,
      content: content.trim(),
      lead: a.lead,
      support: a.support,
      implement: a.implement,
      deadline: deadlineLine ? parseDeadline(deadlineLine.value) : findDeadlinePhrase(content),
    });
    const out: ParsedTask[] = [];
    if (notes.length >= 2) {
      let from = 0;
      notes.forEach((n, k) => {
        out.push(make(`${label}-${k + 1}`, own.slice(from, n.start), n.assignment));
        from = n.end;
      });
      const tail = own.slice(from).trim();
      if (tail && out.length) out[out.length - 1]!.content += tail;
    } else {
      let a: Assignment = notes[0]?.assignment ?? { lead: [], support: [], implement: [], explicit: false };
      const content = notes[0] ? own.slice(0, notes[0].start) + own.slice(notes[0].end) : own;
      if (labelled.some((l) => l.role !== 'deadline')) {
        const lead: string[] = [...a.lead];
        const support: string[] = [...a.support];
        const implement: string[] = [...a.implement];
        for (const l of labelled) {
          if (l.role === 'deadline') continue;
          const part = parseAssignment(l.value, { fallback: l.role as 'lead' | 'support' | 'implement' | 'listed', listedRule });
          lead.push(...part.lead);
          support.push(...part.support);
          implement.push(...part.implement);
        }
        const ld = dedupe(lead);
        a = { lead: ld, support: dedupe(support).filter((u) => !ld.includes(u)), implement: dedupe(implement), explicit: true };
      }
      out.push(make(label, content, a));
    }
    candidates.push({ node, tasks: out, assigned: true });
  }
  const assignedStyles = new Set(candidates.filter((c) => c.assigned).map((c) => c.node.marker.style));
  if (assignedStyles.size === 0) return [];
  const entries: { node: OutlineNode; task: ParsedTask }[] = [];
  for (const c of candidates) {
    if (c.assigned) for (const task of c.tasks) entries.push({ node: c.node, task });
    else if (assignedStyles.has(c.node.marker.style) && c.node.children.length === 0) {
      const content = [c.node.text, ...c.node.paragraphs].join('\n').trim();
      entries.push({
        node: c.node,
        task: { number: c.node.marker.label, section: ancestorHeadings(c.node), content, lead: [], support: [], implement: [], deadline: findDeadlinePhrase(content) },
      });
    }
  }
  // When plain labels repeat ("1." restarting in every chapter), number tasks by their path ("二(一)1").
  if (new Set(entries.map((e) => e.task.number)).size !== entries.length) {
    for (const e of entries) e.task.number = pathLabel(e.node) + (/-\d+$/.exec(e.task.number)?.[0] ?? '');
  }
  return entries.map((e) => e.task);
}

// ---- Shape 6/7: prose, or numbered items offered as candidates -------------------------------------

function prosePlan(roots: readonly OutlineNode[]): { tasks: ParsedTask[]; assigned: boolean } {
  const leaves = [...walk(roots)].filter((n) => n.children.length === 0);
  let assigned = false;
  const tasks = leaves.map((node): ParsedTask & { node: OutlineNode } => {
    const heading = isHeadingOnly(node) && node.paragraphs.length > 0;
    const section = heading ? [...ancestorHeadings(node), node.heading] : ancestorHeadings(node);
    const content = (heading ? node.paragraphs.join('\n') : [node.text, ...node.paragraphs].join('\n')).trim() || node.title;
    const a = findProseAssignment(content);
    if (a) assigned = true;
    return {
      node,
      number: node.marker.label,
      section,
      content,
      lead: a?.lead ?? [],
      support: a?.support ?? [],
      implement: [],
      deadline: findDeadlinePhrase(content),
    };
  });
  const unique = new Set(tasks.map((t) => t.number)).size === tasks.length;
  return {
    tasks: tasks.map(({ node, ...t }) => ({ ...t, number: unique ? t.number : pathLabel(node) })),
    assigned,
  };
}
