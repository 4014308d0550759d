import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REPORT_STATUSES, type Action, type Plan, type Report, type Task } from '../../../shared/model';
import { computeStanding } from '../../../shared/tracking/standing';
import { periodOfDay } from '../../../shared/tracking/dates';
import { rebuildSummaries, reportsOfSummary } from '../../../shared/tracking/reportSummary';
import { digestOfSummary, digestServes, reportsOfDigest } from '../../../shared/tracking/reportDigest';
import { action, report, samplePlan } from './fixtures';

/**
 * The report digest (shared/tracking/reportDigest.ts) stands in for every report of a task: for any day whose period
 * the digest serves, the standing computed from the digest equals the standing computed from every report: light,
 * status, reasons, latest reports, last report date, targets and all.
 */
const records = samplePlan();
const QUARTERS = ['2023-Q3', '2023-Q4', '2024-Q1', '2024-Q2', '2024-Q3', '2024-Q4', '2025-Q1', '2025-Q2'];
const DAYS = ['2023-08-01', '2023-12-25', '2024-01-05', '2024-02-01', '2024-03-25', '2024-04-15', '2024-06-10', '2024-06-25', '2024-07-05', '2024-09-20', '2024-10-21', '2024-12-25', '2025-01-10', '2025-04-25', '2025-08-01', '2026-03-01'];

/** The tasks with a quantitative target added to the last one, read against reported values. */
const tasks: Task[] = records.tasks.map((t, i) =>
  i === 2 ? { ...t, targets: [{ id: 't1', indicator: '跟踪服务率', unit: '%', direction: '>=', value: 100, baseline: 20, deadline: '2025-06-30', text: '跟踪服务率达到100%' }] } : t,
);

const event = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('report' as const), unit: fc.nat(3), period: fc.constantFrom(...QUARTERS), status: fc.constantFrom(...REPORT_STATUSES), day: fc.nat(500), value: fc.oneof({ weight: 4, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.nat(120) }), revised: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), unit: fc.nat(3), period: fc.constantFrom(...QUARTERS) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constantFrom('confirm' as const, 'return' as const, 'extension-approve' as const, 'extension-request' as const), day: fc.nat(500) }) },
);

interface Ev {
  kind: string;
  unit?: number;
  period?: string;
  status?: (typeof REPORT_STATUSES)[number];
  day?: number;
  value?: number | null;
  revised?: boolean;
}

/** One task's history, written in order: later reports of the same unit and period replace earlier ones. */
function historyOf(taskIndex: number, events: readonly Ev[]) {
  const task = tasks[taskIndex]!;
  const units = [...task.lead, ...task.support, ...task.implement];
  const reports: Report[] = [];
  const actions: Action[] = [];
  const dayOf = (n: number) => new Date(Date.UTC(2023, 6, 1) + n * 2 * 86_400_000).toISOString();
  for (const e of events) {
    if (e.kind === 'report') {
      const at = dayOf(e.day!);
      reports.push(
        report(records, taskIndex, 0, e.period!, {
          unitId: units[e.unit! % units.length]!,
          status: e.status!,
          reportedAt: at,
          ...(e.value != null ? { values: [{ target: 't1', value: e.value }] } : {}),
          ...(e.revised ? { revisions: [{ stamp: 'x', by: 'x', status: 'in-progress', progress: '旧', problems: '', nextSteps: '', percent: null, attachments: [], author: '', reportedAt: dayOf(Math.max(0, e.day! - 20)) }] } : {}),
        } as Partial<Report>),
      );
    } else if (e.kind === 'delete') {
      const prior = reports.filter((r) => r.unitId === units[e.unit! % units.length] && r.period === e.period).at(-1);
      if (prior) reports.push({ ...prior, stamp: report(records, taskIndex, 0, e.period!).stamp, deleted: true });
    } else {
      actions.push(action(records, taskIndex, e.kind as Action['kind'], { date: dayOf(e.day!).slice(0, 10), ...(e.kind === 'extension-approve' ? { newDeadline: '2025-03-31' } : {}) }));
    }
  }
  return { task, reports, actions };
}

function standingsBoth(plan: Plan, taskIndex: number, events: readonly Ev[], today: string) {
  const { task, reports, actions } = historyOf(taskIndex, events);
  const [summary] = rebuildSummaries(reports);
  if (!summary) return null;
  const digest = digestOfSummary(summary);
  return {
    digest,
    full: computeStanding({ plan, task, reports: reportsOfSummary(summary), actions, today }),
    fromDigest: computeStanding({ plan, task, reports: reportsOfDigest(digest), actions, today }),
  };
}

describe('report digest', () => {
  it('gives the same standing as every report on any day of a period it serves (property)', () => {
    let served = 0;
    let trimmedAndServed = 0;
    fc.assert(
      fc.property(fc.nat(2), fc.array(event, { maxLength: 30 }), fc.constantFrom(...DAYS), fc.constantFrom(5, 15, 40), (taskIndex, events, today, yellowDays) => {
        const plan = { ...records.plan, yellowDays };
        const both = standingsBoth(plan, taskIndex, events, today);
        if (!both || !digestServes(both.digest, periodOfDay(today, plan.cadence))) return;
        served++;
        if (both.digest.trimmed.length) trimmedAndServed++;
        expect(both.fromDigest).toEqual(both.full);
      }),
      { numRuns: 1500 },
    );
    // The property is not vacuous: most histories are served, and many of those had older periods left out.
    expect(served).toBeGreaterThan(500);
    expect(trimmedAndServed).toBeGreaterThan(100);
  });

  it('keeps only the last two periods, the last saved report and the reports with values of each unit', () => {
    const events: Ev[] = QUARTERS.map((period, i) => ({ kind: 'report', unit: 0, period, status: 'in-progress' as const, day: i * 45, value: i === 1 ? 40 : null }));
    // The unit's report of 2023-Q4 (with a value) and 2025-Q1, 2025-Q2 are kept; 2024-Q1 is then saved again, last.
    events.push({ kind: 'report', unit: 0, period: '2024-Q1', status: 'in-progress', day: 400, value: null });
    const { reports } = historyOf(0, events);
    const digest = digestOfSummary(rebuildSummaries(reports)[0]!);
    expect(reportsOfDigest(digest).map((r) => r.period).sort()).toEqual(['2023-Q4', '2024-Q1', '2025-Q1', '2025-Q2']);
    expect(digest.trimmed).toEqual([[tasks[0]!.lead[0], '2025-Q1']]);
    expect(digestServes(digest, '2025-Q2')).toBe(true);
    expect(digestServes(digest, '2025-Q3')).toBe(true);
    // The day before: 2025-Q1's state needs 2024-Q4's report, which was left out.
    expect(digestServes(digest, '2025-Q1')).toBe(false);
  });

  it('keeps everything of a unit with two periods or fewer, and serves every period then', () => {
    const { reports } = historyOf(1, [
      { kind: 'report', unit: 0, period: '2024-Q1', status: 'done', day: 10 },
      { kind: 'report', unit: 1, period: '2024-Q2', status: 'in-progress', day: 20 },
      { kind: 'report', unit: 1, period: '2024-Q3', status: 'in-progress', day: 30 },
    ]);
    const summary = rebuildSummaries(reports)[0]!;
    const digest = digestOfSummary(summary);
    expect(digest.trimmed).toEqual([]);
    expect(digest.heads).toBe(summary.heads);
    expect(digestServes(digest, '2020-Q1')).toBe(true);
  });
});
