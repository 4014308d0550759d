/**
 * A bounded reader for OLE compound files (legacy .doc/.xls/.wps, and password-protected OOXML, which Office
 * wraps in OLE as "EncryptedPackage"). Every sector chain is checked against the file's size and for loops.
 */
import { refuse } from './refuse';

export interface OleFile {
  has(name: string): boolean;
  /** A stream's bytes, by its name (first match anywhere in the directory). */
  stream(name: string): Uint8Array;
}

const SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const END_OF_CHAIN = 0xfffffffe;
const FREE = 0xffffffff;

export function isOle(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && SIGNATURE.every((b, i) => bytes[i] === b);
}

interface DirEntry {
  name: string;
  type: number;
  start: number;
  size: number;
}

export function openOle(bytes: Uint8Array): OleFile {
  if (bytes.length < 512) throw refuse('damaged');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u32 = (o: number): number => {
    if (o + 4 > bytes.length) throw refuse('damaged');
    return view.getUint32(o, true);
  };
  const sectorShift = view.getUint16(0x1e, true);
  const miniShift = view.getUint16(0x20, true);
  if (sectorShift !== 9 && sectorShift !== 12) throw refuse('damaged');
  if (miniShift !== 6) throw refuse('damaged');
  const sectorSize = 1 << sectorShift;
  const sectorCount = Math.floor((bytes.length - sectorSize) / sectorSize) + 1;
  const sectorOffset = (n: number): number => {
    if (n >= sectorCount + 1) throw refuse('damaged');
    return (n + 1) * sectorSize;
  };

  // FAT sector numbers: 109 in the header, the rest in the DIFAT chain.
  const fatSectors: number[] = [];
  const fatCount = u32(0x2c);
  if (fatCount > sectorCount) throw refuse('damaged');
  for (let i = 0; i < 109 && fatSectors.length < fatCount; i++) fatSectors.push(u32(0x4c + i * 4));
  let difat = u32(0x44);
  let guard = 0;
  while (fatSectors.length < fatCount && difat !== END_OF_CHAIN && difat !== FREE) {
    if (++guard > sectorCount) throw refuse('damaged');
    const off = sectorOffset(difat);
    const perSector = sectorSize / 4 - 1;
    for (let i = 0; i < perSector && fatSectors.length < fatCount; i++) fatSectors.push(u32(off + i * 4));
    difat = u32(off + perSector * 4);
  }
  const fat = new Uint32Array(fatSectors.length * (sectorSize / 4));
  fatSectors.forEach((s, i) => {
    const off = sectorOffset(s);
    if (off + sectorSize > bytes.length) throw refuse('damaged');
    for (let k = 0; k < sectorSize / 4; k++) fat[i * (sectorSize / 4) + k] = view.getUint32(off + k * 4, true);
  });

  const chain = (start: number, table: Uint32Array, limit: number): number[] => {
    const out: number[] = [];
    let s = start;
    while (s !== END_OF_CHAIN && s !== FREE) {
      if (s >= table.length || out.length > limit) throw refuse('damaged');
      out.push(s);
      s = table[s]!;
    }
    return out;
  };
  const readChain = (start: number, size?: number): Uint8Array => {
    const sectors = chain(start, fat, sectorCount);
    const want = size ?? sectors.length * sectorSize;
    const out = new Uint8Array(Math.min(want, sectors.length * sectorSize));
    let at = 0;
    for (const s of sectors) {
      if (at >= out.length) break;
      const off = sectorOffset(s);
      const piece = bytes.subarray(off, Math.min(bytes.length, off + sectorSize, off + out.length - at));
      out.set(piece, at);
      at += piece.length;
    }
    if (at < want) throw refuse('damaged');
    return out;
  };

  const dirBytes = readChain(u32(0x30));
  const entries: DirEntry[] = [];
  for (let o = 0; o + 128 <= dirBytes.length; o += 128) {
    const nameLen = dirBytes[o + 64]! | (dirBytes[o + 65]! << 8);
    let name = '';
    for (let i = 0; i + 2 < Math.min(nameLen, 64); i += 2) name += String.fromCharCode(dirBytes[o + i]! | (dirBytes[o + i + 1]! << 8));
    const dv = new DataView(dirBytes.buffer, dirBytes.byteOffset + o, 128);
    entries.push({ name, type: dirBytes[o + 66]!, start: dv.getUint32(116, true), size: dv.getUint32(120, true) });
  }
  const root = entries[0];
  if (!root || root.type !== 5) throw refuse('damaged');
  const cutoff = u32(0x38) || 4096;

  let mini: { stream: Uint8Array; fat: Uint32Array } | null = null;
  const miniParts = (): { stream: Uint8Array; fat: Uint32Array } => {
    if (mini) return mini;
    const miniFatBytes = readChain(u32(0x3c), u32(0x40) * sectorSize);
    const miniFat = new Uint32Array(miniFatBytes.length / 4);
    const mv = new DataView(miniFatBytes.buffer, miniFatBytes.byteOffset, miniFatBytes.byteLength);
    for (let i = 0; i < miniFat.length; i++) miniFat[i] = mv.getUint32(i * 4, true);
    mini = { stream: readChain(root.start, root.size), fat: miniFat };
    return mini;
  };

  const find = (name: string): DirEntry | undefined => entries.find((e) => e.type === 2 && e.name === name);
  return {
    has: (name) => find(name) !== undefined,
    stream(name) {
      const e = find(name);
      if (!e) throw refuse('damaged');
      if (e.size > bytes.length) throw refuse('damaged');
      if (e.size >= cutoff) return readChain(e.start, e.size);
      const m = miniParts();
      const sectors = chain(e.start, m.fat, m.fat.length);
      const out = new Uint8Array(e.size);
      let at = 0;
      for (const s of sectors) {
        if (at >= out.length) break;
        const piece = m.stream.subarray(s * 64, Math.min(m.stream.length, s * 64 + 64, s * 64 + out.length - at));
        out.set(piece, at);
        at += piece.length;
      }
      if (at < e.size) throw refuse('damaged');
      return out;
    },
  };
}
