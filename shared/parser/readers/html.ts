/**
 * Saved web pages (.html/.htm): htmlparser2 builds the tree (tolerant of broken markup, decodes entities);
 * this walks it into paragraphs and tables. Scripts, styles, hidden elements and obvious site furniture
 * (nav, footer, menus, breadcrumbs, share bars) are dropped. `<table>` becomes a TableBlock with rowspan and
 * colspan carried; a layout table (one wrapping the page, or holding tables) is unwrapped instead.
 * The charset comes from a BOM, else a <meta> in the first 2 KB, else UTF-8 if valid, else GB18030.
 * The tree is built with a nesting bound: a page nested deeper than any real one is refused as it is parsed
 * (htmlparser2's open-element stack costs time in proportion to its depth at every tag).
 */
import { DomHandler, Parser } from 'htmlparser2';
import type { Block } from '../document';
import { decodeBytes } from '../../text/encoding';
import { appendAll, cleanCellText, gridFromCells, SpanPlacer, tableOrParagraphs, type PlacedCell } from './table';
import { detectTextEncoding, TEXT_TOO_LONG } from './text';
import { LIMITS } from './limits';
import { refuse } from './refuse';

interface HNode {
  type: string;
  data?: string;
  name?: string;
  attribs?: Record<string, string>;
  children?: HNode[];
}

const SKIP = new Set([
  'script', 'style', 'noscript', 'template', 'head', 'iframe', 'svg', 'canvas', 'select', 'option', 'button', 'input',
  'textarea', 'nav', 'footer', 'aside', 'object', 'embed', 'map', 'video', 'audio',
]);
const BLOCK = new Set([
  'p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'blockquote', 'pre', 'section',
  'article', 'center', 'address', 'form', 'fieldset', 'figure', 'figcaption', 'main', 'hr', 'header', 'body', 'html',
  'caption', 'legend', 'details', 'summary',
]);
const NOISE = /(^|[\s_-])(nav|navbar|menu|footer|foot|breadcrumbs?|crumbs?|share|copyright|sidebar|topbar|toolbar|skip)([\s_-]|$)/i;
const MAX_DEPTH = 400;

function charsetLabel(bytes: Uint8Array): string {
  const encoding = detectTextEncoding(bytes);
  if (encoding !== 'utf-8' && encoding !== 'gb18030') return encoding;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  let head = '';
  for (let i = 0; i < Math.min(bytes.length, 2048); i++) head += String.fromCharCode(bytes[i]!);
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)/i.exec(head);
  const label = m?.[1]?.toLowerCase();
  if (label) {
    if (/^(gb2312|gbk|gb18030|x-gbk|cp936|euc-cn)$/.test(label)) return 'gb18030';
    if (/^utf-?8$/.test(label)) return encoding === 'utf-8' ? 'utf-8' : 'gb18030';
    return label;
  }
  return encoding;
}

