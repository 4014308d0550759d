import { describe, expect, it } from 'vitest';
import { unitId } from '../../../shared/model';
import { lightDistribution, reportingMatrix, statusDistribution, summarizeLeadUnits } from '../../../shared/reports/supervisor';
import { action, report, samplePlan } from '../tracking/fixtures';

const records = samplePlan();
const market = unitId('市市场监管局');
const health = unitId('市卫生健康局');
// Task 1: 市场监管 leads, reported done (confirmed). Task 2: both lead; 市场监管 reported Q2, 卫健 nothing.
// Task 3: 卫健 leads, ongoing, reported Q1 late.
const reports = [
  report(records, 0, 0, '2024-Q2', { status: 'done', reportedAt: '2024-06-10T12:00:00.000Z' }),
  report(records, 1, 0, '2024-Q1', { reportedAt: '2024-03-15T12:00:00.000Z' }),
  report(records, 1, 0, '2024-Q2', { reportedAt: '2024-06-18T12:00:00.000Z' }),
  report(records, 2, 0, '2024-Q1', { status: 'ongoing', reportedAt: '2024-03-25T12:00:00.000Z' }),
];
const actions = [action(records, 0, 'confirm')];
const input = { plan: records.plan, tasks: records.tasks, units: records.units, reports, actions, today: '2024-06-25' };

describe('lead-unit summary', () => {
  it('counts tasks led, confirmed, in progress and late per lead unit, with this period’s reporting', () => {
    const rows = summarizeLeadUnits(input);
    const byName = new Map(rows.map((r) => [r.name, r]));
    expect(rows.map((r) => r.name).sort()).toEqual(['市卫生健康局', '市市场监管局']);
    expect(byName.get('市市场监管局')).toMatchObject({
      unitId: market,
      led: 2,
      done: 1,
      claimedDone: 0,
      inProgress: 1,
      lastReportDate: '2024-06-18',
      reportedThisPeriod: true,
      completion: 0.5,
    });
    expect(byName.get('市卫生健康局')).toMatchObject({
      unitId: health,
      led: 2,
      done: 0,
      overdue: 0,
      lastReportDate: '2024-03-25',
      reportedThisPeriod: false,
      reportedThisPeriodCount: 0,
      dueThisPeriodCount: 2,
      completion: 0,
    });
    expect(byName.get('市卫生健康局')!.lights.red).toBe(2);
    // The unit with late tasks comes first.
    expect(rows[0]!.name).toBe('市卫生健康局');
    expect(byName.get('市市场监管局')!.taskIds).toEqual([records.tasks[0]!.id, records.tasks[1]!.id]);
  });

  it('a done report without 销号 is a claim', () => {
    const rows = summarizeLeadUnits({ ...input, actions: [] });
    expect(rows.find((r) => r.unitId === market)).toMatchObject({ done: 0, claimedDone: 1, completion: 0 });
  });
});

describe('reporting matrix', () => {
  it('marks each lead unit’s periods with the one reporting-state rule from the plan’s first period', () => {
    const m = reportingMatrix(input);
    expect(m.periods).toEqual(['2024-Q1', '2024-Q2']);
    expect(m.dueDates).toEqual({ '2024-Q1': '2024-03-20', '2024-Q2': '2024-06-20' });
    const byName = new Map(m.rows.map((r) => [r.name, r]));
    // 市场监管 reported task 2 but not task 1 in Q1: partly reported, not 已报.
    expect(byName.get('市市场监管局')!.cells).toEqual({ '2024-Q1': 'partial', '2024-Q2': 'reported' });
    expect(byName.get('市市场监管局')!.counts['2024-Q1']).toEqual({ reported: 1, expected: 2 });
    // Task 1 was confirmed (销号) on 05-02, before Q2's due day: nothing is owed for it in Q2.
    expect(byName.get('市市场监管局')!.counts['2024-Q2']).toEqual({ reported: 1, expected: 1 });
    expect(byName.get('市卫生健康局')!.cells).toEqual({ '2024-Q1': 'partial', '2024-Q2': 'missing' });
  });
  it('an older document entered later owes nothing for the periods before it was entered (the same on every PC: the plan carries its createdAt)', () => {
    // Issued 2024-01-10, imported on 2024-05-02: Q1 (due 03-20) was never owed; Q2 is.
    const late = { ...input, plan: { ...records.plan, createdAt: '2024-05-02T02:00:00.000Z' } };
    const m = reportingMatrix(late);
    expect(m.periods).toEqual(['2024-Q2']);
    const byName = new Map(m.rows.map((r) => [r.name, r]));
    expect(byName.get('市卫生健康局')!.cells).toEqual({ '2024-Q2': 'missing' });
    // A report filed for a period before the plan was entered still counts as filed, it just was not owed.
    expect(byName.get('市市场监管局')!.counts['2024-Q2']).toEqual({ reported: 1, expected: 1 });
    // Entered before it was issued (a draft typed in early): the issue date decides.
    expect(reportingMatrix({ ...input, plan: { ...records.plan, createdAt: '2023-12-01T02:00:00.000Z' } }).periods).toEqual(['2024-Q1', '2024-Q2']);
  });
  it('works out a row when it is first read, and the row reads like a plain object (JSON, structured clone, spread)', () => {
    const m = reportingMatrix(input);
    const row = m.rows.find((r) => r.name === '市市场监管局')!;
    const plain = { unitId: row.unitId, name: row.name, cells: row.cells, counts: row.counts, figures: row.figures };
    expect(JSON.parse(JSON.stringify(row))).toEqual(JSON.parse(JSON.stringify(plain)));
    expect(structuredClone(row)).toEqual(plain);
    expect({ ...row }).toEqual(plain);
    expect(Object.keys(row)).toEqual(['unitId', 'name', 'cells', 'counts', 'figures']);
    // Read again: the same objects (worked out once).
    expect(row.cells).toBe(row.cells);
    expect(row.figures['2024-Q1']).toBe(row.figures['2024-Q1']);
  });
  it('keeps only the newest periods when asked', () => {
    expect(reportingMatrix({ ...input, today: '2025-12-01', maxPeriods: 3 }).periods).toEqual(['2025-Q2', '2025-Q3', '2025-Q4']);
  });
});

describe('distributions', () => {
  it('counts tasks by status and by light', () => {
    const d = statusDistribution(input);
    expect(Object.fromEntries(d.map((x) => [x.key, x.count]))).toEqual({
      'not-started': 0,
      'in-progress': 1,
      done: 1,
      ongoing: 1,
      delayed: 0,
      paused: 0,
      none: 0,
    });
    expect(d.find((x) => x.key === 'ongoing')!.label).toBe('常态化推进');
    expect(statusDistribution({ ...input, unitId: market }).reduce((n, x) => n + x.count, 0)).toBe(2);
    const lights = lightDistribution(input);
    expect(lights.red + lights.yellow + lights.green + lights.grey).toBe(3);
    expect(lights.green).toBe(1);
  });
});
