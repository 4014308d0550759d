import 'fake-indexeddb/auto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { TaizhangDB } from '../../../renderer/db/database';
import { setIdentity } from '../../../renderer/db/installation';
import { savePlanRecords } from '../../../renderer/db/plans';
import { addAdjustment, loadScoringRecords, removeAdjustment, saveScheme } from '../../../renderer/db/scoring';
import { unitId } from '../../../shared/model';
import { computeScores } from '../../../shared/scoring/compute';
import { buildScoreBulletinDocx, buildScoresXlsx } from '../../../shared/scoring/exports';
import { DEFAULT_SCORE_ITEMS, schemeItems } from '../../../shared/scoring/scheme';
import { report, samplePlan } from '../tracking/fixtures';

const OUT = join(process.cwd(), '.cache', 'exports');
const records = samplePlan();

describe('考核 exports', () => {
  it('the .xlsx ranks the units with the screen’s scores and lists every line behind them; the Word 考核通报 carries the table', async () => {
    const reports = [report(records, 0, 0, '2024-Q1', { reportedAt: '2024-03-10T02:00:00.000Z' }), report(records, 2, 0, '2024-Q1', { reportedAt: '2024-03-25T02:00:00.000Z' })];
    const scores = computeScores({ plan: records.plan, tasks: records.tasks, units: records.units, reports, actions: [], adjustments: [], items: DEFAULT_SCORE_ITEMS, window: { kind: 'year', year: 2024 }, today: '2025-01-10' });
    const x = { plan: records.plan, window: { kind: 'year' as const, year: 2024 }, items: DEFAULT_SCORE_ITEMS, scores, today: '2025-01-10' };
    const xlsx = await buildScoresXlsx(x);
    const docx = await buildScoreBulletinDocx(x);
    mkdirSync(OUT, { recursive: true });
    writeFileSync(join(OUT, '考核排名.xlsx'), xlsx);
    writeFileSync(join(OUT, '考核通报.docx'), docx);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.buffer as ArrayBuffer);
    const ranking = wb.getWorksheet('考核排名')!;
    const rows = scores.map((_, i) => ranking.getRow(4 + i));
    expect(rows.map((r) => [r.getCell(1).value, r.getCell(2).value, r.getCell(9).value])).toEqual(scores.map((s) => [s.rank, s.name, s.total]));
    const detail = wb.getWorksheet('得分明细')!;
    const lines: string[] = [];
    detail.eachRow((row, n) => n > 3 && row.getCell(5).value && lines.push(String(row.getCell(5).value)));
    expect(lines).toEqual(scores.flatMap((s) => s.items.flatMap((i) => i.evidence.map((e) => e.text))));
    const text = strFromU8(unzipSync(docx)['word/document.xml']!).replace(/<[^>]+>/g, '');
    expect(text).toContain('工作考核情况的通报');
    for (const s of scores) expect(text).toContain(s.name);
    expect(text).toContain('按时报送率');
  });
});

describe('考核 commands', () => {
  const dbs: TaizhangDB[] = [];
  afterEach(async () => {
    for (const db of dbs.splice(0)) await db.delete();
  });
  let n = 0;
  async function setup(office: string, role: 'department' | 'supervisor', device = 'devsup') {
    const db = new TaizhangDB(`scoring-test-${n++}`);
    dbs.push(db);
    await db.meta.put({ key: 'deviceId', value: device });
    await setIdentity(db, office, role);
    await savePlanRecords(db, records);
    return db;
  }

  it('the plan owner sets a year’s scheme and discretionary points; bad input and other offices are refused, nothing written', async () => {
    const db = await setup('市政府督查办', 'supervisor');
    const planId = records.plan.id;
    await expect(saveScheme(db, planId, 2024, [{ ...DEFAULT_SCORE_ITEMS[0], points: 'abc' }])).rejects.toThrow('「按时报送率」的分值应为 0–1000 的数字');
    await saveScheme(db, planId, 2024, DEFAULT_SCORE_ITEMS.map((i) => (i.kind === 'returned' ? { ...i, points: 2 } : i)));
    const unit = unitId('市市场监管局');
    for (const [input, message] of [
      [{ points: '五分', reason: '好' }, /加减分应为/],
      [{ points: 0, reason: '好' }, /不为 0/],
      [{ points: 3, reason: ' ' }, '请写明加减分的理由'],
      [{ points: 3, reason: '好', period: '2024-05' }, '期次与计划的报送周期不符'],
    ] as const) {
      await expect(addAdjustment(db, { planId, unitId: unit, period: '2024-Q3', ...input })).rejects.toThrow(message);
    }
    expect((await loadScoringRecords(db, planId)).adjustments).toEqual([]);
    const adj = await addAdjustment(db, { planId, unitId: unit, period: '2024-Q3', points: '-2', reason: '信息报送质量不高' });
    expect(adj.points).toBe(-2);
    const { schemes, adjustments } = await loadScoringRecords(db, planId);
    expect(schemeItems(schemes, planId, 2025).items.find((i) => i.kind === 'returned')!.points).toBe(2);
    expect(adjustments).toHaveLength(1);
    await removeAdjustment(db, adj.id);
    expect((await loadScoringRecords(db, planId)).adjustments).toEqual([]);

    const other = await setup('市市场监管局', 'department', 'devdept');
    await expect(addAdjustment(other, { planId, unitId: unit, period: '2024-Q3', points: 5, reason: '自评' })).rejects.toThrow(/只有督办单位可以设定考核方案和加减分/);
    expect(await other.scoreAdjustments.count()).toBe(0);
  });
});
