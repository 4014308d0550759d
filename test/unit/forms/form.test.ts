import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { randomId, reportId, unitId } from '../../../shared/model';
import { buildFormXlsx } from '../../../shared/forms/formSheet';
import { checkFilledForm, formCheckSentence, type FormPlanData } from '../../../shared/forms/formCheck';
import { formColumn, FORM_META_SHEET_NAME, FORM_ROWS, FORM_SHEET_NAME, META_KEYS, STATUS_CHOICES } from '../../../shared/forms/layout';
import { readWorkbookCells } from '../../../shared/forms/workbookCells';
import { buildLedgerXlsx } from '../../../shared/reports/ledger';
import { buildUrgeDocx } from '../../../shared/reports/docs/urge';
import { PAPER_PERIOD, PAPER_TODAY, seed002WithReports } from '../reports/paperFixtures';
import { fillForm, loadWorkbook, rowOfNumber } from './formFixtures';

const data = seed002WithReports();
const health = unitId('市卫生健康局');
const market = unitId('市市场监管局');
const planData = (planId: string): FormPlanData | null => (planId === data.plan.id ? data : null);
const formFor = (unit = health, period = PAPER_PERIOD) => buildFormXlsx({ ...data, unitId: unit, period, today: PAPER_TODAY });
const check = (bytes: Uint8Array, today = PAPER_TODAY) => checkFilledForm(readWorkbookCells(bytes), planData, today);
const mine = data.tasks.filter((t) => [...t.lead, ...t.support, ...t.implement].includes(health));
const reportedQ4 = new Set(data.reports.filter((r) => r.unitId === health && r.period === PAPER_PERIOD).map((r) => r.taskId));
const unreported = mine.filter((t) => !reportedQ4.has(t.id));

describe('填报表 export', () => {
  it('lists the unit’s tasks locked, with editable report columns, a status drop-down, instructions and hidden identifiers', async () => {
    const form = await formFor();
    expect(form.rows.map((r) => r.number)).toEqual(mine.map((t) => t.number));
    const wb = await loadWorkbook(form.bytes);
    const ws = wb.getWorksheet(FORM_SHEET_NAME)!;
    expect((ws as unknown as { sheetProtection: { sheet: boolean } }).sheetProtection.sheet).toBe(true);
    expect(String(ws.getCell(FORM_ROWS.instructions, 1).value)).toContain('填表说明');
    const r = FORM_ROWS.firstTask;
    expect(ws.getCell(r, formColumn('content')).value).toBe(mine[0]!.content);
    expect(ws.getCell(r, formColumn('content')).protection?.locked).not.toBe(false);
    for (const key of ['status', 'progress', 'problems', 'nextSteps', 'percent'] as const) expect(ws.getCell(r, formColumn(key)).protection?.locked).toBe(false);
    expect(ws.getColumn(formColumn('taskId')).hidden).toBe(true);
    const statusValidation = ws.getCell(r, formColumn('status')).dataValidation;
    expect(statusValidation?.type).toBe('list');
    expect(statusValidation?.formulae?.[0]).toBe(`"${STATUS_CHOICES.join(',')}"`);
    const meta = wb.getWorksheet(FORM_META_SHEET_NAME)!;
    expect(meta.state).toBe('veryHidden');
    expect(meta.getCell(META_KEYS.indexOf('单位') + 1, 2).value).toBe(health);
    expect(meta.getCell(META_KEYS.indexOf('周期') + 1, 2).value).toBe(PAPER_PERIOD);
    // Last period's progress for reference, and this period's report already filled in.
    const withQ3 = form.rows.find((row) => row.previous.startsWith('2024年第三季度'));
    expect(withQ3).toBeDefined();
    const prefilled = mine.findIndex((t) => reportedQ4.has(t.id));
    expect(ws.getCell(FORM_ROWS.firstTask + prefilled, formColumn('status')).value).toBeTruthy();
  });

  it('reads back untouched as 无变化 (this period’s reports) and 未填写 (the rest)', async () => {
    const result = check((await formFor()).bytes);
    expect(result.refusal).toBeNull();
    expect(result.ok).toBe(true);
    expect(result.counts).toMatchObject({ same: reportedQ4.size, empty: mine.length - reportedQ4.size, new: 0, update: 0, error: 0 });
    expect(result.unitName).toBe('市卫生健康局');
  });
});

