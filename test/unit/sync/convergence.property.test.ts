import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unitId, type Action, type Report, type Task } from '../../../shared/model';
import {
  actionConcernsUnit,
  canonicalJson,
  compareVersions,
  overrides,
  prng,
  sameContent,
  stampDevice,
  stateDigest,
  TABLE_ORDER,
  type SyncState,
} from '../../../shared/sync';
import { expectedState, exportOf, importAdopting, makeHistory, signed, type History } from './history';
import { MemoryStore } from './memoryStore';

const LATER = Date.UTC(2026, 0, 1);

/**
 * Every version a store passed over is accounted for: it is the winner or says the same, or it is kept for
 * review, or it was refused (listed by the check with its reason), or the same device replaced it by a later version that is the winner or kept (its own edit history),
 * or this PC itself replaced it by a change made after seeing it.
 */
function checkNothingVanishes(store: MemoryStore, files: SyncState[], label: string, replaced: ReadonlySet<string> = new Set()): void {
  const kept = new Set([...store.conflicts.map((c) => `${c.table}\u0000${canonicalJson(c.loser)}`), ...store.refused, ...replaced]);
  const keptStamps = new Map<string, string[]>();
  const addStamp = (key: string, stamp: string) => keptStamps.set(key, [...(keptStamps.get(key) ?? []), stamp]);
  for (const c of store.conflicts) addStamp(`${c.table}\u0000${c.recordId}`, c.loser.stamp);
  for (const r of replaced) {
    const [table, json] = r.split('\u0000') as [string, string];
    const v = JSON.parse(json) as { id: string; stamp: string };
    addStamp(`${table}\u0000${v.id}`, v.stamp);
  }
  for (const file of files) {
    for (const table of TABLE_ORDER) {
      for (const v of file.records[table]) {
        const w = store.tables.get(table)!.get(v.id);
        if (kept.has(`${table}\u0000${canonicalJson(v)}`)) continue;
        expect(w, `${label}: ${table} ${v.id} missing and not kept`).toBeDefined();
        if (compareVersions(v, w!) === 0 || sameContent(v, w!)) continue;
        const later = [w!.stamp, ...(keptStamps.get(`${table}\u0000${v.id}`) ?? [])].some((s) => s > v.stamp && stampDevice(s) === stampDevice(v.stamp));
        expect(later, `${label}: ${table} ${v.id} ${v.stamp} lost without trace`).toBe(true);
      }
    }
  }
}

/** Reports left on deleted tasks and 销号/退回 overridden by reports that never saw them are listed. */
function checkReviews(store: MemoryStore, h: History, isSupervisor: boolean): void {
  const tasks = store.tables.get('tasks')! as Map<string, Task>;
  const reports = [...store.tables.get('reports')!.values()] as Report[];
  const actions = [...store.tables.get('actions')!.values()] as Action[];
  const listed = (kind: string, id: string) => store.conflicts.some((c) => c.kind === kind && c.recordId === id);
  for (const r of reports) {
    if (r.deleted) continue;
    const task = tasks.get(r.taskId);
    if (!task?.deleted) continue;
    if (isSupervisor && h.seenAtDeletion.get(task.id)?.has(`${r.id}@${r.stamp}`)) continue;
    expect(listed('orphan', r.id), `report ${r.id} on deleted task not listed`).toBe(true);
  }
  for (const a of actions) {
    if (a.deleted || (a.kind !== 'confirm' && a.kind !== 'return') || a.unitId === null) continue;
    const newest = actions.filter((x) => x.taskId === a.taskId && actionConcernsUnit(x, a.unitId!)).every((x) => x.stamp <= a.stamp);
    if (!newest) continue;
    const task = tasks.get(a.taskId);
    if (task?.deleted) continue; // its reports are listed as orphans instead
    if (reports.some((r) => overrides(r, a, task))) expect(listed('override', a.id), `overridden ${a.kind} ${a.id} not listed`).toBe(true);
  }
}

const observerOf = (h: History) => {
  const store = new MemoryStore('dev_observer', [h.trust.anchor]);
  store.trust = { roster: h.trust.roster, statements: [] };
  return store;
};

