import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildPlanRecords, formatStamp, randomId, reportId, REPORT_STATUSES, type Action, type Cadence, type Report } from '../../../shared/model';
import type { ParsedTask } from '../../../shared/parser/types';
import {
  filterContextFor,
  isReportingIncomplete,
  planFigures,
  reportingMatrix,
  statusDistribution,
  summarizeLeadUnits,
  type Figure,
  type SupervisorInput,
} from '../../../shared/reports/supervisor';
import { addDays, periodDueDay, periodOfDay, recentPeriods } from '../../../shared/tracking/dates';
import { computeStandings } from '../../../shared/tracking/standing';
import { filterTaskRows } from '../../../shared/tracking/taskFilter';

/**
 * "A number on screen equals the rows behind it": over random plans, reports and actions, every figure of the
 * supervisor view (top statistics, every lead-unit column, every matrix cell, the status chart) equals the number of
 * rows the task table shows for its click-through filter. Figures and filters come from the functions the screen
 * uses; the rows from the task table's own filter.
 */
const UNITS = ['市市场监管局', '市卫生健康局', '市公安局', '县市场监管局', '市商务局'];
const CADENCES: Cadence[] = [
  { every: 'quarter', day: 20 },
  { every: 'month', day: 5 },
  { every: 'bimonth', day: 31 },
  { every: 'halfyear', day: 15 },
  { every: 'year', day: 25 },
  { every: 'custom', day: 20, dueDates: ['2024-02-10', '2024-05-10', '2024-09-30', '2025-01-15'] },
];
const DAYS = ['2024-01-20', '2024-03-15', '2024-05-10', '2024-06-25', '2024-08-01', '2024-10-10', '2025-01-05'];
const DEADLINES = [null, '2024-03-31', '2024-06-30', '2024-09-30', '2024-12-31'];

const taskArb = fc.record({
  lead: fc.subarray(UNITS, { maxLength: 2 }),
  support: fc.subarray(UNITS, { maxLength: 2 }),
  implement: fc.subarray(UNITS, { maxLength: 2 }),
  deadline: fc.constantFrom(...DEADLINES),
});

const eventArb = fc.oneof(
  fc.record({
    kind: fc.constant('report' as const),
    task: fc.nat(20),
    unit: fc.nat(20),
    back: fc.nat(3),
    status: fc.constantFrom(...REPORT_STATUSES),
    lateness: fc.integer({ min: -40, max: 40 }),
  }),
  fc.record({
    kind: fc.constantFrom('confirm' as const, 'return' as const, 'extension-approve' as const, 'urge' as const),
    task: fc.nat(20),
    unit: fc.nat(20),
    offset: fc.integer({ min: -120, max: 0 }),
    deadline: fc.constantFrom('2024-08-31', '2024-12-31', '2025-06-30'),
  }),
);

const scenarioArb = fc.record({
  tasks: fc.array(taskArb, { minLength: 1, maxLength: 7 }),
  cadence: fc.constantFrom(...CADENCES),
  planDate: fc.constantFrom(null, '2024-01-05', '2024-03-25', '2024-06-01'),
  today: fc.constantFrom(...DAYS),
  events: fc.array(eventArb, { maxLength: 25 }),
});

type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

