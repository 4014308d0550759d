import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REPORT_STATUSES, type Action, type Report } from '../../../shared/model';
import { reportingMatrix, supervisorView } from '../../../shared/reports/supervisor';
import { periodOfDay } from '../../../shared/tracking/dates';
import { digestOfSummary, digestLedger, digestServes, reportsOfDigest, type ReportDigest } from '../../../shared/tracking/reportDigest';
import { rebuildSummaries, reportsOfSummary } from '../../../shared/tracking/reportSummary';
import { computeStandings, indexByTask } from '../../../shared/tracking/standing';
import { action, report, samplePlan } from '../tracking/fixtures';

/**
 * The 督办视图 drawn from the report digests (before every report is read: each task's digest reports and its period
 * ledger) equals the view drawn from every report — lead-unit rows, plan figures, the report matrix over eight periods
 * and the status counts — on any day whose period every digest serves.
 */
const records = samplePlan();
const QUARTERS = ['2023-Q3', '2023-Q4', '2024-Q1', '2024-Q2', '2024-Q3', '2024-Q4', '2025-Q1', '2025-Q2', '2025-Q3'];
const DAYS = ['2024-01-05', '2024-02-01', '2024-04-15', '2024-07-25', '2024-10-21', '2024-12-25', '2025-01-10', '2025-04-25', '2025-08-01', '2025-10-19', '2026-03-01'];

const event = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('report' as const), unit: fc.nat(3), period: fc.constantFrom(...QUARTERS), status: fc.constantFrom(...REPORT_STATUSES), day: fc.nat(400), revised: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), unit: fc.nat(3), period: fc.constantFrom(...QUARTERS) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constantFrom('confirm' as const, 'return' as const, 'extension-approve' as const), day: fc.nat(400), toUnit: fc.boolean() }) },
);
type Ev = { kind: string; unit?: number; period?: string; status?: (typeof REPORT_STATUSES)[number]; day?: number; revised?: boolean; toUnit?: boolean };

const dayOf = (n: number) => new Date(Date.UTC(2023, 6, 1) + n * 2 * 86_400_000 + (n % 7) * 3_600_000).toISOString();

function historyOf(taskIndex: number, events: readonly Ev[]): { reports: Report[]; actions: Action[] } {
  const task = records.tasks[taskIndex]!;
  const units = [...task.lead, ...task.support, ...task.implement];
  const reports: Report[] = [];
  const actions: Action[] = [];
  for (const e of events) {
    if (e.kind === 'report') {
      reports.push(
        report(records, taskIndex, 0, e.period!, {
          unitId: units[e.unit! % units.length]!,
          status: e.status!,
          reportedAt: dayOf(e.day!),
          ...(e.revised ? { revisions: [{ stamp: 'x', by: 'x', status: 'in-progress', progress: '旧', problems: '', nextSteps: '', percent: null, attachments: [], author: '', reportedAt: dayOf(Math.max(0, e.day! - 30)) }] } : {}),
        } as Partial<Report>),
      );
    } else if (e.kind === 'delete') {
      const prior = reports.filter((r) => r.unitId === units[e.unit! % units.length] && r.period === e.period).at(-1);
      if (prior) reports.push({ ...prior, stamp: report(records, taskIndex, 0, e.period!).stamp, deleted: true });
    } else {
      actions.push(
        action(records, taskIndex, e.kind as Action['kind'], {
          date: dayOf(e.day!).slice(0, 10),
          ...(e.kind === 'return' && e.toUnit ? { unitId: task.lead[0]! } : {}),
          ...(e.kind === 'extension-approve' ? { newDeadline: '2025-03-31' } : {}),
        }),
      );
    }
  }
  return { reports, actions };
}

