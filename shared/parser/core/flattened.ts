import type { TableBlock } from '../document';
import { parseDeadline } from './deadline';
import { headerRole, readHeader, settleRoles, type ColumnRole } from './header';
import { readMarker } from './numbering';
import { mayBePipeRow, pipeTable } from './pipeTables';
import { readLabelledLine } from './assignment';
import { isUnitName, splitOutsideParens, trimEndOf, WrapJoiner } from './units';

/**
 * Tables pasted or scraped as text: one cell per line. Two shapes are rebuilt into rows here, so that the
 * same table interpreter reads them as it reads a real table:
 * - tab-indented: every cell a line starting with a tab (empty cells are a bare tab), rows separated by a blank line;
 * - one cell per paragraph: cells separated by a blank line, an empty cell as an extra blank line, a merged cell
 *   present only in its first row, long names wrapped across paragraphs ("市人力资源" + "社会保障局").
 */
export interface FlattenedTable {
  /** Index of the first header line and one past the last line of the table. */
  start: number;
  end: number;
  table: TableBlock;
}

const isBlank = (s: string): boolean => s.trim() === '';

/** Consecutive header-word lines (blank lines between allowed): the header of a flattened table. */
function headerAt(lines: readonly string[], i: number): { cells: string[]; end: number; tabbed: boolean; gap: number } | null {
  const cells: string[] = [];
  let gap = 0;
  let least = Infinity;
  let j = i;
  let tabbed = lines[i]!.startsWith('\t');
  let blanks = 0;
  while (j < lines.length) {
    const line = lines[j]!;
    if (isBlank(line)) {
      if (++blanks > 4) break;
      j++;
      continue;
    }
    if (line.length > 30 || headerRole(line, true) === null) break;
    if (cells.length) (gap = Math.max(gap, blanks)), (least = Math.min(least, blanks));
    blanks = 0;
    cells.push(line.trim());
    tabbed = tabbed && line.startsWith('\t');
    j++;
    if (cells.length > 12) break;
  }
  if (cells.length < 3) return null;
  // Trailing blank lines are not part of the header.
  let end = j;
  while (end > i && isBlank(lines[end - 1]!)) end--;
  // Cells are separated by one blank line, or by none; where every cell is two or more blank lines apart (a copy
  // that put a blank paragraph after every paragraph), that many blank lines are the separator.
  return readHeader(cells) ? { cells, end, tabbed, gap: least >= 2 && least <= 4 ? least : Math.min(gap, 1) } : null;
}

const looksLikeUnits = (text: string): boolean => {
  if (text.length > 240) return false;
  const t = trimEndOf(text.trim(), '、，,；;。');
  if (!t || t.length > 200 || /[。]/.test(t)) return false;
  const parts = splitOutsideParens(t, '、，,；;').map((p) => p.trim()).filter(Boolean);
  return parts.length > 0 && parts.every((p, k) => isUnitName(p.replace(/(?:按职责分工负责|牵头负责|牵头|负责|配合|具体落实)$/, '')) || (k === parts.length - 1 && k > 0));
};

const looksLikeSectionLabel = (text: string): boolean => {
  const t = text.trim();
  if (t.length > 60 || /。/.test(t)) return false;
  const m = readMarker(t);
  return m !== null && (m.style === 'cn' || m.style === 'paren-cn');
};

/** A short label without a marker ("加强组织管理能力建设"): not a sentence, not a list of units. */
const looksLikePlainLabel = (text: string): boolean => {
  const t = text.trim();
  if (t.length < 2 || t.length > 40 || /[。；;，,、]/.test(t) || looksLikeUnits(t) || /^\d+$/.test(t) || headerRole(t) !== null) return false;
  return !looksLikeDeadline(t);
};

