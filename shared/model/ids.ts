import { sha256Hex } from './hash';

/**
 * Deterministic ids. Two PCs that import the same document independently must produce the same plan, section,
 * task and unit ids, so their progress merges instead of duplicating. Ids derive from the natural key only.
 */
function key(prefix: string, ...parts: string[]): string {
  return `${prefix}_${sha256Hex(parts.join('\u0000')).slice(0, 24)}`;
}

/** Whitespace and full/half-width punctuation differences do not make a different document or unit. */
export function normalizeKey(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[（]/g, '(')
    .replace(/[）]/g, ')');
}

export const planId = (title: string, docNumber: string | null): string =>
  key('plan', normalizeKey(title), normalizeKey(docNumber ?? ''));
export const sectionId = (plan: string, path: readonly string[]): string =>
  key('sec', plan, ...path.map(normalizeKey));
export const taskId = (plan: string, number: string): string => key('task', plan, normalizeKey(number));
export const unitId = (name: string): string => key('unit', normalizeKey(name));
/** One report per task, unit and period: two PCs of the same office editing it converge (or conflict visibly). */
export const reportId = (task: string, unit: string, period: string): string => key('rep', task, unit, period);
