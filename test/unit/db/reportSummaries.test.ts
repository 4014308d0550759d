import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TaizhangDB, rebuildReportSummaries } from '../../../renderer/db/database';
import { digestOfSummary } from '../../../shared/tracking/reportDigest';
import { writeDigestSnapshot } from '../../../renderer/db/digestSnapshots';
import { rebuildSummaries, reportsOfSummary } from '../../../shared/tracking/reportSummary';
import { latestReportsByUnit } from '../../../shared/tracking/latest';
import { firstReportedAt } from '../../../shared/tracking/revisions';
import type { Report, ReportStatus } from '../../../shared/model';

/**
 * The stored report summary (shared/tracking/reportSummary.ts, kept by renderer/db/reportSummaries.ts) equals a
 * rebuild from the reports after any sequence of writes: single puts, bulk puts (as a sync apply writes), tombstones,
 * hard deletes, partial-range deletes, whole-table restores and updates by change spec, inside and outside
 * transactions that also touch other tables.
 */
const TASKS = ['task_a', 'task_b', 'task_c'];
const UNITS = ['unit_1', 'unit_2', 'unit_3'];
const PERIODS = ['2024-Q1', '2024-Q2', '2024-Q3', '2025-Q1'];
const STATUSES: ReportStatus[] = ['not-started', 'in-progress', 'done', 'delayed'];

function report(task: number, unit: number, period: number, n: number, opts: { status?: number; deleted?: boolean; revised?: boolean } = {}): Report {
  const stamp = `${String(1_700_000_000_000 + n).padStart(15, '0')}-00000-dev_${n % 3}`;
  return {
    id: `rep_${task}${unit}${period}`, stamp, by: `单位${unit}`, planId: task === 2 ? 'plan_other' : 'plan_one', taskId: TASKS[task]!, unitId: UNITS[unit]!, period: PERIODS[period]!,
    status: STATUSES[(opts.status ?? n) % STATUSES.length]!, progress: `第${n}次进展`, problems: '', nextSteps: '', percent: n % 2 ? 50 : null, attachments: [], author: '',
    reportedAt: new Date(Date.UTC(2024, 0, 1) + n * 86_400_000).toISOString(),
    ...(opts.revised ? { revisions: [{ stamp, by: 'x', status: 'in-progress', progress: '旧', problems: '', nextSteps: '', percent: null, attachments: [], author: '', reportedAt: '2023-12-01T00:00:00.000Z' }] } : {}),
    ...(n % 5 === 0 ? { values: [{ target: 't1', value: n }] } : {}),
    ...(opts.deleted ? { deleted: true } : {}),
  } as Report;
}

const idArb = fc.tuple(fc.nat(2), fc.nat(2), fc.nat(3));
/** Writes of one request each, as any transaction makes them. */
const requestOps = [
  fc.record({ kind: fc.constant('put' as const), id: idArb, status: fc.nat(3), revised: fc.boolean() }),
  fc.record({ kind: fc.constant('bulkPut' as const), ids: fc.array(idArb, { minLength: 1, maxLength: 8 }), status: fc.nat(3) }),
  fc.record({ kind: fc.constant('tombstone' as const), id: idArb }),
  fc.record({ kind: fc.constant('delete' as const), ids: fc.array(idArb, { minLength: 1, maxLength: 3 }) }),
  fc.record({ kind: fc.constant('deleteRange' as const), id: idArb }),
  fc.record({ kind: fc.constant('update' as const), id: idArb, status: fc.nat(3) }),
] as const;
const op = fc.oneof(
  ...requestOps,
  fc.record({ kind: fc.constant('restore' as const), keep: fc.nat(10) }),
  fc.record({ kind: fc.constant('withMeta' as const), id: idArb, status: fc.nat(3) }),
  fc.record({ kind: fc.constant('snapshot' as const), plan: fc.constantFrom('plan_one', 'plan_other') }),
);

/** Writes made inside one transaction (each a request of its own, or two running alongside each other). */
const innerOp = fc.oneof(
  ...requestOps,
  fc.record({ kind: fc.constant('parallel' as const), a: fc.array(idArb, { minLength: 1, maxLength: 4 }), b: fc.array(idArb, { minLength: 1, maxLength: 4 }) }),
  fc.record({ kind: fc.constant('clear' as const), keep: fc.nat(6) }),
);
/**
 * Many requests in ONE read-write transaction (the summary rows are decoded once per transaction and kept between
 * its requests); `check` reads summaries and reports inside it before it ends; `abort` throws at the end, so
 * nothing of it may remain, not even in what the next transaction starts from.
 */
