import { deriveRoles } from '../../model/roles';
import type { LeadRule } from '../../model/schemas';
import type { ExtractedDocument, TableBlock } from '../document';
import { DocumentRefusedError, type ParsedTask, type ParseResult, type ParseWarning } from '../types';
import { statedRule, type StatedRule } from './assignment';
import { aliasWarnings, dedupeNumbers, outlineGaps, tableNumberGaps } from './checks';
import { readableLines, withoutCellBars, wrapWidth, type SourceLine } from './copiedText';
import { endsUnfinished, trimCutRow, trimCutTail, type Cut } from './cutoff';
import { findReportingCadences, parseDeadline } from './deadline';
import { findFlattenedTables } from './flattened';
import { readMetadata } from './metadata';
import { buildOutline, segmentLines, type OutlineNode } from './outline';
import { enumerationPlan, notesPlan, prosePlan, tablePlan, type PlanContext, type PlannedTask } from './plans';
import { readingView } from './reading';
import { interpretTable } from './table';
import { attachTargets } from './targets';
import { dedupe } from './units';

/*
 * The parser core: ExtractedDocument (paragraphs and tables from a reader) → ParseResult.
 *
 *   reading view  traditional characters read as simplified, mirror-site pinyin glosses skipped; every name and
 *                 text returned as printed                                      (reading.ts, data/traditional.ts)
 *   assemble      blocks → lines (+ positions of real tables, block of every line); refuses empty or oversized text
 *   metadata      title of the measures document (also broken over two lines), 文号, issuer, date  (metadata.ts)
 *   rule          the lead rule the document states anywhere ("排在第一位的部门为牵头部门", "排名不分先后")
 *   tables        real TableBlocks, and tables flattened into lines rebuilt into rows (one cell per line, tabs,
 *                 spaces, label/value records) (flattened.ts), one row per line between '|' bars (pipeTables.ts);
 *                 header words read as evidence of column roles
 *                 (header.ts); one interpreter for all (table.ts)
 *   body          numbered outline of the text (outline.ts), split into parts at signatures, 此件公开发布 and
 *                 attachments, so a cover notice and the scheme it issues stay apart; a page cut mid-text loses
 *                 what the cut leaves unfinished (cutoff.ts)
 *   plan          a task table is the plan and the body checks it; else notes and label lines under numbered
 *                 measures (the grammar of assignment notes: assignment.ts; units: units.ts with the lexicon in
 *                 data/bodies.ts); else prose and 一是/二是 enumerations (plans.ts, prose.ts)
 *   roles         every task keeps its units as stated; lead/support/implement come from deriveRoles
 *                 (shared/model/roles.ts), the one lead rule, under the document's rule
 *   warnings      numbering gaps, sections from the body, content mismatches, aliases, notes read only partly,
 *                 cut-off pages, duplicates (checks.ts)
 *
 * Every step is linear in the text (no backtracking regexes over unbounded input), so hostile input returns
 * or is refused quickly.
 */

/** Documents beyond this many characters of text are refused (about 2,500 pages; real plans are far smaller). */
export const MAX_TEXT_CHARS = 5_000_000;
const MAX_CONTENT = 20_000;

/**
 * Lines where the text of a scraped page ends (the site's furniture after the article). Attachments ("附件1") and
 * captions of task tables do not end the body: they start a part of it (see splitParts), and a task table found
 * below ends the body where it starts.
 */
const BODY_STOP =
  /^(?:相关稿件|相关链接|相关阅读|相关文件|相关推荐|扫一扫|打印本页|【打印|责任编辑|分享到|上一篇|下一篇|抄送\s*[:：]|Copyright|版权所有)/;

export { parseDeadline, findReportingCadences } from './deadline';
export { splitUnits } from './units';
export { interpretTable } from './table';

interface Positioned {
  at: number;
  end: number;
  table: TableBlock;
  /** Block index of a real table; -1 for a table rebuilt from lines. */
  block: number;
}