describe('填报表 after a 退回', () => {
  it('does not offer a returned 已完成 as the current status: 推进中 is filled in and the 退回 reason heads the row', async () => {
    const doneReport = data.reports.find((r) => r.unitId === health && r.period === PAPER_PERIOD)!;
    const returnedData = {
      ...data,
      reports: data.reports.map((r) => (r.id === doneReport.id ? { ...r, status: 'done' as const, percent: 100 } : r)),
      actions: [
        ...data.actions,
        { id: randomId('act'), stamp: '000001900000000-00000-seed', by: data.plan.owner.office, planId: data.plan.id, taskId: doneReport.taskId, unitId: health, kind: 'return' as const, text: '佐证材料不足', date: '2024-12-15', newDeadline: null },
      ],
    };
    const form = await buildFormXlsx({ ...returnedData, unitId: health, period: PAPER_PERIOD, today: PAPER_TODAY });
    const ws = (await loadWorkbook(form.bytes)).getWorksheet(FORM_SHEET_NAME)!;
    const row = FORM_ROWS.firstTask + form.rows.findIndex((r) => r.taskId === doneReport.taskId);
    expect(ws.getCell(row, formColumn('status')).value).toBe('推进中');
    expect(String(ws.getCell(row, formColumn('previous')).value)).toMatch(/^【已退回】2024年12月15日督办单位退回，原因：佐证材料不足/);
    // The progress text is the report's, for the unit to amend; the other rows keep their saved statuses.
    expect(ws.getCell(row, formColumn('progress')).value).toBe(doneReport.progress);
    // Sent back untouched, the row reads as a change of status (shown before anything is applied), never as 无变化.
    const result = checkFilledForm(readWorkbookCells(form.bytes), (id) => (id === data.plan.id ? returnedData : null), PAPER_TODAY);
    expect(result.ok).toBe(true);
    expect(result.rows.find((r) => r.taskId === doneReport.taskId)).toMatchObject({ kind: 'update', status: 'in-progress' });
  });
});

describe('填报表 filled and read back', () => {
  const fills = {
    [unreported[0]!.number]: { status: '推进中', progress: '已完成调研，形成初步方案。', percent: 40 },
    [unreported[1]!.number]: { status: '已完成', progress: '已全面完成。', problems: '无', nextSteps: '巩固成果', percent: 100 },
    [unreported[2]!.number]: { status: '未启动' },
  };
  const updated = mine.find((t) => reportedQ4.has(t.id))!;

  for (const inlineStrings of [false, true]) {
    it(`classifies rows as 新增 / 更新 / 无变化 (${inlineStrings ? 'inline strings' : 'shared strings'})`, async () => {
      const filled = await fillForm((await formFor()).bytes, { ...fills, [updated.number]: { progress: '本季度新的进展说明。' } }, { author: '张三', inlineStrings });
      const result = check(filled);
      expect(result.refusal).toBeNull();
      expect(result.counts).toMatchObject({ new: 3, update: 1, same: reportedQ4.size - 1, error: 0 });
      const row = result.rows.find((r) => r.number === unreported[1]!.number)!;
      expect(row).toMatchObject({ kind: 'new', status: 'done' });
      expect(row.input).toMatchObject({ unitId: health, period: PAPER_PERIOD, progress: '已全面完成。', problems: '无', nextSteps: '巩固成果', percent: 100, author: '张三' });
      expect(result.rows.find((r) => r.number === updated.number)!.reason).toContain('进展情况');
      expect(formCheckSentence(result)).toBe(`市卫生健康局 2024年第四季度：新增 3 条，更新 1 条，无变化 ${reportedQ4.size - 1} 条，未填写 ${mine.length - reportedQ4.size - 3} 条`);
    });
  }
});

