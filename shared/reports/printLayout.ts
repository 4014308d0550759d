/**
 * Print geometry of a spreadsheet on paper: how wide a text is, how many lines it wraps to in a column, how tall
 * its row must be, and where the pages break. Spreadsheets store row heights in points but column widths in
 * "characters" of the workbook's default font; with Arial as that font (Liberation Sans on Linux, metric
 * compatible), one width unit prints at about 6.0 pt in Excel/WPS and 6.1 pt in LibreOffice. Heights are computed
 * for the narrower case and widths checked against the wider one, so text is whole in both.
 */

/** Points per column-width unit with Arial as the default font: narrowest (wrapping) and widest (page fit). */
export const PT_PER_WIDTH_UNIT = { narrow: 6.0, wide: 6.15 } as const;
/** Cell padding left + right, in points (Excel's 5 px padding; LibreOffice uses about 3 pt). */
const CELL_PADDING_PT = 4;
/** Line height as a multiple of the font size (CJK fonts: Noto Sans CJK ≈ 1.45, SimSun ≈ 1.35). */
export const LINE_HEIGHT_EM = 1.45;
/** Space above and below the text in a row, in points. */
const ROW_PADDING_PT = 4;
/** Largest row height a spreadsheet accepts. */
export const MAX_ROW_HEIGHT_PT = 409;

/** Full-width (CJK ideographs, kana, hangul, full-width forms and punctuation): one em wide. */
export function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x20000 && code <= 0x3fffd) ||
    code === 0x2014 || // —
    code === 0x2026 || // …
    code === 0x201c ||
    code === 0x201d ||
    code === 0x2018 ||
    code === 0x2019
  );
}

/** Display width in half-width cells: a CJK character counts double, anything else single. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += isWide(ch.codePointAt(0)!) ? 2 : 1;
  return w;
}

const NARROW_PUNCTUATION = new Set([...',.;:!|()[]\'"-/ '].map((c) => c.codePointAt(0)!));
/** Width of a character in em: full-width 1, ASCII punctuation 0.4, other half-width 0.65 (generous: DejaVu digits are 0.64). */
const charEm = (code: number): number => (isWide(code) ? 1 : NARROW_PUNCTUATION.has(code) ? 0.4 : 0.65);

/** Tokens of a line: one wide character, or a run of non-wide, non-space characters (a word), or a space. */
const TOKENS =
  /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u2014\u2026\u201c\u201d\u2018\u2019]|[\ud840-\ud8bf][\udc00-\udfff]|\s|[^\s\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u2014\u2026\u201c\u201d\u2018\u2019]+/g;

/** Printed width (points) of a run of text on one line at `fontPt`. */
export function textWidthPt(text: string, fontPt: number): number {
  let w = 0;
  for (const ch of text) w += charEm(ch.codePointAt(0)!) * fontPt;
  return w;
}

/** Width (points) of the widest word of `text` (a run of Latin letters, digits and ASCII signs: a number, a date). */
export function longestWordPt(text: string, fontPt: number): number {
  let max = 0;
  for (const token of text.match(TOKENS) ?? []) if (!/^\s$/.test(token)) max = Math.max(max, textWidthPt(token, fontPt));
  return max;
}

/** Width (points) of the widest line of `text` printed without wrapping. */
export function widestLinePt(text: string, fontPt: number): number {
  return Math.max(0, ...text.replace(/\r\n?/g, '\n').split('\n').map((line) => textWidthPt(line, fontPt)));
}

/** Column width (characters) whose text area, in the narrower rendering, holds `pt` points of text. */
export function unitsForTextWidth(pt: number): number {
  return (pt + CELL_PADDING_PT) / PT_PER_WIDTH_UNIT.narrow;
}

/** Characters that may not begin a line (Chinese typesetting pushes them to the end of the previous one). */
const NO_LINE_START = new Set('，。、；：？！）》」』】〕〉”’…—,.;:?!)%'.split(''));

/**
 * How many lines `text` takes in a column `widthPt` wide at `fontPt`: explicit line breaks kept, CJK characters
 * wrap anywhere, runs of Latin letters and digits wrap as words, closing punctuation never starts a line.
 */
