import ExcelJS from 'exceljs';

/**
 * A printed table as an .xlsx: title and subtitle rows, a styled header, bordered and wrapped cells, frozen header,
 * auto-filter, A4 landscape fitted to the page width with the header repeated on each page. Used by the 诉求事项
 * ledgers and the 考核 tables; the task 台账 has its own layout (ledger.ts).
 */
export interface TableSheet {
  name: string;
  title: string;
  subtitle: string;
  headers: readonly string[];
  /** Column widths in characters. */
  widths: readonly number[];
  rows: readonly (readonly (string | number | null)[])[];
  /** 1-based columns centred (numbers, dates, short codes). */
  center?: readonly number[];
  /** Per row and column, a fill colour (ARGB) for the cell. */
  fill?: (row: number, column: number) => string | null;
  /** Per row and column, a note on the cell (hover text in Excel). */
  note?: (row: number, column: number) => string | null;
  /** Shown in one merged row when `rows` is empty. */
  empty?: string;
  /** Lines under the table (e.g. how a figure was computed). */
  footnotes?: readonly string[];
}

const HEADER_FILL = 'FFD9E1F2';

/** Width in Excel character units: a CJK or full-width character takes two. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) || ch.codePointAt(0)! > 0xffff ? 2 : 1;
  return w;
}

export async function buildTableWorkbook(sheets: readonly TableSheet[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '任务分解台账';
  for (const sheet of sheets) addSheet(wb, sheet);
  const buffer = await wb.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

function addSheet(wb: ExcelJS.Workbook, s: TableSheet): void {
  const headerRow = 3;
  const ws = wb.addWorksheet(s.name.replace(/[\\/?*[\]:]/g, '').slice(0, 31) || 'Sheet', {
    views: [{ state: 'frozen', xSplit: 0, ySplit: headerRow, topLeftCell: `A${headerRow + 1}`, activeCell: `A${headerRow + 1}` }],
    pageSetup: {
      // A wide ledger goes on A3 so that it stays legible when fitted to the page width.
      paperSize: (s.widths.reduce((a, b) => a + b, 0) > 200 ? 8 : 9) as ExcelJS.PageSetup['paperSize'], // 8 = A3 (not in exceljs's enum), 9 = A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      printTitlesRow: `${headerRow}:${headerRow}`,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '第 &P 页，共 &N 页' },
  });
  const columns = s.headers.length;
  ws.columns = s.widths.map((width) => ({ width }));
  const thin = { style: 'thin' as const, color: { argb: 'FF999999' } };
  const border = { top: thin, left: thin, bottom: thin, right: thin };
  const mergeAcross = (row: number) => ws.mergeCells(row, 1, row, columns);

  const title = ws.getRow(1);
  title.getCell(1).value = s.title;
  title.getCell(1).font = { bold: true, size: 16 };
  title.getCell(1).alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  title.height = 30;
  mergeAcross(1);
  ws.getRow(2).getCell(1).value = s.subtitle;
  ws.getRow(2).getCell(1).alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  mergeAcross(2);

  const header = ws.getRow(headerRow);
  s.headers.forEach((h, i) => {
    const cell = header.getCell(i + 1);
    cell.value = h;
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
    cell.border = border;
  });
  const headerLines = Math.max(1, ...s.headers.map((h, i) => Math.ceil((displayWidth(h) * 1.15) / Math.max(1, (s.widths[i] ?? 10) - 1))));
  header.height = Math.max(22, headerLines * 15 + 4);

  const center = new Set(s.center ?? []);
  let r = headerRow;
  s.rows.forEach((values, i) => {
    r++;
    const row = ws.getRow(r);
    row.values = values.map((v) => v ?? '');
    for (let c = 1; c <= columns; c++) {
      const cell = row.getCell(c);
      cell.alignment = { vertical: 'top', wrapText: true, horizontal: center.has(c) ? 'center' : 'left' };
      cell.border = border;
      const fill = s.fill?.(i, c);
      if (fill) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fill } };
      const note = s.note?.(i, c);
      if (note) cell.note = note;
    }
    // Excel and LibreOffice do not grow a row to its wrapped text on open: set the height from the longest cell.
    let lines = 1;
    values.forEach((v, c) => {
      const width = Math.max(1, (s.widths[c] ?? 10) - 1);
      const text = v === null || v === undefined ? '' : String(v);
      let n = 0;
      for (const part of text.split('\n')) n += Math.max(1, Math.ceil((displayWidth(part) * 1.15) / width));
      lines = Math.max(lines, n);
    });
    row.height = Math.min(409, Math.max(18, lines * 15 + 3));
  });
  if (!s.rows.length) {
    r++;
    ws.getRow(r).getCell(1).value = s.empty ?? '（无）';
    ws.getRow(r).getCell(1).alignment = { horizontal: 'center' };
    mergeAcross(r);
  }
  ws.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow, column: columns } };
  for (const line of s.footnotes ?? []) {
    r++;
    ws.getRow(r).getCell(1).value = line;
    ws.getRow(r).getCell(1).alignment = { wrapText: true, vertical: 'top' };
    ws.getRow(r).height = Math.max(15, Math.ceil(line.length / 120) * 15);
    mergeAcross(r);
  }
}
