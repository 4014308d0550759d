/**
 * PDF with a text layer, through pdf.js (legacy build, which runs in Node 20 and in the browser). pdf.js runs
 * on the calling thread (its worker module is loaded as `globalThis.pdfjsWorker`), so no worker URL is needed;
 * in the app that thread is the importer's Web Worker. Text items and ruling lines go to pdfLayout, which
 * rebuilds tables and paragraphs.
 * Bounds: compressed streams are measured before pdf.js inflates them (pdfStreams.ts); each page's operator
 * list is counted as pdf.js delivers it and cut off past a cap; pages, text runs and time are capped. Pages
 * that fail to load or hold no text, and a permissions password, are reported as warnings.
 */
import type { ReaderOutput, ReaderWarning } from '../document';
import { blocksFromPages, dropRunningLines, layoutPages, type PageGeometry, type Segment, type TextItem } from './pdfLayout';
import { checkPdfNesting, checkPdfObjectRepeats, checkPdfStreams } from './pdfStreams';
import { LIMITS } from './limits';
import { refuse } from './refuse';

/** Where pdf.js finds its CJK character maps and standard fonts; set by the platform (URL or folder path). */
export interface PdfResources {
  cMapUrl?: string;
  standardFontDataUrl?: string;
}
let resources: PdfResources = {};
export function setPdfResources(r: PdfResources): void {
  resources = r;
}

/**
 * In Node (CLI, tests) the character maps ship inside pdfjs-dist: found from the package's location. Without
 * them, text in fonts that use Adobe's predefined CJK encodings (UniGB-UCS2-H…) cannot be decoded.
 * The browser build must call setPdfResources with a served URL instead.
 */