interface Assembled {
  lines: string[];
  tables: Positioned[];
  /** Block index of every line. */
  blockOf: number[];
}

/**
 * A line holding nothing but a table's drawn borders ("|", "｜", "│", "+----+"): what a web table leaves when
 * its cells are saved as text one per line with the cell borders on lines of their own. It carries no text,
 * so it is not a line of the document (the cells around it are read as a table flattened one cell per line).
 */
const TABLE_RULE = /^[\s|｜│┃┆┊+\-─━┼╋]*[|｜│┃┆┊][\s|｜│┃┆┊+\-─━┼╋]*$/;
const isTableRule = (line: string): boolean => line.length <= 200 && TABLE_RULE.test(line);

function assemble(doc: ExtractedDocument): Assembled {
  const lines: string[] = [];
  const blockOf: number[] = [];
  const tables: Positioned[] = [];
  let size = 0;
  let hasText = false;
  const tooLarge = () =>
    new DocumentRefusedError(`文档文字过多（超过 ${MAX_TEXT_CHARS / 1_000_000} 百万字），无法作为任务文件导入，请拆分后再试`, 'too-large');
  // Paragraph lines go through readableLines (page furniture out, lines broken at a page's width joined: copiedText.ts)
  // one run between tables at a time; whether the document was broken at one width is judged on all its lines.
  let pending: SourceLine[] = [];
  let width: number | null = null;
  const flush = () => {
    for (const l of readableLines(pending, width)) (lines.push(l.text), blockOf.push(l.block));
    pending = [];
  };
  doc.blocks.forEach((block, b) => {
    if (block.kind === 'paragraph') {
      size += block.text.length;
      if (size > MAX_TEXT_CHARS) throw tooLarge();
      if (!hasText && /\S/.test(block.text)) hasText = true;
      if (block.text.includes('\n')) {
        for (const l of block.text.split(/\r?\n/)) if (!isTableRule(l)) pending.push({ text: l, block: b });
      } else if (!isTableRule(block.text)) pending.push({ text: block.text.replace(/\r$/, ''), block: b });
    } else {
      for (const row of block.rows) for (const cell of row) {
        size += cell.length;
        if (!hasText && /\S/.test(cell)) hasText = true;
      }
      if (size > MAX_TEXT_CHARS) throw tooLarge();
      pending.push({ text: '', block: -1 - tables.length });
      tables.push({ at: -1, end: -1, table: block, block: b });
    }
  });
  // All paragraph lines are known: judge the width, then read them run by run, placing each table between its runs.
  pending = withoutCellBars(pending);
  width = wrapWidth(pending.filter((l) => l.block >= 0).map((l) => l.text));
  const all = pending;
  pending = [];
  for (const l of all) {
    if (l.block >= 0) {
      pending.push(l);
      continue;
    }
    flush();
    const t = tables[-1 - l.block]!;
    t.at = t.end = lines.length;
  }
  flush();
  if (!hasText) throw new DocumentRefusedError('文档中没有可识别的文字，请检查文件是否为空或为扫描图片', 'empty');
  return { lines, tables, blockOf };
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

/**
 * The lead rule the document states, anywhere (a note, a footnote, a table header): "排在第一位的部门为牵头部门",
 * "列第一位者为牵头单位", "责任单位排名不分先后". Each place a rule word occurs is read in a short window, so a
 * long text costs a single pass.
 */
const RULE_WORD = /牵头|主办|主责|汇总|不分/;

function documentRule(texts: readonly string[]): StatedRule | null {
  let found: StatedRule | null = null;
  let budget = 2_000_000;
  for (const text of texts) {
    if (budget <= 0) break;
    budget -= text.length;
    if (text.length < 4 || !RULE_WORD.test(text)) continue;
    for (const m of text.matchAll(/牵头|主办|主责|汇总|不分/g)) {
      const at = m.index ?? 0;
      const rule = statedRule(text.slice(Math.max(0, at - 24), at + 16));
      if (rule) {
        // A stated "不分先后" outranks the convention.
        if (rule.rule === 'all-listed-are-leads') return rule;
        found ??= rule;
      }
    }
  }
  return found;
}

/**
 * Lines that end a cover notice or start an attachment: the signing date, "（此件公开发布）", "附件1". The numbered
 * items of a cover notice ("一、各责任单位要高度重视") and of the scheme it issues fall into different parts.
 */
const PART_BOUNDARY =
  /^(?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[〇○零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日|[（(](?:此件公开发布|此件主动公开|此件不公开|此件依申请公开|本文有删减)[)）]|附\s*件\s*\d{0,2}|附件[一二三四五六七八九十]{1,2})$/;

function splitParts<T extends { text: string }>(segments: readonly T[]): { segments: T[]; closed: boolean }[] {
  const parts: { segments: T[]; closed: boolean }[] = [{ segments: [], closed: false }];
  for (const seg of segments) {
    const t = seg.text.replace(/\s+/g, '');
    if (t.length <= 24 && PART_BOUNDARY.test(t)) {
      const last = parts[parts.length - 1]!;
      if (last.segments.length) {
        last.closed = true;
        parts.push({ segments: [], closed: false });
      }
      continue;
    }
    parts[parts.length - 1]!.segments.push(seg);
  }
  return parts.filter((p) => p.segments.length);
}

const normTitle = (t: string): string => t.replace(/[\s《》〈〉<>“”"]/g, '');

/**
 * A cover notice with no signature or 附件 line after it (a page cut before them): the scheme it issues starts at
 * the line that repeats the scheme's name (whole or its first part, when the title is broken over two lines).
 * Without such a line the scheme is not in the document, and the whole part is the notice.
 */
function splitAtSchemeTitle<T extends { text: string }>(part: { segments: T[]; closed: boolean }): { segments: T[]; closed: boolean }[] {
  const at = part.segments.findIndex((s) => ISSUES.test(s.text));
  if (at < 0) return [part];
  const name = normTitle(ISSUES.exec(part.segments[at]!.text)![1]!);
  for (let k = at + 1; k < part.segments.length; k++) {
    const line = normTitle(part.segments[k]!.text);
    if (line.length >= 6 && line.length <= 60 && !/[。，,；;：:]/.test(line) && name.startsWith(line)) {
      return [{ segments: part.segments.slice(0, k), closed: true }, { segments: part.segments.slice(k), closed: part.closed }];
    }
  }
  return [{ ...part, closed: true }];
}

/** The opening of an assignment note or field that a cut may leave unfinished ("（牵头单位：市…", "（市发改委、市…"). */
const NOTE_OPENING = /(?:牵头|责任|配合|协同|协办)(?:单位|部门)\s*[:：]|[（(〔[［【][^）)〕\]］】]{0,80}(?:牵头|负责|配合)/;

/** "现将《X》印发给你们", "《X》已经区政府同意，现印发给你们": the name of the scheme a notice issues. */
const ISSUES = /《([^《》]{4,80})》(?:[（(][^）)]{0,30}[）)])?[^。；]{0,60}?印发/;

/** The notice that issues a scheme ("现将《…方案》印发给你们，请认真贯彻执行"), not the scheme. */
function isCoverNotice(segments: readonly { text: string }[]): boolean {
  let text = '';
  for (const s of segments) {
    text += s.text;
    if (text.length > 3000) break;
  }
  return /印发给你们|现予印发|现印发|现将.{0,80}?印发/.test(text);
}

/**
 * True when the document's notes assign with "按职责分工负责" (no lead among the listed) more often than with a
 * plain "负责": the document's own convention, by which its plain "A、B负责" notes are read too.
 */
function jointConvention(text: string): boolean {
  const sample = text.length > 2_000_000 ? text.slice(0, 2_000_000) : text;
  const joint = sample.match(/(?:按照?职责(?:分工)?|分工)负责/g)?.length ?? 0;
  const closing = sample.match(/负责[。.]?[）)〕\]］】]/g)?.length ?? 0;
  const jointClosing = sample.match(/(?:按照?职责(?:分工)?|分工)负责[。.]?[）)〕\]］】]/g)?.length ?? 0;
  return joint >= 2 && joint > closing - jointClosing;
}

