import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { TaizhangDB } from '../../../renderer/db/database';
import { rebuildSummaries, reportsOfSummary } from '../../../shared/tracking/reportSummary';
import { digestOfSummary, ledgerOf, reportsOfDigest } from '../../../shared/tracking/reportDigest';
import type { Report } from '../../../shared/model';

/**
 * Migration scaffold: each released schema version gets a fixture written with that version's stores, then
 * opened with the current TaizhangDB; the test checks the data survives. Add a case per new version.
 */
/** The stores of each released version, as they were released (never edited). */
const V1_STORES = {
  plans: 'id, stamp', sections: 'id, planId, stamp', tasks: 'id, planId, *lead, *support, *implement, stamp', units: 'id, name, stamp',
  reports: 'id, planId, taskId, unitId, stamp', actions: 'id, planId, taskId, stamp', blobs: 'sha256', conflicts: '++seq, [table+recordId]', meta: 'key',
};
const V2_STORES = { roster: 'id', statements: 'id' };
const V4_STORES = { reportSummaries: 'taskId, planId' };
const V5_STORES = { reportDigests: 'taskId, planId', digestSnapshots: 'planId' };
const V6_STORES = { structureSnapshots: 'planId' };
const V3_STORES = {
  requests: 'id, planId, office, stamp', requestEvents: 'id, planId, requestId, stamp', requestLedgers: 'id, planId, stamp', scoreSchemes: 'id, planId, stamp',
  scoreAdjustments: 'id, planId, unitId, stamp',
};

