/**
 * .xlsx reader: each visible sheet becomes a TableBlock (merged ranges carried into every covered slot).
 * Rows above the header that hold one text spanning the sheet (a title) become paragraphs, as do such rows
 * below the table (notes). Reads the SpreadsheetML parts directly through the bounded zip reader, so the same
 * zip-bomb and XML guards apply as for .docx.
 */
import type { Block, ReaderOutput, ReaderWarning } from '../document';
import { child, elements, parseXml, textContent, type XmlElement } from './xml';
import type { ZipArchive } from './zip';
import { appendAll, cleanCellText, dropEmptyRowsAndColumns, gridFromCells, repeatedPartsWarning, type PlacedCell } from './table';
import { LIMITS } from './limits';
import { refuse } from './refuse';
import { officeDocumentPart, relationshipsPath } from './ooxml';

export function resolveTarget(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.') parts.push(seg);
  }
  return parts.join('/');
}

interface Relationship {
  type: string;
  target: string;
}

function relationships(zip: ZipArchive, relsPath: string, base: string): Map<string, Relationship> {
  const map = new Map<string, Relationship>();
  if (!zip.entries.has(relsPath)) return map;
  for (const rel of elements(parseXml(zip.readText(relsPath), true), 'Relationship')) {
    const id = rel.attrs.Id;
    const target = rel.attrs.Target;
    if (id && target) map.set(id, { type: rel.attrs.Type ?? '', target: resolveTarget(base, target) });
  }
  return map;
}

/** The workbook's part of a kind (sharedStrings, styles) by relationship type, else its usual name. */
function partOfType(zip: ZipArchive, rels: Map<string, Relationship>, type: string, usual: string): string | null {
  for (const rel of rels.values()) if (rel.type.endsWith(`/${type}`) && zip.entries.has(rel.target)) return rel.target;
  return zip.entries.has(usual) ? usual : null;
}

/** Text of a shared or inline string: plain `t`, or rich-text runs; phonetic runs skipped. */
export function stringItem(si: XmlElement): string {
  let s = '';
  for (const c of elements(si)) {
    if (c.name === 't') s += textContent(c);
    else if (c.name === 'r') for (const t of elements(c, 't')) s += textContent(t);
  }
  return s;
}

export const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 34, 35, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

function dateStyles(zip: ZipArchive, path: string | null): Set<number> {
  const dated = new Set<number>();
  if (!path) return dated;
  const styles = parseXml(zip.readText(path), true);
  const custom = new Map<number, string>();
  const numFmts = child(styles, 'numFmts');
  if (numFmts) for (const f of elements(numFmts, 'numFmt')) custom.set(Number(f.attrs.numFmtId), f.attrs.formatCode ?? '');
  const xfs = child(styles, 'cellXfs');
  if (!xfs) return dated;
  elements(xfs, 'xf').forEach((xf, index) => {
    const id = Number(xf.attrs.numFmtId ?? 0);
    const code = (custom.get(id) ?? '').replace(/"[^"]*"|\[[^\]]*\]/g, '');
    if (BUILTIN_DATE_FORMATS.has(id) || (custom.has(id) && /[yd]/i.test(code))) dated.add(index);
  });
  return dated;
}

export function serialToDate(serial: number): string {
  const ms = Math.round((serial - 25569) * 86400 * 1000);
  const d = new Date(ms);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

export function formatNumber(v: string): string {
  const n = Number(v);
  if (!Number.isFinite(n)) return v;
  return String(Number(n.toPrecision(15)));
}

function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** A cell reference ("B7", "$B$7") as a 0-based row and column; null when it is not one. */
export function parseCellRef(ref: string): { row: number; col: number } | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d{1,7})$/.exec(ref.toUpperCase());
  if (!m) return null;
  return { col: columnIndex(m[1]!), row: Number(m[2]) - 1 };
}