const clip = (s: string, n: number): string => (s.length > n ? s.slice(0, n) : s);

function finishTask(t: PlannedTask, rule: LeadRule): ParsedTask {
  const name = (u: string) => clip(u, 200);
  const units = {
    lead: dedupe(t.units.lead.map(name)),
    support: dedupe(t.units.support.map(name)),
    implement: dedupe(t.units.implement.map(name)),
    listed: dedupe(t.units.listed.map(name)),
  };
  const roles = deriveRoles(units, rule);
  const out: ParsedTask = {
    number: clip(t.number, 40),
    section: t.section.map((s) => clip(s, 200)),
    content: clip(t.content, MAX_CONTENT),
    lead: roles.lead,
    support: roles.support,
    implement: roles.implement,
    deadline: t.deadline,
    units,
  };
  if (t.source) out.source = { ...t.source, text: clip(t.source.text, MAX_CONTENT) };
  return out;
}

/** Turn extracted blocks into tasks, units, deadlines and warnings. */
export function parseExtracted(printed: ExtractedDocument): ParseResult {
  const view = readingView(printed);
  return view.changed ? asPrinted(readView(view.doc), view.restore) : readView(printed);
}

/** A result read from the reading view, with every name and text given back as printed. */
function asPrinted(r: ParseResult, restore: (s: string) => string): ParseResult {
  const maybe = (s: string | null) => (s === null ? null : restore(s));
  return {
    ...r,
    title: maybe(r.title),
    docNumber: maybe(r.docNumber),
    issuer: maybe(r.issuer),
    tasks: r.tasks.map((t) => ({
      ...t,
      number: restore(t.number),
      section: t.section.map(restore),
      content: restore(t.content),
      lead: t.lead.map(restore),
      support: t.support.map(restore),
      implement: t.implement.map(restore),
      ...(t.units
        ? { units: { lead: t.units.lead.map(restore), support: t.units.support.map(restore), implement: t.units.implement.map(restore), listed: t.units.listed.map(restore) } }
        : {}),
      ...(t.source ? { source: { ...t.source, text: restore(t.source.text) } } : {}),
    })),
  };
}

