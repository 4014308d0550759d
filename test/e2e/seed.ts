import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { buildPlanRecords, reportId, ReportSchema, type PlanRecords, type Report, type ReportStatus } from '../../shared/model';
import type { ParsedTask } from '../../shared/parser/types';
import { rebuildSummaries, type ReportSummary } from '../../shared/tracking/reportSummary';

/** Where the screenshot tests write the PNGs to look at. */
export const SCREENSHOT_DIR = join(process.cwd(), '.cache', 'screenshots');

// The project's own copies of the team's seed and expectation (test/fixtures), so the tests carry their inputs.
export const SEED_002 = join(process.cwd(), 'test/fixtures/seeds/002_e07f66075fad0f3c.txt');
export const EXPECTED_002 = join(process.cwd(), 'test/fixtures/expected/002_e07f66075fad0f3c.json');

/** The plan records of seed 002 as the parser should give them (from shared/expected), for screens that do not test the import. */
export function expectedPlan002(deadlines: Record<string, string> = {}): PlanRecords {
  const expected = JSON.parse(readFileSync(EXPECTED_002, 'utf8')) as { title: string; docNumber: string; date: string; tasks: ParsedTask[] };
  return buildPlanRecords(
    {
      title: expected.title,
      docNumber: expected.docNumber,
      issuer: null,
      date: expected.date,
      source: null,
      leadRule: 'columns',
      cadence: { every: 'quarter', day: 20 },
      tasks: expected.tasks.map((t) => {
        const date = deadlines[t.number];
        return { ...t, deadline: date ? { text: `${date.slice(0, 4)}年${Number(date.slice(5, 7))}月底前`, date, kind: 'date' as const } : (t.deadline ?? null) };
      }),
    },
    { stamp: '000001700000000-00000-seed', office: '市市场监管局', device: 'seed', now: new Date('2022-12-08T00:00:00Z') },
  );
}

/** Write records straight into the app's IndexedDB (the app must have opened it once), then reload. */
export async function seedDatabase(page: Page, tables: Record<string, unknown[]>): Promise<void> {
  // Written below Dexie, so the report summary the app keeps with every report write is written here too, by the
  // same rebuild the database upgrade uses (shared/tracking/reportSummary.ts). (For a fresh database: the rows
  // written replace any summary of the same tasks.)
  if (tables.reports?.length) {
    const existing = (tables.reportSummaries ?? []) as ReportSummary[];
    tables = { ...tables, reportSummaries: [...existing, ...rebuildSummaries(tables.reports as Report[])] };
  }
  await page.evaluate(async (data) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('taizhang');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const names = Object.keys(data);
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction(names, 'readwrite');
      for (const name of names) for (const row of data[name]!) tx.objectStore(name).put(row);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, tables);
  await page.reload();
}

/** Set this PC's identity directly (for tests of other screens). */
export function identityRow(office: string, role: 'department' | 'supervisor', deviceId = 'dev_e2e') {
  return [
    { key: 'deviceId', value: deviceId },
    { key: 'identity', value: { deviceId, office, role } },
  ];
}

/** A few reports from lead units over the last periods, so the supervisor screens have something to show. */
export function sampleReports(records: PlanRecords, periods = ['2026-Q2', '2026-Q3', '2026-Q4']): Report[] {
  const statuses: ReportStatus[] = ['in-progress', 'done', 'delayed', 'ongoing', 'in-progress', 'not-started'];
  const out: Report[] = [];
  records.tasks.forEach((task, i) => {
    const unit = task.lead[0];
    if (!unit || i % 4 === 3) return;
    periods.forEach((period, p) => {
      if ((i + p) % 3 === 0 && p < periods.length - 1) return;
      const status = statuses[(i + p) % statuses.length]!;
      out.push({
        id: reportId(task.id, unit, period),
        stamp: `00000170000${p}${String(i).padStart(3, '0')}-00000-seed`,
        by: 'seed',
        planId: task.planId,
        taskId: task.id,
        unitId: unit,
        period,
        status,
        progress: status === 'not-started' ? '' : `第${task.number}项${period}进展：已召开专题会议，制定工作方案并推进落实。`,
        problems: '',
        nextSteps: '',
        percent: null,
        attachments: [],
        author: '',
        reportedAt: `${period.slice(0, 4)}-${String(Number(period.slice(-1)) * 3 - 1).padStart(2, "0")}-${String((i % 2) * 10 + 5).padStart(2, '0')}T08:00:00.000Z`,
      });
    });
  });
  // Seeded rows bypass the app's validation: check them against the schema so test data is always valid.
  return out.map((r) => ReportSchema.parse(r));
}

/**
 * A "revised version" of seed 002 for the re-import test: task 1 reworded, task 3 handed to another lead unit.
 * Only the 任务分解表 part (after the body) is edited; the test drops a task in the review itself.
 */
export function reviseSeed002(text: string): string {
  const lines = text.split('\n');
  const tableStart = lines.findIndex((l, i) => i > 60 && l.trim() === '建立健全分级分类监管机制,以问题为导向,建立重点企业、重点品种检查清单,实施精准监管。');
  if (tableStart < 0) throw new Error('seed 002 changed: table row 1 not found');
  lines[tableStart] = '建立健全分级分类监管制度,以风险为导向,建立重点企业、重点品种检查清单,实施精准监管。';
  const three = lines.findIndex((l, i) => i > tableStart && l.trim() === '3');
  const cells = [];
  for (let i = three + 1; i < lines.length && cells.length < 3; i++) if (lines[i]!.trim()) cells.push(i);
  lines[cells[1]!] = '市卫生健康局';
  return lines.join('\n');
}
