/**
 * Text lines and table regions of a PDF page: the types shared by the ruled-table layout (pdfLayout.ts) and
 * the position-only table finder (pdfUnruled.ts), and the one rule that joins wrapped lines into cell text.
 */
import { cleanCellText } from './table';

export interface TextItem {
  str: string;
  x: number;
  /** Baseline. */
  y: number;
  width: number;
  /** Font size. */
  size: number;
  /** A space glyph came right before this run. */
  spaceBefore?: boolean;
}

export interface Region {
  text: string;
  /** Text items with positions, joined once all are known. */
  parts: TextItem[];
}

export interface PageTable {
  top: number;
  bottom: number;
  left: number;
  right: number;
  xs: number[];
  /** Rows of regions (a region shared by slots = a merged cell). */
  rows: Region[][];
  /** Found from text positions alone (no drawn rules). */
  unruled?: boolean;
}

export interface Line {
  items: TextItem[];
  y: number;
  x: number;
  right: number;
  size: number;
  text: string;
}

/** Join wrapped lines: no space between CJK characters, one between Latin words. */
export function joinLines(lines: Line[]): string {
  let s = '';
  for (const line of lines) {
    const t = line.text.trim();
    if (t === '') continue;
    if (s !== '' && /[A-Za-z0-9]$/.test(s) && /^[A-Za-z]/.test(t)) s += ' ';
    s += t;
  }
  return cleanCellText(s);
}
