import type { ParsedTask, ParseWarning } from '../types';
import { labelFor, type NumberStyle } from './numbering';
import { walk, type OutlineNode } from './outline';
import { aliasGroups } from './units';

/** Document checks that become warnings. Each returns warnings with a stable code and a Chinese message. */

/** Gaps in a run of table numbers ("28, 30" → near "29"). */
export function tableNumberGaps(numbers: readonly string[]): ParseWarning[] {
  const out: ParseWarning[] = [];
  let prev: number | null = null;
  for (const n of numbers) {
    if (!/^\d+$/.test(n)) continue;
    const v = Number(n);
    if (prev !== null && v > prev + 1 && v - prev <= 50) {
      const missing = prev + 1 === v - 1 ? String(prev + 1) : `${prev + 1}–${v - 1}`;
      out.push({ code: 'numbering-gap', near: String(prev + 1), message: `任务编号不连续：${prev} 之后是 ${v}，缺少第 ${missing} 项，请核对原文是否漏项。` });
    }
    prev = v;
  }
  return out;
}

/** Gaps in the body's numbering ("(五)" then "(七)" → near "(六)"); a run restarting at 1 is not a gap. */
export function outlineGaps(roots: readonly OutlineNode[]): ParseWarning[] {
  const out: ParseWarning[] = [];
  const last = new Map<NumberStyle, { value: number; label: string }>();
  for (const node of walk(roots)) {
    const { style, value, label } = node.marker;
    const prev = last.get(style);
    if (prev && value > prev.value + 1 && value - prev.value <= 20) {
      const near = labelFor(style, prev.value + 1, label);
      out.push({ code: 'numbering-gap', near, message: `正文编号不连续：${prev.label} 之后是 ${label}，缺少 ${near}，请核对原文是否漏项。` });
    }
    last.set(style, { value, label });
  }
  return out;
}

/** Tasks whose numbers repeat get a suffix ("5(2)") so every task stays addressable; one warning lists them. */
export function dedupeNumbers(tasks: ParsedTask[]): ParseWarning[] {
  const seen = new Map<string, number>();
  const renamed: string[] = [];
  const all = new Set(tasks.map((t) => t.number));
  for (const t of tasks) {
    const count = (seen.get(t.number) ?? 0) + 1;
    seen.set(t.number, count);
    if (count > 1) {
      let k = count;
      let candidate = `${t.number}(${k})`;
      while (all.has(candidate)) candidate = `${t.number}(${++k})`;
      all.add(candidate);
      renamed.push(candidate);
      t.number = candidate;
    }
  }
  if (!renamed.length) return [];
  return [{ code: 'duplicate-number', tasks: renamed, message: `任务编号重复，已将重复的编号改为 ${renamed.join('、')}，请核对。` }];
}

export function aliasWarnings(tasks: readonly ParsedTask[]): ParseWarning[] {
  const names: string[] = [];
  for (const t of tasks) names.push(...t.lead, ...t.support, ...t.implement);
  return aliasGroups(names).map((group) => ({
    code: 'department-alias' as const,
    names: group,
    message: `单位名称相近，可能是同一单位：${group.join('、')}。未自动合并，请确认。`,
  }));
}

// ---- Table text against body text ----------------------------------------------------------------

const normalize = (s: string): string => s.replace(/[\s\p{P}\p{S}]/gu, '');
/** Characters whose presence or absence does not change what a sentence says. */
const FUNCTION_CHARS = new Set('要应并和及的等将把对在了也均各其之与或');

function bigrams(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < s.length; i++) out.push(s.slice(i, i + 2));
  return out;
}

/** Substantive characters that differ between two aligned sentences (LCS; bounded lengths). */
function substantiveDiff(a: string, b: string): number {
  const x = a.slice(0, 400);
  const y = b.slice(0, 1200);
  const n = x.length;
  const m = y.length;
  const dp: Uint16Array[] = [];
  for (let i = 0; i <= n; i++) dp.push(new Uint16Array(m + 1));
  for (let i = 1; i <= n; i++) {
    const row = dp[i]!;
    const up = dp[i - 1]!;
    for (let j = 1; j <= m; j++) row[j] = x[i - 1] === y[j - 1] ? up[j - 1]! + 1 : Math.max(up[j]!, row[j - 1]!);
  }
  // Walk back: table-only characters, and body-only characters inside the aligned window.
  let i = n;
  let j = m;
  let diff = 0;
  let firstMatch = -1;
  let lastMatch = -1;
  const bodyOnly: number[] = [];
  while (i > 0 && j > 0) {
    if (x[i - 1] === y[j - 1]) {
      if (lastMatch < 0) lastMatch = j - 1;
      firstMatch = j - 1;
      i--;
      j--;
    } else if (dp[i - 1]![j]! >= dp[i]![j - 1]!) {
      if (!FUNCTION_CHARS.has(x[i - 1]!)) diff++;
      i--;
    } else {
      bodyOnly.push(j - 1);
      j--;
    }
  }
  while (i > 0) {
    if (!FUNCTION_CHARS.has(x[i - 1]!)) diff++;
    i--;
  }
  for (const k of bodyOnly) if (k > firstMatch && k < lastMatch && !FUNCTION_CHARS.has(y[k]!)) diff++;
  return diff;
}

/**
 * Work allowed for all comparisons of one document (postings visited, bigrams scanned, LCS cells): far above
 * what a real document needs, so a body crafted to resemble every table row at once ends the checks (no more
 * mismatch warnings) instead of holding the importer for minutes.
 */
