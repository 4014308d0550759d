import { comparePeriods, nextPeriodOf, periodEndDay, periodLabel, periodStartDay, previousPeriodOf } from '../model/periods';
import type { Action, Plan, ReportHead, ScoreAdjustment, ScoreItem, Target, Task, Unit } from '../model/schemas';
import { satisfies } from '../targets/progress';
import { dayOfDateTime, periodDueDay, periodOfDay } from '../tracking/dates';
import { latestReportsByUnit } from '../tracking/latest';
import { confirmationOf, reportingStartDay, responsibleUnits, taskPeriodState } from '../tracking/reporting';
import { firstReportedAt } from '../tracking/revisions';
import { effectiveDeadlineOf, indexByTask } from '../tracking/standing';
import { compareNames } from '../text/compareNames';

/**
 * 考核 scores: derived from the plan's tasks, reports, supervisor actions and discretionary points — never stored.
 * Every item of every unit's score carries the list of tasks, reports and actions that produced it (`evidence`),
 * so a unit can see why; a record that is not in a score's evidence cannot change that score.
 *
 * A unit is scored on the tasks it answers for (its lead tasks; for a task without a lead, its responsible units),
 * over a window (a year or a quarter), as of today or the window's end, whichever is earlier:
 * - 按时报送率: the reporting periods whose due day falls in the window and has passed; each (task, period) the unit
 *   owed is on time, late or missing by the one reporting-state rule (shared/tracking/reporting.ts);
 * - 按期完成率: lead tasks whose (extended) deadline falls in the window and has passed; on time when the 销号 in
 *   force is dated on or before the deadline;
 * - 量化指标达成率: targets of those tasks due in the window (a target without a deadline counts in every window,
 *   judged by the last value reported for a period of the window); met when the value satisfies the target
 *   (a qualitative milestone when the task was 销号 by its deadline);
 * - 逾期任务: tasks due in the window and past it, not 销号 by the deadline;
 * - 被退回: 退回 actions in the window on the unit's tasks (addressed to it or to all);
 * - 酌情加减分: the supervisor's points for the unit in periods ending in the window.
 */

export type ScoreWindow = { kind: 'year'; year: number } | { kind: 'quarter'; year: number; quarter: 1 | 2 | 3 | 4 };

export function windowRange(w: ScoreWindow): { start: string; end: string; label: string } {
  if (w.kind === 'year') return { start: `${w.year}-01-01`, end: `${w.year}-12-31`, label: `${w.year}年度` };
  const first = (w.quarter - 1) * 3 + 1;
  const last = first + 2;
  const lastDay = new Date(w.year, last, 0).getDate();
  return { start: `${w.year}-${String(first).padStart(2, '0')}-01`, end: `${w.year}-${String(last).padStart(2, '0')}-${lastDay}`, label: `${w.year}年第${'一二三四'[w.quarter - 1]}季度` };
}

export function windowKey(w: ScoreWindow): string {
  return w.kind === 'year' ? String(w.year) : `${w.year}-Q${w.quarter}`;
}

export interface Evidence {
  taskId?: string;
  taskNumber?: string;
  period?: string;
  reportId?: string;
  actionId?: string;
  adjustmentId?: string;
  targetId?: string;
  /** credit: counts for the unit; debit: against it; info: shown, not counted. */
  effect: 'credit' | 'debit' | 'info';
  text: string;
  /** Further records that decided this line (an earlier 已完成 report, a 销号 and what could undo it, …). */
  basis?: string[];
}

export interface ItemScore {
  kind: ScoreItem['kind'];
  label: string;
  score: number;
  /** Counted in favour, and out of how many (rate items); occurrences (deductions); points (discretionary). */
  numerator: number;
  denominator: number;
  note: string;
  evidence: Evidence[];
}

export interface UnitScore {
  unitId: string;
  name: string;
  items: ItemScore[];
  total: number;
  rank: number;
}