function tabbedRows(lines: readonly string[], from: number, width: number): { rows: string[][]; end: number } {
  const rows: string[][] = [];
  let i = from;
  let end = from;
  while (i < lines.length) {
    while (i < lines.length && isBlank(lines[i]!) && !lines[i]!.includes('\t')) i++;
    if (i >= lines.length || !lines[i]!.startsWith('\t')) break;
    const group: string[] = [];
    while (i < lines.length && lines[i]!.startsWith('\t')) group.push(lines[i++]!.replace(/^\t/, '').trim());
    end = i;
    // Rows not separated by blank lines: cut the run into rows of the header's width.
    if (group.length > width && group.length % width === 0) {
      for (let k = 0; k < group.length; k += width) rows.push(group.slice(k, k + width));
      continue;
    }
    if (group.length > width) {
      const extra = group.splice(width - 1);
      group.push(extra.join(''));
    }
    while (group.length < width) group.push('');
    rows.push(group);
  }
  return { rows, end };
}

interface Entry {
  text: string;
  blanksBefore: number;
  line: number;
}

function paragraphRows(
  lines: readonly string[],
  from: number,
  givenRoles: readonly ColumnRole[],
  gap: number,
  givenHeader: readonly string[],
): { rows: string[][]; end: number; header: readonly string[] } {
  let roles = givenRoles;
  let header = givenHeader;
  const entries: Entry[] = [];
  let blanks = 0;
  const firstHeader = header[0]?.replace(/\s+/g, '') ?? '';
  for (let i = from; i < lines.length; i++) {
    const line = lines[i]!;
    if (isBlank(line)) {
      blanks++;
      if (blanks > 6 * Math.max(1, gap)) break;
      continue;
    }
    const text = line.trim();
    // The header printed again: a next table (or the same one after a page break) starts here.
    if (text.replace(/\s+/g, '') === firstHeader && entries.length > 0) break;
    entries.push({ text, blanksBefore: blanks, line: i });
    blanks = 0;
  }
  let numberCol = roles.indexOf('number');
  if (numberCol < 0) {
    // No 序号 column: the task cells carry their numbers ("1. 生产总值增长7.5%以上。"). Each numbered cell is read
    // as a number and its text, under a 序号 column put back before the content column.
    const contentCol = roles.indexOf('content');
    if (contentCol < 0) return { rows: [], end: from, header };
    let last = 0;
    const split: Entry[] = [];
    for (const e of entries) {
      const m = readMarker(e.text);
      if (m && (m.style === 'arabic' || m.style === 'paren-arabic') && e.text.length > m.length + 1 && (m.value === last + 1 || (last === 0 && m.value <= 20))) {
        split.push({ ...e, text: m.label });
        split.push({ ...e, text: e.text.slice(m.length).trim(), blanksBefore: Math.min(e.blanksBefore, gap) });
        last = m.value;
      } else split.push(e);
    }
    if (last === 0) return { rows: [], end: from, header };
    entries.splice(0, entries.length, ...split);
    roles = [...roles.slice(0, contentCol), 'number', ...roles.slice(contentCol)];
    header = [...header.slice(0, contentCol), '序号', ...header.slice(contentCol)];
    numberCol = contentCol;
  }
  const before = numberCol > 0 ? roles.slice(0, numberCol) : [];
  const after = roles.slice(numberCol + 1);
  const width = roles.length;
  const spanningRow = (text: string): string[] => [text, ...Array.from({ length: width - 1 }, () => '')];

  // Row anchors: paragraphs that are just the next number ("12", or "1*" for a marked task).
  const anchors: number[] = [];
  let last = 0;
  for (let k = 0; k < entries.length; k++) {
    const m = /^(\d{1,4})[*＊]?$/.exec(entries[k]!.text);
    if (!m) continue;
    const v = Number(m[1]);
    // The next number, or a jump (rows left out: an extract of the rows one office is involved in) when the cell
    // after it reads like a task's content and the paragraph before it ends a row or heads a section — so that a
    // page number inside a cell is not taken for a row.
    const next = entries[k + 1]?.text ?? '';
    const previous = entries[k - 1]?.text ?? '';
    const contentNext = next.length >= 6 && !looksLikeUnits(next) && headerRole(next) === null;
    const rowEndBefore = looksLikeSectionLabel(previous) || looksLikeUnits(previous) || looksLikeDeadline(previous);
    if (
      (anchors.length === 0 && (v <= 20 || (contentNext && rowEndBefore))) ||
      (anchors.length > 0 && (v === last + 1 || (v > last && contentNext && (v <= last + 20 || rowEndBefore))))
    ) {
      anchors.push(k);
      last = v;
    }
  }
  if (anchors.length === 0) return { rows: [], end: from, header };

  const rows: string[][] = [];
  let endLine = from;
  let pendingBefore: string[] = [];
  // Cells before the first anchor: section cells of the first row, or section rows spanning the table.
  const lead = entries.slice(0, anchors[0]);
  if (before.length) pendingBefore = lead.map((e) => e.text).slice(-before.length);
  else for (const e of lead) if (looksLikeSectionLabel(e.text)) rows.push(spanningRow(e.text));

  for (let a = 0; a < anchors.length; a++) {
    const k = anchors[a]!;
    const nextK = anchors[a + 1] ?? entries.length;
    let span = entries.slice(k + 1, nextK);
    // Cells of the next row that precede its number (section columns left of 序号).
    let nextBefore: Entry[] = [];
    if (before.length && a + 1 < anchors.length) {
      let take = 0;
      const isLabel = (j: number): boolean => {
        const text = span[j]!.text;
        if (looksLikeSectionLabel(text)) return true;
        if (!looksLikePlainLabel(text)) return false;
        // Not the end of a name wrapped from the cell before ("…、各乡" + "镇（街道）").
        const previous = span[j - 1]?.text ?? '';
        if (!looksLikeUnits(previous)) return true;
        const joiner = new WrapJoiner();
        joiner.add(previous);
        return !joiner.continuedBy(text);
      };
      while (take < before.length && span.length - take > 2 && isLabel(span.length - 1 - take)) take++;
      nextBefore = span.slice(span.length - take);
      span = span.slice(0, span.length - take);
    }
    // Section rows between this row and the next ("二、…", "(二)王宏副市长牵头重点工作"), spanning the table.
    const sectionRows: string[] = [];
    if (!before.length) {
      while (span.length > 1 && looksLikeSectionLabel(span[span.length - 1]!.text)) sectionRows.unshift(span.pop()!.text);
    }
    // A labelled line inside the row ("省牵头单位：省农业农村厅") belongs with the row's units.
    const labelled: string[] = [];
    span = span.filter((e, j) => {
      if (j === 0) return true;
      const l = readLabelledLine(e.text);
      if (!l || l.role === 'deadline') return true;
      if (l.role !== 'person') labelled.push(e.text);
      return false;
    });
    const { cells, used } = assignCells(span, after, gap);
    if (labelled.length) {
      const unitCol = after.findIndex((r) => r === 'listed' || r === 'lead' || r === 'support' || r === 'implement');
      if (unitCol >= 0) cells[unitCol] = [cells[unitCol], ...labelled].filter(Boolean).join('；');
    }
    const row: string[] = [];
    before.forEach((_, i) => row.push(pendingBefore[i] ?? ''));
    row.push(entries[k]!.text);
    row.push(...cells);
    rows.push(row);
    for (const text of sectionRows) rows.push(spanningRow(text));
    const lastUsed = used > 0 ? span[used - 1]! : entries[k]!;
    endLine = lastUsed.line + 1;
    pendingBefore = nextBefore.map((e) => e.text);
    while (pendingBefore.length < before.length) pendingBefore.unshift('');
    if (a + 1 === anchors.length) break;
  }
  return { rows, end: endLine, header };
}

