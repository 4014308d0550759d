/**
 * Checks a filled 填报表 as a whole before anything is written: it is one of ours (hidden identifiers and their
 * check values intact), for a plan, unit and period this PC knows, its rows where they were (none moved, deleted or
 * added), its locked cells unchanged, no merged cells or formulas, statuses from the list, texts within bounds; and
 * every filled row passes the same report validation as the app's form. Then each row is classified against the
 * reports already stored: 新增 / 更新 / 无变化 (or 未填写). Pure: the caller supplies the plan's records.
 */
import { reportId } from '../model/ids';
import { periodLabel } from '../model/periods';
import type { Action, Plan, Report, ReportStatus, Task, Unit } from '../model/schemas';
import { PeriodSchema } from '../model/schemas';
import { formRows } from './formRows';
import { REPORT_STATUS_LABELS } from '../model/schemas';
import { rolesOf } from '../tracking/roles';
import { checkReportInput, checkReportPeriod, MAX_REPORT_TEXT, type ReportInput } from '../tracking/reportInput';
import {
  AUTHOR_CELL,
  FORM_COLUMNS,
  FORM_MARKER,
  FORM_META_SHEET_NAME,
  FORM_ROWS,
  FORM_SHEET_NAME,
  FORM_VERSION,
  META_KEYS,
  STATUS_CHOICES,
  checkText,
  formColumn,
  metaCheck,
  rowCheck,
  statusOfLabel,
  type FormColumnKey,
  type FormMeta,
  type LockedRow,
} from './layout';
import { cellText, type SheetCells } from './workbookCells';

export interface FormPlanData {
  plan: Plan;
  tasks: readonly Task[];
  units: readonly Unit[];
  /** This unit's reports of the plan (at least those of the form's period and before). */
  reports: readonly Report[];
  /** The plan's actions (extended deadlines), to say which locked cell was changed. */
  actions?: readonly Action[];
}

export type FormRowKind = 'new' | 'update' | 'same' | 'empty' | 'error';
export const FORM_ROW_LABELS: Record<FormRowKind, string> = { new: '新增', update: '更新', same: '无变化', empty: '未填写', error: '有误' };

export interface FormRow {
  /** Row number in the sheet, as the user sees it. */
  row: number;
  number: string;
  taskId: string;
  kind: FormRowKind;
  /** Why the row is wrong, or what an update changes. */
  reason: string;
  status: ReportStatus | null;
  /** The report to save (new and update rows). */
  input: ReportInput | null;
}

export interface FormCheck {
  /** True when the sheet may be applied: no refusal and no wrong row. */
  ok: boolean;
  /** Why the whole sheet is refused (names the row where there is one), or null. */
  refusal: string | null;
  meta: FormMeta | null;
  planTitle: string;
  unitName: string;
  periodText: string;
  author: string;
  rows: FormRow[];
  counts: Record<FormRowKind, number>;
}

const emptyCounts = (): Record<FormRowKind, number> => ({ new: 0, update: 0, same: 0, empty: 0, error: 0 });

function refused(message: string, partial: Partial<FormCheck> = {}): FormCheck {
  return { ok: false, refusal: message, meta: null, planTitle: '', unitName: '', periodText: '', author: '', rows: [], counts: emptyCounts(), ...partial };
}

const ID = /^[a-z]+_[0-9a-f]{16,64}$/;

