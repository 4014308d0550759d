/**
 * Passes over a PDF before pdf.js sees the file.
 *
 * Nesting: pdf.js checks every repeated object definition ("4 0 obj" seen again) by parsing it from there, and
 * a dictionary or array left open runs that parse to the end of the file; a file of thousands of open copies
 * costs minutes (quadratic). Real PDFs nest dictionaries and arrays a few levels deep, so the file's nesting,
 * counted once outside strings, comments and stream data, is bounded before pdf.js parses anything.
 *
 * Streams: a pass over a PDF's compressed streams. pdf.js inflates a FlateDecode stream
 * whole into a growing buffer, so a 1 MB stream of deflated spaces becomes a gigabyte of memory before any
 * check of ours can run. Here every zlib stream in the file is inflated once, in small steps, counting its
 * output and keeping none of it; a stream or a file whose streams inflate past the caps is refused.
 * Streams are found by their `stream` keyword and zlib header; the deflate data ends by itself, so no /Length
 * (which may be indirect or wrong) is needed.
 */
import { Inflate } from 'fflate';
import { LIMITS } from './limits';
import { refuse } from './refuse';

const STEP = 64 * 1024;
const KEYWORD = [0x73, 0x74, 0x72, 0x65, 0x61, 0x6d]; // "stream"

/** Offsets of stream data: just after each `stream` keyword and its end-of-line (not `endstream`). */
function streamStarts(bytes: Uint8Array): number[] {
  const out: number[] = [];
  const n = bytes.length;
  for (let i = bytes.indexOf(0x73); i >= 0 && i + 6 < n; i = bytes.indexOf(0x73, i + 1)) {
    let k = 0;
    while (k < 6 && bytes[i + k] === KEYWORD[k]) k++;
    if (k < 6) continue;
    if (i >= 3 && bytes[i - 3] === 0x65 && bytes[i - 2] === 0x6e && bytes[i - 1] === 0x64) continue; // endstream
    let at = i + 6;
    if (bytes[at] === 0x0d) at++;
    if (bytes[at] !== 0x0a && bytes[at - 1] !== 0x0d) continue;
    if (bytes[at] === 0x0a) at++;
    out.push(at);
    i = at;
  }
  return out;
}

/** Bytes one zlib stream at `at` inflates to, counted up to `cap + 1` (more is not needed). */
function inflatedSize(bytes: Uint8Array, at: number, cap: number): number {
  const b0 = bytes[at]!;
  const b1 = bytes[at + 1]!;
  if ((b0 & 0x0f) !== 8 || (b0 >> 4) > 7 || ((b0 << 8) | b1) % 31 !== 0) return 0;
  let produced = 0;
  const inflater = new Inflate((chunk) => {
    produced += chunk.length;
  });
  try {
    for (let o = at + 2; o < bytes.length && produced <= cap && !finished(inflater); o += STEP) {
      inflater.push(bytes.subarray(o, Math.min(bytes.length, o + STEP)), o + STEP >= bytes.length);
    }
  } catch {
    // Broken or not deflate after all: pdf.js will say what it makes of it.
  }
  return produced;
}

/**
 * The deflate data ended (its last block is done): fflate's own test for "nothing more to inflate", read from
 * its state (`f`: the last block has begun, `l`: a block is still open). Without it, bytes after the stream
 * would be fed in until the end of the file, for every stream.
 */
export function finished(inflater: Inflate): boolean {
  const state = (inflater as unknown as { s?: { f?: number; l?: unknown } }).s;
  return !!state && !!state.f && !state.l;
}

/** Refuse a PDF whose compressed streams inflate past the per-stream or whole-file caps. */
export function checkPdfStreams(bytes: Uint8Array): void {
  let total = 0;
  for (const at of streamStarts(bytes)) {
    const size = inflatedSize(bytes, at, LIMITS.maxPdfStreamBytes);
    if (size > LIMITS.maxPdfStreamBytes) throw refuse('hostile', PDF_STREAM_TOO_LARGE);
    total += size;
    if (total > LIMITS.maxPdfInflatedBytes) throw refuse('hostile', PDF_STREAM_TOO_LARGE);
  }
}

/**
 * Repeated object definitions: when the cross-reference table is broken, pdf.js rebuilds it by scanning the
 * file, and checks every repeated definition ("4 0 obj" again) by parsing from there; a definition its parser
 * cannot close (an open dictionary, or a key without a value such as "/>>") runs that parse to the end of the
 * file. What those checks could cost, in bytes read, is counted here before pdf.js starts: each repeated
 * definition may read on to the end of the file. Incremental updates (a real reason to redefine an object)
 * append their definitions at the end, so their cost stays small.
 */
export const MAX_PDF_REPARSE_BYTES = 64 * 1024 * 1024;

