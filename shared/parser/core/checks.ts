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

export class BodyText {
  private readonly all: string;
  private readonly sentences: string[];
  private readonly originals: string[];
  private readonly index = new Map<string, number[]>();

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
    this.all = sentences.join('|');
    sentences.forEach((s, k) => {
      for (const g of new Set(bigrams(s))) {
        const list = this.index.get(g);
        if (list) list.push(k);
        else this.index.set(g, [k]);
      }
    });
  }

  get empty(): boolean {
    return this.sentences.length === 0;
  }

  /**
   * The first sentence of `text` that the body says differently (not merely shorter, or with other punctuation),
   * with the body's version; null when they agree or the body does not say it at all.
   */
  disagreement(text: string): { table: string; body: string } | null {
    if (this.empty) return null;
    for (const s of text.split(/[。；;！!？?]/)) {
      const n = normalize(s);
      if (n.length < 6 || this.all.includes(n)) continue;
      const grams = [...new Set(bigrams(n))];
      const hits = new Map<number, number>();
      for (const g of grams) for (const k of this.index.get(g) ?? []) hits.set(k, (hits.get(k) ?? 0) + 1);
      let best = -1;
      let bestHits = 0;
      for (const [k, h] of hits) if (h > bestHits) [best, bestHits] = [k, h];
      if (best < 0 || bestHits / grams.length < 0.5) continue;
      if (substantiveDiff(n, this.sentences[best]!) >= 3) return { table: s.trim(), body: this.originals[best]! };
    }
    return null;
  }
}

export function headingKey(title: string): string {
  return normalize(title);
}
