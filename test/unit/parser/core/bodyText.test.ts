/**
 * The body-vs-table comparison (BodyText.disagreement) was made linear for issue 11: the same answers as the
 * original quadratic version (kept here, verbatim, as the reference), on generated bodies and tables that share
 * much vocabulary, so ties and thresholds are exercised.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BodyText } from '../../../../shared/parser/core/checks';

// ---- The original implementation (shared/parser/core/checks.ts before issue 11) -------------------------
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

class ReferenceBodyText {
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

// ---- The comparison --------------------------------------------------------------------------------------

const WORDS = ['推进', '重点', '项目', '建设', '落实', '工作', '台账', '市场', '监管', '安全', '生产', '加强', '统筹', '服务', '改革', '创新', '的', '和', '要', '各'];
const sentence = fc.array(fc.constantFrom(...WORDS), { minLength: 2, maxLength: 14 }).map((w) => w.join(''));
const paragraph = fc.array(sentence, { minLength: 1, maxLength: 4 }).map((s) => s.join('。'));

describe('BodyText.disagreement (linear) answers as the original', () => {
  it('on bodies and table texts drawn from a small shared vocabulary', () => {
    let found = 0;
    fc.assert(
      fc.property(fc.array(paragraph, { minLength: 0, maxLength: 30 }), fc.array(paragraph, { minLength: 1, maxLength: 20 }), (body, table) => {
        const fast = new BodyText(body);
        const reference = new ReferenceBodyText(body);
        for (const text of table) {
          const expected = reference.disagreement(text);
          if (expected) found++;
          expect(fast.disagreement(text)).toEqual(expected);
        }
      }),
      { numRuns: 300, seed: 1122 },
    );
    expect(found).toBeGreaterThan(50);
  });

  it('on table texts that are edited copies of body sentences', () => {
    let found = 0;
    fc.assert(
      fc.property(fc.array(paragraph, { minLength: 1, maxLength: 30 }), fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom(...WORDS)), { minLength: 1, maxLength: 20 }), (body, edits) => {
        const fast = new BodyText(body);
        const reference = new ReferenceBodyText(body);
        for (const [p, at, word] of edits) {
          const source = body[p % body.length]!;
          const cut = at % (source.length + 1);
          const text = source.slice(0, cut) + word + source.slice(cut);
          const expected = reference.disagreement(text);
          if (expected) found++;
          expect(fast.disagreement(text)).toEqual(expected);
        }
      }),
      { numRuns: 300, seed: 2211 },
    );
    expect(found).toBeGreaterThan(10);
  });
});
