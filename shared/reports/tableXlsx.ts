import ExcelJS from 'exceljs';
import { A4, longestWordPt, PT_PER_WIDTH_UNIT, rowHeight, unitsForTextWidth, widestLinePt } from './printLayout';
import { setDefaultFont, STORED } from './xlsxDefaultFont';

/**
 * A printed table as an .xlsx: title and subtitle rows, a styled header, bordered and wrapped cells, frozen header,
 * auto-filter, landscape on one page width with the header repeated on each page. Used by the 诉求事项 ledgers and
 * the 考核 tables; the task 台账 has its own layout (ledger.ts). Columns are laid out by their content (see
 * `tableLayout`): no column is narrower than its longest word (a phone number, a date, a code), a `whole` column
 * keeps each of its lines on one line (a person's name), and the text columns share the rest of the page width.
 */
export interface TableSheet {
  name: string;
  title: string;
  subtitle: string;
  /** Column headings; a "\n" starts a new line in the heading. */
  headers: readonly string[];
  /** Preferred column widths in characters: each column's share of the page width its content does not claim. */
  widths: readonly number[];
  /** Landscape paper the table fills (A3 anyway when its words alone are wider than A4). */
  paper?: TablePaper;
  rows: readonly (readonly (string | number | null)[])[];
  /** 1-based columns centred (numbers, dates, short codes). */
  center?: readonly number[];
  /** 1-based columns whose lines are never wrapped (names, phone numbers, codes, short labels). */
  whole?: readonly number[];
  /** Per row and column, a fill colour (ARGB) for the cell. */
  fill?: (row: number, column: number) => string | null;
  /** Per row and column, a note on the cell (hover text in Excel). */
  note?: (row: number, column: number) => string | null;
  /** Shown in one merged row when `rows` is empty. */
  empty?: string;
  /** Lines under the table (e.g. how a figure was computed). */
  footnotes?: readonly string[];
}

/** Font size of the table text (points), as in the 台账. */
export const TABLE_FONT_PT = 10;
const TITLE_FONT_PT = 16;
const HEADER_FILL = 'FFD9E1F2';
/** Paper sizes of the sheets: spreadsheet paper codes and the long side in points. */
const PAPERS = { A4: { code: 9, longPt: A4.longPt }, A3: { code: 8, longPt: 1190.55 } } as const;
export type TablePaper = keyof typeof PAPERS;
const MARGINS = { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 };
/** A column never gets wider than this for its content alone (longer text wraps). */
const MAX_NATURAL = 60;
const MIN_WIDTH = 4;

/** Characters of width that fit the printable width of a landscape page at 100 % (wider rendering, less a little). */
export function pageWidthBudget(paper: TablePaper): number {
  return Math.floor((PAPERS[paper].longPt - (MARGINS.left + MARGINS.right) * 72) / PT_PER_WIDTH_UNIT.wide) - 2;
}

export interface TableLayout {
  paper: TablePaper;
  /** Column widths in characters. */
  widths: number[];
  /** Each column's least width: its longest word, or its widest line when it is kept whole. */
  needs: number[];
}

const cellText = (v: string | number | null | undefined) => (v === null || v === undefined ? '' : String(v));

/**
 * Column widths from the content. Each column needs room for its longest word (and, when `whole`, its widest line);
 * beyond that it would like its widest line (capped). Widths are `clamp(preferred × k, need, natural)` with the one
 * k that fills the page (A4 or A3 landscape: the sheet's choice, else A4 when the preferred widths fit it). Text
 * columns take what is left when every column has its natural width. When even the needs exceed A3, the widths are
 * the needs and the sheet is scaled to the page width.
 */
