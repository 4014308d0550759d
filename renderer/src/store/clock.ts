import { isoDayOf } from '../../../shared/tracking/dates';
import { usePlanView } from './planView';

/**
 * "Today" for the lights and the reporting states. Computed once at load it would go stale overnight, so it is
 * re-evaluated at local midnight, when the window regains focus or becomes visible (a PC woken from sleep), and
 * every few minutes as a fallback. Only a change of calendar day updates the store (and re-derives the screens).
 */
export function msToNextMidnight(now: Date): number {
  const next = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, 0, 0, 1);
  return Math.max(1000, next.getTime() - now.getTime());
}

/** Re-read the calendar day; true when it changed. */
export function tickToday(now = new Date()): boolean {
  const day = isoDayOf(now);
  if (usePlanView.getState().today === day) return false;
  usePlanView.setState({ today: day });
  return true;
}

export interface ClockHost {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
  addEventListener(type: string, fn: () => void): void;
  removeEventListener(type: string, fn: () => void): void;
  now(): Date;
}

const FALLBACK_MS = 5 * 60_000;

/** Start the clock; returns a function that stops it. */
export function startClock(host: ClockHost = browserHost()): () => void {
  let timer: unknown = null;
  const tick = () => void tickToday(host.now());
  const armMidnight = () => {
    timer = host.setTimeout(() => {
      tick();
      armMidnight();
    }, msToNextMidnight(host.now()));
  };
  armMidnight();
  const interval = host.setInterval(tick, FALLBACK_MS);
  host.addEventListener('focus', tick);
  host.addEventListener('visibilitychange', tick);
  tick();
  return () => {
    host.clearTimeout(timer);
    host.clearInterval(interval);
    host.removeEventListener('focus', tick);
    host.removeEventListener('visibilitychange', tick);
  };
}

function browserHost(): ClockHost {
  return {
    setTimeout: (fn, ms) => window.setTimeout(fn, ms),
    clearTimeout: (h) => window.clearTimeout(h as number),
    setInterval: (fn, ms) => window.setInterval(fn, ms),
    clearInterval: (h) => window.clearInterval(h as number),
    addEventListener: (type, fn) => (type === 'visibilitychange' ? document : window).addEventListener(type, fn),
    removeEventListener: (type, fn) => (type === 'visibilitychange' ? document : window).removeEventListener(type, fn),
    now: () => new Date(),
  };
}