const isUnitColumn = (r: ColumnRole | undefined): boolean => r === 'lead' || r === 'support' || r === 'listed' || r === 'implement';

/**
 * Distribute a row's paragraphs over the columns after 序号. When there are as many paragraphs as columns, one
 * each. Otherwise content takes paragraphs until the units start (leaving one for every column after it); a unit
 * column takes a paragraph and the wrapped continuations of a name; an extra blank line is an empty cell.
 */
function assignCells(span: readonly Entry[], columns: readonly ColumnRole[], gap: number): { cells: string[]; used: number } {
  const cells: string[] = columns.map(() => '');
  if (span.length === columns.length && span.every((e, j) => j === 0 || e.blanksBefore <= gap)) {
    const fits = span.every((e, j) => !isUnitColumn(columns[j]) || looksLikeUnits(e.text) || continuesName(e.text));
    if (fits) {
      span.forEach((e, j) => (cells[j] = e.text));
      return { cells, used: span.length };
    }
  }
  const entries = [...span];
  let p = 0;
  for (let c = 0; c < columns.length && p < entries.length; c++) {
    const role = columns[c]!;
    const entry = entries[p]!;
    // Blank lines beyond the usual gap between cells: that many empty cells before this paragraph (where cells are
    // two or more blank lines apart, every blank paragraph brought a blank line of its own: two lines a cell).
    const empties = gap <= 1 ? entry.blanksBefore - gap : Math.floor((entry.blanksBefore - gap) / 2);
    if (empties > 0 && role !== 'content') {
      c += empties - 1;
      entries[p] = { ...entry, blanksBefore: gap };
      continue;
    }
    if (role === 'section') {
      // A merged section cell appears only in its group's first row: take the paragraph only if it is a label.
      const next = entries[p + 1];
      if ((looksLikeSectionLabel(entry.text) || looksLikePlainLabel(entry.text)) && next && !looksLikeUnits(next.text)) {
        cells[c] = entry.text;
        p++;
      }
      continue;
    }
    if (role === 'content') {
      const parts = [entry.text];
      p++;
      // Paragraphs left for the columns after this one that are not unit columns (progress, remarks, deadline).
      const reserved = columns.slice(c + 1).filter((r) => !isUnitColumn(r)).length;
      const unitCols = columns.slice(c + 1).filter(isUnitColumn).length;
      while (
        p < entries.length &&
        !looksLikeUnits(entries[p]!.text) &&
        // Where cells are separated by blank lines, a paragraph after one is the next cell.
        (gap > 0 ? entries[p]!.blanksBefore < gap : true) &&
        !(reserved > 0 && (entries.length - p <= reserved + unitCols || looksLikePersonName(entries[p]!.text) || looksLikeDeadline(entries[p]!.text)))
      ) parts.push(entries[p++]!.text);
      cells[c] = parts.join('');
      continue;
    }
    if (role === 'lead' || role === 'support' || role === 'listed' || role === 'implement') {
      // A deadline where units were expected: this unit cell was merged into its neighbour or left out.
      if (looksLikeDeadline(entry.text) && columns.slice(c + 1).includes('deadline')) continue;
      if (!looksLikeUnits(entry.text) && !continuesName(entry.text)) break;
      const joiner = new WrapJoiner();
      joiner.add(entry.text);
      p++;
      const isLast = !columns.slice(c + 1).some((r) => r === 'lead' || r === 'support' || r === 'listed' || r === 'implement');
      while (p < entries.length && entries[p]!.blanksBefore <= gap) {
        if (looksLikeDeadline(entries[p]!.text)) break;
        const open = joiner.continuedBy(entries[p]!.text);
        if (!open && !isLast) break;
        if (!open && isLast && !looksLikeUnits(entries[p]!.text)) break;
        joiner.add(entries[p++]!.text);
      }
      cells[c] = joiner.text;
      continue;
    }
    // deadline / other: one paragraph; a column of people (责任领导) may hold one name per line.
    cells[c] = entry.text;
    p++;
    if (role === 'other' && looksLikePersonName(entry.text)) {
      while (p < entries.length && entries[p]!.blanksBefore <= gap && looksLikePersonName(entries[p]!.text)) cells[c] += `\n${entries[p++]!.text}`;
    }
  }
  return { cells, used: p };
}

