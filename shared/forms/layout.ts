/**
 * The shape of a 填报表 (progress form for offices without the app), shared by the writer and the reader: where the
 * title, instructions, header and task rows are, which columns are locked, and the hidden identifiers with their
 * check values. A form is one unit's tasks for one reporting period.
 */
import { sha256Hex } from '../model/hash';
import { REPORT_STATUSES, REPORT_STATUS_LABELS, type ReportStatus } from '../model/schemas';

export const FORM_SHEET_NAME = '填报表';
/** The hidden sheet with the identifiers (plan, unit, period, task of each row) and check values. */
export const FORM_META_SHEET_NAME = 'taizhang-form';
export const FORM_MARKER = '任务分解台账填报表';
export const FORM_VERSION = 1;

/** 1-based rows of the sheet. */
export const FORM_ROWS = { title: 1, info: 2, instructions: 3, author: 4, header: 5, firstTask: 6 } as const;

/** The columns, in order. `locked`: task information the unit may not change. */
export const FORM_COLUMNS = [
  { key: 'number', header: '序号', width: 6, locked: true },
  { key: 'content', header: '具体内容', width: 40, locked: true },
  { key: 'role', header: '本单位职责', width: 9, locked: true },
  { key: 'deadline', header: '完成时限', width: 11, locked: true },
  { key: 'previous', header: '上期进展（供参考）', width: 28, locked: true },
  { key: 'status', header: '状态', width: 11, locked: false },
  { key: 'progress', header: '进展情况', width: 36, locked: false },
  { key: 'problems', header: '存在问题', width: 22, locked: false },
  { key: 'nextSteps', header: '下步计划', width: 22, locked: false },
  { key: 'percent', header: '完成比例（%）', width: 10, locked: false },
  { key: 'taskId', header: '任务标识', width: 4, locked: true, hidden: true },
] as const;
export type FormColumnKey = (typeof FORM_COLUMNS)[number]['key'];
/** 1-based column number of a key. */
export const formColumn = (key: FormColumnKey): number => FORM_COLUMNS.findIndex((c) => c.key === key) + 1;
export const LOCKED_KEYS = FORM_COLUMNS.filter((c) => c.locked && c.key !== 'taskId').map((c) => c.key);

/** Where the author (填报人) is written: row 4, the cell after its label. */
export const AUTHOR_CELL = { row: FORM_ROWS.author, col: 2 } as const;

/** The statuses offered in the drop-down, in the app's words. */
export const STATUS_CHOICES: readonly string[] = REPORT_STATUSES.map((s) => REPORT_STATUS_LABELS[s]);
export function statusOfLabel(label: string): ReportStatus | null {
  const i = STATUS_CHOICES.indexOf(label.trim());
  return i >= 0 ? REPORT_STATUSES[i]! : null;
}

export const FORM_INSTRUCTIONS =
  '填表说明：1.灰色列为任务信息，已锁定，请勿修改，请勿插入、删除、移动或排序行；2.“状态”请在下拉列表中选择；' +
  '3.“进展情况”必填（状态为“未启动”时可不填），每格不超过5000字；4.“完成比例”填0至100的整数，状态为“已完成”时填100；' +
  '5.不要使用公式，不要合并单元格；6.填好后保存为Excel文件（.xlsx 或 .xls）发回，文件名可以修改。';

/** The locked cells of one task row, as written (and as they must read back). */
export interface LockedRow {
  taskId: string;
  number: string;
  content: string;
  role: string;
  deadline: string;
  previous: string;
}

/** Text as a check value sees it: line ends unified, outer blanks trimmed (office suites may add either). */
export const checkText = (s: string): string => s.replace(/\r\n?/g, '\n').trim();

/** Check value of one row: its identifiers and locked cells, bound to the form's plan, unit and period. */
export function rowCheck(form: { planId: string; unitId: string; period: string }, row: LockedRow): string {
  return sha256Hex(JSON.stringify([form.planId, form.unitId, form.period, row.taskId, row.number, row.content, row.role, row.deadline, row.previous].map(checkText))).slice(0, 24);
}

/** The hidden identifiers of a form. */
export interface FormMeta {
  version: number;
  planId: string;
  unitId: string;
  period: string;
  /** Day it was made (YYYY-MM-DD). */
  issued: string;
  taskIds: string[];
  rowChecks: string[];
}

/** Check value over all identifiers: any change to them (another unit's or period's, rows added) shows. */
export function metaCheck(meta: Omit<FormMeta, 'issued'>): string {
  return sha256Hex(JSON.stringify([FORM_MARKER, meta.version, meta.planId, meta.unitId, meta.period, meta.taskIds, meta.rowChecks])).slice(0, 32);
}

/** Rows of the hidden sheet: key in column A, value in column B; then one row per task (id, row check). */
export const META_KEYS = ['标识', '版本', '计划', '单位', '周期', '生成日期', '任务数', '校验值'] as const;