const txOp = fc.record({ kind: fc.constant('transaction' as const), ops: fc.array(innerOp, { minLength: 2, maxLength: 10 }), abort: fc.boolean(), check: fc.boolean() });

async function writeInside(db: TaizhangDB, o: typeof innerOp extends fc.Arbitrary<infer T> ? T : never, s: number): Promise<void> {
  const key = ([t, u, p]: [number, number, number]) => `rep_${t}${u}${p}`;
  if (o.kind === 'put') await db.reports.put(report(...o.id, s, o));
  else if (o.kind === 'bulkPut') await db.reports.bulkPut(o.ids.map((id, i) => report(...id, s * 10 + i, { status: o.status + i })));
  else if (o.kind === 'tombstone') await db.reports.put(report(...o.id, s, { deleted: true }));
  else if (o.kind === 'delete') await db.reports.bulkDelete(o.ids.map(key));
  else if (o.kind === 'deleteRange') await db.reports.where('id').below(key(o.id)).delete();
  else if (o.kind === 'update') await db.reports.update(key(o.id), { status: STATUSES[o.status]!, stamp: `${String(1_800_000_000_000 + s).padStart(15, '0')}-00000-dev_u` });
  else if (o.kind === 'parallel') {
    // Two requests in flight at once, often on the same tasks: neither may lose the other's change to a summary.
    await Promise.all([
      db.reports.bulkPut(o.a.map((id, i) => report(...id, s * 10 + i, { status: i }))),
      db.reports.bulkPut(o.b.map((id, i) => report(...id, s * 10 + 5 + i, { status: i + 1 }))),
    ]);
  } else {
    const all = await db.reports.toArray();
    await db.reports.clear();
    await db.reports.bulkAdd(all.slice(0, o.keep));
  }
}

/** The summaries and the digests kept equal those rebuilt from the reports. */
async function summariesEqualRebuild(db: TaizhangDB): Promise<void> {
  const rebuilt = rebuildSummaries(await db.reports.toArray());
  expect(await db.reportSummaries.orderBy('taskId').toArray()).toEqual(rebuilt);
  expect(await db.reportDigests.orderBy('taskId').toArray()).toEqual(rebuilt.map(digestOfSummary));
  // A plan's digest snapshot, where there is one, is a copy of its digests.
  for (const snapshot of await db.digestSnapshots.toArray()) {
    expect(snapshot.digests).toEqual(rebuilt.filter((r) => r.planId === snapshot.planId).map(digestOfSummary));
  }
}

/** A counterexample fast-check found (seed 2136693453): two parallel writes, a clear, two more parallel writes. */
const FOUND_IN_FLIGHT = JSON.parse(
  '[{"kind":"transaction","ops":[{"kind":"parallel","a":[[1,0,0]],"b":[[2,0,0],[1,0,0]]},{"kind":"clear","keep":2},{"kind":"parallel","a":[[2,0,0],[0,0,0]],"b":[[2,0,0]]}],"abort":false,"check":true},{"kind":"restore","keep":0}]',
);

