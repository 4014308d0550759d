import { describe, expect, it } from 'vitest';
import { firstReportingPeriod, reportingStartDay } from '../../../shared/tracking/reporting';

/**
 * The day reports start owing is asked once per (task, unit, period) by the report matrix and is cached per plan
 * object: the cache must follow the plan's fields, not only its identity (a plan edited in place, a settings change).
 */
describe('reportingStartDay', () => {
  it('is the later of the issue date and the day the plan was entered', () => {
    expect(reportingStartDay({ date: '2024-01-10', createdAt: '2024-11-02T08:00:00.000Z' })).toBe('2024-11-02');
    expect(reportingStartDay({ date: '2025-03-01', createdAt: '2024-11-02T08:00:00.000Z' })).toBe('2025-03-01');
    expect(reportingStartDay({ date: null, createdAt: '2024-11-02T08:00:00.000Z' })).toBe('2024-11-02');
  });

  it('follows a plan object whose fields change (no stale cached day)', () => {
    const plan: { date: string | null; createdAt: string; cadence: { every: 'quarter'; day: number } } = {
      date: '2024-01-10',
      createdAt: '2024-01-12T08:00:00.000Z',
      cadence: { every: 'quarter', day: 20 },
    };
    expect(reportingStartDay(plan)).toBe('2024-01-12');
    expect(firstReportingPeriod(plan)).toBe('2024-Q1');
    plan.date = '2024-05-01';
    expect(reportingStartDay(plan)).toBe('2024-05-01');
    expect(firstReportingPeriod(plan)).toBe('2024-Q2');
    plan.createdAt = '2024-08-30T08:00:00.000Z';
    expect(reportingStartDay(plan)).toBe('2024-08-30');
    plan.date = null;
    expect(reportingStartDay(plan)).toBe('2024-08-30');
  });
});
