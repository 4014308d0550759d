/**
 * Legacy Excel (.xls, BIFF8, Excel 97–2003; also WPS .et saved that way): the Workbook stream's records.
 * Sheets from BOUNDSHEET (hidden ones skipped), strings from SST (across CONTINUE records), cells from
 * LABELSST/LABEL/NUMBER/RK/MULRK/FORMULA(+STRING)/BOOLERR, merges from MERGEDCELLS, date formats from XF and
 * FORMAT. A FILEPASS record means the workbook is encrypted. Grid building is shared with .xlsx.
 * Written here (about 250 lines) rather than taken from SheetJS: the npm `xlsx` package is stuck at 0.18.5,
 * which has published advisories for crafted files (prototype pollution, ReDoS), and newer builds are not on
 * the npm registry.
 */
import type { Block } from '../document';
import type { OleFile } from './ole';
import { BUILTIN_DATE_FORMATS, formatNumber, serialToDate, sheetBlocks, type CellLimit, type CellRange, type StoredCell } from './xlsx';
import { appendAll, cleanCellText } from './table';
import { LIMITS } from './limits';
import { refuse } from './refuse';

const BOF = 0x0809;
const EOF_ = 0x000a;
const CONTINUE = 0x003c;

interface RecordRef {
  type: number;
  start: number;
  length: number;
}

/** Reads records; `continued(i)` gives a record's data plus the offsets where CONTINUE records joined it. */
export class Records {
  readonly list: RecordRef[] = [];
  constructor(readonly bytes: Uint8Array) {
    let o = 0;
    while (o + 4 <= bytes.length) {
      const type = bytes[o]! | (bytes[o + 1]! << 8);
      const length = bytes[o + 2]! | (bytes[o + 3]! << 8);
      if (o + 4 + length > bytes.length) break;
      this.list.push({ type, start: o + 4, length });
      o += 4 + length;
      if (this.list.length > 5_000_000) throw refuse('hostile');
    }
  }
  indexAt(offset: number): number {
    let lo = 0;
    let hi = this.list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const start = this.list[mid]!.start - 4;
      if (start === offset) return mid;
      if (start < offset) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }
  continued(i: number): { data: Uint8Array; breaks: Set<number> } {
    const parts: Uint8Array[] = [];
    const breaks = new Set<number>();
    let total = 0;
    for (let k = i; k < this.list.length && (k === i || this.list[k]!.type === CONTINUE); k++) {
      const r = this.list[k]!;
      if (k > i) breaks.add(total);
      parts.push(this.bytes.subarray(r.start, r.start + r.length));
      total += r.length;
    }
    const data = new Uint8Array(total);
    let at = 0;
    for (const p of parts) {
      data.set(p, at);
      at += p.length;
    }
    return { data, breaks };
  }
}

export class Cursor {
  constructor(
    readonly data: Uint8Array,
    public at = 0,
    readonly breaks: Set<number> = new Set(),
  ) {}
  u8(): number {
    if (this.at >= this.data.length) throw refuse('damaged');
    return this.data[this.at++]!;
  }
  u16(): number {
    return this.u8() | (this.u8() << 8);
  }
  u32(): number {
    return (this.u16() | (this.u16() << 16)) >>> 0;
  }
  skip(n: number): void {
    this.at += n;
    if (this.at > this.data.length) throw refuse('damaged');
  }
  /** Characters of a BIFF8 string; at a CONTINUE break inside them a fresh option byte says their width. */
  chars(count: number, high: boolean): string {
    let s = '';
    let wide = high;
    let chunk: number[] = [];
    const flushChunk = (): void => {
      if (chunk.length) s += String.fromCharCode(...chunk);
      chunk = [];
    };
    for (let i = 0; i < count; i++) {
      if (this.breaks.has(this.at)) {
        wide = (this.u8() & 1) === 1;
      }
      chunk.push(wide ? this.u16() : this.u8());
      if (chunk.length >= 4096) flushChunk();
    }
    flushChunk();
    return s;
  }
  /** XLUnicodeRichExtendedString (SST entries). */
  richString(): string {
    const cch = this.u16();
    const flags = this.u8();
    const runs = flags & 8 ? this.u16() : 0;
    const ext = flags & 4 ? this.u32() : 0;
    const text = this.chars(cch, (flags & 1) === 1);
    this.skip(runs * 4 + ext);
    return text;
  }
  /** XLUnicodeString (LABEL, STRING, FORMAT). */
  shortString(sizeBytes: 1 | 2): string {
    const cch = sizeBytes === 1 ? this.u8() : this.u16();
    const flags = this.u8();
    return this.chars(cch, (flags & 1) === 1);
  }
}

