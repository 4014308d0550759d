import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REPORT_STATUSES, type Action, type Report } from '../../../shared/model';
import { computeStanding, computeStandings } from '../../../shared/tracking/standing';
import { filterTaskRows, type TaskFilter } from '../../../shared/tracking/taskFilter';
import { action, report, samplePlan } from './fixtures';

const records = samplePlan();
const periods = ['2024-Q1', '2024-Q2', '2024-Q3', '2024-Q4'];
const days = ['2024-02-01', '2024-03-25', '2024-06-10', '2024-06-25', '2024-07-05', '2024-12-25', '2025-01-10'];

/** Arbitrary histories of one task: lead/support reports and supervisor actions, in causal (stamp) order. */
const history = (taskIndex: number) =>
  fc
    .array(
      fc.oneof(
        fc.record({ kind: fc.constant('report' as const), unit: fc.nat(3), period: fc.constantFrom(...periods), status: fc.constantFrom(...REPORT_STATUSES) }),
        fc.record({ kind: fc.constantFrom('confirm' as const, 'return' as const, 'extension-approve' as const, 'extension-request' as const, 'urge' as const) }),
      ),
      { maxLength: 12 },
    )
    .map((events) => {
      const task = records.tasks[taskIndex]!;
      const units = [...task.lead, ...task.support, ...task.implement];
      const reports: Report[] = [];
      const actions: Action[] = [];
      for (const e of events) {
        if (e.kind === 'report') reports.push(report(records, taskIndex, 0, e.period, { unitId: units[e.unit % units.length]!, status: e.status }));
        else actions.push(action(records, taskIndex, e.kind, e.kind === 'extension-approve' ? { newDeadline: '2024-09-30' } : {}));
      }
      return { reports, actions };
    });

const shuffle = <T>(xs: T[], seed: number) => xs.map((x, i) => ({ x, k: (i * 7919 + seed) % 101 })).sort((a, b) => a.k - b.k).map((e) => e.x);

describe('standing invariants (property)', () => {
  it('done is green; confirmed implies done; overdue and not done is red; there is always a reason', () => {
    fc.assert(
      fc.property(fc.nat(2), fc.constantFrom(...days), fc.nat(2).chain((i) => history(i).map((h) => ({ i, h }))), (_, today, { i, h }) => {
        const s = computeStanding({ plan: records.plan, task: records.tasks[i]!, reports: h.reports, actions: h.actions, today });
        expect(s.reasons.length).toBeGreaterThan(0);
        if (s.status === 'done') expect(s.light).toBe('green');
        if (s.confirmed) expect(s.status).toBe('done');
        if (s.status !== 'done' && s.status !== 'ongoing' && s.effectiveDeadline && s.effectiveDeadline < today) expect(s.light).toBe('red');
        if (s.status === 'delayed') expect(s.light).toBe('red');
      }),
      { numRuns: 300 },
    );
  });

  it('does not depend on the order rows arrive in (sync may deliver them in any order)', () => {
    fc.assert(
      fc.property(fc.nat(2).chain((i) => history(i).map((h) => ({ i, h }))), fc.nat(100), fc.constantFrom(...days), ({ i, h }, seed, today) => {
        const task = records.tasks[i]!;
        const a = computeStanding({ plan: records.plan, task, reports: h.reports, actions: h.actions, today });
        const b = computeStanding({ plan: records.plan, task, reports: shuffle(h.reports, seed), actions: shuffle(h.actions, seed + 1), today });
        expect(b).toEqual(a);
      }),
      { numRuns: 200 },
    );
  });
});

describe('filter invariants (property)', () => {
  const reports = [report(records, 0, 0, '2024-Q2'), report(records, 1, 0, '2024-Q2', { status: 'done' }), report(records, 2, 0, '2024-Q1', { status: 'ongoing' })];
  const standings = computeStandings({ plan: records.plan, tasks: records.tasks, reports, actions: [], today: '2024-06-25' });
  const rows = records.tasks.map((task) => ({ task, standing: standings.get(task.id)! }));
  const ctx = { today: '2024-06-25', unitNames: new Map(records.units.map((u) => [u.id, u.name])) };
  const filterArb: fc.Arbitrary<TaskFilter> = fc.record(
    {
      text: fc.constantFrom('', '证照', '市', '卫生 机制', '无此词'),
      unitId: fc.constantFrom(...records.units.map((u) => u.id)),
      role: fc.constantFrom('lead' as const, 'support' as const, 'implement' as const),
      statuses: fc.subarray([...REPORT_STATUSES, 'none' as const]),
      lights: fc.subarray(['red' as const, 'yellow' as const, 'green' as const, 'grey' as const]),
      deadlineWithinDays: fc.nat(400),
      overdueOnly: fc.boolean(),
    },
    { requiredKeys: [] },
  );
  it('keeps order, and two filters combined give the intersection', () => {
    fc.assert(
      fc.property(filterArb, filterArb, (f, g) => {
        const a = filterTaskRows(rows, f, ctx);
        expect(rows.filter((r) => a.includes(r))).toEqual(a);
        const disjoint = Object.keys(f).every((k) => !(k in g)) && !('role' in f && !('unitId' in f)) && !('role' in g && !('unitId' in g));
        if (disjoint && !('role' in f) && !('role' in g)) {
          const both = filterTaskRows(rows, { ...f, ...g }, ctx);
          const b = filterTaskRows(rows, g, ctx);
          expect(both).toEqual(a.filter((r) => b.includes(r)));
        }
      }),
      { numRuns: 300 },
    );
  });
});