function nodeCMapDirectory(): string | undefined {
  const g = globalThis as { process?: { versions?: { node?: string } } };
  if (!g.process?.versions?.node) return undefined;
  try {
    const resolve = (import.meta as unknown as { resolve?: (specifier: string) => string }).resolve;
    const pkg = resolve?.('pdfjs-dist/package.json');
    if (!pkg?.startsWith('file://')) return undefined;
    const path = decodeURIComponent(pkg.replace(/^file:\/\/(?=\/[A-Za-z]:)\/?|^file:\/\//, ''));
    return path.replace(/package\.json$/, 'cmaps/');
  } catch {
    return undefined;
  }
}

type Matrix = [number, number, number, number, number, number];

interface PdfjsPage {
  getViewport(options: { scale: number }): { width: number; height: number; transform: number[] };
  commonObjs: { get(name: string): unknown };
  getOperatorList(): Promise<{ fnArray: number[]; argsArray: unknown[] }>;
  cleanup(): void;
}
interface PdfjsDocument {
  numPages: number;
  getPage(n: number): Promise<PdfjsPage>;
  getPermissions(): Promise<number[] | null>;
  destroy(): Promise<void>;
}

/** pdf.js's internals this reader hooks into to count a page's operators as they arrive (pdfjs-dist 5.5). */
interface OperatorListState {
  opListReadCapability?: { reject(reason: unknown): void };
}
interface PageInternals {
  _renderPageChunk?: (this: unknown, chunk: { length: number }, intentState: OperatorListState) => void;
  _abortOperatorList?: (this: unknown, options: { intentState: OperatorListState; reason: Error; force: boolean }) => void;
}

export const PDF_TOO_MANY_OPERATORS = 'PDF 页面中的绘制指令过多（可能是恶意构造的文件），已拒绝导入';

/**
 * Cap the operators pdf.js builds for one page: counted chunk by chunk as the page is evaluated, and the
 * evaluation cancelled past the cap, so a page repeating one operator millions of times never becomes a
 * list of millions. Returns false when pdf.js no longer has the hook (the time budget still holds).
 */
export function capOperators(page: unknown, cap: number): boolean {
  const internals = page as PageInternals;
  const original = internals._renderPageChunk;
  const abort = internals._abortOperatorList;
  if (typeof original !== 'function' || typeof abort !== 'function') return false;
  let count = 0;
  let stopped = false;
  internals._renderPageChunk = function (this: unknown, chunk, intentState) {
    if (stopped) return;
    count += chunk.length;
    if (count > cap) {
      stopped = true;
      intentState.opListReadCapability?.reject(refuse('hostile', PDF_TOO_MANY_OPERATORS));
      try {
        abort.call(this, { intentState, reason: new Error('operator cap'), force: true });
      } catch {
        // The list is rejected already; pdf.js tidies up when the document is destroyed.
      }
      return;
    }
    original.call(this, chunk, intentState);
  };
  return true;
}
interface Pdfjs {
  OPS: Record<string, number>;
  getDocument(options: Record<string, unknown>): { promise: Promise<PdfjsDocument>; destroy(): Promise<void> };
}

let loading: Promise<Pdfjs> | null = null;
function loadPdfjs(): Promise<Pdfjs> {
  loading ??= (async () => {
    const g = globalThis as { pdfjsWorker?: unknown };
    if (!g.pdfjsWorker) g.pdfjsWorker = await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
    return (await import('pdfjs-dist/legacy/build/pdf.mjs')) as unknown as Pdfjs;
  })();
  return loading;
}

function multiply(m: Matrix, n: number[]): Matrix {
  const [a, b, c, d, e, f] = m;
  const [a2 = 1, b2 = 0, c2 = 0, d2 = 1, e2 = 0, f2 = 0] = n;
  return [a2 * a + b2 * c, a2 * b + b2 * d, c2 * a + d2 * c, c2 * b + d2 * d, e2 * a + f2 * c + e, e2 * b + f2 * d + f];
}

/** Horizontal and vertical rules drawn on the page (strokes, and thin filled rectangles). */
function ruleSegments(ops: Pdfjs['OPS'], list: { fnArray: number[]; argsArray: unknown[] }, base: Matrix): Segment[] {
  const segments: Segment[] = [];
  let ctm: Matrix = base;
  const stack: Matrix[] = [];
  const apply = (x: number, y: number): [number, number] => [ctm[0] * x + ctm[2] * y + ctm[4], ctm[1] * x + ctm[3] * y + ctm[5]];
  const strokeOps = new Set([ops.stroke, ops.closeStroke, ops.fillStroke, ops.eoFillStroke, ops.closeFillStroke, ops.closeEOFillStroke]);
  const fillOps = new Set([ops.fill, ops.eoFill]);
  list.fnArray.forEach((fn, i) => {
    const args = list.argsArray[i] as unknown[] | null;
    if (fn === ops.save) stack.push(ctm);
    else if (fn === ops.restore) ctm = stack.pop() ?? ctm;
    else if (fn === ops.transform && args) ctm = multiply(ctm, args as number[]);
    else if (fn === ops.paintFormXObjectBegin && args) {
      stack.push(ctm);
      if (Array.isArray(args[0]) || ArrayBuffer.isView(args[0])) ctm = multiply(ctm, Array.from(args[0] as ArrayLike<number>));
    } else if (fn === ops.paintFormXObjectEnd) ctm = stack.pop() ?? ctm;
    else if (fn === ops.constructPath && args) {
      const paint = args[0] as number;
      const stroked = strokeOps.has(paint);
      const filled = fillOps.has(paint);
      if (!stroked && !filled) return;
      const data = (args[1] as ArrayLike<number>[] | undefined)?.[0];
      if (!data) return;
      const pts: [number, number][][] = [];
      let current: [number, number][] = [];
      for (let k = 0; k < data.length; ) {
        const op = data[k]!;
        if (op === 0) {
          if (current.length) pts.push(current);
          current = [apply(data[k + 1]!, data[k + 2]!)];
          k += 3;
        } else if (op === 1) {
          current.push(apply(data[k + 1]!, data[k + 2]!));
          k += 3;
        } else if (op === 2) {
          if (current.length) pts.push(current);
          current = [apply(data[k + 5]!, data[k + 6]!)];
          k += 7;
        } else if (op === 3) {
          if (current.length) pts.push(current);
          current = [apply(data[k + 3]!, data[k + 4]!)];
          k += 5;
        } else if (op === 4) {
          if (current.length) current.push(current[0]!);
          k += 1;
        } else break;
      }
      if (current.length) pts.push(current);
      for (const poly of pts) {
        if (stroked) {
          for (let k = 1; k < poly.length; k++) {
            const [x1, y1] = poly[k - 1]!;
            const [x2, y2] = poly[k]!;
            if (Math.abs(y1 - y2) < 1 && Math.abs(x1 - x2) > 1) segments.push({ dir: 'h', at: y1, a: Math.min(x1, x2), b: Math.max(x1, x2) });
            else if (Math.abs(x1 - x2) < 1 && Math.abs(y1 - y2) > 1) segments.push({ dir: 'v', at: x1, a: Math.min(y1, y2), b: Math.max(y1, y2) });
          }
        } else if (poly.length >= 4) {
          const xs = poly.map((p) => p[0]);
          const ys = poly.map((p) => p[1]);
          const x0 = Math.min(...xs);
          const x1 = Math.max(...xs);
          const y0 = Math.min(...ys);
          const y1 = Math.max(...ys);
          if (y1 - y0 < 3 && x1 - x0 > 3) segments.push({ dir: 'h', at: (y0 + y1) / 2, a: x0, b: x1 });
          else if (x1 - x0 < 3 && y1 - y0 > 3) segments.push({ dir: 'v', at: (x0 + x1) / 2, a: y0, b: y1 });
        }
      }
    }
  });
  return segments;
}

interface Glyph {
  unicode?: string;
  width?: number;
  isSpace?: boolean;
}

/**
 * Text items from the operator list, following the PDF text state (Tm, Tlm, Tf, Tc, Tw, Tz, TL, Ts) and the
 * graphics CTM. pdf.js's getTextContent drops glyphs outside the page box, and real tables overflow it (cells
 * wider than the page): the operator list keeps every glyph. One item per run of glyphs; spaces and wide
 * kerning gaps split items.
 */
function textItems(ops: Pdfjs['OPS'], list: { fnArray: number[]; argsArray: unknown[] }, fontMatrixOf: (name: string) => number, base: Matrix): TextItem[] {
  const items: TextItem[] = [];
  let ctm: Matrix = base;
  const stack: Matrix[] = [];
  let tm: Matrix = [1, 0, 0, 1, 0, 0];
  let tlm: Matrix = [1, 0, 0, 1, 0, 0];
  let fontSize = 12;
  let fontScale = 0.001;
  let charSpacing = 0;
  let wordSpacing = 0;
  let hScale = 1;
  let leading = 0;
  let rise = 0;
  let spaceBefore = false;
  const moveText = (tx: number, ty: number): void => {
    tlm = multiply(tlm, [1, 0, 0, 1, tx, ty]);
    tm = tlm;
  };
  const show = (glyphs: unknown[]): void => {
    const m = multiply(ctm, tm);
    const scaleX = Math.hypot(m[0], m[1]);
    const scaleY = Math.hypot(m[2], m[3]);
    if (Math.abs(m[1]) > Math.abs(m[0])) return; // rotated text (stamps, side notes)
    const size = fontSize * scaleY;
    let advance = 0; // in text space
    let str = '';
    let startAdvance = 0;
    const flush = (): void => {
      const trailingSpace = /\s$/.test(str);
      str = str.replace(/\s+$/, '');
      if (str !== '') {
        const [x, y] = [m[0] * startAdvance + m[2] * rise + m[4], m[1] * startAdvance + m[3] * rise + m[5]];
        items.push({ str, x, y, width: (advance - startAdvance) * scaleX, size, ...(spaceBefore ? { spaceBefore } : {}) });
        spaceBefore = false;
      }
      // A run ending in a space ("1. " then "完善…" in the next run): the next run starts after a space.
      if (trailingSpace) spaceBefore = true;
      str = '';
    };
    for (const g of glyphs) {
      if (typeof g === 'number') {
        const shift = (-g * 0.001 * fontSize) * hScale;
        if (-g > 300) {
          flush();
          advance += shift;
          startAdvance = advance;
        } else advance += shift;
        continue;
      }
      const glyph = g as Glyph | null;
      if (!glyph) continue;
      const w = ((glyph.width ?? 0) * fontScale * fontSize + charSpacing + (glyph.isSpace ? wordSpacing : 0)) * hScale;
      if (glyph.unicode === undefined || /^\s*$/.test(glyph.unicode)) {
        if (str !== '' && Math.abs(w) < fontSize * 0.6) {
          str += ' ';
          advance += w;
          continue;
        }
        flush();
        spaceBefore = true;
        advance += w;
        startAdvance = advance;
        continue;
      }
      if (str === '') startAdvance = advance;
      str += glyph.unicode ?? '';
      advance += w;
    }
    flush();
    tm = multiply(tm, [1, 0, 0, 1, advance, 0]);
  };
  list.fnArray.forEach((fn, i) => {
    const args = list.argsArray[i] as unknown[] | null;
    switch (fn) {
      case ops.save:
        stack.push(ctm);
        break;
      case ops.restore:
        ctm = stack.pop() ?? ctm;
        break;
      case ops.transform:
        if (args) ctm = multiply(ctm, args as number[]);
        break;
      case ops.paintFormXObjectBegin:
        stack.push(ctm);
        if (args && (Array.isArray(args[0]) || ArrayBuffer.isView(args[0]))) ctm = multiply(ctm, Array.from(args[0] as ArrayLike<number>));
        break;
      case ops.paintFormXObjectEnd:
        ctm = stack.pop() ?? ctm;
        break;
      case ops.beginText:
        tm = [1, 0, 0, 1, 0, 0];
        tlm = tm;
        break;
      case ops.setFont:
        if (args) {
          fontSize = Number(args[1]) || fontSize;
          fontScale = fontMatrixOf(String(args[0]));
        }
        break;
      case ops.setTextMatrix:
        if (args) {
          const v = (Array.isArray(args[0]) || ArrayBuffer.isView(args[0]) ? Array.from(args[0] as ArrayLike<number>) : (args as number[])) as number[];
          tm = [v[0] ?? 1, v[1] ?? 0, v[2] ?? 0, v[3] ?? 1, v[4] ?? 0, v[5] ?? 0];
          tlm = tm;
        }
        break;
      case ops.moveText:
        if (args) moveText(Number(args[0]), Number(args[1]));
        break;
      case ops.setLeadingMoveText:
        if (args) {
          leading = -Number(args[1]);
          moveText(Number(args[0]), Number(args[1]));
        }
        break;
      case ops.nextLine:
        moveText(0, -leading);
        break;
      case ops.setCharSpacing:
        if (args) charSpacing = Number(args[0]) || 0;
        break;
      case ops.setWordSpacing:
        if (args) wordSpacing = Number(args[0]) || 0;
        break;
      case ops.setHScale:
        if (args) hScale = (Number(args[0]) || 100) / 100;
        break;
      case ops.setLeading:
        if (args) leading = Number(args[0]) || 0;
        break;
      case ops.setTextRise:
        if (args) rise = Number(args[0]) || 0;
        break;
      case ops.showText:
      case ops.showSpacedText:
        if (args && Array.isArray(args[0])) show(args[0] as unknown[]);
        break;
      case ops.nextLineShowText:
        moveText(0, -leading);
        if (args && Array.isArray(args[0])) show(args[0] as unknown[]);
        break;
      case ops.nextLineSetSpacingShowText:
        if (args) {
          wordSpacing = Number(args[0]) || 0;
          charSpacing = Number(args[1]) || 0;
          moveText(0, -leading);
          if (Array.isArray(args[2])) show(args[2] as unknown[]);
        }
        break;
    }
  });
  return items;
}

/** Page numbers for a message: "3、5、8" or "3、5、8 等 12 页". */
function pageList(pages: number[]): string {
  const shown = pages.slice(0, 8).join('、');
  return pages.length > 8 ? `${shown} 等 ${pages.length} 页` : shown;
}

export async function readPdf(bytes: Uint8Array, onProgress?: (done: number, total: number) => void): Promise<ReaderOutput> {
  checkPdfNesting(bytes);
  checkPdfObjectRepeats(bytes);
  checkPdfStreams(bytes);
  const pdfjs = await loadPdfjs();
  const task = pdfjs.getDocument({
    data: bytes.slice(),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
    ...((resources.cMapUrl ?? nodeCMapDirectory()) ? { cMapUrl: resources.cMapUrl ?? nodeCMapDirectory(), cMapPacked: true } : {}),
    ...(resources.standardFontDataUrl ? { standardFontDataUrl: resources.standardFontDataUrl } : {}),
  });
  let doc: PdfjsDocument;
  try {
    doc = await task.promise;
  } catch (error) {
    await task.destroy().catch(() => undefined);
    const name = (error as { name?: string } | null)?.name;
    if (name === 'PasswordException') throw refuse('encrypted', 'PDF 文件设置了打开密码，请先取消密码后再导入');
    throw refuse('damaged', 'PDF 文件已损坏或不完整，无法读取');
  }
  try {
    if (doc.numPages > LIMITS.maxPdfPages) throw refuse('too-large', `PDF 超过 ${LIMITS.maxPdfPages} 页，无法导入`);
    const pages: PageGeometry[] = [];
    let anyText = false;
    const started = Date.now();
    const failedPages: number[] = [];
    const emptyPages: number[] = [];
    let itemCount = 0;
    for (let n = 1; n <= doc.numPages; n++) {
      if (Date.now() - started > LIMITS.maxPdfMillis) throw refuse('too-large', 'PDF 内容过多，读取超时，请导入 Word 版本或拆分后再导入');
      onProgress?.(n - 1, doc.numPages);
      let page: PdfjsPage;
      let list: { fnArray: number[]; argsArray: unknown[] };
      try {
        page = await doc.getPage(n);
        capOperators(page, LIMITS.maxPdfOperatorsPerPage);
        list = await page.getOperatorList();
      } catch (error) {
        if (error instanceof Error && error.name === 'DocumentRefusedError') throw error;
        // One broken page does not sink the document (it is reported); all pages broken does.
        failedPages.push(n);
        continue;
      }
      // Page space as displayed (rotation and crop applied), y up: upright text whatever /Rotate says.
      const viewport = page.getViewport({ scale: 1 });
      const base = multiply([1, 0, 0, -1, 0, viewport.height], viewport.transform);
      const fontMatrixOf = (name: string): number => {
        try {
          const font = page.commonObjs.get(name) as { fontMatrix?: number[] } | null;
          return font?.fontMatrix?.[0] ?? 0.001;
        } catch {
          return 0.001;
        }
      };
      const items = textItems(pdfjs.OPS, list, fontMatrixOf, base);
      if (items.length) anyText = true;
      // A page without text that shows an image is a scanned page: its words are not in the file's text.
      else if (list.fnArray.some((fn) => fn === pdfjs.OPS.paintImageXObject || fn === pdfjs.OPS.paintInlineImageXObject || fn === pdfjs.OPS.paintJpegXObject)) emptyPages.push(n);
      itemCount += items.length;
      if (itemCount > LIMITS.maxPdfTextItems) throw refuse('hostile');
      const segments = ruleSegments(pdfjs.OPS, list, base);
      const geometry: PageGeometry = { width: viewport.width, height: viewport.height, items, segments };
      pages.push(geometry);
      page.cleanup();
    }
    if (failedPages.length === doc.numPages) throw refuse('damaged', 'PDF 文件已损坏或不完整，无法读取');
    if (!anyText) throw refuse('no-text', 'PDF 中没有可提取的文字（可能是扫描件），请导入 Word 或文本版本');
    onProgress?.(doc.numPages, doc.numPages);
    const warnings: ReaderWarning[] = [];
    if (failedPages.length) {
      warnings.push({ code: 'pdf-pages-failed', message: `PDF 第 ${pageList(failedPages)} 页已损坏，无法读取，其中的内容未导入，请对照原文核对。` });
    }
    if (emptyPages.length) {
      warnings.push({ code: 'pdf-pages-without-text', message: `PDF 第 ${pageList(emptyPages)} 页没有可提取的文字（可能是扫描页或图片），其中的内容未导入，请对照原文核对。` });
    }
    const permissions = await doc.getPermissions().catch(() => null);
    if (permissions) {
      warnings.push({ code: 'pdf-permissions-password', message: 'PDF 设置了权限密码（限制复制、打印等），已读取其中的文字，请确认可以使用该文件的内容。' });
    }
    return { blocks: blocksFromPages(layoutPages(dropRunningLines(pages))), warnings };
  } finally {
    await doc.destroy().catch(() => undefined);
  }
}
