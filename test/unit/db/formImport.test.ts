import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { TaizhangDB } from '../../../renderer/db/database';
import { getDeviceId, setIdentity } from '../../../renderer/db/installation';
import { InputRefusedError, savePlanRecords } from '../../../renderer/db/plans';
import { applyFormImport, previewFormImport } from '../../../renderer/db/formImport';
import { loadPlanRecords, saveReportsFromForm } from '../../../renderer/db/tracking';
import { formatStamp, reportId, unitId } from '../../../shared/model';
import { keyIdOf, simulatedTrust, stampDevice, Trust, writeProblem } from '../../../shared/sync';
import { buildFormXlsx } from '../../../shared/forms/formSheet';
import { formColumn, FORM_META_SHEET_NAME, FORM_ROWS, FORM_SHEET_NAME, META_KEYS } from '../../../shared/forms/layout';
import { buildLedgerXlsx } from '../../../shared/reports/ledger';
import { expectedPlan002 } from '../../e2e/seed';
import { PAPER_PERIOD, PAPER_TODAY, seed002WithReports } from '../reports/paperFixtures';
import { fillForm, loadWorkbook, rowOfNumber } from '../forms/formFixtures';

let n = 0;
const dbs: TaizhangDB[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

const seed = seed002WithReports();
const health = unitId('市卫生健康局');
const market = unitId('市市场监管局');
const now = new Date(`${PAPER_TODAY}T10:00:00+08:00`);

/** A supervisor PC of the plan's owner office (市市场监管局) with seed 002 and its reports. */
async function setup(office = '市市场监管局', role: 'supervisor' | 'department' = 'supervisor') {
  const db = new TaizhangDB(`form-import-${n++}`);
  dbs.push(db);
  await setIdentity(db, office, role);
  const records = expectedPlan002({});
  await savePlanRecords(db, { ...seed, plan: { ...records.plan, ...seed.plan } });
  await db.reports.bulkPut(seed.reports);
  return db;
}

async function formOf(db: TaizhangDB, unit = health) {
  const view = await loadPlanRecords(db, seed.plan.id);
  return buildFormXlsx({ ...view, unitId: unit, period: PAPER_PERIOD, today: PAPER_TODAY });
}

const snapshot = async (db: TaizhangDB) => ({ reports: await db.reports.toArray(), clock: await db.meta.get('clock') });
const mine = seed.tasks.filter((t) => [...t.lead, ...t.support].includes(health));
const reportedQ4 = new Set(seed.reports.filter((r) => r.unitId === health && r.period === PAPER_PERIOD).map((r) => r.taskId));
const open = mine.filter((t) => !reportedQ4.has(t.id));

describe('importing filled 填报表', () => {
  it('previews, then writes the unit’s reports in one go, marked as entered from a 填报表', async () => {
    const db = await setup();
    const filled = await fillForm((await formOf(db)).bytes, {
      [open[0]!.number]: { status: '推进中', progress: '已形成初步方案。', percent: 30 },
      [open[1]!.number]: { status: '已完成', progress: '已全面完成。', percent: 100 },
    }, { author: '王五' });
    const [preview] = await previewFormImport(db, [{ name: '卫健局.xlsx', bytes: filled }], now);
    expect(preview!.ok).toBe(true);
    expect(preview!.sentence).toContain('新增 2 条');
    const before = await db.reports.count();
    const result = await applyFormImport(db, [preview!], now);
    expect(result).toEqual({ written: 2, files: 1 });
    expect(await db.reports.count()).toBe(before + 2);
    const saved = (await db.reports.get(reportId(open[1]!.id, health, PAPER_PERIOD)))!;
    expect(saved).toMatchObject({ unitId: health, period: PAPER_PERIOD, status: 'done', progress: '已全面完成。', percent: 100, author: '王五', entry: 'form', by: '市市场监管局' });
    // Imported again: nothing new.
    const [again] = await previewFormImport(db, [{ name: '卫健局.xlsx', bytes: filled }], now);
    expect(again!.check.counts.new).toBe(0);
    expect(again!.check.counts.same).toBe(reportedQ4.size + 2);
  });

  it('an update keeps the unit’s own earlier version in the report’s history, as a re-saved report does', async () => {
    const db = await setup();
    const reported = mine.find((t) => reportedQ4.has(t.id))!;
    const before = (await db.reports.get(reportId(reported.id, health, PAPER_PERIOD)))!;
    const filled = await fillForm((await formOf(db)).bytes, { [reported.number]: { progress: '据填报表更新的进展。' } });
    const [preview] = await previewFormImport(db, [{ name: 'x.xlsx', bytes: filled }], now);
    expect(preview!.check.counts.update).toBe(1);
    await applyFormImport(db, [preview!], now);
    const after = (await db.reports.get(reportId(reported.id, health, PAPER_PERIOD)))!;
    expect(after).toMatchObject({ progress: '据填报表更新的进展。', entry: 'form' });
    expect(after.revisions).toHaveLength(1);
    expect(after.revisions![0]).toMatchObject({ progress: before.progress, stamp: before.stamp });
    expect(after.revisions![0]!.entry).toBeUndefined();
  });

  it('many sheets at once; the same unit and period twice is refused', async () => {
    const db = await setup();
    const a = await fillForm((await formOf(db)).bytes, { [open[0]!.number]: { status: '推进中', progress: '甲' } });
    const marketOpen = seed.tasks.find((t) => t.lead.includes(market) && !seed.reports.some((r) => r.taskId === t.id && r.unitId === market && r.period === PAPER_PERIOD))!;
    const b = await fillForm((await formOf(db, market)).bytes, { [marketOpen.number]: { status: '推进中', progress: '乙' } });
    const previews = await previewFormImport(db, [{ name: 'a.xlsx', bytes: a }, { name: 'b.xlsx', bytes: b }, { name: 'a-copy.xlsx', bytes: a }], now);
    expect(previews.map((p) => p.ok)).toEqual([true, true, false]);
    expect(previews[2]!.sentence).toContain('与「a.xlsx」是同一单位同一周期的填报表');
    expect(await applyFormImport(db, previews, now)).toEqual({ written: 2, files: 2 });
  });

  it('refuses bad sheets and writes nothing from them', async () => {
    const db = await setup();
    const form = (await formOf(db)).bytes;
    const row = await rowOfNumber(form, open[0]!.number);
    const foreignRow = (await loadWorkbook((await formOf(db, market)).bytes)).getWorksheet(FORM_SHEET_NAME)!.getRow(FORM_ROWS.firstTask).values;
    const fill = { [open[0]!.number]: { status: '推进中', progress: '进展' } };
    const bad: Record<string, Uint8Array> = {
      moved: await fillForm(form, fill, {
        edit: (ws) => {
          const v = ws.getRow(row).values;
          ws.getRow(row).values = ws.getRow(row + 1).values as never;
          ws.getRow(row + 1).values = v as never;
        },
      }),
      deleted: await fillForm(form, fill, { edit: (ws) => ws.spliceRows(row + 1, 1) }),
      lockedEdited: await fillForm(form, fill, { edit: (ws) => (ws.getCell(row, formColumn('deadline')).value = '2030年底前') }),
      merged: await fillForm(form, fill, { edit: (ws) => ws.mergeCells(row, formColumn('progress'), row + 1, formColumn('progress')) }),
      otherUnit: await fillForm(form, fill, { edit: (_ws, wb) => (wb.getWorksheet(FORM_META_SHEET_NAME)!.getCell(META_KEYS.indexOf('单位') + 1, 2).value = market) }),
      badStatus: await fillForm(form, { [open[0]!.number]: { status: '基本完成', progress: '进展' } }),
      tooLong: await fillForm(form, { [open[0]!.number]: { status: '推进中', progress: '字'.repeat(5001) } }),
      formula: await fillForm(form, fill, { edit: (ws) => (ws.getCell(row, formColumn('problems')).value = { formula: '1+1', result: 2 }) }),
      otherUnitsRow: await fillForm(form, fill, { edit: (ws) => (ws.getRow(row + 1).values = foreignRow as never) }),
      ledger: await buildLedgerXlsx({ ...seed, today: PAPER_TODAY, scope: { kind: 'all' } }),
      notExcel: new TextEncoder().encode('这不是表格'),
    };
    const before = await snapshot(db);
    const previews = await previewFormImport(db, Object.entries(bad).map(([name, bytes]) => ({ name, bytes })), now);
    const messages = Object.fromEntries(previews.map((p) => [p.name, p.check.refusal ?? p.check.rows.filter((r) => r.kind === 'error').map((r) => `第 ${r.row} 行：${r.reason}`).join('；')]));
    expect(previews.every((p) => !p.ok)).toBe(true);
    expect(messages.moved).toContain(`第 ${row} 行：行被移动`);
    expect(messages.deleted).toContain(`第 ${row + 1} 行：行被删除`);
    expect(messages.lockedEdited).toContain(`第 ${row} 行（第${open[0]!.number}项）：锁定的任务信息（完成时限）被修改`);
    expect(messages.merged).toContain(`第 ${row} 行：有合并单元格`);
    expect(messages.otherUnit).toContain('混入了其他单位的填报表');
    expect(messages.badStatus).toContain(`第 ${row} 行：状态“基本完成”不在下拉列表中`);
    expect(messages.tooLong).toContain(`第 ${row} 行：“进展情况”超过5000字`);
    expect(messages.formula).toContain(`第 ${row} 行“存在问题”含有公式`);
    expect(messages.otherUnitsRow).toContain(`第 ${row + 1} 行：该任务不属于本单位的这张填报表`);
    expect(messages.ledger).toContain('这不是本软件导出的填报表');
    expect(messages.notExcel).toContain('这不是 Excel 文件');
    expect(await applyFormImport(db, previews, now)).toEqual({ written: 0, files: 0 });
    expect(await snapshot(db)).toEqual(before);
  });

  it('only the plan owner’s supervisor may import 填报表; a department PC is refused and nothing is written', async () => {
    const db = await setup('市卫生健康局', 'department');
    const filled = await fillForm((await formOf(db)).bytes, { [open[0]!.number]: { status: '推进中', progress: '进展' } });
    const before = await snapshot(db);
    const [preview] = await previewFormImport(db, [{ name: 'x.xlsx', bytes: filled }], now);
    expect(preview!.ok).toBe(false);
    expect(preview!.sentence).toBe('只有发布计划的督办单位（市市场监管局）可以导入填报表');
    const input = { planId: seed.plan.id, taskId: open[0]!.id, unitId: health, period: PAPER_PERIOD, status: 'in-progress', progress: '进展' };
    await expect(saveReportsFromForm(db, [input], now)).rejects.toThrow(InputRefusedError);
    expect(await snapshot(db)).toEqual(before);
  });

  it('an archived plan takes no 填报表', async () => {
    const db = await setup();
    const filled = await fillForm((await formOf(db)).bytes, { [open[0]!.number]: { status: '推进中', progress: '进展' } });
    const plan = (await db.plans.get(seed.plan.id))!;
    await db.plans.put({ ...plan, archived: true });
    const before = await snapshot(db);
    const [preview] = await previewFormImport(db, [{ name: 'x.xlsx', bytes: filled }], now);
    expect(preview!.ok).toBe(false);
    expect(preview!.sentence).toContain('计划已归档');
    const input = { planId: seed.plan.id, taskId: open[0]!.id, unitId: health, period: PAPER_PERIOD, status: 'in-progress', progress: '进展' };
    await expect(saveReportsFromForm(db, [input], now)).rejects.toThrow('计划已归档');
    expect(await snapshot(db)).toEqual(before);
  });

  it('the same checks as a report typed in the app: a refused input refuses the whole batch', async () => {
    const db = await setup();
    const ok = { planId: seed.plan.id, taskId: open[0]!.id, unitId: health, period: PAPER_PERIOD, status: 'in-progress', progress: '进展' };
    const before = await snapshot(db);
    await expect(saveReportsFromForm(db, [ok, { ...ok, taskId: open[1]!.id, status: 'done', progress: '完成', percent: 50 }], now)).rejects.toThrow('状态为已完成时，完成比例应为 100');
    await expect(saveReportsFromForm(db, [ok, { ...ok, period: '2025-Q1' }], now)).rejects.toThrow('不能填报尚未开始的报送周期');
    const notTheirs = seed.tasks.find((t) => ![...t.lead, ...t.support, ...t.implement].includes(health))!;
    await expect(saveReportsFromForm(db, [ok, { ...ok, taskId: notTheirs.id }], now)).rejects.toThrow('不是该任务的责任单位');
    await expect(saveReportsFromForm(db, [ok, ok], now)).rejects.toThrow('重复的填报表');
    expect(await snapshot(db)).toEqual(before);
  });

  it('the authority policy accepts a 填报表 report from a supervisor key of the plan owner office only', async () => {
    const db = await setup();
    const [saved] = await saveReportsFromForm(db, [{ planId: seed.plan.id, taskId: open[0]!.id, unitId: health, period: PAPER_PERIOD, status: 'in-progress', progress: '进展' }], now);
    const sup = { deviceId: stampDevice(saved!.stamp), office: '市市场监管局', role: 'supervisor' as const };
    const dept = { deviceId: 'dev_health01', office: '市卫生健康局', role: 'department' as const };
    const trust = simulatedTrust(0, [sup, dept], '2024-01-01T00:00:00.000Z');
    const plan = { ...seed.plan, owner: { office: sup.office, device: sup.deviceId } };
    const ctx = { trust: new Trust([trust.anchor], trust.roster), planOf: () => plan };
    const writer = (who: typeof sup | typeof dept) => ({ keyId: keyIdOf(trust.keys.get(who.deviceId)!.publicKey), office: who.office, device: who.deviceId });
    expect(writeProblem('reports', saved!, writer(sup), ctx, 'remote')).toBeNull();
    // The unit itself may not mark its own report as entered by the supervisor from a 填报表.
    const byDept = { ...saved!, by: dept.office, stamp: formatStamp(Date.now(), 0, dept.deviceId) };
    expect(writeProblem('reports', byDept, writer(dept), ctx, 'remote')).toMatch(/只有督办单位可以/);
    // Without the mark it is an ordinary report, which only the unit itself may write.
    const { entry: _entry, ...plain } = saved!;
    expect(writeProblem('reports', plain, writer(sup), ctx, 'remote')).toMatch(/只能填报本单位的进展/);
  });
});
