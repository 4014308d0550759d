/**
 * OpenDocument (.odt text, .ods spreadsheet; the default formats of LibreOffice on UOS/Kylin desktops):
 * content.xml walked in order. Paragraphs and headings (text:p, text:h, inside lists and sections) become
 * paragraphs; table:table becomes a TableBlock with number-columns/rows-spanned carried into the covered
 * cells (every slot of a row is written out, spans followed by covered cells, so a cell's column is its place in
 * the row). Repeated empty rows and cells (spreadsheets repeat them to the sheet's end) are not expanded;
 * repeats and spans are counted before they are expanded.
 * Tracked deletions, notes, annotations and frames are skipped.
 */
import type { Block, ReaderOutput, ReaderWarning } from '../document';
import { child, elements, parseXml, type XmlElement } from './xml';
import type { ZipArchive } from './zip';
import { appendAll, cleanCellText, gridFromCells, tableOrParagraphs, dropEmptyRowsAndColumns, type PlacedCell } from './table';
import { LIMITS } from './limits';
import { refuse } from './refuse';
import { splitTitleRows } from './xlsx';

const SKIP = new Set(['text:tracked-changes', 'text:note', 'office:annotation', 'draw:frame', 'text:bookmark-ref', 'text:soft-page-break', 'svg:desc']);

function inline(node: XmlElement): string {
  let s = '';
  for (const c of node.children) {
    if (typeof c === 'string') {
      s += c;
      continue;
    }
    if (SKIP.has(c.name)) continue;
    if (c.name === 'text:s') s += ' '.repeat(Math.min(100, Number(c.attrs['text:c'] ?? 1) || 1));
    else if (c.name === 'text:tab') s += '\t';
    else if (c.name === 'text:line-break') s += '\n';
    else s += inline(c);
  }
  return s;
}

const intAttr = (el: XmlElement, name: string): number => {
  const n = parseInt(el.attrs[name] ?? '1', 10);
  return Number.isFinite(n) && n > 0 ? n : 1;
};

function cellText(cell: XmlElement): string {
  const parts: string[] = [];
  const visit = (node: XmlElement): void => {
    for (const c of elements(node)) {
      if (c.name === 'text:p' || c.name === 'text:h') parts.push(cleanCellText(inline(c)));
      else if (c.name === 'table:table') for (const row of tableRows(c)) parts.push(elements(row).map((x) => cellText(x).replace(/\n/g, ' ')).join(' '));
      else if (!SKIP.has(c.name)) visit(c);
    }
  };
  visit(cell);
  return cleanCellText(parts.filter((p) => p !== '').join('\n'));
}

/** Rows in order, through header-row and row-group wrappers. */
function tableRows(table: XmlElement): XmlElement[] {
  const rows: XmlElement[] = [];
  const visit = (node: XmlElement): void => {
    for (const c of elements(node)) {
      if (c.name === 'table:table-row') rows.push(c);
      else if (c.name === 'table:table-header-rows' || c.name === 'table:table-rows' || c.name === 'table:table-row-group') visit(c);
    }
  };
  visit(table);
  return rows;
}

