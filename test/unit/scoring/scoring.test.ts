import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildPlanRecords, formatStamp, randomId, reportId, type Action, type PlanRecords, type Report, type ReportStatus, type ScoreAdjustment, type Task } from '../../../shared/model';
import type { ParsedTask } from '../../../shared/parser/types';
import { computeScores, evidenceIds, periodsDueIn, windowKey, type ScoreWindow, type UnitScore } from '../../../shared/scoring/compute';
import { DEFAULT_SCORE_ITEMS, checkItems, schemeItems } from '../../../shared/scoring/scheme';

/**
 * 考核 of seed 002 (63 tasks, eight lead units) with reports over the four quarters of 2023. Scores are derived, and
 * each lists the records that produced it: changing one report changes only scores whose lists name it.
 */
const expected = JSON.parse(readFileSync(join(process.cwd(), 'test/fixtures/expected/002_e07f66075fad0f3c.json'), 'utf8')) as { title: string; docNumber: string; date: string; tasks: ParsedTask[] };
const DUE = ['2023-03-20', '2023-06-20', '2023-09-20', '2023-12-20'];
const PERIODS = ['2023-Q1', '2023-Q2', '2023-Q3', '2023-Q4'];
const WINDOWS: ScoreWindow[] = [{ kind: 'year', year: 2023 }, ...([1, 2, 3, 4] as const).map((quarter) => ({ kind: 'quarter' as const, year: 2023, quarter }))];
const TODAY = '2024-01-15';

/** Seed 002 as a plan; every third task due in 2023 (spread over the quarters), every fifth with a target. */
function plan002(): PlanRecords {
  const tasks = expected.tasks.map((t, i) => ({
    ...t,
    deadline: i % 3 === 0 ? { text: '', date: `2023-${String(((i / 3) % 12) + 1).padStart(2, '0')}-28`, kind: 'date' as const } : t.deadline,
    ...(i % 5 === 0 ? { targets: [{ id: 't1', indicator: '抽检合格率', unit: '%', direction: '>=' as const, value: 95, deadline: i % 2 ? '2023-12-31' : null, text: '' }] } : {}),
  }));
  return buildPlanRecords(
    { title: expected.title, docNumber: expected.docNumber, issuer: null, date: expected.date, source: null, leadRule: 'columns', cadence: { every: 'quarter', day: 20 }, tasks },
    { stamp: formatStamp(1, 0, 'sup'), office: '市市场监管局', device: 'sup', now: new Date('2022-12-08T00:00:00Z') },
  );
}
const records = plan002();
const scoredTasks = records.tasks.filter((t) => t.lead.length > 0);

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

let clock = 1000;
function report(task: Task, unit: string, q: number, offset: number, status: ReportStatus, value?: number): Report {
  return {
    id: reportId(task.id, unit, PERIODS[q]!),
    stamp: formatStamp(1_672_000_000_000 + clock++ * 1000, 0, 'dept'),
    by: 'x',
    planId: task.planId,
    taskId: task.id,
    unitId: unit,
    period: PERIODS[q]!,
    status,
    progress: '推进中',
    problems: '',
    nextSteps: '',
    percent: null,
    attachments: [],
    author: '',
    reportedAt: `${addDays(DUE[q]!, offset)}T02:00:00.000Z`,
    ...(value !== undefined && task.targets ? { values: [{ target: 't1', value }] } : {}),
  };
}

const scoreAll = (reports: readonly Report[], actions: readonly Action[], adjustments: readonly ScoreAdjustment[] = []) =>
  new Map(
    WINDOWS.map((w) => [
      windowKey(w),
      computeScores({ plan: records.plan, tasks: records.tasks, units: records.units, reports, actions, adjustments, items: DEFAULT_SCORE_ITEMS, window: w, today: TODAY }),
    ]),
  );

const itemScore = (s: UnitScore, kind: string) => s.items.find((i) => i.kind === kind)!.score;

