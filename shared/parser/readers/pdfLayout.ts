/**
 * Page geometry → blocks for PDF: ruled tables rebuilt from the drawn cell borders (columns from vertical
 * rules, rows from horizontal rules; a missing rule inside the grid means a merged cell), text outside tables
 * joined into paragraphs from line positions. Pure geometry, no pdf.js: testable with hand-made pages.
 */
import type { Block, TableBlock } from '../document';
import { cleanCellText } from './table';
import { joinLines, type Line, type PageTable, type Region, type TextItem } from './pdfLines';
import { findUnruledTable } from './pdfUnruled';

export type { Line, PageTable, Region, TextItem } from './pdfLines';
export { joinLines } from './pdfLines';

export interface Segment {
  /** 'h': y fixed, from a to b in x; 'v': x fixed, from a to b in y. */
  dir: 'h' | 'v';
  at: number;
  a: number;
  b: number;
}

export interface PageGeometry {
  width: number;
  height: number;
  items: TextItem[];
  segments: Segment[];
}

const TOL = 2;

/** Merge collinear, overlapping or touching segments: group by position, then join intervals. */
function mergeSegments(segs: Segment[]): Segment[] {
  const byAt = [...segs].sort((p, q) => p.at - q.at);
  const groups: Segment[][] = [];
  for (const s of byAt) {
    const group = groups[groups.length - 1];
    if (group && s.at - group[0]!.at <= TOL) group.push(s);
    else groups.push([s]);
  }
  const out: Segment[] = [];
  for (const group of groups) {
    const at = group.reduce((sum, s) => sum + s.at, 0) / group.length;
    const sorted = group.sort((p, q) => p.a - q.a);
    let current: Segment | null = null;
    for (const s of sorted) {
      if (current && s.a <= current.b + TOL) current.b = Math.max(current.b, s.b);
      else {
        current = { dir: s.dir, at, a: s.a, b: s.b };
        out.push(current);
      }
    }
  }
  return out;
}

function cluster(values: number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[] = [];
  for (const v of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && v - last <= TOL * 1.5) continue;
    out.push(v);
  }
  return out;
}

const WIDE = /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F]/;

/**
 * pdf.js may join text across a wide gap into one item ("推 市市" spanning two cells). Split such items at
 * whitespace, estimating positions: CJK characters are one em wide, others half, spaces take the rest.
 */
export function splitItems(items: TextItem[]): TextItem[] {
  const out: TextItem[] = [];
  for (const item of items) {
    if (!/\S\s+\S/.test(item.str)) {
      out.push(item);
      continue;
    }
    const chars = [...item.str];
    const inkWidth = chars.reduce((w, ch) => w + (/\s/.test(ch) ? 0 : WIDE.test(ch) ? item.size : item.size * 0.5), 0);
    const spaces = chars.filter((ch) => /\s/.test(ch)).length;
    const spaceWidth = spaces ? Math.max(0, item.width - inkWidth) / spaces : 0;
    let x = item.x;
    let piece = '';
    let pieceX = x;
    let afterSpace = item.spaceBefore ?? false;
    for (const ch of chars) {
      if (/\s/.test(ch)) {
        if (piece) out.push({ ...item, str: piece, x: pieceX, width: x - pieceX, spaceBefore: afterSpace });
        afterSpace = true;
        piece = '';
        x += spaceWidth;
        pieceX = x;
        continue;
      }
      piece += ch;
      x += WIDE.test(ch) ? item.size : item.size * 0.5;
    }
    if (piece) out.push({ ...item, str: piece, x: pieceX, width: x - pieceX, spaceBefore: afterSpace });
  }
  return out;
}

