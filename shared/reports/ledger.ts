import ExcelJS from 'exceljs';
import type { Action, Plan, Report, Section, Task, Unit } from '../model/schemas';
import { REPORT_STATUS_LABELS } from '../model/schemas';
import { periodLabel } from '../model/periods';
import { combineStatuses, computeStandings, indexByTask, LIGHT_LABELS, responsibleUnits, type Light, type TaskStanding } from '../tracking/standing';
import { rolesOf } from '../tracking/roles';
import { dayOfDateTime } from '../tracking/dates';
import { latestProgress, latestReportsByUnit } from '../tracking/latest';
import { chineseDate } from './chineseDate';
import { deadlineCellText } from './deadlineText';
import { landscapeBody, paginate, PT_PER_WIDTH_UNIT, rowHeight, SHEET_MARGINS, type PrintRow } from './printLayout';
import { setDefaultFont, STORED } from './xlsxDefaultFont';

export type LedgerScope = { kind: 'all' } | { kind: 'unit'; unitId: string } | { kind: 'period'; period: string };

export interface LedgerInput {
  plan: Plan;
  sections: readonly Section[];
  tasks: readonly Task[];
  units: readonly Unit[];
  reports: readonly Report[];
  actions: readonly Action[];
  today: string;
  scope: LedgerScope;
  /** Standings already computed (the screens have them); computed here when absent. */
  standings?: Map<string, TaskStanding>;
}

/** The columns of the 台账, in order. 存在问题 / 下步计划 / 灯 may be left out at export. */
export const LEDGER_COLUMNS = [
  { key: 'number', header: '序号', width: 5, center: true },
  { key: 'content', header: '具体内容', min: 22, weight: 3 },
  { key: 'lead', header: '牵头单位', min: 9, weight: 1.1 },
  { key: 'support', header: '配合单位', min: 9, weight: 1.3 },
  { key: 'implement', header: '落实单位', min: 7, weight: 1 },
  { key: 'deadline', header: '完成时限', width: 10 },
  { key: 'status', header: '状态', width: 9, center: true },
  { key: 'progress', header: '最新进展', min: 18, weight: 2.6 },
  { key: 'problems', header: '存在问题', min: 10, weight: 1.3, optional: true },
  { key: 'nextSteps', header: '下步计划', min: 10, weight: 1.3, optional: true },
  { key: 'light', header: '灯', width: 4, center: true, optional: true },
  { key: 'updated', header: '更新日期', width: 11, center: true },
] as const satisfies readonly LedgerColumnSpec[];

interface LedgerColumnSpec {
  key: string;
  header: string;
  /** Fixed width (characters), or a minimum and a share of the width left over. */
  width?: number;
  min?: number;
  weight?: number;
  center?: boolean;
  optional?: boolean;
}
export type LedgerColumnKey = (typeof LEDGER_COLUMNS)[number]['key'];
export type OptionalLedgerColumn = 'problems' | 'nextSteps' | 'light';
export const OPTIONAL_LEDGER_COLUMNS: readonly OptionalLedgerColumn[] = ['problems', 'nextSteps', 'light'];
/** Every header, in order (the export with all optional columns). */
export const LEDGER_HEADERS = LEDGER_COLUMNS.map((c) => c.header);
export const LEDGER_TITLE_ROWS = 2;
/** Row number of the header (1-based). */
export const LEDGER_HEADER_ROW = LEDGER_TITLE_ROWS + 1;
export const LEDGER_SHEET_NAME = '任务分解台账';
/** Font size of the table text, in points: printed at 100 %, never shrunk to fit. */
export const LEDGER_FONT_PT = 10;
const TITLE_FONT_PT = 16;
const SECTION_FONT_PT = 10.5;
/** Width budget in characters: the printable width of A4 landscape in the wider rendering, less a little. */
const WIDTH_BUDGET = Math.floor(landscapeBody().widthPt / PT_PER_WIDTH_UNIT.wide) - 2;

