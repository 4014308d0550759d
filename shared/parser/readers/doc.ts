/**
 * Legacy Word (.doc, and .wps files saved in the same Word 97 binary format): text from the piece table of the
 * WordDocument stream; paragraph properties (PAPX) tell table cells (sprmPFInTable) and row ends (sprmPFTtp),
 * the row's cell boundaries (sprmTDefTable) and vertical merges (sprmTVertMerge); character properties (CHPX)
 * mark deleted revisions, which are dropped. Field codes are dropped, their results kept. Pure TypeScript over
 * the bounded OLE reader, so it runs in the browser too (word-extractor needs Node's Buffer, fs and stream).
 */
import type { Block, ReaderOutput, ReaderWarning } from '../document';
import { decodeBytes } from '../../text/encoding';
import type { OleFile } from './ole';
import { appendAll, cleanCellText, gridFromCells, tableOrParagraphs, type PlacedCell } from './table';
import { LIMITS } from './limits';
import { refuse } from './refuse';
import { LINE_TOO_LONG } from './text';

interface Piece {
  cpStart: number;
  cpEnd: number;
  fc: number;
  bpc: 1 | 2;
}

interface RowProps {
  centers: number[];
  vmerge: Map<number, number>;
}

const FLAG_TTP = 1;
const FLAG_IN_TABLE = 2;
const FLAG_DELETED = 4;

class Reader {
  private readonly view: DataView;
  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  u8(o: number): number {
    if (o < 0 || o >= this.bytes.length) throw refuse('damaged');
    return this.bytes[o]!;
  }
  u16(o: number): number {
    if (o < 0 || o + 2 > this.bytes.length) throw refuse('damaged');
    return this.view.getUint16(o, true);
  }
  i16(o: number): number {
    if (o < 0 || o + 2 > this.bytes.length) throw refuse('damaged');
    return this.view.getInt16(o, true);
  }
  u32(o: number): number {
    if (o < 0 || o + 4 > this.bytes.length) throw refuse('damaged');
    return this.view.getUint32(o, true);
  }
}

/** Walk a grpprl: calls `visit(sprm, operandOffset)` for each property. */
function eachSprm(r: Reader, start: number, end: number, visit: (sprm: number, at: number) => void): void {
  let o = start;
  while (o + 2 <= end) {
    const sprm = r.u16(o);
    o += 2;
    const spra = sprm >> 13;
    let len: number;
    if (sprm === 0xd608 || sprm === 0xd606) len = r.u16(o) + 1;
    else if (spra === 0 || spra === 1) len = 1;
    else if (spra === 2 || spra === 4 || spra === 5) len = 2;
    else if (spra === 3) len = 4;
    else if (spra === 7) len = 3;
    else len = r.u8(o) + 1;
    if (o + len > end) return;
    visit(sprm, o);
    o += len;
  }
}

