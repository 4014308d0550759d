import type { Cadence, CadenceKind } from './schemas';

/**
 * Reporting periods. A period key names one reporting period under a cadence:
 *   month    "2024-10"      每月
 *   bimonth  "2024-B3"      每两个月 (B1 = Jan–Feb … B6 = Nov–Dec)
 *   quarter  "2024-Q4"      每季度
 *   halfyear "2024-H2"      每半年
 *   year     "2024"         每年
 *   custom   "2024-04-10"   a listed due day: the period runs from the day after the previous listed day to this one
 * Keys of one cadence sort as plain strings; keys of different cadences are ordered by `periodEndDay`.
 * The due day of a calendar period is `cadence.day` of its last month ("每季度最后一个月20日前"); of a custom
 * period, its own date.
 */

const CALENDAR_MONTHS: Record<Exclude<CadenceKind, 'custom'>, number> = { month: 1, bimonth: 2, quarter: 3, halfyear: 6, year: 12 };
const PREFIX: Record<Exclude<CadenceKind, 'custom' | 'month' | 'year'>, string> = { bimonth: 'B', quarter: 'Q', halfyear: 'H' };

const pad = (n: number) => String(n).padStart(2, '0');
const lastDayOfMonth = (year: number, month: number) => new Date(year, month, 0).getDate();

/** The cadence a period key belongs to, or null for a malformed key. */
export function periodKindOf(period: string): CadenceKind | null {
  if (/^\d{4}$/.test(period)) return 'year';
  if (/^\d{4}-(0[1-9]|1[0-2])$/.test(period)) return 'month';
  if (/^\d{4}-B[1-6]$/.test(period)) return 'bimonth';
  if (/^\d{4}-Q[1-4]$/.test(period)) return 'quarter';
  if (/^\d{4}-H[12]$/.test(period)) return 'halfyear';
  if (/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(period)) return 'custom';
  return null;
}

/** The listed due days of a custom cadence, sorted and without repeats. */
export function customDueDays(cadence: Pick<Cadence, 'dueDates'>): string[] {
  return [...new Set(cadence.dueDates ?? [])].sort();
}

/** Calendar period: [year, index] with index 1-based within the year, and the months it spans. */
function calendarParts(period: string): { year: number; firstMonth: number; lastMonth: number } {
  const kind = periodKindOf(period);
  const year = Number(period.slice(0, 4));
  if (kind === 'year') return { year, firstMonth: 1, lastMonth: 12 };
  if (kind === 'month') {
    const m = Number(period.slice(5));
    return { year, firstMonth: m, lastMonth: m };
  }
  if (kind === 'bimonth' || kind === 'quarter' || kind === 'halfyear') {
    const span = CALENDAR_MONTHS[kind];
    const index = Number(period.slice(6));
    return { year, firstMonth: (index - 1) * span + 1, lastMonth: index * span };
  }
  throw new Error(`not a calendar period: ${period}`);
}

function calendarKey(kind: Exclude<CadenceKind, 'custom'>, year: number, month: number): string {
  if (kind === 'year') return String(year);
  if (kind === 'month') return `${year}-${pad(month)}`;
  return `${year}-${PREFIX[kind]}${Math.ceil(month / CALENDAR_MONTHS[kind])}`;
}

