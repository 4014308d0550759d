/**
 * Metamorphic reading test: the same document copied in other ways must read the same.
 *
 * Officers get a document as a PDF copied to text, as a web page, as a Word file: the content is the same, the
 * surface is not. Each labelled document of a corpus part (its STEM.txt, or for a page saved as STEM.html the
 * visible text the HTML reader gives: paragraphs one per line, table rows with their cells between tabs) is
 * rewritten by transformations that keep its meaning, and every variant is scored against the SAME truth with
 * the corpus scoring rule (score.ts: scoreTasks, pool). A variant that scores lower than the text it was made
 * from shows a reading that depends on surface form.
 *
 * Transformations (each deterministic: a document's random choices come from a seed made of its stem):
 *   wrap        hard line breaks every 28–40 characters inside paragraphs, as text copied from a PDF (one width
 *               per document; table rows — tabs, runs of spaces, '|' cells — are not paragraphs and stay whole;
 *               a break never falls in a line's first 28 characters, so an item's number stays on its line)
 *   furniture   page furniture between lines every 36–44 lines: a page number ('— 3 —', '-3-',
 *               '第 3 页 共 8 页') and the issuer's name as a running header on the next page
 *   pdf         wrap and furniture together (what a PDF copy gives)
 *   half-width  '（）：，' written '():,'
 *   full-width  '():,' written '（）：，' next to Chinese text, item numbers in full-width digits ('１．')
 *   spaces      spaces between the characters of field labels ('牵 头 单 位：'), around colons, a full-width
 *               indent before long lines, trailing spaces
 *   blank-lines every blank line doubled
 *   crlf-bom    CRLF line ends and a UTF-8 byte order mark
 *   cell-bars   every non-blank line ends with ' |' (a table copied one cell per line keeps its cell separators; a
 *               line already holding '|' cells is left as it is)
 *   all         pdf + full-width + spaces + crlf-bom
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseDocument, readDocument } from '../../shared/parser/index';
import { corpusEntries, parseFile, pool, scoreTasks, type DocScore, type PartScore, type Truth } from './score';
import { prng } from '../../shared/sync/simulate';

/** A document's seeded random numbers in [0, 1): the sync simulator's PRNG, seeded by a hash of the name. */
export function seeded(seed: string): () => number {
  let h = 2166136261;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619);
  return prng(h >>> 0);
}

export interface VariantContext {
  rand: () => number;
  /** The issuer's name (the running header of a printed page), when the document names one. */
  header: string | null;
}

export interface Variant {
  name: string;
  apply(text: string, ctx: VariantContext): string;
}