describe('report summaries', () => {
  it('equal a rebuild from the reports after any sequence of writes, deletions and restores', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof({ arbitrary: op, weight: 4 }, { arbitrary: txOp, weight: 1 }), { minLength: 1, maxLength: 25 }), async (ops) => {
        const db = new TaizhangDB(`summaries-${run++}`);
        await db.open();
        let n = 1;
        for (const o of ops) {
          const s = n++;
          if (o.kind === 'transaction') {
            const scope = o.check ? [db.reports, db.meta, db.reportSummaries, db.reportDigests] : [db.reports, db.meta];
            const run = db.transaction('rw', scope, async () => {
              for (const inner of o.ops) await writeInside(db, inner, n++);
              if (o.check) await summariesEqualRebuild(db);
              if (o.abort) throw new Error('abort');
            });
            if (o.abort) await expect(run).rejects.toThrow('abort');
            else await run;
            continue;
          }
          if (o.kind === 'put') await db.reports.put(report(...o.id, s, o));
          else if (o.kind === 'bulkPut') await db.transaction('rw', [db.reports, db.meta], () => db.reports.bulkPut(o.ids.map((id, i) => report(...id, s * 10 + i, { status: o.status + i }))));
          else if (o.kind === 'tombstone') await db.reports.put(report(...o.id, s, { deleted: true }));
          else if (o.kind === 'delete') await db.reports.bulkDelete(o.ids.map(([t, u, p]) => `rep_${t}${u}${p}`));
          else if (o.kind === 'deleteRange') await db.reports.where('id').below(`rep_${o.id.join('')}`).delete();
          else if (o.kind === 'restore') {
            // As a backup restore: clear the table, then write what the backup held.
            const all = await db.reports.toArray();
            await db.transaction('rw', [db.reports], async () => {
              await db.reports.clear();
              await db.reports.bulkAdd(all.slice(0, o.keep));
            });
          } else if (o.kind === 'update') await db.reports.update(`rep_${o.id.join('')}`, { status: STATUSES[o.status]!, stamp: `${String(1_800_000_000_000 + s).padStart(15, '0')}-00000-dev_u` });
          else if (o.kind === 'snapshot') await writeDigestSnapshot(db, o.plan);
          else await db.transaction('rw', db.meta, db.reports, async () => {
            await db.meta.put({ key: 'x', value: s });
            await db.reports.put(report(...o.id, s, { status: o.status }));
          });
        }
        await summariesEqualRebuild(db);
        await db.delete();
      }),
      // Always also the case fast-check once found: two pairs of writes in flight at once around a clear, in one
      // transaction (their summary updates must apply in the order the writes were issued).
      { numRuns: 80, examples: [[FOUND_IN_FLIGHT]] },
    );
  });

  it('gives the tracking screens every live report, with each unit\'s newest in full', async () => {
    const db = new TaizhangDB('summaries-reads');
    await db.open();
    const rows = [report(0, 0, 0, 1), report(0, 0, 1, 2), report(0, 1, 0, 3, { revised: true }), report(0, 1, 2, 4, { deleted: true }), report(1, 2, 3, 5)];
    await db.reports.bulkPut(rows);
    const [a] = await db.reportSummaries.where('taskId').equals('task_a').toArray();
    const heads = reportsOfSummary(a!);
    expect(heads.map((h) => h.id).sort()).toEqual(['rep_000', 'rep_001', 'rep_010']);
    const newest = latestReportsByUnit(heads);
    expect(newest.get('unit_1')?.progress).toBe('第2次进展');
    expect(newest.get('unit_2')?.progress).toBe('第3次进展');
    const older = heads.find((h) => h.id === 'rep_000')!;
    expect(older.progress).toBeUndefined();
    expect(older).toMatchObject({ status: rows[0]!.status, period: '2024-Q1', stamp: rows[0]!.stamp, reportedAt: rows[0]!.reportedAt, unitId: 'unit_1', taskId: 'task_a', planId: 'plan_one' });
    // The first submission's time travels with a revised report (on-time reporting is decided by it).
    expect(heads.find((h) => h.id === 'rep_010')?.revisions?.[0]?.reportedAt).toBe('2023-12-01T00:00:00.000Z');
    // Deleting the newest report of a unit brings its next newest in full.
    await db.reports.delete('rep_001');
    const [after] = await db.reportSummaries.where('taskId').equals('task_a').toArray();
    expect(latestReportsByUnit(reportsOfSummary(after!)).get('unit_1')?.progress).toBe('第1次进展');
    await rebuildReportSummaries(db);
    expect(await db.reportSummaries.get('task_a')).toEqual(after);
    await db.delete();
  });

  it('reads and decodes each task\'s row once per transaction, however many requests write its reports', async () => {
    const db = new TaizhangDB('summaries-reads-once');
    let reads = 0;
    // Below the summary middleware: counts the summary rows it reads.
    db.use({
      stack: 'dbcore',
      name: 'countSummaryReads',
      level: 0,
      create: (down) => ({
        ...down,
        table: (name) => {
          const t = down.table(name);
          return name === 'reportSummaries' ? { ...t, getMany: (req) => ((reads += req.keys.length), t.getMany(req)) } : t;
        },
      }),
    });
    await db.open();
    await db.reports.bulkPut([report(0, 0, 0, 1), report(1, 0, 0, 2)]);
    reads = 0;
    await db.transaction('rw', [db.reports], async () => {
      for (let i = 0; i < 5; i++) await db.reports.bulkPut([report(0, 1, i % 4, 10 + i), report(1, 2, i % 4, 20 + i)]);
      await db.reports.delete('rep_000');
    });
    expect(reads).toBe(2);
    await summariesEqualRebuild(db);
    await db.delete();
  });

  it('a write that fails leaves reports and summaries as they were (one transaction)', async () => {
    const db = new TaizhangDB('summaries-abort');
    await db.open();
    await db.reports.put(report(0, 0, 0, 1));
    const before = await db.reportSummaries.toArray();
    await expect(
      db.transaction('rw', [db.reports], async () => {
        await db.reports.put(report(0, 1, 1, 2));
        await db.reports.bulkPut([report(0, 2, 1, 3), report(1, 0, 0, 4)]);
        await db.reports.delete('rep_000');
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    expect(await db.reportSummaries.toArray()).toEqual(before);
    expect(await db.reports.count()).toBe(1);
    // The next transaction on the same tasks starts from the stored rows, not from what the aborted one decoded.
    await db.transaction('rw', [db.reports], async () => {
      await db.reports.put(report(0, 0, 1, 5));
      await db.reports.put(report(1, 1, 1, 6));
    });
    await summariesEqualRebuild(db);
    expect((await db.reportSummaries.get('task_a'))!.heads).not.toContain('011');
    await db.delete();
  });
});

/** A database holding what five offices' simulated histories merge to (a plan, 12 tasks, 300 reports and actions). */
async function syncedDatabase(name: string, seed: number) {
  const { simulate, mergeStates, TABLE_ORDER } = await import('../../../shared/sync');
  const sim = simulate({ offices: 5, tasks: 12, reports: 300, seed });
  const state = mergeStates(sim.pcs.map((p) => p.state));
  const db = new TaizhangDB(name);
  await db.open();
  await db.transaction('rw', TABLE_ORDER.map((t) => db.table(t)), async () => {
    for (const t of TABLE_ORDER) await db.table(t).bulkPut(state.records[t]);
  });
  return { db, sim };
}

describe('screens read the summary: every figure equals the same figure from every report in full', () => {
  it('standings, lead-unit table, figures and the reporting matrix agree on a synced database', async () => {
    const { loadPlanView, loadPlanRecords } = await import('../../../renderer/db/tracking');
    const { computeStandings } = await import('../../../shared/tracking/standing');
    const { summarizeLeadUnits, planFigures, reportingMatrix } = await import('../../../shared/reports/supervisor');
    const { db, sim } = await syncedDatabase('summaries-screens', 7);
    const heads = await loadPlanView(db, sim.plan.id);
    const full = await loadPlanRecords(db, sim.plan.id);
    expect(heads.reports.length).toBe(full.reports.length);
    expect(full.reports.length).toBeGreaterThan(50);
    for (const today of ['2024-03-01', '2024-07-25', '2025-01-10']) {
      const a = computeStandings({ ...heads, today });
      const b = computeStandings({ ...full, today });
      const strip = (m: Map<string, import('../../../shared/tracking/standing').TaskStanding>) =>
        [...m].map(([id, s]) => [id, { ...s, latest: s.latest?.id ?? null, latestReports: s.latestReports?.map((r) => r.id), latestText: s.latest?.progress }]);
      expect(strip(a)).toEqual(strip(b));
      const inA = { ...heads, today, standings: a };
      const inB = { ...full, today, standings: b };
      expect(summarizeLeadUnits(inA)).toEqual(summarizeLeadUnits(inB));
      expect(planFigures(inA)).toEqual(planFigures(inB));
      expect(reportingMatrix(inA)).toEqual(reportingMatrix(inB));
    }
    await db.delete();
  });
});

describe('the first screenful read before the rest', () => {
  it('gives the named tasks the same standings as the whole read, and nothing for a plan with merged units', async () => {
    const { loadPlanView } = await import('../../../renderer/db/tracking');
    const { computeStandings } = await import('../../../shared/tracking/standing');
    const { firstShownTaskIds } = await import('../../../renderer/src/store/planView');
    const { db, sim } = await syncedDatabase('summaries-first', 11);
    const today = '2024-07-25';
    let structureTasks = 0;
    let first: Parameters<NonNullable<import('../../../renderer/db/tracking').EarlyReads['onFirst']>>[0] | undefined;
    const whole = await loadPlanView(db, sim.plan.id, {
      onStructure: (s) => {
        structureTasks = s.tasks.length;
        expect(s.reports).toEqual([]);
        return firstShownTaskIds(s, undefined, 5);
      },
      onFirst: (f) => (first = f),
    });
    expect(structureTasks).toBe(whole.tasks.length);
    expect(first?.taskIds).toHaveLength(5);
    const ids = new Set(first!.taskIds);
    const shownFirst = computeStandings({ plan: whole.plan, tasks: whole.tasks.filter((t) => ids.has(t.id)), reports: first!.reports, actions: first!.actions, today });
    const all = computeStandings({ ...whole, today });
    expect(first!.reports.length).toBeGreaterThan(0);
    for (const id of ids) expect(shownFirst.get(id)).toEqual(all.get(id));
    // Tasks outside every section come first, then by section and order (the task table's order with no sort).
    const order = firstShownTaskIds(whole, undefined, whole.tasks.length);
    const sectionIndex = new Map(whole.sections.map((s, i) => [s.id, i]));
    const keys = order.map((id) => whole.tasks.find((t) => t.id === id)!).map((t) => [t.sectionId ? sectionIndex.get(t.sectionId)! : -1, whole.tasks.indexOf(t)]);
    expect(keys).toEqual([...keys].sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!));
    // An office that is one of the plan's units: its own tasks too, 牵头 first.
    const lead = whole.tasks[whole.tasks.length - 1]!.lead[0]!;
    const office = whole.units.find((u) => u.id === lead)!.name;
    const withOwn = firstShownTaskIds(whole, office, 1);
    const firstLed = whole.tasks.find((t) => t.lead.includes(lead))!.id;
    expect(withOwn).toEqual([...new Set([order[0], firstLed])]);
    // A unit merged into another: its records show under the other unit only in the whole read, so none is read first.
    const unit = (await db.units.toArray())[0]!;
    await db.units.put({ ...unit, mergedInto: (await db.units.toArray())[1]!.id });
    let merged: unknown = 'not called';
    await loadPlanView(db, sim.plan.id, { onStructure: (s) => firstShownTaskIds(s, undefined, 5), onFirst: (f) => (merged = f) });
    expect(merged).toBeNull();
    await db.delete();
  });
});

