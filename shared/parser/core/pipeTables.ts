import type { TableBlock } from '../document';
import { parseDeadline } from './deadline';
import { readHeader, settleRoles, type ColumnRole } from './header';
import { readMarker } from './numbering';
import { WrapJoiner } from './units';

/**
 * Tables written one row per line with '|' between the cells (text copied or saved from a web page, a Markdown
 * export, a plain-text report):
 *
 *     序号 | 工作任务 | 牵头单位 | 配合单位 | 完成时限
 *     1 | 推进政务服务“一网通办” | 区政务服务局 | 区大数据局、各街道 | 2023年12月底前
 *
 * The rule: a line that splits on '|' ('｜', '│') into three or more cells and reads as a task-table header
 * (text and units columns, header.ts) starts a table; each following line that splits on the bars is a row of
 * the header's width. Leading and trailing bars are borders; separator lines ('|---|:--:|') are skipped; a row
 * short of cells is either continued by the next line (a cell broken over two lines) or missing its empty
 * cells (padded; a trailing time limit stays in the time-limit column; a row starting with its number under a
 * header whose 序号 is not first lacks the merged cells on its left); a line holding only a '一、' heading is
 * a section row spanning the table. The rows are handed over as a TableBlock, so the one table interpreter
 * (table.ts) reads them as it reads a table from a .docx: header roles, sections, the "first listed leads" rule.
 *
 * Metadata written the same way ('索 引 号: | 000014349/2023-91150 | 信息分类: |') has no header of a task table
 * and is left to the text. Bounded: a line longer than MAX_ROW_CHARS or with more than MAX_CELLS cells is not
 * a row, so a hostile line with thousands of bars costs one length check; a row takes at most MAX_ROW_LINES
 * lines, and the wrap checks read only a cell's last TAIL characters, so the whole scan is linear in the text.
 */
export interface PipeTable {
  /** Index of the header line and one past the last line of the table. */
  start: number;
  end: number;
  table: TableBlock;
}

const MAX_ROW_CHARS = 4_000;
const MAX_CELLS = 40;
const BARS = /[|｜│]/;
const BAR_SPLIT = /[|｜│]/;
/** A Markdown or drawn separator line: bars, dashes, colons, plus signs and nothing else. */
const SEPARATOR = /^[\s|｜│:：\-—─━=+]*[-—─━=][\s|｜│:：\-—─━=+]*$/;

/** True when a line may hold cells between bars (cheap: length and one search). */
export const mayBePipeRow = (line: string): boolean => line.length <= MAX_ROW_CHARS && BARS.test(line);

/** The cells of a line written with bars between them, its border bars dropped; null when it has no bar or too many. */
export function pipeCells(line: string): string[] | null {
  if (!mayBePipeRow(line)) return null;
  let t = line.trim();
  if (BARS.test(t[0] ?? '')) t = t.slice(1);
  if (t && BARS.test(t[t.length - 1]!)) t = t.slice(0, -1);
  const cells = t.split(BAR_SPLIT);
  if (cells.length > MAX_CELLS) return null;
  return cells.map((c) => c.replace(/[\u00a0\u3000]/g, ' ').trim());
}

const isBlank = (s: string): boolean => s.trim() === '';
/** How much of a cell's end (or a line's start) the wrap checks read. */
const TAIL = 60;
const tailOf = (cell: string): string => cell.slice(-TAIL).trim();
/** Lines one row may take (a cell broken over lines, wrapped lines drawn with their bars). */
const MAX_ROW_LINES = 40;
const endsWithBar = (line: string): boolean => BARS.test(line.trimEnd().slice(-1));

/** A heading alone in a row ("一、优化营商环境", "（二）重点项目"): a section row spanning the table. */
function isSectionLabel(text: string): boolean {
  const t = text.trim();
  if (!t || t.length > 60 || /。/.test(t)) return false;
  const m = readMarker(t);
  return m !== null && (m.style === 'cn' || m.style === 'paren-cn');
}

const isRowNumber = (text: string): boolean => /^\d{1,4}[*＊.．、]?$/.test(text.trim());

