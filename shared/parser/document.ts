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

export interface ExtractedDocument {
  /** Reader that produced it: 'text' | 'html' (also .mht) | 'docx' | 'doc' (also .wps) | 'xlsx' | 'xls' | 'odt' | 'ods' | 'rtf' | 'pdf'. */
  format: string;
  blocks: Block[];
}