describe('every task\'s digest read with the structure', () => {
  it('gives every task it serves the same standing as the whole read, from the digests\' rows and from their snapshot', async () => {
    const { loadPlanView } = await import('../../../renderer/db/tracking');
    const { computeStanding, computeStandings, indexByTask } = await import('../../../shared/tracking/standing');
    const { periodOfDay } = await import('../../../shared/tracking/dates');
    const { digestServes } = await import('../../../shared/tracking/reportDigest');
    const { writeDigestSnapshot } = await import('../../../renderer/db/digestSnapshots');
    const { db, sim } = await syncedDatabase('summaries-digests', 13);
    type Digests = Parameters<NonNullable<import('../../../renderer/db/tracking').EarlyReads['onDigests']>>[0];
    const read = async () => {
      let got: Digests | undefined;
      let first: unknown = 'not called';
      const whole = await loadPlanView(db, sim.plan.id, {
        onStructure: (s) => s.tasks.slice(0, 5).map((t) => t.id),
        onDigests: (d) => ((got = d), new Set(d.digests.map((x) => x.taskId))),
        onFirst: (f) => (first = f),
      });
      return { whole, got: got!, first };
    };
    for (const snapshot of [false, true]) {
      if (snapshot) expect(await writeDigestSnapshot(db, sim.plan.id)).toBe(true);
      const { whole, got, first } = await read();
      expect(got.fromSnapshot).toBe(snapshot);
      // Every named task had a digest (or no report): none was read again from its summary.
      expect(first).toBe('not called');
      const actionsByTask = indexByTask(got.actions);
      let compared = 0;
      // (The simulated offices report up to 2028: the earlier days' periods are served only for tasks with few reports.)
      for (const today of ['2024-07-25', '2028-11-10', '2029-01-10', '2030-06-01']) {
        const all = computeStandings({ ...whole, today });
        const period = periodOfDay(today, whole.plan.cadence);
        const served = new Set(got.digests.filter((d) => digestServes(d, period)).map((d) => d.taskId));
        for (const task of whole.tasks) {
          const hasDigest = got.reportsByTask.has(task.id);
          if (hasDigest && !served.has(task.id)) continue;
          const early = computeStanding({ plan: whole.plan, task, reports: got.reportsByTask.get(task.id) ?? [], actions: actionsByTask.get(task.id) ?? [], today });
          expect(early, `${task.id} on ${today}`).toEqual(all.get(task.id));
          compared++;
        }
      }
      expect(compared).toBeGreaterThan(20);
    }
    await db.delete();
  });
});

