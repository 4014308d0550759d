/**
 * .docx reader: word/document.xml walked in order. Paragraphs become paragraph blocks; tables become
 * TableBlocks on the table grid, with `w:gridSpan` and `w:vMerge` carried into every covered slot.
 * Deleted revisions (`w:del`, `w:moveFrom`) are skipped, insertions kept; field codes are skipped, their
 * results kept. A table whose rows each hold one cell (a layout frame) is unwrapped; other nested tables are
 * flattened into their cell's text.
 * Text boxes are read, after the paragraph that anchors them, when they hold more text than the body (the
 * whole document laid out in boxes, as PDF-to-Word converters write it); otherwise they are decoration (a
 * letterhead, a flow chart) and skipped with a warning. Footnotes and endnotes are skipped with a warning.
 */
import type { Block, ReaderOutput, ReaderWarning } from '../document';
import { child, elements, parseXml, type XmlElement } from './xml';
import type { ZipArchive } from './zip';
import { appendAll, cleanCellText, gridFromCells, repeatedPartsWarning, tableOrParagraphs, type PlacedCell } from './table';
import { LIMITS } from './limits';
import { refuse } from './refuse';
import { loadNumbering, type Numbering } from './docxNumbering';
import { officeDocumentPart, relationshipTargets } from './ooxml';
import { readHtml } from './html';
import { looksLikeMht, readMht } from './mht';
import { looksLikeRtf, readRtf } from './rtf';
import { isZip } from './zip';
import { readText } from './text';

/** What a walk over one document needs besides the XML: its list numbering, embedded chunks, text boxes. */
interface DocxContext {
  numbering: Numbering;
  /** Blocks of an embedded HTML/MHT/RTF/text chunk (w:altChunk), by relationship id. */
  altChunk(id: string): Block[];
  /** Text boxes met in body paragraphs: their blocks, and where in the output they are anchored. */
  boxes: { at: number; blocks: Block[] }[];
  /** Walking inside a text box (boxes in boxes are not collected again). */
  inBox: boolean;
}

const SKIP = new Set([
  'w:del', 'w:moveFrom', 'w:delText', 'w:delInstrText', 'w:instrText', 'w:pPr', 'w:rPr', 'w:drawing', 'w:pict',
  'w:object', 'mc:AlternateContent', 'w:commentReference', 'w:footnoteReference', 'w:endnoteReference',
  'w:fldData', 'w:sectPr', 'w:tblPr', 'w:tblGrid', 'w:trPr', 'w:tcPr', 'w:proofErr', 'w:bookmarkStart',
  'w:bookmarkEnd', 'w:lastRenderedPageBreak',
]);

function inlineText(node: XmlElement): string {
  let s = '';
  for (const c of node.children) {
    if (typeof c === 'string') continue;
    switch (c.name) {
      case 'w:t':
        for (const t of c.children) if (typeof t === 'string') s += t;
        break;
      case 'w:tab':
      case 'w:ptab':
        s += '\t';
        break;
      case 'w:br':
      case 'w:cr':
        s += '\n';
        break;
      case 'w:noBreakHyphen':
        s += '-';
        break;
      default:
        if (!SKIP.has(c.name)) s += inlineText(c);
    }
  }
  return s;
}

function paragraphText(p: XmlElement, ctx: DocxContext): string {
  const text = cleanCellText(inlineText(p));
  const label = ctx.numbering.label(child(p, 'w:pPr'));
  return label && text ? `${label}${text}` : text;
}

function intAttr(el: XmlElement | undefined, fallback: number): number {
  const v = el?.attrs['w:val'];
  const n = v === undefined ? NaN : parseInt(v, 10);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

/** Rows and cells may sit inside content controls or custom XML wrappers. */
function unwrap(node: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of elements(node)) {
    if (c.name === name) out.push(c);
    else if (c.name === 'w:sdt') {
      const content = child(c, 'w:sdtContent');
      if (content) out.push(...unwrap(content, name));
    } else if (c.name === 'w:customXml' || c.name === 'w:ins' || c.name === 'w:moveTo') out.push(...unwrap(c, name));
  }
  return out;
}

/** Text of a cell: its paragraphs joined by line breaks; nested tables flattened row by row. */
function cellText(tc: XmlElement, ctx: DocxContext): string {
  const parts: string[] = [];
  const visit = (node: XmlElement): void => {
    for (const c of elements(node)) {
      if (c.name === 'w:p') parts.push(paragraphText(c, ctx));
      else if (c.name === 'w:tbl') {
        for (const row of unwrap(c, 'w:tr')) parts.push(unwrap(row, 'w:tc').map((cell) => cellText(cell, ctx).replace(/\n/g, ' ')).join(' '));
      } else if (c.name === 'w:sdt') {
        const content = child(c, 'w:sdtContent');
        if (content) visit(content);
      } else if (c.name === 'w:customXml' || c.name === 'w:ins' || c.name === 'w:moveTo') visit(c);
    }
  };
  visit(tc);
  return cleanCellText(parts.filter((p) => p !== '').join('\n'));
}

