/**
 * Format detection: by content first (zip → docx/xlsx by their parts; OLE → doc/wps/xls by their streams;
 * %PDF; HTML markup), then by the file name's extension.
 */
import { isZip, openZip, type ZipArchive } from './zip';
import { isOle, openOle, type OleFile } from './ole';
import { refuse } from './refuse';
import { looksLikeMht } from './mht';
import { isOpenDocument } from './odf';
import { officeDocumentPart } from './ooxml';

export type DetectedFormat =
  | { format: 'docx'; zip: ZipArchive }
  | { format: 'xlsx'; zip: ZipArchive }
  | { format: 'odt' | 'ods'; zip: ZipArchive }
  | { format: 'doc'; ole: OleFile }
  | { format: 'xls'; ole: OleFile }
  | { format: 'pdf' }
  | { format: 'html' }
  | { format: 'mht' }
  | { format: 'rtf' }
  | { format: 'text' };

const BINARY_EXTENSIONS = new Set(['docx', 'xlsx', 'doc', 'xls', 'pdf', 'docm', 'xlsm', 'dotx', 'mht', 'mhtml', 'odt', 'ods', 'rtf']);

const WPS_MESSAGE = '这是旧版 WPS 专用格式，暂不支持，请在 WPS 中另存为 .docx 或 .xlsx 后导入';

export function extensionOf(name: string): string {
  const m = /\.([A-Za-z0-9]{1,6})$/.exec(name.trim());
  return m ? m[1]!.toLowerCase() : '';
}

function startsWith(bytes: Uint8Array, ascii: string, at = 0): boolean {
  if (bytes.length < at + ascii.length) return false;
  for (let i = 0; i < ascii.length; i++) if (bytes[at + i] !== ascii.charCodeAt(i)) return false;
  return true;
}

function asciiHead(bytes: Uint8Array, length: number): string {
  let s = '';
  const n = Math.min(bytes.length, length);
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b !== 0) s += String.fromCharCode(b);
  }
  return s;
}

export function looksLikeHtml(bytes: Uint8Array): boolean {
  const head = asciiHead(bytes, 2048).replace(/^\uFEFF|^\xEF\xBB\xBF|^\xFF\xFE|^\xFE\xFF/, '').trimStart().toLowerCase();
  if (/^<!doctype\s+html/.test(head) || /^<(html|head|body)[\s>]/.test(head)) return true;
  if (/^<\?xml[^>]*>\s*<!doctype\s+html/.test(head) || /^<\?xml[^>]*>\s*<html[\s>]/.test(head)) return true;
  return /^(<!--[\s\S]*?-->\s*)*<(meta|title|div|table|p|script|style|link|center|font|span|h[1-6])[\s>]/.test(head);
}

export function detectFormat(bytes: Uint8Array, name: string): DetectedFormat {
  const ext = extensionOf(name);
  if (isZip(bytes)) {
    const zip = openZip(bytes);
    const names = zip.entries;
    const main = officeDocumentPart(zip);
    if (main?.startsWith('word/') || [...names.keys()].some((n) => /^word\/document\d*\.xml$/.test(n))) return { format: 'docx', zip };
    if (main?.startsWith('xl/') || names.has('xl/workbook.xml')) return { format: 'xlsx', zip };
    const odf = isOpenDocument(zip);
    if (odf) return { format: odf, zip };
    throw refuse('unknown-format', '这是一个压缩包，但不是 Word（.docx）、Excel（.xlsx）或 OpenDocument（.odt/.ods）文件，无法导入');
  }
  if (isOle(bytes)) {
    const ole = openOle(bytes);
    if (ole.has('EncryptedPackage') || ole.has('EncryptionInfo')) throw refuse('encrypted');
    if (ole.has('WordDocument')) return { format: 'doc', ole };
    if (ole.has('Workbook') || ole.has('Book')) return { format: 'xls', ole };
    if (ext === 'wps' || ext === 'et') throw refuse('unknown-format', WPS_MESSAGE);
    throw refuse('unknown-format', '这个文件是旧版 Office 格式，但不是 Word 或 Excel 文档，无法导入');
  }
  const pdfAt = asciiHead(bytes, 1024).indexOf('%PDF-');
  if (pdfAt >= 0) return { format: 'pdf' };
  if (startsWith(bytes, '{\\rtf')) return { format: 'rtf' };
  if (looksLikeMht(bytes)) return { format: 'mht' };
  if (looksLikeHtml(bytes) || ext === 'html' || ext === 'htm' || ext === 'xhtml') return { format: 'html' };
  if (ext === 'wps' || ext === 'et') throw refuse('unknown-format', WPS_MESSAGE);
  if (BINARY_EXTENSIONS.has(ext)) {
    throw refuse('damaged', `文件扩展名是 .${ext}，但内容与该格式不符，可能已损坏`);
  }
  return { format: 'text' };
}