describe('bad 填报表 are refused, naming the row', () => {
  const good = async () => (await formFor()).bytes;
  const firstRow = FORM_ROWS.firstTask;

  it('moved rows (sorted or cut and pasted)', async () => {
    const bytes = await fillForm(await good(), {}, {
      edit: (ws) => {
        const a = ws.getRow(firstRow).values;
        ws.getRow(firstRow).values = ws.getRow(firstRow + 1).values as ExcelJS.CellValue[];
        ws.getRow(firstRow + 1).values = a as ExcelJS.CellValue[];
      },
    });
    const result = check(bytes);
    expect(result.ok).toBe(false);
    expect(result.refusal).toContain(`第 ${firstRow} 行：行被移动`);
  });

  it('a deleted row', async () => {
    const bytes = await fillForm(await good(), {}, { edit: (ws) => ws.spliceRows(firstRow + 2, 1) });
    expect(check(bytes).refusal).toContain(`第 ${firstRow + 2} 行：行被删除`);
  });

  it('an inserted row', async () => {
    const bytes = await fillForm(await good(), {}, { edit: (ws) => ws.spliceRows(firstRow + 1, 0, ['', '新增的一项工作']) });
    expect(check(bytes).refusal).toContain(`第 ${firstRow + 1} 行：插入了新行`);
  });

  it('an edited locked cell', async () => {
    const row = await rowOfNumber(await good(), mine[3]!.number);
    const bytes = await fillForm(await good(), {}, { edit: (ws) => (ws.getCell(row, formColumn('content')).value = '改过的任务内容') });
    expect(check(bytes).refusal).toBe(`第 ${row} 行（第${mine[3]!.number}项）：锁定的任务信息（具体内容）被修改`);
  });

  it('merged cells', async () => {
    const bytes = await fillForm(await good(), {}, { edit: (ws) => ws.mergeCells(firstRow + 1, formColumn('progress'), firstRow + 1, formColumn('problems')) });
    expect(check(bytes).refusal).toContain(`第 ${firstRow + 1} 行：有合并单元格`);
  });

  it('a row taken from another unit’s 填报表', async () => {
    const other = await loadWorkbook((await formFor(market)).bytes);
    const foreign = other.getWorksheet(FORM_SHEET_NAME)!.getRow(FORM_ROWS.firstTask).values as ExcelJS.CellValue[];
    const bytes = await fillForm(await good(), {}, { edit: (ws) => (ws.getRow(firstRow + 1).values = foreign) });
    expect(check(bytes).refusal).toContain(`第 ${firstRow + 1} 行：该任务不属于本单位的这张填报表`);
  });

  it('another unit’s identifiers in the hidden sheet', async () => {
    const bytes = await fillForm(await good(), {}, { edit: (_ws, wb) => (wb.getWorksheet(FORM_META_SHEET_NAME)!.getCell(META_KEYS.indexOf('单位') + 1, 2).value = market) });
    expect(check(bytes).refusal).toContain('隐藏标识');
  });

  it('a status not from the list, a text too long, a bad percentage: the rows are 有误 and the sheet is not applied', async () => {
    const bytes = await fillForm(await good(), {
      [unreported[0]!.number]: { status: '基本完成', progress: '差不多了' },
      [unreported[1]!.number]: { status: '推进中', progress: '长'.repeat(5001) },
      [unreported[2]!.number]: { status: '推进中', progress: '推进', percent: '大约一半' },
      [unreported[3]!.number]: { status: '已完成', progress: '完成', percent: 80 },
      [unreported[4]!.number]: { status: '推进中' },
    });
    const result = check(bytes);
    expect(result.refusal).toBeNull();
    expect(result.ok).toBe(false);
    const reasons = result.rows.filter((r) => r.kind === 'error').map((r) => `${r.number}:${r.reason}`);
    expect(reasons).toEqual([
      `${unreported[0]!.number}:状态“基本完成”不在下拉列表中（应为${STATUS_CHOICES.join('、')}之一）`,
      `${unreported[1]!.number}:“进展情况”超过5000字（5001字）`,
      `${unreported[2]!.number}:完成比例“大约一半”应为0至100的整数`,
      `${unreported[3]!.number}:状态为已完成时，完成比例应为 100`,
      `${unreported[4]!.number}:请填写进展情况`,
    ]);
  });

  it('a formula', async () => {
    const row = await rowOfNumber(await good(), unreported[0]!.number);
    const bytes = await fillForm(await good(), { [unreported[0]!.number]: { status: '推进中' } }, { edit: (ws) => (ws.getCell(row, formColumn('progress')).value = { formula: 'A1&"进展"', result: '进展' }) });
    expect(check(bytes).refusal).toBe(`第 ${row} 行“进展情况”含有公式，请改为直接填写文字或数字`);
  });

  it('a period not yet open, a plan this PC does not have, a 台账 instead of a 填报表, a Word file', async () => {
    expect(check((await formFor(health, '2025-Q2')).bytes).refusal).toContain('不能填报尚未开始的报送周期');
    expect(checkFilledForm(readWorkbookCells(await good()), () => null, PAPER_TODAY).refusal).toContain('所属的计划在本机不存在');
    const ledger = await buildLedgerXlsx({ ...data, today: PAPER_TODAY, scope: { kind: 'all' } });
    expect(check(ledger).refusal).toBe('这不是本软件导出的填报表，请选择由“导出填报表”生成并填好的文件');
    const docx = await buildUrgeDocx({ ...data, today: PAPER_TODAY, period: PAPER_PERIOD, unitId: health });
    expect(() => readWorkbookCells(docx)).toThrow(/Excel/);
    expect(() => readWorkbookCells(new TextEncoder().encode('序号,具体内容'))).toThrow('这不是 Excel 文件');
  });

  it('the report a row makes has the app’s identity (one report per task, unit and period)', async () => {
    const filled = await fillForm(await good(), { [unreported[0]!.number]: { status: '推进中', progress: '进展' } });
    const row = check(filled).rows.find((r) => r.kind === 'new')!;
    expect(reportId(row.taskId, health, PAPER_PERIOD)).toMatch(/^rep_/);
  });
});
