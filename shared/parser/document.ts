/**
 * What every format reader produces and the parser core consumes: the document's blocks in reading order.
 * Readers (shared/parser/readers/*) know file formats; the core (shared/parser/core/*) knows documents.
 */
export interface ParagraphBlock {
  kind: 'paragraph';
  text: string;
}

/**
 * A table as a grid of cell texts. A merged cell's text is carried into every row/column it covers
 * (`w:vMerge`, `w:gridSpan`, xlsx merges), and `merged[r][c]` says the cell was covered by such a merge,
 * so the core can tell "empty" from "same as above".
 */
export interface TableBlock {
  kind: 'table';
  rows: string[][];
  merged?: boolean[][];
}

export type Block = ParagraphBlock | TableBlock;

/**
 * What a reader could not read, or read with a doubt, said to the user (a page that failed to load, text boxes
 * or footnotes left out, a PDF with a permissions password). Readers return these with their blocks instead of
 * swallowing them; the parser adds them to the ParseResult's warnings.
 */
export type ReaderWarningCode =
  | 'pdf-pages-failed'
  | 'pdf-pages-without-text'
  | 'pdf-permissions-password'
  | 'text-boxes-skipped'
  | 'notes-skipped'
  | 'hidden-sheets-skipped'
  | 'repeated-parts-skipped'
  | 'embedded-part-unreadable';

export interface ReaderWarning {
  code: ReaderWarningCode;
  /** One sentence in Chinese for the user. */
  message: string;
}

export interface ExtractedDocument {
  /** Reader that produced it: 'text' | 'html' (also .mht) | 'docx' | 'doc' (also .wps) | 'xlsx' | 'xls' | 'odt' | 'ods' | 'rtf' | 'pdf'. */
  format: string;
  blocks: Block[];
  /** What the reader skipped or doubted; absent or empty when it read everything. */
  warnings?: ReaderWarning[];
}

/** A format reader's result: the blocks, with what it skipped or doubted. */
export interface ReaderOutput {
  blocks: Block[];
  warnings: ReaderWarning[];
}
