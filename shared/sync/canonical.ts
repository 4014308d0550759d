/**
 * Canonical JSON: object keys sorted, no whitespace, `undefined` members dropped. Two equal records give the
 * same string whatever order their keys arrived in, so it is the basis of the state digest and of tie-breaks.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

/** The sync fields every record carries. */
export interface Versioned {
  id: string;
  stamp: string;
  by: string;
  deleted?: boolean;
}

/**
 * Total order of two versions of one record: the higher stamp wins; equal stamps (only possible for a
 * damaged or hand-edited source) fall back to the canonical text, so every PC picks the same winner.
 */
export function compareVersions(a: Versioned, b: Versioned): number {
  if (a.stamp !== b.stamp) return a.stamp < b.stamp ? -1 : 1;
  // Fast path: the same version read back from the database has the same key order.
  if (JSON.stringify(a) === JSON.stringify(b)) return 0;
  const ca = canonicalJson(a);
  const cb = canonicalJson(b);
  return ca < cb ? -1 : ca > cb ? 1 : 0;
}

/** Same business content, ignoring who changed it and when. */
export function sameContent(a: Versioned, b: Versioned): boolean {
  const strip = ({ stamp: _s, by: _b, ...rest }: Versioned) => rest;
  return canonicalJson(strip(a)) === canonicalJson(strip(b));
}

/** The device part of a stamp ("…-…-device"). */
export function stampDevice(stamp: string): string {
  const first = stamp.indexOf('-');
  const second = stamp.indexOf('-', first + 1);
  return stamp.slice(second + 1);
}

/** Milliseconds part of a stamp. */
export function stampWall(stamp: string): number {
  return Number(stamp.slice(0, stamp.indexOf('-')));
}
