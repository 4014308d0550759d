import { SYNCED_TABLES } from '../model/schemas';

/**
 * Canonical JSON: object keys sorted, no whitespace, `undefined` members dropped. Two equal records give the
 * same string whatever order their keys arrived in, so it is the basis of the state digest and of tie-breaks.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  // One string built in place (no intermediate arrays): it runs once per record checked at import.
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      out += (i === 0 ? '' : ',') + (v === undefined ? 'null' : canonicalJson(v));
    }
    return `${out}]`;
  }
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).sort();
  let out = '{';
  let first = true;
  for (const k of keys) {
    const v = obj[k];
    if (v === undefined) continue;
    out += `${first ? '' : ','}${quotedKey(k)}:${canonicalJson(v)}`;
    first = false;
  }
  return `${out}}`;
}

const quoted = new Map<string, string>();
/** JSON.stringify of an object key, remembered (records repeat the same few field names). */
function quotedKey(k: string): string {
  let q = quoted.get(k);
  if (q === undefined) {
    q = JSON.stringify(k);
    if (quoted.size < 1000) quoted.set(k, q);
  }
  return q;
}

interface SchemaDef {
  shape?: Record<string, { _zod: { def: SchemaDef } }>;
  element?: { _zod: { def: SchemaDef } };
  innerType?: { _zod: { def: SchemaDef } };
  options?: { _zod: { def: SchemaDef } }[];
  in?: { _zod: { def: SchemaDef } };
  out?: { _zod: { def: SchemaDef } };
}

let recordKeys: string[] | null = null;
/** Every field name any synced record may carry, at any depth, sorted: read from the record schemas themselves. */
function sortedRecordKeys(): string[] {
  if (recordKeys) return recordKeys;
  const keys = new Set<string>();
  const walk = (d: SchemaDef) => {
    if (d.shape) {
      for (const [k, v] of Object.entries(d.shape)) {
        keys.add(k);
        walk(v._zod.def);
      }
    }
    for (const x of [d.element, d.innerType, d.in, d.out]) if (x) walk(x._zod.def);
    for (const o of d.options ?? []) walk(o._zod.def);
  };
  for (const schema of Object.values(SYNCED_TABLES)) walk((schema as unknown as { _zod: { def: SchemaDef } })._zod.def);
  recordKeys = [...keys].sort();
  return recordKeys;
}

/**
 * canonicalJson of a synced record, fast: the engine's own stringify with the sorted field list (the same text
 * for every valid record; checked against canonicalJson in the tests).
 */
export function canonicalRecordJson(record: Versioned): string {
  return JSON.stringify(record, sortedRecordKeys());
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
  if (a === b) return 0;
  if (a.stamp !== b.stamp) return a.stamp < b.stamp ? -1 : 1;
  // Fast path: the same version read back from the database has the same key order.
  if (JSON.stringify(a) === JSON.stringify(b)) return 0;
  const ca = canonicalRecordJson(a);
  const cb = canonicalRecordJson(b);
  return ca < cb ? -1 : ca > cb ? 1 : 0;
}

/** Same business content, ignoring who changed it and when. */
export function sameContent(a: Versioned, b: Versioned): boolean {
  const strip = ({ stamp: _s, by: _b, ...rest }: Versioned) => rest;
  return canonicalRecordJson(strip(a) as Versioned) === canonicalRecordJson(strip(b) as Versioned);
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

/**
 * A 53-bit fingerprint of a text (cyrb53): cheap enough for every line of a file. Two versions of a record with
 * the same stamp are treated as one only when their canonical lines have the same fingerprint; anything else is
 * compared in full, so a collision can only cost time, never hide a difference that matters for merging.
 */
export function contentPrint(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  // Two UTF-16 units per step (half the multiplications of the one-unit cyrb53).
  const even = text.length & ~1;
  for (let i = 0; i < even; i += 2) {
    const ch = text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  if (even !== text.length) {
    const ch = text.charCodeAt(even) | 0x10000;
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** The fingerprint of a record's canonical line (what the encoder writes for it). */
export const recordPrint = (record: Versioned): number => contentPrint(canonicalRecordJson(record));