/** A cell as stored in a sheet: its 0-based position, its value as text, and what kind of value it holds. */
export interface StoredCell {
  row: number;
  col: number;
  /** The value as text: a shared or inline string, a number formatted (a date as 年月日 where `dated` says so), TRUE/FALSE. */
  text: string;
  /** A number (not a string, boolean or error). */
  numeric: boolean;
  /** The cell holds a formula; `text` is its cached result. */
  formula: boolean;
}

/**
 * How many cells a caller allows, and what it throws past that (each caller has its own bound and message). `used`
 * counts the cells read so far: one limit passed for several sheets bounds them together.
 */
export interface CellLimit {
  max: number;
  error: () => Error;
  used: number;
}

/**
 * Every cell of a worksheet (<sheetData>), in document order: a cell without a reference follows the one before it,
 * a row without a number follows the row before. `dated`: the style indexes whose numbers are dates (null: numbers
 * as numbers). Each <c> counts toward `limit`, placed or not.
 */
export function forEachXlsxCell(sheet: XmlElement, shared: readonly string[], dated: ReadonlySet<number> | null, limit: CellLimit, visit: (cell: StoredCell) => void): void {
  const data = child(sheet, 'sheetData');
  let rowCursor = -1;
  for (const row of data ? elements(data, 'row') : []) {
    rowCursor = row.attrs.r ? Number(row.attrs.r) - 1 : rowCursor + 1;
    let colCursor = -1;
    for (const c of elements(row, 'c')) {
      if (++limit.used > limit.max) throw limit.error();
      const pos = c.attrs.r ? parseCellRef(c.attrs.r) : { row: rowCursor, col: colCursor + 1 };
      if (!pos) continue;
      colCursor = pos.col;
      const type = c.attrs.t;
      const v = child(c, 'v');
      const raw = v ? textContent(v) : '';
      let text = '';
      if (type === 's') text = shared[Number(raw)] ?? '';
      else if (type === 'inlineStr') {
        const is = child(c, 'is');
        text = is ? stringItem(is) : '';
      } else if (type === 'b') text = raw === '1' ? 'TRUE' : raw === '0' ? 'FALSE' : raw;
      else if (type === 'str' || type === 'e') text = raw;
      else if (raw !== '') text = dated?.has(Number(c.attrs.s ?? -1)) ? serialToDate(Number(raw)) : formatNumber(raw);
      visit({ row: pos.row, col: pos.col, text, numeric: !type || type === 'n', formula: child(c, 'f') !== undefined });
    }
  }
}

/** A worksheet's merged ranges (0-based, inclusive). */
export function xlsxMerges(sheet: XmlElement): CellRange[] {
  const merges: CellRange[] = [];
  const mergeCells = child(sheet, 'mergeCells');
  for (const m of mergeCells ? elements(mergeCells, 'mergeCell') : []) {
    const [a, b] = (m.attrs.ref ?? '').split(':');
    const p = a ? parseCellRef(a) : null;
    const q = b ? parseCellRef(b) : p;
    if (!p || !q) continue;
    merges.push({ r0: Math.min(p.row, q.row), c0: Math.min(p.col, q.col), r1: Math.max(p.row, q.row), c1: Math.max(p.col, q.col) });
  }
  return merges;
}

/** A workbook's <sheet> entries whose part exists: name, visibility ('visible', 'hidden', 'veryHidden') and part path. */
export interface XlsxSheet {
  name: string;
  state: string;
  target: string;
}

/** The workbook part, its sheets, and its parts of a kind (sharedStrings, styles), as the workbook's relationships say. */
export interface XlsxWorkbook {
  sheets: XlsxSheet[];
  partOfType(type: string, usual: string): string | null;
}

/** The package's workbook part (the declared one under xl/, else the usual name), or null when it has none. */
export function xlsxWorkbookPath(zip: ZipArchive): string | null {
  const declared = officeDocumentPart(zip);
  const path = declared?.startsWith('xl/') ? declared : 'xl/workbook.xml';
  return zip.entries.has(path) ? path : null;
}

