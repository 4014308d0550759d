import type { Block, ExtractedDocument } from '../document';
import { TRADITIONAL_PAIRS } from './data/traditional';
import { FIELD_LABELS } from './header';

/**
 * The text the parser reads, and the way back to the text as printed.
 *
 * A document in traditional characters (責任單位, 牽頭, 負責) is read as simplified, and the pinyin glosses that some
 * mirror sites insert after characters ("鄉(xiāng)", "區(qū)") are left out, so that one grammar reads every
 * document. Full-width digits ("１．", "２０２３年６月底前", typed so in Word or converted so by a site) are read as
 * ASCII digits, so that numbers, dates and 文号 read one way whatever their width; a field label spread out with
 * spaces to fill its width ("牵 头 单 位：", "完　成　时　限") is read as the label word. What the parser returns (units,
 * content, sections) is then given back as printed: a name read as "市住房和城乡建设委" comes out as
 * "市住房和城鄉(xiāng)建設委" when that is what the page says.
 *
 * Every step is linear: a character table lookup, a scan for "(pinyin)" after a Chinese character, and a lookup of
 * the words of at most eight characters in each run of single characters between spaces.
 */

const TO_SIMPLIFIED = new Map<string, string>();
for (let i = 0; i + 1 < TRADITIONAL_PAIRS.length; i += 2) TO_SIMPLIFIED.set(TRADITIONAL_PAIRS[i]!, TRADITIONAL_PAIRS[i + 1]!);

const TONE_MARKED = 'āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüÁÀÉÈÍÌÓÒÚÙ';
const isPinyinLetter = (ch: string): boolean => (ch >= 'a' && ch <= 'z') || TONE_MARKED.includes(ch);
const isHan = (ch: string | undefined): boolean => ch !== undefined && ch >= '\u3400' && ch <= '\u9fff';

/**
 * Length of a pinyin gloss starting at `i` ("(xiāng)"), or 0. A gloss follows a Chinese character, holds 1–7
 * lowercase letters with at least one tone mark, and closes within the 9 characters after it opens.
 */
function glossAt(text: string, i: number): number {
  const open = text[i];
  if ((open !== '(' && open !== '（') || !isHan(text[i - 1])) return 0;
  let toned = false;
  for (let j = i + 1; j < text.length && j <= i + 8; j++) {
    const ch = text[j]!;
    if (ch === ')' || ch === '）') return toned && j > i + 1 ? j - i + 1 : 0;
    if (!isPinyinLetter(ch)) return 0;
    if (TONE_MARKED.includes(ch)) toned = true;
  }
  return 0;
}

/** A full-width digit ("１") as its ASCII digit, else undefined. */
const asciiDigit = (ch: string): string | undefined => {
  const c = ch.charCodeAt(0);
  return c >= 0xff10 && c <= 0xff19 ? String.fromCharCode(c - 0xfee0) : undefined;
};

/**
 * Chinese characters standing one by one with one to three spaces between them ("牵 头 单 位", "序　　号"): no
 * character of the run touches another outside it ("序号 指 标" holds the run "指 标", not "号 指 标").
 */
const SPACED_RUN = /(?<![\u3400-\u9fff])[\u3400-\u9fff](?:[ \u3000\u00a0]{1,3}[\u3400-\u9fff])+(?![\u3400-\u9fff])/g;
const LONGEST_LABEL = 8;
const LABEL_STARTS = new Set([...FIELD_LABELS].map((w) => w[0]!));
/** A quick test for a label spread out with spaces; labelSpaces then finds them exactly. */
const SPACED_PAIR = /[\u3400-\u9fff][ \u3000\u00a0]{1,3}[\u3400-\u9fff]/;
const simplified = (ch: string): string => TO_SIMPLIFIED.get(ch) ?? ch;

/**
 * Indices of the spaces inside field labels spread out to fill a width ("牵 头 单 位" → 牵头单位), in order. A run of
 * spaced characters is joined only when it spells label words from end to end, the longest first ("序 号 工 作 任 务"
 * reads as "序号 工作任务"); a run with any other character ("指 标 任 务", a name "王 丹") keeps its spaces, so
 * the cells of a row written with spaces between them stay apart.
 */
function labelSpaces(text: string): number[] {
  const out: number[] = [];
  if (!SPACED_PAIR.test(text)) return out;
  for (const m of text.matchAll(SPACED_RUN)) {
    const at = m.index ?? 0;
    const run = m[0];
    const chars: number[] = [];
    for (let i = 0; i < run.length; i++) if (run[i] !== ' ' && run[i] !== '\u3000' && run[i] !== '\u00a0') chars.push(at + i);
    const joins: number[] = [];
    let k = 0;
    while (k < chars.length && LABEL_STARTS.has(simplified(text[chars[k]!]!))) {
      let len = 0;
      let word = simplified(text[chars[k]!]!);
      for (let j = k + 1; j < Math.min(k + LONGEST_LABEL, chars.length); j++) {
        word += simplified(text[chars[j]!]!);
        if (FIELD_LABELS.has(word)) len = j - k + 1;
      }
      if (len < 2) break;
      for (let j = k; j < k + len - 1; j++) for (let i = chars[j]! + 1; i < chars[j + 1]!; i++) joins.push(i);
      k += len;
    }
    if (k === chars.length) for (const i of joins) out.push(i);
  }
  return out;
}

