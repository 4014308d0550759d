/**
 * MHTML (.mht/.mhtml, "网页，单个文件"; also Word documents saved as a single-file web page, sometimes with a
 * .doc name): a MIME multipart/related message. The first text/html part is decoded (quoted-printable or
 * base64, in its declared charset) and read as a web page.
 */
import type { Block } from '../document';
import { decodeBytes } from '../../text/encoding';
import { readHtmlText } from './html';
import { detectTextEncoding } from './text';
import { refuse } from './refuse';

function latin1(bytes: Uint8Array, limit = bytes.length): string {
  let s = '';
  const n = Math.min(limit, bytes.length);
  for (let i = 0; i < n; i += 8192) s += String.fromCharCode(...bytes.subarray(i, Math.min(n, i + 8192)));
  return s;
}

export function looksLikeMht(bytes: Uint8Array): boolean {
  const head = latin1(bytes, 4096);
  return /^(MIME-Version|From|Subject|Date|Content-Type|X-MimeOLE|Content-Location)\s*:/im.test(head) && /Content-Type:\s*multipart\/related/i.test(head);
}

/** Header fields of one MIME part (folded lines unfolded), lower-cased names. */
function headers(block: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const m = /^([A-Za-z0-9-]+)\s*:\s*(.*)$/.exec(line);
    if (m) map.set(m[1]!.toLowerCase(), m[2]!.trim());
  }
  return map;
}

function param(value: string, name: string): string | undefined {
  const m = new RegExp(`${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(value);
  return m ? (m[1] ?? m[2]) : undefined;
}

function quotedPrintable(text: string): Uint8Array {
  const clean = text.replace(/=\r?\n/g, '');
  const out = new Uint8Array(clean.length);
  let n = 0;
  for (let i = 0; i < clean.length; i++) {
    const ch = clean.charCodeAt(i);
    if (ch === 61 /* = */ && /^[0-9A-Fa-f]{2}$/.test(clean.slice(i + 1, i + 3))) {
      out[n++] = parseInt(clean.slice(i + 1, i + 3), 16);
      i += 2;
    } else out[n++] = ch & 0xff;
  }
  return out.subarray(0, n);
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
function base64(text: string): Uint8Array {
  const clean = text.replace(/[^A-Za-z0-9+/]/g, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let n = 0;
  let buffer = 0;
  let bits = 0;
  for (const ch of clean) {
    buffer = (buffer << 6) | B64.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[n++] = (buffer >> bits) & 0xff;
    }
  }
  return out.subarray(0, n);
}

export function readMht(bytes: Uint8Array): Block[] {
  const text = latin1(bytes);
  const split = /\r?\n\r?\n/.exec(text);
  if (!split) throw refuse('damaged');
  const top = headers(text.slice(0, split.index));
  const boundary = param(top.get('content-type') ?? '', 'boundary');
  if (!boundary) throw refuse('damaged');
  for (const part of text.split(`--${boundary}`).slice(1)) {
    const sep = /\r?\n\r?\n/.exec(part);
    if (!sep) continue;
    const h = headers(part.slice(0, sep.index));
    const type = h.get('content-type') ?? '';
    if (!/^text\/html/i.test(type)) continue;
    const body = part.slice(sep.index + sep[0].length);
    const encoding = (h.get('content-transfer-encoding') ?? '').toLowerCase();
    const raw = encoding === 'quoted-printable' ? quotedPrintable(body) : encoding === 'base64' ? base64(body) : Uint8Array.from(body, (c) => c.charCodeAt(0) & 0xff);
    let label = (param(type, 'charset') ?? '').toLowerCase();
    if (/^(gb2312|gbk|gb18030|x-gbk|cp936)$/.test(label)) label = 'gb18030';
    let html: string;
    try {
      html = decodeBytes(raw, label || detectTextEncoding(raw));
    } catch {
      html = decodeBytes(raw, detectTextEncoding(raw));
    }
    return readHtmlText(html);
  }
  throw refuse('no-text', '网页文件（.mht）中没有找到正文内容');
}
