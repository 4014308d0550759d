/**
 * Every cell of every sheet of a workbook, as stored: for checking a filled 填报表 cell by cell. Unlike the document
 * readers (shared/parser/readers), nothing is cleaned or skipped: hidden sheets are read, formulas are reported,
 * merged ranges are listed. .xlsx (Excel, WPS and LibreOffice write it differently: shared or inline strings,
 * prefixed XML, rich text) through the bounded zip and XML readers; .xls (BIFF8, "Excel 97–2003") through the
 * project's BIFF record reader.
 */
import { openZip, isZip, type ZipArchive } from '../parser/readers/zip';
import { isOle, openOle } from '../parser/readers/ole';
import { child, elements, parseXml, textContent, type XmlElement } from '../parser/readers/xml';
import { officeDocumentPart, relationshipsPath } from '../parser/readers/ooxml';
import { Cursor, Records, rkValue } from '../parser/readers/xls';
import { formatNumber } from '../parser/readers/xlsx';
import { DocumentRefusedError } from '../parser/types';

export interface CellValue {
  text: string;
  /** The cell holds a formula (its cached result is `text`). */
  formula: boolean;
  numeric: boolean;
}

export interface CellRange {
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

export interface SheetCells {
  name: string;
  /** 'visible', 'hidden' or 'veryHidden'. */
  state: string;
  /** Cells by "row,col" (1-based, as the sheet shows them). */
  cells: Map<string, CellValue>;
  merges: CellRange[];
}

export class WorkbookRefusedError extends Error {
  override readonly name = 'WorkbookRefusedError';
}

const MAX_CELLS = 500_000;
const key = (row: number, col: number) => `${row},${col}`;

export function cellText(sheet: SheetCells, row: number, col: number): string {
  return sheet.cells.get(key(row, col))?.text ?? '';
}

/** Read a workbook's cells; refuses what is not an Excel workbook with a Chinese message. */
export function readWorkbookCells(bytes: Uint8Array): SheetCells[] {
  try {
    if (isZip(bytes)) return readXlsxCells(openZip(bytes));
    if (isOle(bytes)) {
      const ole = openOle(bytes);
      if (ole.has('EncryptedPackage')) throw new WorkbookRefusedError('文件设置了打开密码，请取消密码后再导入');
      if (!ole.has('Workbook') && !ole.has('Book')) throw new WorkbookRefusedError('这不是 Excel 工作簿（.xls）文件');
      return readXlsCells(ole.stream(ole.has('Workbook') ? 'Workbook' : 'Book'));
    }
  } catch (e) {
    if (e instanceof WorkbookRefusedError) throw e;
    if (e instanceof DocumentRefusedError) throw new WorkbookRefusedError(e.message);
    throw e;
  }
  throw new WorkbookRefusedError('这不是 Excel 文件（.xlsx 或 .xls），请选择填好的填报表');
}

// ---------------------------------------------------------------- .xlsx

function resolveTarget(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.') parts.push(seg);
  }
  return parts.join('/');
}

function stringItem(si: XmlElement): string {
  let s = '';
  for (const c of elements(si)) {
    if (c.name === 't') s += textContent(c);
    else if (c.name === 'r') for (const t of elements(c, 't')) s += textContent(t);
  }
  return s;
}

function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

function parseRef(ref: string): { row: number; col: number } | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d{1,7})$/.exec(ref.toUpperCase());
  return m ? { col: columnIndex(m[1]!), row: Number(m[2]) } : null;
}