function build(s: Scenario): SupervisorInput {
  const parsed: ParsedTask[] = s.tasks.map((t, i) => ({
    number: String(i + 1),
    section: [],
    content: `任务${i + 1}`,
    lead: t.lead,
    support: t.support.filter((u) => !t.lead.includes(u)),
    implement: t.implement,
    deadline: t.deadline ? { text: t.deadline, date: t.deadline, kind: 'date' as const } : null,
  }));
  const records = buildPlanRecords(
    { title: '随机计划', docNumber: null, issuer: null, date: s.planDate, source: null, leadRule: 'columns', cadence: s.cadence, tasks: parsed },
    { stamp: formatStamp(1, 0, 'sup'), office: '督查办', device: 'sup', now: new Date('2024-01-02T00:00:00Z') },
  );
  const reports = new Map<string, Report>();
  const actions: Action[] = [];
  let clock = 1_700_000_000_000;
  const current = periodOfDay(s.today, s.cadence);
  const periods = recentPeriods(current, s.cadence, 4);
  for (const e of s.events) {
    const task = records.tasks[e.task % records.tasks.length]!;
    const involved = [...task.lead, ...task.support, ...task.implement];
    const stamp = formatStamp(clock++, 0, 'dev');
    if (e.kind === 'report') {
      if (!involved.length) continue;
      const unitId = involved[e.unit % involved.length]!;
      const period = periods[e.back % periods.length]!;
      const reportedDay = addDays(periodDueDay(period, s.cadence), e.lateness);
      const reportedAt = `${reportedDay > s.today ? s.today : reportedDay}T04:00:00.000Z`;
      const id = reportId(task.id, unitId, period);
      const previous = reports.get(id);
      reports.set(id, {
        id, stamp, by: 'x', planId: task.planId, taskId: task.id, unitId, period, status: e.status, progress: '进展', problems: '', nextSteps: '',
        percent: null, attachments: [], author: '', reportedAt,
        ...(previous ? { revisions: [{ ...previous, revisions: undefined }].map(({ revisions: _r, id: _i, planId: _p, taskId: _t, unitId: _u, period: _pe, deleted: _d, ...rest }) => rest) } : {}),
      });
    } else {
      const unitId = e.kind === 'return' || e.kind === 'urge' ? (involved.length && e.unit % 2 ? involved[e.unit % involved.length]! : null) : null;
      actions.push({
        id: randomId('act'), stamp, by: '督查办', planId: task.planId, taskId: task.id, unitId, kind: e.kind, text: '说明',
        date: addDays(s.today, e.offset), newDeadline: e.kind === 'extension-approve' ? e.deadline : null,
      });
    }
  }
  return { plan: records.plan, tasks: records.tasks, units: records.units, reports: [...reports.values()], actions, today: s.today };
}

function check(input: SupervisorInput): void {
  const standings = computeStandings(input);
  const rows = input.tasks.filter((t) => !t.deleted).map((task) => ({ task, standing: standings.get(task.id)! }));
  const ctx = filterContextFor(input);
  const shown = (f: Figure) => filterTaskRows(rows, f.filter, ctx).length;
  const expectFigure = (label: string, f: Figure) => expect(shown(f), `${label} ${JSON.stringify(f.filter)}`).toBe(f.value);

  const screen = { ...input, standings };
  const summaries = summarizeLeadUnits(screen);
  const top = planFigures(screen, summaries);
  expectFigure('任务', top.total);
  for (const [light, f] of Object.entries(top.lights)) expectFigure(light, f);
  expectFigure('逾期', top.overdue);
  expectFigure('滞后', top.delayed);
  expectFigure('待销号', top.awaitingConfirm);
  expectFigure('未明确牵头单位', top.noLead);
  expectFigure('本期未报', top.unreported);
  expectFigure('本期逾期未报', top.missing);
  // 本期未报齐的单位 opens the lead-unit table on those units.
  expect(summaries.filter(isReportingIncomplete).length).toBe(top.incompleteUnits.value);

  for (const s of summaries) for (const [key, f] of Object.entries(s.figures)) expectFigure(`${s.name}.${key}`, f);
  // The lead rows' task counts add up: every task appears under each of its leads, or once under 未明确牵头单位.
  const ledTotal = input.tasks.reduce((n, t) => n + Math.max(1, t.lead.length), 0);
  expect(summaries.reduce((n, s) => n + s.led, 0)).toBe(ledTotal);

  const matrix = reportingMatrix({ ...screen, maxPeriods: 6 });
  for (const row of matrix.rows) {
    const summary = summaries.find((s) => s.unitId === row.unitId)!;
    for (const p of matrix.periods) {
      expectFigure(`${row.name}@${p}`, row.figures[p]!);
      expect(row.counts[p]!.expected).toBe(row.figures[p]!.value);
    }
    // The lead-unit table and the matrix read the current period alike.
    expect(summary.period!.state).toBe(row.cells[matrix.currentPeriod]);
    expect(summary.period!.expected).toBe(row.counts[matrix.currentPeriod]!.expected);
    expect(summary.period!.reported).toBe(row.counts[matrix.currentPeriod]!.reported);
  }
  for (const st of statusDistribution(screen)) expectFigure(`状态 ${st.label}`, { value: st.count, filter: { statuses: [st.key] } });
}

describe('every number on the supervisor screen equals the rows its click-through shows (property)', () => {
  it('holds over random plans, reports and actions', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => check(build(s))),
      { numRuns: 250 },
    );
  });
});
