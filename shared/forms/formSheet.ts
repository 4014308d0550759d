/**
 * Writes a 填报表 (.xlsx) for one unit and period: the unit's tasks locked (序号, 具体内容, 本单位职责, 完成时限,
 * last period's progress), editable 状态 (drop-down) / 进展情况 / 存在问题 / 下步计划 / 完成比例, the instructions,
 * and the hidden identifiers with check values that the import verifies.
 */
import ExcelJS from 'exceljs';
import type { Report, Unit } from '../model/schemas';
import type { FormRowsInput } from './formRows';
import { REPORT_STATUS_LABELS } from '../model/schemas';
import { periodLabel } from '../model/periods';
import { periodDueDay } from '../tracking/dates';
import { chineseDate } from '../reports/chineseDate';
import { rowHeight } from '../reports/printLayout';
import { setDefaultFont, STORED } from '../reports/xlsxDefaultFont';
import { MAX_REPORT_TEXT } from '../tracking/reportInput';
import { formRows } from './formRows';
import { reportFormPrefill } from '../tracking/reporting';
import { indexByTask } from '../tracking/standing';
import {
  AUTHOR_CELL,
  FORM_COLUMNS,
  FORM_INSTRUCTIONS,
  FORM_MARKER,
  FORM_META_SHEET_NAME,
  FORM_ROWS,
  FORM_SHEET_NAME,
  FORM_VERSION,
  META_KEYS,
  STATUS_CHOICES,
  formColumn,
  metaCheck,
  rowCheck,
  type FormMeta,
  type LockedRow,
} from './layout';

export interface FormInput extends FormRowsInput {
  units: readonly Unit[];
  /** Day the form is made (YYYY-MM-DD). */
  today: string;
}

export interface FormResult {
  bytes: Uint8Array;
  meta: FormMeta;
  rows: LockedRow[];
  unitName: string;
}

const LOCKED_FILL = 'FFEDEDED';
const HEADER_FILL = 'FFD9E1F2';
const FONT = { name: '宋体', size: 10 };

export function formFileName(unitName: string, period: string): string {
  return `${unitName.replace(/[\\/:*?"<>|\s]+/g, '')}-${period}-进展填报表.xlsx`;
}