/** A person's name on a line of its own ("董贵波", "张 三"): two to four characters, not a body. */
function looksLikePersonName(text: string): boolean {
  const t = text.replace(/\s+/g, '');
  return /^[\u4e00-\u9fff]{2,4}$/.test(t) && !isUnitName(t) && !looksLikeDeadline(t);
}

/** A 完成时限 cell: a date, a year, or a short word for "ongoing"/"recurring" (not a label like "持续优化营商环境"). */
function looksLikeDeadline(text: string): boolean {
  const t = text.trim();
  if (t.length > 24) return false;
  if (/\d{4}\s*年|\d{1,2}\s*月(?:底|末|份)?(?:前|以前|之前)?$/.test(t)) return (parseDeadline(t)?.kind ?? 'unknown') !== 'unknown';
  return /^(?:长期坚持|长期推进|长期|持续推进|持续开展|持续|常态化推进|常态化|定期|每(?:年|季度|月|半年))$/.test(t);
}

const continuesName = (text: string): boolean => text.length <= 40 && !/[。]/.test(text);

/** Cells of a tab-separated line (a table copied from Excel or WPS): "a\tb\t\"c\nd\"" quoting is undone. */
function tsvCells(line: string): string[] {
  return line.split('\t').map((c) => c.trim().replace(/^"([\s\S]*)"$/, '$1').replace(/""/g, '"'));
}

