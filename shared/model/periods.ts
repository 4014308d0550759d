import type { Cadence } from './schemas';

/** The reporting period a date falls in: "2024-10" (monthly) or "2024-Q4" (quarterly). */
export function periodOf(date: Date, every: Cadence['every']): string {
  const y = date.getFullYear();
  const m = date.getMonth() + 1;
  return every === 'month' ? `${y}-${String(m).padStart(2, '0')}` : `${y}-Q${Math.ceil(m / 3)}`;
}

/** The due date of a period under a cadence ("每季度最后一个月20日前" → the 20th of Mar/Jun/Sep/Dec). */
export function periodDueDate(period: string, cadence: Cadence): Date {
  const [yearText, part] = period.split('-') as [string, string];
  const year = Number(yearText);
  const month = part.startsWith('Q') ? Number(part.slice(1)) * 3 : Number(part);
  const lastDay = new Date(year, month, 0).getDate();
  return new Date(year, month - 1, Math.min(cadence.day, lastDay));
}

export function periodLabel(period: string): string {
  const [y, part] = period.split('-') as [string, string];
  return part.startsWith('Q') ? `${y}年第${'一二三四'[Number(part.slice(1)) - 1]}季度` : `${y}年${Number(part)}月`;
}