/** Opens an .xlsx workbook's part and relationships; refuses a package without a workbook part. */
export function openXlsxWorkbook(zip: ZipArchive): XlsxWorkbook {
  const workbookPath = xlsxWorkbookPath(zip);
  if (!workbookPath) throw refuse('damaged');
  const workbook = parseXml(zip.readText(workbookPath), true);
  const rels = relationships(zip, relationshipsPath(workbookPath), workbookPath);
  const list = child(workbook, 'sheets');
  const sheets: XlsxSheet[] = [];
  for (const sheet of list ? elements(list, 'sheet') : []) {
    const target = rels.get(sheet.attrs.id ?? '')?.target;
    if (target && zip.entries.has(target)) sheets.push({ name: sheet.attrs.name ?? '', state: sheet.attrs.state ?? 'visible', target });
  }
  return { sheets, partOfType: (type, usual) => partOfType(zip, rels, type, usual) };
}

/** The shared strings table (empty without one). */
export function sharedStrings(zip: ZipArchive, path: string | null): string[] {
  const shared: string[] = [];
  if (path) for (const si of elements(parseXml(zip.readText(path), true), 'si')) shared.push(stringItem(si));
  return shared;
}

function readSheet(xml: string, shared: string[], dated: Set<number>): Block[] {
  const sheet = parseXml(xml, true);
  const values = new Map<string, string>();
  forEachXlsxCell(sheet, shared, dated, { max: LIMITS.maxTableCells, error: () => refuse('hostile'), used: 0 }, (cell) => {
    const text = cleanCellText(cell.text);
    if (text !== '') values.set(`${cell.row},${cell.col}`, text);
  });
  return sheetBlocks(values, xlsxMerges(sheet));
}

export interface CellRange {
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

/**
 * A sheet's values ("row,col" → text) and merged ranges → blocks: the table with merges carried, title and
 * note rows as paragraphs. Shared by the .xlsx and .xls readers.
 */
export function sheetBlocks(values: Map<string, string>, merges: CellRange[]): Block[] {
  // Only rows and columns holding a value count: a stray cell far away or blank rows under a tall merge do
  // not blow the grid up.
  const usedRows = new Set<number>();
  const usedCols = new Set<number>();
  for (const key of values.keys()) {
    const [r, c] = key.split(',').map(Number) as [number, number];
    usedRows.add(r);
    usedCols.add(c);
  }
  if (usedRows.size === 0) return [];
  const rowList = [...usedRows].sort((a, b) => a - b);
  const colList = [...usedCols].sort((a, b) => a - b);
  const width = colList.length;
  if (rowList.length * width > LIMITS.maxTableCells) throw refuse('hostile');
  const rowIndex = new Map(rowList.map((r, i) => [r, i]));
  const colIndex = new Map(colList.map((c, i) => [c, i]));
  // A merge is expanded over the used lines inside it only, found by binary search: a range declared over a
  // million rows costs no more than the rows that hold text.
  const anchored: { cell: PlacedCell; rows: [number, number]; cols: [number, number] }[] = [];
  let area = 0;
  for (const m of merges) {
    const text = values.get(`${m.r0},${m.c0}`) ?? '';
    if (text === '') continue;
    const rows = usedSpan(rowList, m.r0, m.r1);
    const cols = usedSpan(colList, m.c0, m.c1);
    if (!rows || !cols) continue;
    // Merged ranges never overlap in a real workbook, so together they cover at most the grid: more is hostile.
    area += (rows[1] - rows[0] + 1) * (cols[1] - cols[0] + 1);
    if (area > LIMITS.maxTableCells) throw refuse('hostile');
    anchored.push({ cell: { row: rows[0], col: cols[0], rowSpan: rows[1] - rows[0] + 1, colSpan: cols[1] - cols[0] + 1, text }, rows, cols });
  }
  const covered = new Uint8Array(rowList.length * width);
  const cells: PlacedCell[] = [];
  for (const { cell, rows, cols } of anchored) {
    cells.push(cell);
    for (let r = rows[0]; r <= rows[1]; r++) covered.fill(1, r * width + cols[0], r * width + cols[1] + 1);
  }
  for (const [key, text] of values) {
    const [r, c] = key.split(',').map(Number) as [number, number];
    const row = rowIndex.get(r)!;
    const col = colIndex.get(c)!;
    if (covered[row * width + col]) continue;
    cells.push({ row, col, rowSpan: 1, colSpan: 1, text });
  }
  const table = dropEmptyRowsAndColumns(gridFromCells(cells, rowList.length, width));
  return splitTitleRows(table);
}

/** Dense indices [first, last] of the sorted used lines that fall within [a, b], or null. */
function usedSpan(list: readonly number[], a: number, b: number): [number, number] | null {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! < a) lo = mid + 1;
    else hi = mid;
  }
  const first = lo;
  hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! <= b) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1 >= first ? [first, lo - 1] : null;
}

