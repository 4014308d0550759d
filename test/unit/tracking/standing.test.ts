import { describe, expect, it } from 'vitest';
import { computeStanding, computeStandings, combineStatuses, indexByTask, LIGHT_LABELS, unitsYetToFinish } from '../../../shared/tracking/standing';
import type { Action, Report } from '../../../shared/model';
import { action, report, samplePlan } from './fixtures';

const records = samplePlan();
const { plan } = records;
const standing = (taskIndex: number, reports: Report[], actions: Action[], today: string) =>
  computeStanding({ plan, task: records.tasks[taskIndex]!, reports, actions, today });

describe('lights', () => {
  it('grey: not started and nothing due soon', () => {
    const s = standing(0, [], [], '2024-04-05');
    expect(s.light).toBe('grey');
    expect(s.status).toBeNull();
    expect(s.reasons.join()).toContain('尚未报送进展，未到期');
    expect(LIGHT_LABELS[s.light]).toBe('灰灯');
  });

  it('grey for a 未启动 report before anything is due', () => {
    const s = standing(1, [report(records, 1, 0, '2024-Q2', { status: 'not-started' }), report(records, 1, 1, '2024-Q2', { status: 'not-started' })], [], '2024-04-05');
    expect(s.status).toBe('not-started');
    expect(s.light).toBe('grey');
  });

  it('green: reported this period and on track', () => {
    const s = standing(1, [report(records, 1, 0, '2024-Q2'), report(records, 1, 1, '2024-Q2')], [], '2024-05-10');
    expect(s.light).toBe('green');
    expect(s.reportedThisPeriod).toBe(true);
    expect(s.reasons.join()).toContain('按期推进');
  });

  it('yellow: the deadline is within the plan’s yellow days', () => {
    const s = standing(0, [report(records, 0, 0, '2024-Q2')], [], '2024-06-20');
    expect(s.light).toBe('yellow');
    expect(s.reasons.join()).toContain('距完成时限 2024-06-30 还有 10 天');
  });

  it('yellow: a started task not yet reported this period', () => {
    const s = standing(1, [report(records, 1, 0, '2024-Q1'), report(records, 1, 1, '2024-Q1')], [], '2024-04-10');
    expect(s.reportedThisPeriod).toBe(false);
    expect(s.light).toBe('yellow');
    expect(s.reasons.join()).toContain('2024年第二季度进展尚未报送（截止 2024-06-20）');
  });

  it('yellow: an unstarted task once the period’s due day is near', () => {
    expect(standing(1, [], [], '2024-06-10').light).toBe('yellow');
    expect(standing(1, [], [], '2024-05-10').light).toBe('grey');
  });

  it('red: past the deadline and not done', () => {
    const s = standing(0, [report(records, 0, 0, '2024-Q3')], [], '2024-07-05');
    expect(s.light).toBe('red');
    expect(s.reasons.join()).toContain('已超过完成时限 2024-06-30（逾期 5 天）');
  });

  it('red: the period’s report is overdue', () => {
    const s = standing(1, [report(records, 1, 0, '2024-Q1'), report(records, 1, 1, '2024-Q1')], [], '2024-06-25');
    expect(s.light).toBe('red');
    expect(s.reasons.join()).toContain('应于 2024-06-20 前报送，已逾期未报');
  });

  it('red: a lead reports 滞后', () => {
    const s = standing(1, [report(records, 1, 0, '2024-Q2', { status: 'delayed' }), report(records, 1, 1, '2024-Q2')], [], '2024-05-10');
    expect(s.status).toBe('delayed');
    expect(s.light).toBe('red');
    expect(s.reasons.join()).toContain('滞后');
  });

  it('an ongoing task without a date stays green while reported', () => {
    const s = standing(2, [report(records, 2, 0, '2024-Q2', { status: 'ongoing' })], [], '2024-05-10');
    expect(s.effectiveDeadline).toBeNull();
    expect(s.light).toBe('green');
  });

  it('a task that is done is green even past its deadline', () => {
    const s = standing(0, [report(records, 0, 0, '2024-Q2', { status: 'done' })], [], '2024-08-01');
    expect(s.light).toBe('green');
  });
});

