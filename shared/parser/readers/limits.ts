/** Bounds that keep a hostile or broken file from taking the importer's time or memory. */
export const LIMITS = {
  /** Largest input file accepted at all. */
  maxInputBytes: 100 * 1024 * 1024,
  /**
   * Largest uncompressed size of one zip entry we inflate (document.xml, a sheet, shared strings…). A
   * 500-page document.xml is about 20 MB; parsing one costs about 40 times its size in memory.
   */
  maxEntryBytes: 24 * 1024 * 1024,
  /** Largest total uncompressed bytes inflated from one zip file. */
  maxZipTotalBytes: 160 * 1024 * 1024,
  /**
   * Largest ratio of inflated bytes to compressed bytes read so far, checked once an entry has inflated past
   * `ratioCheckAfterBytes`. Real OOXML parts compress about 5–30:1; deflate's ceiling is about 1032:1.
   */
  maxCompressionRatio: 100,
  ratioCheckAfterBytes: 4 * 1024 * 1024,
  /** Zip central directory entries. */
  maxZipEntries: 20_000,
  /** XML element nesting. Real WordprocessingML rarely passes 40. */
  maxXmlDepth: 256,
  /** Decoded text of a text or web-page file (characters); a long real plan has well under a million. */
  maxTextChars: 20_000_000,
  /** One line of text (characters). Real documents have paragraphs of a few thousand characters. */
  maxLineChars: 1_000_000,
  /** Extracted cells in one table / sheet. */
  maxTableCells: 2_000_000,
  /** PDF pages read. */
  maxPdfPages: 2_000,
  /** Time spent reading a PDF's pages before giving up (checked between pages). */
  maxPdfMillis: 60_000,
  /** Text runs in one PDF (a 500-page dense document has about a million). */
  maxPdfTextItems: 3_000_000,
  /**
   * Inflated size of one compressed PDF stream (a page's content, a font, an image). A dense text page is tens
   * of kilobytes; a full-page scan as a raw RGB image at 300 dpi is about 26 MB.
   */
  maxPdfStreamBytes: 64 * 1024 * 1024,
  /** Inflated size of all compressed streams of one PDF together. */
  maxPdfInflatedBytes: 256 * 1024 * 1024,
  /**
   * Drawing operators on one PDF page (pdf.js's operator list). A dense page of text has a few thousand; a
   * detailed map or chart some hundred thousand.
   */
  maxPdfOperatorsPerPage: 500_000,
} as const;

export const MAX_INPUT_MB = Math.round(LIMITS.maxInputBytes / 1024 / 1024);