export function rkValue(rk: number): number {
  let value: number;
  if (rk & 2) value = rk >> 2;
  else {
    const buf = new DataView(new ArrayBuffer(8));
    buf.setUint32(0, 0, true);
    buf.setUint32(4, rk & 0xfffffffc, true);
    value = buf.getFloat64(0, true);
  }
  return rk & 1 ? value / 100 : value;
}

/** A BIFF8 workbook's globals: its sheets (name, offset of their BOF, visibility), shared strings and number formats. */
export interface BiffWorkbook {
  records: Records;
  stream: Uint8Array;
  sheets: { name: string; offset: number; state: string }[];
  sst: string[];
  /** Is the cell format (XF index) a date format? */
  isDate(ixfe: number): boolean;
  /** Serial numbers count from 1904 (a Mac workbook). */
  date1904: boolean;
}

/**
 * Reads a BIFF8 Workbook stream's globals. Refuses (with the reader's Chinese messages) a stream that is not BIFF8,
 * an older version, and an encrypted workbook; `strings` bounds the shared strings table.
 */
export function openBiffWorkbook(stream: Uint8Array, strings: { max: number; error: () => Error }): BiffWorkbook {
  const records = new Records(stream);
  const first = records.list[0];
  if (!first || first.type !== BOF) throw refuse('damaged');
  const bofVersion = stream[first.start]! | (stream[first.start + 1]! << 8);
  if (bofVersion !== 0x0600) throw refuse('unknown-format', '这是 Excel 5.0 或更早版本的文件，请在 Excel 或 WPS 中另存为 .xlsx 后导入');

  const sheets: BiffWorkbook['sheets'] = [];
  let sst: string[] = [];
  const xfFormats: number[] = [];
  const customFormats = new Map<number, string>();
  let date1904 = false;
  for (let i = 1; i < records.list.length; i++) {
    const r = records.list[i]!;
    if (r.type === EOF_) break;
    const c = new Cursor(stream.subarray(r.start, r.start + r.length));
    switch (r.type) {
      case 0x002f:
        throw refuse('encrypted');
      case 0x0085: {
        const offset = c.u32();
        const visibility = c.u8() & 3;
        const kind = c.u8();
        if (kind === 0) sheets.push({ name: c.shortString(1), offset, state: ['visible', 'hidden', 'veryHidden'][visibility] ?? 'hidden' });
        break;
      }
      case 0x00fc: {
        const { data, breaks } = records.continued(i);
        const sc = new Cursor(data, 0, breaks);
        sc.u32();
        const unique = sc.u32();
        if (unique > strings.max) throw strings.error();
        sst = [];
        for (let k = 0; k < unique && sc.at < data.length; k++) sst.push(sc.richString());
        break;
      }
      case 0x00e0:
        c.u16();
        xfFormats.push(c.u16());
        break;
      case 0x041e: {
        const id = c.u16();
        customFormats.set(id, c.shortString(2));
        break;
      }
      case 0x0022:
        date1904 = c.u16() === 1;
        break;
    }
  }
  const isDate = (ixfe: number): boolean => {
    const id = xfFormats[ixfe];
    if (id === undefined) return false;
    const code = (customFormats.get(id) ?? '').replace(/"[^"]*"|\[[^\]]*\]/g, '');
    return BUILTIN_DATE_FORMATS.has(id) || (customFormats.has(id) && /[yd]/i.test(code));
  };
  return { records, stream, sheets, sst, isDate, date1904 };
}

/**
 * Every cell record of one sheet (LABELSST, LABEL, NUMBER, RK, MULRK, FORMULA with its STRING, BOOLERR), in record
 * order, and the sheet's merged ranges (returned; 0-based, inclusive). `dates`: numbers in a date format read as
 * 年月日. Each cell counts toward `limit`.
 */
