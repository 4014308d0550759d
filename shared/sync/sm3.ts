/**
 * SM3 (GB/T 32905-2016, GM/T 0004-2012) for the hot path of signature checking: one hash per record version
 * checked at import. The same function as sm-crypto-v2's `sm3`, written for throughput: the text is encoded
 * into a reused buffer (no allocation per record), the 68 + 64 message words live in one typed array, and the
 * round constants are rotated once. Checked against the standard's examples and against sm-crypto-v2 on random
 * inputs (test/unit/sync/sm3.test.ts).
 */

const IV = [0x7380166f, 0x4914b2b9, 0x172442d7, 0xda8a0600, 0xa96f30bc, 0x163138aa, 0xe38dee4d, 0xb0fb0e4e];
/** T_j rotated left by j mod 32, for j = 0..63. */
const TJ = new Int32Array(64);
for (let j = 0; j < 64; j++) {
  const t = j < 16 ? 0x79cc4519 : 0x7a879d8a;
  const s = j % 32;
  TJ[j] = s === 0 ? t : (t << s) | (t >>> (32 - s));
}
const W = new Int32Array(68);
const V = new Int32Array(8);
const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

const rotl = (x: number, n: number) => (x << n) | (x >>> (32 - n));

/** Compress the 64-byte blocks of `buf` from `start` to `end` into V. */
function compress(buf: Uint8Array, start: number, end: number): void {
  for (let at = start; at < end; at += 64) {
    for (let j = 0; j < 16; j++) {
      const o = at + j * 4;
      W[j] = (buf[o]! << 24) | (buf[o + 1]! << 16) | (buf[o + 2]! << 8) | buf[o + 3]!;
    }
    for (let j = 16; j < 68; j++) {
      const x = W[j - 16]! ^ W[j - 9]! ^ rotl(W[j - 3]!, 15);
      W[j] = (x ^ rotl(x, 15) ^ rotl(x, 23)) ^ rotl(W[j - 13]!, 7) ^ W[j - 6]!;
    }
    let a = V[0]!;
    let b = V[1]!;
    let c = V[2]!;
    let d = V[3]!;
    let e = V[4]!;
    let f = V[5]!;
    let g = V[6]!;
    let h = V[7]!;
    for (let j = 0; j < 64; j++) {
      const a12 = rotl(a, 12);
      const ss1 = rotl((a12 + e + TJ[j]!) | 0, 7);
      const ss2 = ss1 ^ a12;
      const ff = j < 16 ? a ^ b ^ c : (a & b) | (a & c) | (b & c);
      const gg = j < 16 ? e ^ f ^ g : (e & f) | (~e & g);
      const tt1 = (ff + d + ss2 + (W[j]! ^ W[j + 4]!)) | 0;
      const tt2 = (gg + h + ss1 + W[j]!) | 0;
      d = c;
      c = rotl(b, 9);
      b = a;
      a = tt1;
      h = g;
      g = rotl(f, 19);
      f = e;
      e = tt2 ^ rotl(tt2, 9) ^ rotl(tt2, 17);
    }
    V[0] = V[0]! ^ a;
    V[1] = V[1]! ^ b;
    V[2] = V[2]! ^ c;
    V[3] = V[3]! ^ d;
    V[4] = V[4]! ^ e;
    V[5] = V[5]! ^ f;
    V[6] = V[6]! ^ g;
    V[7] = V[7]! ^ h;
  }
}

let buffer = new Uint8Array(1 << 16);
const encoder = new TextEncoder();

/** SM3 of bytes already in `buffer[0..length)` (the buffer has room for the padding), as hex. */
function digestBuffer(length: number): string {
  V.set(IV);
  const full = length - (length % 64);
  compress(buffer, 0, full);
  // Padding: 0x80, zeros, the bit length as a 64-bit big-endian number.
  const rest = length - full;
  const tailBlocks = rest + 9 > 64 ? 2 : 1;
  buffer.fill(0, length, full + tailBlocks * 64);
  buffer[length] = 0x80;
  const bits = length * 8;
  const end = full + tailBlocks * 64;
  const hi = Math.floor(bits / 2 ** 32);
  buffer[end - 8] = hi >>> 24;
  buffer[end - 7] = (hi >>> 16) & 0xff;
  buffer[end - 6] = (hi >>> 8) & 0xff;
  buffer[end - 5] = hi & 0xff;
  buffer[end - 4] = (bits >>> 24) & 0xff;
  buffer[end - 3] = (bits >>> 16) & 0xff;
  buffer[end - 2] = (bits >>> 8) & 0xff;
  buffer[end - 1] = bits & 0xff;
  compress(buffer, full, end);
  let out = '';
  for (let i = 0; i < 8; i++) {
    const v = V[i]!;
    out += HEX[(v >>> 24) & 0xff]! + HEX[(v >>> 16) & 0xff]! + HEX[(v >>> 8) & 0xff]! + HEX[v & 0xff]!;
  }
  return out;
}

function ensure(bytes: number): void {
  if (buffer.length < bytes + 128) buffer = new Uint8Array(Math.max(bytes + 128, buffer.length * 2));
}

/** SM3 of a text's UTF-8 bytes, as 64 hex digits. */
export function sm3Text(text: string): string {
  // UTF-8 needs at most 3 bytes per UTF-16 unit.
  ensure(text.length * 3);
  const { written } = encoder.encodeInto(text, buffer);
  return digestBuffer(written);
}

/** SM3 of bytes, as 64 hex digits. */
export function sm3Bytes(bytes: Uint8Array): string {
  ensure(bytes.length);
  buffer.set(bytes);
  return digestBuffer(bytes.length);
}
