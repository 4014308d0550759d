import { describe, expect, it } from 'vitest';
import type { Cadence } from '../../../shared/model';
import { defaultAdjustmentPeriod, periodsDueIn, type ScoreWindow } from '../../../shared/scoring/compute';
import { beyondCap, discretionaryCap, DEFAULT_SCORE_ITEMS } from '../../../shared/scoring/scheme';

/** The period 酌情加减分 offers first: the chosen window's, under the plan's own cadence. */
describe('default period of a 酌情加减分', () => {
  const year = (y: number): ScoreWindow => ({ kind: 'year', year: y });
  const quarter = (q: 1 | 2 | 3 | 4, y = 2024): ScoreWindow => ({ kind: 'quarter', year: y, quarter: q });
  const pick = (cadence: Cadence, window: ScoreWindow, today: string) => {
    const plan = { cadence };
    // What the dialog offers: the periods due in the window's year (ScoringPage).
    return defaultAdjustmentPeriod(plan, window, periodsDueIn(plan, `${window.year}-01-01`, `${window.year}-12-31`), today);
  };

  it('quarterly: the chosen quarter; the whole year: this quarter', () => {
    const q: Cadence = { every: 'quarter', day: 20 };
    expect(pick(q, quarter(2), '2024-05-15')).toBe('2024-Q2');
    expect(pick(q, quarter(4), '2024-05-15')).toBe('2024-Q4');
    expect(pick(q, year(2024), '2024-08-01')).toBe('2024-Q3');
    // A past year: its last quarter.
    expect(pick(q, year(2023), '2024-08-01')).toBe('2023-Q4');
  });

  it('monthly: a month of the chosen quarter, never the year’s first month', () => {
    const m: Cadence = { every: 'month', day: 5 };
    expect(pick(m, quarter(2), '2024-05-15')).toBe('2024-05'); // in the quarter: this month
    expect(pick(m, quarter(2), '2024-08-01')).toBe('2024-06'); // a past quarter: its last month
    expect(pick(m, quarter(4), '2024-05-15')).toBe('2024-10'); // a quarter to come: its first month
    expect(pick(m, year(2024), '2024-05-15')).toBe('2024-05');
    expect(pick(m, year(2023), '2024-05-15')).toBe('2023-12');
  });

  it('every two months and half-yearly: the period ending in the quarter, or the current one when none ends there', () => {
    const b: Cadence = { every: 'bimonth', day: 10 };
    expect(pick(b, quarter(2), '2024-05-15')).toBe('2024-B3'); // May–June ends in Q2
    expect(pick(b, quarter(2), '2024-09-01')).toBe('2024-B3');
    const h: Cadence = { every: 'halfyear', day: 20 };
    expect(pick(h, quarter(2), '2024-05-15')).toBe('2024-H1');
    expect(pick(h, quarter(1), '2024-05-15')).toBe('2024-H1'); // nothing ends in Q1: this half-year
    expect(pick(h, quarter(3), '2024-11-15')).toBe('2024-H2');
  });

  it('yearly: the year', () => {
    const y: Cadence = { every: 'year', day: 31 };
    expect(pick(y, quarter(4), '2024-05-15')).toBe('2024');
    expect(pick(y, year(2024), '2024-05-15')).toBe('2024');
  });

  it('listed dates: the listed day in the chosen quarter', () => {
    const c: Cadence = { every: 'custom', day: 1, dueDates: ['2024-03-25', '2024-06-25', '2024-09-25', '2024-12-25'] };
    expect(pick(c, quarter(3), '2024-05-15')).toBe('2024-09-25');
    expect(pick(c, quarter(2), '2024-05-15')).toBe('2024-06-25');
    expect(pick(c, year(2024), '2024-07-01')).toBe('2024-09-25');
  });

  it('nothing offered: no default', () => {
    expect(defaultAdjustmentPeriod({ cadence: { every: 'quarter', day: 20 } }, quarter(1), [], '2024-05-15')).toBeUndefined();
  });
});

describe('酌情加减分 cap (one rule for the form and the scheme)', () => {
  it('is the enabled discretionary item’s cap; points beyond it are flagged, within it not', () => {
    const items = DEFAULT_SCORE_ITEMS.map((i) => ({ ...i }));
    expect(discretionaryCap({ items })).toBe(10);
    expect(discretionaryCap({ items: items.map((i) => (i.kind === 'discretionary' ? { ...i, enabled: false } : i)) })).toBeNull();
    expect(beyondCap(-15, 10)).toBe(true);
    expect(beyondCap(10, 10)).toBe(false);
    expect(beyondCap(-3, 10)).toBe(false);
    expect(beyondCap(50, null)).toBe(false);
    expect(beyondCap(Number.NaN, 10)).toBe(false);
  });
});
