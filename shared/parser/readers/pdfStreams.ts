/**
 * A pass over a PDF's compressed streams before pdf.js sees the file. pdf.js inflates a FlateDecode stream
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

export const PDF_STREAM_TOO_LARGE = 'PDF 中的内容解压后过大（可能是恶意构造的文件），已拒绝导入';