function readXlsxCells(zip: ZipArchive): SheetCells[] {
  const declared = officeDocumentPart(zip);
  const workbookPath = declared?.startsWith('xl/') ? declared : 'xl/workbook.xml';
  if (!zip.entries.has(workbookPath)) throw new WorkbookRefusedError('这不是 Excel 工作簿（缺少 workbook.xml），可能已损坏');
  const workbook = parseXml(zip.readText(workbookPath), true);
  const rels = new Map<string, { type: string; target: string }>();
  const relsPath = relationshipsPath(workbookPath);
  if (zip.entries.has(relsPath)) {
    for (const rel of elements(parseXml(zip.readText(relsPath), true), 'Relationship')) {
      if (rel.attrs.Id && rel.attrs.Target) rels.set(rel.attrs.Id, { type: rel.attrs.Type ?? '', target: resolveTarget(workbookPath, rel.attrs.Target) });
    }
  }
  let sharedPath: string | null = null;
  for (const rel of rels.values()) if (rel.type.endsWith('/sharedStrings') && zip.entries.has(rel.target)) sharedPath = rel.target;
  if (!sharedPath && zip.entries.has('xl/sharedStrings.xml')) sharedPath = 'xl/sharedStrings.xml';
  const shared = sharedPath ? elements(parseXml(zip.readText(sharedPath), true), 'si').map(stringItem) : [];
  const sheets = child(workbook, 'sheets');
  const out: SheetCells[] = [];
  let total = 0;
  for (const sheet of sheets ? elements(sheets, 'sheet') : []) {
    const target = rels.get(sheet.attrs.id ?? '')?.target;
    if (!target || !zip.entries.has(target)) continue;
    const xml = parseXml(zip.readText(target), true);
    const cells = new Map<string, CellValue>();
    const data = child(xml, 'sheetData');
    let rowCursor = 0;
    for (const row of data ? elements(data, 'row') : []) {
      rowCursor = row.attrs.r ? Number(row.attrs.r) : rowCursor + 1;
      let colCursor = 0;
      for (const c of elements(row, 'c')) {
        if (++total > MAX_CELLS) throw new WorkbookRefusedError('表格过大，不是本软件导出的填报表');
        const pos = c.attrs.r ? parseRef(c.attrs.r) : { row: rowCursor, col: colCursor + 1 };
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
        } else if (type === 'b') text = raw === '1' ? 'TRUE' : 'FALSE';
        else if (type === 'str' || type === 'e') text = raw;
        else text = raw === '' ? '' : formatNumber(raw);
        const formula = child(c, 'f') !== undefined;
        if (text === '' && !formula) continue;
        cells.set(key(pos.row, pos.col), { text, formula, numeric: !type || type === 'n' });
      }
    }
    const merges: CellRange[] = [];
    const mergeCells = child(xml, 'mergeCells');
    for (const m of mergeCells ? elements(mergeCells, 'mergeCell') : []) {
      const [a, b] = (m.attrs.ref ?? '').split(':');
      const p = a ? parseRef(a) : null;
      const q = b ? parseRef(b) : p;
      if (p && q) merges.push({ r0: Math.min(p.row, q.row), c0: Math.min(p.col, q.col), r1: Math.max(p.row, q.row), c1: Math.max(p.col, q.col) });
    }
    out.push({ name: sheet.attrs.name ?? '', state: sheet.attrs.state ?? 'visible', cells, merges });
  }
  return out;
}

// ---------------------------------------------------------------- .xls (BIFF8)

const BOF = 0x0809;
const EOF_ = 0x000a;

