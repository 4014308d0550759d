/**
 * Tables in PDFs without drawn rules: found from text positions alone. A header line (several separate text
 * chunks, two or more of them known header words) gives the columns: each column starts where its header
 * chunk's column of text starts (x-clusters of chunk starts below the header, matched to header chunks).
 * Rows start at lines whose first column holds a number (序号); when the numbers sit in the middle of their
 * rows (vertically centred cells), each line goes to the nearest number line instead. Wrapped cell lines are
 * joined. Anything that does not fit gives no table: the lines stay paragraphs.
 */
import { joinLines, type Line, type PageTable, type Region, type TextItem } from './pdfLines';

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

/**
 * `carryXs`: the columns of a position-only table that ended the previous page. A page without a header row
 * whose first line lines up with them continues that table (headers are not always repeated).
 */
export function findUnruledTable(lines: Line[], carryXs?: number[]): { table: PageTable; used: Set<Line> } | null {
  const headerIndex = lines.findIndex((l) => {
    const cs = chunks(l);
    return cs.length >= 3 && cs.filter((c) => HEADER_WORDS.test(c.text.replace(/\s+/g, ''))).length >= 2;
  });
  let xs: number[];
  let header: Chunk[] | null = null;
  let bodyStart: number;
  if (headerIndex >= 0) {
    header = chunks(lines[headerIndex]!);
    bodyStart = headerIndex + 1;
    // Header cells wrapped onto a second line ("牵头" / "单位"): short, number-free lines right under it.
    while (bodyStart < lines.length) {
      const next = lines[bodyStart]!;
      const cs = chunks(next);
      const close = lines[bodyStart - 1]!.y - next.y < next.size * 1.8;
      if (!close || cs.some((c) => c.text.length > 4 || /^\d+$/.test(c.text))) break;
      for (const c of cs) {
        const em = c.items[0]!.size;
        const h = header.find((hc) => c.x < hc.right + em && c.right > hc.x - em);
        if (!h) break;
        h.text += c.text;
        h.items.push(...c.items);
      }
      bodyStart++;
    }
    const body = lines.slice(bodyStart);
    // Column starts: the header chunks' left edges, pulled left to where the text below them starts.
    const starts = body.flatMap((l) => chunks(l).map((c) => c.x));
    const heads = header;
    xs = heads.map((h, i) => {
      const prevRight = i > 0 ? heads[i - 1]!.right : -Infinity;
      const candidates = starts.filter((x) => x > prevRight - 1 && x <= h.x + 1);
      return candidates.length ? Math.min(...candidates) : h.x;
    });
  } else if (carryXs && lines.length > 0) {
    const first = chunks(lines[0]!);
    const aligned = first.filter((c) => carryXs.some((x) => Math.abs(c.x - x) <= 3)).length;
    if (aligned < 2 && !(aligned === 1 && first.length === 1)) return null;
    xs = carryXs;
    bodyStart = 0;
  } else return null;
  const body = lines.slice(bodyStart);
  if (body.length < 2 && header) return null;
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
  if (numCol < 0 || best < (header ? 2 : 1)) return null;
  const numberLines = body.filter((l) => numberAt(l, numCol));

  // End of table: after the last number line, stop at the first gap much wider than the table's line gaps.
  const gaps = body.slice(1).map((l, i) => body[i]!.y - l.y).sort((a, b) => a - b);
  const typical = gaps[Math.floor(gaps.length / 2)] ?? 14;
  const lastNumber = body.indexOf(numberLines[numberLines.length - 1]!);
  let end = lastNumber + 1;
  while (end < body.length && body[end - 1]!.y - body[end]!.y < typical * 2.5 && chunks(body[end]!).every((c) => c.x >= xs[0]! - 2)) end++;
  const tableLines = body.slice(0, end);

  // Vertically centred rows: content lines above the first number line (on a continuation page such lines
  // are the end of the previous page's last row instead).
  const firstNumberIndex = tableLines.indexOf(numberLines[0]!);
  const centred = header !== null && firstNumberIndex > 0;
  const leading = header === null && firstNumberIndex > 0 ? tableLines.slice(0, firstNumberIndex) : [];
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

  const newRow = (): Region[] => xs.map(() => ({ text: '', parts: [] as TextItem[] }));
  const rows: Region[][] = numberLines.map(newRow);
  const carried = leading.length ? newRow() : null;
  for (const line of tableLines) {
    const row = carried && leading.includes(line) ? carried : rows[rowOf(line)]!;
    for (const c of chunks(line)) row[columnOf(c.x)]!.parts.push(...c.items);
  }
  if (carried) rows.unshift(carried);
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
  const headerLines = header ? lines.slice(headerIndex, bodyStart) : [];
  const used = new Set<Line>([...headerLines, ...tableLines]);
  const topLine = headerLines[0] ?? tableLines[0]!;
  const bottom = Math.min(...tableLines.map((l) => l.y)) - 1;
  const headerRow: Region[][] = header ? [xs.map((_, i) => ({ text: header[i]?.text ?? '', parts: header[i]?.items ?? [] }))] : [];
  return {
    table: { top: topLine.y + topLine.size, bottom, left: xs[0]!, right: Infinity, xs: [...xs, Infinity], rows: [...headerRow, ...rows], unruled: true },
    used,
  };
}
