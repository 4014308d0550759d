/**
 * Checks a printed 台账 (its PDF from LibreOffice) against the workbook: every cell's text is inside its own row
 * on the page — nothing cut off by a row too short (LibreOffice still writes clipped text into the PDF, under a
 * clip, so the text alone would not show it; the boxes do).
 */
import { strFromU8, unzipSync } from 'fflate';
import type { PdfPage } from './office';
import { compact } from './office';

/** LibreOffice: printed points per column-width unit with Arial as the default font (measured). */
export const LO_PT_PER_UNIT = 6.095;

export interface SheetGeometry {
  widths: number[];
  heights: Map<number, number>;
}

export function sheetGeometry(xlsx: Uint8Array, sheet = 1): SheetGeometry {
  const xml = strFromU8(unzipSync(xlsx)[`xl/worksheets/sheet${sheet}.xml`]!);
  const widths: number[] = [];
  for (const m of xml.matchAll(/<col min="(\d+)" max="(\d+)" width="([\d.]+)"/g)) for (let c = Number(m[1]); c <= Number(m[2]); c++) widths[c - 1] = Number(m[3]);
  const heights = new Map<number, number>();
  for (const m of xml.matchAll(/<row r="(\d+)"[^>]*? ht="([\d.]+)"/g)) heights.set(Number(m[1]), Number(m[2]));
  return { widths, heights };
}

export interface PrintedRow {
  sheetRow: number;
  /** Cell texts in column order; the first is the 序号 that finds the row on the page. */
  cells: string[];
}

type Word = PdfPage['words'][number];

/** Words in reading order: lines (centres within 4 pt) top to bottom, words left to right. */
export function readingOrder(words: Word[]): string {
  const sorted = [...words].sort((a, b) => a.yMin + a.yMax - (b.yMin + b.yMax));
  const lines: Word[][] = [];
  for (const w of sorted) {
    const line = lines[lines.length - 1];
    const centre = (w.yMin + w.yMax) / 2;
    if (line && Math.abs(centre - (line[0]!.yMin + line[0]!.yMax) / 2) < 4) line.push(w);
    else lines.push([w]);
  }
  return lines.map((l) => l.sort((a, b) => a.xMin - b.xMin).map((w) => w.text).join('')).join('');
}

/** Problems found (empty when every cell of every row prints whole inside its row). */
export function checkPrintedRows(pages: PdfPage[], geometry: SheetGeometry, rows: readonly PrintedRow[]): string[] {
  const problems: string[] = [];
  const total = geometry.widths.reduce((a, b) => a + b, 0) * LO_PT_PER_UNIT;
  const edges = (pageWidth: number) => {
    const left = (pageWidth - total) / 2;
    const out = [left];
    for (const w of geometry.widths) out.push(out[out.length - 1]! + w * LO_PT_PER_UNIT);
    return out;
  };
  const columnOf = (x: number, e: number[]) => {
    for (let c = 0; c < e.length - 1; c++) if (x >= e[c]! && x < e[c + 1]!) return c;
    return -1;
  };
  for (const row of rows) {
    let found = false;
    for (const page of pages) {
      const e = edges(page.width);
      const anchor = page.words.find((w) => w.text === row.cells[0] && columnOf((w.xMin + w.xMax) / 2, e) === 0);
      if (!anchor) continue;
      found = true;
      const top = anchor.yMin - 4;
      const bottom = top + (geometry.heights.get(row.sheetRow) ?? 0);
      const inRow = page.words.filter((w) => (w.yMin + w.yMax) / 2 >= top && (w.yMin + w.yMax) / 2 < bottom);
      row.cells.forEach((text, c) => {
        const printed = readingOrder(inRow.filter((w) => columnOf((w.xMin + w.xMax) / 2, e) === c));
        if (compact(printed) !== compact(text)) problems.push(`第 ${row.sheetRow} 行第 ${c + 1} 列：应为「${compact(text)}」，页面上为「${compact(printed)}」`);
      });
      break;
    }
    if (!found) problems.push(`第 ${row.sheetRow} 行（序号 ${row.cells[0]}）不在打印页面上`);
  }
  return problems;
}

/**
 * The text of one table column across all pages, in reading order: words whose centre lies between x0 and x1 (points
 * from the page's left edge). A Word table's rows never split across pages (cantSplit), so each cell is contiguous.
 */
export function columnText(pages: PdfPage[], x0: number, x1: number, where: (page: PdfPage) => boolean = () => true): string {
  return pages
    .filter(where)
    .map((p) => readingOrder(p.words.filter((w) => (w.xMin + w.xMax) / 2 >= x0 && (w.xMin + w.xMax) / 2 < x1 && w.yMax < p.height - 40)))
    .join('');
}
