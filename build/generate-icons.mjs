#!/usr/bin/env node
// Draws the app icon and the `.tzsync` file icon with no tool but Node (zlib for PNG), so anyone can regenerate
// them: `node build/generate-icons.mjs`. Outputs (committed): icon.png (512), icon.ico (16–256),
// tzsync.png (256) and tzsync.ico (16–256) — the file-association icon NSIS installs next to the app.
// Shapes are described on a 512×512 canvas and sampled 4×4 per pixel for anti-aliased edges at every size.
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const hex = (h, a = 255) => [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16), a];

// --- shapes on the 512 canvas: each is { inside(x, y) → boolean, color(x, y) → [r,g,b,a] } ---
function roundedRect(x0, y0, x1, y1, r) {
  return (x, y) => {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    const cx = Math.min(Math.max(x, x0 + r), x1 - r);
    const cy = Math.min(Math.max(y, y0 + r), y1 - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };
}
const circle = (cx, cy, r) => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
/** Thick line segment (capsule) from (ax, ay) to (bx, by). */
function stroke(ax, ay, bx, by, w) {
  return (x, y) => {
    const dx = bx - ax;
    const dy = by - ay;
    const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
    return (x - ax - t * dx) ** 2 + (y - ay - t * dy) ** 2 <= (w / 2) ** 2;
  };
}
function triangle(ax, ay, bx, by, cx, cy) {
  const side = (px, py, qx, qy, x, y) => (qx - px) * (y - py) - (qy - py) * (x - px);
  return (x, y) => {
    const d1 = side(ax, ay, bx, by, x, y);
    const d2 = side(bx, by, cx, cy, x, y);
    const d3 = side(cx, cy, ax, ay, x, y);
    return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
  };
}
const not = (f) => (x, y) => !f(x, y);
const and = (...fs) => (x, y) => fs.every((f) => f(x, y));
const or = (...fs) => (x, y) => fs.some((f) => f(x, y));
const solid = (c) => () => c;
const vertical = (top, bottom, y0, y1) => (_x, y) => {
  const t = Math.max(0, Math.min(1, (y - y0) / (y1 - y0)));
  return top.map((v, i) => Math.round(v + (bottom[i] - v) * t));
};

const RED = hex('#c62828');
const RED_DARK = hex('#8e1b1b');
const WHITE = hex('#ffffff');
const INK = hex('#5f6b7a');
const BLUE = hex('#1565c0');
const BLUE_DARK = hex('#0d47a1');
const PAPER_EDGE = hex('#b0bac5');

/** App icon: a red tile with a white ledger sheet; three ticked rows and one open row. */
const appIcon = [
  { inside: roundedRect(24, 24, 488, 488, 96), color: vertical(RED, RED_DARK, 24, 488) },
  { inside: roundedRect(112, 84, 400, 436, 28), color: solid(WHITE) },
  { inside: roundedRect(112, 84, 400, 150, 28), color: solid(hex('#ffcdd2')) },
  { inside: roundedRect(112, 128, 400, 150, 0), color: solid(hex('#ffcdd2')) },
  ...[196, 272, 348].flatMap((y, row) => [
    { inside: roundedRect(150, y - 22, 194, y + 22, 8), color: solid(row < 2 ? RED : WHITE) },
    { inside: and(roundedRect(150, y - 22, 194, y + 22, 8), not(roundedRect(157, y - 15, 187, y + 15, 4))), color: solid(RED) },
    ...(row < 2
      ? [{ inside: or(stroke(159, y, 169, y + 10, 8), stroke(169, y + 10, 186, y - 10, 8)), color: solid(WHITE) }]
      : []),
    { inside: roundedRect(216, y - 9, row === 2 ? 300 : 362, y + 9, 9), color: solid(INK) },
  ]),
];

/** File icon: a paper sheet with a folded corner and a blue band carrying two opposite arrows (sync). */
const fold = 96;
const sheet = and(roundedRect(96, 32, 416, 480, 20), not(triangle(416 - fold, 32, 417, 32, 417, 32 + fold)));
const fileIcon = [
  { inside: sheet, color: solid(PAPER_EDGE) },
  { inside: and(roundedRect(106, 42, 406, 470, 14), not(triangle(416 - fold - 14, 32, 417, 32, 417, 32 + fold + 14))), color: solid(WHITE) },
  { inside: triangle(416 - fold, 32, 416 - fold, 32 + fold, 416, 32 + fold), color: solid(PAPER_EDGE) },
  { inside: triangle(416 - fold + 10, 52, 416 - fold + 10, 32 + fold - 10, 396, 32 + fold - 10), color: solid(hex('#eceff1')) },
  ...[110, 150].map((y) => ({ inside: roundedRect(146, y - 8, 290, y + 8, 8), color: solid(PAPER_EDGE) })),
  { inside: roundedRect(106, 230, 406, 470, 14), color: vertical(BLUE, BLUE_DARK, 230, 470) },
  { inside: roundedRect(106, 230, 406, 260, 0), color: solid(BLUE) },
  // upper arrow → , lower arrow ←
  { inside: or(roundedRect(166, 300, 300, 324, 12), triangle(296, 270, 356, 312, 296, 354)), color: solid(WHITE) },
  { inside: or(roundedRect(212, 396, 346, 420, 12), triangle(216, 366, 156, 408, 216, 450)), color: solid(WHITE) },
];

function render(shapes, size) {
  const pixels = new Uint8Array(size * size * 4);
  const n = 4;
  const scale = 512 / size;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const x = (px + (sx + 0.5) / n) * scale;
          const y = (py + (sy + 0.5) / n) * scale;
          let c = [0, 0, 0, 0];
          for (const s of shapes) if (s.inside(x, y)) c = s.color(x, y);
          // premultiplied accumulation
          sum[0] += c[0] * c[3];
          sum[1] += c[1] * c[3];
          sum[2] += c[2] * c[3];
          sum[3] += c[3];
        }
      }
      const o = (py * size + px) * 4;
      const a = sum[3] / (n * n);
      pixels[o] = a ? Math.round(sum[0] / sum[3]) : 0;
      pixels[o + 1] = a ? Math.round(sum[1] / sum[3]) : 0;
      pixels[o + 2] = a ? Math.round(sum[2] / sum[3]) : 0;
      pixels[o + 3] = Math.round(a);
    }
  }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  Buffer.from(data).copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}