const isWhite = (b: number | undefined): boolean => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09 || b === 0x0c || b === 0x00;
const isDigit = (b: number | undefined): boolean => b !== undefined && b >= 0x30 && b <= 0x39;

export function checkPdfObjectRepeats(bytes: Uint8Array): void {
  const seen = new Set<string>();
  let cost = 0;
  const n = bytes.length;
  for (let i = bytes.indexOf(0x6f /* o */); i >= 0; i = bytes.indexOf(0x6f, i + 1)) {
    if (bytes[i + 1] !== 0x62 || bytes[i + 2] !== 0x6a || !(i + 3 >= n || !/[A-Za-z0-9]/.test(String.fromCharCode(bytes[i + 3]!)))) continue;
    // "<num> <gen> obj": white space, digits, white space, digits before "obj".
    let k = i - 1;
    if (!isWhite(bytes[k])) continue;
    while (k >= 0 && isWhite(bytes[k])) k--;
    const genEnd = k + 1;
    while (k >= 0 && isDigit(bytes[k])) k--;
    if (k + 1 === genEnd || !isWhite(bytes[k])) continue;
    const gen = String.fromCharCode(...bytes.subarray(k + 1, genEnd));
    while (k >= 0 && isWhite(bytes[k])) k--;
    const numEnd = k + 1;
    while (k >= 0 && isDigit(bytes[k]) && numEnd - k <= 10) k--;
    if (k + 1 === numEnd) continue;
    const key = `${String.fromCharCode(...bytes.subarray(k + 1, numEnd))} ${gen}`;
    if (seen.has(key)) {
      cost += n - i;
      if (cost > MAX_PDF_REPARSE_BYTES) throw refuse('hostile', PDF_TOO_MANY_REDEFINITIONS);
    } else seen.add(key);
  }
}

export const PDF_TOO_MANY_REDEFINITIONS = 'PDF 中同一对象被重复定义过多（可能是恶意构造的文件），已拒绝导入';

/** Deepest dictionary/array nesting allowed anywhere in the file (real files: under 20). */
export const MAX_PDF_NESTING = 256;

/** Refuse a PDF whose dictionaries and arrays nest deeper than MAX_PDF_NESTING (stream data and strings skipped). */
export function checkPdfNesting(bytes: Uint8Array): void {
  const starts = streamStarts(bytes);
  let nextStream = 0;
  let depth = 0;
  const n = bytes.length;
  for (let i = 0; i < n; i++) {
    if (nextStream < starts.length && i >= starts[nextStream]!) {
      // Stream data: skip to its endstream (binary bytes are not syntax).
      const end = indexOfAscii(bytes, 'endstream', i);
      nextStream++;
      if (end < 0) break;
      i = end + 8;
      while (nextStream < starts.length && starts[nextStream]! <= i) nextStream++;
      continue;
    }
    const b = bytes[i]!;
    if (b === 0x25) {
      // % comment to the end of the line
      while (i < n && bytes[i] !== 0x0a && bytes[i] !== 0x0d) i++;
    } else if (b === 0x28) {
      // (literal string) with nested parentheses and backslash escapes
      let level = 1;
      for (i++; i < n && level > 0; i++) {
        const c = bytes[i]!;
        if (c === 0x5c) i++;
        else if (c === 0x28) level++;
        else if (c === 0x29) level--;
      }
      i--;
    } else if (b === 0x3c && bytes[i + 1] === 0x3c) {
      i++;
      if (++depth > MAX_PDF_NESTING) throw refuse('hostile', PDF_TOO_DEEP);
    } else if (b === 0x3e && bytes[i + 1] === 0x3e) {
      i++;
      if (depth > 0) depth--;
    } else if (b === 0x5b) {
      if (++depth > MAX_PDF_NESTING) throw refuse('hostile', PDF_TOO_DEEP);
    } else if (b === 0x5d) {
      if (depth > 0) depth--;
    } else if (b === 0x3c) {
      // <hex string>
      while (i < n && bytes[i] !== 0x3e) i++;
    }
  }
}

function indexOfAscii(bytes: Uint8Array, text: string, from: number): number {
  const first = text.charCodeAt(0);
  for (let i = bytes.indexOf(first, from); i >= 0 && i + text.length <= bytes.length; i = bytes.indexOf(first, i + 1)) {
    let k = 1;
    while (k < text.length && bytes[i + k] === text.charCodeAt(k)) k++;
    if (k === text.length) return i;
  }
  return -1;
}

export const PDF_TOO_DEEP = 'PDF 文件结构嵌套过深（可能是恶意构造的文件），已拒绝导入';
export const PDF_STREAM_TOO_LARGE = 'PDF 中的内容解压后过大（可能是恶意构造的文件），已拒绝导入';
