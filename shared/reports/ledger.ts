import ExcelJS from 'exceljs';
import type { Action, Plan, Report, Section, Task, Unit } from '../model/schemas';
import { REPORT_STATUS_LABELS } from '../model/schemas';
import { periodLabel } from '../model/periods';
import { combineStatuses, computeStandings, indexByTask, LIGHT_LABELS, responsibleUnits, type Light, type TaskStanding } from '../tracking/standing';
import { rolesOf } from '../tracking/roles';
import { dayOfDateTime } from '../tracking/dates';
import { latestProgress, latestReportsByUnit } from '../tracking/latest';

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

export const LEDGER_HEADERS = [
  '序号',
  '具体内容',
  '牵头单位',
  '配合单位',
  '落实单位',
  '完成时限',
  '状态',
  '最新进展',
  '存在问题',
  '下步计划',
  '灯',
  '更新日期',
] as const;
/** Column widths in characters (Excel's unit), in header order. */
export const LEDGER_WIDTHS = [7, 48, 16, 20, 16, 14, 12, 42, 26, 26, 6, 12] as const;
export const LEDGER_TITLE_ROWS = 2;
/** Row number of the header (1-based). */
export const LEDGER_HEADER_ROW = LEDGER_TITLE_ROWS + 1;
export const LEDGER_SHEET_NAME = '任务分解台账';

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
    chosen = standing.latestReports ? [...standing.latestReports] : latestProgress(taskReports, responsibleUnits(task));
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

/**
 * The 台账 as an .xlsx workbook in the shape of the 任务分解表: title rows, a header (序号 / 具体内容 / 牵头 / 配合 /
 * 落实 / 完成时限) plus 状态 / 最新进展 / 存在问题 / 下步计划 / 灯 / 更新日期, section rows merged across the
 * table, wrapped text, frozen header, A4 landscape with the header repeated on every printed page.
 */
export async function buildLedgerXlsx(input: LedgerInput): Promise<Uint8Array> {
  const { plan, scope } = input;
  const names = new Map(input.units.map((u) => [u.id, u.name]));
  const standings = input.standings ?? computeStandings(input);
  const reportsByTask = indexByTask(input.reports);
  const pathOf = sectionPath(input.sections);
  const unitNames = (ids: readonly string[]) => ids.map((id) => names.get(id) ?? '').filter(Boolean).join('、');
  const columnCount = LEDGER_HEADERS.length;

  const wb = new ExcelJS.Workbook();
  wb.creator = '任务分解台账';
  const ws = wb.addWorksheet(LEDGER_SHEET_NAME, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: LEDGER_HEADER_ROW, topLeftCell: `A${LEDGER_HEADER_ROW + 1}`, activeCell: `A${LEDGER_HEADER_ROW + 1}` }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      printTitlesRow: `${LEDGER_HEADER_ROW}:${LEDGER_HEADER_ROW}`,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '第 &P 页，共 &N 页' },
  });
  ws.columns = LEDGER_WIDTHS.map((width) => ({ width }));

  const thin = { style: 'thin' as const, color: { argb: 'FF999999' } };
  const border = { top: thin, left: thin, bottom: thin, right: thin };
  const mergeAcross = (row: number) => ws.mergeCells(row, 1, row, columnCount);

  const title = ws.getRow(1);
  title.getCell(1).value = `${plan.title}任务分解台账`;
  title.getCell(1).font = { bold: true, size: 16 };
  title.getCell(1).alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  title.height = 30;
  mergeAcross(1);
  const sub = ws.getRow(2);
  sub.getCell(1).value = [plan.docNumber, `范围：${scopeLabel(scope, names)}`, `截至 ${input.today}`].filter(Boolean).join('    ');
  sub.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
  mergeAcross(2);

  const header = ws.getRow(LEDGER_HEADER_ROW);
  LEDGER_HEADERS.forEach((h, i) => {
    const cell = header.getCell(i + 1);
    cell.value = h;
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
    cell.border = border;
  });
  header.height = 22;

  const tasks = input.tasks
    .filter((t) => !t.deleted && (scope.kind !== 'unit' || rolesOf(t, scope.unitId).length > 0))
    .slice()
    .sort((a, b) => a.order - b.order);
  let rowNumber = LEDGER_HEADER_ROW;
  let previousPath: Section[] = [];
  for (const task of tasks) {
    const path = pathOf(task.sectionId);
    let common = 0;
    while (common < path.length && common < previousPath.length && path[common]!.id === previousPath[common]!.id) common++;
    for (let depth = common; depth < path.length; depth++) {
      rowNumber++;
      const row = ws.getRow(rowNumber);
      const cell = row.getCell(1);
      cell.value = path[depth]!.title;
      cell.font = { bold: true, size: depth === 0 ? 12 : 11 };
      cell.alignment = { vertical: 'middle', wrapText: true, indent: depth };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: SECTION_FILL } };
      cell.border = border;
      mergeAcross(rowNumber);
    }
    previousPath = path;

    const standing = standings.get(task.id);
    const taskReports = reportsByTask.get(task.id) ?? [];
    const p = standing
      ? progressFor(task, taskReports, standing, scope, names)
      : { status: '', progress: '', problems: '', nextSteps: '', date: '' };
    const deadline = standing?.effectiveDeadline && standing.effectiveDeadline !== task.deadline?.date
      ? `${task.deadline?.text ?? ''}（延期至 ${standing.effectiveDeadline}）`
      : (task.deadline?.text ?? '');
    rowNumber++;
    const row = ws.getRow(rowNumber);
    row.values = [
      task.number,
      task.content,
      unitNames(task.lead),
      unitNames(task.support),
      unitNames(task.implement),
      deadline,
      p.status,
      p.progress,
      p.problems,
      p.nextSteps,
      standing ? LIGHT_SHORT[standing.light] : '',
      p.date,
    ];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cell.alignment = { vertical: 'top', wrapText: true, horizontal: col === 1 || col === 11 || col === 12 || col === 7 ? 'center' : 'left' };
      cell.border = border;
    });
    if (standing) {
      const lightCell = row.getCell(11);
      lightCell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: LIGHT_FILLS[standing.light] } };
      lightCell.note = standing.reasons.join('\n') || LIGHT_LABELS[standing.light];
    }
  }
  if (!tasks.length) {
    rowNumber++;
    ws.getRow(rowNumber).getCell(1).value = '（该范围内没有任务）';
    mergeAcross(rowNumber);
  }
  ws.autoFilter = { from: { row: LEDGER_HEADER_ROW, column: 1 }, to: { row: LEDGER_HEADER_ROW, column: columnCount } };
  const buffer = await wb.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