function png(pixels, size) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) Buffer.from(pixels.subarray(y * size * 4, (y + 1) * size * 4)).copy(raw, y * (size * 4 + 1) + 1);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A 32-bit BMP (DIB) icon image: BGRA rows bottom-up plus an empty AND mask. Read by every Windows tool. */
function dib(pixels, size) {
  const maskRow = Math.ceil(size / 32) * 4;
  const out = Buffer.alloc(40 + size * size * 4 + maskRow * size);
  out.writeUInt32LE(40, 0);
  out.writeInt32LE(size, 4);
  out.writeInt32LE(size * 2, 8);
  out.writeUInt16LE(1, 12);
  out.writeUInt16LE(32, 14);
  out.writeUInt32LE(size * size * 4 + maskRow * size, 20);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const from = (y * size + x) * 4;
      const to = 40 + ((size - 1 - y) * size + x) * 4;
      out[to] = pixels[from + 2];
      out[to + 1] = pixels[from + 1];
      out[to + 2] = pixels[from];
      out[to + 3] = pixels[from + 3];
    }
  }
  return out;
}
function ico(shapes, sizes) {
  const images = sizes.map((size) => dib(render(shapes, size), size));
  const header = Buffer.alloc(6 + 16 * sizes.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(sizes.length, 4);
  let offset = header.length;
  sizes.forEach((size, i) => {
    const e = 6 + 16 * i;
    header[e] = size >= 256 ? 0 : size;
    header[e + 1] = size >= 256 ? 0 : size;
    header.writeUInt16LE(1, e + 4);
    header.writeUInt16LE(32, e + 6);
    header.writeUInt32LE(images[i].length, e + 8);
    header.writeUInt32LE(offset, e + 12);
    offset += images[i].length;
  });
  return Buffer.concat([header, ...images]);
}

const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
writeFileSync(join(here, 'icon.png'), png(render(appIcon, 512), 512));
writeFileSync(join(here, 'icon.ico'), ico(appIcon, ICO_SIZES));
writeFileSync(join(here, 'tzsync.png'), png(render(fileIcon, 256), 256));
writeFileSync(join(here, 'tzsync.ico'), ico(fileIcon, ICO_SIZES));
console.log('build/icon.png, build/icon.ico, build/tzsync.png, build/tzsync.ico written');