/** Find ruled tables on a page: connected groups of horizontal and vertical rules forming a grid. */
function findTables(page: PageGeometry): PageTable[] {
  const h = mergeSegments(page.segments.filter((s) => s.dir === 'h' && s.b - s.a > 8));
  const v = mergeSegments(page.segments.filter((s) => s.dir === 'v' && s.b - s.a > 8));
  if (h.length < 2 || v.length < 3) return [];
  // Union-find over all rules, joined where they touch.
  const all = [...h, ...v];
  const parent = all.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  h.forEach((hs, i) => {
    v.forEach((vs, j) => {
      if (vs.at >= hs.a - TOL && vs.at <= hs.b + TOL && hs.at >= vs.a - TOL && hs.at <= vs.b + TOL) parent[find(i)] = find(h.length + j);
    });
  });
  const groups = new Map<number, { h: Segment[]; v: Segment[] }>();
  all.forEach((s, i) => {
    const g = groups.get(find(i)) ?? { h: [], v: [] };
    (s.dir === 'h' ? g.h : g.v).push(s);
    groups.set(find(i), g);
  });
  const tables: PageTable[] = [];
  for (const g of groups.values()) {
    const xs = cluster(g.v.map((s) => s.at));
    const ys = cluster(g.h.map((s) => s.at)).reverse();
    if (xs.length < 3 || ys.length < 2) continue;
    // A frame around the whole page is not a table.
    const left = xs[0]!;
    const right = xs[xs.length - 1]!;
    const top = ys[0]!;
    const bottom = ys[ys.length - 1]!;
    const covers = (segs: Segment[], at: number, pos: number): boolean =>
      segs.some((s) => Math.abs(s.at - at) <= TOL * 1.5 && s.a <= pos + TOL && s.b >= pos - TOL);
    const nR = ys.length - 1;
    const nC = xs.length - 1;
    // Slots joined where the rule between them is missing.
    const slot = (r: number, c: number): number => r * nC + c;
    const sp = Array.from({ length: nR * nC }, (_, i) => i);
    const sfind = (i: number): number => (sp[i] === i ? i : (sp[i] = sfind(sp[i]!)));
    for (let r = 0; r < nR; r++) {
      const midY = (ys[r]! + ys[r + 1]!) / 2;
      for (let c = 0; c < nC; c++) {
        const midX = (xs[c]! + xs[c + 1]!) / 2;
        if (c + 1 < nC && !covers(g.v, xs[c + 1]!, midY)) sp[sfind(slot(r, c + 1))] = sfind(slot(r, c));
        if (r + 1 < nR && !covers(g.h, ys[r + 1]!, midX)) sp[sfind(slot(r + 1, c))] = sfind(slot(r, c));
      }
    }
    const regions = new Map<number, Region>();
    const rows: Region[][] = [];
    for (let r = 0; r < nR; r++) {
      const row: Region[] = [];
      for (let c = 0; c < nC; c++) {
        const root = sfind(slot(r, c));
        let region = regions.get(root);
        if (!region) {
          region = { text: '', parts: [] };
          regions.set(root, region);
        }
        row.push(region);
      }
      rows.push(row);
    }
    tables.push({ top, bottom, left, right, xs, rows });
    // Text items inside: assign by centre point.
    for (const item of page.items) {
      const cx = item.x + item.width / 2;
      const cy = item.y + item.size * 0.35;
      // Text may overflow the last column (even past the page edge): it still belongs to the table.
      if (cx < left || cy > top || cy < bottom) continue;
      let c = xs.findIndex((x, i) => i < nC && cx >= x && cx < xs[i + 1]!);
      if (c < 0) c = nC - 1;
      const r = ys.findIndex((y, i) => i < nR && cy <= y && cy > ys[i + 1]!);
      if (r < 0) continue;
      rows[r]![c]!.parts.push(item);
      (item as TextItem & { used?: boolean }).used = true;
    }
    for (const region of regions.values()) region.text = joinLines(groupLines(region.parts));
  }
  return tables;
}

export function groupLines(items: TextItem[]): Line[] {
  const sorted = [...items].filter((i) => i.str.trim() !== '').sort((p, q) => q.y - p.y || p.x - q.x);
  const lines: Line[] = [];
  for (const item of sorted) {
    const line = lines.find((l) => Math.abs(l.y - item.y) <= Math.max(1, item.size * 0.3));
    if (line) line.items.push(item);
    else lines.push({ items: [item], y: item.y, x: 0, right: 0, size: 0, text: '' });
  }
  for (const line of lines) {
    line.items.sort((p, q) => p.x - q.x);
    line.x = line.items[0]!.x;
    const last = line.items[line.items.length - 1]!;
    line.right = last.x + last.width;
    line.size = Math.max(...line.items.map((i) => i.size));
    let text = '';
    let end = -Infinity;
    for (const item of line.items) {
      if (text !== '' && ((item.spaceBefore && item.x - end > -item.size * 0.5) || item.x - end > item.size * 1.5)) text += ' ';
      text += item.str;
      end = item.x + item.width;
    }
    line.text = text.replace(/\s+$/, '');
  }
  return lines.sort((p, q) => q.y - p.y);
}

export type PageElement =
  /** `pageRight`: where full lines end if the margins are even (page width minus the left margin). */
  | { kind: 'lines'; lines: Line[]; top: number; pageRight: number }
  | { kind: 'table'; table: PageTable; top: number };

const PAGE_NUMBER = /^[-—－–\s]*(第\s*)?\d{1,4}(\s*页)?(\s*\/\s*\d{1,4}|\s*共\s*\d{1,4}\s*页)?[-—－–\s]*$/;