function shuffled<T>(xs: readonly T[], seed: number): T[] {
  const rand = prng(seed);
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('convergence under careless clocks (random histories, ±7 days of clock skew per PC)', () => {
  it('every PC and every import order reach one digest; every overridden version is listed; re-import writes nothing', () => {
    const stats = { equalStamp: 0, selfImport: 0, orphans: 0, overrides: 0, refused: 0, conflicts: 0 };
    fc.assert(
      fc.property(
        fc.record({
          seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
          departments: fc.integer({ min: 2, max: 4 }),
          tasks: fc.integer({ min: 1, max: 6 }),
          steps: fc.integer({ min: 10, max: 70 }),
        }),
        (opts) => {
          const h = makeHistory(opts);
          stats.equalStamp += h.counts.equalStampEdits;
          if (h.counts.selfImport) stats.selfImport++;
          const expected = stateDigest(expectedState(h));
          // Two rounds of exchange: every PC imports every other PC's file; a department that adopted the
          // supervisor's plan in the first round sends the reports it kept home only in the second.
          const first = h.pcs.map((pc) => exportOf(pc, h.trust));
          for (const [i, pc] of h.pcs.entries()) for (const f of shuffled(first.filter((_, j) => j !== i), opts.seed + i)) importAdopting(pc, f, LATER);
          const second = h.pcs.map((pc) => exportOf(pc, h.trust));
          for (const [i, pc] of h.pcs.entries()) for (const f of shuffled(second.filter((_, j) => j !== i), opts.seed + 7 * i)) importAdopting(pc, f, LATER);
          const files = [...first, ...second];
          for (const pc of h.pcs) {
            expect(pc.store.digest(), `${pc.name} diverged`).toBe(expected);
            checkNothingVanishes(pc.store, files, pc.name, pc.replaced);
            checkReviews(pc.store, h, pc.role === 'supervisor');
            for (const kind of ['orphan', 'override', 'conflict'] as const) {
              const n = pc.store.conflicts.filter((c) => c.kind === kind).length;
              if (kind === 'orphan') stats.orphans += n;
              else if (kind === 'override') stats.overrides += n;
              else stats.conflicts += n;
            }
            expect(pc.store.conflicts.filter((c) => c.kind === 'refused'), 'refused versions are never stored').toHaveLength(0);
            stats.refused += pc.store.refused.size;
            // Re-importing any file changes nothing.
            const before = pc.store.digest();
            for (const f of files) {
              const again = pc.store.import(f, LATER);
              expect(again.written).toBe(0);
              expect(again.lost).toHaveLength(0);
            }
            expect(pc.store.digest()).toBe(before);
          }
          // A PC that took no part, importing every file in three orders, ends the same.
          for (const order of [second, [...second].reverse(), shuffled(second, opts.seed)]) {
            const observer = observerOf(h);
            for (const f of order) observer.import(f, LATER);
            expect(observer.digest(), 'observer diverged').toBe(expected);
            checkNothingVanishes(observer, second, 'observer');
            checkReviews(observer, h, false);
            for (const f of order) expect(observer.import(f, LATER).written).toBe(0);
          }
        },
      ),
      { numRuns: Number(process.env.SYNC_PROPERTY_RUNS ?? 50) },
    );
    // The histories exercised what the property is about.
    expect(stats.equalStamp).toBeGreaterThan(0);
    expect(stats.selfImport).toBeGreaterThan(0);
    expect(stats.orphans).toBeGreaterThan(0);
    expect(stats.overrides).toBeGreaterThan(0);
    expect(stats.refused).toBeGreaterThan(0);
    expect(stats.conflicts).toBeGreaterThan(0);
  }, 240_000);

  it('a 退回 written after seeing a report from a clock days ahead sorts after it, so the report cannot undo it', () => {
    const h = makeHistory({ seed: 3, departments: 2, tasks: 2, steps: 0 });
    const [sup, dept] = h.pcs as [History['pcs'][0], History['pcs'][0]];
    dept.skewMs = 5 * 86_400_000;
    sup.skewMs = -2 * 86_400_000;
    const now = Date.UTC(2024, 5, 1);
    dept.store.import(signed(sup.store.state(), h.trust), now + dept.skewMs);
    const task = [...dept.store.tables.get('tasks')!.values()].find((t) => (t as Task).lead.includes(unitId(dept.office)))! as Task;
    const report: Report = {
      id: 'rep_000000000000000000000001', stamp: dept.store.stamp(now + dept.skewMs), by: dept.office, planId: task.planId, taskId: task.id, unitId: task.lead[0]!,
      period: '2024-Q2', status: 'done', progress: '已完成', problems: '', nextSteps: '', percent: 100, attachments: [], author: '甲', reportedAt: new Date(now + dept.skewMs).toISOString(),
    };
    dept.store.tables.get('reports')!.set(report.id, report);
    expect(sup.store.import(signed(dept.store.state(), h.trust), now + 3600_000 + sup.skewMs).written).toBe(1);
    const ret = sup.store.stamp(now + 3600_000 + sup.skewMs);
    expect(ret > report.stamp).toBe(true);
  });
});

