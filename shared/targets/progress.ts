import type { ReportHead, Target, Task } from '../model/schemas';
import { daysBetween } from '../tracking/dates';

/**
 * A task's quantitative targets against the values its responsible units report.
 *
 * The value of a target is the newest one reported for it (latest period, then latest change) by a responsible unit.
 * A numeric target with a deadline has a straight-line path from its baseline on the plan's start day to the target
 * value on its deadline; a value behind the path today is "behind" (the task's light turns yellow). A target without
 * a deadline is a standing requirement ("跟踪服务率应当达到100%"): a value short of it is behind. A ≤ target without a
 * baseline above it is a cap: behind as soon as the value exceeds it. A qualitative milestone (no value) is met when
 * the task is done; its lateness is the deadline rule's business, not this one's.
 */

export type TargetState = 'met' | 'on-track' | 'behind' | 'no-value' | 'milestone';
export const TARGET_STATE_LABELS: Record<TargetState, string> = {
  met: '已达标',
  'on-track': '按进度',
  behind: '落后于进度',
  'no-value': '未报指标值',
  milestone: '定性目标',
};
export const DIRECTION_LABELS: Record<Target['direction'], string> = { '>=': '≥', '<=': '≤', '=': '=' };

export interface TargetReading {
  target: Target;
  value: number | null;
  /** The report the value came from. */
  report: ReportHead | null;
  /** Where the straight-line path stands today (null: no path — a milestone, or no value reported). */
  expected: number | null;
  state: TargetState;
  /** One line of Chinese: "跟踪服务率 85%（目标 ≥100%，按进度应达 60%）". */
  text: string;
}

const EPS = 1e-9;
const fmt = (n: number) => (Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100));

/** Does `value` satisfy `bound` in the target's direction? ("=" allows 5% either way, as 左右 means.) */
export function satisfies(direction: Target['direction'], value: number, bound: number): boolean {
  if (direction === '>=') return value >= bound - EPS;
  if (direction === '<=') return value <= bound + EPS;
  return Math.abs(value - bound) <= Math.max(EPS, Math.abs(bound) * 0.05);
}

/** The newest reported value of a target from the given units (latest period, then latest change). */
export function latestValue(target: Target, reports: readonly ReportHead[], units: readonly string[]): { value: number; report: ReportHead } | null {
  let best: { value: number; report: ReportHead } | null = null;
  for (const r of reports) {
    if (r.deleted || !units.includes(r.unitId)) continue;
    const v = r.values?.find((x) => x.target === target.id);
    if (!v) continue;
    if (!best || r.period > best.report.period || (r.period === best.report.period && r.stamp > best.report.stamp)) best = { value: v.value, report: r };
  }
  return best;
}

/** The straight-line path's value on `today` (the target itself once the deadline is reached, or without a deadline). */
export function expectedOnPath(target: Target, startDay: string, today: string): number | null {
  if (target.value === null) return null;
  const baseline = target.baseline ?? null;
  // A cap without a baseline above it: the bound holds from the start.
  if (target.direction === '<=' && (baseline === null || baseline <= target.value)) return target.value;
  if (!target.deadline) return target.value;
  const from = baseline ?? 0;
  const total = daysBetween(startDay, target.deadline);
  if (total <= 0) return target.value;
  const elapsed = Math.min(total, Math.max(0, daysBetween(startDay, today)));
  return from + ((target.value - from) * elapsed) / total;
}

/** The direction the path is judged in: "=" follows the way from the baseline to the target. */
function pathDirection(target: Target): Target['direction'] {
  if (target.direction !== '=') return target.direction;
  return (target.baseline ?? 0) > (target.value ?? 0) ? '<=' : '>=';
}

export function readTarget(target: Target, reports: readonly ReportHead[], units: readonly string[], startDay: string, today: string, done: boolean): TargetReading {
  const goal = target.value === null ? target.indicator : `${DIRECTION_LABELS[target.direction]}${fmt(target.value)}${target.unit}`;
  const by = target.deadline ? `，${target.deadline} 前` : '';
  if (target.value === null) {
    return { target, value: null, report: null, expected: null, state: done ? 'met' : 'milestone', text: `${target.indicator}（定性目标${by}${done ? '，已完成' : ''}）` };
  }
  const latest = latestValue(target, reports, units);
  if (!latest) return { target, value: null, report: null, expected: null, state: 'no-value', text: `${target.indicator}：尚未报送指标值（目标 ${goal}${by}）` };
  const expected = expectedOnPath(target, startDay, today);
  const met = satisfies(target.direction, latest.value, target.value);
  const behind = !met && expected !== null && !satisfies(pathDirection(target), latest.value, expected);
  const onPath = expected !== null && expected !== target.value ? `，按进度应达 ${fmt(expected)}${target.unit}` : '';
  return {
    target,
    value: latest.value,
    report: latest.report,
    expected,
    state: met ? 'met' : behind ? 'behind' : 'on-track',
    text: `${target.indicator} ${fmt(latest.value)}${target.unit}（目标 ${goal}${by}${onPath}）`,
  };
}

/** Every target of a task, read against the responsible units' reports. */
export function readTaskTargets(input: { task: Task; reports: readonly ReportHead[]; units: readonly string[]; startDay: string; today: string; done: boolean }): TargetReading[] {
  return (input.task.targets ?? []).map((t) => readTarget(t, input.reports, input.units, input.startDay, input.today, input.done));
}