/** A 完成时限 cell: a date or year, or a word for ongoing work ("长期坚持"). */
function isDeadlineCell(text: string): boolean {
  const t = text.trim();
  if (!t || t.length > 24) return false;
  if (/^(?:长期坚持|长期推进|长期|持续推进|持续开展|持续|常态化推进|常态化|常态工作|定期|每(?:年|季度|月|半年))$/.test(t)) return true;
  return /\d/.test(t) && (parseDeadline(t)?.kind ?? 'unknown') !== 'unknown';
}

/**
 * A row of the header's width. Too few cells: a cell left empty was dropped with its bar (at the end, or before
 * a time limit that belongs in the last column). Too many: a '|' inside the text column, whose pieces are
 * joined back.
 */
function fitRow(cells: readonly string[], roles: readonly ColumnRole[]): string[] {
  const width = roles.length;
  let row = [...cells];
  // A row that starts with its number under a header whose 序号 is not the first column: the cells left of it
  // (a section or category merged down from a row above, as a web page's rowspan leaves them) are missing.
  const numberCol = roles.indexOf('number');
  if (row.length < width && numberCol > 0 && isRowNumber(row[0] ?? '')) {
    row = [...Array.from({ length: Math.min(numberCol, width - row.length) }, () => ''), ...row];
  }
  while (row.length > width && row[row.length - 1] === '') row.pop();
  if (row.length > width) {
    const content = Math.max(0, roles.indexOf('content'));
    const extra = row.length - width;
    row = [...row.slice(0, content), row.slice(content, content + extra + 1).join('|'), ...row.slice(content + extra + 1)];
  }
  if (row.length < width) {
    const last = row[row.length - 1] ?? '';
    const deadlineLast = roles[width - 1] === 'deadline' && row.length > 1 && isDeadlineCell(last);
    const pad = Array.from({ length: width - row.length }, () => '');
    row = deadlineLast ? [...row.slice(0, -1), ...pad, last] : [...row, ...pad];
  }
  return row;
}

const isUnitRole = (r: ColumnRole | undefined): boolean => r === 'lead' || r === 'support' || r === 'listed' || r === 'implement';

/**
 * A line of a row whose cells wrap over several lines, each line drawn with all its bars ("| 1 | 编制绿地系统规划， | 市规划局、市园林 |"
 * then "|   | 划定城市绿线 | 局 |"): no number of its own, and every cell it fills carries on the same cell of
 * the row above (text not yet ended by 。；, a unit name or list left open). A line that starts a cell the row
 * above left empty, or follows a finished one, is a row of its own.
 */
function continuesRow(above: readonly string[], line: readonly string[], roles: readonly ColumnRole[]): boolean {
  let carries = false;
  for (let c = 0; c < roles.length; c++) {
    const b = line[c] ?? '';
    if (!b) continue;
    const a = tailOf(above[c] ?? '');
    const role = roles[c];
    if (!a || role === 'number' || role === 'deadline') return false;
    if (isUnitRole(role)) {
      const joiner = new WrapJoiner();
      joiner.add(a);
      if (!joiner.continuedBy(b.slice(0, TAIL))) return false;
    } else if (/[。；;！!？?]$/.test(a) || readMarker(b) !== null) return false;
    carries = true;
  }
  return carries;
}

/** The row above with a wrapped line's cells joined on: text without a break, unit names through WrapJoiner. */
function joinRow(above: string[], line: readonly string[], roles: readonly ColumnRole[]): void {
  for (let c = 0; c < above.length; c++) {
    const b = line[c] ?? '';
    if (!b) continue;
    if (isUnitRole(roles[c]) && above[c]) {
      const joiner = new WrapJoiner();
      joiner.add(tailOf(above[c]!));
      above[c] = above[c]! + (joiner.continuedBy(b.slice(0, TAIL)) ? '' : '、') + b;
    } else above[c] = above[c]! + b;
  }
}

/**
 * The last cell of a short row breaks off where the next line's first piece carries on: it ends neither a
 * sentence (。；) nor a unit's name, and the piece is no new item (a marker "3." / "（二）"). Otherwise the row is
 * short because a cell merged from a row above (a web page's rowspan) is left out, and the next line is a row.
 */
function cellBrokenOff(lastCell: string, firstPiece: string): boolean {
  // Only the cell's ending and the piece's start are read, so a long cell costs no more than a short one.
  const last = tailOf(lastCell);
  const first = firstPiece.trim().slice(0, TAIL);
  if (!last || /[。；;！!？?]$/.test(last) || readMarker(first) !== null) return false;
  const joiner = new WrapJoiner();
  joiner.add(last);
  return joiner.continuedBy(first);
}