function readTable(table: XmlElement, sheet: boolean): Block[] {
  const placed: PlacedCell[] = [];
  let r = 0;
  let width = 0;
  /** Grid slots the repeats and spans will cover, counted before they are expanded. */
  let slots = 0;
  for (const row of tableRows(table)) {
    const cells = elements(row).filter((c) => c.name === 'table:table-cell' || c.name === 'table:covered-table-cell');
    const texts = cells.map((c) => (c.name === 'table:table-cell' ? cellText(c) : ''));
    const rowHasText = texts.some((t) => t !== '');
    // A repeated row is expanded only when it holds text (spreadsheets repeat empty rows to the sheet's end).
    const repeat = rowHasText ? Math.min(intAttr(row, 'table:number-rows-repeated'), 1000) : 1;
    const colRepeats = cells.map((cell, i) => Math.min(intAttr(cell, 'table:number-columns-repeated'), texts[i] !== '' ? 1000 : 1));
    const spans = cells.map((cell) =>
      cell.name === 'table:table-cell' ? [Math.min(intAttr(cell, 'table:number-rows-spanned'), 1000), Math.min(intAttr(cell, 'table:number-columns-spanned'), 1000)] as const : ([1, 1] as const),
    );
    let rowSlots = 0;
    cells.forEach((_, i) => (rowSlots += colRepeats[i]! * spans[i]![0] * spans[i]![1]));
    slots += repeat * rowSlots;
    if (slots > LIMITS.maxTableCells) throw refuse('hostile');
    // Every slot of a row is written out (a spanned cell is followed by covered cells for the slots it covers,
    // and rows below hold covered cells under it), so a cell's column is its position in the row.
    for (let k = 0; k < repeat; k++, r++) {
      let col = 0;
      cells.forEach((cell, i) => {
        const text = texts[i]!;
        for (let j = 0; j < colRepeats[i]!; j++, col++) {
          if (cell.name !== 'table:table-cell') continue;
          const [rowSpan, colSpan] = spans[i]!;
          if (text !== '' || rowSpan > 1 || colSpan > 1) placed.push({ row: r, col, rowSpan, colSpan, text });
          if (text !== '') width = Math.max(width, col + colSpan);
        }
      });
    }
  }
  let rowCount = 0;
  for (const p of placed) if (p.text !== '') rowCount = Math.max(rowCount, p.row + 1);
  if (rowCount * width > LIMITS.maxTableCells) throw refuse('hostile');
  const grid = dropEmptyRowsAndColumns(gridFromCells(placed, rowCount, width));
  // A spreadsheet's title and note rows read as paragraphs, as for .xlsx.
  return sheet ? splitTitleRows(grid) : tableOrParagraphs(grid);
}

function walk(node: XmlElement, out: Block[], depth: number, sheet: boolean): void {
  if (depth > 64) throw refuse('hostile');
  for (const c of elements(node)) {
    if (c.name === 'text:p' || c.name === 'text:h') {
      const text = cleanCellText(inline(c));
      if (text !== '') out.push({ kind: 'paragraph', text });
    } else if (c.name === 'table:table') appendAll(out, readTable(c, sheet));
    else if (!SKIP.has(c.name) && !c.name.startsWith('office:forms') && c.name !== 'text:sequence-decls' && c.name !== 'table:named-expressions') walk(c, out, depth + 1, sheet);
  }
}

export function isOpenDocument(zip: ZipArchive): 'odt' | 'ods' | null {
  if (!zip.entries.has('content.xml')) return null;
  const mime = zip.entries.has('mimetype') ? zip.readText('mimetype').trim() : '';
  if (mime.endsWith('opendocument.spreadsheet')) return 'ods';
  if (mime.endsWith('opendocument.text') || mime === '') return 'odt';
  return null;
}

export function readOpenDocument(zip: ZipArchive): ReaderOutput {
  const xml = zip.readText('content.xml');
  const root = parseXml(xml);
  const body = child(root, 'office:body');
  const spreadsheet = body && child(body, 'office:spreadsheet');
  const content = body && (child(body, 'office:text') ?? spreadsheet);
  if (!content) throw refuse('damaged');
  const out: Block[] = [];
  walk(content, out, 0, content === spreadsheet);
  const warnings: ReaderWarning[] = [];
  const notes = count(xml, '<text:note ') + count(xml, '<text:note>');
  const boxes = count(xml, '<draw:text-box');
  if (notes) warnings.push({ code: 'notes-skipped', message: `文件中有 ${notes} 条脚注或尾注，其内容未读取，请对照原文核对。` });
  if (boxes) warnings.push({ code: 'text-boxes-skipped', message: `文件中有 ${boxes} 个文本框未读取；如其中有任务，请对照原文补充。` });
  return { blocks: out, warnings };
}

function count(text: string, needle: string): number {
  let n = 0;
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length)) n++;
  return n;
}
