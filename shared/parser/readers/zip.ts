/**
 * A bounded zip reader for OOXML packages (.docx/.xlsx): reads the central directory, then inflates only the
 * entries asked for, in small steps, counting output as it comes, so a zip bomb is refused before it fills
 * memory. fflate does the inflating. Stored (uncompressed) entries count against the same per-entry and total
 * caps as deflated ones, and entries whose data overlap (several names for the same bytes, read many times
 * over) are refused when the archive is opened.
 */
import { Inflate } from 'fflate';
import { decodeBytes } from '../../text/encoding';
import { LIMITS } from './limits';
import { refuse } from './refuse';

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

export interface ZipArchive {
  entries: Map<string, ZipEntry>;
  /** Inflate one entry (refuses on damage, encryption or a bomb). */
  read(name: string): Uint8Array;
  /**
   * Before reading several parts, refuse if their declared sizes together pass the total cap: a package that
   * names one part many times (sheets, embedded chunks) is refused before any of it is parsed.
   */
  reserve(names: Iterable<string>): void;
  /** Inflate one entry as UTF-8 text (BOM stripped). */
  readText(name: string): string;
}

const INFLATE_STEP = 16 * 1024;

function u16(b: Uint8Array, o: number): number {
  if (o + 2 > b.length) throw refuse('damaged');
  return b[o]! | (b[o + 1]! << 8);
}
function u32(b: Uint8Array, o: number): number {
  if (o + 4 > b.length) throw refuse('damaged');
  return (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16)) + b[o + 3]! * 0x1000000;
}

export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5) && (bytes[3] === 4 || bytes[3] === 6);
}

function findEndOfCentralDirectory(bytes: Uint8Array): number {
  const stop = Math.max(0, bytes.length - 22 - 0xffff);
  for (let i = bytes.length - 22; i >= stop; i--) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 5 && bytes[i + 3] === 6) return i;
  }
  return -1;
}

export function openZip(bytes: Uint8Array): ZipArchive {
  const eocd = findEndOfCentralDirectory(bytes);
  if (eocd < 0) throw refuse('damaged');
  const count = u16(bytes, eocd + 10);
  const cdSize = u32(bytes, eocd + 12);
  const cdOffset = u32(bytes, eocd + 16);
  if (count > LIMITS.maxZipEntries) throw refuse('hostile');
  if (cdOffset + cdSize > bytes.length) throw refuse('damaged');
  const entries = new Map<string, ZipEntry>();
  const spans: [number, number][] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (u32(bytes, p) !== 0x02014b50) throw refuse('damaged');
    const flags = u16(bytes, p + 8);
    const method = u16(bytes, p + 10);
    const compressedSize = u32(bytes, p + 20);
    const size = u32(bytes, p + 24);
    const nameLen = u16(bytes, p + 28);
    const extraLen = u16(bytes, p + 30);
    const commentLen = u16(bytes, p + 32);
    const localOffset = u32(bytes, p + 42);
    if (p + 46 + nameLen > bytes.length) throw refuse('damaged');
    const name = decodeBytes(bytes.subarray(p + 46, p + 46 + nameLen)).replace(/\\/g, '/');
    entries.set(name, { name, method, flags, compressedSize, size, localOffset });
    if (compressedSize !== 0xffffffff) spans.push([localOffset, localOffset + 30 + compressedSize]);
    p += 46 + nameLen + extraLen + commentLen;
  }
  // Each entry's local header and data lie apart from every other's (a zip writer never shares them); shared or
  // overlapping data is the "overlapping files" bomb: a small file read as many large entries.
  spans.sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < spans.length; i++) if (spans[i]![0] < spans[i - 1]![1]) throw refuse('hostile');
  let inflatedTotal = 0;

  function read(name: string): Uint8Array {
    const entry = entries.get(name);
    if (!entry) throw refuse('damaged');
    if (entry.flags & 1) throw refuse('encrypted');
    const lo = entry.localOffset;
    if (u32(bytes, lo) !== 0x04034b50) throw refuse('damaged');
    const start = lo + 30 + u16(bytes, lo + 26) + u16(bytes, lo + 28);
    const end = start + entry.compressedSize;
    if (end > bytes.length) throw refuse('damaged');
    const data = bytes.subarray(start, end);
    if (entry.method === 0) {
      inflatedTotal += data.length;
      if (data.length > LIMITS.maxEntryBytes || inflatedTotal > LIMITS.maxZipTotalBytes) throw refuse('hostile');
      return data;
    }
    if (entry.method !== 8) throw refuse('damaged');
    const chunks: Uint8Array[] = [];
    let produced = 0;
    let consumed = 0;
    let finished = false;
    const inflater = new Inflate((chunk, final) => {
      produced += chunk.length;
      inflatedTotal += chunk.length;
      if (produced > LIMITS.maxEntryBytes || inflatedTotal > LIMITS.maxZipTotalBytes) throw refuse('hostile');
      if (produced > LIMITS.ratioCheckAfterBytes && produced > LIMITS.maxCompressionRatio * Math.max(1, consumed)) {
        throw refuse('hostile');
      }
      chunks.push(chunk);
      if (final) finished = true;
    });
    try {
      for (let o = 0; o < data.length; o += INFLATE_STEP) {
        const last = o + INFLATE_STEP >= data.length;
        consumed = Math.min(data.length, o + INFLATE_STEP);
        inflater.push(data.subarray(o, Math.min(data.length, o + INFLATE_STEP)), last);
      }
      if (data.length === 0) inflater.push(new Uint8Array(0), true);
    } catch (error) {
      if (error instanceof Error && error.name === 'DocumentRefusedError') throw error;
      throw refuse('damaged');
    }
    if (!finished) throw refuse('damaged');
    const out = new Uint8Array(produced);
    let at = 0;
    for (const c of chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }

  function reserve(names: Iterable<string>): void {
    let total = inflatedTotal;
    for (const name of names) {
      const entry = entries.get(name);
      if (!entry) continue;
      total += entry.method === 0 ? entry.compressedSize : Math.min(entry.size, LIMITS.maxEntryBytes);
      if (total > LIMITS.maxZipTotalBytes) throw refuse('hostile');
    }
  }

  return {
    entries,
    read,
    reserve,
    readText(name) {
      const text = decodeBytes(read(name));
      return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    },
  };
}