/** A row whose only text is one value spread over (nearly) the whole width, or a lone cell in a wide table. */
function isBannerRow(row: string[]): boolean {
  const filled = row.filter((c) => c !== '');
  if (filled.length === 0) return true;
  const distinct = new Set(filled);
  if (distinct.size !== 1) return false;
  return row.length >= 3 && (filled.length === 1 || filled.length >= row.length - 1);
}

export function splitTitleRows(table: { rows: string[][]; merged?: boolean[][] }): Block[] {
  let top = 0;
  let bottom = table.rows.length;
  while (top < bottom - 1 && isBannerRow(table.rows[top]!)) top++;
  while (bottom - 1 > top + 1 && isBannerRow(table.rows[bottom - 1]!)) bottom--;
  const banner = (row: string[]): Block => ({ kind: 'paragraph', text: row.find((c) => c !== '') ?? '' });
  const out: Block[] = table.rows.slice(0, top).map(banner);
  if (bottom > top) {
    const rows = table.rows.slice(top, bottom);
    const merged = table.merged?.slice(top, bottom);
    // Columns that only the title or note rows used are empty now.
    out.push(dropEmptyRowsAndColumns(merged ? { kind: 'table', rows, merged } : { kind: 'table', rows }));
  }
  appendAll(out, table.rows.slice(bottom).map(banner));
  return out.filter((b) => b.kind !== 'paragraph' || b.text !== '');
}

export function readXlsx(zip: ZipArchive): ReaderOutput {
  const workbook = openXlsxWorkbook(zip);
  const hidden: string[] = [];
  const targets: string[] = [];
  let repeated = 0;
  for (const sheet of workbook.sheets) {
    if (sheet.state === 'hidden' || sheet.state === 'veryHidden') {
      hidden.push(sheet.name);
      continue;
    }
    // Each worksheet part is read once, however many <sheet> entries name it.
    if (targets.includes(sheet.target)) repeated++;
    else targets.push(sheet.target);
  }
  const sharedPath = workbook.partOfType('sharedStrings', 'xl/sharedStrings.xml');
  const stylesPath = workbook.partOfType('styles', 'xl/styles.xml');
  zip.reserve([...(sharedPath ? [sharedPath] : []), ...(stylesPath ? [stylesPath] : []), ...targets]);
  const shared = sharedStrings(zip, sharedPath);
  const dated = dateStyles(zip, stylesPath);
  const blocks: Block[] = [];
  for (const target of targets) appendAll(blocks, readSheet(zip.readText(target), shared, dated));
  const warnings: ReaderWarning[] = [];
  if (hidden.length) {
    warnings.push({ code: 'hidden-sheets-skipped', message: `工作簿中有 ${hidden.length} 个隐藏的工作表（${hidden.slice(0, 5).map((n) => `“${n}”`).join('、')}${hidden.length > 5 ? '等' : ''}）未读取；如其中有任务，请在 Excel 中取消隐藏后重新导入。` });
  }
  if (repeated) warnings.push(repeatedPartsWarning(repeated));
  return { blocks, warnings };
}
