/**
 * RTF (saved by Word and WPS, published by some sites): paragraphs and tables. Text comes from plain
 * characters, \'hh bytes in the document's code page (\ansicpg936 → GBK; \fcharset134 fonts), and \uN
 * escapes (skipping their \ucN fallback bytes). Tables: \cell ends a cell, \row a row; \clvmgf/\clvmrg and
 * \clmgf/\clmrg mark vertical and horizontal merges, carried into the covered slots. Destinations that are not
 * body text (font and colour tables, styles, info, pictures, headers, footers, footnotes, \* groups) are
 * skipped (footnotes with a warning). Groups nest at most 256 deep; a paragraph longer than any real one is
 * refused as its bytes arrive, before it is decoded.
 */
import type { Block, ReaderOutput, ReaderWarning } from '../document';
import { decodeBytes } from '../../text/encoding';
import { appendAll, cleanCellText, gridFromCells, tableOrParagraphs, type PlacedCell } from './table';
import { LIMITS } from './limits';
import { refuse } from './refuse';
import { LINE_TOO_LONG, TEXT_TOO_LONG } from './text';

const SKIP_DESTINATIONS = new Set([
  'fonttbl', 'colortbl', 'stylesheet', 'info', 'pict', 'header', 'headerl', 'headerr', 'headerf', 'footer', 'footerl',
  'footerr', 'footerf', 'footnote', 'annotation', 'object', 'listtable', 'listoverridetable', 'rsidtbl', 'generator',
  'xmlnstbl', 'themedata', 'colorschememapping', 'latentstyles', 'datastore', 'fldinst', 'bkmkstart', 'bkmkend',
  'filetbl', 'revtbl', 'pgdsctbl', 'mmathPr', 'atnid', 'atnauthor', 'shppict', 'nonshppict', 'blipuid',
]);

const CODEPAGES: Record<number, string> = { 936: 'gb18030', 950: 'big5', 65001: 'utf-8', 1252: 'windows-1252', 54936: 'gb18030' };

interface State {
  skip: boolean;
  uc: number;
  codepage: string;
}

export function looksLikeRtf(bytes: Uint8Array): boolean {
  return bytes.length >= 5 && bytes[0] === 0x7b && bytes[1] === 0x5c && bytes[2] === 0x72 && bytes[3] === 0x74 && bytes[4] === 0x66;
}

const CHARSETS: Record<number, string> = { 134: 'gb18030', 136: 'big5', 128: 'shift_jis', 129: 'euc-kr' };

/** Font number → code page, for fonts whose \fcharset names a double-byte charset (134 = GB2312). */
function fontCodepages(bytes: Uint8Array): Map<number, string> {
  const map = new Map<number, string>();
  let head = '';
  for (let i = 0; i < Math.min(bytes.length, 65536); i++) head += String.fromCharCode(bytes[i]!);
  const table = /\\fonttbl([\s\S]*?)\}\s*\}/.exec(head)?.[1] ?? head;
  for (const m of table.matchAll(/\\f(\d+)[^;{}]*?\\fcharset(\d+)/g)) {
    const cp = CHARSETS[Number(m[2])];
    if (cp) map.set(Number(m[1]), cp);
  }
  return map;
}