export function tableLayout(s: Pick<TableSheet, 'headers' | 'widths' | 'rows' | 'whole' | 'paper'>): TableLayout {
  const whole = new Set(s.whole ?? []);
  const units = (pt: number) => Math.ceil(unitsForTextWidth(pt));
  const needs: number[] = [];
  const naturals: number[] = [];
  s.headers.forEach((header, i) => {
    // A heading of up to three characters (序号, 满意度) is one word; longer ones wrap between characters.
    let need = units([...header].length <= 3 ? widestLinePt(header, TABLE_FONT_PT) : longestWordPt(header, TABLE_FONT_PT));
    let natural = need;
    for (const row of s.rows) {
      const text = cellText(row[i]);
      if (!text) continue;
      const line = units(widestLinePt(text, TABLE_FONT_PT));
      need = Math.max(need, whole.has(i + 1) ? Math.min(MAX_NATURAL, line) : units(longestWordPt(text, TABLE_FONT_PT)));
      natural = Math.max(natural, line);
    }
    // A heading keeps its own lines, or wraps to at most two at the column's natural width.
    natural = Math.max(natural, units(header.includes('\n') ? widestLinePt(header, TABLE_FONT_PT) : widestLinePt(header, TABLE_FONT_PT) / 2));
    needs.push(Math.max(MIN_WIDTH, need));
    naturals.push(Math.max(MIN_WIDTH, need, Math.min(MAX_NATURAL, natural)));
  });
  const pref = s.headers.map((_, i) => Math.max(1, s.widths[i] ?? 10));
  const sum = (a: readonly number[]) => a.reduce((x, y) => x + y, 0);
  // The paper asked for (else A4 when the preferred widths fit it), but A3 when the words alone are wider than A4.
  const paper: TablePaper = sum(needs) > pageWidthBudget('A4') ? 'A3' : (s.paper ?? (sum(pref) <= pageWidthBudget('A4') ? 'A4' : 'A3'));
  const budget = pageWidthBudget(paper);
  const at = (k: number) => pref.map((p, i) => Math.min(naturals[i]!, Math.max(needs[i]!, p * k)));
  let widths: number[];
  if (sum(needs) >= budget) widths = [...needs];
  else if (sum(naturals) <= budget) {
    // Every column at its natural width, and room to spare: the columns that wrap text share it.
    const spare = budget - sum(naturals);
    const open = pref.map((p, i) => (whole.has(i + 1) ? 0 : p));
    const total = sum(open) || sum(pref);
    widths = naturals.map((n, i) => n + (spare * (sum(open) ? open[i]! : pref[i]!)) / total);
  } else {
    let lo = 0;
    let hi = 1;
    while (sum(at(hi)) < budget) hi *= 2;
    for (let n = 0; n < 40; n++) {
      const mid = (lo + hi) / 2;
      if (sum(at(mid)) < budget) lo = mid;
      else hi = mid;
    }
    widths = at(lo);
  }
  // Whole characters; what rounding leaves goes to the widest column that wraps.
  const rounded = widths.map((w, i) => Math.max(needs[i]!, Math.floor(w)));
  const left = budget - sum(rounded);
  if (left > 0) {
    const candidates = rounded.map((w, i) => (whole.has(i + 1) ? -1 : w));
    const widest = candidates.indexOf(Math.max(...candidates));
    if (widest >= 0) rounded[widest]! += left;
  }
  return { paper, widths: rounded, needs };
}