export async function buildFormXlsx(input: FormInput): Promise<FormResult> {
  const unit = input.units.find((u) => u.id === input.unitId);
  const unitName = unit?.name ?? '（未知单位）';
  const rows = formRows(input);
  const ids = { planId: input.plan.id, unitId: input.unitId, period: input.period };
  const meta: FormMeta = {
    version: FORM_VERSION,
    ...ids,
    issued: input.today,
    taskIds: rows.map((r) => r.taskId),
    rowChecks: rows.map((r) => rowCheck(ids, r)),
  };
  // Each row starts from the unit's saved report of the period; a 退回 in force offers a returned 已完成 as 推进中.
  const reportsByTask = indexByTask(input.reports);
  const actionsByTask = indexByTask(input.actions);
  const current = new Map<string, { report: Report; status: Report['status'] | null }>();
  const taskById = new Map(input.tasks.map((t) => [t.id, t]));
  for (const row of rows) {
    const task = taskById.get(row.taskId);
    if (!task) continue;
    const prefill = reportFormPrefill(reportsByTask.get(row.taskId) ?? [], { task, unitId: input.unitId, period: input.period }, actionsByTask.get(row.taskId) ?? []);
    if (prefill.report) current.set(row.taskId, { report: prefill.report, status: prefill.status });
  }

  const wb = new ExcelJS.Workbook();
  wb.creator = '任务分解台账';
  const ws = wb.addWorksheet(FORM_SHEET_NAME, {
    views: [{ state: 'frozen', ySplit: FORM_ROWS.header, xSplit: 2 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${FORM_ROWS.header}:${FORM_ROWS.header}` },
    headerFooter: { oddFooter: '&C第 &P 页 共 &N 页' },
  });
  ws.columns = FORM_COLUMNS.map((c) => ({ width: c.width === 9 ? 9.01 : c.width, hidden: 'hidden' in c && c.hidden }));
  const last = FORM_COLUMNS.length - 1; // the visible columns end before the hidden task id
  const lastVisible = last;
  const mergeAcross = (row: number) => ws.mergeCells(row, 1, row, lastVisible);
  const widthOf = (from: number, to: number) => FORM_COLUMNS.slice(from, to).reduce((s, c) => s + c.width, 0);

  const title = `${input.plan.title}进展情况填报表`;
  ws.getCell(FORM_ROWS.title, 1).value = title;
  ws.getCell(FORM_ROWS.title, 1).font = { name: '黑体', size: 16, bold: true };
  ws.getCell(FORM_ROWS.title, 1).alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(FORM_ROWS.title).height = 30;
  mergeAcross(FORM_ROWS.title);
  const info = `填报单位：${unitName}　　报送周期：${periodLabel(input.period)}　　报送截止：${chineseDate(periodDueDay(input.period, input.plan.cadence))}　　生成日期：${chineseDate(input.today)}`;
  ws.getCell(FORM_ROWS.info, 1).value = info;
  ws.getCell(FORM_ROWS.info, 1).font = FONT;
  ws.getCell(FORM_ROWS.info, 1).alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  mergeAcross(FORM_ROWS.info);
  ws.getCell(FORM_ROWS.instructions, 1).value = FORM_INSTRUCTIONS;
  ws.getCell(FORM_ROWS.instructions, 1).font = { ...FONT, color: { argb: 'FF9C0006' } };
  ws.getCell(FORM_ROWS.instructions, 1).alignment = { vertical: 'middle', wrapText: true };
  ws.getRow(FORM_ROWS.instructions).height = rowHeight([{ text: FORM_INSTRUCTIONS, units: widthOf(0, lastVisible), fontPt: 10 }]);
  mergeAcross(FORM_ROWS.instructions);
  ws.getCell(AUTHOR_CELL.row, 1).value = '填报人';
  ws.getCell(AUTHOR_CELL.row, 1).font = { ...FONT, bold: true };
  const author = ws.getCell(AUTHOR_CELL.row, AUTHOR_CELL.col);
  author.value = [...current.values()].find((c) => c.report.author)?.report.author ?? '';
  author.font = FONT;
  author.protection = { locked: false };
  author.border = { bottom: { style: 'thin' } };
  author.dataValidation = { type: 'textLength', operator: 'lessThanOrEqual', allowBlank: true, formulae: [100], showErrorMessage: true, errorTitle: '填报人', error: '填报人不超过100字' };

  const thin = { style: 'thin' as const, color: { argb: 'FF808080' } };
  const border = { top: thin, left: thin, bottom: thin, right: thin };
  const header = ws.getRow(FORM_ROWS.header);
  FORM_COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { ...FONT, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: c.locked ? LOCKED_FILL : HEADER_FILL } };
    cell.border = border;
  });
  header.height = 28;

  rows.forEach((r, i) => {
    const row = ws.getRow(FORM_ROWS.firstTask + i);
    const prefill = current.get(r.taskId);
    const report = prefill?.report;
    const values: Record<string, string | number | null> = {
      number: r.number,
      content: r.content,
      role: r.role,
      deadline: r.deadline,
      previous: r.previous,
      status: prefill?.status ? REPORT_STATUS_LABELS[prefill.status] : null,
      progress: report?.progress || null,
      problems: report?.problems || null,
      nextSteps: report?.nextSteps || null,
      percent: report?.percent ?? null,
      taskId: r.taskId,
    };
    FORM_COLUMNS.forEach((c, col) => {
      const cell = row.getCell(col + 1);
      // Text cells stay text (a 序号 like "10" must not turn into a number): only 完成比例 is numeric.
      cell.value = values[c.key] ?? null;
      cell.font = FONT;
      cell.border = border;
      cell.alignment = { vertical: 'top', wrapText: true, horizontal: c.key === 'number' || c.key === 'role' || c.key === 'status' || c.key === 'percent' ? 'center' : 'left' };
      if (c.locked) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: LOCKED_FILL } };
      else cell.protection = { locked: false };
      if (c.key === 'percent') cell.numFmt = '0';
    });
    row.height = rowHeight(
      FORM_COLUMNS.filter((c) => !('hidden' in c)).map((c) => ({ text: String(values[c.key] ?? ''), units: c.width, fontPt: 10 })),
      3,
    );
  });
  if (rows.length) {
    const from = FORM_ROWS.firstTask;
    const to = FORM_ROWS.firstTask + rows.length - 1;
    const col = (key: Parameters<typeof formColumn>[0]) => ws.getColumn(formColumn(key)).letter;
    const range = (key: Parameters<typeof formColumn>[0]) => `${col(key)}${from}:${col(key)}${to}`;
    const dv = (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;
    dv.add(range('status'), {
      type: 'list',
      allowBlank: true,
      formulae: [`"${STATUS_CHOICES.join(',')}"`],
      showErrorMessage: true,
      errorTitle: '状态',
      error: `请在下拉列表中选择：${STATUS_CHOICES.join('、')}`,
    });
    for (const key of ['progress', 'problems', 'nextSteps'] as const) {
      dv.add(range(key), {
        type: 'textLength',
        operator: 'lessThanOrEqual',
        allowBlank: true,
        formulae: [MAX_REPORT_TEXT],
        showErrorMessage: true,
        errorTitle: '字数',
        error: `每格不超过${MAX_REPORT_TEXT}字`,
      });
    }
    dv.add(range('percent'), {
      type: 'whole',
      operator: 'between',
      allowBlank: true,
      formulae: [0, 100],
      showErrorMessage: true,
      errorTitle: '完成比例',
      error: '请填写0至100的整数',
    });
  } else {
    ws.getCell(FORM_ROWS.firstTask, 1).value = '（该单位在本计划中没有任务）';
  }
  await ws.protect('', {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatRows: true,
    formatColumns: true,
    formatCells: false,
    insertRows: false,
    insertColumns: false,
    deleteRows: false,
    deleteColumns: false,
    sort: false,
    autoFilter: false,
  });

  const hidden = wb.addWorksheet(FORM_META_SHEET_NAME, { state: 'veryHidden' });
  const values: Record<(typeof META_KEYS)[number], string | number> = {
    标识: FORM_MARKER,
    版本: meta.version,
    计划: meta.planId,
    单位: meta.unitId,
    周期: meta.period,
    生成日期: meta.issued,
    任务数: rows.length,
    校验值: metaCheck(meta),
  };
  META_KEYS.forEach((key, i) => {
    hidden.getCell(i + 1, 1).value = key;
    hidden.getCell(i + 1, 2).value = values[key];
  });
  rows.forEach((r, i) => {
    hidden.getCell(META_KEYS.length + 2 + i, 1).value = r.taskId;
    hidden.getCell(META_KEYS.length + 2 + i, 2).value = meta.rowChecks[i]!;
  });
  await hidden.protect('', { selectLockedCells: false, selectUnlockedCells: false });

  const buffer = await wb.xlsx.writeBuffer(STORED);
  return { bytes: setDefaultFont(new Uint8Array(buffer as ArrayBuffer)), meta, rows, unitName };
}