function readXlsCells(stream: Uint8Array): SheetCells[] {
  const records = new Records(stream);
  const first = records.list[0];
  if (!first || first.type !== BOF) throw new WorkbookRefusedError('Excel 文件已损坏，无法读取');
  if ((stream[first.start]! | (stream[first.start + 1]! << 8)) !== 0x0600) {
    throw new WorkbookRefusedError('这是 Excel 5.0 或更早版本的文件，请另存为 .xlsx 后再导入');
  }
  const sheets: { name: string; offset: number; state: string }[] = [];
  let sst: string[] = [];
  for (let i = 1; i < records.list.length; i++) {
    const r = records.list[i]!;
    if (r.type === EOF_) break;
    const c = new Cursor(stream.subarray(r.start, r.start + r.length));
    if (r.type === 0x002f) throw new WorkbookRefusedError('文件设置了打开密码，请取消密码后再导入');
    if (r.type === 0x0085) {
      const offset = c.u32();
      const visibility = c.u8() & 3;
      const kind = c.u8();
      if (kind === 0) sheets.push({ name: c.shortString(1), offset, state: ['visible', 'hidden', 'veryHidden'][visibility] ?? 'hidden' });
    } else if (r.type === 0x00fc) {
      const { data, breaks } = records.continued(i);
      const sc = new Cursor(data, 0, breaks);
      sc.u32();
      const unique = sc.u32();
      if (unique > MAX_CELLS) throw new WorkbookRefusedError('表格过大，不是本软件导出的填报表');
      sst = [];
      for (let k = 0; k < unique && sc.at < data.length; k++) sst.push(sc.richString());
    }
  }
  const number = (v: number) => formatNumber(String(v));
  const out: SheetCells[] = [];
  for (const sheet of sheets) {
    const index = records.indexAt(sheet.offset);
    if (index < 0 || records.list[index]!.type !== BOF) throw new WorkbookRefusedError('Excel 文件已损坏，无法读取');
    const cells = new Map<string, CellValue>();
    const merges: CellRange[] = [];
    let pendingFormula: string | null = null;
    const set = (row: number, col: number, text: string, numeric: boolean, formula = false) => {
      if (cells.size > MAX_CELLS) throw new WorkbookRefusedError('表格过大，不是本软件导出的填报表');
      if (text !== '' || formula) cells.set(key(row + 1, col + 1), { text, formula, numeric });
    };
    for (let i = index + 1; i < records.list.length; i++) {
      const r = records.list[i]!;
      if (r.type === EOF_) break;
      const c = new Cursor(stream.subarray(r.start, r.start + r.length));
      switch (r.type) {
        case 0x00fd: {
          const row = c.u16();
          const col = c.u16();
          c.u16();
          set(row, col, sst[c.u32()] ?? '', false);
          break;
        }
        case 0x0204: {
          const row = c.u16();
          const col = c.u16();
          c.u16();
          set(row, col, c.shortString(2), false);
          break;
        }
        case 0x0203: {
          const row = c.u16();
          const col = c.u16();
          c.u16();
          set(row, col, number(new DataView(c.data.buffer, c.data.byteOffset + 6, 8).getFloat64(0, true)), true);
          break;
        }
        case 0x027e: {
          const row = c.u16();
          const col = c.u16();
          c.u16();
          set(row, col, number(rkValue(c.u32())), true);
          break;
        }
        case 0x00bd: {
          const row = c.u16();
          const firstCol = c.u16();
          const count = (r.length - 6) / 6;
          for (let k = 0; k < count; k++) {
            c.u16();
            set(row, firstCol + k, number(rkValue(c.u32())), true);
          }
          break;
        }
        case 0x0006: {
          // FORMULA: a string result follows in a STRING record.
          const row = c.u16();
          const col = c.u16();
          c.u16();
          const v = c.data.subarray(6, 14);
          if (v[6] === 0xff && v[7] === 0xff) {
            if (v[0] === 0) pendingFormula = key(row, col);
            else set(row, col, v[0] === 1 ? (v[2] ? 'TRUE' : 'FALSE') : '', false, true);
          } else set(row, col, number(new DataView(v.buffer, v.byteOffset, 8).getFloat64(0, true)), true, true);
          break;
        }
        case 0x0207: {
          if (pendingFormula) {
            const { data, breaks } = records.continued(i);
            const [row, col] = pendingFormula.split(',').map(Number) as [number, number];
            set(row, col, new Cursor(data, 0, breaks).shortString(2), false, true);
            pendingFormula = null;
          }
          break;
        }
        case 0x0205: {
          const row = c.u16();
          const col = c.u16();
          c.u16();
          const value = c.u8();
          if (c.u8() === 0) set(row, col, value ? 'TRUE' : 'FALSE', false);
          break;
        }
        case 0x00e5: {
          const count = c.u16();
          for (let k = 0; k < count; k++) {
            const r0 = c.u16();
            const r1 = c.u16();
            const c0 = c.u16();
            const c1 = c.u16();
            merges.push({ r0: r0 + 1, r1: r1 + 1, c0: c0 + 1, c1: c1 + 1 });
          }
          break;
        }
      }
    }
    if (pendingFormula) {
      const [row, col] = pendingFormula.split(',').map(Number) as [number, number];
      set(row, col, '', false, true);
    }
    out.push({ name: sheet.name, state: sheet.state, cells, merges });
  }
  return out;
}