export function forEachBiffCell(book: BiffWorkbook, offset: number, dates: boolean, limit: CellLimit, visit: (cell: StoredCell) => void): CellRange[] {
  const { records, stream, sst } = book;
  const index = records.indexAt(offset);
  if (index < 0 || records.list[index]!.type !== BOF) throw refuse('damaged');
  const numberText = (value: number, ixfe: number): string =>
    dates && book.isDate(ixfe) ? serialToDate(value + (book.date1904 ? 1462 : 0)) : formatNumber(String(value));
  const merges: CellRange[] = [];
  const emit = (row: number, col: number, text: string, numeric: boolean, formula: boolean): void => {
    if (++limit.used > limit.max) throw limit.error();
    visit({ row, col, text, numeric, formula });
  };
  let pendingFormula: { row: number; col: number } | null = null;
  for (let i = index + 1; i < records.list.length; i++) {
    const r = records.list[i]!;
    if (r.type === EOF_) break;
    const c = new Cursor(stream.subarray(r.start, r.start + r.length));
    switch (r.type) {
      case 0x00fd: {
        const row = c.u16();
        const col = c.u16();
        c.u16();
        emit(row, col, sst[c.u32()] ?? '', false, false);
        break;
      }
      case 0x0204: {
        const row = c.u16();
        const col = c.u16();
        c.u16();
        emit(row, col, c.shortString(2), false, false);
        break;
      }
      case 0x0203: {
        const row = c.u16();
        const col = c.u16();
        const ixfe = c.u16();
        const view = new DataView(c.data.buffer, c.data.byteOffset + 6, 8);
        emit(row, col, numberText(view.getFloat64(0, true), ixfe), true, false);
        break;
      }
      case 0x027e: {
        const row = c.u16();
        const col = c.u16();
        const ixfe = c.u16();
        emit(row, col, numberText(rkValue(c.u32()), ixfe), true, false);
        break;
      }
      case 0x00bd: {
        const row = c.u16();
        const firstCol = c.u16();
        const count = (r.length - 6) / 6;
        for (let k = 0; k < count; k++) {
          const ixfe = c.u16();
          emit(row, firstCol + k, numberText(rkValue(c.u32()), ixfe), true, false);
        }
        break;
      }
      case 0x0006: {
        // FORMULA: a string result follows in a STRING record; a boolean, an error or an empty result is told here.
        const row = c.u16();
        const col = c.u16();
        const ixfe = c.u16();
        const v = c.data.subarray(6, 14);
        if (v[6] === 0xff && v[7] === 0xff) {
          if (v[0] === 0) pendingFormula = { row, col };
          else emit(row, col, v[0] === 1 ? (v[2] ? 'TRUE' : 'FALSE') : '', false, true);
        } else emit(row, col, numberText(new DataView(v.buffer, v.byteOffset, 8).getFloat64(0, true), ixfe), true, true);
        break;
      }
      case 0x0207: {
        if (pendingFormula) {
          const { data, breaks } = records.continued(i);
          emit(pendingFormula.row, pendingFormula.col, new Cursor(data, 0, breaks).shortString(2), false, true);
          pendingFormula = null;
        }
        break;
      }
      case 0x0205: {
        const row = c.u16();
        const col = c.u16();
        c.u16();
        const value = c.u8();
        if (c.u8() === 0) emit(row, col, value ? 'TRUE' : 'FALSE', false, false);
        break;
      }
      case 0x00e5: {
        const count = c.u16();
        for (let k = 0; k < count; k++) merges.push({ r0: c.u16(), r1: c.u16(), c0: c.u16(), c1: c.u16() });
        break;
      }
    }
  }
  return merges;
}

export function readXls(ole: OleFile): Block[] {
  const stream = ole.has('Workbook') ? ole.stream('Workbook') : ole.stream('Book');
  const book = openBiffWorkbook(stream, { max: 10_000_000, error: () => refuse('hostile') });
  const out: Block[] = [];
  for (const sheet of book.sheets) {
    if (sheet.state !== 'visible') continue;
    const values = new Map<string, string>();
    const merges = forEachBiffCell(book, sheet.offset, true, { max: LIMITS.maxTableCells, error: () => refuse('hostile'), used: 0 }, (cell) => {
      const text = cleanCellText(cell.text);
      if (text !== '') values.set(`${cell.row},${cell.col}`, text);
    });
    appendAll(out, sheetBlocks(values, merges));
  }
  return out;
}