/** A page's tables and text lines, top to bottom. Page numbers in the top or bottom margin are dropped. */
/** `carryXs`: columns of a position-only table that ended the previous page (see findUnruledTable). */
export function layoutPage(input: PageGeometry, carryXs?: number[]): PageElement[] {
  const page = { ...input, items: splitItems(input.items) };
  const tables = findTables(page);
  const free = page.items.filter((i) => !(i as TextItem & { used?: boolean }).used);
  let lines = groupLines(free).filter((l) => !(PAGE_NUMBER.test(l.text) && (l.y < page.height * 0.1 || l.y > page.height * 0.9)));
  if (tables.length === 0) {
    // No drawn rules: try a table laid out by position alone (header row → columns, numbers → rows).
    const unruled = findUnruledTable(lines, carryXs);
    if (unruled) {
      tables.push(unruled.table);
      lines = lines.filter((l) => !unruled.used.has(l));
    }
  }
  const elements: PageElement[] = tables.map((table) => ({ kind: 'table' as const, table, top: table.top }));
  const pageRight = lines.length ? page.width - Math.min(...lines.map((l) => l.x)) : page.width;
  // Lines between tables are grouped by the gaps the tables leave.
  let group: Line[] = [];
  const bounds = tables.map((t) => t.top).sort((a, b) => b - a);
  let boundIndex = 0;
  for (const line of lines) {
    while (boundIndex < bounds.length && line.y < bounds[boundIndex]!) {
      if (group.length) elements.push({ kind: 'lines', lines: group, top: group[0]!.y, pageRight });
      group = [];
      boundIndex++;
    }
    group.push(line);
  }
  if (group.length) elements.push({ kind: 'lines', lines: group, top: group[0]!.y + 0.01, pageRight });
  return elements.sort((p, q) => q.top - p.top);
}

/** The column most cells of which are plain numbers (序号), if any. */
function numberColumn(rows: Region[][]): number {
  const width = rows[0]?.length ?? 0;
  let best = -1;
  let bestCount = 0;
  for (let c = 0; c < width; c++) {
    const n = rows.filter((r) => /^\d{1,4}$/.test(r[c]?.text ?? '')).length;
    if (n > bestCount) {
      best = c;
      bestCount = n;
    }
  }
  return bestCount >= Math.max(2, rows.length * 0.4) ? best : -1;
}

function sameColumns(a: number[], b: number[]): boolean {
  if (a.length !== b.length) return false;
  const shift = b[0]! - a[0]!;
  return a.every((x, i) => (!Number.isFinite(x) && !Number.isFinite(b[i]!)) || Math.abs(b[i]! - shift - x) <= 4);
}

/** Stitch pages: tables continued across pages are joined (repeated headers dropped, split rows rejoined). */
export function blocksFromPages(pages: PageElement[][]): Block[] {
  const out: Block[] = [];
  let table: { xs: number[]; rows: Region[][] } | null = null;
  let para: { text: string; lastShort: boolean } | null = null;
  const flushTable = (): void => {
    if (table) out.push(tableBlock(table.rows));
    table = null;
  };
  const flushPara = (): void => {
    if (para && para.text.trim() !== '') out.push({ kind: 'paragraph', text: cleanCellText(para.text) });
    para = null;
  };
  pages.forEach((elements, pageIndex) => {
    elements.forEach((el, elIndex) => {
      if (el.kind === 'table') {
        flushPara();
        const t = el.table;
        if (table && elIndex === 0 && pageIndex > 0 && sameColumns(table.xs, t.xs)) {
          let rows = t.rows;
          const header = table.rows[0]!.map((r) => r.text).join('\u0001');
          if (rows[0] && rows[0].map((r) => r.text).join('\u0001') === header) rows = rows.slice(1);
          const numCol = numberColumn(table.rows);
          const first = rows[0];
          const last = table.rows[table.rows.length - 1]!;
          if (first && numCol >= 0 && first[numCol]!.text === '' && first.some((r) => r.text !== '')) {
            // The previous page's last row continues here: join texts, and let the regions become one.
            first.forEach((region, c) => {
              const prev = last[c]!;
              if (region === prev) return;
              if (region.text !== '' && !(c > 0 && first[c - 1] === region)) prev.text = joinText(prev.text, region.text);
              for (const row of rows) row.forEach((rg, k) => rg === region && (row[k] = prev));
            });
            rows = rows.slice(1);
          }
          table.rows.push(...rows);
        } else {
          flushTable();
          table = { xs: t.xs, rows: [...t.rows] };
        }
        return;
      }
      flushTable();
      const lines = el.lines;
      const sizes = lines.map((l) => l.size).sort((a, b) => a - b);
      const size = sizes[Math.floor(sizes.length / 2)] ?? 12;
      const left = Math.min(...lines.map((l) => l.x));
      const right = Math.max(el.pageRight, ...lines.map((l) => l.right));
      const gaps = lines.slice(1).map((l, i) => lines[i]!.y - l.y).sort((a, b) => a - b);
      const baseGap = gaps[Math.floor(gaps.length * 0.1)] ?? size * 1.5;
      lines.forEach((line, i) => {
        const indented = line.x > left + size * 1.2;
        const gap = i > 0 ? lines[i - 1]!.y - line.y : 0;
        const sizeChange = i > 0 && Math.abs(line.size - lines[i - 1]!.size) > 1;
        const startsNew = para === null || para.lastShort || indented || sizeChange || (i > 0 && gap > baseGap * 1.3 + 1) || (i === 0 && elIndex > 0);
        if (startsNew) {
          flushPara();
          para = { text: line.text.trim(), lastShort: false };
        } else if (para) para.text = joinText(para.text, line.text.trim());
        if (para) para.lastShort = line.right < right - size * 3;
      });
    });
  });
  flushPara();
  flushTable();
  return out;
}

