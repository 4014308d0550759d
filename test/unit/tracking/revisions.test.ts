import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { TaizhangDB } from '../../../renderer/db/database';
import { setIdentity } from '../../../renderer/db/installation';
import { savePlanRecords } from '../../../renderer/db/plans';
import { readState } from '../../../renderer/db/sync/state';
import { saveReport } from '../../../renderer/db/tracking';
import { MAX_REPORT_REVISIONS, ReportSchema, sha256Hex, unitId } from '../../../shared/model';
import { taskPeriodState } from '../../../shared/tracking/reporting';
import { firstReportedAt, reportVersions, reviseReport } from '../../../shared/tracking/revisions';
import { report, samplePlan } from './fixtures';

let n = 0;
const dbs: TaizhangDB[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

const records = samplePlan();
const market = unitId('市市场监管局');
const task0 = records.tasks[0]!;

async function setup() {
  const db = new TaizhangDB(`revisions-test-${n++}`);
  dbs.push(db);
  await setIdentity(db, '市市场监管局', 'department');
  await savePlanRecords(db, records);
  return db;
}

const input = (extra: object = {}) => ({ planId: records.plan.id, taskId: task0.id, unitId: market, period: '2024-Q2', status: 'in-progress', progress: '第一稿', ...extra });

describe('re-saving a period’s report keeps the earlier version', () => {
  it('keeps each replaced version in the report’s history, newest first', async () => {
    const db = await setup();
    await saveReport(db, input(), new Date('2024-05-01T08:00:00Z'));
    await saveReport(db, input({ progress: '第二稿' }), new Date('2024-05-02T08:00:00Z'));
    const third = await saveReport(db, input({ progress: '第三稿', status: 'done', percent: 100 }), new Date('2024-05-03T08:00:00Z'));
    const stored = (await db.reports.get(third.id))!;
    expect(stored.progress).toBe('第三稿');
    expect(stored.revisions?.map((r) => r.progress)).toEqual(['第二稿', '第一稿']);
    expect(reportVersions(stored).map((v) => v.status)).toEqual(['done', 'in-progress', 'in-progress']);
    expect(ReportSchema.strict().safeParse(stored).success).toBe(true);
    // Saving the same content again adds no revision.
    await saveReport(db, input({ progress: '第三稿', status: 'done', percent: 100 }), new Date('2024-05-04T08:00:00Z'));
    expect((await db.reports.get(third.id))!.revisions).toHaveLength(2);
  });

  it('exports the attachments of earlier versions with the report', async () => {
    const db = await setup();
    const bytes = new TextEncoder().encode('佐证材料第一版');
    await saveReport(db, input({ attachments: [{ name: '佐证.txt', bytes }] }), new Date('2024-05-01T08:00:00Z'));
    await saveReport(db, input({ progress: '换了材料', attachments: [] }), new Date('2024-05-02T08:00:00Z'));
    const state = await readState(db);
    expect(state.blobs.map((b) => b.sha256)).toEqual([sha256Hex(bytes)]);
  });

  it('judges lateness by the first submission: correcting an on-time report after the due day keeps it on time', () => {
    const onTime = report(records, 0, 0, '2024-Q2', { reportedAt: '2024-06-10T02:00:00.000Z' });
    const corrected = reviseReport(onTime, { ...onTime, stamp: onTime.stamp.replace(/^0/, '1'), progress: '更正', reportedAt: '2024-06-28T02:00:00.000Z' });
    expect(firstReportedAt(corrected)).toBe('2024-06-10T02:00:00.000Z');
    const state = taskPeriodState({ plan: records.plan, task: task0, reports: [corrected], actions: [], unitId: market, period: '2024-Q2', today: '2024-07-01' });
    expect(state).toBe('reported');
  });

  it('keeps at most MAX_REPORT_REVISIONS versions, always including the first submission', () => {
    let r = report(records, 0, 0, '2024-Q2', { progress: 'v0', reportedAt: '2024-04-01T00:00:00.000Z' });
    for (let i = 1; i <= MAX_REPORT_REVISIONS + 5; i++) r = reviseReport(r, { ...r, progress: `v${i}`, reportedAt: `2024-05-${String(i).padStart(2, '0')}T00:00:00.000Z` });
    expect(r.revisions).toHaveLength(MAX_REPORT_REVISIONS);
    expect(r.revisions![r.revisions!.length - 1]!.progress).toBe('v0');
    expect(r.revisions![0]!.progress).toBe(`v${MAX_REPORT_REVISIONS + 4}`);
    expect(ReportSchema.safeParse(r).success).toBe(true);
  });
});
