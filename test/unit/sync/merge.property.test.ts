import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  TABLE_ORDER,
  compareVersions,
  mergeStates,
  simulate,
  stampDevice,
  stampWall,
  stateDigest,
  type Anchor,
  type SyncState,
} from '../../../shared/sync';
import { MemoryStore } from './memoryStore';

const maxWall = (states: SyncState[]) =>
  Math.max(...states.flatMap((s) => TABLE_ORDER.flatMap((t) => s.records[t].map((r) => stampWall(r.stamp)))));

const history = fc.record({
  offices: fc.integer({ min: 3, max: 6 }),
  tasks: fc.integer({ min: 1, max: 8 }),
  reports: fc.integer({ min: 5, max: 80 }),
  seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
});

function importAll(order: SyncState[], now: number, anchor: Anchor): MemoryStore {
  const store = new MemoryStore([anchor]);
  for (const s of order) store.import(s, now);
  return store;
}

describe('sync merge properties (random histories, three or more offices)', () => {
  it('every import order converges to one digest, equal to the pure merge; re-import is a no-op; nothing vanishes', () => {
    fc.assert(
      fc.property(history, fc.array(fc.nat(), { minLength: 12, maxLength: 12 }), (h, shuffles) => {
        const sim = simulate(h);
        const states = sim.pcs.map((p) => p.state);
        const now = maxWall(states) + 60_000;
        const expected = stateDigest(mergeStates(states));
        // Two pseudo-random orders plus the reverse order.
        const orders = [states, [...states].reverse(), [...states].sort((a, b) => (shuffles[states.indexOf(a) % 12]! % 7) - (shuffles[states.indexOf(b) % 12]! % 7))];
        for (const order of orders) {
          const store = importAll(order, now, sim.trust.anchor);
          expect(store.digest()).toBe(expected);

          // Re-importing any file changes nothing and adds no conflict.
          for (const s of order) {
            const again = store.import(s, now);
            expect(again.written).toBe(0);
            expect(again.lost).toHaveLength(0);
          }
          expect(store.digest()).toBe(expected);
          // Even without the file log, the records themselves never change on a re-import.
          store.imported.clear();
          for (const s of order) expect(store.import(s, now).written).toBe(0);

          // No report version disappears without trace: it is the winner, or a tombstone/edit by the same
          // device replaced it, or it says the same thing, or it is in the conflict list.
          const reports = store.tables.get('reports')!;
          for (const s of states) {
            for (const v of s.records.reports) {
              const w = reports.get(v.id);
              expect(w).toBeDefined();
              if (compareVersions(v, w!) === 0) continue;
              const traced =
                stampDevice(v.stamp) === stampDevice(w!.stamp) ||
                store.knownLosers.traces('reports', v) ||
                JSON.stringify({ ...v, stamp: 0, by: 0 }) === JSON.stringify({ ...w!, stamp: 0, by: 0 });
              expect(traced).toBe(true);
            }
          }
        }
      }),
      { numRuns: Number(process.env.RUNS ?? 200) },
    );
  }, 240_000);

  it('the pure merge is idempotent, commutative and associative', () => {
    fc.assert(
      fc.property(history, (h) => {
        const [a, b, c] = simulate({ ...h, offices: 3 }).pcs.map((p) => p.state) as [SyncState, SyncState, SyncState];
        const d = (s: SyncState) => stateDigest(s);
        expect(d(mergeStates([a, a]))).toBe(d(mergeStates([a])));
        expect(d(mergeStates([a, b]))).toBe(d(mergeStates([b, a])));
        expect(d(mergeStates([mergeStates([a, b]), c]))).toBe(d(mergeStates([a, mergeStates([b, c])])));
      }),
      { numRuns: 300 },
    );
  }, 120_000);

  it('histories contain what the tests rely on: concurrent edits, tombstones and a skewed clock', () => {
    const sim = simulate({ offices: 4, tasks: 10, reports: 400, seed: 7 });
    const states = sim.pcs.map((p) => p.state);
    expect(sim.pcs.some((p) => p.skewMs > 0)).toBe(true);
    expect(states.some((s) => s.records.reports.some((r) => r.deleted))).toBe(true);
    const store = importAll(states, maxWall(states) + 60_000, sim.trust.anchor);
    expect(store.conflicts.some((c) => c.table === 'reports')).toBe(true);
  });
});

describe('found by the property above (seed 1675542): a deletion absorbed by an equal one', () => {
  /**
   * Three versions of one report: 卫健's PC deletes it (file 1 and 2 carry that tombstone); another PC deletes it too,
   * later, then restores it (file 0: its tombstone; file 3: its restore). Imported in the order 0, 2, 1, 3, 卫健's
   * deletion loses to the equal deletion: nothing to review, but remembered (absorbed); when the restore replaces the
   * equal deletion, 卫健's deletion is listed, once — so importing file 1 again lists nothing. (It used to be lost
   * silently until that re-import listed it.) Variants: absorbed.test.ts.
   */
  it('re-importing file 1 after the order 0, 2, 1, 3 adds no conflict', () => {
    const sim = simulate({ offices: 3, tasks: 8, reports: 40, seed: 5 });
    const states = sim.pcs.map((p) => p.state);
    const now = maxWall(states) + 60_000;
    const store = importAll([0, 2, 1, 3].map((i) => states[i]!), now, sim.trust.anchor);
    const listed = store.conflicts.filter((c) => c.recordId === 'rep_1e31c426f260a92f23b0cad6');
    expect(listed.map((c) => [c.loser.deleted, stampDevice(c.loser.stamp)])).toEqual([[true, sim.pcs[1]!.identity.deviceId]]);
    expect(store.import(states[1]!, now).lost).toHaveLength(0);
  });
});
