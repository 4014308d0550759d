import { readLabelledLine } from './assignment';
import { readMarker } from './numbering';

/**
 * Lines of a document copied from a printed page (a PDF copied to text, a page pasted from a viewer), read as the
 * paragraphs they were printed from:
 *
 *   page furniture  a page number on a line of its own ("— 3 —", "-3-", "第 3 页 共 8 页") is not text; a short line
 *                   printed beside page numbers again and again (the running header: the issuer's name) is not
 *                   either. The blank lines on both sides of a dropped line count once.
 *   hard wraps      a document whose lines stop at one width (most of its long lines end within a character or two
 *                   of the same width, none runs far past it) was broken by the page, not by its author: a line
 *                   that fills the width goes on in the next line, unless that line starts something of its own
 *                   (an indent, a number "2.", "（三）", a label "责任单位：").
 *
 * A document typed with its own line ends has lines of every length, and is left as it is. Both steps are linear.
 */
export interface SourceLine {
  text: string;
  /** Block the line came from. */
  block: number;
}

/** Printed width: a Chinese or full-width character is one, an ASCII character half. */
export function printedWidth(text: string): number {
  let w = 0;
  for (let i = 0; i < text.length; i++) w += text.charCodeAt(i) < 0x80 ? 0.5 : 1;
  return w;
}

const PAGE_NUMBER = /^[\s\u3000]*(?:[-—–－―]{1,2}[\s\u3000]*\d{1,4}[\s\u3000]*[-—–－―]{1,2}|第[\s\u3000]*\d{1,4}[\s\u3000]*页(?:[\s\u3000]*[，,/]?[\s\u3000]*共[\s\u3000]*\d{1,4}[\s\u3000]*页)?)[\s\u3000]*$/;
export const isPageNumber = (line: string): boolean => line.length <= 40 && PAGE_NUMBER.test(line);

const isBlank = (s: string): boolean => s.trim() === '';

/** Lines printed next to page numbers at least twice (blank lines between allowed): running headers and footers. */
function runningLines(lines: readonly SourceLine[]): Set<string> {
  const seen = new Map<string, number>();
  const near = (i: number, step: number): string | null => {
    for (let j = i + step, k = 0; j >= 0 && j < lines.length && k < 3; j += step, k++) {
      const t = lines[j]!.text.trim();
      if (!t) continue;
      return t.length <= 40 && !isPageNumber(t) && !/[。；;]/.test(t) ? t : null;
    }
    return null;
  };
  lines.forEach((l, i) => {
    if (!isPageNumber(l.text)) return;
    for (const t of new Set([near(i, -1), near(i, 1)])) if (t) seen.set(t, (seen.get(t) ?? 0) + 1);
  });
  return new Set([...seen].filter(([, n]) => n >= 2).map(([t]) => t));
}

/** A table row written on one line (cells between tabs, bars or runs of spaces): never a wrapped paragraph. */
const isTableLine = (line: string): boolean => /\t|[|｜│]|\S[ \u3000]{2,}\S/.test(line.trim());

/** A line that ends a sentence: a page's width rarely falls just there. */
const endsSentence = (line: string): boolean => /[。！？!?]$/.test(line);

/**
 * The width a hard-wrapped document's lines stop at, or null when its lines were not broken at one width: the
 * width (20 or more) that most lines of 12 or more end within two characters of, when they are at least 8 and a
 * third of those lines (in a short page, 4 and three in five), at most one line in ten runs more than a character past it, and most of the lines at that
 * width stop mid-sentence (cells of a table copied one per line, each a sentence of about one length, end with
 * its "。"). Table rows on one line are not counted.
 */
export function wrapWidth(lines: readonly string[]): number | null {
  const counts = new Map<number, number>();
  const closed = new Map<number, number>();
  let long = 0;
  const widths: number[] = [];
  for (const line of lines) {
    const t = line.trimEnd();
    const w = printedWidth(t);
    if (w < 12 || isTableLine(t)) continue;
    long++;
    widths.push(w);
    if (w > 200) continue;
    counts.set(Math.floor(w), (counts.get(Math.floor(w)) ?? 0) + 1);
    if (endsSentence(t)) closed.set(Math.floor(w), (closed.get(Math.floor(w)) ?? 0) + 1);
  }
  if (long < 4) return null;
  let best = 0;
  let width = 0;
  for (const w of counts.keys()) {
    if (w < 20) continue;
    const band = (counts.get(w) ?? 0) + (counts.get(w - 1) ?? 0) + (counts.get(w - 2) ?? 0);
    if (band > best || (band === best && w > width)) (best = band), (width = w);
  }
  // Enough lines at the width: 8 and a third of the long lines, or in a short page 4 and most of them.
  if (!((best >= 8 && best >= long / 3) || (best >= 4 && best >= long * 0.6))) return null;
  const sentences = (closed.get(width) ?? 0) + (closed.get(width - 1) ?? 0) + (closed.get(width - 2) ?? 0);
  if (sentences > best / 2) return null;
  const over = widths.filter((w) => w > width + 1.5).length;
  return over <= long / 10 ? width + 1 : null;
}

