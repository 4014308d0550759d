import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { basename, dirname, extname } from 'node:path';
import { CliError, parseArgs, type Command } from '../command';
import { normalizeKey, PeriodSchema, periodLabel, type Plan } from '../../shared/model';
import { decodeSnapshot, LIMITS, SnapshotRefusedError } from '../../shared/sync';
import { checkReportPeriod } from '../../shared/tracking/reportInput';
import { isIsoDay, isoDayOf, periodOfDay } from '../../shared/tracking/dates';
import { buildLedger, LEDGER_COLUMNS, OPTIONAL_LEDGER_COLUMNS, type LedgerScope, type OptionalLedgerColumn } from '../../shared/reports/ledger';
import { buildNoticeDocx, NOTICE_KIND_LABELS, type NoticeKind } from '../../shared/reports/docs/notice';
import { buildUrgeDocx } from '../../shared/reports/docs/urge';
import { buildUnitReportDocx } from '../../shared/reports/docs/unitReport';
import { buildFormXlsx } from '../../shared/forms/formSheet';
import type { FormPlanData } from '../../shared/forms/formCheck';

/** One plan's live records from a snapshot file. */
export interface SnapshotPlan extends FormPlanData {
  plan: Plan;
  sections: import('../../shared/model').Section[];
  tasks: import('../../shared/model').Task[];
  units: import('../../shared/model').Unit[];
  reports: import('../../shared/model').Report[];
  actions: import('../../shared/model').Action[];
}

/** Read a .tzsync file and pick its plan (`--plan`, or the only one). Refusals are one Chinese line. */
export async function planFromSnapshot(path: string, planId: string | undefined): Promise<SnapshotPlan> {
  if (!existsSync(path)) throw new CliError(`找不到文件: ${path}`);
  if (statSync(path).size > LIMITS.fileBytes) throw new CliError(`${basename(path)}: 文件过大，已拒绝`);
  let state;
  try {
    state = (await decodeSnapshot(readFileSync(path))).state;
  } catch (e) {
    if (e instanceof SnapshotRefusedError) throw new CliError(`${basename(path)}: ${e.message}`);
    throw e;
  }
  const plans = state.records.plans.filter((p) => !p.deleted);
  if (!plans.length) throw new CliError(`${basename(path)} 中没有计划`);
  const plan = planId ? plans.find((p) => p.id === planId) : plans.length === 1 ? plans[0] : undefined;
  if (!plan) {
    const list = plans.map((p) => `${p.id}  ${p.title}`).join('\n  ');
    throw new CliError(planId ? `${basename(path)} 中没有计划 ${planId}；其中的计划：\n  ${list}` : `${basename(path)} 中有多个计划，请用 --plan 指定：\n  ${list}`);
  }
  const mine = <T extends { planId: string; deleted?: boolean }>(rows: T[]) => rows.filter((r) => r.planId === plan.id && !r.deleted);
  const tasks = mine(state.records.tasks).sort((a, b) => a.order - b.order);
  const reports = mine(state.records.reports);
  const unitIds = new Set([...tasks.flatMap((t) => [...t.lead, ...t.support, ...t.implement]), ...reports.map((r) => r.unitId)]);
  return {
    plan,
    sections: mine(state.records.sections).sort((a, b) => a.order - b.order),
    tasks,
    units: state.records.units.filter((u) => !u.deleted && unitIds.has(u.id)),
    reports,
    actions: mine(state.records.actions),
  };
}

/** The unit named (by name or alias). */
export function unitByName(data: SnapshotPlan, name: string): string {
  const key = normalizeKey(name);
  const unit = data.units.find((u) => normalizeKey(u.name) === key || u.aliases.some((a) => normalizeKey(a) === key));
  if (!unit) throw new CliError(`计划中没有单位「${name}」；计划中的单位：${data.units.map((u) => u.name).join('、')}`);
  return unit.id;
}

export function dateOption(values: Map<string, string[]>): string {
  const date = values.get('--date')?.[0];
  if (date === undefined) return isoDayOf(new Date());
  if (!isIsoDay(date)) throw new CliError(`--date 应为 YYYY-MM-DD 格式的日期: ${date}`, 2);
  return date;
}

function periodOption(values: Map<string, string[]>, plan: Plan, today: string): string {
  const period = values.get('--period')?.[0] ?? periodOfDay(today, plan.cadence);
  if (!PeriodSchema.safeParse(period).success) throw new CliError(`--period 应为报送周期，如 2024-Q4（季度）、2024-10（月份）、2024-H2（半年）、2024（年度）: ${period}`, 2);
  const problem = checkReportPeriod(plan, period, today);
  if (problem) throw new CliError(`--period ${period}：${problem}`, 2);
  return period;
}

function writeAtomically(path: string, bytes: Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, path);
}

const KINDS = {
  ledger: { ext: '.xlsx', label: '台账' },
  notice: { ext: '.docx', label: '督办通报' },
  urge: { ext: '.docx', label: '催办通知单' },
  'unit-report': { ext: '.docx', label: '进展情况报告' },
  form: { ext: '.xlsx', label: '填报表' },
} as const;
type Kind = keyof typeof KINDS;

