import type { Plan } from '../../model/schemas';
import { cadenceText as modelCadenceText } from '../../model/periods';

/** The plan as a document cites it: 《title》（文号） when it has a 文号. */
export function planReference(plan: Pick<Plan, 'title' | 'docNumber'>): string {
  const title = plan.title.replace(/^《|》$/g, '');
  return plan.docNumber ? `《${title}》（${plan.docNumber}）` : `《${title}》`;
}

/** The reporting rule in words: "每季度最后一个月20日前" (the model's own wording of a cadence). */
export function cadenceText(plan: Pick<Plan, 'cadence'>): string {
  return modelCadenceText(plan.cadence);
}

const DIGITS = '零一二三四五六七八九';

/** 1 → 一, 10 → 十, 23 → 二十三, 105 → 一百零五 (for （一）, 一、 numbering). */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 9999) return String(n);
  if (n < 10) return DIGITS[n]!;
  if (n < 20) return `十${n % 10 ? DIGITS[n % 10] : ''}`;
  if (n < 100) return `${DIGITS[Math.floor(n / 10)]}十${n % 10 ? DIGITS[n % 10] : ''}`;
  if (n < 1000) {
    const rest = n % 100;
    return `${DIGITS[Math.floor(n / 100)]}百${rest === 0 ? '' : rest < 10 ? `零${DIGITS[rest]}` : rest < 20 ? `一${chineseNumber(rest)}` : chineseNumber(rest)}`;
  }
  const rest = n % 1000;
  return `${DIGITS[Math.floor(n / 1000)]}千${rest === 0 ? '' : rest < 100 ? `零${chineseNumber(rest)}` : chineseNumber(rest)}`;
}

/** "甲、乙和丙" style list: 、 between items. */
export function listJoin(items: readonly string[]): string {
  return items.join('、');
}

/** Count phrases joined with 、, leaving out zeros: [['已销号', 4], ['滞后', 0]] → "已销号4项". */
export function countPhrase(parts: readonly (readonly [string, number])[], unit = '项'): string {
  return parts
    .filter(([, n]) => n > 0)
    .map(([label, n]) => `${label}${n}${unit}`)
    .join('，');
}

/** A safe file name part (no path characters, no spaces), at most 60 characters. */
export function fileNamePart(text: string): string {
  return text.replace(/[\\/:*?"<>|\s]+/g, '').slice(0, 60);
}