/** Fill colours of the 灯 column (ARGB). */
export const LIGHT_FILLS: Record<Light, string> = { red: 'FFE5484D', yellow: 'FFF5C518', green: 'FF46A758', grey: 'FFBDBDBD' };
const SECTION_FILL = 'FFF2F2F2';
const HEADER_FILL = 'FFD9E1F2';
const LIGHT_SHORT: Record<Light, string> = { red: '红', yellow: '黄', green: '绿', grey: '灰' };

function scopeLabel(scope: LedgerScope, names: Map<string, string>): string {
  switch (scope.kind) {
    case 'all':
      return '全部任务';
    case 'unit':
      return `${names.get(scope.unitId) ?? '（未知单位）'}`;
    case 'period':
      return `${periodLabel(scope.period)}`;
  }
}

interface RowProgress {
  status: string;
  progress: string;
  problems: string;
  nextSteps: string;
  date: string;
}

const latestPerUnit = (reports: readonly Report[]) => latestReportsByUnit(reports);

function joinField(reports: readonly Report[], field: 'progress' | 'problems' | 'nextSteps', names: Map<string, string>): string {
  const withText = reports.filter((r) => r[field].trim());
  if (withText.length <= 1) return withText[0]?.[field].trim() ?? '';
  return withText.map((r) => `【${names.get(r.unitId) ?? ''}】${r[field].trim()}`).join('\n');
}

function statusText(standing: TaskStanding): string {
  if (!standing.status) return '未报送';
  const label = REPORT_STATUS_LABELS[standing.status];
  if (standing.status === 'done') return standing.confirmed ? `${label}（已销号）` : `${label}（待销号）`;
  return standing.returned ? `${label}（已退回）` : label;
}

function progressFor(task: Task, taskReports: readonly Report[], standing: TaskStanding, scope: LedgerScope, names: Map<string, string>): RowProgress {
  const responsible = new Set(responsibleUnits(task));
  let chosen: Report[];
  let status: string;
  if (scope.kind === 'unit') {
    chosen = [...latestPerUnit(taskReports.filter((r) => r.unitId === scope.unitId)).values()];
    status = chosen[0] ? REPORT_STATUS_LABELS[chosen[0].status] : responsible.has(scope.unitId) ? statusText(standing) : '未报送';
    if (responsible.has(scope.unitId) && standing.status === 'done') status = statusText(standing);
  } else if (scope.kind === 'period') {
    chosen = [...latestPerUnit(taskReports.filter((r) => r.period === scope.period && responsible.has(r.unitId))).values()];
    const combined = combineStatuses(chosen.map((r) => r.status));
    status = combined ? REPORT_STATUS_LABELS[combined] : '本期未报送';
  } else {
    // 最新进展: the same reports the task table shows and searches.
    chosen = latestProgress(taskReports, responsibleUnits(task));
    status = statusText(standing);
  }
  const ordered = chosen.sort((a, b) => task.lead.indexOf(a.unitId) - task.lead.indexOf(b.unitId));
  const date = ordered.reduce((max, r) => (dayOfDateTime(r.reportedAt) > max ? dayOfDateTime(r.reportedAt) : max), '');
  return {
    status,
    // Value against target for each quantitative target (shared/targets/progress.ts), above the progress text.
    progress: `${standing.targets?.length ? `量化指标：${standing.targets.map((t) => t.text).join('；')}\n` : ''}${joinField(ordered, 'progress', names)}`,
    problems: joinField(ordered, 'problems', names),
    nextSteps: joinField(ordered, 'nextSteps', names),
    date,
  };
}

function sectionPath(sections: readonly Section[]): (id: string | null) => Section[] {
  const byId = new Map(sections.map((s) => [s.id, s]));
  const cache = new Map<string, Section[]>();
  return (id) => {
    if (!id) return [];
    const hit = cache.get(id);
    if (hit) return hit;
    const path: Section[] = [];
    let cur = byId.get(id);
    let guard = 0;
    while (cur && guard++ < 20) {
      path.unshift(cur);
      cur = cur.parentId ? byId.get(cur.parentId) : undefined;
    }
    cache.set(id, path);
    return path;
  };
}