/** The hidden identifiers, or why they cannot be trusted. */
export function readFormMeta(sheets: readonly SheetCells[]): { meta: FormMeta } | { error: string } {
  const sheet = sheets.find((s) => s.name === FORM_META_SHEET_NAME);
  const main = sheets.find((s) => s.name === FORM_SHEET_NAME);
  if (!sheet || cellText(sheet, 1, 2) !== FORM_MARKER) {
    return { error: main ? '填报表的隐藏标识已丢失（可能复制到了新文件中），无法确认所属计划和单位，请使用导出的原文件填写' : '这不是本软件导出的填报表，请选择由“导出填报表”生成并填好的文件' };
  }
  const value = (k: (typeof META_KEYS)[number]) => cellText(sheet, META_KEYS.indexOf(k) + 1, 2);
  const version = Number(value('版本'));
  if (version !== FORM_VERSION) return { error: `填报表版本（${value('版本')}）与本软件不符，请重新导出填报表` };
  const count = Number(value('任务数'));
  const taskIds: string[] = [];
  const rowChecks: string[] = [];
  for (let i = 0; i < count && i < 100_000; i++) {
    taskIds.push(cellText(sheet, META_KEYS.length + 2 + i, 1));
    rowChecks.push(cellText(sheet, META_KEYS.length + 2 + i, 2));
  }
  const meta: FormMeta = { version, planId: value('计划'), unitId: value('单位'), period: value('周期'), issued: value('生成日期'), taskIds, rowChecks };
  const wellFormed = ID.test(meta.planId) && ID.test(meta.unitId) && PeriodSchema.safeParse(meta.period).success && Number.isInteger(count) && taskIds.every((t) => ID.test(t));
  if (!wellFormed || metaCheck(meta) !== value('校验值')) {
    return { error: '填报表的隐藏标识（计划、单位、周期、任务）被改动或混入了其他单位的填报表，无法确认，已拒绝；请使用导出的原文件重新填写' };
  }
  return { meta };
}

/** Which locked cells differ from what was written, by header (for the message). */
function changedLocked(sheetRow: Omit<LockedRow, 'taskId'>, expected: Omit<LockedRow, 'taskId'> | null): string[] {
  if (!expected) return [];
  const keys: (keyof typeof expected)[] = ['number', 'content', 'role', 'deadline', 'previous'];
  return keys.filter((k) => checkText(sheetRow[k]) !== checkText(expected[k])).map((k) => FORM_COLUMNS.find((c) => c.key === k)!.header);
}

/** 完成比例: blank, or a whole number (a trailing % allowed); range and the 已完成 rule are the report validation's. */
function parsePercent(text: string): number | null | 'bad' {
  const t = text.trim().replace(/[%％]$/, '').trim();
  if (t === '') return null;
  const n = Number(t);
  return Number.isInteger(n) ? n : 'bad';
}

const same = (a: Report, input: { status: ReportStatus; progress: string; problems: string; nextSteps: string; percent: number | null }) =>
  a.status === input.status &&
  a.progress === input.progress &&
  a.problems === input.problems &&
  a.nextSteps === input.nextSteps &&
  a.percent === input.percent;

/**
 * Check a filled form against the plan's records. `planData` gives this PC's records of a plan (null: not here).
 * `today` (YYYY-MM-DD) decides which periods may be reported.
 */
