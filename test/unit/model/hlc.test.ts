import { describe, expect, it } from 'vitest';
import { createClock, formatStamp, tick, observe, parseStamp, isBeyondRange, isFarFuture, MAX_CLOCK_DRIFT_MS, MAX_STAMP_WALL } from '../../../shared/model';

describe('hybrid logical clock', () => {
  it('stamps sort as strings in causal order, even when the wall clock goes backwards', () => {
    let s = createClock('devA');
    const stamps: string[] = [];
    for (const now of [1000, 1000, 999, 5000, 10]) {
      const r = tick(s, now);
      s = r.state;
      stamps.push(r.stamp);
    }
    expect([...stamps].sort()).toEqual(stamps);
    expect(new Set(stamps).size).toBe(stamps.length);
  });
  it('round-trips through parseStamp', () => {
    const { stamp } = tick(createClock('dev_x1'), 1_700_000_000_000);
    expect(parseStamp(stamp)).toEqual({ wall: 1_700_000_000_000, counter: 0, device: 'dev_x1' });
  });
  it('observing a remote stamp moves the clock past it, so the next local change wins', () => {
    const remote = tick(createClock('devB'), 50_000).stamp;
    const local = observe(createClock('devA'), remote, 10_000);
    expect(tick(local, 10_000).stamp > remote).toBe(true);
  });
  it('adopts a stamp from a clock days ahead, so an answer to it still sorts after it; flags it as far ahead', () => {
    const now = 1_700_000_000_000;
    const future = tick(createClock('devB'), now + 3 * MAX_CLOCK_DRIFT_MS).stamp;
    expect(isFarFuture(future, now)).toBe(true);
    const state = observe(createClock('devA', now), future, now);
    expect(tick(state, now).stamp > future).toBe(true);
  });
  it('ignores only stamps beyond any real clock (year 2200), which can never overflow the wall field', () => {
    const absurd = formatStamp(999_999_999_999_999, 99_999, 'devB');
    expect(isBeyondRange(absurd)).toBe(true);
    expect(observe(createClock('devA', 5), absurd, 5).wall).toBe(5);
    expect(isBeyondRange(formatStamp(MAX_STAMP_WALL - 1, 0, 'devB'))).toBe(false);
  });
  it('refuses malformed stamps and device ids', () => {
    expect(() => parseStamp('yesterday')).toThrow();
    expect(() => createClock('bad id!')).toThrow();
  });
});