export async function buildTableWorkbook(sheets: readonly TableSheet[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '任务分解台账';
  for (const sheet of sheets) addSheet(wb, sheet);
  const buffer = await wb.xlsx.writeBuffer(STORED);
  return setDefaultFont(new Uint8Array(buffer as ArrayBuffer));
}

function addSheet(wb: ExcelJS.Workbook, s: TableSheet): void {
  const headerRow = 3;
  const layout = tableLayout(s);
  const widths = layout.widths;
  const tableWidth = widths.reduce((a, b) => a + b, 0);
  const ws = wb.addWorksheet(s.name.replace(/[\\/?*[\]:]/g, '').slice(0, 31) || 'Sheet', {
    views: [{ state: 'frozen', xSplit: 0, ySplit: headerRow, topLeftCell: `A${headerRow + 1}`, activeCell: `A${headerRow + 1}` }],
    pageSetup: {
      paperSize: PAPERS[layout.paper].code as ExcelJS.PageSetup['paperSize'], // 8 = A3 (not in exceljs's enum), 9 = A4
      orientation: 'landscape',
      // The widths fit the page at 100 %; fitting to the width only shrinks a sheet whose words alone are wider.
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      printTitlesRow: `${headerRow}:${headerRow}`,
      margins: { ...MARGINS },
    },
    headerFooter: { oddFooter: '&C&9第 &P 页，共 &N 页' },
  });
  const columns = s.headers.length;
  // exceljs leaves out a column of width 9 (its default), which then prints at the suite's default width.
  ws.columns = widths.map((width) => ({ width: width === 9 ? 9.01 : width }));
  const font = { name: '宋体', size: TABLE_FONT_PT };
  const thin = { style: 'thin' as const, color: { argb: 'FF999999' } };
  const border = { top: thin, left: thin, bottom: thin, right: thin };
  const mergeAcross = (row: number) => ws.mergeCells(row, 1, row, columns);
  const wholeRow = (text: string, fontPt: number) => rowHeight([{ text, units: tableWidth, fontPt }]);

  const title = ws.getRow(1);
  title.getCell(1).value = s.title;
  title.getCell(1).font = { name: '黑体', bold: true, size: TITLE_FONT_PT };
  title.getCell(1).alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  title.height = wholeRow(s.title, TITLE_FONT_PT) + 6;
  mergeAcross(1);
  const subtitle = ws.getRow(2);
  subtitle.getCell(1).value = s.subtitle;
  subtitle.getCell(1).font = font;
  subtitle.getCell(1).alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  subtitle.height = wholeRow(s.subtitle, TABLE_FONT_PT);
  mergeAcross(2);

  const header = ws.getRow(headerRow);
  s.headers.forEach((h, i) => {
    const cell = header.getCell(i + 1);
    cell.value = h;
    cell.font = { ...font, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
    cell.border = border;
  });
  header.height = Math.max(22, rowHeight(s.headers.map((h, i) => ({ text: h, units: widths[i]!, fontPt: TABLE_FONT_PT }))));

  const center = new Set(s.center ?? []);
  let r = headerRow;
  s.rows.forEach((values, i) => {
    r++;
    const row = ws.getRow(r);
    row.values = values.map((v) => v ?? '');
    for (let c = 1; c <= columns; c++) {
      const cell = row.getCell(c);
      cell.font = font;
      cell.alignment = { vertical: 'top', wrapText: true, horizontal: center.has(c) ? 'center' : 'left' };
      cell.border = border;
      const fill = s.fill?.(i, c);
      if (fill) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fill } };
      const note = s.note?.(i, c);
      if (note) cell.note = note;
    }
    // Excel and LibreOffice do not grow a row to its wrapped text on open: the height is set from the text.
    row.height = rowHeight(values.map((v, c) => ({ text: cellText(v), units: widths[c]!, fontPt: TABLE_FONT_PT })));
  });
  if (!s.rows.length) {
    r++;
    ws.getRow(r).getCell(1).value = s.empty ?? '（无）';
    ws.getRow(r).getCell(1).font = font;
    ws.getRow(r).getCell(1).alignment = { horizontal: 'center' };
    mergeAcross(r);
  }
  ws.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow, column: columns } };
  for (const line of s.footnotes ?? []) {
    r++;
    ws.getRow(r).getCell(1).value = line;
    ws.getRow(r).getCell(1).font = font;
    ws.getRow(r).getCell(1).alignment = { wrapText: true, vertical: 'top' };
    ws.getRow(r).height = wholeRow(line, TABLE_FONT_PT);
    mergeAcross(r);
  }
}
