/**
 * Format readers: a file (or pasted text) in, the document's blocks in reading order out. Detects the format by
 * content, then by name; refuses empty, unknown, encrypted, damaged, oversized and hostile files with a
 * DocumentRefusedError carrying one line of Chinese.
 *
 *   .txt / pasted   text.ts      UTF-8, GB18030/GBK, UTF-16 (BOM or NUL pattern); one paragraph per line
 *   .html / .htm    html.ts      htmlparser2; charset from BOM/<meta>/sniffing; noise dropped; row/colspan
 *   .mht            mht.ts       MIME single-file page (also Word web pages named .doc) → html.ts
 *   .docx           docx.ts      document.xml: gridSpan/vMerge carried, w:del dropped, list numbers rendered
 *   .doc / .wps     doc.ts       Word 97 binary: piece table, table rows from PAPX, vertical merges
 *   .xlsx           xlsx.ts      sheets, merges, title/note rows as paragraphs, dates
 *   .xls / .et      xls.ts       BIFF8 records, same grid building as .xlsx
 *   .odt / .ods     odf.ts       OpenDocument content.xml: paragraphs, tables with spans
 *   .rtf            rtf.ts       RTF groups and control words: code-page bytes, \uN, \cell/\row tables with merges
 *   .pdf            pdf.ts       pdf.js operator list → pdfLayout.ts (ruled tables) / pdfUnruled.ts
 * Bounded containers: zip.ts (inflate with size and ratio caps), ole.ts (checked sector chains),
 * xml.ts (no DTD, depth cap). Limits: limits.ts.
 */
import type { Block, ExtractedDocument, ReaderOutput } from '../document';
import type { ParseInput } from '../types';
import { DocumentRefusedError } from '../types';
import { detectFormat } from './detect';
import { readDocx } from './docx';
import { readXlsx } from './xlsx';
import { readOpenDocument } from './odf';
import { readDoc } from './doc';
import { readXls } from './xls';
import { readText, textBlocks } from './text';
import { readHtml } from './html';
import { readMht } from './mht';
import { readRtf } from './rtf';
import { readPdf } from './pdf';
import { LIMITS, MAX_INPUT_MB } from './limits';
import { refuse } from './refuse';

export { detectFormat } from './detect';
export { setPdfResources } from './pdf';
export { LIMITS } from './limits';
export { REFUSAL_MESSAGES } from './refuse';

export { ACCEPTED_EXTENSIONS } from './extensions';

function hasText(blocks: Block[]): boolean {
  return blocks.some((b) => (b.kind === 'paragraph' ? b.text.trim() !== '' : b.rows.some((r) => r.some((c) => c.trim() !== ''))));
}

/** What a caller may pass along with the input: progress for long files. */
export interface ReadOptions {
  /** Called as reading advances (PDF pages read of all pages); for a progress bar. */
  onProgress?(done: number, total: number): void;
}

/**
 * Read a file (or pasted text) into blocks, with the reader's warnings. Refuses with a DocumentRefusedError
 * (one line of Chinese) what cannot or must not be read. Any other exception is a bug in a reader and is let
 * through as it is: a bug is never reported to the user as a damaged file.
 */
export async function readDocument(input: ParseInput, options: ReadOptions = {}): Promise<ExtractedDocument> {
  if ('text' in input) {
    if (input.text.length > LIMITS.maxInputBytes) throw refuse('too-large', `粘贴的文字超过 ${MAX_INPUT_MB} MB，无法导入`);
    if (input.text.trim() === '') throw refuse('empty', '没有粘贴任何文字');
    return { format: 'text', blocks: textBlocks(input.text) };
  }
  const { bytes, name } = input;
  if (bytes.length === 0) throw refuse('empty');
  if (bytes.length > LIMITS.maxInputBytes) throw refuse('too-large', `文件超过 ${MAX_INPUT_MB} MB，无法导入`);
  const detected = detectFormat(bytes, name);
  let read: ReaderOutput;
  const plain = (blocks: Block[]): ReaderOutput => ({ blocks, warnings: [] });
  switch (detected.format) {
    case 'docx':
      read = readDocx(detected.zip);
      break;
    case 'xlsx':
      read = readXlsx(detected.zip);
      break;
    case 'odt':
    case 'ods':
      read = readOpenDocument(detected.zip);
      break;
    case 'doc':
      read = readDoc(detected.ole);
      break;
    case 'xls':
      read = plain(readXls(detected.ole));
      break;
    case 'pdf':
      read = await readPdf(bytes, options.onProgress);
      break;
    case 'html':
      read = plain(readHtml(bytes));
      break;
    case 'mht':
      read = plain(readMht(bytes));
      break;
    case 'rtf':
      read = readRtf(bytes);
      break;
    case 'text':
      read = plain(readText(bytes));
      break;
  }
  if (!hasText(read.blocks)) throw refuse(detected.format === 'pdf' ? 'no-text' : 'empty');
  const doc: ExtractedDocument = { format: detected.format === 'mht' ? 'html' : detected.format, blocks: read.blocks };
  if (read.warnings.length) doc.warnings = read.warnings;
  return doc;
}
