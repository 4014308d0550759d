import { describe, expect, it } from 'vitest';
import { createClock, tick, observe, parseStamp, isFarFuture, MAX_CLOCK_DRIFT_MS } from '../../../shared/model';

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
  it('never adopts a far-future stamp', () => {
    const now = 1_700_000_000_000;
    const future = tick(createClock('devB'), now + MAX_CLOCK_DRIFT_MS + 60_000).stamp;
    expect(isFarFuture(future, now)).toBe(true);
    const state = observe(createClock('devA', now), future, now);
    expect(state.wall).toBe(now);
  });
  it('refuses malformed stamps and device ids', () => {
    expect(() => parseStamp('yesterday')).toThrow();
    expect(() => createClock('bad id!')).toThrow();
  });
});