const pick = <T>(rand: () => number, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const lines = (text: string): string[] => text.split('\n');

/** Width on a printed line: a Chinese or full-width character is one, an ASCII character half. */
const widthOf = (ch: string): number => (ch.charCodeAt(0) < 0x80 ? 0.5 : 1);

/** A table row copied as text (cells between tabs, runs of spaces or '|'): not a paragraph, not wrapped. */
const isTableRow = (line: string): boolean => /\t|\S {2,}\S|\S\u3000{2,}\S|[|｜]/.test(line.trim());

/** One paragraph broken every `width` characters, its indentation kept on the first line. */
export function wrapLine(line: string, width: number): string[] {
  const chars = Array.from(line);
  let total = 0;
  for (const ch of chars) total += widthOf(ch);
  if (total <= width || isTableRow(line)) return [line];
  const out: string[] = [];
  let cur = '';
  let w = 0;
  for (const ch of chars) {
    if (w + widthOf(ch) > width && cur.trim()) {
      out.push(cur);
      cur = '';
      w = 0;
    }
    cur += ch;
    w += widthOf(ch);
  }
  if (cur) out.push(cur);
  return out;
}

export const wrap: Variant = {
  name: 'wrap',
  apply(text, { rand }) {
    const width = 28 + Math.floor(rand() * 13);
    return lines(text)
      .flatMap((l) => wrapLine(l, width))
      .join('\n');
  },
};

/** Page numbers as printed at the foot of a page. */
const PAGE_NUMBER: readonly ((page: number, pages: number) => string)[] = [
  (p) => `— ${p} —`,
  (p) => `-${p}-`,
  (p, n) => `第 ${p} 页 共 ${n} 页`,
];

export const furniture: Variant = {
  name: 'furniture',
  apply(text, { rand, header }) {
    const all = lines(text);
    const pageLines = 36 + Math.floor(rand() * 9);
    const style = pick(rand, PAGE_NUMBER);
    const pages = Math.ceil(all.length / pageLines);
    if (pages < 2) return text;
    const out: string[] = [];
    for (let p = 0; p < pages; p++) {
      if (p > 0 && header) out.push(header);
      out.push(...all.slice(p * pageLines, (p + 1) * pageLines));
      if (p < pages - 1) out.push(style(p + 1, pages));
    }
    return out.join('\n');
  },
};

export const pdf: Variant = {
  name: 'pdf',
  apply: (text, ctx) => furniture.apply(wrap.apply(text, ctx), ctx),
};

export const halfWidth: Variant = {
  name: 'half-width',
  apply: (text) => text.replace(/[（）：，]/g, (c) => ({ '（': '(', '）': ')', '：': ':', '，': ',' })[c]!),
};

const FULL_DIGIT = (d: string): string => String.fromCharCode(d.charCodeAt(0) + 0xfee0);
const isAscii = (ch: string | undefined): boolean => ch === undefined || ch.charCodeAt(0) < 0x80;

export const fullWidth: Variant = {
  name: 'full-width',
  apply(text) {
    // Colons and commas beside Chinese text only: "00:00:00" and "1,000" stay as they are.
    let out = '';
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      if (c === '(') out += '（';
      else if (c === ')') out += '）';
      else if ((c === ':' || c === ',') && !(isAscii(text[i - 1]) && isAscii(text[i + 1]))) out += c === ':' ? '：' : '，';
      else out += c;
    }
    // Item numbers in full-width digits: "1." → "１．", "12、" → "１２、".
    return out.replace(/^([ \t\u3000]*)(\d{1,3})([.．、])/gm, (_, sp: string, n: string, sep: string) => `${sp}${n.replace(/\d/g, FULL_DIGIT)}${sep === '.' ? '．' : sep}`);
  },
};

/** Field labels and column headers that offices print spaced out to fill a cell ('牵 头 单 位'). */
const LABEL = /(?:主要|协同)?(?:牵头|责任|配合|协办|协同|主办)(?:单位|部门)|完成时限|时间节点|责任领导|牵头领导|序号|工作任务|具体内容/g;

export const spaces: Variant = {
  name: 'spaces',
  apply(text, { rand }) {
    const gap = pick(rand, [' ', '\u3000']);
    const trail = pick(rand, [' ', '  ', '\u3000']);
    return lines(text)
      .map((l) => {
        let s = l.replace(LABEL, (w: string, at: number, whole: string) => {
          const next = whole.slice(at + w.length).trimStart()[0];
          // A label before its colon or standing alone in a cell/line, not a word inside a sentence.
          return next === undefined || next === ':' || next === '：' ? Array.from(w).join(gap) : w;
        });
        s = s.replace(/([^\s])([:：])/g, '$1 $2 ');
        if (Array.from(s.trim()).length > 20 && !/^\s/.test(s)) s = `\u3000\u3000${s}`;
        return s.trim() ? s + trail : s;
      })
      .join('\n');
  },
};

export const blankLines: Variant = {
  name: 'blank-lines',
  apply: (text) => text.replace(/\n(?=\n)/g, '\n\n'),
};

export const crlfBom: Variant = {
  name: 'crlf-bom',
  apply: (text) => `\ufeff${text.replace(/\r?\n/g, '\r\n')}`,
};

export const cellBars: Variant = {
  name: 'cell-bars',
  apply: (text) =>
    text
      .split('\n')
      .map((l) => (/\S/.test(l) && !l.includes('|') ? `${l.replace(/\s+$/, '')} |` : l))
      .join('\n'),
};

/**
 * All at once, in the order a document goes through them: typed (full-width, spaced labels, paragraphs indented),
 * printed and copied (wraps, page furniture), saved (CRLF, BOM). Spacing after wrapping would indent every wrapped
 * line as if it began a paragraph, which no printed page does.
 */