const isoOf = (date: Date) => `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;

/**
 * The reporting period a date falls in. `cadence` may be a whole cadence or (for calendar cadences) only its kind.
 * Under a custom cadence the period is the first listed due day on or after the date (the last one after the list).
 */
export function periodOf(date: Date, cadence: Cadence | CadenceKind): string {
  const kind = typeof cadence === 'string' ? cadence : cadence.every;
  if (kind === 'custom') {
    const days = typeof cadence === 'string' ? [] : customDueDays(cadence);
    if (!days.length) throw new Error('custom cadence without due dates');
    const day = isoOf(date);
    return days.find((d) => d >= day) ?? days[days.length - 1]!;
  }
  return calendarKey(kind, date.getFullYear(), date.getMonth() + 1);
}

/** The due date of a period under a cadence ("每季度最后一个月20日前" → the 20th of Mar/Jun/Sep/Dec). */
export function periodDueDate(period: string, cadence: Pick<Cadence, 'day'>): Date {
  if (periodKindOf(period) === 'custom') {
    const [y, m, d] = period.split('-').map(Number) as [number, number, number];
    return new Date(y, m - 1, d);
  }
  const { year, lastMonth } = calendarParts(period);
  return new Date(year, lastMonth - 1, Math.min(cadence.day, lastDayOfMonth(year, lastMonth)));
}

const endDays = new Map<string, string>();

/** The last calendar day a period covers (YYYY-MM-DD); orders periods of any cadence. */
export function periodEndDay(period: string): string {
  let end = endDays.get(period);
  if (end === undefined) {
    if (periodKindOf(period) === 'custom') end = period;
    else {
      const { year, lastMonth } = calendarParts(period);
      end = `${year}-${pad(lastMonth)}-${pad(lastDayOfMonth(year, lastMonth))}`;
    }
    if (endDays.size > 10_000) endDays.clear();
    endDays.set(period, end);
  }
  return end;
}

/** Do two period keys belong to the same cadence kind (so that they sort as plain strings)? */
function sameKind(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  if (a.length !== 7) return true; // "2024" or "2024-04-10"
  const ca = a.charCodeAt(5);
  const cb = b.charCodeAt(5);
  const da = ca >= 48 && ca <= 57;
  return da ? cb >= 48 && cb <= 57 : ca === cb; // months, or the same letter (B / Q / H)
}

/** Order two periods by the day they end (then by key): negative when `a` is earlier. */
export function comparePeriods(a: string, b: string): number {
  if (a === b) return 0;
  if (sameKind(a, b)) return a < b ? -1 : 1;
  const ea = periodEndDay(a);
  const eb = periodEndDay(b);
  if (ea !== eb) return ea < eb ? -1 : 1;
  return a < b ? -1 : 1;
}

/** Does a period key belong to a cadence (a custom period must be one of its listed days)? */
export function periodFitsCadence(period: string, cadence: Cadence): boolean {
  const kind = periodKindOf(period);
  if (kind !== cadence.every) return false;
  return kind !== 'custom' || customDueDays(cadence).includes(period);
}

/** The period before `period` under its cadence, or null (custom: before the first listed day). */
export function previousPeriodOf(period: string, cadence: Cadence): string | null {
  if (cadence.every === 'custom') {
    const days = customDueDays(cadence);
    const i = days.indexOf(period);
    return i > 0 ? days[i - 1]! : null;
  }
  const { year, firstMonth } = calendarParts(period);
  return firstMonth === 1 ? calendarKey(cadence.every, year - 1, 12) : calendarKey(cadence.every, year, firstMonth - 1);
}

/** The period after `period` under its cadence, or null (custom: after the last listed day). */
export function nextPeriodOf(period: string, cadence: Cadence): string | null {
  if (cadence.every === 'custom') {
    const days = customDueDays(cadence);
    const i = days.indexOf(period);
    return i >= 0 && i < days.length - 1 ? days[i + 1]! : null;
  }
  const { year, lastMonth } = calendarParts(period);
  return lastMonth === 12 ? calendarKey(cadence.every, year + 1, 1) : calendarKey(cadence.every, year, lastMonth + 1);
}

/** The first day a period covers (YYYY-MM-DD); a custom period starts the day after the previous listed day. */
export function periodStartDay(period: string, cadence: Cadence): string {
  if (periodKindOf(period) === 'custom') {
    const prev = previousPeriodOf(period, cadence);
    if (!prev) return `${period.slice(0, 4)}-01-01`;
    const [y, m, d] = prev.split('-').map(Number) as [number, number, number];
    return isoOf(new Date(y, m - 1, d + 1));
  }
  const { year, firstMonth } = calendarParts(period);
  return `${year}-${pad(firstMonth)}-01`;
}

const QUARTERS = '一二三四';
const HALVES = ['上半年', '下半年'];

export function periodLabel(period: string): string {
  const kind = periodKindOf(period);
  const y = period.slice(0, 4);
  switch (kind) {
    case 'year':
      return `${y}年度`;
    case 'month':
      return `${y}年${Number(period.slice(5))}月`;
    case 'quarter':
      return `${y}年第${QUARTERS[Number(period.slice(6)) - 1]}季度`;
    case 'halfyear':
      return `${y}年${HALVES[Number(period.slice(6)) - 1]}`;
    case 'bimonth': {
      const { firstMonth, lastMonth } = calendarParts(period);
      return `${y}年${firstMonth}–${lastMonth}月`;
    }
    case 'custom':
      return `截至${y}年${Number(period.slice(5, 7))}月${Number(period.slice(8))}日`;
    default:
      return period;
  }
}

export const CADENCE_LABELS: Record<CadenceKind, string> = {
  month: '每月',
  bimonth: '每两个月',
  quarter: '每季度',
  halfyear: '每半年',
  year: '每年',
  custom: '按指定日期',
};

/** The cadence in words, as a plan would say it ("每季度最后一个月20日前", "按指定日期（4月10日、7月10日）"). */
export function cadenceText(cadence: Cadence): string {
  switch (cadence.every) {
    case 'month':
      return `每月${cadence.day}日前`;
    case 'year':
      return `每年12月${cadence.day}日前`;
    case 'custom': {
      const days = customDueDays(cadence);
      const shown = days.slice(0, 6).map((d) => `${Number(d.slice(5, 7))}月${Number(d.slice(8))}日`);
      return `按指定日期（${shown.join('、')}${days.length > 6 ? ` 等 ${days.length} 个日期` : ''}）前`;
    }
    default:
      return `${CADENCE_LABELS[cadence.every]}最后一个月${cadence.day}日前`;
  }
}
