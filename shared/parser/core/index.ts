import type { LeadRule } from '../../model/schemas';
import type { ExtractedDocument, TableBlock } from '../document';
import { DocumentRefusedError, type ParsedTask, type ParseResult, type ParseWarning } from '../types';
import type { ListedRule } from './assignment';
import { aliasWarnings, dedupeNumbers, outlineGaps, tableNumberGaps } from './checks';
import { findReportingCadences, parseDeadline } from './deadline';
import { findFlattenedTables } from './flattened';
import { readMetadata } from './metadata';
import { buildOutline, segmentLines } from './outline';
import { notesPlan, prosePlan, tablePlan } from './plans';
import { interpretTable } from './table';
import { attachTargets } from './targets';
import { dedupe } from './units';

/*
 * The parser core: ExtractedDocument (paragraphs and tables from a reader) → ParseResult.
 *
 *   assemble      blocks → lines (+ positions of real tables); refuses empty or oversized documents
 *   metadata      title of the measures document, 文号, issuer, date          (metadata.ts)
 *   tables        real TableBlocks, and tables flattened into paragraphs rebuilt into rows (flattened.ts),
 *                 all read by one interpreter: header synonyms → column roles → tasks (header.ts, table.ts)
 *   body          numbered outline of the text between the title and the first task table (outline.ts)
 *   plan          a task table is the plan and the body checks it; else notes under numbered measures;
 *                 else prose; else the numbered items as candidates (plans.ts, assignment.ts, prose.ts)
 *   warnings      numbering gaps, sections from the body, content mismatches, aliases, duplicates (checks.ts)
 *
 * Every step is linear in the text (no backtracking regexes over unbounded input), so hostile input returns
 * or is refused quickly.
 */

/** Documents beyond this many characters of text are refused (about 2,500 pages; real plans are far smaller). */
export const MAX_TEXT_CHARS = 5_000_000;
const MAX_CONTENT = 20_000;

/** Lines where the body of a scraped page or a document's measures end. */
const BODY_STOP =
  /^(?:附\s*件\s*(?:[:：\d１-９一二三四五六七八九十]|$)|相关稿件|相关链接|相关阅读|相关文件|扫一扫|打印本页|【打印|责任编辑|分享到|上一篇|下一篇|抄送\s*[:：]|Copyright|版权所有)|(?:任务分解表|责任分工表|任务分工表|分工方案)$/;

export { parseDeadline, findReportingCadences } from './deadline';
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

/** The short line just above a table ("附件2 任务分解表（2023年）"), if any. */
function captionAbove(lines: readonly string[], at: number): string | null {
  for (let i = at - 1; i >= Math.max(0, at - 4); i--) {
    const t = (lines[i] ?? '').trim();
    if (!t) continue;
    return t.length <= 60 && !/[。；;]/.test(t) ? t.replace(/\s+/g, ' ') : null;
  }
  return null;
}

function detectListedRule(text: string): { rule: ListedRule; stated: boolean } {
  if (/(?:排名|排序)不分先后|均为牵头单位|均为责任单位|共同牵头|均为主要责任单位/.test(text)) {
    return { rule: 'all-listed-are-leads', stated: true };
  }
  if (/(?:列|排|排名|排序)(?:在)?(?:第一|首)位?(?:的|者)?(?:单位)?(?:为|是)牵头|第一(?:个)?单位为牵头|首位(?:单位)?为牵头|牵头单位(?:列|排)(?:在)?(?:第一|首)位/.test(text)) {
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
  // The rule may be stated in the text or in a table's header ("责任单位（列第一位的为牵头单位）").
  const headerText = tables.map((t) => t.table.rows.slice(0, 3).map((r) => r.join(' ')).join('\n')).join('\n');
  const ruleText = fullText.length > 2_000_000 ? fullText.slice(0, 2_000_000) : fullText;
  const listed = detectListedRule(`${ruleText}\n${headerText.slice(0, 100_000)}`);

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
    // Several task tables whose numbers repeat: each table's caption (the short line above it) heads its tasks.
    const seen = new Set<string>();
    let repeats = false;
    for (const x of interpreted) for (const t of x.result!.tasks) (seen.has(t.number) ? (repeats = true) : seen.add(t.number));
    if (repeats && interpreted.length > 1) {
      for (const x of interpreted) {
        const caption = captionAbove(lines, x.p.at);
        if (caption) for (const t of x.result!.tasks) t.spanning.unshift(caption);
      }
    }
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
  for (const t of finished) attachTargets(t, Number.isFinite(docYear) ? docYear : null);
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