/** The file name to offer when saving a ledger. */
export function ledgerFileName(plan: Plan, scope: LedgerScope, units: readonly Unit[], today: string): string {
  const names = new Map(units.map((u) => [u.id, u.name]));
  const safe = (s: string) => s.replace(/[\\/:*?"<>|\s]+/g, '').slice(0, 60);
  return `${safe(plan.title)}-台账-${safe(scopeLabel(scope, names))}-${today}.xlsx`;
}

/** The columns an export prints: all fixed ones, plus the optional ones asked for (all when not said). */
export function ledgerColumns(optional?: readonly OptionalLedgerColumn[]): (typeof LEDGER_COLUMNS)[number][] {
  const wanted = new Set<string>(optional ?? OPTIONAL_LEDGER_COLUMNS);
  return LEDGER_COLUMNS.filter((c) => !('optional' in c) || wanted.has(c.key));
}

/**
 * Column widths (characters) that fill the printable width of A4 landscape: fixed columns keep their width,
 * the text columns share the rest by weight; a text column empty in every row keeps only its minimum.
 */
export function ledgerWidths(columns: readonly (typeof LEDGER_COLUMNS)[number][], emptyKeys: ReadonlySet<string> = new Set()): number[] {
  const spec = columns.map((c) => c as LedgerColumnSpec);
  const base = spec.map((c) => c.width ?? (emptyKeys.has(c.key) ? 6 : c.min!));
  let left = WIDTH_BUDGET - base.reduce((a, b) => a + b, 0);
  const weights = spec.map((c) => (c.width !== undefined || emptyKeys.has(c.key) ? 0 : c.weight!));
  const total = weights.reduce((a, b) => a + b, 0);
  const widths = base.map((b, i) => b + (total > 0 && left > 0 ? Math.floor((left * weights[i]!) / total) : 0));
  left = WIDTH_BUDGET - widths.reduce((a, b) => a + b, 0);
  // Whatever rounding left over goes to the widest text column.
  if (left > 0 && total > 0) {
    const widest = weights.indexOf(Math.max(...weights));
    widths[widest]! += left;
  }
  return widths;
}

/** One printed row of the 台账 before it is written: a section heading or a task. */
export type LedgerLine =
  | { kind: 'section'; text: string; depth: number }
  | { kind: 'task'; values: Record<LedgerColumnKey, string>; light: Light | null; note: string };

export interface LedgerOptions {
  /** Optional columns to print (存在问题 / 下步计划 / 灯); all of them when absent. */
  columns?: readonly OptionalLedgerColumn[];
}

export interface LedgerResult {
  bytes: Uint8Array;
  /** Printed pages on A4 landscape (the page breaks are set in the file, so every office suite prints these). */
  pages: number;
  /** Task rows written. */
  taskRows: number;
}

/** The rows of the 台账 for a scope, as text (also the task table of the Word reports). */
export function ledgerLines(input: LedgerInput): LedgerLine[] {
  const { scope } = input;
  const names = new Map(input.units.map((u) => [u.id, u.name]));
  const standings = input.standings ?? computeStandings(input);
  const reportsByTask = indexByTask(input.reports);
  const pathOf = sectionPath(input.sections);
  const unitNames = (ids: readonly string[]) => ids.map((id) => names.get(id) ?? '').filter(Boolean).join('、');
  const tasks = input.tasks
    .filter((t) => !t.deleted && (scope.kind !== 'unit' || rolesOf(t, scope.unitId).length > 0))
    .slice()
    .sort((a, b) => a.order - b.order);
  const lines: LedgerLine[] = [];
  let previousPath: Section[] = [];
  for (const task of tasks) {
    const path = pathOf(task.sectionId);
    let common = 0;
    while (common < path.length && common < previousPath.length && path[common]!.id === previousPath[common]!.id) common++;
    for (let depth = common; depth < path.length; depth++) lines.push({ kind: 'section', text: path[depth]!.title, depth });
    previousPath = path;
    const standing = standings.get(task.id);
    const p = standing
      ? progressFor(task, reportsByTask.get(task.id) ?? [], standing, scope, names)
      : { status: '', progress: '', problems: '', nextSteps: '', date: '' };
    const deadline = deadlineCellText(task, standing?.effectiveDeadline ?? null);
    lines.push({
      kind: 'task',
      values: {
        number: task.number,
        content: task.content,
        lead: unitNames(task.lead),
        support: unitNames(task.support),
        implement: unitNames(task.implement),
        deadline,
        status: p.status,
        progress: p.progress,
        problems: p.problems,
        nextSteps: p.nextSteps,
        light: standing ? LIGHT_SHORT[standing.light] : '',
        updated: p.date ? chineseDate(p.date) : '',
      },
      light: standing?.light ?? null,
      note: standing ? standing.reasons.join('\n') || LIGHT_LABELS[standing.light] : '',
    });
  }
  return lines;
}

/**
 * The 台账's title: the plan's title and "任务分解台账", without saying it twice when the title already does
 * ("…重点工作任务分解" → "…重点工作任务分解台账", "…任务分解表" → "…任务分解台账", "…工作台账" stays).
 */
export function ledgerTitle(planTitle: string): string {
  const title = planTitle.trim();
  if (title.endsWith('台账')) return title;
  const base = title.replace(/任务分解表$/, '任务分解');
  return base.endsWith('任务分解') ? `${base}台账` : `${title}任务分解台账`;
}

/**
 * The 台账 as an .xlsx workbook in the shape of the 任务分解表 (see buildLedger).
 */
export async function buildLedgerXlsx(input: LedgerInput & LedgerOptions): Promise<Uint8Array> {
  return (await buildLedger(input)).bytes;
}

/**
 * The 台账 as an .xlsx workbook in the shape of the 任务分解表: title rows, a header (序号 / 具体内容 / 牵头 / 配合 /
 * 落实 / 完成时限) plus 状态 / 最新进展 / [存在问题 / 下步计划 / 灯] / 更新日期, section rows merged across the table.
 * Made to print: A4 landscape at 100 % (text at 10 pt, never shrunk), columns filling the page width, every row as
 * tall as its wrapped text, the header repeated on every page, a section row never left alone at the foot of a page,
 * the title and export date in the page header and "第 N 页 共 M 页" in the footer.
 */
export async function buildLedger(input: LedgerInput & LedgerOptions): Promise<LedgerResult> {
  const { plan, scope } = input;
  const names = new Map(input.units.map((u) => [u.id, u.name]));
  const lines = ledgerLines(input);
  const columns = ledgerColumns(input.columns);
  const taskLines = lines.filter((l): l is Extract<LedgerLine, { kind: 'task' }> => l.kind === 'task');
  const empty = new Set(
    (['support', 'implement', 'problems', 'nextSteps'] as const).filter((k) => taskLines.length > 0 && taskLines.every((l) => !l.values[k])),
  );
  const widths = ledgerWidths(columns, empty);
  const tableWidth = widths.reduce((a, b) => a + b, 0);
  const columnCount = columns.length;
  const todayText = chineseDate(input.today);
  const title = ledgerTitle(plan.title);
  const subtitle = [plan.docNumber, `范围：${scopeLabel(scope, names)}`, `截至${todayText}`].filter(Boolean).join('    ');

  // Heights first: they decide the page breaks.
  const titleHeight = rowHeight([{ text: title, units: tableWidth, fontPt: TITLE_FONT_PT }]) + 6;
  const subtitleHeight = rowHeight([{ text: subtitle, units: tableWidth, fontPt: LEDGER_FONT_PT }]);
  const headerHeight = rowHeight(columns.map((c, i) => ({ text: c.header, units: widths[i]!, fontPt: LEDGER_FONT_PT })));
  const bodyHeights: PrintRow[] = lines.map((line) =>
    line.kind === 'section'
      ? { height: rowHeight([{ text: line.text, units: tableWidth - line.depth * 2, fontPt: SECTION_FONT_PT }]), keepWithNext: true }
      : { height: rowHeight(columns.map((c, i) => ({ text: line.values[c.key], units: widths[i]!, fontPt: LEDGER_FONT_PT }))) },
  );
  const pageHeight = landscapeBody().heightPt;
  const breaks = paginate(titleHeight + subtitleHeight, headerHeight, bodyHeights, pageHeight);

  const wb = new ExcelJS.Workbook();
  wb.creator = '任务分解台账';
  const escapeHeader = (s: string) => s.replace(/&/g, '&&');
  const ws = wb.addWorksheet(LEDGER_SHEET_NAME, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: LEDGER_HEADER_ROW, topLeftCell: `A${LEDGER_HEADER_ROW + 1}`, activeCell: `A${LEDGER_HEADER_ROW + 1}` }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'landscape',
      fitToPage: false,
      scale: 100,
      horizontalCentered: true,
      printTitlesRow: `${LEDGER_HEADER_ROW}:${LEDGER_HEADER_ROW}`,
      margins: { ...SHEET_MARGINS },
    },
    headerFooter: {
      oddHeader: `&L&9${escapeHeader(title)}&R&9导出日期：${todayText}`,
      oddFooter: '&C&9第 &P 页 共 &N 页',
    },
  });
  // exceljs leaves out a column of width 9 (its default), which then prints at the suite's default width.
  ws.columns = widths.map((width) => ({ width: width === 9 ? 9.01 : width }));

  const font = { name: '宋体', size: LEDGER_FONT_PT };
  const thin = { style: 'thin' as const, color: { argb: 'FF808080' } };
  const border = { top: thin, left: thin, bottom: thin, right: thin };
  const mergeAcross = (row: number) => ws.mergeCells(row, 1, row, columnCount);

  const titleRow = ws.getRow(1);
  titleRow.getCell(1).value = title;
  titleRow.getCell(1).font = { name: '黑体', bold: true, size: TITLE_FONT_PT };
  titleRow.getCell(1).alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  titleRow.height = titleHeight;
  mergeAcross(1);
  const sub = ws.getRow(2);
  sub.getCell(1).value = subtitle;
  sub.getCell(1).font = font;
  sub.getCell(1).alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  sub.height = subtitleHeight;
  mergeAcross(2);

  const header = ws.getRow(LEDGER_HEADER_ROW);
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { ...font, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
    cell.border = border;
  });
  header.height = headerHeight;

  let rowNumber = LEDGER_HEADER_ROW;
  const breakSet = new Set(breaks);
  lines.forEach((line, index) => {
    if (breakSet.has(index)) ws.getRow(rowNumber).addPageBreak();
    rowNumber++;
    const row = ws.getRow(rowNumber);
    row.height = bodyHeights[index]!.height;
    if (line.kind === 'section') {
      const cell = row.getCell(1);
      cell.value = line.text;
      cell.font = { ...font, bold: true, size: SECTION_FONT_PT };
      cell.alignment = { vertical: 'middle', wrapText: true, indent: line.depth };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: SECTION_FILL } };
      cell.border = border;
      mergeAcross(rowNumber);
      return;
    }
    columns.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      cell.value = line.values[c.key];
      cell.font = font;
      cell.alignment = { vertical: 'top', wrapText: true, horizontal: 'center' in c && c.center ? 'center' : 'left' };
      cell.border = border;
      if (c.key === 'light' && line.light) {
        cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: LIGHT_FILLS[line.light] } };
        cell.note = line.note;
      }
    });
  });
  if (!lines.length) {
    rowNumber++;
    ws.getRow(rowNumber).getCell(1).value = '（该范围内没有任务）';
    ws.getRow(rowNumber).getCell(1).font = font;
    mergeAcross(rowNumber);
  }
  ws.autoFilter = { from: { row: LEDGER_HEADER_ROW, column: 1 }, to: { row: LEDGER_HEADER_ROW, column: columnCount } };
  const buffer = await wb.xlsx.writeBuffer(STORED);
  return { bytes: setDefaultFont(new Uint8Array(buffer as ArrayBuffer)), pages: breaks.length + 1, taskRows: taskLines.length };
}