const COMPARISON_BUDGET = 300_000_000;

export class BodyText {
  private readonly sentences: string[];
  private readonly originals: string[];
  /** Each distinct bigram of the body, numbered. */
  private readonly gramIds = new Map<string, number>();
  /** Per sentence, its bigrams' numbers in order. */
  private readonly sentenceGrams: Int32Array[] = [];
  /** Per bigram number, the sentences holding it (ascending). */
  private readonly postings: number[][] = [];
  /** Per bigram number: its position among the current query's bigrams, else -1 (reset after each query). */
  private readonly queryPosition: Int32Array;
  /** Per bigram number: the candidate it was last counted for. */
  private readonly countedFor: Int32Array;
  private candidateTick = 0;
  /** Per sentence: the query it was last made a candidate for. */
  private readonly candidateOf: Int32Array;
  private queryTick = 0;
  private work = 0;

  constructor(paragraphs: readonly string[]) {
    const sentences: string[] = [];
    const originals: string[] = [];
    for (const p of paragraphs) for (const s of p.split(/[。；;！!？?]/)) {
      const n = normalize(s);
      if (n.length >= 6) {
        sentences.push(n);
        originals.push(s.trim());
      }
    }
    this.sentences = sentences;
    this.originals = originals;
    sentences.forEach((s, k) => {
      const ids = new Int32Array(Math.max(0, s.length - 1));
      for (let i = 0; i + 1 < s.length; i++) {
        const g = s.slice(i, i + 2);
        let id = this.gramIds.get(g);
        if (id === undefined) {
          id = this.postings.length;
          this.gramIds.set(g, id);
          this.postings.push([]);
        }
        ids[i] = id;
        const list = this.postings[id]!;
        if (list[list.length - 1] !== k) list.push(k);
      }
      this.sentenceGrams.push(ids);
    });
    this.queryPosition = new Int32Array(this.postings.length).fill(-1);
    this.countedFor = new Int32Array(this.postings.length).fill(-1);
    this.candidateOf = new Int32Array(sentences.length).fill(-1);
  }

  get empty(): boolean {
    return this.sentences.length === 0;
  }

  /**
   * The first sentence of `text` that the body says differently (not merely shorter, or with other punctuation),
   * with the body's version; null when they agree or the body does not say it at all.
   *
   * The work grows with the sentence and the body sentences sharing its rarer bigrams, not with the whole body:
   * a body sentence containing it holds its rarest bigram, and one sharing at least half of its bigrams holds
   * one of the rarer half (prefix filtering). The best match shares most bigrams; on a tie, the earliest by
   * (first shared bigram, sentence).
   */
  disagreement(text: string): { table: string; body: string } | null {
    if (this.empty) return null;
    for (const s of text.split(/[。；;！!？?]/)) {
      const n = normalize(s);
      if (n.length < 6) continue;
      if (this.work > COMPARISON_BUDGET) return null;
      const grams = [...new Set(bigrams(n))];
      const ids = grams.map((g) => this.gramIds.get(g) ?? -1);
      const rarest = ids
        .map((id, i) => ({ i, list: id < 0 ? [] : this.postings[id]! }))
        .sort((a, b) => a.list.length - b.list.length || a.i - b.i);
      if (this.saysWhole(n, rarest[0]!.list)) continue;
      const need = Math.ceil(grams.length / 2);
      const query = this.queryTick++;
      const candidates: number[] = [];
      for (let r = 0; r < grams.length - need + 1; r++) {
        const list = rarest[r]!.list;
        this.work += list.length;
        for (const k of list) {
          if (this.candidateOf[k] === query) continue;
          this.candidateOf[k] = query;
          candidates.push(k);
        }
      }
      ids.forEach((id, i) => id >= 0 && (this.queryPosition[id] = i));
      let best = -1;
      let bestHits = 0;
      let bestFirst = Infinity;
      for (const k of candidates) {
        const tick = this.candidateTick++;
        const body = this.sentenceGrams[k]!;
        this.work += body.length;
        let hits = 0;
        let first = Infinity;
        for (let i = 0; i < body.length; i++) {
          const id = body[i]!;
          const at = this.queryPosition[id]!;
          if (at < 0 || this.countedFor[id] === tick) continue;
          this.countedFor[id] = tick;
          hits++;
          if (at < first) first = at;
        }
        if (hits > bestHits || (hits === bestHits && hits > 0 && (first < bestFirst || (first === bestFirst && k < best)))) {
          best = k;
          bestHits = hits;
          bestFirst = first;
        }
      }
      for (const id of ids) if (id >= 0) this.queryPosition[id] = -1;
      if (best < 0 || bestHits / grams.length < 0.5) continue;
      this.work += Math.min(n.length, 400) * Math.min(this.sentences[best]!.length, 1200);
      if (substantiveDiff(n, this.sentences[best]!) >= 3) return { table: s.trim(), body: this.originals[best]! };
    }
    return null;
  }

  /** Some body sentence contains `n` whole: every such sentence is in the postings of n's rarest bigram. */
  private saysWhole(n: string, rarest: readonly number[]): boolean {
    for (const k of rarest) {
      this.work += this.sentences[k]!.length;
      if (this.sentences[k]!.includes(n)) return true;
    }
    return false;
  }
}

export function headingKey(title: string): string {
  return normalize(title);
}