export function readDoc(ole: OleFile): ReaderOutput {
  const word = new Reader(ole.stream('WordDocument'));
  if (word.u16(0) !== 0xa5ec) throw refuse('damaged');
  // Word 97 and later have nFib 193 (0xC1) or more; Word 6/95 files use an older layout.
  if (word.u16(2) < 0xc1) throw refuse('unknown-format', '这是 Word 95 或更早版本的文件，请在 Word 或 WPS 中另存为 .docx 后导入');
  const flags = word.u16(0x0a);
  if (flags & 0x0100) throw refuse('encrypted');
  const table = new Reader(ole.stream(flags & 0x0200 ? '1Table' : '0Table'));
  const ccpText = word.u32(0x4c);
  const data = ole.has('Data') ? new Reader(ole.stream('Data')) : null;

  // Piece table (Clx): skip Prc entries, then the PlcPcd.
  let pos = word.u32(0x01a2);
  let guard = 0;
  while (table.u8(pos) === 1) {
    pos += 3 + table.u16(pos + 1);
    if (++guard > 100000) throw refuse('damaged');
  }
  if (table.u8(pos) !== 2) throw refuse('damaged');
  const lcb = table.u32(pos + 1);
  pos += 5;
  const n = (lcb - 4) / 12;
  if (!Number.isInteger(n) || n < 1) throw refuse('damaged');
  const pieces: Piece[] = [];
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    const cpStart = table.u32(pos + i * 4);
    const cpEnd = table.u32(pos + (i + 1) * 4);
    if (cpEnd < cpStart || cpStart >= ccpText) continue;
    const rawFc = table.u32(pos + (n + 1) * 4 + i * 8 + 2);
    const compressed = (rawFc & 0x40000000) !== 0;
    const fc = compressed ? (rawFc & ~0x40000000) / 2 : rawFc;
    const bpc: 1 | 2 = compressed ? 1 : 2;
    const end = Math.min(cpEnd, ccpText);
    const byteEnd = fc + (end - cpStart) * bpc;
    if (byteEnd > word.bytes.length) throw refuse('damaged');
    pieces.push({ cpStart, cpEnd: end, fc, bpc });
    parts.push(decodeBytes(word.bytes.subarray(fc, byteEnd), compressed ? 'windows-1252' : 'utf-16le'));
  }
  const text = parts.join('');
  const marks = new Uint8Array(text.length + 1);
  const rowProps = new Map<number, RowProps>();

  // Pieces by file position, with the furthest end reached so far: a property run finds its pieces by binary
  // search instead of scanning them all (a file of 100,000 pieces and runs would otherwise take minutes).
  const byFc = pieces
    .map((p) => ({ ...p, fcEnd: p.fc + (p.cpEnd - p.cpStart) * p.bpc }))
    .sort((a, b) => a.fc - b.fc);
  const reach: number[] = [];
  for (let i = 0; i < byFc.length; i++) reach.push(Math.max(byFc[i]!.fcEnd, i ? reach[i - 1]! : 0));
  // Property runs never overlap in a real file: characters marked more than a few times over the text's length
  // mean runs laid over each other on purpose.
  let marked = 0;
  const markBudget = 4 * (text.length + 1) + 1_000_000;
  /** Apply `f` to every cp whose file position lies in [fcA, fcB). */
  const forCpRange = (fcA: number, fcB: number, f: (cpA: number, cpB: number) => void): void => {
    let lo = 0;
    let hi = byFc.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (reach[mid]! <= fcA) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < byFc.length && byFc[i]!.fc < fcB; i++) {
      const p = byFc[i]!;
      const a = Math.max(fcA, p.fc);
      const b = Math.min(fcB, p.fcEnd);
      if (a < b) {
        const cpA = p.cpStart + Math.floor((a - p.fc) / p.bpc);
        const cpB = p.cpStart + Math.ceil((b - p.fc) / p.bpc);
        marked += cpB - cpA;
        if (marked > markBudget) throw refuse('hostile');
        f(cpA, cpB);
      }
    }
  };

  // Paragraph properties.
  const fcPapx = word.u32(0x0102);
  const lcbPapx = word.u32(0x0106);
  const nPapx = lcbPapx >= 12 ? (lcbPapx - 4) / 8 : 0;
  for (let i = 0; i < nPapx; i++) {
    const page = table.u32(fcPapx + (nPapx + 1) * 4 + i * 4) * 512;
    if (page + 512 > word.bytes.length) throw refuse('damaged');
    const crun = word.u8(page + 511);
    for (let j = 0; j < crun; j++) {
      const fcA = word.u32(page + j * 4);
      const fcB = word.u32(page + (j + 1) * 4);
      const bx = word.u8(page + (crun + 1) * 4 + j * 13) * 2;
      if (bx === 0) continue;
      let at = page + bx;
      let len = word.u8(at);
      if (len === 0) {
        len = word.u8(at + 1) * 2;
        at += 2;
      } else {
        len = len * 2 - 1;
        at += 1;
      }
      let flag = 0;
      const props: RowProps = { centers: [], vmerge: new Map() };
      const visit = (r: Reader) => (sprm: number, o: number): void => {
        // Outer-table marks only: a nested table's cells (sprmPFInnerTableCell/InnerTtp) stay paragraphs
        // of the outer cell, so its text is kept and the outer grid is not broken.
        if (sprm === 0x2416 && r.u8(o) === 1) flag |= FLAG_IN_TABLE;
        else if (sprm === 0x2417 && r.u8(o) === 1) flag |= FLAG_TTP;
        else if (sprm === 0xd608) {
          const itcMac = r.u8(o + 2);
          props.centers = [];
          for (let k = 0; k <= itcMac; k++) props.centers.push(r.i16(o + 3 + k * 2));
          // TC80 records follow the boundaries when present: fVertMerge 0x20, fVertRestart 0x40.
          const tcAt = o + 3 + (itcMac + 1) * 2;
          if (tcAt + itcMac * 20 <= o + 2 + r.u16(o) - 1) {
            for (let k = 0; k < itcMac; k++) {
              const grf = r.u16(tcAt + k * 20);
              if (grf & 0x20) props.vmerge.set(k, grf & 0x40 ? 3 : 1);
            }
          }
        } else if (sprm === 0xd62b) props.vmerge.set(r.u8(o + 1), r.u8(o + 2));
        else if (sprm === 0x6646 && data && r === word) {
          // sprmPHugePapx: the properties did not fit the page and live in the Data stream.
          const at = r.u32(o);
          const cb = data.u16(at);
          eachSprm(data, at + 2, at + 2 + cb, visit(data));
        }
      };
      eachSprm(word, at + 2, Math.min(at + len, page + 511), visit(word));
      if (!flag) continue;
      forCpRange(fcA, fcB, (a, b) => {
        for (let cp = a; cp < b && cp < marks.length; cp++) marks[cp]! |= flag;
        if (flag & FLAG_TTP && b - 1 < marks.length) rowProps.set(b - 1, props);
      });
    }
  }

  // Character properties: deleted revisions.
  const fcChpx = word.u32(0x00fa);
  const lcbChpx = word.u32(0x00fe);
  const nChpx = lcbChpx >= 12 ? (lcbChpx - 4) / 8 : 0;
  for (let i = 0; i < nChpx; i++) {
    const page = table.u32(fcChpx + (nChpx + 1) * 4 + i * 4) * 512;
    if (page + 512 > word.bytes.length) throw refuse('damaged');
    const crun = word.u8(page + 511);
    for (let j = 0; j < crun; j++) {
      const rgb = word.u8(page + (crun + 1) * 4 + j) * 2;
      if (rgb === 0) continue;
      const cb = word.u8(page + rgb);
      let deleted = false;
      eachSprm(word, page + rgb + 1, Math.min(page + rgb + 1 + cb, page + 511), (sprm, o) => {
        if (sprm === 0x0800 && word.u8(o) & 1) deleted = true;
      });
      if (deleted) {
        forCpRange(word.u32(page + j * 4), word.u32(page + (j + 1) * 4), (a, b) => {
          for (let cp = a; cp < b && cp < marks.length; cp++) if (text[cp] !== '\r' && text[cp] !== '\x07') marks[cp]! |= FLAG_DELETED;
        });
      }
    }
  }

  const warnings: ReaderWarning[] = [];
  // FIB character counts of the stories the reader does not read: footnotes, endnotes, text boxes.
  const notes = word.u32(0x50) + word.u32(0x60);
  const boxes = word.u32(0x64);
  if (notes > 0 && notes < ccpText * 10) warnings.push({ code: 'notes-skipped', message: '文件中有脚注或尾注，其内容未读取，请对照原文核对。' });
  if (boxes > 1 && boxes < ccpText * 10) warnings.push({ code: 'text-boxes-skipped', message: `文件中有文本框（共约 ${boxes} 字）未读取；如其中有任务，请对照原文补充。` });
  return { blocks: buildBlocks(text, marks, rowProps), warnings };
}

