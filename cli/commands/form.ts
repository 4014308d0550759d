import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { CliError, parseArgs, type Command } from '../command';
import { checkFilledForm, formCheckSentence, readFormMeta, FORM_ROW_LABELS } from '../../shared/forms/formCheck';
import { readWorkbookCells, WorkbookRefusedError } from '../../shared/forms/workbookCells';
import { dateOption, planFromSnapshot } from './export';

const USAGE = 'form check <填好的填报表.xlsx|.xls> <文件.tzsync> [--date YYYY-MM-DD] [--json]';

export const formCommand: Command = {
  name: 'form',
  summary: '填报表：检查填好的填报表，列出将导入的内容或拒绝的原因',
  usage: USAGE,
  async run(args, io) {
    const [sub, ...rest] = args;
    const { positional, values, flags } = parseArgs(rest, ['--date']);
    const unknown = [...flags].filter((f) => f !== '--json');
    if (sub !== 'check' || positional.length !== 2 || unknown.length) throw new CliError(`用法: ${USAGE}`, 2);
    const [sheetPath, snapshotPath] = positional as [string, string];
    if (!existsSync(sheetPath)) throw new CliError(`找不到文件: ${sheetPath}`);
    if (statSync(sheetPath).size > 20 * 1024 * 1024) throw new CliError(`${basename(sheetPath)}: 文件过大，不是本软件导出的填报表`);
    let sheets;
    try {
      sheets = readWorkbookCells(readFileSync(sheetPath));
    } catch (e) {
      if (e instanceof WorkbookRefusedError) throw new CliError(`${basename(sheetPath)}: 已拒绝 — ${e.message}`);
      throw e;
    }
    const meta = readFormMeta(sheets);
    const data = await planFromSnapshot(snapshotPath, 'meta' in meta ? meta.meta.planId : undefined).catch((e: unknown) => {
      // The form names a plan the snapshot does not hold: the check below says so in the form's words.
      if (e instanceof CliError && 'meta' in meta) return null;
      throw e;
    });
    const result = checkFilledForm(sheets, (id) => (data && data.plan.id === id ? data : null), dateOption(values));
    if (flags.has('--json')) {
      io.out(JSON.stringify({ file: basename(sheetPath), ok: result.ok, refusal: result.refusal, unit: result.unitName, period: result.meta?.period ?? null, counts: result.counts, rows: result.rows.map(({ input: _input, ...r }) => r) }, null, 2));
      return result.ok ? 0 : 1;
    }
    if (result.refusal) {
      io.err(`${basename(sheetPath)}: 已拒绝 — ${result.refusal}`);
      return 1;
    }
    io.out(`${basename(sheetPath)}: ${formCheckSentence(result)}`);
    io.out(`计划：${result.planTitle}    填报人：${result.author || '（未填）'}`);
    for (const row of result.rows) {
      if (row.kind === 'empty') continue;
      io.out(`  第 ${row.row} 行  第${row.number}项  ${FORM_ROW_LABELS[row.kind]}${row.reason ? `  ${row.reason}` : ''}`);
    }
    if (!result.ok) io.err(`${basename(sheetPath)}: 有 ${result.counts.error} 行有误，整张表不会导入；请改正后重新检查`);
    return result.ok ? 0 : 1;
  },
};