const USAGE =
  'export ledger|notice|urge|unit-report|form <文件.tzsync> [--plan 计划ID] [--unit 单位名称] [--period 2024-Q4] [--date YYYY-MM-DD] [--columns 存在问题,下步计划,灯] [--kind 督办|进展] -o <输出.xlsx|输出.docx>';

export const exportCommand: Command = {
  name: 'export',
  summary: '从同步文件导出台账（.xlsx）、督办通报、催办通知单、进展情况报告（.docx）或填报表（.xlsx）',
  usage: `${USAGE}\n  ledger       台账：整个计划；--unit 某单位的任务；--period 某报送周期\n  notice       督办通报（--kind 进展 为进展情况通报），--period 报送周期（默认当前周期）\n  urge         催办通知单，--unit 必填\n  unit-report  单位进展情况报告，--unit 必填\n  form         填报表（供未安装本软件的单位填写），--unit 必填`,
  async run(args, io) {
    const { positional, values, flags } = parseArgs(args, ['-o', '--out', '--plan', '--unit', '--period', '--date', '--columns', '--kind']);
    const [kindArg, file] = positional;
    if (!kindArg || !(kindArg in KINDS) || !file || positional.length > 2) throw new CliError(`用法: ${USAGE}`, 2);
    const unknown = [...flags];
    if (unknown.length) throw new CliError(`未知选项: ${unknown.join(' ')}（用法: ${USAGE}）`, 2);
    const kind = kindArg as Kind;
    const out = values.get('-o')?.[0] ?? values.get('--out')?.[0];
    if (!out) throw new CliError(`缺少输出文件 -o（用法: ${USAGE}）`, 2);
    if (extname(out).toLowerCase() !== KINDS[kind].ext) throw new CliError(`${KINDS[kind].label}的输出文件应以 ${KINDS[kind].ext} 结尾: ${out}`, 2);
    const data = await planFromSnapshot(file, values.get('--plan')?.[0]);
    const today = dateOption(values);
    const unitName = values.get('--unit')?.[0];
    const needsUnit = kind === 'urge' || kind === 'unit-report' || kind === 'form';
    if (needsUnit && !unitName) throw new CliError(`${KINDS[kind].label}需要 --unit 单位名称`, 2);
    const unitId = unitName ? unitByName(data, unitName) : undefined;
    const base = { ...data, today };
    let bytes: Uint8Array;
    let detail: string;
    switch (kind) {
      case 'ledger': {
        if (unitId && values.has('--period')) throw new CliError('台账按单位或按周期导出，--unit 和 --period 只能选一个', 2);
        const scope: LedgerScope = unitId ? { kind: 'unit', unitId } : values.has('--period') ? { kind: 'period', period: periodOption(values, data.plan, today) } : { kind: 'all' };
        let columns: OptionalLedgerColumn[] | undefined;
        const wanted = values.get('--columns')?.[0];
        if (wanted !== undefined) {
          const byHeader = new Map(LEDGER_COLUMNS.map((c) => [c.header, c.key]));
          columns = wanted
            .split(/[,，、]/)
            .map((s) => s.trim())
            .filter(Boolean)
            .map((h) => {
              const key = byHeader.get(h as never) as OptionalLedgerColumn | undefined;
              if (!key || !OPTIONAL_LEDGER_COLUMNS.includes(key)) throw new CliError(`--columns 可选：存在问题、下步计划、灯（收到「${h}」）`, 2);
              return key;
            });
        }
        const result = await buildLedger({ ...base, scope, columns });
        bytes = result.bytes;
        detail = `${result.taskRows} 项任务，A4 横向 ${result.pages} 页`;
        break;
      }
      case 'notice': {
        const kindText = values.get('--kind')?.[0] ?? '督办';
        const noticeKind: NoticeKind | undefined = kindText === '督办' ? 'supervision' : kindText === '进展' ? 'progress' : undefined;
        if (!noticeKind) throw new CliError('--kind 应为 督办 或 进展', 2);
        const period = periodOption(values, data.plan, today);
        bytes = await buildNoticeDocx({ ...base, period, kind: noticeKind });
        detail = `${periodLabel(period)}${NOTICE_KIND_LABELS[noticeKind]}`;
        break;
      }
      case 'urge': {
        const period = periodOption(values, data.plan, today);
        bytes = await buildUrgeDocx({ ...base, period, unitId: unitId! });
        detail = `${unitName}，${periodLabel(period)}`;
        break;
      }
      case 'unit-report': {
        const period = periodOption(values, data.plan, today);
        bytes = await buildUnitReportDocx({ ...base, period, unitId: unitId! });
        detail = `${unitName}，${periodLabel(period)}`;
        break;
      }
      case 'form': {
        const period = periodOption(values, data.plan, today);
        const result = await buildFormXlsx({ ...base, period, unitId: unitId! });
        bytes = result.bytes;
        detail = `${result.unitName}，${periodLabel(period)}，${result.rows.length} 项任务`;
        break;
      }
    }
    writeAtomically(out, bytes);
    io.out(`已导出${KINDS[kind].label}（${detail}）→ ${out}（${bytes.length} 字节）`);
    return 0;
  },
};