export const everything: Variant = {
  name: 'all',
  apply: (text, ctx) => crlfBom.apply(pdf.apply(spaces.apply(fullWidth.apply(text, ctx), ctx), ctx), ctx),
};

export const VARIANTS: readonly Variant[] = [wrap, furniture, pdf, halfWidth, fullWidth, spaces, blankLines, crlfBom, cellBars, everything];

/** The text a document is copied as: a text file as it is; a web page as its visible text (see above). */
export async function baseText(file: string): Promise<string> {
  if (/\.txt$/i.test(file)) {
    const bytes = new Uint8Array(readFileSync(file));
    const doc = await readDocument({ name: basename(file), bytes });
    return doc.blocks.map((b) => (b.kind === 'paragraph' ? b.text : '')).join('\n');
  }
  const doc = await readDocument({ name: basename(file), bytes: new Uint8Array(readFileSync(file)) });
  const out: string[] = [];
  for (const b of doc.blocks) {
    if (b.kind === 'paragraph') out.push(b.text);
    else
      for (const [r, row] of b.rows.entries()) {
        // A merged cell is copied once, not once per column it spans.
        const cells = row.filter((_, c) => !(c > 0 && b.merged?.[r]?.[c] && row[c] === row[c - 1]));
        out.push(cells.join('\t'));
      }
  }
  return out.join('\n');
}

export interface VariantDoc {
  stem: string;
  /** The file the variants are made from. */
  file: string;
  truth: Truth;
  text: string;
  header: string | null;
}

/** Each truth stem's source document: STEM.txt, else STEM.html (never a format variant such as STEM.gbk.txt). */
export async function variantDocs(dir: string, only?: readonly string[]): Promise<VariantDoc[]> {
  const out: VariantDoc[] = [];
  for (const e of corpusEntries(dir)) {
    if (only && !only.includes(e.stem)) continue;
    const file = e.docs.find((d) => basename(d) === `${e.stem}.txt`) ?? e.docs.find((d) => /^[^.]+\.html?$/i.test(basename(d)));
    if (!file) continue;
    const truth = JSON.parse(readFileSync(e.truthFile, 'utf8')) as Truth;
    const text = await baseText(file);
    const parsed = await parseDocument({ name: `${e.stem}.txt`, text });
    out.push({ stem: e.stem, file, truth, text, header: parsed.issuer });
  }
  return out;
}

/** Scores one text as a pasted .txt file (bytes through the text reader, so a BOM and CRLF are the reader's). */
export async function scoreText(doc: VariantDoc, text: string, label: string): Promise<DocScore> {
  try {
    const r = await parseDocument({ name: `${doc.stem}.txt`, bytes: new TextEncoder().encode(text) });
    return { ...scoreTasks(doc.stem, doc.truth, r.tasks), file: label };
  } catch (e) {
    return { ...scoreTasks(doc.stem, doc.truth, []), file: label, error: e instanceof Error ? e.message : String(e) };
  }
}

export interface VariantRun {
  /** The documents as saved (the corpus score). */
  saved: DocScore[];
  /** The source texts untransformed, read as text (a web page as its visible text). */
  text: DocScore[];
  /** Per variant name, each document's score. */
  variants: Map<string, DocScore[]>;
}

export async function runVariants(docs: readonly VariantDoc[], variants: readonly Variant[] = VARIANTS): Promise<VariantRun> {
  const run: VariantRun = { saved: [], text: [], variants: new Map(variants.map((v) => [v.name, []])) };
  for (const d of docs) {
    const { tasks, error } = await parseFile(d.file);
    run.saved.push({ ...scoreTasks(d.stem, d.truth, tasks), file: basename(d.file), ...(error ? { error } : {}) });
    run.text.push(await scoreText(d, d.text, 'text'));
    for (const v of variants) {
      const ctx: VariantContext = { rand: seeded(`${d.stem}/${v.name}`), header: d.header };
      run.variants.get(v.name)!.push(await scoreText(d, v.apply(d.text, ctx), v.name));
    }
  }
  return run;
}

export const pooled = (scores: readonly DocScore[]): PartScore => pool([...scores]);
