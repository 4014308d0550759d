/**
 * OpenDocument (.odt text, .ods spreadsheet; the default formats of LibreOffice on UOS/Kylin desktops):
 * content.xml walked in order. Paragraphs and headings (text:p, text:h, inside lists and sections) become
 * paragraphs; table:table becomes a TableBlock with number-columns/rows-spanned carried into the covered
 * cells. Repeated empty rows and cells (spreadsheets repeat them to the sheet's end) are not expanded.
 * Tracked deletions, notes, annotations and frames are skipped.
 */
import type { Block } from '../document';
import { child, elements, parseXml, type XmlElement } from './xml';
import type { ZipArchive } from './zip';
import { cleanCellText, gridFromCells, tableOrParagraphs, dropEmptyRowsAndColumns, type PlacedCell } from './table';
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
  const taken = new Set<string>();
  let r = 0;
  let width = 0;
  for (const row of tableRows(table)) {
    const cells = elements(row).filter((c) => c.name === 'table:table-cell' || c.name === 'table:covered-table-cell');
    const texts = cells.map((c) => (c.name === 'table:table-cell' ? cellText(c) : ''));
    const rowHasText = texts.some((t) => t !== '');
    // A repeated row is expanded only when it holds text (spreadsheets repeat empty rows to the sheet's end).
    const repeat = rowHasText ? Math.min(intAttr(row, 'table:number-rows-repeated'), 1000) : 1;
    for (let k = 0; k < repeat; k++, r++) {
      let col = 0;
      cells.forEach((cell, i) => {
        const text = texts[i]!;
        const colRepeat = text !== '' ? Math.min(intAttr(cell, 'table:number-columns-repeated'), 1000) : Math.min(intAttr(cell, 'table:number-columns-repeated'), 1);
        for (let j = 0; j < colRepeat; j++) {
          while (taken.has(`${r},${col}`)) col++;
          if (cell.name === 'table:table-cell') {
            const rowSpan = Math.min(intAttr(cell, 'table:number-rows-spanned'), 1000);
            const colSpan = Math.min(intAttr(cell, 'table:number-columns-spanned'), 1000);
            if (text !== '' || rowSpan > 1 || colSpan > 1) placed.push({ row: r, col, rowSpan, colSpan, text });
            for (let dr = 0; dr < rowSpan; dr++) for (let dc = 0; dc < colSpan; dc++) taken.add(`${r + dr},${col + dc}`);
            col += colSpan;
          } else col++;
          if (text !== '') width = Math.max(width, col);
        }
      });
      if (placed.length > LIMITS.maxTableCells) throw refuse('hostile');
    }
  }
  const rowCount = Math.max(0, ...placed.filter((p) => p.text !== '').map((p) => p.row + 1));
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
    } else if (c.name === 'table:table') out.push(...readTable(c, sheet));
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

export function readOpenDocument(zip: ZipArchive): Block[] {
  const root = parseXml(zip.readText('content.xml'));
  const body = child(root, 'office:body');
  const spreadsheet = body && child(body, 'office:spreadsheet');
  const content = body && (child(body, 'office:text') ?? spreadsheet);
  if (!content) throw refuse('damaged');
  const out: Block[] = [];
  walk(content, out, 0, content === spreadsheet);
  return out;
}
