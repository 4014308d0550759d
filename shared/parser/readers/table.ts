import type { Block, ReaderWarning, TableBlock } from '../document';
import { LIMITS } from './limits';
import { refuse } from './refuse';

/** A cell placed on a grid: top-left corner, size, text. */
export interface PlacedCell {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  text: string;
}

/** Append many items to an array without spreading them as call arguments (100,000+ would overflow the stack). */
export function appendAll<T>(target: T[], items: readonly T[]): T[] {
  for (const item of items) target.push(item);
  return target;
}

/** A package that names one part several times (sheets, embedded chunks): each part was read once. */
export function repeatedPartsWarning(count: number): ReaderWarning {
  return { code: 'repeated-parts-skipped', message: `文件内部有 ${count} 处重复引用同一内容，已只读取一次，请对照原文核对。` };
}

/** Build a TableBlock from placed (possibly merged) cells: a merged cell's text goes into every slot it covers. */
export function gridFromCells(cells: PlacedCell[], rowCount: number, colCount: number): TableBlock {
  if (rowCount * colCount > LIMITS.maxTableCells) throw refuse('hostile');
  // Slots the cells will fill, counted before filling: cells never overlap in a real table, so cells covering
  // the grid many times over are refused before the work.
  let area = 0;
  for (const cell of cells) {
    area += Math.max(0, Math.min(rowCount, cell.row + cell.rowSpan) - cell.row) * Math.max(0, Math.min(colCount, cell.col + cell.colSpan) - cell.col);
    if (area > 2 * LIMITS.maxTableCells) throw refuse('hostile');
  }
  const rows: string[][] = Array.from({ length: rowCount }, () => new Array<string>(colCount).fill(''));
  const merged: boolean[][] = Array.from({ length: rowCount }, () => new Array<boolean>(colCount).fill(false));
  let anyMerged = false;
  for (const cell of cells) {
    for (let r = cell.row; r < Math.min(rowCount, cell.row + cell.rowSpan); r++) {
      for (let c = cell.col; c < Math.min(colCount, cell.col + cell.colSpan); c++) {
        rows[r]![c] = cell.text;
        if (r !== cell.row || c !== cell.col) {
          merged[r]![c] = true;
          anyMerged = true;
        }
      }
    }
  }
  return anyMerged ? { kind: 'table', rows, merged } : { kind: 'table', rows };
}

/**
 * Row-by-row placement of cells that may span rows (HTML and OpenDocument tables): for each column, the first
 * row free again below the cells placed so far. A slot is taken exactly when a cell above spans down to it, so
 * this equals marking every covered slot, at the cost of one number per column.
 */
export class SpanPlacer {
  private readonly freeFrom: number[] = [];

  /** The first column at or after `col` that no cell from an earlier row spans down into at row `row`. */
  freeColumn(row: number, col: number): number {
    while ((this.freeFrom[col] ?? 0) > row) col++;
    return col;
  }

  /** Record a cell at (row, col) spanning rowSpan × colSpan. */
  take(row: number, col: number, rowSpan: number, colSpan: number): void {
    for (let c = col; c < col + colSpan; c++) this.freeFrom[c] = Math.max(this.freeFrom[c] ?? 0, row + rowSpan);
  }
}

/** Normalise a cell's or paragraph's text: unify line ends, trim each line's ends, drop blank edges. */
export function cleanCellText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/^[\s\u3000\u00a0]+|[\s\u3000\u00a0]+$/g, ''))
    .join('\n')
    .replace(/^\n+|\n+$/g, '');
}

/** Drop rows whose every cell is empty, and columns empty in every row. */
export function dropEmptyRowsAndColumns(table: TableBlock): TableBlock {
  const keepRows = table.rows.map((row) => row.some((c) => c !== ''));
  const width = Math.max(0, ...table.rows.map((r) => r.length));
  const keepCols = Array.from({ length: width }, (_, c) => table.rows.some((row) => (row[c] ?? '') !== ''));
  const rows = table.rows.filter((_, r) => keepRows[r]).map((row) => row.filter((_, c) => keepCols[c]));
  const out: TableBlock = { kind: 'table', rows };
  if (table.merged) {
    const merged = table.merged.filter((_, r) => keepRows[r]).map((row) => row.filter((_, c) => keepCols[c]));
    if (merged.some((row) => row.some(Boolean))) out.merged = merged;
  }
  return out;
}

/** A table with no text at all is dropped; a one-cell table is a paragraph. */
export function tableOrParagraphs(table: TableBlock): Block[] {
  const t = dropEmptyRowsAndColumns(table);
  if (t.rows.length === 0) return [];
  if (t.rows.length === 1 && t.rows[0]!.length === 1) return [{ kind: 'paragraph', text: t.rows[0]![0]! }];
  return [t];
}
