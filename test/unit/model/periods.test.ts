import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CadenceSchema,
  cadenceText,
  comparePeriods,
  nextPeriodOf,
  periodDueDate,
  periodEndDay,
  periodKindOf,
  periodLabel,
  PeriodSchema,
  periodStartDay,
  PlanSchema,
  previousPeriodOf,
  type Cadence,
} from '../../../shared/model';
import { periodDueDay, periodOfDay, periodsBetween, recentPeriods } from '../../../shared/tracking/dates';
import { checkReportPeriod } from '../../../shared/tracking/reportInput';
import { decodeSnapshot } from '../../../shared/sync/container';
import { samplePlan } from '../tracking/fixtures';

const c = (every: Cadence['every'], day = 20, dueDates?: string[]): Cadence => ({ every, day, ...(dueDates ? { dueDates } : {}) });

describe('reporting cadences: 每月 / 双月 / 季度 / 半年 / 年度 / 指定日期', () => {
  it('the schema accepts the new cadences and still reads plans saved with 每月 / 每季度', () => {
    expect(CadenceSchema.parse({ every: 'quarter', day: 20 })).toEqual({ every: 'quarter', day: 20 });
    for (const every of ['bimonth', 'halfyear', 'year'] as const) expect(CadenceSchema.safeParse({ every, day: 10 }).success).toBe(true);
    expect(CadenceSchema.safeParse({ every: 'custom', day: 20, dueDates: ['2024-04-10', '2024-07-10'] }).success).toBe(true);
    const noDates = CadenceSchema.safeParse({ every: 'custom', day: 20 });
    expect(noDates.success).toBe(false);
    expect(noDates.error?.issues[0]?.message).toBe('按指定日期报送时，请至少填写一个报送日期');
    expect(CadenceSchema.safeParse({ every: 'weekly', day: 20 }).success).toBe(false);
  });

  it('period keys of every cadence validate; malformed ones do not', () => {
    for (const p of ['2024-05', '2024-B3', '2024-Q2', '2024-H1', '2024', '2024-04-10']) expect(PeriodSchema.safeParse(p).success, p).toBe(true);
    for (const p of ['2024-13', '2024-B7', '2024-Q5', '2024-H3', '24', '2024-04-32', '2024-Q']) expect(PeriodSchema.safeParse(p).success, p).toBe(false);
    expect(['2024-05', '2024-B3', '2024-Q2', '2024-H1', '2024', '2024-04-10'].map(periodKindOf)).toEqual(['month', 'bimonth', 'quarter', 'halfyear', 'year', 'custom']);
  });

  it('finds the period of a day and its due day under each cadence', () => {
    const day = '2024-05-15';
    expect(periodOfDay(day, c('month'))).toBe('2024-05');
    expect(periodOfDay(day, c('bimonth'))).toBe('2024-B3');
    expect(periodOfDay(day, c('quarter'))).toBe('2024-Q2');
    expect(periodOfDay(day, c('halfyear'))).toBe('2024-H1');
    expect(periodOfDay(day, c('year'))).toBe('2024');
    const custom = c('custom', 20, ['2024-07-10', '2024-04-10', '2024-12-25']);
    expect(periodOfDay(day, custom)).toBe('2024-07-10');
    expect(periodOfDay('2024-04-10', custom)).toBe('2024-04-10');
    expect(periodOfDay('2025-02-01', custom)).toBe('2024-12-25');
    expect(periodDueDay('2024-B3', c('bimonth', 31))).toBe('2024-06-30');
    expect(periodDueDay('2024-H1', c('halfyear', 15))).toBe('2024-06-15');
    expect(periodDueDay('2024', c('year', 25))).toBe('2024-12-25');
    expect(periodDueDay('2024-07-10', custom)).toBe('2024-07-10');
    expect(periodDueDate('2024-Q1', c('quarter', 31)).getDate()).toBe(31);
  });

  it('steps between periods, in order, for every cadence', () => {
    expect(previousPeriodOf('2024-B1', c('bimonth'))).toBe('2023-B6');
    expect(nextPeriodOf('2024-H2', c('halfyear'))).toBe('2025-H1');
    expect(previousPeriodOf('2024', c('year'))).toBe('2023');
    const custom = c('custom', 20, ['2024-04-10', '2024-07-10', '2024-12-25']);
    expect(previousPeriodOf('2024-04-10', custom)).toBeNull();
    expect(nextPeriodOf('2024-07-10', custom)).toBe('2024-12-25');
    expect(periodStartDay('2024-07-10', custom)).toBe('2024-04-11');
    expect(periodStartDay('2024-B2', c('bimonth'))).toBe('2024-03-01');
    expect(periodsBetween('2023-H2', '2024-H2')).toEqual(['2023-H2', '2024-H1', '2024-H2']);
    expect(periodsBetween('2024-04-10', '2024-12-25', 10, custom)).toEqual(['2024-04-10', '2024-07-10', '2024-12-25']);
    expect(recentPeriods('2024-07-10', custom, 4)).toEqual(['2024-07-10', '2024-04-10']);
    expect(recentPeriods('2024-B1', c('bimonth'), 3)).toEqual(['2024-B1', '2023-B6', '2023-B5']);
    // Periods of different cadences order by the day they end.
    expect(periodEndDay('2024-B3')).toBe('2024-06-30');
    expect(comparePeriods('2024-Q2', '2024-05')).toBeGreaterThan(0);
    expect(comparePeriods('2024-Q2', '2024-07')).toBeLessThan(0);
    expect(['2024-Q3', '2024-Q10'.slice(0, 7), '2024-Q1'].sort(comparePeriods)).toEqual(['2024-Q1', '2024-Q1', '2024-Q3']);
  });

  it('labels and describes them in Chinese', () => {
    expect(['2024-05', '2024-B3', '2024-Q2', '2024-H1', '2024', '2024-04-10'].map(periodLabel)).toEqual([
      '2024年5月',
      '2024年5–6月',
      '2024年第二季度',
      '2024年上半年',
      '2024年度',
      '截至2024年4月10日',
    ]);
    expect(cadenceText(c('quarter'))).toBe('每季度最后一个月20日前');
    expect(cadenceText(c('month', 5))).toBe('每月5日前');
    expect(cadenceText(c('custom', 20, ['2024-04-10', '2024-07-10']))).toBe('按指定日期（4月10日、7月10日）前');
  });

  it('a report’s period must belong to the plan’s cadence and not lie in the future', () => {
    const plan = (cadence: Cadence) => ({ cadence });
    expect(checkReportPeriod(plan(c('bimonth')), '2024-B3', '2024-05-01')).toBeNull();
    expect(checkReportPeriod(plan(c('bimonth')), '2024-B4', '2024-05-01')).toBe('不能填报尚未开始的报送周期');
    expect(checkReportPeriod(plan(c('bimonth')), '2024-Q2', '2024-05-01')).toBe('该计划每两个月报送，请选择双月');
    expect(checkReportPeriod(plan(c('halfyear')), '2024-H1', '2024-05-01')).toBeNull();
    expect(checkReportPeriod(plan(c('year')), '2024', '2024-05-01')).toBeNull();
    expect(checkReportPeriod(plan(c('year')), '2025', '2024-05-01')).toBe('不能填报尚未开始的报送周期');
    const custom = plan(c('custom', 20, ['2024-04-10', '2024-07-10']));
    expect(checkReportPeriod(custom, '2024-07-10', '2024-05-01')).toBeNull();
    expect(checkReportPeriod(custom, '2024-06-10', '2024-05-01')).toBe('该计划按指定日期报送，请选择其中一个报送日期');
  });

  it('old records and old sync files still validate', async () => {
    const { plan } = samplePlan();
    expect(PlanSchema.strict().parse(plan).cadence).toEqual({ every: 'quarter', day: 20 });
    const good = new Uint8Array(readFileSync(join(process.cwd(), 'test/fixtures/bad-snapshots/good.tzsync.ok')));
    const decoded = await decodeSnapshot(good);
    expect(decoded.state.records.plans.length).toBeGreaterThan(0);
    expect(decoded.state.records.reports.length).toBeGreaterThan(0);
    for (const p of decoded.state.records.plans) expect(['month', 'quarter']).toContain(p.cadence.every);
  });
});