function joinText(a: string, b: string): string {
  if (a === '') return b;
  if (b === '') return a;
  return /[A-Za-z0-9]$/.test(a) && /^[A-Za-z]/.test(b) ? `${a} ${b}` : a + b;
}

function tableBlock(rows: Region[][]): TableBlock {
  const width = Math.max(...rows.map((r) => r.length));
  const text: string[][] = [];
  const merged: boolean[][] = [];
  let anyMerged = false;
  rows.forEach((row, r) => {
    text.push(row.map((region) => region.text));
    merged.push(
      row.map((region, c) => {
        const m = (c > 0 && row[c - 1] === region) || (r > 0 && rows[r - 1]![c] === region);
        if (m) anyMerged = true;
        return m;
      }),
    );
    while (text[r]!.length < width) {
      text[r]!.push('');
      merged[r]!.push(false);
    }
  });
  // Rows left empty (a row that was only a continuation) are dropped.
  const keep = text.map((row) => row.some((c) => c !== ''));
  const block: TableBlock = { kind: 'table', rows: text.filter((_, i) => keep[i]) };
  if (anyMerged) block.merged = merged.filter((_, i) => keep[i]);
  return block;
}

/**
 * Running headers and footers (a browser's print date and URL, a document's running title, "第 3 页"): text in
 * the top or bottom margin that, digits aside, repeats on at least half of the pages. Dropped before layout.
 */
export function dropRunningLines(pages: PageGeometry[]): PageGeometry[] {
  if (pages.length < 2) return pages;
  const keyOf = (page: PageGeometry): Map<number, string> => {
    const byY = new Map<number, TextItem[]>();
    for (const item of page.items) {
      if (item.y < page.height * 0.93 && item.y > page.height * 0.07) continue;
      const y = Math.round(item.y);
      byY.set(y, [...(byY.get(y) ?? []), item]);
    }
    const keys = new Map<number, string>();
    for (const [y, items] of byY) {
      const text = items.sort((a, b) => a.x - b.x).map((i) => i.str).join('');
      keys.set(y, text.replace(/\d+/g, '#').replace(/\s+/g, ''));
    }
    return keys;
  };
  const perPage = pages.map(keyOf);
  const counts = new Map<string, number>();
  for (const keys of perPage) for (const key of new Set(keys.values())) counts.set(key, (counts.get(key) ?? 0) + 1);
  const running = new Set([...counts].filter(([key, n]) => key !== '' && n >= Math.max(2, pages.length * 0.5)).map(([key]) => key));
  if (running.size === 0) return pages;
  return pages.map((page, i) => {
    const drop = new Set([...perPage[i]!].filter(([, key]) => running.has(key)).map(([y]) => y));
    if (drop.size === 0) return page;
    const inMargin = (item: TextItem): boolean => item.y >= page.height * 0.93 || item.y <= page.height * 0.07;
    return { ...page, items: page.items.filter((item) => !(inMargin(item) && drop.has(Math.round(item.y)))) };
  });
}

/** Lay out pages in order, handing a position-only table's columns from one page to the next. */
export function layoutPages(pages: PageGeometry[]): PageElement[][] {
  const out: PageElement[][] = [];
  let carry: number[] | undefined;
  for (const page of pages) {
    const elements = layoutPage(page, carry);
    const last = elements[elements.length - 1];
    carry = last?.kind === 'table' && last.table.unruled ? last.table.xs.filter((x) => Number.isFinite(x)) : undefined;
    out.push(elements);
  }
  return out;
}