export function wrappedLines(text: string, widthPt: number, fontPt: number): number {
  const capacity = Math.max(widthPt, fontPt); // at least one character per line
  let lines = 0;
  for (const paragraph of text.replace(/\r\n?/g, '\n').split('\n')) {
    lines++;
    let used = 0;
    // Tokens: one wide character, or a run of non-wide, non-space characters (a word), or a space.
    const tokens = paragraph.match(TOKENS) ?? [];
    let previous = 0;
    for (const token of tokens) {
      let w = 0;
      for (const ch of token) w += charEm(ch.codePointAt(0)!) * fontPt;
      if (used + w <= capacity || used === 0) {
        if (w > capacity && used === 0) {
          // A word longer than the line: it breaks by character.
          const extra = Math.ceil(w / capacity) - 1;
          lines += extra;
          used = w - extra * capacity;
        } else used += w;
      } else if (NO_LINE_START.has(token[0]!)) {
        // The previous character moves down with the punctuation.
        lines++;
        used = previous + w;
      } else if (/^\s$/.test(token)) {
        // A space at the end of a line is dropped.
      } else {
        lines++;
        used = w;
      }
      previous = w;
    }
  }
  return Math.max(1, lines);
}

/** Usable text width (points) of a column `units` wide, in the narrower rendering. */
export function columnTextWidth(units: number): number {
  return units * PT_PER_WIDTH_UNIT.narrow - CELL_PADDING_PT;
}

/** Printed width (points) of columns in the wider rendering. */
export function columnsPrintWidth(units: readonly number[]): number {
  return units.reduce((s, u) => s + u, 0) * PT_PER_WIDTH_UNIT.wide;
}

/** Row height (points) that shows every cell's text whole, given each cell's text, column width and font size. */
export function rowHeight(cells: readonly { text: string; units: number; fontPt: number }[], minLines = 1): number {
  let height = 0;
  for (const c of cells) {
    const lines = c.text ? wrappedLines(c.text, columnTextWidth(c.units), c.fontPt) : minLines;
    height = Math.max(height, lines * c.fontPt * LINE_HEIGHT_EM + ROW_PADDING_PT);
  }
  return Math.min(MAX_ROW_HEIGHT_PT, Math.ceil(Math.max(height, minLines * 10 * LINE_HEIGHT_EM + ROW_PADDING_PT)));
}

/** A4 in points. */
export const A4 = { shortPt: 595.28, longPt: 841.89 } as const;
/** Page margins of the printed sheets, in inches (as spreadsheets store them). */
export const SHEET_MARGINS = { left: 0.4, right: 0.4, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 } as const;
/** Points kept free at the bottom of every page, for differences in how office suites place the header and footer. */
const PAGE_SLACK_PT = 14;

/** Printable area of an A4 landscape page with SHEET_MARGINS (points). */
export function landscapeBody(): { widthPt: number; heightPt: number } {
  return {
    widthPt: A4.longPt - (SHEET_MARGINS.left + SHEET_MARGINS.right) * 72,
    heightPt: A4.shortPt - (SHEET_MARGINS.top + SHEET_MARGINS.bottom) * 72,
  };
}

export interface PrintRow {
  height: number;
  /** A heading row (section): printed on the same page as the row after it. */
  keepWithNext?: boolean;
}

/**
 * Break rows into pages: `titleRows` are printed once at the top of the first page, `repeatRows` at the top of
 * every page (the table header), then the body rows in order. A row never splits; a heading row moves to the next
 * page with the row it introduces. Returns the index (into `body`) of the first row of every page after the first.
 */
export function paginate(titleHeight: number, repeatHeight: number, body: readonly PrintRow[], pageHeight: number): number[] {
  const usable = pageHeight - PAGE_SLACK_PT;
  const breaks: number[] = [];
  let used = titleHeight + repeatHeight;
  for (let i = 0; i < body.length; i++) {
    // A run of headings plus the first row after them stays together.
    let block = body[i]!.height;
    let j = i;
    while (body[j]?.keepWithNext && j + 1 < body.length) {
      j++;
      block += body[j]!.height;
    }
    const need = block <= usable - repeatHeight ? block : body[i]!.height;
    if (used + need > usable && used > repeatHeight + (breaks.length === 0 ? titleHeight : 0)) {
      breaks.push(i);
      used = repeatHeight;
    }
    used += body[i]!.height;
  }
  return breaks;
}
