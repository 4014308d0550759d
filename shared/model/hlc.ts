/**
 * Hybrid logical clock. A stamp is "WWWWWWWWWWWWWWW-CCCCC-device": wall milliseconds (15 digits),
 * a counter (5 digits) and the device id, so stamps sort correctly as plain strings and ties between
 * devices are broken deterministically by device id.
 */
export type Stamp = string;

export interface HlcState {
  readonly wall: number;
  readonly counter: number;
  readonly device: string;
}

export const STAMP_PATTERN = /^\d{15}-\d{5}-[A-Za-z0-9_-]{1,64}$/;
/**
 * How far a stamp may run ahead of this PC's clock before the gap is worth telling people about (a careless
 * clock). It never holds a record back: clocks only order changes, and a PC's clock moves past every stamp it
 * receives, so a change made after seeing another always sorts after it.
 */
export const MAX_CLOCK_DRIFT_MS = 24 * 60 * 60 * 1000;
/**
 * No real clock reaches this (1 January 2200). A stamp beyond it is not a careless clock but a damaged or forged
 * record, refused at import everywhere alike; it also keeps the 15-digit wall field from ever overflowing.
 */
export const MAX_STAMP_WALL = Date.UTC(2200, 0, 1);
const MAX_COUNTER = 99_999;

export function formatStamp(wall: number, counter: number, device: string): Stamp {
  return `${String(wall).padStart(15, '0')}-${String(counter).padStart(5, '0')}-${device}`;
}

export function parseStamp(stamp: Stamp): HlcState {
  if (!STAMP_PATTERN.test(stamp)) throw new Error(`invalid stamp: ${stamp}`);
  const [wall, counter, ...device] = stamp.split('-');
  return { wall: Number(wall), counter: Number(counter), device: device.join('-') };
}

export function createClock(device: string, wall = 0): HlcState {
  if (!/^[A-Za-z0-9_]{1,64}$/.test(device)) throw new Error(`invalid device id: ${device}`);
  return { wall, counter: 0, device };
}

/** Advance the clock for a local change; returns the new state and the stamp for the change. */
export function tick(state: HlcState, now: number): { state: HlcState; stamp: Stamp } {
  const wall = Math.max(state.wall, now);
  const counter = wall === state.wall ? state.counter + 1 : 0;
  if (counter > MAX_COUNTER) return tick(state, state.wall + 1);
  const next = { wall, counter, device: state.device };
  return { state: next, stamp: formatStamp(next.wall, next.counter, next.device) };
}

/** Is this stamp more than the allowed drift ahead of the local wall clock? (Reported, never held back.) */
export function isFarFuture(stamp: Stamp, now: number, maxDrift = MAX_CLOCK_DRIFT_MS): boolean {
  return parseStamp(stamp).wall > now + maxDrift;
}

/** Is the stamp's wall time beyond any real clock (see MAX_STAMP_WALL)? */
export function isBeyondRange(stamp: Stamp): boolean {
  return parseStamp(stamp).wall >= MAX_STAMP_WALL;
}

/**
 * Merge a remote stamp into the local clock (on import, and before a change that answers a record): the clock
 * moves past it however far ahead it is, so the next local change sorts after everything this PC has seen
 * (causality). Only stamps beyond any real clock (refused at import) are ignored.
 */
export function observe(state: HlcState, remote: Stamp, now: number): HlcState {
  const r = parseStamp(remote);
  if (r.wall >= MAX_STAMP_WALL) return state;
  const wall = Math.max(state.wall, r.wall, now);
  let counter = 0;
  if (wall === state.wall && wall === r.wall) counter = Math.max(state.counter, r.counter);
  else if (wall === state.wall) counter = state.counter;
  else if (wall === r.wall) counter = r.counter;
  return { wall, counter, device: state.device };
}

export function compareStamps(a: Stamp, b: Stamp): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
