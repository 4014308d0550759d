import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { buildLedgerXlsx } from '../../../shared/reports/ledger';
import { computeStandings } from '../../../shared/tracking/standing';
import { filterTaskRows } from '../../../shared/tracking/taskFilter';
import { latestProgress, newestReport } from '../../../shared/tracking/latest';
import { report, samplePlan } from './fixtures';

const records = samplePlan();
const today = '2024-06-25';
// Task 1: the lead reports Q2 on time, then files its forgotten Q1 report late (saved last).
const q2 = report(records, 0, 0, '2024-Q2', { progress: '二季度已压缩至三个工作日', reportedAt: '2024-06-10T02:00:00.000Z' });
const q1Late = report(records, 0, 0, '2024-Q1', { progress: '一季度补报：完成调研', reportedAt: '2024-06-24T02:00:00.000Z' });
const reports = [q2, q1Late];

describe('最新进展 is the newest period’s report, not the last one saved', () => {
  it('a late report for an earlier period does not hide the current one on screen', () => {
    expect(q1Late.stamp > q2.stamp).toBe(true);
    const standing = computeStandings({ plan: records.plan, tasks: records.tasks, reports, actions: [], today }).get(records.tasks[0]!.id)!;
    expect(standing.latest?.period).toBe('2024-Q2');
    expect(standing.latest?.progress).toBe('二季度已压缩至三个工作日');
    // 最近报送 is still the day the late report came in.
    expect(standing.lastReportDate).toBe('2024-06-24');
    expect(newestReport(reports)).toBe(q2);
    expect(latestProgress(reports, records.tasks[0]!.lead)).toEqual([q2]);
  });

  it('the search finds the current progress and not the superseded one', () => {
    const standings = computeStandings({ plan: records.plan, tasks: records.tasks, reports, actions: [], today });
    const rows = records.tasks.map((task) => ({ task, standing: standings.get(task.id)! }));
    const ctx = { today, unitNames: new Map(records.units.map((u) => [u.id, u.name])) };
    expect(filterTaskRows(rows, { text: '三个工作日' }, ctx).map((r) => r.task.number)).toEqual(['1']);
    expect(filterTaskRows(rows, { text: '补报' }, ctx)).toEqual([]);
  });

  it('the Excel 台账 shows the same progress as the screen', async () => {
    const bytes = await buildLedgerXlsx({ ...records, reports, actions: [], today, scope: { kind: 'all' } });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const ws = wb.getWorksheet('任务分解台账')!;
    const row = (ws.getRow(6).values as unknown[]).slice(1).map(String);
    expect(row[0]).toBe('1');
    expect(row[7]).toBe('二季度已压缩至三个工作日');
  });

  it('two leads: each lead’s newest report, in lead order; the cell shows the newest period', () => {
    const task = records.tasks[1]!;
    const a = report(records, 1, 0, '2024-Q1', { progress: 'A 一季度' });
    const b = report(records, 1, 1, '2024-Q2', { progress: 'B 二季度' });
    const aOld = report(records, 1, 0, '2023-Q4', { progress: 'A 旧' });
    expect(latestProgress([b, a, aOld], task.lead).map((r) => r.progress)).toEqual(['A 一季度', 'B 二季度']);
    expect(newestReport(latestProgress([b, a, aOld], task.lead))?.progress).toBe('B 二季度');
  });
});
