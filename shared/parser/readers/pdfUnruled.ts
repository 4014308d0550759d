/**
 * Tables in PDFs without drawn rules: found from text positions alone. A header line (several separate text
 * chunks, two or more of them known header words) gives the columns: each column starts where its header
 * chunk's column of text starts (x-clusters of chunk starts below the header, matched to header chunks).
 * Rows start at lines whose first column holds a number (序号); when the numbers sit in the middle of their
 * rows (vertically centred cells), each line goes to the nearest number line instead. Wrapped cell lines are
 * joined. Anything that does not fit gives no table: the lines stay paragraphs.
 */
import type { Line, PageTable, Region, TextItem } from './pdfLayout';
import { joinLines } from './pdfLayout';

const HEADER_WORDS = /^(序号|编号|项目|类别|任务|工作任务|重点任务|主要任务|具体内容|工作内容|任务内容|具体措施|工作措施|牵头(单位|部门)?|责任(单位|部门)|配合(单位|部门)?|协办(单位)?|完成时限|时间节点|完成时间|时限|备注|具体落实)$/;

interface Chunk {
  x: number;
  right: number;
  items: TextItem[];
  text: string;
}

/** Split a line into chunks at gaps wider than one character. */
function chunks(line: Line): Chunk[] {
  const out: Chunk[] = [];
  for (const item of line.items) {
    const last = out[out.length - 1];
    if (last && item.x - last.right < item.size * 1.2) {
      last.items.push(item);
      last.right = Math.max(last.right, item.x + item.width);
      last.text += item.str;
    } else out.push({ x: item.x, right: item.x + item.width, items: [item], text: item.str });
  }
  for (const c of out) c.text = c.text.trim();
  return out;
}

export function findUnruledTable(lines: Line[]): { table: PageTable; used: Set<Line> } | null {
  const headerIndex = lines.findIndex((l) => {
    const cs = chunks(l);
    return cs.length >= 3 && cs.filter((c) => HEADER_WORDS.test(c.text.replace(/\s+/g, ''))).length >= 2;
  });
  if (headerIndex < 0) return null;
  const header = chunks(lines[headerIndex]!);
  const body = lines.slice(headerIndex + 1);
  if (body.length < 2) return null;

  // Column starts: the header chunks' left edges, pulled left to where the text below them starts.
  const starts = body.flatMap((l) => chunks(l).map((c) => c.x));
  const xs = header.map((h, i) => {
    const prevRight = i > 0 ? header[i - 1]!.right : -Infinity;
    const candidates = starts.filter((x) => x > prevRight - 1 && x <= h.x + 1);
    return candidates.length ? Math.min(...candidates) : h.x;
  });
  for (let i = 1; i < xs.length; i++) if (xs[i]! <= xs[i - 1]!) return null;
  const columnOf = (x: number): number => {
    let c = 0;
    for (let i = 0; i < xs.length; i++) if (x >= xs[i]! - 2) c = i;
    return c;
  };

  // Number column: the column holding most plain numbers.
  const numberAt = (l: Line, col: number): boolean => chunks(l).some((c) => columnOf(c.x) === col && /^\d{1,4}$/.test(c.text));
  let numCol = -1;
  let best = 0;
  for (let c = 0; c < xs.length; c++) {
    const n = body.filter((l) => numberAt(l, c)).length;
    if (n > best) {
      best = n;
      numCol = c;
    }
  }
  if (numCol < 0 || best < 2) return null;
  const numberLines = body.filter((l) => numberAt(l, numCol));

  // End of table: after the last number line, stop at the first gap much wider than the table's line gaps.
  const gaps = body.slice(1).map((l, i) => body[i]!.y - l.y).sort((a, b) => a - b);
  const typical = gaps[Math.floor(gaps.length / 2)] ?? 14;
  const lastNumber = body.indexOf(numberLines[numberLines.length - 1]!);
  let end = lastNumber + 1;
  while (end < body.length && body[end - 1]!.y - body[end]!.y < typical * 2.5 && chunks(body[end]!).every((c) => c.x >= xs[0]! - 2)) end++;
  const tableLines = body.slice(0, end);

  // Vertically centred rows: content lines above the first number line.
  const firstNumberIndex = tableLines.indexOf(numberLines[0]!);
  const centred = firstNumberIndex > 0;
  const rowOf = (line: Line): number => {
    if (centred) {
      let bestRow = 0;
      numberLines.forEach((n, i) => {
        if (Math.abs(n.y - line.y) < Math.abs(numberLines[bestRow]!.y - line.y)) bestRow = i;
      });
      return bestRow;
    }
    let row = -1;
    numberLines.forEach((n, i) => {
      if (n.y >= line.y - 0.5) row = i;
    });
    return Math.max(0, row);
  };

  const headerRow: Region[] = header.map((h) => ({ text: h.text, parts: h.items }));
  const rows: Region[][] = numberLines.map(() => xs.map(() => ({ text: '', parts: [] as TextItem[] })));
  for (const line of tableLines) {
    const r = rowOf(line);
    for (const c of chunks(line)) rows[r]![columnOf(c.x)]!.parts.push(...c.items);
  }
  for (const row of rows) {
    for (const region of row) {
      const byLine = new Map<number, TextItem[]>();
      for (const item of region.parts) byLine.set(item.y, [...(byLine.get(item.y) ?? []), item]);
      region.text = joinLines(
        [...byLine.entries()]
          .sort((a, b) => b[0] - a[0])
          .map(([y, items]) => ({ items, y, x: items[0]!.x, right: 0, size: items[0]!.size, text: items.sort((p, q) => p.x - q.x).map((i) => i.str).join('') })),
      );
    }
  }
  const used = new Set<Line>([lines[headerIndex]!, ...tableLines]);
  const bottom = Math.min(...tableLines.map((l) => l.y)) - 1;
  return {
    table: { top: lines[headerIndex]!.y + lines[headerIndex]!.size, bottom, left: xs[0]!, right: Infinity, xs: [...xs, Infinity], rows: [headerRow, ...rows] },
    used,
  };
}
