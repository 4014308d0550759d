import { periodDueDate, periodOf } from '../model/periods';
import type { Cadence } from '../model/schemas';

/** Calendar dates as 'YYYY-MM-DD' strings: they compare correctly as plain strings and carry no time zone. */
export type IsoDay = string;

const DAY_MS = 86_400_000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(day: IsoDay): [number, number, number] {
  const m = ISO_DAY.exec(day);
  if (!m) throw new Error(`invalid date: ${day}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

export function isIsoDay(text: string): boolean {
  const m = ISO_DAY.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDay, to: IsoDay): number {
  const [y1, m1, d1] = parts(from);
  const [y2, m2, d2] = parts(to);
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / DAY_MS);
}

export function addDays(day: IsoDay, days: number): IsoDay {
  const [y, m, d] = parts(day);
  const date = new Date(Date.UTC(y, m - 1, d + days));
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}-${String(date.getUTCDate()).padStart(2, '0')}`;
}

/** A local Date's calendar day. */
export function isoDayOf(date: Date): IsoDay {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

/** The local calendar day of an ISO date-time (a report saved at 07:00 in Beijing is that day, not the UTC day before). */
export function dayOfDateTime(dateTime: string): IsoDay {
  const date = new Date(dateTime);
  return Number.isNaN(date.getTime()) ? dateTime.slice(0, 10) : isoDayOf(date);
}

/** The reporting period that contains a calendar day. */
export function periodOfDay(day: IsoDay, every: Cadence['every']): string {
  const [y, m, d] = parts(day);
  return periodOf(new Date(y, m - 1, d), every);
}

/** The day a period's report is due under a cadence ("每季度最后一个月20日前" → 2024-06-20 for 2024-Q2). */
export function periodDueDay(period: string, cadence: Cadence): IsoDay {
  return isoDayOf(periodDueDate(period, cadence));
}

/** The period before a period ('2024-Q1' → '2023-Q4', '2024-01' → '2023-12'). */
export function previousPeriod(period: string): string {
  const [yearText, part] = period.split('-') as [string, string];
  const year = Number(yearText);
  if (part.startsWith('Q')) {
    const q = Number(part.slice(1));
    return q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`;
  }
  const m = Number(part);
  return m === 1 ? `${year - 1}-12` : `${year}-${String(m - 1).padStart(2, '0')}`;
}

/** Periods from `first` to `last` inclusive, oldest first (both under the same cadence); at most `max`, newest kept. */
export function periodsBetween(first: string, last: string, max = 120): string[] {
  const out: string[] = [];
  let p = last;
  while (out.length < max) {
    out.push(p);
    if (p <= first) break;
    p = previousPeriod(p);
  }
  return out.reverse();
}