/** Field codes (\x13 code \x14 result \x15) keep their result; control characters become text or go. */
function cleanRun(s: string): string {
  let out = s;
  for (let i = 0; i < 8 && /\x13/.test(out); i++) out = out.replace(/\x13[^\x13\x14\x15]*(?:\x14([^\x13\x14\x15]*))?\x15/g, '$1');
  return out
    .replace(/\x0b/g, '\n')
    .replace(/\x1e/g, '-')
    .replace(/[\x00-\x08\x0c\x0e-\x1f]/g, '');
}

function buildBlocks(text: string, marks: Uint8Array, rowProps: Map<number, RowProps>): Block[] {
  const out: Block[] = [];
  let para = '';
  let cellParas: string[] = [];
  let rowCells: string[] = [];
  let tableRows: { cells: string[]; props: RowProps | undefined }[] = [];

  const flushTable = (): void => {
    if (tableRows.length === 0) return;
    appendAll(out, tableOrParagraphs(docTable(tableRows)));
    tableRows = [];
  };

  for (let cp = 0; cp < text.length; cp++) {
    const ch = text[cp]!;
    const m = marks[cp]!;
    if (m & FLAG_DELETED) continue;
    // A section break (\x0c) also ends its paragraph; a page break inside a paragraph is dropped later.
    if (ch !== '\r' && ch !== '\x07' && !(ch === '\x0c' && !(m & FLAG_IN_TABLE))) {
      para += ch;
      if (para.length > LIMITS.maxLineChars) throw refuse('hostile', LINE_TOO_LONG);
      continue;
    }
    const value = cleanCellText(cleanRun(para));
    para = '';
    if (m & FLAG_TTP) {
      tableRows.push({ cells: rowCells, props: rowProps.get(cp) });
      rowCells = [];
      cellParas = [];
    } else if (ch === '\x07') {
      cellParas.push(value);
      rowCells.push(cleanCellText(cellParas.filter((p) => p !== '').join('\n')));
      cellParas = [];
    } else if (m & FLAG_IN_TABLE) {
      cellParas.push(value);
    } else {
      flushTable();
      if (value !== '') out.push({ kind: 'paragraph', text: value });
    }
  }
  flushTable();
  if (para.trim() !== '') out.push({ kind: 'paragraph', text: cleanCellText(cleanRun(para)) });
  return out;
}

