/**
 * Plain text: encoding detection (BOM → UTF-8/UTF-16; else strict UTF-8; else GB18030, which covers GBK and
 * GB2312) and line splitting. Lines are kept as they are (blank lines too): pasted tables rely on them.
 */
import type { Block } from '../document';
import { decodeBytes } from '../../text/encoding';
import { LIMITS } from './limits';
import { refuse } from './refuse';

export const TEXT_TOO_LONG = `文字超过 ${LIMITS.maxTextChars / 1_000_000} 百万字，不像一份任务文件，无法导入`;
export const LINE_TOO_LONG = `文件中有一段超过 ${LIMITS.maxLineChars.toLocaleString('en-US')} 个字符，不像正常文档，已拒绝导入`;

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

export function detectTextEncoding(bytes: Uint8Array): TextEncodingName {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  // UTF-16 without a BOM: many NULs at odd (LE) or even (BE) positions.
  const sample = bytes.subarray(0, 4096);
  let oddNul = 0;
  let evenNul = 0;
  for (let i = 0; i < sample.length; i++) if (sample[i] === 0) (i % 2 ? oddNul++ : evenNul++);
  if (sample.length >= 4 && oddNul > sample.length / 4 && evenNul === 0) return 'utf-16le';
  if (sample.length >= 4 && evenNul > sample.length / 4 && oddNul === 0) return 'utf-16be';
  try {
    decodeBytes(bytes, 'utf-8', true);
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

/** Decode text bytes; refuses bytes that are not text in any encoding we know. */
export function decodeText(bytes: Uint8Array, encoding: TextEncodingName = detectTextEncoding(bytes)): string {
  let text: string;
  try {
    text = decodeBytes(bytes, encoding, true);
  } catch {
    throw refuse('unknown-format');
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (!looksLikeText(text)) throw refuse('unknown-format');
  return text;
}

/** Text has few control characters other than tab, line breaks and form feed. */
export function looksLikeText(text: string): boolean {
  const sample = text.length > 65536 ? text.slice(0, 65536) : text;
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd) control++;
  }
  return control <= Math.max(2, sample.length / 200);
}

/** Split text into one paragraph per line; refuses a line longer than any real paragraph. */
export function textBlocks(text: string): Block[] {
  if (text.length > LIMITS.maxTextChars) throw refuse('too-large', TEXT_TOO_LONG);
  const lines = text.split(/\r\n|\r|\n|\u2028|\u2029/);
  const blocks: Block[] = [];
  for (const line of lines) {
    if (line.length > LIMITS.maxLineChars) {
      throw refuse('hostile', `文本中有一行超过 ${LIMITS.maxLineChars.toLocaleString('en-US')} 个字符，不像正常文档，已拒绝导入`);
    }
    blocks.push({ kind: 'paragraph', text: line.replace(/\f/g, '') });
  }
  if (!blocks.some((b) => b.kind === 'paragraph' && b.text.trim() !== '')) throw refuse('empty');
  return blocks;
}

export function readText(bytes: Uint8Array): Block[] {
  return textBlocks(decodeText(bytes));
}