export interface ScoringInput {
  plan: Plan;
  tasks: readonly Task[];
  units: readonly Unit[];
  reports: readonly ReportHead[];
  actions: readonly Action[];
  adjustments: readonly ScoreAdjustment[];
  items: readonly ScoreItem[];
  window: ScoreWindow;
  today: string;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Reporting periods of the plan whose due day falls in [start, end]. */
export function periodsDueIn(plan: Pick<Plan, 'cadence'>, start: string, end: string): string[] {
  let p: string | null = periodOfDay(start, plan.cadence);
  for (let i = 0; i < 2 && p; i++) p = previousPeriodOf(p, plan.cadence) ?? p;
  const out: string[] = [];
  for (let guard = 0; p && guard < 500; guard++) {
    const due = periodDueDay(p, plan.cadence);
    if (due > end && periodEndDay(p) > end) break;
    if (due >= start && due <= end) out.push(p);
    const next = nextPeriodOf(p, plan.cadence);
    if (next === p) break;
    p = next;
  }
  return out;
}

/**
 * The period a 酌情加减分 is entered for unless the supervisor picks another, from `offered` (the periods the dialog
 * lists). Of the offered periods that count in the window (those ending in it, as `discretionary` counts them) — or
 * of all offered when none does — the plan's current period (its cadence's period of today), else the latest one
 * begun by today (a past window: its last period), else the first (a window still to come). Works for every cadence:
 * a monthly plan's 二季度 offers its June (or this month while in it), not the year's first period.
 */
export function defaultAdjustmentPeriod(plan: Pick<Plan, 'cadence'>, window: ScoreWindow, offered: readonly string[], today: string): string | undefined {
  const { start, end } = windowRange(window);
  const inWindow = offered.filter((p) => {
    const endDay = periodEndDay(p);
    return endDay >= start && endDay <= end;
  });
  const candidates = inWindow.length ? inWindow : offered;
  const current = periodOfDay(today, plan.cadence);
  if (candidates.includes(current)) return current;
  const begun = candidates.filter((p) => periodStartDay(p, plan.cadence) <= today).sort(comparePeriods);
  return begun[begun.length - 1] ?? [...candidates].sort(comparePeriods)[0];
}

interface TaskFacts {
  task: Task;
  reports: ReportHead[];
  actions: Action[];
  responsible: string[];
  deadline: string | null;
  confirm: Action | null;
  /** Records that decide the task's 销号 in force: its 销号 and 退回 actions and the reports that could undo a 销号. */
  confirmBasis: string[];
}

function confirmBasisOf(reports: readonly ReportHead[], actions: readonly Action[], responsible: readonly string[]): string[] {
  const confirms = actions.filter((a) => a.kind === 'confirm');
  if (!confirms.length) return [];
  const earliest = confirms.reduce((m, a) => (a.stamp < m ? a.stamp : m), confirms[0]!.stamp);
  return [
    ...actions.filter((a) => a.kind === 'confirm' || a.kind === 'return').map((a) => a.id),
    ...reports.filter((r) => responsible.includes(r.unitId) && r.stamp > earliest).map((r) => r.id),
  ];
}

function rate(item: ScoreItem, evidence: Evidence[], emptyNote: string): ItemScore {
  const counted = evidence.filter((e) => e.effect !== 'info');
  const credit = counted.filter((e) => e.effect === 'credit').length;
  const denominator = counted.length;
  const score = denominator === 0 ? item.points : (item.points * credit) / denominator;
  return {
    kind: item.kind,
    label: item.label,
    score: round2(score),
    numerator: credit,
    denominator,
    note: denominator === 0 ? emptyNote : `${credit}/${denominator}，得 ${round2(score)} 分`,
    evidence,
  };
}

function deduction(item: ScoreItem, evidence: Evidence[], unit: string): ItemScore {
  const count = evidence.filter((e) => e.effect === 'debit').length;
  const taken = Math.min(item.cap, item.points * count);
  return { kind: item.kind, label: item.label, score: round2(-taken), numerator: count, denominator: 0, note: count ? `${count} ${unit}，扣 ${round2(taken)} 分${taken < item.points * count ? `（已达上限 ${item.cap} 分）` : ''}` : '无', evidence };
}

/** Scores of every unit the plan's tasks answer to, ranked (equal totals share a rank). */
export function computeScores(input: ScoringInput): UnitScore[] {
  const { plan, window, today } = input;
  const { start, end } = windowRange(window);
  const asOf = today < end ? today : end;
  const reportsByTask = indexByTask(input.reports.filter((r) => !r.deleted));
  const actionsByTask = indexByTask(input.actions.filter((a) => !a.deleted));
  const facts: TaskFacts[] = input.tasks
    .filter((t) => !t.deleted)
    .map((task) => {
      const reports = reportsByTask.get(task.id) ?? [];
      const actions = actionsByTask.get(task.id) ?? [];
      const responsible = responsibleUnits(task);
      return {
        task,
        reports,
        actions,
        responsible,
        deadline: effectiveDeadlineOf(task, actions),
        confirm: confirmationOf(task.id, latestReportsByUnit(reports, new Set(responsible)), actions),
        confirmBasis: confirmBasisOf(reports, actions, responsible),
      };
    });
  // The periods scored: due in the window, passed, and owed at all (not before the plan was issued and entered:
  // reportingStartDay) — periods before it are left out rather than listed task by task as 不计入, so a period
  // scored is never "not owed" for that reason (reportingEvidence says only 销号 or an earlier 已完成).
  const startsOwing = reportingStartDay(plan);
  const periods = periodsDueIn(plan, start, end).filter((p) => periodDueDay(p, plan.cadence) < today && periodDueDay(p, plan.cadence) >= startsOwing);
  const names = new Map(input.units.map((u) => [u.id, u.name]));
  const unitIds = [...new Set(facts.flatMap((f) => f.responsible))];
  const enabled = input.items.filter((i) => i.enabled);

  const scores: UnitScore[] = unitIds.map((unitId) => {
    const mine = facts.filter((f) => f.responsible.includes(unitId));
    const items = enabled.map((item): ItemScore => {
      switch (item.kind) {
        case 'on-time-reporting':
          return rate(item, reportingEvidence(plan, mine, unitId, periods, today), '考核期内无应报期次，按满分计');
        case 'on-time-completion':
          return rate(item, completionEvidence(mine, start, asOf), '考核期内无到期任务，按满分计');
        case 'targets-met':
          return rate(item, targetEvidence(mine, start, end, asOf, periods.length > 0), '考核期内无应考核的量化指标，按满分计');
        case 'overdue':
          return deduction(item, overdueEvidence(mine, start, asOf), '项');
        case 'returned':
          return deduction(item, returnEvidence(mine, unitId, start, asOf), '次');
        case 'discretionary':
          return discretionary(item, input.adjustments, unitId, start, end);
      }
    });
    return { unitId, name: names.get(unitId) ?? '（未知单位）', items, total: round2(items.reduce((s, i) => s + i.score, 0)), rank: 0 };
  });
  scores.sort((a, b) => b.total - a.total || compareNames(a.name, b.name));
  scores.forEach((s, i) => (s.rank = i > 0 && scores[i - 1]!.total === s.total ? scores[i - 1]!.rank : i + 1));
  return scores;
}

function reportingEvidence(plan: Plan, mine: readonly TaskFacts[], unitId: string, periods: readonly string[], today: string): Evidence[] {
  const out: Evidence[] = [];
  for (const f of mine) {
    const returns = f.actions.filter((a) => a.kind === 'return').map((a) => a.id);
    for (const period of periods) {
      const state = taskPeriodState({ plan, task: f.task, reports: f.reports, actions: f.actions, unitId, period, today });
      if (state === 'not-due') continue;
      const report = f.reports.find((r) => r.unitId === unitId && r.period === period);
      // Whether the period is owed at all depends on the unit's earlier reports (an 已完成), 退回 and the 销号.
      const earlier = f.reports.filter((r) => r.unitId === unitId && comparePeriods(r.period, period) < 0).map((r) => r.id);
      const basis = [...earlier, ...returns, ...f.confirmBasis];
      const due = periodDueDay(period, plan.cadence);
      const label = `第 ${f.task.number} 项 ${periodLabel(period)}`;
      const base = { taskId: f.task.id, taskNumber: f.task.number, period, reportId: report?.id, basis };
      if (state === 'not-owed') {
        out.push({ ...base, effect: 'info', text: `${label}：无需报送（${f.confirm && f.confirm.date <= due ? `已于 ${f.confirm.date} 销号` : '此前已报完成'}），不计入` });
        continue;
      }
      const text =
        state === 'reported'
          ? `${label}：按时报送（${dayOfDateTime(firstReportedAt(report!))}，截止 ${due}）`
          : state === 'late'
            ? `${label}：迟报（首次报送 ${dayOfDateTime(firstReportedAt(report!))}，截止 ${due}）`
            : `${label}：未报（截止 ${due}）`;
      out.push({ ...base, effect: state === 'reported' ? 'credit' : 'debit', text });
    }
  }
  return out;
}

/** Tasks whose deadline falls in [start, asOf]: due in the window by now. */
const dueIn = (mine: readonly TaskFacts[], start: string, asOf: string) => mine.filter((f) => f.deadline !== null && f.deadline >= start && f.deadline <= asOf);

function completionEvidence(mine: readonly TaskFacts[], start: string, asOf: string): Evidence[] {
  return dueIn(mine, start, asOf).map((f) => {
    const onTime = !!f.confirm && f.confirm.date <= f.deadline!;
    const text = onTime
      ? `第 ${f.task.number} 项：按期销号（${f.confirm!.date}，时限 ${f.deadline}）`
      : f.confirm
        ? `第 ${f.task.number} 项：逾期后销号（${f.confirm.date}，时限 ${f.deadline}）`
        : `第 ${f.task.number} 项：到期未销号（时限 ${f.deadline}）`;
    return { taskId: f.task.id, taskNumber: f.task.number, actionId: f.confirm?.id, effect: onTime ? 'credit' : 'debit', text, basis: f.confirmBasis };
  });
}

function overdueEvidence(mine: readonly TaskFacts[], start: string, asOf: string): Evidence[] {
  const out: Evidence[] = [];
  for (const f of dueIn(mine, start, asOf)) {
    if (f.deadline! >= asOf && !f.confirm) continue; // due today: not overdue yet
    if (f.confirm && f.confirm.date <= f.deadline!) continue;
    out.push({
      taskId: f.task.id,
      taskNumber: f.task.number,
      actionId: f.confirm?.id,
      effect: 'debit',
      basis: f.confirmBasis,
      text: f.confirm ? `第 ${f.task.number} 项：逾期后才销号（时限 ${f.deadline}，销号 ${f.confirm.date}）` : `第 ${f.task.number} 项：逾期未销号（时限 ${f.deadline}）`,
    });
  }
  return out;
}

/** The last value reported for a target by the task's responsible units in periods ending on or before `until` (and not before `from`). */
function valueOf(f: TaskFacts, target: Target, from: string, until: string): { value: number; report: ReportHead } | null {
  let best: { value: number; report: ReportHead } | null = null;
  for (const r of f.reports) {
    if (!f.responsible.includes(r.unitId)) continue;
    const endDay = periodEndDay(r.period);
    if (endDay < from || endDay > until) continue;
    const v = r.values?.find((x) => x.target === target.id);
    if (!v) continue;
    if (!best || comparePeriods(r.period, best.report.period) > 0 || (r.period === best.report.period && r.stamp > best.report.stamp)) best = { value: v.value, report: r };
  }
  return best;
}

/**
 * `reportDue`: some report of the window was due (and owed) by now. An undated target is judged by the value
 * reported in the window, so it is scored only then — not in a window before the plan, nor before its first
 * report is due.
 */
function targetEvidence(mine: readonly TaskFacts[], start: string, end: string, asOf: string, reportDue: boolean): Evidence[] {
  const out: Evidence[] = [];
  for (const f of mine) {
    for (const t of f.task.targets ?? []) {
      const standing = t.deadline === null;
      if (standing && !reportDue) continue;
      if (!standing && (t.deadline! < start || t.deadline! > asOf)) continue;
      const label = `第 ${f.task.number} 项 ${t.indicator}`;
      if (t.value === null) {
        if (standing) continue; // an undated qualitative aim is not scored
        const met = !!f.confirm && f.confirm.date <= t.deadline!;
        out.push({ taskId: f.task.id, taskNumber: f.task.number, targetId: t.id, actionId: f.confirm?.id, basis: f.confirmBasis, effect: met ? 'credit' : 'debit', text: `${label}：定性目标${met ? '已按期完成（销号）' : '未按期完成'}（时限 ${t.deadline}）` });
        continue;
      }
      const [from, until] = standing ? [start, end] : ['0000-00-00', periodEndOfDeadline(t.deadline!)];
      const found = valueOf(f, t, from, until);
      // Every report that gave a value in range could be the last one.
      const basis = f.reports.filter((r) => f.responsible.includes(r.unitId) && r.values?.some((x) => x.target === t.id) && periodEndDay(r.period) >= from && periodEndDay(r.period) <= until).map((r) => r.id);
      const goal = `${t.direction === '>=' ? '≥' : t.direction === '<=' ? '≤' : '='}${t.value}${t.unit}`;
      if (!found) {
        out.push({ taskId: f.task.id, taskNumber: f.task.number, targetId: t.id, basis, effect: 'debit', text: `${label}：未报送指标值（目标 ${goal}）` });
        continue;
      }
      const met = satisfies(t.direction, found.value, t.value);
      out.push({
        taskId: f.task.id,
        taskNumber: f.task.number,
        targetId: t.id,
        reportId: found.report.id,
        period: found.report.period,
        basis,
        effect: met ? 'credit' : 'debit',
        text: `${label}：${periodLabel(found.report.period)}报 ${found.value}${t.unit}，目标 ${goal}，${met ? '达标' : '未达标'}`,
      });
    }
  }
  return out;
}

/** Reports for periods ending up to the end of the month a target is due in count toward it. */
function periodEndOfDeadline(deadline: string): string {
  const [y, m] = deadline.split('-').map(Number) as [number, number];
  return `${y}-${String(m).padStart(2, '0')}-${new Date(y, m, 0).getDate()}`;
}

function returnEvidence(mine: readonly TaskFacts[], unitId: string, start: string, asOf: string): Evidence[] {
  const out: Evidence[] = [];
  for (const f of mine) {
    for (const a of f.actions) {
      if (a.kind !== 'return' || a.date < start || a.date > asOf) continue;
      if (a.unitId !== null && a.unitId !== unitId) continue;
      out.push({ taskId: f.task.id, taskNumber: f.task.number, actionId: a.id, effect: 'debit', text: `第 ${f.task.number} 项：${a.date} 被退回${a.text ? `（${a.text}）` : ''}` });
    }
  }
  return out;
}

function discretionary(item: ScoreItem, adjustments: readonly ScoreAdjustment[], unitId: string, start: string, end: string): ItemScore {
  const evidence: Evidence[] = [];
  let sum = 0;
  for (const a of adjustments) {
    if (a.deleted || a.unitId !== unitId) continue;
    const endDay = periodEndDay(a.period);
    if (endDay < start || endDay > end) continue;
    sum += a.points;
    evidence.push({ adjustmentId: a.id, period: a.period, effect: a.points >= 0 ? 'credit' : 'debit', text: `${periodLabel(a.period)}：${a.points > 0 ? '加' : '减'} ${Math.abs(a.points)} 分，${a.reason}（${a.date}）` });
  }
  const score = Math.max(-item.cap, Math.min(item.cap, sum));
  return { kind: item.kind, label: item.label, score: round2(score), numerator: round2(sum), denominator: 0, note: evidence.length ? `合计 ${round2(sum)} 分${score !== sum ? `，按上限计 ${round2(score)} 分` : ''}` : '无', evidence };
}

/** The ids of every record a score's evidence names (reports, actions, discretionary points). */
export function evidenceIds(score: UnitScore): Set<string> {
  const out = new Set<string>();
  for (const item of score.items) for (const e of item.evidence) for (const id of [e.reportId, e.actionId, e.adjustmentId, ...(e.basis ?? [])]) if (id) out.add(id);
  return out;
}