describe('status from the lead units', () => {
  it('ignores supporting units’ reports', () => {
    const supportId = records.tasks[0]!.support[0]!;
    const s = standing(0, [report(records, 0, 0, '2024-Q2', { unitId: supportId, status: 'done' })], [], '2024-05-10');
    expect(s.status).toBeNull();
    expect(s.latest).toBeNull();
  });

  it('with two leads, done only when both report done; reported this period only when both reported', () => {
    const one = standing(1, [report(records, 1, 0, '2024-Q2', { status: 'done' })], [], '2024-05-10');
    expect(one.status).toBe('in-progress');
    expect(one.reportedThisPeriod).toBe(false);
    const both = standing(1, [report(records, 1, 0, '2024-Q2', { status: 'done' }), report(records, 1, 1, '2024-Q2', { status: 'done' })], [], '2024-05-10');
    expect(both.status).toBe('done');
    expect(both.reportedThisPeriod).toBe(true);
  });

  it('uses each lead’s latest period', () => {
    const s = standing(0, [report(records, 0, 0, '2024-Q2', { status: 'delayed' }), report(records, 0, 0, '2024-Q1', { status: 'done' })], [], '2024-05-10');
    expect(s.status).toBe('delayed');
  });

  it('combines statuses by the documented rule', () => {
    expect(combineStatuses([])).toBeNull();
    expect(combineStatuses(['done', 'done'])).toBe('done');
    expect(combineStatuses(['done', 'ongoing'])).toBe('ongoing');
    expect(combineStatuses(['done', 'not-started'])).toBe('in-progress');
    expect(combineStatuses(['paused', 'not-started'])).toBe('paused');
    expect(combineStatuses(['in-progress', 'delayed'])).toBe('delayed');
  });
});

describe('claim, 销号 and 退回', () => {
  it('已完成 is a claim until confirmed; 退回 reopens; a new claim needs a new 销号', () => {
    const claim = report(records, 0, 0, '2024-Q2', { status: 'done' });
    let s = standing(0, [claim], [], '2024-05-10');
    expect([s.status, s.confirmed]).toEqual(['done', false]);
    expect(s.reasons.join()).toContain('待督办单位销号');

    const ret = action(records, 0, 'return', { text: '佐证材料不足', unitId: claim.unitId });
    s = standing(0, [claim], [ret], '2024-07-05');
    expect([s.status, s.confirmed, s.returned]).toEqual(['in-progress', false, true]);
    expect(s.light).toBe('red');
    expect(s.reasons.join()).toContain('佐证材料不足');

    const again = report(records, 0, 0, '2024-Q3', { status: 'done' });
    s = standing(0, [claim, again], [ret], '2024-07-05');
    expect([s.status, s.confirmed, s.returned]).toEqual(['done', false, false]);

    const confirm = action(records, 0, 'confirm');
    s = standing(0, [claim, again], [ret, confirm], '2024-07-05');
    expect([s.status, s.confirmed]).toEqual(['done', true]);
    expect(s.light).toBe('green');
    expect(s.reasons.join()).toContain('已销号');
  });

  it('a 退回 turns a task that would be green yellow until the unit reports again', () => {
    const progress = report(records, 1, 0, '2024-Q2');
    const other = report(records, 1, 1, '2024-Q2');
    expect(standing(1, [progress, other], [], '2024-05-10').light).toBe('green');
    const ret = action(records, 1, 'return', { text: '进展过于简略。', unitId: progress.unitId });
    const s = standing(1, [progress, other], [ret], '2024-05-10');
    expect([s.light, s.returned]).toEqual(['yellow', true]);
    expect(s.reasons.join()).toContain('进展被退回');
    const again = report(records, 1, 0, '2024-Q2', { progress: '补充了数据' });
    expect(standing(1, [again, other], [ret], '2024-05-10').light).toBe('green');
  });

  it('with two leads, the one still to report 已完成 is named for the 销号 panel', () => {
    const task = records.tasks[1]!;
    const done = report(records, 1, 0, '2024-Q2', { status: 'done' });
    expect(unitsYetToFinish(standing(1, [done], [], '2024-05-10'))).toEqual([task.lead[1]]);
    expect(unitsYetToFinish(standing(1, [], [], '2024-05-10'))).toEqual(task.lead);
  });

  it('with two leads, the reason says how many have not reported this period', () => {
    const one = report(records, 1, 0, '2024-Q2');
    const s = standing(1, [one], [], '2024-05-10');
    expect(s.light).toBe('yellow');
    expect(s.reasons.join()).toContain('2024年第二季度进展尚未报送（截止 2024-06-20）（2 个牵头单位中 1 个未报）');
  });

  it('a 退回 after the 销号 re-opens the task', () => {
    const claim = report(records, 0, 0, '2024-Q2', { status: 'done' });
    const confirm = action(records, 0, 'confirm');
    const ret = action(records, 0, 'return', { text: '复核未通过' });
    expect(standing(0, [claim], [confirm, ret], '2024-05-10').status).toBe('in-progress');
  });

  it('a lead reporting not done after the 销号 cancels it', () => {
    const claim = report(records, 0, 0, '2024-Q2', { status: 'done' });
    const confirm = action(records, 0, 'confirm');
    const later = report(records, 0, 0, '2024-Q3', { status: 'in-progress' });
    const s = standing(0, [claim, later], [confirm], '2024-07-05');
    expect(s.confirmed).toBe(false);
    expect(s.status).toBe('in-progress');
  });
});