function readTable(tbl: XmlElement, out: Block[], depth: number, ctx: DocxContext): void {
  const rows = unwrap(tbl, 'w:tr');
  const rowCells = rows.map((tr) => unwrap(tr, 'w:tc'));
  // A layout frame: every row holds exactly one cell, and some cell holds a table.
  if (depth < 8 && rowCells.length > 0 && rowCells.every((cells) => cells.length === 1) && rowCells.some((cells) => unwrap(cells[0]!, 'w:tbl').length > 0)) {
    for (const cells of rowCells) walkBody(cells[0]!, out, depth + 1, ctx);
    return;
  }
  const gridCols = elements(child(tbl, 'w:tblGrid') ?? { name: '', attrs: {}, children: [] }, 'w:gridCol').length;
  // The grid's width, counted from the spans before any cell is placed: a w:gridSpan of two billion is refused
  // here, not looped over.
  let widest = gridCols;
  rows.forEach((tr, r) => {
    const trPr = child(tr, 'w:trPr');
    let col = trPr ? intAttr(child(trPr, 'w:gridBefore'), 0) : 0;
    for (const tc of rowCells[r]!) {
      const tcPr = child(tc, 'w:tcPr');
      col += intAttr(tcPr && child(tcPr, 'w:gridSpan'), 1);
      if (col > LIMITS.maxTableCells) throw refuse('hostile');
    }
    widest = Math.max(widest, col);
  });
  if (rows.length * widest > LIMITS.maxTableCells) throw refuse('hostile');
  const placed: PlacedCell[] = [];
  /** For each grid column, the cell currently open for vertical merging. */
  const open = new Map<number, PlacedCell>();
  let width = gridCols;
  rows.forEach((tr, r) => {
    const trPr = child(tr, 'w:trPr');
    let col = trPr ? intAttr(child(trPr, 'w:gridBefore'), 0) : 0;
    for (const tc of rowCells[r]!) {
      const tcPr = child(tc, 'w:tcPr');
      const span = intAttr(tcPr && child(tcPr, 'w:gridSpan'), 1);
      const vMerge = tcPr && child(tcPr, 'w:vMerge');
      const hMerge = tcPr && child(tcPr, 'w:hMerge');
      const above = open.get(col);
      if (vMerge && vMerge.attrs['w:val'] !== 'restart' && above && above.row + above.rowSpan === r && above.colSpan === span) {
        above.rowSpan++;
      } else if (hMerge && hMerge.attrs['w:val'] !== 'restart' && placed.length > 0 && placed[placed.length - 1]!.row === r) {
        placed[placed.length - 1]!.colSpan += span;
      } else {
        const cell: PlacedCell = { row: r, col, rowSpan: 1, colSpan: span, text: cellText(tc, ctx) };
        placed.push(cell);
        for (let c = col; c < col + span; c++) open.set(c, cell);
      }
      col += span;
    }
    width = Math.max(width, col);
  });
  appendAll(out, tableOrParagraphs(gridFromCells(placed, rows.length, width)));
}

/**
 * The text-box contents (w:txbxContent) inside a paragraph's drawings. Word writes each box twice, as a
 * DrawingML shape (mc:Choice) and a VML fallback (mc:Fallback): only the first branch holding a box is taken.
 */
function textBoxes(node: XmlElement, out: XmlElement[] = [], depth = 0): XmlElement[] {
  if (depth > 32) return out;
  for (const c of elements(node)) {
    if (c.name === 'w:txbxContent') out.push(c);
    else if (c.name === 'mc:AlternateContent') {
      for (const branch of elements(c)) {
        const found = textBoxes(branch, [], depth + 1);
        if (found.length) {
          appendAll(out, found);
          break;
        }
      }
    } else if (c.name !== 'w:del' && c.name !== 'w:moveFrom') textBoxes(c, out, depth + 1);
  }
  return out;
}