describe('supervisor view from the report digests', () => {
  it('equals the view from every report on any day every digest serves (property)', () => {
    let served = 0;
    let trimmed = 0;
    fc.assert(
      fc.property(
        fc.tuple(fc.array(event, { maxLength: 25 }), fc.array(event, { maxLength: 25 }), fc.array(event, { maxLength: 25 })),
        fc.constantFrom(...DAYS),
        fc.constantFrom('2024-01-10T08:00:00.000Z', '2024-08-02T08:00:00.000Z'),
        (histories, today, createdAt) => {
          const plan = { ...records.plan, createdAt };
          const all = histories.map((events, i) => historyOf(i, events));
          const stored = all.flatMap((h) => h.reports);
          const actions = all.flatMap((h) => h.actions);
          const summaries = rebuildSummaries(stored);
          const digests: ReportDigest[] = summaries.map(digestOfSummary);
          const period = periodOfDay(today, plan.cadence);
          if (!digests.every((d) => digestServes(d, period))) return;
          served++;
          if (digests.some((d) => d.trimmed.length)) trimmed++;
          const base = { plan, tasks: records.tasks, units: records.units, actions, today };

          const reports = summaries.flatMap((s) => reportsOfSummary(s));
          const full = supervisorView({ ...base, reports });

          const digestReports = digests.flatMap((d) => reportsOfDigest(d));
          const reportsByTask = indexByTask(digestReports);
          const standings = computeStandings({ ...base, reports: digestReports });
          const ledgers = new Map(digests.map((d) => [d.taskId, digestLedger(d)]));
          const fromDigests = supervisorView({ ...base, reports: digestReports, standings, reportsByTask, actionsByTask: indexByTask(actions), ledgers });

          expect(fromDigests).toEqual(full);
        },
      ),
      { numRuns: 600 },
    );
    // Not vacuous: most cases are served, and many have older periods left out of the digests' heads.
    expect(served).toBeGreaterThan(300);
    expect(trimmed).toBeGreaterThan(100);
  });

  it('needs the ledger: without it the matrix of older periods differs from every report', () => {
    // One unit reports every quarter; the digest keeps two of them whole, the ledger keeps all.
    const events: Ev[] = QUARTERS.slice(0, 8).map((p, i) => ({ kind: 'report', unit: 0, period: p, status: 'in-progress', day: 20 + i * 45 }));
    const { reports: stored } = historyOf(0, events);
    const digest = digestOfSummary(rebuildSummaries(stored)[0]!);
    const base = { plan: records.plan, tasks: records.tasks, units: records.units, actions: [], today: '2025-08-01' };
    const full = reportingMatrix({ ...base, reports: reportsOfSummary(rebuildSummaries(stored)[0]!), maxPeriods: 8 });
    const digestReports = reportsOfDigest(digest);
    const withLedger = reportingMatrix({ ...base, reports: digestReports, ledgers: new Map([[digest.taskId, digestLedger(digest)]]), maxPeriods: 8 });
    const headsOnly = reportingMatrix({ ...base, reports: digestReports, maxPeriods: 8 });
    expect(withLedger).toEqual(full);
    expect(headsOnly).not.toEqual(full);
  });

  it('decodes a digest’s ledger only for a period older than the heads it keeps', () => {
    const events: Ev[] = QUARTERS.slice(0, 8).map((p, i) => ({ kind: 'report', unit: 0, period: p, status: 'in-progress', day: 20 + i * 45 }));
    const digest = digestOfSummary(rebuildSummaries(historyOf(0, events).reports)[0]!);
    // A ledger that cannot be decoded: asking about the kept periods never touches it, an older period does.
    const broken = { ...digest, ledger: '(not read)' };
    const base = { plan: records.plan, tasks: records.tasks, units: records.units, actions: [], reports: reportsOfDigest(digest), ledgers: new Map([[digest.taskId, digestLedger(broken)]]) };
    expect(digest.trimmed).toHaveLength(1); // heads of the last two quarters kept, the six before left to the ledger
    expect(() => reportingMatrix({ ...base, today: '2025-08-01', maxPeriods: 1 }).rows.map((r) => r.cells)).not.toThrow();
    expect(() => reportingMatrix({ ...base, today: '2025-08-01', maxPeriods: 8 }).rows.map((r) => r.cells)).toThrow(SyntaxError);
  });
});