/** A header line with the cells on one line, separated by tabs, and one row per following line. */
function tsvTable(lines: readonly string[], i: number): FlattenedTable | null {
  const line = lines[i]!;
  if (line.length > 300 || (line.match(/\t/g)?.length ?? 0) < 2) return null;
  const header = tsvCells(line.replace(/^\t+/, ''));
  if (!readHeader(header)) return null;
  const rows: string[][] = [header];
  let j = i + 1;
  for (; j < lines.length; j++) {
    const l = lines[j]!;
    if (isBlank(l)) {
      if (rows.length > 1 && !lines[j + 1]?.includes('\t')) break;
      continue;
    }
    if (!l.includes('\t')) break;
    let cells = tsvCells(l);
    // A line indented by one tab carries one cell more than the header.
    if (cells.length === header.length + 1 && cells[0] === '') cells = cells.slice(1);
    while (cells.length < header.length) cells.push('');
    rows.push(cells.slice(0, header.length));
  }
  return rows.length > 1 ? { start: i, end: j, table: { kind: 'table', rows } } : null;
}

/**
 * Cells of a header written on one line with spaces between them ("序号 工 作 任 务 牵头负责部门"): characters
 * spaced out one by one are joined back into their word.
 */
function spacedCells(line: string): string[] {
  const tokens = line.trim().split(/[ \u3000\u00a0]+/);
  const cells: string[] = [];
  let run = '';
  for (const t of tokens) {
    if (/^[\u4e00-\u9fff]$/.test(t)) run += t;
    else {
      if (run) cells.push(run);
      run = '';
      cells.push(t);
    }
  }
  if (run) cells.push(run);
  return cells;
}

/**
 * A table with one row per line and its cells separated by spaces: "1 居民消费价格涨幅3%左右 发展改革委" under
 * "序号 工作任务 牵头负责部门". The number comes first, the unit columns take the last words, the text the rest.
 */