function walkBody(node: XmlElement, out: Block[], depth: number, ctx: DocxContext): void {
  if (depth > 64) throw refuse('hostile');
  for (const c of elements(node)) {
    if (c.name === 'w:p') {
      const text = paragraphText(c, ctx);
      if (text !== '') out.push({ kind: 'paragraph', text });
      if (!ctx.inBox) {
        for (const box of textBoxes(c)) {
          const blocks: Block[] = [];
          ctx.inBox = true;
          walkBody(box, blocks, depth + 1, ctx);
          ctx.inBox = false;
          if (blocks.length) ctx.boxes.push({ at: out.length, blocks });
        }
      }
    } else if (c.name === 'w:tbl') readTable(c, out, depth, ctx);
    else if (c.name === 'w:altChunk') appendAll(out, ctx.altChunk(c.attrs['r:id'] ?? ''));
    else if (c.name === 'w:sdt') {
      const content = child(c, 'w:sdtContent');
      if (content) walkBody(content, out, depth + 1, ctx);
    } else if (c.name === 'w:customXml' || c.name === 'w:ins' || c.name === 'w:moveTo' || c.name === 'w:tc') walkBody(c, out, depth + 1, ctx);
  }
}

/** The main document part named by the package relationships (usually word/document.xml). */
function mainPart(zip: ZipArchive): string {
  const declared = officeDocumentPart(zip);
  if (declared?.startsWith('word/')) return declared;
  if (zip.entries.has('word/document.xml')) return 'word/document.xml';
  for (const name of zip.entries.keys()) if (/^word\/document\d*\.xml$/.test(name)) return name;
  throw refuse('damaged');
}

export function readDocx(zip: ZipArchive): ReaderOutput {
  const main = mainPart(zip);
  const xml = zip.readText(main);
  const root = parseXml(xml);
  const body = child(root, 'w:body');
  if (!body) throw refuse('damaged');
  const rels = relationshipTargets(zip, main);
  const warnings: ReaderWarning[] = [];
  const chunksRead = new Set<string>();
  let repeatedChunks = 0;
  let unreadableChunks = 0;
  const ctx: DocxContext = {
    numbering: loadNumbering(zip),
    altChunk(id) {
      // Web systems that export Word files often embed the whole document as an HTML or MHT chunk.
      const target = rels.get(id);
      if (!target || !zip.entries.has(target)) return [];
      // A chunk is read once, however many w:altChunk elements point at it.
      if (chunksRead.has(target)) {
        repeatedChunks++;
        return [];
      }
      chunksRead.add(target);
      zip.reserve([target]);
      const bytes = zip.read(target);
      if (looksLikeMht(bytes)) return readMht(bytes);
      if (looksLikeRtf(bytes)) return readRtf(bytes).blocks;
      if (isZip(bytes)) {
        unreadableChunks++;
        return [];
      }
      if (/\.txt$/i.test(target)) return readText(bytes);
      return readHtml(bytes);
    },
    boxes: [],
    inBox: false,
  };
  const walked: Block[] = [];
  walkBody(body, walked, 0, ctx);
  const out = placeTextBoxes(walked, ctx.boxes, warnings);
  const notes = countMatches(xml, '<w:footnoteReference') + countMatches(xml, '<w:endnoteReference');
  if (notes > 0) warnings.push({ code: 'notes-skipped', message: `文件中有 ${notes} 条脚注或尾注，其内容未读取，请对照原文核对。` });
  if (repeatedChunks) warnings.push(repeatedPartsWarning(repeatedChunks));
  if (unreadableChunks) warnings.push({ code: 'embedded-part-unreadable', message: `文件中嵌入了 ${unreadableChunks} 个其他 Word 文档，其内容未读取，请在 Word 中另存后重新导入。` });
  return { blocks: out, warnings };
}

function textLength(blocks: readonly Block[]): number {
  let n = 0;
  for (const b of blocks) {
    if (b.kind === 'paragraph') n += b.text.length;
    else for (const row of b.rows) for (const cell of row) n += cell.length;
  }
  return n;
}

/** Text boxes holding more text than the body are the document: read them in place; else skip them, and say so. */
function placeTextBoxes(body: Block[], boxes: DocxContext['boxes'], warnings: ReaderWarning[]): Block[] {
  if (boxes.length === 0) return body;
  const boxText = boxes.reduce((n, b) => n + textLength(b.blocks), 0);
  if (boxText === 0) return body;
  if (boxText <= textLength(body)) {
    warnings.push({ code: 'text-boxes-skipped', message: `文件中有 ${boxes.length} 个文本框（共 ${boxText} 字）未读取；如其中有任务，请对照原文补充。` });
    return body;
  }
  const out: Block[] = [];
  let k = 0;
  for (let i = 0; i <= body.length; i++) {
    while (k < boxes.length && boxes[k]!.at === i) appendAll(out, boxes[k++]!.blocks);
    if (i < body.length) out.push(body[i]!);
  }
  return out;
}

function countMatches(text: string, needle: string): number {
  let n = 0;
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length)) n++;
  return n;
}
