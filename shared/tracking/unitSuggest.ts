import { normalizeKey } from '../model/ids';
import { compareNames } from '../text/compareNames';

/**
 * Suggestions for a unit field. Typing part of a unit's name must find the unit already in the plan rather than
 * create a near-duplicate ("市场监管" → 市市场监管局, "卫健委" → 市卫生健康委员会). Ranked: the same name (ignoring
 * spaces, full/half width and bracket style), then names starting with what was typed, containing it, containing
 * its characters in order, and last names sharing most of its character pairs.
 */
export interface UnitSuggestion {
  name: string;
  /** 0 same name, 1 prefix, 2 contains, 3 characters in order, 4 similar. */
  rank: number;
}

function inOrder(query: string, name: string): boolean {
  let i = 0;
  for (const ch of name) if (ch === query[i]) i++;
  return i === query.length;
}

function pairs(text: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + 1 < text.length; i++) out.add(text.slice(i, i + 2));
  return out;
}

function similarity(a: string, b: string): number {
  const pa = pairs(a);
  const pb = pairs(b);
  if (!pa.size || !pb.size) return 0;
  let shared = 0;
  for (const p of pa) if (pb.has(p)) shared++;
  return (2 * shared) / (pa.size + pb.size);
}

/** Known unit names matching what was typed, best first (at most `limit`). An empty query lists every name. */
export function suggestUnits(query: string, names: readonly string[], limit = 50): UnitSuggestion[] {
  const q = normalizeKey(query);
  const unique = [...new Set(names)];
  if (!q) return unique.sort(compareNames).slice(0, limit).map((name) => ({ name, rank: 2 }));
  const out: UnitSuggestion[] = [];
  for (const name of unique) {
    const n = normalizeKey(name);
    let rank: number;
    if (n === q) rank = 0;
    else if (n.startsWith(q)) rank = 1;
    else if (n.includes(q)) rank = 2;
    else if (q.length >= 2 && inOrder(q, n)) rank = 3;
    else if (q.length >= 3 && similarity(q, n) >= 0.5) rank = 4;
    else continue;
    out.push({ name, rank });
  }
  return out
    .sort((a, b) => a.rank - b.rank || Math.abs(a.name.length - q.length) - Math.abs(b.name.length - q.length) || compareNames(a.name, b.name))
    .slice(0, limit);
}

/** The known unit a typed name means, when it is the same name written differently; null otherwise. */
export function sameUnitName(typed: string, names: readonly string[]): string | null {
  const q = normalizeKey(typed);
  return q ? (names.find((n) => normalizeKey(n) === q) ?? null) : null;
}