describe('考核 scores for seed 002 over four quarters', () => {
  it('reporting and completion lists match an independent count of the data', () => {
    // Simple data: every lead reports in Q1–Q3 (Q2 late for the first ten tasks), nothing in Q4; no 销号 or 退回.
    const reports: Report[] = [];
    scoredTasks.forEach((task, i) => {
      for (const unit of task.lead) for (const q of [0, 1, 2]) reports.push(report(task, unit, q, q === 1 && i < 10 ? 3 : -2, 'in-progress', 90));
    });
    const byWindow = scoreAll(reports, []);
    for (const w of WINDOWS) {
      const due = periodsDueIn(records.plan, w.kind === 'year' ? '2023-01-01' : `2023-${String((w.kind === 'quarter' ? w.quarter - 1 : 0) * 3 + 1).padStart(2, '0')}-01`, w.kind === 'year' ? '2023-12-31' : `2023-${String((w.kind === 'quarter' ? w.quarter : 4) * 3).padStart(2, '0')}-31`);
      for (const s of byWindow.get(windowKey(w))!) {
        const led = scoredTasks.filter((t) => t.lead.includes(s.unitId));
        // Oracle: every (lead task, period due in the window) is owed; on time when reported by the 20th.
        let owed = 0;
        let onTime = 0;
        for (const t of led) {
          for (const p of due) {
            owed++;
            const r = reports.find((x) => x.taskId === t.id && x.unitId === s.unitId && x.period === p);
            if (r && r.reportedAt.slice(0, 10) <= DUE[PERIODS.indexOf(p)]!) onTime++;
          }
        }
        const item = s.items.find((i) => i.kind === 'on-time-reporting')!;
        expect([item.numerator, item.denominator], `${s.name} ${windowKey(w)}`).toEqual([onTime, owed]);
        expect(item.evidence.filter((e) => e.effect === 'credit').every((e) => e.reportId && reports.some((r) => r.id === e.reportId))).toBe(true);
        // Completion: lead tasks due in the window (by the end of 2023, all past): none 销号, so none on time.
        const completion = s.items.find((i) => i.kind === 'on-time-completion')!;
        const start = w.kind === 'year' ? '2023-01-01' : `2023-${String((w.quarter - 1) * 3 + 1).padStart(2, '0')}-01`;
        const end = w.kind === 'year' ? '2023-12-31' : `2023-${String(w.quarter * 3).padStart(2, '0')}-31`;
        expect(completion.denominator).toBe(led.filter((t) => t.deadline?.date && t.deadline.date >= start && t.deadline.date <= end).length);
        expect(completion.numerator).toBe(0);
        const overdue = s.items.find((i) => i.kind === 'overdue')!;
        expect(overdue.numerator).toBe(completion.denominator);
      }
    }
    // Ranking: totals in descending order, equal totals share a rank.
    const year = byWindow.get('2023')!;
    for (let i = 1; i < year.length; i++) {
      expect(year[i]!.total).toBeLessThanOrEqual(year[i - 1]!.total);
      expect(year[i]!.rank).toBe(year[i]!.total === year[i - 1]!.total ? year[i - 1]!.rank : i + 1);
    }
  });

  it('销号, 退回 and discretionary points appear in the lists that produced the scores', () => {
    const task = scoredTasks.find((t) => t.deadline?.date && t.deadline.date < '2023-04-01')!;
    const unit = task.lead[0]!;
    const reports = [report(task, unit, 0, -5, 'done')];
    const confirm: Action = { id: randomId('act'), stamp: formatStamp(1_690_000_000_000, 0, 'sup'), by: '市市场监管局', planId: task.planId, taskId: task.id, unitId: null, kind: 'confirm', text: '', date: addDays(task.deadline!.date!, -1), newDeadline: null };
    const ret: Action = { ...confirm, id: randomId('act'), stamp: formatStamp(1_680_000_000_000, 0, 'sup'), kind: 'return', text: '佐证材料不全', date: '2023-03-25' };
    const bonus: ScoreAdjustment = { id: 'adj_0000000000000001', stamp: formatStamp(1_700_000_000_000, 0, 'sup'), by: '市市场监管局', planId: task.planId, unitId: unit, period: '2023-Q3', points: 3, reason: '经验做法获省局推广', date: '2023-09-30' };
    const year = computeScores({ plan: records.plan, tasks: records.tasks, units: records.units, reports, actions: [ret, confirm], adjustments: [bonus], items: DEFAULT_SCORE_ITEMS, window: { kind: 'year', year: 2023 }, today: TODAY }).find((s) => s.unitId === unit)!;
    const completion = year.items.find((i) => i.kind === 'on-time-completion')!;
    expect(completion.evidence.find((e) => e.taskId === task.id)).toMatchObject({ effect: 'credit', actionId: confirm.id });
    expect(year.items.find((i) => i.kind === 'returned')!.evidence).toEqual([expect.objectContaining({ actionId: ret.id, text: expect.stringContaining('佐证材料不全') })]);
    expect(itemScore(year, 'returned')).toBe(-1);
    expect(year.items.find((i) => i.kind === 'discretionary')).toMatchObject({ score: 3, evidence: [expect.objectContaining({ adjustmentId: bonus.id })] });
    // Later quarters: the 销号 task owes no more reports, listed as not counted.
    const reporting = year.items.find((i) => i.kind === 'on-time-reporting')!;
    expect(reporting.evidence.filter((e) => e.taskId === task.id && e.effect === 'info').map((e) => e.period)).toEqual(['2023-Q1', '2023-Q2', '2023-Q3', '2023-Q4']);
    // The Q1 score holds no Q3 points.
    const q1 = computeScores({ plan: records.plan, tasks: records.tasks, units: records.units, reports, actions: [ret, confirm], adjustments: [bonus], items: DEFAULT_SCORE_ITEMS, window: { kind: 'quarter', year: 2023, quarter: 1 }, today: TODAY }).find((s) => s.unitId === unit)!;
    expect(itemScore(q1, 'discretionary')).toBe(0);
  });

  it('deleting an on-time 已完成 makes the period after it owed again: a later report is credited there', () => {
    const task = scoredTasks[0]!;
    const unit = task.lead[0]!;
    const done = report(task, unit, 0, -5, 'done');
    const later = [report(task, unit, 1, -3, 'in-progress'), report(task, unit, 2, -3, 'in-progress')];
    const year = (reports: Report[]) =>
      computeScores({ plan: records.plan, tasks: records.tasks, units: records.units, reports, actions: [], adjustments: [], items: DEFAULT_SCORE_ITEMS, window: { kind: 'year', year: 2023 }, today: TODAY })
        .find((s) => s.unitId === unit)!
        .items.find((i) => i.kind === 'on-time-reporting')!
        .evidence.filter((e) => e.taskId === task.id)
        .map((e) => [e.period, e.effect, e.reportId ?? null]);
    // Q2 follows an 已完成: not owed. Q2's 进行中 reopens the task, so Q3 and Q4 are owed.
    expect(year([done, ...later])).toEqual([
      ['2023-Q1', 'credit', done.id],
      ['2023-Q2', 'info', later[0]!.id],
      ['2023-Q3', 'credit', later[1]!.id],
      ['2023-Q4', 'debit', null],
    ]);
    expect(year(later)).toEqual([
      ['2023-Q1', 'debit', null],
      ['2023-Q2', 'credit', later[0]!.id],
      ['2023-Q3', 'credit', later[1]!.id],
      ['2023-Q4', 'debit', null],
    ]);
  });

  it('property: changing one report changes exactly the scores that depend on it', () => {
    const statuses: ReportStatus[] = ['in-progress', 'in-progress', 'done', 'delayed', 'ongoing', 'not-started'];
    const data = fc.record({
      reports: fc.array(fc.record({ task: fc.nat(scoredTasks.length - 1), q: fc.nat(3), offset: fc.integer({ min: -25, max: 20 }), status: fc.nat(statuses.length - 1), value: fc.integer({ min: 60, max: 100 }) }), { minLength: 20, maxLength: 120 }),
      confirms: fc.array(fc.record({ task: fc.nat(scoredTasks.length - 1), day: fc.integer({ min: 0, max: 360 }), kind: fc.constantFrom('confirm' as const, 'return' as const) }), { maxLength: 8 }),
      pick: fc.nat(),
      mutation: fc.constantFrom('delete', 'late', 'status', 'value'),
    });
    fc.assert(
      fc.property(data, ({ reports: specs, confirms, pick, mutation }) => {
        clock = 1000;
        const byId = new Map<string, Report>();
        for (const s of specs) {
          const task = scoredTasks[s.task]!;
          const r = report(task, task.lead[0]!, s.q, s.offset, statuses[s.status]!, s.value);
          byId.set(r.id, r);
        }
        const reports = [...byId.values()];
        const actions: Action[] = confirms.map((c, i) => {
          const task = scoredTasks[c.task]!;
          const date = addDays('2023-01-01', c.day);
          return { id: `act_${String(i).padStart(16, '0')}`, stamp: formatStamp(new Date(`${date}T12:00:00Z`).getTime(), 0, 'sup'), by: '市市场监管局', planId: task.planId, taskId: task.id, unitId: null, kind: c.kind, text: '', date, newDeadline: null };
        });
        const target = reports[pick % reports.length]!;
        let changedReports: Report[];
        if (mutation === 'delete') changedReports = reports.filter((r) => r !== target);
        else {
          const next: Report =
            mutation === 'late'
              ? { ...target, reportedAt: `${addDays(target.reportedAt.slice(0, 10), 40)}T02:00:00.000Z` }
              : mutation === 'status'
                ? { ...target, status: target.status === 'done' ? 'in-progress' : 'done' }
                : { ...target, values: target.values ? [{ target: 't1', value: target.values[0]!.value >= 95 ? 50 : 99 }] : undefined };
          changedReports = reports.map((r) => (r === target ? next : r));
        }
        const before = scoreAll(reports, actions);
        const after = scoreAll(changedReports, actions);
        for (const w of WINDOWS) {
          const key = windowKey(w);
          const a = new Map(after.get(key)!.map((s) => [s.unitId, s]));
          for (const b of before.get(key)!) {
            const x = a.get(b.unitId)!;
            const changed = JSON.stringify(b.items.map((i) => i.score)) !== JSON.stringify(x.items.map((i) => i.score));
            const depends = evidenceIds(b).has(target.id) || evidenceIds(x).has(target.id);
            // No score changes unless its list names the report…
            if (changed && !depends) throw new Error(`${b.name} ${key} changed without naming ${target.id}`);
            // …and deleting a report counted on time takes exactly its credit from the reporting rate that counted it
            // (no 销号 on the task): one credit fewer, the same periods owed. Not for an 已完成: it also ends the
            // unit's later obligations, so deleting it makes those periods owed again and later reports may be
            // credited there (the case above). The rounded score is not compared: 17/357 and 17/358 both show 1.9.
            const reporting = (s: UnitScore) => s.items.find((i) => i.kind === 'on-time-reporting')!;
            const counted = reporting(b).evidence.some((e) => e.reportId === target.id && e.effect === 'credit');
            const noConfirm = !actions.some((act) => act.taskId === target.taskId);
            if (mutation === 'delete' && counted && noConfirm && target.status !== 'done') {
              expect([reporting(x).numerator, reporting(x).denominator]).toEqual([reporting(b).numerator - 1, reporting(b).denominator]);
            }
          }
        }
        // Units that do not answer for the report's task keep every score.
        const task = records.tasks.find((t) => t.id === target.taskId)!;
        for (const w of WINDOWS) for (const b of before.get(windowKey(w))!) {
          if (task.lead.includes(b.unitId)) continue;
          expect(after.get(windowKey(w))!.find((s) => s.unitId === b.unitId)!.total).toBe(b.total);
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe('a plan entered in the app after its issue date', () => {
  it('owes nothing for the periods before it was entered: no reporting lines for them, and undated targets are not scored there', () => {
    // Seed 002 entered on 2023-08-01: Q1 and Q2 (due 03-20, 06-20) were never owed.
    const late = { ...records.plan, createdAt: '2023-08-01T02:00:00.000Z' };
    const score = (w: ScoreWindow) => computeScores({ plan: late, tasks: records.tasks, units: records.units, reports: [], actions: [], adjustments: [], items: DEFAULT_SCORE_ITEMS, window: w, today: TODAY });
    const q1 = score({ kind: 'quarter', year: 2023, quarter: 1 });
    for (const unit of q1) {
      const reporting = unit.items.find((i) => i.kind === 'on-time-reporting')!;
      expect(reporting.evidence).toEqual([]);
      expect(reporting.note).toBe('考核期内无应报期次，按满分计');
      // An undated target is judged by the window's reports: none was due, so it is not counted against the unit.
      expect(unit.items.find((i) => i.kind === 'targets-met')!.evidence.filter((e) => e.effect === 'debit' && e.text.includes('未报送指标值'))).toEqual([]);
    }
    // Q3 was owed: nothing reported is a debit there.
    const q3 = score({ kind: 'quarter', year: 2023, quarter: 3 });
    expect(q3.some((u) => u.items.find((i) => i.kind === 'on-time-reporting')!.evidence.some((e) => e.effect === 'debit'))).toBe(true);
  });
});

describe('the scheme', () => {
  it('a year without its own scheme takes the previous year’s, else the defaults; edits are checked', () => {
    const mine = { id: 'scs_000000000000000001', stamp: formatStamp(1, 0, 'sup'), by: 'x', planId: records.plan.id, year: 2023, items: [{ ...DEFAULT_SCORE_ITEMS[0]!, points: 50 }] };
    expect(schemeItems([], records.plan.id, 2023)).toMatchObject({ from: null, items: DEFAULT_SCORE_ITEMS });
    const next = schemeItems([mine], records.plan.id, 2024);
    expect(next.from).toBe(2023);
    expect(next.items[0]!.points).toBe(50);
    expect(next.items.filter((i) => !i.enabled).map((i) => i.kind)).toEqual(['on-time-completion', 'targets-met', 'overdue', 'returned', 'discretionary']);
    expect(checkItems([{ ...DEFAULT_SCORE_ITEMS[0]!, points: '四十' }])).toEqual({ ok: false, message: '「按时报送率」的分值应为 0–1000 的数字' });
    expect(checkItems([DEFAULT_SCORE_ITEMS[0], DEFAULT_SCORE_ITEMS[0]])).toEqual({ ok: false, message: '「按时报送率」重复' });
    expect(checkItems([])).toEqual({ ok: false, message: '至少需要一个考核项' });
  });
});
