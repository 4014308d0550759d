import { describe, expect, it } from 'vitest';
import { derive, usePlanView } from '../../../renderer/src/store/planView';
import { msToNextMidnight, startClock, type ClockHost } from '../../../renderer/src/store/clock';
import type { PlanView } from '../../../renderer/db/tracking';
import { report, samplePlan } from '../tracking/fixtures';

const records = samplePlan();
const view: PlanView = { ...records, reports: [report(records, 0, 0, '2024-Q2', { reportedAt: '2024-06-01T02:00:00Z' })], actions: [] };

/** A host whose time and timers the test drives. */
function fakeHost(start: Date) {
  let now = start;
  const timers: { fn: () => void; at: number }[] = [];
  const listeners = new Map<string, (() => void)[]>();
  const host: ClockHost = {
    setTimeout: (fn, ms) => timers.push({ fn, at: now.getTime() + ms }),
    clearTimeout: () => undefined,
    setInterval: () => 0,
    clearInterval: () => undefined,
    addEventListener: (type, fn) => listeners.set(type, [...(listeners.get(type) ?? []), fn]),
    removeEventListener: () => undefined,
    now: () => now,
  };
  return {
    host,
    advanceTo(date: Date) {
      now = date;
      for (const t of timers.splice(0)) if (t.at <= now.getTime()) t.fn();
        else timers.push(t);
    },
    /** Only move the wall clock (a PC asleep overnight: no timer fired). */
    sleepUntil(date: Date) {
      now = date;
    },
    fire(type: string) {
      for (const fn of listeners.get(type) ?? []) fn();
    },
  };
}

describe('"today" is re-evaluated so lights do not go stale', () => {
  it('derived standings follow the day they are derived for', () => {
    const task = records.tasks[0]!.id;
    expect(derive(view, '2024-06-25').standings.get(task)!.light).toBe('yellow');
    // The same view a few days later: past the deadline (2024-06-30), red.
    expect(derive(view, '2024-07-05').standings.get(task)!.light).toBe('red');
  });

  it('the clock moves the store’s day at midnight, and on focus after the PC slept', () => {
    usePlanView.setState({ today: '2024-06-30' });
    const clock = fakeHost(new Date(2024, 5, 30, 23, 59, 50));
    const stop = startClock(clock.host);
    expect(usePlanView.getState().today).toBe('2024-06-30');
    clock.advanceTo(new Date(2024, 6, 1, 0, 0, 2));
    expect(usePlanView.getState().today).toBe('2024-07-01');
    clock.sleepUntil(new Date(2024, 6, 3, 9, 0, 0));
    expect(usePlanView.getState().today).toBe('2024-07-01');
    clock.fire('focus');
    expect(usePlanView.getState().today).toBe('2024-07-03');
    stop();
  });

  it('waits until just after the next local midnight', () => {
    expect(msToNextMidnight(new Date(2024, 5, 30, 23, 59, 0))).toBe(61_000);
    expect(msToNextMidnight(new Date(2024, 5, 30, 12, 0, 0))).toBe(12 * 3600_000 + 1000);
  });
});
