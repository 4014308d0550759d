import type { Deadline } from '../../model/schemas';
import type { ReportingCadence } from '../types';

const pad = (n: number): string => String(n).padStart(2, '0');

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isoDate(year: number, month: number, day?: number): string | null {
  if (month < 1 || month > 12 || year < 1900 || year > 2200) return null;
  const last = lastDayOfMonth(year, month);
  const d = day ?? last;
  if (d < 1 || d > last) return null;
  return `${year}-${pad(month)}-${pad(d)}`;
}

const QUARTER_END: Record<string, number> = { 一: 3, 二: 6, 三: 9, 四: 12, '1': 3, '2': 6, '3': 9, '4': 12 };

/**
 * A deadline from a cell or phrase: "2023年6月底前" → 2023-06-30 (date), "2027年前" → 2027-12-31 (year),
 * "长期坚持" → ongoing, "每季度…" → recurring. When a text names several dates the last one counts.
 * A month without a year ("6月底前") takes `defaultYear` (the document's year) when given.
 */
export function parseDeadline(raw: string, defaultYear?: number): Deadline | null {
  const text = raw.replace(/\s+/g, ' ').trim().slice(0, 500);
  if (!text || /^(?:无|—+|-+|\/)$/.test(text)) return null;
  const sample = text.slice(0, 2000);

  let best: { date: string; kind: 'date' | 'year'; at: number } | null = null;
  const consider = (date: string | null, kind: 'date' | 'year', at: number) => {
    if (date && (!best || at >= best.at)) best = { date, kind, at };
  };
  let year: number | null = defaultYear ?? null;
  // Scan left to right; a month without a year ("6月底前，12月底前") uses the last year seen.
  const re =
    /(\d{4})\s*年(?:\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?|\s*(上半年|下半年|年底|年末|底|末)|\s*(?:第?([一二三四1-4])季度))?|(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?|(\d{4})[-./](\d{1,2})[-./](\d{1,2})/g;
  for (const m of sample.matchAll(re)) {
    const at = m.index ?? 0;
    // "2023年起长期坚持": a start, not a deadline.
    if (/^\s*(?:起|开始|以来|至今)/.test(sample.slice(at + m[0].length, at + m[0].length + 4))) {
      if (m[1]) year = Number(m[1]);
      continue;
    }
    if (m[1]) {
      year = Number(m[1]);
      if (m[2]) consider(isoDate(year, Number(m[2]), m[3] ? Number(m[3]) : undefined), 'date', at);
      else if (m[4] === '上半年') consider(isoDate(year, 6), 'date', at);
      else if (m[5]) consider(isoDate(year, QUARTER_END[m[5]]!), 'date', at);
      else consider(isoDate(year, 12), 'year', at);
    } else if (m[6] && year !== null) {
      consider(isoDate(year, Number(m[6]), m[7] ? Number(m[7]) : undefined), 'date', at);
    } else if (m[8]) {
      consider(isoDate(Number(m[8]), Number(m[9]), Number(m[10])), 'date', at);
    }
  }
  const found = best as { date: string; kind: 'date' | 'year'; at: number } | null;
  if (found) return { text, date: found.date, kind: found.kind };
  if (/每(?:季度|月|年|半年|周|旬)|定期|按月|按季/.test(sample)) return { text, date: null, kind: 'recurring' };
  if (/长期|持续|常态|一直|逐年|逐步|分阶段|分步|分批|全年|年度内/.test(sample)) return { text, date: null, kind: 'ongoing' };
  return { text, date: null, kind: 'unknown' };
}

/** A deadline phrase inside running text ("力争2023年6月底前完成"), or null. */
export function findDeadlinePhrase(text: string): Deadline | null {
  const sample = text.length > 4000 ? text.slice(0, 4000) : text;
  const m = /(?:于|在|到|至)?\s*(\d{4}\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?\s*(?:底|末)?\s*(?:前|以前|之前))/.exec(sample);
  return m ? parseDeadline(m[1]!) : null;
}

const CN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

function dayNumber(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  let n = 0;
  if (s.startsWith('十')) n = 10 + (CN_DIGITS[s[1] ?? ''] ?? 0);
  else if (s.includes('十')) n = (CN_DIGITS[s[0]!] ?? 0) * 10 + (CN_DIGITS[s[2] ?? ''] ?? 0);
  else n = CN_DIGITS[s] ?? 0;
  return n;
}

/**
 * Reporting cadences named anywhere in the text: "每季度最后一个月20日前", "每季度末月20日前",
 * "每月5日前". Deduplicated by text, in order of appearance.
 */
export function findReportingCadences(text: string): ReportingCadence[] {
  const out: ReportingCadence[] = [];
  const seen = new Set<string>();
  const day = '(\\d{1,2}|[一二三四五六七八九十]{1,3})';
  const patterns: { re: RegExp; every: ReportingCadence['every'] }[] = [
    {
      re: new RegExp(`每(?:个)?季度(?:最后一个月|末月|末|第三个月|结束前)(?:的)?${day}(?:日|号)(?:前|之前|以前)?`, 'g'),
      every: 'quarter',
    },
    { re: new RegExp(`每(?:个)?季度(?:首月|第一个月)?(?:的)?${day}(?:日|号)(?:前|之前|以前)?`, 'g'), every: 'quarter' },
    { re: new RegExp(`每(?:个)?月(?:的)?${day}(?:日|号)(?:前|之前|以前)?`, 'g'), every: 'month' },
  ];
  const hits: { at: number; c: ReportingCadence }[] = [];
  const taken: [number, number][] = [];
  for (const { re, every } of patterns) {
    for (const m of text.matchAll(re)) {
      const at = m.index ?? 0;
      const end = at + m[0].length;
      if (taken.some(([a, b]) => at < b && end > a)) continue;
      const d = dayNumber(m[1]!);
      if (d < 1 || d > 31) continue;
      taken.push([at, end]);
      hits.push({ at, c: { text: m[0], every, day: d } });
    }
  }
  hits.sort((a, b) => a.at - b.at);
  for (const h of hits) {
    if (seen.has(h.c.text)) continue;
    seen.add(h.c.text);
    out.push(h.c);
  }
  return out;
}