/** The next non-blank line within a few lines holds cells between bars. */
function pipeRowFollows(lines: readonly string[], from: number): boolean {
  for (let k = from; k < Math.min(lines.length, from + 3); k++) {
    if (isBlank(lines[k]!)) continue;
    const cells = pipeCells(lines[k]!);
    return cells !== null && cells.length >= 2;
  }
  return false;
}

/** The pipe table whose header is line i, or null. */
export function pipeTable(lines: readonly string[], i: number): PipeTable | null {
  const header = pipeCells(lines[i]!);
  if (!header || header.length < 3) return null;
  const read = readHeader(header);
  if (!read) return null;
  const roles = settleRoles(read);
  const width = header.length;
  const numberCol = roles.indexOf('number');
  const rows: string[][] = [header];
  let end = i + 1;
  let pending: string[] | null = null;
  let pendingEnd = end;
  // The row's last line ended inside a cell (no closing bar), so the next line may carry the rest of it.
  let pendingOpen = false;
  // The last row came from a numbered line: lines without a number below it may be its wrapped cells.
  let lastNumbered = false;
  let wrappedLines = 0;
  let rowLines = 0;
  const flush = (): void => {
    if (pending && pending.some((c) => c !== '')) {
      const row = fitRow(pending, roles);
      const above = rows[rows.length - 1]!;
      if (numberCol >= 0 && lastNumbered && rows.length > 1 && wrappedLines < MAX_ROW_LINES && !row[numberCol] && continuesRow(above, row, roles)) {
        joinRow(above, row, roles);
        wrappedLines++;
      } else {
        rows.push(row);
        lastNumbered = numberCol >= 0 && isRowNumber(row[numberCol]!);
        wrappedLines = 1;
      }
      end = pendingEnd;
    }
    pending = null;
  };
  let blanks = 0;
  for (let j = i + 1; j < lines.length; j++) {
    const line = lines[j]!;
    if (isBlank(line)) {
      if (++blanks > 2) break;
      continue;
    }
    if (line.length <= MAX_ROW_CHARS && SEPARATOR.test(line)) {
      blanks = 0;
      continue;
    }
    const barred = pipeCells(line);
    const cells = barred ?? [line.trim()];
    const nonEmpty = cells.filter((c) => c !== '');
    const heading = nonEmpty.length === 1 && isSectionLabel(nonEmpty[0]!);
    const startsRow =
      cells.length > 1 &&
      numberCol >= 0 &&
      ((numberCol < cells.length && isRowNumber(cells[numberCol]!)) || (numberCol > 0 && cells.length < width && isRowNumber(cells[0]!)));
    // A row short of cells continued by this line: its first piece ends the cell the row broke off in.
    const current = pending as string[] | null;
    const fits = current !== null && current.length < width && current.length + cells.length - 1 <= width;
    if (current && pendingOpen && fits && !heading && !startsRow && blanks === 0 && rowLines < MAX_ROW_LINES && cellBrokenOff(current[current.length - 1]!, cells[0]!)) {
      rowLines++;
      current[current.length - 1] = current[current.length - 1]! + cells[0]!;
      current.push(...cells.slice(1));
      pendingEnd = j + 1;
      pendingOpen = !endsWithBar(line);
      if (current.length >= width) flush();
      continue;
    }
    flush();
    blanks = 0;
    if (heading && (barred || pipeRowFollows(lines, j + 1))) {
      rows.push([nonEmpty[0]!, ...Array.from({ length: width - 1 }, () => '')]);
      lastNumbered = false;
      end = j + 1;
      continue;
    }
    // A line without bars (or with one bar, "注 | 说明") that continues nothing: the table has ended.
    if (!barred || cells.length < 2) break;
    pending = [...cells];
    pendingEnd = j + 1;
    pendingOpen = !endsWithBar(line);
    rowLines = 1;
    if (pending.length >= width) flush();
  }
  flush();
  // A header followed by no row is a line of text, not a table.
  return rows.length > 1 ? { start: i, end, table: { kind: 'table', rows } } : null;
}