/** A line that starts something of its own: an indent, a number, a label with its colon, page furniture. */
function startsOwnLine(line: string): boolean {
  if (/^(?: {2}|\u3000|\t)/.test(line) || isTableLine(line)) return true;
  const t = line.trim();
  return readMarker(t) !== null || readLabelledLine(t) !== null || isPageNumber(t);
}

/** Brackets a line opens and does not close (negative when it closes more). */
function bracketBalance(line: string): number {
  let n = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === '（' || c === '(' || c === '〔' || c === '［' || c === '[' || c === '【') n++;
    else if (c === '）' || c === ')' || c === '〕' || c === '］' || c === ']' || c === '】') n--;
  }
  return n;
}

/** Longest paragraph lines are joined into: past it, lines stay apart (a hostile "paragraph" stays bounded). */
const MAX_PARAGRAPH = 20_000;

const LONE_BAR = /^[^|]*[^|\s][ \t\u3000]*\|[ \t\u3000]*$|^[ \t\u3000]*\|[ \t\u3000]*$/;

/**
 * A table copied one cell per line often keeps the bar after each cell ("市发改委 |", "|" for an empty cell). When
 * most lines (four at least) end with such a lone bar and hold no other, the bars are separators, not text: they
 * are removed. A table written one row per line ("1 | 推进… | 市发改委 |") has several bars a line and is kept.
 */
export function withoutCellBars(lines: SourceLine[]): SourceLine[] {
  let filled = 0;
  let barred = 0;
  for (const l of lines) {
    if (l.block < 0 || !/\S/.test(l.text)) continue;
    filled++;
    if (LONE_BAR.test(l.text)) barred++;
  }
  if (barred < 4 || barred * 2 < filled) return lines;
  return lines.map((l) => (l.block >= 0 && LONE_BAR.test(l.text) ? { ...l, text: l.text.replace(/[ \t\u3000]*\|[ \t\u3000]*$/, '') } : l));
}

/** Page furniture left out, and lines broken at a fixed width joined back, as described above. */
export function readableLines(lines: readonly SourceLine[], width: number | null): SourceLine[] {
  const running = runningLines(lines);
  const kept: SourceLine[] = [];
  let absorb = 0;
  for (const l of lines) {
    const t = l.text.trim();
    if (isPageNumber(l.text) || (running.size && running.has(t))) {
      // Blank lines on both sides of dropped furniture count once: as many as the larger side.
      let trailing = 0;
      for (let k = kept.length - 1; k >= 0 && isBlank(kept[k]!.text); k--) trailing++;
      absorb = Math.max(absorb, trailing);
      continue;
    }
    if (isBlank(l.text) && absorb > 0) {
      absorb--;
      continue;
    }
    absorb = 0;
    kept.push(l);
  }
  if (width === null) return kept;
  const out: SourceLine[] = [];
  // Width of the last printed line of out's last line: it decides whether that line went on. Inside a bracket the
  // line still open ("（牵头单位：区卫健局；" + "责任单位：区医保局）"), a label does not start a line of its own.
  let lastWidth = 0;
  let open = 0;
  for (const l of kept) {
    const prev = out[out.length - 1];
    const w = printedWidth(l.text.trimEnd());
    if (
      prev &&
      !isBlank(l.text) &&
      !isBlank(prev.text) &&
      lastWidth >= width - 3 &&
      prev.text.length < MAX_PARAGRAPH &&
      !isTableLine(prev.text) &&
      (open > 0 ? !/^\s/.test(l.text) && readMarker(l.text.trim()) === null : !startsOwnLine(l.text))
    ) {
      const a = prev.text.trimEnd();
      out[out.length - 1] = { ...prev, text: /[A-Za-z]$/.test(a) && /^[A-Za-z]/.test(l.text) ? `${a} ${l.text}` : a + l.text };
    } else {
      out.push(l);
      open = 0;
    }
    open = Math.max(0, open + bracketBalance(l.text));
    lastWidth = w;
  }
  return out;
}