describe('database migrations', () => {
  it('opens at the current version with every table', async () => {
    const db = new TaizhangDB('mig-current');
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(1);
    expect(db.tables.map((t) => t.name).sort()).toEqual(
      ['actions', 'blobs', 'conflicts', 'meta', 'plans', 'reports', 'roster', 'sections', 'statements', 'tasks', 'units', 'requests', 'requestEvents', 'requestLedgers', 'scoreSchemes', 'scoreAdjustments', 'reportSummaries', 'reportDigests', 'digestSnapshots', 'structureSnapshots'].sort(),
    );
    await db.delete();
  });

  it('keeps version-1 data when opened by the current schema', async () => {
    const v1 = new Dexie('mig-v1');
    v1.version(1).stores({ plans: 'id', tasks: 'id, planId, *lead, *support, *implement', meta: 'key' });
    await v1.open();
    await v1.table('plans').put({ id: 'plan_0123456789abcdef', title: '旧计划' });
    await v1.table('meta').put({ key: 'deviceId', value: 'dev_old' });
    v1.close();

    const db = new TaizhangDB('mig-v1');
    await db.open();
    expect((await db.plans.get('plan_0123456789abcdef'))?.title).toBe('旧计划');
    expect((await db.meta.get('deviceId'))?.value).toBe('dev_old');
    await db.delete();
  });

  it('version 2 (keys and signatures) adds the roster and statement tables and keeps every version-1 row', async () => {
    const v1 = new Dexie('mig-v1-full');
    v1.version(1).stores(V1_STORES);
    await v1.open();
    await v1.table('reports').put({ id: 'rep_0123456789abcdef', planId: 'plan_0123456789abcdef', stamp: '000000000000001-00000-dev_old', progress: '旧进展' });
    await v1.table('meta').put({ key: 'identity', value: { deviceId: 'dev_old', office: '市教育局', role: 'department' } });
    v1.close();

    // Version 2 exactly as released (before 诉求事项 and 考核).
    const v2 = new Dexie('mig-v1-full');
    v2.version(1).stores(V1_STORES);
    v2.version(2).stores(V2_STORES);
    await v2.open();
    expect(v2.verno).toBe(2);
    expect((await v2.table('reports').get('rep_0123456789abcdef'))?.progress).toBe('旧进展');
    expect(await v2.table('roster').count()).toBe(0);
    expect(await v2.table('statements').count()).toBe(0);
    v2.close();
    await Dexie.delete('mig-v1-full');
  });

  it('version 3 (诉求事项 and 考核) opens a version-2 database made from version 1: every row kept, the new tables empty and indexed', async () => {
    const name = 'mig-v1-v2-v3';
    const v1 = new Dexie(name);
    v1.version(1).stores(V1_STORES);
    await v1.open();
    await v1.table('reports').put({ id: 'rep_0123456789abcdef', planId: 'plan_0123456789abcdef', stamp: '000000000000001-00000-dev_old', progress: '旧进展' });
    await v1.table('meta').put({ key: 'identity', value: { deviceId: 'dev_old', office: '市教育局', role: 'department' } });
    v1.close();

    const v2 = new Dexie(name);
    v2.version(1).stores(V1_STORES);
    v2.version(2).stores(V2_STORES);
    await v2.open();
    await v2.table('roster').put({ id: 'roster_1', entry: { kind: 'test' } });
    await v2.table('statements').put({ id: 'st_1', statement: { kind: 'test' } });
    v2.close();

    const db = new TaizhangDB(name);
    await db.open();
    expect(db.verno).toBe(7);
    expect((await db.reports.get('rep_0123456789abcdef'))?.progress).toBe('旧进展');
    expect((await db.meta.get('identity'))?.value).toMatchObject({ office: '市教育局' });
    expect(await db.roster.get('roster_1')).toEqual({ id: 'roster_1', entry: { kind: 'test' } });
    expect(await db.statements.count()).toBe(1);
    expect(await db.requests.count()).toBe(0);
    expect(await db.requestEvents.where('requestId').equals('req_x').count()).toBe(0);
    expect(await db.requestLedgers.where('planId').equals('plan_x').count()).toBe(0);
    expect(await db.scoreSchemes.where('planId').equals('plan_x').count()).toBe(0);
    expect(await db.scoreAdjustments.where('unitId').equals('unit_x').count()).toBe(0);
    await db.delete();
  });

  it('version 4 (report summaries) builds the summary of every report a real version-3 database holds, and keeps it after', async () => {
    const name = 'mig-v3-v4';
    const v3 = new Dexie(name);
    v3.version(1).stores(V1_STORES);
    v3.version(2).stores(V2_STORES);
    v3.version(3).stores(V3_STORES);
    await v3.open();
    const report = (unit: string, period: string, n: number, extra: object = {}) => ({
      id: `rep_${unit}${period}`, stamp: `00000000000000${n}-00000-dev_old`, by: '市教育局', planId: 'plan_0123456789abcdef', taskId: 'task_0123456789abcdef', unitId: unit,
      period, status: 'in-progress' as const, progress: `进展${n}`, problems: '', nextSteps: '', percent: null, attachments: [], author: '', reportedAt: `2024-0${n}-10T08:00:00.000Z`, ...extra,
    });
    await v3.table('reports').bulkPut([report('unit_a', '2024-Q1', 1), report('unit_a', '2024-Q2', 2), report('unit_b', '2024-Q1', 3), report('unit_b', '2024-Q2', 4, { deleted: true })]);
    // An old, partial record (version 1 wrote some without task): kept, and left out of the summary.
    await v3.table('reports').put({ id: 'rep_0123456789abcdef', planId: 'plan_0123456789abcdef', stamp: '000000000000001-00000-dev_old', progress: '旧进展' });
    v3.close();

    const db = new TaizhangDB(name);
    await db.open();
    expect(db.verno).toBe(7);
    expect(await db.reports.count()).toBe(5);
    const [row] = await db.reportSummaries.where('planId').equals('plan_0123456789abcdef').toArray();
    expect(row?.taskId).toBe('task_0123456789abcdef');
    expect(row?.latest.map((r) => r.progress)).toEqual(['进展2', '进展3']);
    expect(reportsOfSummary(row!).map((r) => r.period).sort()).toEqual(['2024-Q1', '2024-Q1', '2024-Q2']);
    // Later writes keep it in step.
    await db.reports.put(report('unit_b', '2024-Q3', 5));
    expect((await db.reportSummaries.get('task_0123456789abcdef'))?.latest.map((r) => r.progress)).toEqual(['进展2', '进展5']);
    await db.delete();
  });

  it('version 5 (report digests) builds the digest of every summary a real version-4 database holds, and keeps it in step after', async () => {
    const name = 'mig-v4-v5';
    const taskId = 'task_0123456789abcdef';
    const report = (unit: string, period: string, n: number) => ({
      id: `rep_${unit}${period}`, stamp: `00000000000000${n}-00000-dev_old`, by: '市教育局', planId: 'plan_0123456789abcdef', taskId, unitId: unit,
      period, status: 'in-progress' as const, progress: `进展${n}`, problems: '', nextSteps: '', percent: null, attachments: [], author: '', reportedAt: `2024-0${n}-10T08:00:00.000Z`,
    });
    const reports = [report('unit_a', '2023-Q4', 1), report('unit_a', '2024-Q1', 2), report('unit_a', '2024-Q2', 3), report('unit_b', '2024-Q1', 4)];
    // A version-4 database as version 4 left it: the reports and their summary rows (built by the same rule).
    const v4 = new Dexie(name);
    v4.version(1).stores(V1_STORES);
    v4.version(2).stores(V2_STORES);
    v4.version(3).stores(V3_STORES);
    v4.version(4).stores(V4_STORES);
    await v4.open();
    await v4.table('reports').bulkPut(reports);
    await v4.table('reportSummaries').bulkPut(rebuildSummaries(reports as Report[]));
    v4.close();

    const db = new TaizhangDB(name);
    await db.open();
    expect(db.verno).toBe(7);
    expect(await db.reports.count()).toBe(4);
    const digest = await db.reportDigests.get(taskId);
    // unit_a's oldest period is left out; its last two and unit_b's only one are kept.
    expect(reportsOfDigest(digest!).map((r) => `${r.unitId} ${r.period}`).sort()).toEqual(['unit_a 2024-Q1', 'unit_a 2024-Q2', 'unit_b 2024-Q1']);
    expect(digest!.trimmed).toEqual([['unit_a', '2024-Q1']]);
    expect(digest!.latest.map((r) => r.progress)).toEqual(['进展3', '进展4']);
    // Later writes keep it in step.
    await db.reports.put(report('unit_b', '2024-Q3', 5));
    expect((await db.reportDigests.get(taskId))?.latest.map((r) => r.progress)).toEqual(['进展3', '进展5']);
    await db.reports.delete('rep_unit_a2024-Q2');
    await db.reports.delete('rep_unit_a2024-Q1');
    await db.reports.delete('rep_unit_a2023-Q4');
    expect(reportsOfDigest((await db.reportDigests.get(taskId))!).map((r) => r.unitId)).toEqual(['unit_b', 'unit_b']);
    await db.reports.clear();
    expect(await db.reportDigests.count()).toBe(0);
    await db.delete();
  });

  it('version 6 (period ledgers) builds every digest again from the summaries of a real version-5 database and removes its snapshots', async () => {
    const name = 'mig-v5-v6';
    const taskId = 'task_0123456789abcdef';
    const report = (unit: string, period: string, n: number, status = 'in-progress') => ({
      id: `rep_${unit}${period}`, stamp: `00000000000000${n}-00000-dev_old`, by: '市教育局', planId: 'plan_0123456789abcdef', taskId, unitId: unit,
      period, status, progress: `进展${n}`, problems: '', nextSteps: '', percent: null, attachments: [], author: '', reportedAt: `2024-0${n}-10T08:00:00.000Z`,
    });
    const reports = [report('unit_a', '2023-Q4', 1), report('unit_a', '2024-Q1', 2, 'done'), report('unit_a', '2024-Q2', 3), report('unit_b', '2024-Q1', 4)];
    const summaries = rebuildSummaries(reports as Report[]);
    // A version-5 database as version 5 left it: its digests without a ledger, and a plan's snapshot of them.
    const v5Digests = summaries.map((s) => {
      const { ledger: _ledger, ...digest } = digestOfSummary(s);
      return digest;
    });
    const v5 = new Dexie(name);
    v5.version(1).stores(V1_STORES);
    v5.version(2).stores(V2_STORES);
    v5.version(3).stores(V3_STORES);
    v5.version(4).stores(V4_STORES);
    v5.version(5).stores(V5_STORES);
    await v5.open();
    await v5.table('reports').bulkPut(reports);
    await v5.table('reportSummaries').bulkPut(summaries);
    await v5.table('reportDigests').bulkPut(v5Digests);
    await v5.table('digestSnapshots').put({ planId: 'plan_0123456789abcdef', digests: v5Digests });
    v5.close();

    const db = new TaizhangDB(name);
    await db.open();
    expect(db.verno).toBe(7);
    expect(await db.reports.count()).toBe(4);
    expect(await db.reportSummaries.toArray()).toEqual(summaries);
    expect(await db.digestSnapshots.count()).toBe(0);
    expect(await db.structureSnapshots.count()).toBe(0);
    const digest = (await db.reportDigests.get(taskId))!;
    expect(digest).toEqual(digestOfSummary(summaries[0]!));
    // Every period of each unit, with its first submission and 已完成's stamp.
    expect([...ledgerOf(digest)]).toEqual([
      ['unit_a', [['2023-Q4', '2024-01-10T08:00:00.000Z', 0], ['2024-Q1', '2024-02-10T08:00:00.000Z', '000000000000002-00000-dev_old'], ['2024-Q2', '2024-03-10T08:00:00.000Z', 0]]],
      ['unit_b', [['2024-Q1', '2024-04-10T08:00:00.000Z', 0]]],
    ]);
    await db.delete();
  });

  it('version 7 drops the reports\u2019 unitId index of a real version-6 database and keeps every report, summary and digest', async () => {
    const name = 'mig-v6-v7';
    const taskId = 'task_0123456789abcdef';
    const reports = ['unit_a', 'unit_b'].map((unit, n) => ({
      id: `rep_${unit}`, stamp: `00000000000000${n + 1}-00000-dev_old`, by: '市教育局', planId: 'plan_0123456789abcdef', taskId, unitId: unit,
      period: '2024-Q1', status: 'in-progress', progress: `进展${n}`, problems: '', nextSteps: '', percent: null, attachments: [], author: '', reportedAt: '2024-03-10T08:00:00.000Z',
    }));
    const summaries = rebuildSummaries(reports as Report[]);
    const v6 = new Dexie(name);
    v6.version(1).stores(V1_STORES);
    v6.version(2).stores(V2_STORES);
    v6.version(3).stores(V3_STORES);
    v6.version(4).stores(V4_STORES);
    v6.version(5).stores(V5_STORES);
    v6.version(6).stores(V6_STORES);
    await v6.open();
    await v6.table('reports').bulkPut(reports);
    await v6.table('reportSummaries').bulkPut(summaries);
    await v6.table('reportDigests').bulkPut(summaries.map(digestOfSummary));
    expect(await v6.table('reports').where('unitId').equals('unit_a').count()).toBe(1);
    v6.close();

    const db = new TaizhangDB(name);
    await db.open();
    expect(db.verno).toBe(7);
    expect(db.reports.schema.indexes.map((i) => i.name).sort()).toEqual(['planId', 'stamp', 'taskId']);
    expect(await db.reports.toArray()).toEqual(reports);
    expect(await db.reports.where('taskId').equals(taskId).count()).toBe(2);
    expect(await db.reportSummaries.toArray()).toEqual(summaries);
    expect(await db.reportDigests.toArray()).toEqual(summaries.map(digestOfSummary));
    // A report saved after the upgrade keeps its summary in step, as before.
    await db.reports.put({ ...reports[0]!, stamp: '000000000000009-00000-dev_new', progress: '新进展' } as Report);
    expect(reportsOfSummary((await db.reportSummaries.get(taskId))!).find((r) => r.unitId === 'unit_a')?.stamp).toBe('000000000000009-00000-dev_new');
    await db.delete();
  });
});