describe('the 督办视图 from the digests read with the structure', () => {
  it('draws the same lead-unit rows, figures, matrix and status counts as the whole read, from the rows and from the snapshot', async () => {
    const { loadPlanView } = await import('../../../renderer/db/tracking');
    const { computeStanding, indexByTask } = await import('../../../shared/tracking/standing');
    const { periodOfDay } = await import('../../../shared/tracking/dates');
    const { digestServes } = await import('../../../shared/tracking/reportDigest');
    const { supervisorView } = await import('../../../shared/reports/supervisor');
    const { supervisorViewOf } = await import('../../../renderer/src/features/supervisor/supervisorViewOf');
    const { writeDigestSnapshot } = await import('../../../renderer/db/digestSnapshots');
    const { db, sim } = await syncedDatabase('summaries-supervisor', 21);
    type Digests = Parameters<NonNullable<import('../../../renderer/db/tracking').EarlyReads['onDigests']>>[0];
    let compared = 0;
    for (const snapshot of [false, true]) {
      if (snapshot) expect(await writeDigestSnapshot(db, sim.plan.id)).toBe(true);
      let got: Digests | undefined;
      let structure: import('../../../renderer/db/tracking').PlanView | undefined;
      let first: unknown = 'not called';
      // As the 督办视图 reads: no task named first, every task's digest.
      const whole = await loadPlanView(db, sim.plan.id, {
        onStructure: (s) => ((structure = s), []),
        onDigests: (d) => ((got = d), new Set(d.digests.map((x) => x.taskId))),
        onFirst: (f) => (first = f),
      });
      expect(first).toBe('not called');
      expect(got!.fromSnapshot).toBe(snapshot);
      expect(got!.clampedTimes).toBe(false);
      const actionsByTask = indexByTask(got!.actions);
      for (const today of ['2028-11-10', '2029-01-10', '2030-06-01']) {
        const period = periodOfDay(today, whole.plan.cadence);
        if (!got!.digests.every((d) => digestServes(d, period))) continue;
        const standings = new Map(structure!.tasks.map((task) => [task.id, computeStanding({ plan: whole.plan, task, reports: got!.reportsByTask.get(task.id) ?? [], actions: actionsByTask.get(task.id) ?? [], today })]));
        const early = supervisorViewOf(structure!, today, { digest: { actions: got!.actions, reportsByTask: got!.reportsByTask, actionsByTask, digests: got!.digests }, standings });
        expect(early).toEqual(supervisorView({ ...whole, today }));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(2);
    // A report whose 报送时间 is shown as its arrival: the ledgers hold the time as filed, so they are not used.
    await db.meta.put({ key: 'sync.receivedAt', value: { [(await db.reports.toCollection().first())!.id]: '2020-01-01T00:00:00.000Z' } });
    let clamped: boolean | undefined;
    await loadPlanView(db, sim.plan.id, { onStructure: () => [], onDigests: (d) => ((clamped = d.clampedTimes), new Set()), onFirst: () => undefined });
    expect(clamped).toBe(true);
    await db.delete();
  });
});

describe('packed heads', () => {
  it('decode to exactly the stored reports\' fields, whatever form their ids, stamps and times take', () => {
    const base = report(0, 0, 0, 1);
    const odd: Report[] = [
      { ...base, id: 'rep_aaa', reportedAt: '2024-01-01T08:00:00+08:00' },
      { ...base, id: 'rep_bbb', period: '2024-Q2', stamp: '000001700000000009-00012-dev_x_y', reportedAt: '2024-04-01T00:00:00Z', values: [{ target: 't2', value: 1.5 }], entry: 'form', percent: 80 },
      { ...base, id: 'legacy_1', period: '2024-Q3', reportedAt: '2024-07-01T00:00:00.123Z', revisions: [{ ...base, stamp: base.stamp, reportedAt: '2024-06-30T23:59:59.999Z' }] },
    ];
    const [row] = rebuildSummaries(odd);
    const heads = reportsOfSummary(row!);
    for (const r of odd) {
      const h = heads.find((x) => x.id === r.id)!;
      expect(h).toBeDefined();
      for (const key of ['id', 'planId', 'taskId', 'unitId', 'period', 'stamp', 'status', 'reportedAt', 'percent', 'values', 'entry'] as const) expect(h[key], key).toEqual(r[key]);
      expect(firstReportedAt(h)).toBe(firstReportedAt(r));
    }
    // One byte a character: no office names or text among the heads.
    expect(/[^\x20-\x7e]/.test(row!.heads)).toBe(false);
  });
});