export function readRtf(bytes: Uint8Array): ReaderOutput {
  const fonts = fontCodepages(bytes);
  const out: Block[] = [];
  let para = '';
  let pending: number[] = [];
  let state: State = { skip: false, uc: 1, codepage: 'windows-1252' };
  const stack: State[] = [];
  let docCodepage = 'windows-1252';
  let inTable = false;
  // Table being built: rows of cells; per row, the cell merge flags declared in its \trowd.
  let rows: { cells: string[]; vmerge: ('first' | 'cont' | null)[]; hmerge: ('first' | 'cont' | null)[] }[] = [];
  let cells: string[] = [];
  let defs: { v: 'first' | 'cont' | null; h: 'first' | 'cont' | null }[] = [];
  let def: { v: 'first' | 'cont' | null; h: 'first' | 'cont' | null } = { v: null, h: null };
  let footnotes = 0;
  let emitted = 0;

  const flushBytes = (): void => {
    if (pending.length) {
      try {
        para += decodeBytes(new Uint8Array(pending), state.codepage);
      } catch {
        para += decodeBytes(new Uint8Array(pending), 'windows-1252');
      }
      pending = [];
      if (para.length > LIMITS.maxLineChars) throw refuse('hostile', LINE_TOO_LONG);
    }
  };
  /** One byte of text in the current code page; a paragraph past the line cap is refused before decoding. */
  const pushByte = (b: number): void => {
    pending.push(b);
    if (pending.length + para.length > LIMITS.maxLineChars) throw refuse('hostile', LINE_TOO_LONG);
  };
  const emit = (text: string): void => {
    flushBytes();
    para += text;
    if (para.length > LIMITS.maxLineChars) throw refuse('hostile', LINE_TOO_LONG);
  };
  const flushTable = (): void => {
    if (rows.length === 0) return;
    appendAll(out, tableOrParagraphs(rtfTable(rows)));
    rows = [];
  };
  const endParagraph = (): void => {
    flushBytes();
    const text = cleanCellText(para);
    para = '';
    emitted += text.length;
    if (emitted > LIMITS.maxTextChars) throw refuse('too-large', TEXT_TOO_LONG);
    if (inTable) {
      // Paragraphs inside a cell stay in the cell.
      para = text ? `${text}\n` : '';
      return;
    }
    flushTable();
    if (text !== '') out.push({ kind: 'paragraph', text });
  };

  let i = 0;
  let skipChars = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i]!;
    if (b === 0x7b) {
      flushBytes();
      stack.push(state);
      if (stack.length > 256) throw refuse('hostile');
      state = { ...state };
      i++;
      // {\* \dest …}: an ignorable destination.
      if (bytes[i] === 0x5c && bytes[i + 1] === 0x2a) state.skip = true;
      continue;
    }
    if (b === 0x7d) {
      flushBytes();
      state = stack.pop() ?? state;
      i++;
      continue;
    }
    if (b === 0x5c) {
      const next = bytes[i + 1];
      if (next === undefined) break;
      if (next === 0x27) {
        // \'hh: one byte in the current code page.
        const hex = String.fromCharCode(bytes[i + 2] ?? 0, bytes[i + 3] ?? 0);
        i += 4;
        if (skipChars > 0) {
          skipChars--;
          continue;
        }
        if (!state.skip && /^[0-9a-fA-F]{2}$/.test(hex)) pushByte(parseInt(hex, 16));
        continue;
      }
      if (!((next >= 0x61 && next <= 0x7a) || (next >= 0x41 && next <= 0x5a))) {
        // Control symbols: \\ \{ \} literal; \~ non-breaking space; \- \_ hyphens; others ignored.
        i += 2;
        if (state.skip) continue;
        if (next === 0x5c || next === 0x7b || next === 0x7d) emit(String.fromCharCode(next));
        else if (next === 0x7e) emit(' ');
        else if (next === 0x5f) emit('-');
        else if (next === 0x0a || next === 0x0d) endParagraph();
        continue;
      }
      let j = i + 1;
      // A control word has at most 32 letters (the RTF specification); more are text.
      while (j < n && j - i <= 32 && ((bytes[j]! >= 0x61 && bytes[j]! <= 0x7a) || (bytes[j]! >= 0x41 && bytes[j]! <= 0x5a))) j++;
      const word = String.fromCharCode(...bytes.subarray(i + 1, j));
      let k = j;
      if (bytes[k] === 0x2d) k++;
      while (k < n && bytes[k]! >= 0x30 && bytes[k]! <= 0x39 && k - j < 12) k++;
      const paramText = String.fromCharCode(...bytes.subarray(j, k));
      const param = paramText === '' ? null : parseInt(paramText, 10);
      if (bytes[k] === 0x20) k++;
      i = k;
      flushBytes();
      if (SKIP_DESTINATIONS.has(word)) {
        if (word === 'footnote' && !state.skip) footnotes++;
        state.skip = true;
        continue;
      }
      switch (word) {
        case 'ansicpg':
          if (param !== null) docCodepage = CODEPAGES[param] ?? docCodepage;
          state.codepage = docCodepage;
          break;
        case 'f':
          if (param !== null) state.codepage = fonts.get(param) ?? docCodepage;
          break;
        case 'uc':
          state.uc = Math.max(0, Math.min(10, param ?? 1));
          break;
        case 'u':
          if (!state.skip && param !== null) emit(String.fromCharCode(param < 0 ? param + 65536 : param));
          skipChars = state.uc;
          break;
        case 'par':
        case 'sect':
          if (!state.skip) endParagraph();
          break;
        case 'line':
          if (!state.skip) emit('\n');
          break;
        case 'tab':
          if (!state.skip) emit('\t');
          break;
        case 'intbl':
          inTable = true;
          break;
        case 'pard':
          inTable = false;
          break;
        case 'trowd':
          defs = [];
          def = { v: null, h: null };
          break;
        case 'clvmgf':
          def.v = 'first';
          break;
        case 'clvmrg':
          def.v = 'cont';
          break;
        case 'clmgf':
          def.h = 'first';
          break;
        case 'clmrg':
          def.h = 'cont';
          break;
        case 'cellx':
          defs.push(def);
          def = { v: null, h: null };
          break;
        case 'cell':
          if (!state.skip) {
            flushBytes();
            cells.push(cleanCellText(para));
            para = '';
            inTable = true;
          }
          break;
        case 'row':
          if (!state.skip) {
            flushBytes();
            rows.push({ cells, vmerge: cells.map((_, c) => defs[c]?.v ?? null), hmerge: cells.map((_, c) => defs[c]?.h ?? null) });
            if (rows.length * Math.max(1, cells.length) > LIMITS.maxTableCells) throw refuse('hostile');
            cells = [];
            para = '';
            inTable = false;
          }
          break;
        case 'bin':
          // Binary data: skip it whole.
          i += Math.max(0, param ?? 0);
          break;
        default:
          break;
      }
      continue;
    }
    if (b === 0x0d || b === 0x0a) {
      i++;
      continue;
    }
    i++;
    if (skipChars > 0) {
      skipChars--;
      continue;
    }
    if (!state.skip) pushByte(b);
  }
  endParagraph();
  flushTable();
  const warnings: ReaderWarning[] = [];
  if (footnotes) warnings.push({ code: 'notes-skipped', message: `文件中有 ${footnotes} 条脚注或尾注，其内容未读取，请对照原文核对。` });
  return { blocks: out, warnings };
}

function rtfTable(rows: { cells: string[]; vmerge: ('first' | 'cont' | null)[]; hmerge: ('first' | 'cont' | null)[] }[]) {
  const placed: PlacedCell[] = [];
  const open = new Map<number, PlacedCell>();
  let width = 0;
  rows.forEach((row, r) => {
    let last: PlacedCell | null = null;
    row.cells.forEach((text, c) => {
      const above = open.get(c);
      if (row.vmerge[c] === 'cont' && above && above.row + above.rowSpan === r) {
        above.rowSpan++;
        last = null;
      } else if (row.hmerge[c] === 'cont' && last && last.col + last.colSpan === c) {
        last.colSpan++;
      } else {
        const cell: PlacedCell = { row: r, col: c, rowSpan: 1, colSpan: 1, text };
        placed.push(cell);
        open.set(c, cell);
        last = cell;
      }
      width = Math.max(width, c + 1);
    });
  });
  return gridFromCells(placed, rows.length, width);
}
