import { comparePeriods, periodDueDate, periodKindOf, periodOf, previousPeriodOf } from '../model/periods';
import type { Cadence, CadenceKind } from '../model/schemas';

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
  const date = new Date(utcMillisOf(dateTime) ?? dateTime);
  return Number.isNaN(date.getTime()) ? dateTime.slice(0, 10) : isoDayOf(date);
}

/**
 * The time of 'YYYY-MM-DDTHH:MM:SS.sssZ' (how the app writes every time: Date#toISOString), read without the Date
 * parser (the standings read thousands at once); null for any other form, which the parser then reads.
 */
function utcMillisOf(text: string): number | null {
  if (text.length !== 24 || text.charCodeAt(23) !== 90 /* Z */ || text.charCodeAt(10) !== 84 /* T */) return null;
  const n = (from: number, to: number) => {
    let v = 0;
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i) - 48;
      if (c < 0 || c > 9) return NaN;
      v = v * 10 + c;
    }
    return v;
  };
  const [year, month, day, hour, minute, second] = [n(0, 4), n(5, 7), n(8, 10), n(11, 13), n(14, 16), n(17, 19)];
  // (Date.UTC reads years below 100 as 19xx.)
  if (!(year >= 1000 && month >= 1 && month <= 12 && day >= 1 && hour <= 23 && minute <= 59 && second <= 59)) return null;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second, n(20, 23));
  // A day past its month's end ("02-30") would roll over: the parser decides those.
  if (Number.isNaN(ms) || new Date(ms).getUTCDate() !== day) return null;
  return ms;
}

/** The reporting period that contains a calendar day (a calendar cadence may be given by its kind alone). */
export function periodOfDay(day: IsoDay, cadence: Cadence | CadenceKind): string {
  const [y, m, d] = parts(day);
  return periodOf(new Date(y, m - 1, d), cadence);
}

/** The day a period's report is due under a cadence ("每季度最后一个月20日前" → 2024-06-20 for 2024-Q2). */
const dueDays = new Map<string, IsoDay>();
export function periodDueDay(period: string, cadence: Pick<Cadence, 'day'>): IsoDay {
  const key = `${period}|${cadence.day}`;
  let due = dueDays.get(key);
  if (due === undefined) {
    due = isoDayOf(periodDueDate(period, cadence));
    if (dueDays.size > 10_000) dueDays.clear();
    dueDays.set(key, due);
  }
  return due;
}

const CALENDAR_OF_KEY = (period: string): Cadence => {
  const every = periodKindOf(period);
  if (!every || every === 'custom') throw new Error(`period needs its cadence: ${period}`);
  return { every, day: 1 };
};

/** The period before a calendar period ('2024-Q1' → '2023-Q4', '2024-01' → '2023-12', '2024-H1' → '2023-H2'). */
export function previousPeriod(period: string): string {
  return previousPeriodOf(period, CALENDAR_OF_KEY(period))!;
}

/**
 * Periods from `first` to `last` inclusive, oldest first (both under the same cadence); at most `max`, newest kept.
 * A custom cadence's periods need the cadence.
 */
export function periodsBetween(first: string, last: string, max = 120, cadence?: Cadence): string[] {
  const c = cadence ?? CALENDAR_OF_KEY(last);
  const out: string[] = [];
  let p: string | null = last;
  while (p && out.length < max) {
    out.push(p);
    if (comparePeriods(p, first) <= 0) break;
    p = previousPeriodOf(p, c);
  }
  return out.reverse();
}

/** The current period and up to `count - 1` before it, newest first (the periods a report form offers). */
export function recentPeriods(current: string, cadence: Cadence, count: number): string[] {
  const out = [current];
  while (out.length < count) {
    const prev = previousPeriodOf(out[out.length - 1]!, cadence);
    if (!prev) break;
    out.push(prev);
  }
  return out;
}