export function decodeHtml(bytes: Uint8Array): string {
  const label = charsetLabel(bytes);
  let text: string;
  try {
    text = decodeBytes(bytes, label);
  } catch {
    text = decodeBytes(bytes, detectTextEncoding(bytes));
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Characters of text under a node, counting stops at `cap`. */
function textLength(node: HNode, cap: number, depth = 0): number {
  if (node.type === 'text') return (node.data ?? '').trim().length;
  if (depth > MAX_DEPTH) throw refuse('hostile');
  let n = 0;
  for (const c of node.children ?? []) {
    n += textLength(c, cap - n, depth + 1);
    if (n >= cap) break;
  }
  return n;
}

/** Hidden, or site furniture by its class/id (only when short: a long block is content whatever its class). */
function hidden(node: HNode): boolean {
  const a = node.attribs ?? {};
  if ('hidden' in a) return true;
  if (/display\s*:\s*none|visibility\s*:\s*hidden/i.test(a.style ?? '')) return true;
  return (NOISE.test(a.class ?? '') || NOISE.test(a.id ?? '')) && textLength(node, 1500) < 1500;
}

function collapse(text: string): string {
  return text.replace(/[ \t\n\r\f\u00a0]+/g, ' ');
}

class Walker {
  readonly out: Block[] = [];
  private para = '';

  flush(): void {
    const text = cleanCellText(this.para);
    if (text !== '') this.out.push({ kind: 'paragraph', text });
    this.para = '';
  }

  walk(nodes: HNode[] | undefined, depth: number, pre = false): void {
    if (depth > MAX_DEPTH) throw refuse('hostile');
    for (const node of nodes ?? []) {
      if (node.type === 'text') {
        this.para += pre ? (node.data ?? '') : collapse(node.data ?? '');
        continue;
      }
      if (node.type !== 'tag' || !node.name) continue;
      const name = node.name;
      if (SKIP.has(name) || hidden(node)) continue;
      if (name === 'br') {
        this.flush();
        continue;
      }
      if (name === 'table') {
        this.flush();
        this.table(node, depth + 1);
        continue;
      }
      if (name === 'td' || name === 'th' || name === 'tr') {
        // Table parts outside a table: treat as blocks.
        this.flush();
        this.walk(node.children, depth + 1, pre);
        this.flush();
        continue;
      }
      const block = BLOCK.has(name);
      if (block) this.flush();
      this.walk(node.children, depth + 1, pre || name === 'pre');
      if (block) this.flush();
    }
  }

  private table(table: HNode, depth: number): void {
    const rows = tableRows(table);
    const cellsOf = rows.map((tr) => (tr.children ?? []).filter((c) => c.type === 'tag' && (c.name === 'td' || c.name === 'th')));
    const cells = cellsOf.flat();
    const layout =
      cells.some((c) => containsTag(c, 'table', 0)) ||
      cells.some((c) => cellText(c, 0).length > 3000) ||
      (cellsOf.every((r) => r.length <= 1) && cells.some((c) => blockCount(c) >= 3)) ||
      (rows.length <= 3 && cells.some((c) => blockCount(c) >= 3 && cellText(c, 0).length > 300));
    if (layout) {
      for (const c of cells) {
        if (hidden(c)) continue;
        this.walk(c.children, depth + 1);
        this.flush();
      }
      return;
    }
    const spanOf = (cell: HNode, r: number): [number, number] => [
      Math.min(1000, Math.max(1, parseInt(cell.attribs?.rowspan ?? '1', 10) || 1), cellsOf.length - r),
      Math.min(1000, Math.max(1, parseInt(cell.attribs?.colspan ?? '1', 10) || 1)),
    ];
    // Slots the spans cover, counted before placing anything: cells never overlap in a real table.
    let slots = 0;
    cellsOf.forEach((row, r) => {
      for (const cell of row) {
        const [rowSpan, colSpan] = spanOf(cell, r);
        slots += rowSpan * colSpan;
      }
      if (slots > LIMITS.maxTableCells) throw refuse('hostile');
    });
    const placed: PlacedCell[] = [];
    const placer = new SpanPlacer();
    let width = 0;
    cellsOf.forEach((row, r) => {
      let col = 0;
      for (const cell of row) {
        col = placer.freeColumn(r, col);
        const [rowSpan, colSpan] = spanOf(cell, r);
        placer.take(r, col, rowSpan, colSpan);
        placed.push({ row: r, col, rowSpan, colSpan, text: cellText(cell, depth) });
        col += colSpan;
        width = Math.max(width, col);
      }
    });
    if (rows.length * width > LIMITS.maxTableCells) throw refuse('hostile');
    const captions = (table.children ?? []).filter((c) => c.type === 'tag' && c.name === 'caption');
    for (const c of captions) {
      const text = cleanCellText(collapse(cellText(c, depth)));
      if (text) this.out.push({ kind: 'paragraph', text });
    }
    appendAll(this.out, tableOrParagraphs(gridFromCells(placed, rows.length, width)));
  }
}

function tableRows(table: HNode): HNode[] {
  const rows: HNode[] = [];
  for (const c of table.children ?? []) {
    if (c.type !== 'tag') continue;
    if (c.name === 'tr') rows.push(c);
    else if (c.name === 'thead' || c.name === 'tbody' || c.name === 'tfoot') appendAll(rows, (c.children ?? []).filter((r) => r.type === 'tag' && r.name === 'tr'));
  }
  return rows;
}

function containsTag(node: HNode, name: string, depth: number): boolean {
  if (depth > MAX_DEPTH) throw refuse('hostile');
  return (node.children ?? []).some((c) => c.type === 'tag' && (c.name === name || containsTag(c, name, depth + 1)));
}

function blockCount(node: HNode): number {
  return (node.children ?? []).filter((c) => c.type === 'tag' && (BLOCK.has(c.name ?? '') || c.name === 'br')).length;
}

/** A cell's text: blocks and <br> become line breaks, nested tables are flattened row by row. */
function cellText(node: HNode, depth: number): string {
  const lines: string[] = [];
  let line = '';
  const visit = (nodes: HNode[] | undefined, d: number): void => {
    if (d > MAX_DEPTH) throw refuse('hostile');
    for (const n of nodes ?? []) {
      if (n.type === 'text') line += collapse(n.data ?? '');
      else if (n.type === 'tag' && n.name && !SKIP.has(n.name) && !hidden(n)) {
        const breaks = n.name === 'br' || BLOCK.has(n.name) || n.name === 'tr';
        if (breaks) {
          lines.push(line);
          line = '';
        }
        if (n.name === 'td' || n.name === 'th') line += ' ';
        visit(n.children, d + 1);
        if (breaks) {
          lines.push(line);
          line = '';
        }
      }
    }
  };
  visit(node.children, depth);
  lines.push(line);
  return cleanCellText(lines.map((l) => l.trim()).filter((l) => l !== '').join('\n'));
}

export function readHtml(bytes: Uint8Array): Block[] {
  return readHtmlText(decodeHtml(bytes));
}

/** htmlparser2's DOM builder, refusing a page nested deeper than MAX_DEPTH as soon as it opens that element. */
class BoundedDomHandler extends DomHandler {
  override onopentag(name: string, attribs: Record<string, string>): void {
    if (this.tagStack.length > MAX_DEPTH) throw refuse('hostile');
    super.onopentag(name, attribs);
  }
}

function parseHtmlTree(html: string): HNode {
  const options = { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true };
  const handler = new BoundedDomHandler();
  new Parser(handler, options).end(html);
  return handler.root as unknown as HNode;
}

export function readHtmlText(html: string): Block[] {
  if (html.length > LIMITS.maxTextChars) throw refuse('too-large', TEXT_TOO_LONG);
  const doc = parseHtmlTree(html);
  const walker = new Walker();
  walker.walk(doc.children, 0);
  walker.flush();
  return walker.out;
}