/** Place a .doc table's rows on one grid from their cell boundaries; vertical merges carry the value down. */
function docTable(rows: { cells: string[]; props: RowProps | undefined }[]) {
  const bounds = new Set<number>();
  const usable = rows.every((r) => r.props && r.props.centers.length === r.cells.length + 1);
  if (usable) for (const r of rows) for (const c of r.props!.centers) bounds.add(c);
  const grid = [...bounds].sort((a, b) => a - b);
  /** Index of the grid line nearest x (the lower one on a tie), by binary search. */
  const snap = (x: number): number => {
    let lo = 0;
    let hi = grid.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (grid[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    if (lo === 0) return 0;
    if (lo === grid.length) return grid.length - 1;
    return Math.abs(grid[lo]! - x) < Math.abs(grid[lo - 1]! - x) ? lo : lo - 1;
  };
  const placed: PlacedCell[] = [];
  const open = new Map<number, PlacedCell>();
  let width = 0;
  rows.forEach((row, r) => {
    row.cells.forEach((text, i) => {
      let col = i;
      let span = 1;
      if (usable) {
        col = snap(row.props!.centers[i]!);
        span = Math.max(1, snap(row.props!.centers[i + 1]!) - col);
      }
      const code = row.props?.vmerge.get(i) ?? 0;
      const above = open.get(col);
      if (code === 1 && above && above.row + above.rowSpan === r && above.colSpan === span) {
        above.rowSpan++;
      } else {
        const cell: PlacedCell = { row: r, col, rowSpan: 1, colSpan: span, text };
        placed.push(cell);
        for (let c = col; c < col + span; c++) open.set(c, cell);
      }
      width = Math.max(width, col + span);
    });
  });
  return gridFromCells(placed, rows.length, width);
}