function readView(doc: ExtractedDocument): ParseResult {
  const { lines, tables, blockOf } = assemble(doc);
  const fullText = lines.join('\n');
  const meta = readMetadata(lines);
  // The rule may be stated in the text or in a table's header ("责任单位（列第一位的为牵头单位）").
  const headerTexts = tables.map((t) => t.table.rows.slice(0, 3).map((r) => r.join(' ')).join('\n'));
  const docRule = documentRule([...lines, ...headerTexts]);
  const ruleStated = docRule !== null;

  // Tables: real ones from readers, and tables flattened into paragraphs rebuilt into rows.
  const flattened = findFlattenedTables(lines).map((f): Positioned => ({ at: f.start, end: f.end, table: f.table, block: -1 }));
  const allTables = [...tables, ...flattened].sort((a, b) => a.at - b.at);
  const interpreted = allTables
    .map((p) => ({ p, result: interpretTable(p.table, ruleStated) }))
    .filter((x) => x.result && x.result.tasks.length > 0);
  for (const x of interpreted) {
    for (const t of x.result!.tasks) {
      const cells = x.p.table.rows[t.row] ?? [];
      t.source = { block: x.p.block >= 0 ? x.p.block : (blockOf[x.p.at] ?? 0), row: t.row, text: cells.filter((c) => c.trim()).join(' | ') };
    }
  }

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
  const bodyIndex: number[] = [];
  for (let i = bodyStart; i < bodyEnd; i++) if (!flattened.some((f) => i >= f.at && i < f.end)) bodyIndex.push(i);
  let segments = segmentLines(bodyIndex.map((i) => lines[i]!), bodyIndex);
  // A page that ends mid-text: what the cut leaves unfinished is not read (cutoff.ts).
  const cuts: Cut[] = [];
  let lastLine = lines.length - 1;
  while (lastLine >= 0 && !/\S/.test(lines[lastLine]!)) lastLine--;
  // A document that ends with a real table ends there, whatever its last line of text.
  const pageCut = lastLine >= 0 && endsUnfinished(lines[lastLine]!) && !tables.some((t) => t.at > lastLine);
  const bodyReachesEnd = bodyEnd === lines.length && bodyIndex.includes(lastLine);
  if (bodyReachesEnd && !tables.some((t) => t.at > lastLine)) {
    const trimmed = trimCutTail(segments);
    segments = trimmed.segments;
    if (trimmed.cut) cuts.push(trimmed.cut);
  }
  if (pageCut) {
    for (const x of interpreted) {
      if (x.p.block >= 0 || x.p.end <= lastLine) continue;
      const rows = x.result!.tasks;
      const last = rows[rows.length - 1];
      const roles = x.result!.roles;
      const unitCells = last ? (x.p.table.rows[last.row] ?? []).filter((_, c) => ['lead', 'support', 'listed', 'implement'].includes(roles[c] ?? '')) : [];
      const cut = last ? trimCutRow(last, unitCells) : null;
      if (!cut) continue;
      cuts.push(cut);
      if (cut.dropped === 'task') rows.pop();
    }
  }
  const outline = buildOutline(segments);

  const warnings: ParseWarning[] = [];
  const ctx: PlanContext = { ruleStated, jointConvention: !ruleStated && jointConvention(fullText), blockOf: (line) => blockOf[line] ?? 0, partly: [] };
  let tasks: PlannedTask[];
  let gapRoots: readonly OutlineNode[] = outline.roots;

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
    // The table is checked against the scheme's text, not against the notice that issues it.
    const bodyParts = splitParts(segments);
    const schemeParts = bodyParts.filter((p) => !(isCoverNotice(p.segments) && (bodyParts.length > 1 || p.closed)));
    tasks = tablePlan(fromTables, outline.roots, schemeParts.flatMap((p) => p.segments.map((s) => s.text)), warnings);
    for (const x of interpreted) warnings.unshift(...tableNumberGaps(x.result!.tasks.map((t) => t.number)));
  } else {
    // A cover notice and the scheme it issues are separate parts: the parts that assign work are the plan.
    const parts = splitParts(segments).map((p) => buildOutline(p.segments).roots);
    const planned = parts.map((roots) => ({ roots, tasks: notesPlan(roots, ctx) }));
    const assigning = planned.filter((p) => p.tasks.length > 0);
    if (assigning.length > 0) {
      tasks = assigning.flatMap((p) => p.tasks);
      gapRoots = assigning.flatMap((p) => p.roots);
    } else {
      // A cover notice's numbered instructions ("一、高度重视…各责任单位要…") are not the plan: without a note or a
      // table anywhere, the prose is read from the parts after the notice — and from none when the scheme it
      // issues is not in the document.
      const parts = splitParts(segments).flatMap((p) => (isCoverNotice(p.segments) && !p.closed ? splitAtSchemeTitle(p) : [p]));
      const kept = parts.filter((p) => !(isCoverNotice(p.segments) && (parts.length > 1 || p.closed)));
      const proseOutline = kept.length === parts.length ? outline : buildOutline(kept.flatMap((p) => p.segments));
      gapRoots = proseOutline.roots;
      const byProse = prosePlan(proseOutline.roots, ctx);
      tasks = byProse.tasks;
      // No numbered items carry assignments: requirements enumerated "一是…二是…" in the running text may.
      const enumerated = byProse.assigned ? [] : enumerationPlan(proseOutline.preamble, ctx);
      if (enumerated.length) tasks = enumerated;
      else if (!byProse.assigned && cuts.some((c) => c.dropped === 'task' && NOTE_OPENING.test(c.text))) {
        // The page ends inside the first assignment note: the document assigns by notes, so the headings read
        // before the cut ("一、总体要求", "二、主要任务") are no tasks.
        tasks = [];
      } else if (!byProse.assigned) {
        warnings.push({
          code: 'no-assignments',
          message:
            tasks.length > 0
              ? `未找到任务分解表或责任分工说明，已将正文中的 ${tasks.length} 个编号条目列为候选任务，请逐项指定牵头单位和配合单位。`
              : kept.length < parts.length
                ? '文件只有印发通知，没有找到所印发的方案或任务分解表，请导入通知所附的方案或任务分解表。'
                : '未在文档中找到任务分解表、编号条目或责任分工说明，请确认导入的是工作方案或任务分解文件。',
        });
      }
    }
  }

  const gapWarnings = outlineGaps(gapRoots);
  const numbering = [...warnings.filter((w) => w.code === 'numbering-gap'), ...gapWarnings];
  const seenNear = new Set<string>();
  const uniqueGaps = numbering.filter((w) => (seenNear.has(w.near ?? '') ? false : (seenNear.add(w.near ?? ''), true)));
  const rest = warnings.filter((w) => w.code !== 'numbering-gap');
  // "6月底前" in a 2023 plan means June 2023.
  const docYear = Number(meta.date?.slice(0, 4) ?? /^(\d{4})年/.exec(meta.title ?? '')?.[1] ?? NaN);
  if (Number.isFinite(docYear)) {
    for (const t of tasks) if (t.deadline && t.deadline.date === null) t.deadline = parseDeadline(t.deadline.text, docYear);
  }
  const usesList = tasks.some((t) => t.units.listed.length > 0);
  const leadRule: LeadRule = docRule ? docRule.rule : usesList ? 'first-listed-is-lead' : 'columns';
  const finished = tasks.map((t) => finishTask(t, leadRule));
  for (const t of finished) attachTargets(t, Number.isFinite(docYear) ? docYear : null);
  const duplicates = dedupeNumbers(finished);
  const partly: ParseWarning[] = ctx.partly.map(({ task, unread }) => {
    const at = tasks.indexOf(task);
    const number = at >= 0 ? finished[at]!.number : task.number;
    return {
      code: 'note-partly-read',
      tasks: [number],
      names: unread,
      message: `任务 ${number} 的责任分工说明中“${unread.join('、').slice(0, 60)}”未能识别为单位，已读出其余单位，请核对原文补全。`,
    };
  });
  const cutWarnings: ParseWarning[] = cuts.map((c) => ({
    code: 'cut-off',
    near: c.text.slice(0, 40),
    message:
      c.dropped === 'task'
        ? `原文在“${c.text.slice(-30)}”处中断，最后一项的内容或责任分工不完整，未列为任务，请核对完整原文。`
        : c.dropped === 'unit'
          ? `原文在单位名称“${c.text.slice(0, 30)}”处中断，该单位未导入，请核对完整原文。`
          : `原文在“${c.text.slice(0, 30)}”处中断，该项信息未导入，请核对完整原文。`,
  }));
  const ordered: ParseWarning[] = [
    ...cutWarnings,
    ...uniqueGaps,
    ...rest.filter((w) => w.code === 'section-from-body'),
    ...rest.filter((w) => w.code === 'content-mismatch'),
    ...aliasWarnings(finished),
    ...partly,
    ...rest.filter((w) => w.code === 'no-assignments'),
    ...duplicates,
  ];

  const result: ParseResult = {
    title: meta.title,
    docNumber: meta.docNumber,
    issuer: meta.issuer,
    date: meta.date,
    leadRule,
    reporting: findReportingCadences(fullText.length > 2_000_000 ? fullText.slice(0, 2_000_000) : fullText),
    tasks: finished,
    warnings: ordered,
  };
  if (docRule) result.leadRuleText = docRule.text;
  return result;
}