/**
 * ASCII digits, joined field labels, and when `traditional` simplified characters and no glosses; `from[k]` is
 * the index in `text` of the result's character k.
 */
function simplify(text: string, traditional = true, spaces: readonly number[] = labelSpaces(text)): { text: string; from: number[] | null; changed: number } {
  let out = '';
  let from: number[] | null = null;
  let changed = 0;
  let nextSpace = 0;
  for (let i = 0; i < text.length; i++) {
    if (nextSpace < spaces.length && spaces[nextSpace] === i) {
      nextSpace++;
      if (!from) from = Array.from({ length: out.length }, (_, k) => k);
      changed++;
      continue;
    }
    const gloss = traditional ? glossAt(text, i) : 0;
    if (gloss) {
      if (!from) from = Array.from({ length: out.length }, (_, k) => k);
      i += gloss - 1;
      changed++;
      continue;
    }
    const ch = text[i]!;
    const simple = (traditional ? TO_SIMPLIFIED.get(ch) : undefined) ?? asciiDigit(ch);
    if (simple) changed++;
    if (from) from.push(i);
    out += simple ?? ch;
  }
  return { text: out, from, changed };
}

export interface ReadingView {
  /** The document to read: the same blocks, in simplified characters without glosses. */
  doc: ExtractedDocument;
  /** True when the view differs from the printed text. */
  changed: boolean;
  /** A string read from the view, as printed in the document (itself when the view is the document). */
  restore(s: string): string;
}

/** Share of converted characters below which a document is taken as written in simplified characters. */
const MIN_SHARE = 0.04;

/** Traditional characters and glosses a reading view would change in a text (counted without building anything). */
function changes(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    // Only Han characters and brackets can change; everything else is skipped without a lookup.
    if (ch < 0x3400 && ch !== 0x28 && ch !== 0xff08) continue;
    if (ch === 0x28 || ch === 0xff08) {
      if (glossAt(text, i)) n++;
    } else if (TO_SIMPLIFIED.has(text[i]!)) n++;
  }
  return n;
}

const hasWideDigit = (text: string): boolean => /[０-９]/.test(text);

export function readingView(doc: ExtractedDocument): ReadingView {
  const texts: string[] = [];
  for (const b of doc.blocks) {
    if (b.kind === 'paragraph') texts.push(b.text);
    else for (const row of b.rows) for (const cell of row) texts.push(cell);
  }
  let total = 0;
  let changed = 0;
  let wide = false;
  const spaces = texts.map(labelSpaces);
  texts.forEach((t, i) => {
    total += t.length;
    changed += changes(t);
    wide ||= spaces[i]!.length > 0 || hasWideDigit(t);
  });
  // A few traditional characters in a simplified document (a quoted name) are left as they are.
  const traditional = changed > 0 && changed >= total * MIN_SHARE;
  if (!traditional && !wide) return { doc, changed: false, restore: (s) => s };
  const views = texts.map((t, i) => simplify(t, traditional, spaces[i]));

  let k = 0;
  const blocks: Block[] = doc.blocks.map((b): Block => {
    if (b.kind === 'paragraph') return { kind: 'paragraph', text: views[k++]!.text };
    return { ...b, rows: b.rows.map((row) => row.map(() => views[k++]!.text)) };
  });

  // One searchable text of the whole view, with the printed offset of every character.
  const parts: string[] = [];
  const offsets: number[] = [];
  let printedAt = 0;
  texts.forEach((t, i) => {
    const v = views[i]!;
    parts.push(v.text, '\n');
    for (let c = 0; c < v.text.length; c++) offsets.push(printedAt + (v.from ? v.from[c]! : c));
    offsets.push(printedAt + t.length);
    printedAt += t.length + 1;
  });
  const viewText = parts.join('');
  const printedText = texts.join('\n');
  // Characters the view changed, mapped back to the printed form used most in this document.
  const back = new Map<string, string>();
  if (traditional) texts.forEach((t) => {
    for (const ch of t) {
      const simple = TO_SIMPLIFIED.get(ch);
      if (simple && !back.has(simple)) back.set(simple, ch);
    }
  });
  const byChar = (s: string): string => {
    let out = '';
    for (const ch of s) out += back.get(ch) ?? ch;
    return out;
  };
  const cache = new Map<string, string>();
  // Searching the whole text for every returned string is bounded: past this many characters searched, strings
  // are mapped back character by character (the glosses are then left out).
  let budget = 50_000_000;
  const restore = (s: string): string => {
    if (!s) return s;
    const hit = cache.get(s);
    if (hit !== undefined) return hit;
    let out: string;
    const at = budget > 0 ? viewText.indexOf(s) : -1;
    budget -= viewText.length;
    if (at >= 0) out = printedText.slice(offsets[at]!, offsets[at + s.length - 1]! + 1 + glossLength(printedText, offsets[at + s.length - 1]! + 1));
    else out = byChar(s);
    cache.set(s, out);
    return out;
  };
  return { doc: { ...doc, blocks }, changed: true, restore };
}

/** The gloss right after a printed character, so that "…區(qū)" ends with its gloss like the page. */
function glossLength(text: string, at: number): number {
  return glossAt(text, at);
}
