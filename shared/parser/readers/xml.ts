/**
 * XML for the OOXML readers: fast-xml-parser in document order, behind guards. A DTD is refused outright
 * (OOXML never has one, and entity expansion is the classic "billion laughs"), nesting depth is checked before
 * parsing, and the five XML entities plus numeric references are decoded here in one pass.
 */
import { XMLParser } from 'fast-xml-parser';
import { LIMITS } from './limits';
import { refuse } from './refuse';

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
}
export type XmlNode = XmlElement | string;

const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeXmlEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (whole, body: string) => {
    if (body.startsWith('#')) {
      const code = body[1] === 'x' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    }
    return NAMED[body] ?? whole;
  });
}

/** Deepest element nesting, counted cheaply over the raw text. */
export function xmlDepth(xml: string, stopAt: number): number {
  let depth = 0;
  let max = 0;
  let i = xml.indexOf('<');
  while (i >= 0 && i < xml.length - 1) {
    const next = xml.charCodeAt(i + 1);
    if (next === 47 /* / */) depth--;
    else if (next !== 63 /* ? */ && next !== 33 /* ! */) {
      const close = xml.indexOf('>', i);
      if (close < 0) break;
      if (xml.charCodeAt(close - 1) !== 47) {
        depth++;
        if (depth > max) {
          max = depth;
          if (max > stopAt) return max;
        }
      }
      i = close;
    }
    i = xml.indexOf('<', i + 1);
  }
  return max;
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  processEntities: false,
  htmlEntities: false,
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  commentPropName: false,
});

type RawNode = Record<string, unknown>;

const local = (name: string): string => name.slice(name.indexOf(':') + 1);

function convert(raw: RawNode[], localNames: boolean): XmlNode[] {
  const out: XmlNode[] = [];
  for (const node of raw) {
    const attrsRaw = node[':@'] as Record<string, unknown> | undefined;
    for (const key of Object.keys(node)) {
      if (key === ':@') continue;
      const value = node[key];
      if (key === '#text') {
        out.push(decodeXmlEntities(String(value)));
        continue;
      }
      const attrs: Record<string, string> = {};
      if (attrsRaw) {
        for (const [k, v] of Object.entries(attrsRaw)) {
          if (localNames && k.startsWith('xmlns')) continue;
          attrs[localNames ? local(k) : k] = decodeXmlEntities(String(v));
        }
      }
      out.push({ name: localNames ? local(key) : key, attrs, children: Array.isArray(value) ? convert(value as RawNode[], localNames) : [] });
    }
  }
  return out;
}

/**
 * Parse XML text into elements in document order; refuses DTDs, deep nesting and broken XML.
 * `localNames` drops namespace prefixes from element and attribute names (SpreadsheetML written by some
 * tools is prefixed: <x:worksheet>, <x:c>).
 */
export function parseXml(xml: string, localNames = false): XmlElement {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw refuse('hostile');
  if (xmlDepth(xml, LIMITS.maxXmlDepth) > LIMITS.maxXmlDepth) throw refuse('hostile');
  let raw: unknown;
  try {
    raw = parser.parse(xml);
  } catch {
    throw refuse('damaged');
  }
  const root = convert(raw as RawNode[], localNames).find((n): n is XmlElement => typeof n !== 'string');
  if (!root) throw refuse('damaged');
  return root;
}

export function elements(node: XmlElement, name?: string): XmlElement[] {
  return node.children.filter((c): c is XmlElement => typeof c !== 'string' && (name === undefined || c.name === name));
}

export function child(node: XmlElement, name: string): XmlElement | undefined {
  for (const c of node.children) if (typeof c !== 'string' && c.name === name) return c;
  return undefined;
}

/** All text directly and indirectly inside an element, in order. */
export function textContent(node: XmlElement): string {
  let s = '';
  for (const c of node.children) s += typeof c === 'string' ? c : textContent(c);
  return s;
}
