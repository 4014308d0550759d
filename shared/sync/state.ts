import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { Action, Blob256, Plan, Report, RequestEvent, RequestLedger, ScoreAdjustment, ScoreScheme, Section, ServiceRequest, SyncedTable, Task, Unit } from '../model/schemas';
import { encodeUtf8 } from '../text/encoding';
import { canonicalRecordJson, compareVersions } from './canonical';
import type { TrustBundle } from './trustBundle';

/** Synced tables in the fixed order used by files and digests (plans before what hangs off them). */
export const TABLE_ORDER = [
  'plans',
  'sections',
  'tasks',
  'units',
  'reports',
  'actions',
  // Kinds added after format version 1's first release: a file without them is still complete (see manifest.ts).
  'requests',
  'requestEvents',
  'requestLedgers',
  'scoreSchemes',
  'scoreAdjustments',
] as const satisfies readonly SyncedTable[];

/** Kinds added after the first release of format version 1: optional in manifests, left out of digests when empty. */
export const LATER_TABLES: ReadonlySet<SyncedTable> = new Set<SyncedTable>(['requests', 'requestEvents', 'requestLedgers', 'scoreSchemes', 'scoreAdjustments']);

export interface TableRecords {
  plans: Plan;
  sections: Section;
  tasks: Task;
  units: Unit;
  reports: Report;
  actions: Action;
  requests: ServiceRequest;
  requestEvents: RequestEvent;
  requestLedgers: RequestLedger;
  scoreSchemes: ScoreScheme;
  scoreAdjustments: ScoreAdjustment;
}
export type RecordSets = { [T in SyncedTable]: TableRecords[T][] };

/** What a snapshot file describes: every synced record (tombstones included) and attachment contents. */
export interface SyncState {
  records: RecordSets;
  blobs: Blob256[];
  /** Roster entries and signatures travelling with the records (absent in unsigned states). */
  trust?: TrustBundle;
}

export function emptyRecordSets(): RecordSets {
  return { plans: [], sections: [], tasks: [], units: [], reports: [], actions: [], requests: [], requestEvents: [], requestLedgers: [], scoreSchemes: [], scoreAdjustments: [] };
}

export function emptyState(): SyncState {
  return { records: emptyRecordSets(), blobs: [] };
}

export function countRecords(records: RecordSets): number {
  return TABLE_ORDER.reduce((n, t) => n + records[t].length, 0);
}

/**
 * State-based CRDT merge: per record the version with the highest stamp (ties broken by canonical text),
 * attachments by content hash. Idempotent, commutative and associative, so any import order converges.
 */
export function mergeStates(states: readonly SyncState[]): SyncState {
  const out = emptyRecordSets();
  for (const table of TABLE_ORDER) {
    const winners = new Map<string, TableRecords[typeof table]>();
    for (const s of states) {
      for (const r of s.records[table]) {
        const cur = winners.get(r.id);
        if (!cur || compareVersions(r, cur) > 0) winners.set(r.id, r);
      }
    }
    (out[table] as TableRecords[typeof table][]) = [...winners.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
  const blobs = new Map<string, Blob256>();
  for (const s of states) for (const b of s.blobs) if (!blobs.has(b.sha256)) blobs.set(b.sha256, b);
  return { records: out, blobs: [...blobs.values()].sort((a, b) => (a.sha256 < b.sha256 ? -1 : 1)) };
}

/**
 * Digest of the canonical state: SHA-256 over every record's canonical JSON, table by table in id order, then
 * the attachment hashes. Independent of compression, file layout and record order.
 */
export function stateDigest(state: SyncState): string {
  const h = sha256.create();
  let buffer = '';
  const flush = () => {
    if (buffer) h.update(encodeUtf8(buffer));
    buffer = '';
  };
  const push = (line: string) => {
    buffer += `${line}\n`;
    if (buffer.length > 1 << 20) flush();
  };
  for (const table of TABLE_ORDER) {
    // Kinds added later count only when present, so a state without them keeps the digest it always had.
    if (LATER_TABLES.has(table) && state.records[table].length === 0) continue;
    push(`#${table}`);
    const sorted = [...state.records[table]].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (const r of sorted) push(canonicalRecordJson(r));
  }
  push('#blobs');
  for (const sha of state.blobs.map((b) => b.sha256).sort()) push(sha);
  flush();
  return bytesToHex(h.digest());
}
