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
import type { Block, ExtractedDocument } from '../document';
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

export async function readDocument(input: ParseInput): Promise<ExtractedDocument> {
  if ('text' in input) {
    if (input.text.length > LIMITS.maxInputBytes) throw refuse('too-large', `粘贴的文字超过 ${MAX_INPUT_MB} MB，无法导入`);
    if (input.text.trim() === '') throw refuse('empty', '没有粘贴任何文字');
    return { format: 'text', blocks: textBlocks(input.text) };
  }
  const { bytes, name } = input;
  if (bytes.length === 0) throw refuse('empty');
  if (bytes.length > LIMITS.maxInputBytes) throw refuse('too-large', `文件超过 ${MAX_INPUT_MB} MB，无法导入`);
  try {
    const detected = detectFormat(bytes, name);
    let blocks: Block[];
    switch (detected.format) {
      case 'docx':
        blocks = readDocx(detected.zip);
        break;
      case 'xlsx':
        blocks = readXlsx(detected.zip);
        break;
      case 'odt':
      case 'ods':
        blocks = readOpenDocument(detected.zip);
        break;
      case 'doc':
        blocks = readDoc(detected.ole);
        break;
      case 'xls':
        blocks = readXls(detected.ole);
        break;
      case 'pdf':
        blocks = await readPdf(bytes);
        break;
      case 'html':
        blocks = readHtml(bytes);
        break;
      case 'mht':
        blocks = readMht(bytes);
        break;
      case 'rtf':
        blocks = readRtf(bytes);
        break;
      case 'text':
        blocks = readText(bytes);
        break;
    }
    if (!hasText(blocks)) throw refuse(detected.format === 'pdf' ? 'no-text' : 'empty');
    return { format: detected.format === 'mht' ? 'html' : detected.format, blocks };
  } catch (error) {
    if (error instanceof DocumentRefusedError) throw error;
    // A bug or an unforeseen corruption in a reader: still one clear line, never a crash.
    if (error instanceof RangeError) throw refuse('hostile');
    throw refuse('damaged');
  }
}