export function checkFilledForm(sheets: readonly SheetCells[], planData: (planId: string) => FormPlanData | null, today: string): FormCheck {
  const metaResult = readFormMeta(sheets);
  if ('error' in metaResult) return refused(metaResult.error);
  const meta = metaResult.meta;
  const data = planData(meta.planId);
  if (!data || data.plan.deleted) return refused('该填报表所属的计划在本机不存在（可能来自其他督办单位或计划已删除），已拒绝');
  const unit = data.units.find((u) => u.id === meta.unitId);
  const base = { meta, planTitle: data.plan.title, unitName: unit?.name ?? '', periodText: periodLabel(meta.period) };
  if (!unit || unit.deleted) return refused('填报表的填报单位在本计划中不存在，已拒绝', base);
  const periodProblem = checkReportPeriod(data.plan, meta.period, today);
  if (periodProblem) return refused(`填报表的报送周期（${periodLabel(meta.period)}）不能导入：${periodProblem}`, base);

  const sheet = sheets.find((s) => s.name === FORM_SHEET_NAME && s.state === 'visible') ?? sheets.find((s) => s.state === 'visible' && s.name !== FORM_META_SHEET_NAME);
  if (!sheet) return refused('填报表中找不到“填报表”工作表（可能被删除或改名）', base);
  const headerOk = FORM_COLUMNS.every((c, i) => checkText(cellText(sheet, FORM_ROWS.header, i + 1)) === c.header);
  if (!headerOk) return refused(`第 ${FORM_ROWS.header} 行：表头被改动（列被插入、删除或移动），请使用导出的原文件填写`, base);

  // Merged cells inside the table (the title rows are merged by design).
  const merge = sheet.merges.find((m) => m.r1 >= FORM_ROWS.header);
  if (merge) return refused(`第 ${merge.r0} 行：有合并单元格，请取消合并后再导入`, base);
  // Formulas anywhere in the table.
  for (const [k, v] of sheet.cells) {
    if (!v.formula) continue;
    const [r, c] = k.split(',').map(Number) as [number, number];
    if (r >= FORM_ROWS.author) return refused(`第 ${r} 行“${FORM_COLUMNS[c - 1]?.header ?? `第 ${c} 列`}”含有公式，请改为直接填写文字或数字`, base);
  }

  const col = (key: FormColumnKey) => formColumn(key);
  const text = (row: number, key: FormColumnKey) => cellText(sheet, row, col(key));
  const n = meta.taskIds.length;
  const tasksById = new Map(data.tasks.map((t) => [t.id, t]));
  const rowProblems: string[] = [];
  const locked: LockedRow[] = [];
  let current: Map<string, LockedRow> | null = null;
  /** The locked cells as they would be written now (to name the changed column). */
  const expectedRow = (taskId: string) => {
    current ??= new Map(formRows({ ...data, actions: data.actions ?? [], unitId: unit.id, period: meta.period }).map((r) => [r.taskId, r]));
    return current.get(taskId) ?? null;
  };
  for (let i = 0; i < n; i++) {
    const r = FORM_ROWS.firstTask + i;
    const taskId = checkText(text(r, 'taskId'));
    const row: LockedRow = {
      taskId,
      number: text(r, 'number'),
      content: text(r, 'content'),
      role: text(r, 'role'),
      deadline: text(r, 'deadline'),
      previous: text(r, 'previous'),
    };
    locked.push(row);
    if (taskId === meta.taskIds[i]) {
      if (rowCheck(meta, row) !== meta.rowChecks[i]) {
        const task = tasksById.get(taskId);
        const which = changedLocked(row, expectedRow(taskId));
        rowProblems.push(`第 ${r} 行（第${meta.taskIds[i] && task ? task.number : row.number}项）：锁定的任务信息${which.length ? `（${which.join('、')}）` : ''}被修改`);
      }
      continue;
    }
    const movedFrom = meta.taskIds.indexOf(taskId);
    const expectedNumber = tasksById.get(meta.taskIds[i]!)?.number ?? '?';
    const rowEmpty = FORM_COLUMNS.every((_, c) => cellText(sheet, r, c + 1) === '');
    const nextId = checkText(text(r + 1, 'taskId'));
    const shiftedUp = movedFrom === i + 1 && nextId === (meta.taskIds[i + 2] ?? '');
    if (shiftedUp || (taskId === '' && rowEmpty && i === n - 1)) rowProblems.push(`第 ${r} 行：行被删除（应为第${expectedNumber}项），请勿删除行`);
    else if (movedFrom < 0 && nextId === meta.taskIds[i]) rowProblems.push(`第 ${r} 行：插入了新行，请勿插入行`);
    else if (movedFrom >= 0) rowProblems.push(`第 ${r} 行：行被移动（原在第 ${FORM_ROWS.firstTask + movedFrom} 行），请勿移动或排序行`);
    else if (taskId && ID.test(taskId)) rowProblems.push(`第 ${r} 行：该任务不属于本单位的这张填报表（可能从其他单位的填报表复制而来）`);
    else rowProblems.push(`第 ${r} 行：任务标识被改动或行被删除，请使用导出的原文件填写`);
    // The first misplaced row explains the rest.
    break;
  }
  // Nothing below the last task.
  for (const k of sheet.cells.keys()) {
    const [r] = k.split(',').map(Number) as [number, number];
    if (r >= FORM_ROWS.firstTask + n) {
      rowProblems.push(`第 ${r} 行：表格末尾多出内容（请勿添加行）`);
      break;
    }
  }
  if (rowProblems.length) return refused(rowProblems.join('；'), base);

  const author = checkText(cellText(sheet, AUTHOR_CELL.row, AUTHOR_CELL.col));
  const rows: FormRow[] = [];
  const reportsById = new Map(data.reports.filter((r) => !r.deleted).map((r) => [r.id, r]));
  for (let i = 0; i < n; i++) {
    const r = FORM_ROWS.firstTask + i;
    const taskId = meta.taskIds[i]!;
    const task = tasksById.get(taskId);
    const number = task?.number ?? locked[i]!.number;
    const statusText = checkText(text(r, 'status'));
    const fields = { progress: checkText(text(r, 'progress')), problems: checkText(text(r, 'problems')), nextSteps: checkText(text(r, 'nextSteps')) };
    const percentText = text(r, 'percent');
    const out: FormRow = { row: r, number, taskId, kind: 'error', reason: '', status: null, input: null };
    rows.push(out);
    if (!statusText && !fields.progress && !fields.problems && !fields.nextSteps && !percentText.trim()) {
      out.kind = 'empty';
      continue;
    }
    if (!task || task.deleted || task.planId !== data.plan.id) {
      out.reason = '该任务已从计划中删除';
      continue;
    }
    if (!rolesOf(task, unit.id).length) {
      out.reason = `「${unit.name}」已不再承担该任务`;
      continue;
    }
    const status = statusOfLabel(statusText);
    if (statusText && !status) {
      out.reason = `状态“${statusText}”不在下拉列表中（应为${STATUS_CHOICES.join('、')}之一）`;
      continue;
    }
    const long = (Object.keys(fields) as (keyof typeof fields)[]).find((k) => fields[k].length > MAX_REPORT_TEXT);
    if (long) {
      out.reason = `“${FORM_COLUMNS.find((c) => c.key === long)!.header}”超过${MAX_REPORT_TEXT}字（${fields[long].length}字）`;
      continue;
    }
    const percent = parsePercent(percentText);
    if (percent === 'bad') {
      out.reason = `完成比例“${percentText}”应为0至100的整数`;
      continue;
    }
    const input: ReportInput = { planId: data.plan.id, taskId, unitId: unit.id, period: meta.period, status, ...fields, percent, author };
    const checked = checkReportInput(input);
    if (!checked.ok) {
      out.reason = checked.message;
      continue;
    }
    out.status = checked.value.status;
    out.input = input;
    const existing = reportsById.get(reportId(taskId, unit.id, meta.period));
    if (!existing) out.kind = 'new';
    else if (same(existing, checked.value)) out.kind = 'same';
    else {
      out.kind = 'update';
      const changed = [
        existing.status !== checked.value.status ? `状态 ${REPORT_STATUS_LABELS[existing.status]}→${REPORT_STATUS_LABELS[checked.value.status]}` : '',
        existing.progress !== checked.value.progress ? '进展情况' : '',
        existing.problems !== checked.value.problems ? '存在问题' : '',
        existing.nextSteps !== checked.value.nextSteps ? '下步计划' : '',
        existing.percent !== checked.value.percent ? '完成比例' : '',
      ].filter(Boolean);
      out.reason = `修改：${changed.join('、')}`;
    }
  }
  if (author.length > 100) return refused(`第 ${AUTHOR_CELL.row} 行：填报人不能超过100字`, base);
  const counts = emptyCounts();
  for (const row of rows) counts[row.kind]++;
  return { ok: counts.error === 0, refusal: null, ...base, author, rows, counts };
}

/** One sentence for the preview: "市卫生健康局 2024年第四季度：新增 3 条，更新 1 条，无变化 2 条". */
export function formCheckSentence(check: FormCheck): string {
  if (check.refusal) return check.refusal;
  const parts = (['new', 'update', 'same', 'empty', 'error'] as const).filter((k) => check.counts[k]).map((k) => `${FORM_ROW_LABELS[k]} ${check.counts[k]} 条`);
  return `${check.unitName} ${check.periodText}：${parts.join('，') || '没有任务'}${check.counts.error ? '；有误的行须改正后重新导入，整张表暂不导入' : ''}`;
}