function spaceTable(lines: readonly string[], i: number): FlattenedTable | null {
  const line = lines[i]!;
  if (line.length > 80 || !/\S[ \u3000\u00a0]+\S/.test(line) || line.includes('\t')) return null;
  const header = spacedCells(line);
  if (header.length < 2 || header.length > 10) return null;
  const roles = readHeader(header);
  if (!roles) return null;
  const settled = settleRoles(roles);
  const contentCol = settled.indexOf('content');
  if (settled[0] !== 'number' || contentCol !== 1) return null;
  const tail = settled.length - 2;
  const rows: string[][] = [header];
  let j = i + 1;
  let end = j;
  for (; j < lines.length; j++) {
    const l = lines[j]!.trim();
    if (!l) continue;
    const m = /^(\d{1,4}[*＊]?)[ \u3000\u00a0]+(\S.*)$/.exec(l);
    if (!m) break;
    const words = m[2]!.split(/[ \u3000\u00a0]+/);
    const cells = words.length > tail ? [words.slice(0, words.length - tail).join(''), ...words.slice(words.length - tail)] : words;
    while (cells.length < settled.length - 1) cells.push('');
    rows.push([m[1]!, ...cells]);
    end = j + 1;
  }
  return rows.length > 1 ? { start: i, end, table: { kind: 'table', rows } } : null;
}

/**
 * A record written as label lines each followed by its value ("具体任务" / text / "责任单位" / units / "完成时限" /
 * date): a two-column table flattened one cell per line. A label seen again starts the next record.
 */
function keyValueTable(lines: readonly string[], i: number): FlattenedTable | null {
  const labels: string[] = [];
  const records: Map<string, string>[] = [];
  let record = new Map<string, string>();
  let j = i;
  let end = i;
  while (j < lines.length) {
    while (j < lines.length && isBlank(lines[j]!)) j++;
    const label = (lines[j] ?? '').trim();
    const role = label.length <= 12 ? headerRole(label) : null;
    if (!role || role === 'number') break;
    let k = j + 1;
    while (k < lines.length && isBlank(lines[k]!)) k++;
    const value = (lines[k] ?? '').trim();
    if (!value || (value.length <= 12 && headerRole(value) !== null)) break;
    if (record.has(label)) {
      records.push(record);
      record = new Map();
    }
    if (!labels.includes(label)) labels.push(label);
    record.set(label, value);
    j = k + 1;
    end = j;
  }
  if (record.size) records.push(record);
  if (labels.length < 2 || !readHeader(labels)) return null;
  return { start: i, end, table: { kind: 'table', rows: [labels, ...records.map((r) => labels.map((l) => r.get(l) ?? ''))] } };
}

/** Find and rebuild every flattened task table in a list of lines. */
export function findFlattenedTables(lines: readonly string[]): FlattenedTable[] {
  const out: FlattenedTable[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (mayBePipeRow(line)) {
      const piped = pipeTable(lines, i);
      if (piped) {
        out.push(piped);
        i = piped.end - 1;
        continue;
      }
    }
    if ((line.includes('\t') && !line.startsWith('\t')) || /^\t[^\t]+\t/.test(line)) {
      const tsv = tsvTable(lines, i);
      if (tsv) {
        out.push(tsv);
        i = tsv.end - 1;
        continue;
      }
    }
    if (/^\s*(?:序|编)/.test(line)) {
      const spaced = spaceTable(lines, i);
      if (spaced) {
        out.push(spaced);
        i = spaced.end - 1;
        continue;
      }
    }
    if (isBlank(line) || line.length > 30 || headerRole(line) === null) continue;
    const header = headerAt(lines, i);
    if (!header) {
      const record = keyValueTable(lines, i);
      if (record) {
        out.push(record);
        i = record.end - 1;
      }
      continue;
    }
    const roles = settleRoles(readHeader(header.cells)!);
    const read = header.tabbed
      ? { ...tabbedRows(lines, header.end, header.cells.length), header: header.cells }
      : paragraphRows(lines, header.end, roles, header.gap, header.cells);
    if (read.rows.length === 0) continue;
    out.push({ start: i, end: read.end, table: { kind: 'table', rows: [[...read.header], ...read.rows] } });
    const end = read.end;
    i = end - 1;
  }
  return out;
}