describe('extensions', () => {
  it('an approved extension moves the deadline and the light follows it', () => {
    const r = report(records, 0, 0, '2024-Q3');
    const req = action(records, 0, 'extension-request', { unitId: r.unitId, newDeadline: '2024-09-30', text: '需协调' });
    expect(standing(0, [r], [req], '2024-07-05').light).toBe('red');
    expect(standing(0, [r], [req], '2024-07-05').pendingExtension?.id).toBe(req.id);
    const ok = action(records, 0, 'extension-approve', { newDeadline: '2024-09-30' });
    const s = standing(0, [r], [req, ok], '2024-07-05');
    expect(s.effectiveDeadline).toBe('2024-09-30');
    expect(s.light).toBe('green');
    expect(s.pendingExtension).toBeNull();
    expect(s.reasons.join()).toContain('完成时限由 2024-06-30 延至 2024-09-30');
  });

  it('a refused extension leaves the deadline', () => {
    const req = action(records, 0, 'extension-request', { newDeadline: '2024-09-30' });
    const no = action(records, 0, 'extension-refuse', { text: '不予延期' });
    const s = standing(0, [], [req, no], '2024-05-01');
    expect(s.effectiveDeadline).toBe('2024-06-30');
    expect(s.pendingExtension).toBeNull();
  });
});

describe('grouping', () => {
  it('indexes rows by task once and computes every task’s standing', () => {
    const rows = [report(records, 0, 0, '2024-Q1'), report(records, 1, 0, '2024-Q1'), report(records, 0, 0, '2024-Q2')];
    const map = indexByTask(rows);
    expect(map.get(records.tasks[0]!.id)).toHaveLength(2);
    expect(map.get(records.tasks[1]!.id)).toHaveLength(1);
    const all = computeStandings({ plan, tasks: records.tasks, reports: rows, actions: [], today: '2024-05-10' });
    expect(all.size).toBe(3);
    expect(all.get(records.tasks[0]!.id)!.latest?.period).toBe('2024-Q2');
  });
});

describe('plan settings drive the lights', () => {
  it('monthly reporting: the month’s report is due on the set day', () => {
    const monthly = { ...plan, cadence: { every: 'month' as const, day: 5 } };
    const task = records.tasks[1]!;
    const april = [report(records, 1, 0, '2024-04'), report(records, 1, 1, '2024-04')];
    const s = computeStanding({ plan: monthly, task, reports: april, actions: [], today: '2024-05-06' });
    expect(s.currentPeriod).toBe('2024-05');
    expect(s.periodDue).toBe('2024-05-05');
    expect(s.light).toBe('red');
    expect(s.reasons.join()).toContain('2024年5月进展应于 2024-05-05 前报送，已逾期未报');
    const onDueDay = computeStanding({ plan: monthly, task, reports: april, actions: [], today: '2024-05-05' });
    expect(onDueDay.light).toBe('yellow');
  });

  it('a due day past the month’s end falls on its last day', () => {
    const late = { ...plan, cadence: { every: 'quarter' as const, day: 31 } };
    expect(computeStanding({ plan: late, task: records.tasks[1]!, reports: [], actions: [], today: '2024-05-01' }).periodDue).toBe('2024-06-30');
  });

  it('the yellow window follows the plan’s yellowDays', () => {
    const reports = [report(records, 0, 0, '2024-Q2')];
    expect(computeStanding({ plan: { ...plan, yellowDays: 30 }, task: records.tasks[0]!, reports, actions: [], today: '2024-06-05' }).light).toBe('yellow');
    expect(computeStanding({ plan: { ...plan, yellowDays: 5 }, task: records.tasks[0]!, reports, actions: [], today: '2024-06-05' }).light).toBe('green');
  });
});

describe('暂缓', () => {
  it('is grey while nothing is due, and still red once the deadline passes', () => {
    const paused = report(records, 0, 0, '2024-Q2', { status: 'paused' });
    const s = standing(0, [paused], [], '2024-04-10');
    expect(s.light).toBe('grey');
    expect(s.reasons.join()).toContain('暂缓');
    expect(standing(0, [report(records, 0, 0, '2024-Q3', { status: 'paused' })], [], '2024-07-05').light).toBe('red');
  });
});

describe('light legend', () => {
  it('states the rules with the plan’s settings', async () => {
    const { lightRules } = await import('../../../shared/tracking/standing');
    const rules = lightRules(plan);
    expect(rules.yellow).toContain('不足 15 天');
    expect(rules.red).toContain('每季度最后一个月20日前');
    expect(lightRules({ yellowDays: 7, cadence: { every: 'month', day: 5 } }).red).toContain('每月5日前');
  });
});
