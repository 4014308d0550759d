import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { DocumentRefusedError, type ParseInput, type ParseResult } from '../../shared/parser/types';
import { CliError, parseArgs, type Command } from '../command';
import { parseWithBudget } from '../parseWithBudget';
import { MAX_INPUT_MB } from '../../shared/parser/readers/limits';

const RULE_LABELS: Record<ParseResult['leadRule'], string> = {
  columns: '按表格列区分牵头、配合单位',
  'first-listed-is-lead': '列第一位者为牵头单位，其余为配合单位',
  'all-listed-are-leads': '所列单位均为牵头单位',
};

/** Readable summary with Chinese headers: one task per line, columns separated by " | ". */
export function formatResult(r: ParseResult): string {
  const out: string[] = [];
  out.push(`标题：${r.title ?? '（未识别）'}`);
  out.push(`文号：${r.docNumber ?? '（无）'}    发文单位：${r.issuer ?? '（未识别）'}    日期：${r.date ?? '（未识别）'}`);
  out.push(`牵头规则：${RULE_LABELS[r.leadRule]}`);
  if (r.reporting.length) out.push(`报送要求：${r.reporting.map((c) => c.text).join('；')}`);
  out.push(`任务：${r.tasks.length} 项`);
  out.push('');
  out.push(['编号', '所属章节', '任务内容', '牵头单位', '配合单位', '具体落实单位', '完成时限'].join(' | '));
  for (const t of r.tasks) {
    const content = t.content.replace(/\s+/g, ' ');
    out.push(
      [
        t.number,
        t.section[t.section.length - 1] ?? '',
        content.length > 40 ? `${content.slice(0, 40)}…` : content,
        t.lead.join('、') || '—',
        t.support.join('、') || '—',
        t.implement.join('、') || '—',
        t.deadline ? `${t.deadline.text}${t.deadline.date ? `（${t.deadline.date}）` : ''}` : '—',
      ].join(' | '),
    );
  }
  if (r.warnings.length) {
    out.push('');
    out.push(`提示（${r.warnings.length} 条）：`);
    for (const w of r.warnings) out.push(`  [${w.code}] ${w.message}`);
  }
  return out.join('\n');
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export const parseCommand: Command = {
  name: 'parse',
  summary: '解析工作方案或任务分解表，列出任务、责任单位和提示',
  usage: 'parse <文件|-> [--json]',
  async run(args, io) {
    const { positional, flags } = parseArgs(args);
    const unknown = [...flags].filter((f) => f !== '--json');
    if (unknown.length) throw new CliError(`未知选项: ${unknown.join(' ')}（用法: parse <文件|-> [--json]）`, 2);
    if (positional.length !== 1) throw new CliError('用法: parse <文件|-> [--json]（文件为 - 时从标准输入读取文字）', 2);
    const target = positional[0]!;
    let input: ParseInput;
    if (target === '-') input = { text: await readStdin() };
    else {
      let bytes: Uint8Array;
      let size: number;
      try {
        const stat = statSync(target);
        if (!stat.isFile()) throw new Error('not a file');
        size = stat.size;
      } catch {
        throw new CliError(`无法读取文件：${target}（文件不存在或无权访问）`, 1);
      }
      // Refused by its size before it is read into memory (a 1 GiB file would take a gigabyte to refuse).
      if (size > MAX_INPUT_MB * 1024 * 1024) throw new CliError(`文件超过 ${MAX_INPUT_MB} MB，无法导入`, 1);
      try {
        bytes = new Uint8Array(readFileSync(target));
      } catch {
        throw new CliError(`无法读取文件：${target}（文件不存在或无权访问）`, 1);
      }
      input = { name: basename(target), bytes };
    }
    let result: ParseResult;
    try {
      // In a worker thread under the app's budget (time and memory), like the app's importer worker.
      result = await parseWithBudget(input);
    } catch (e) {
      if (e instanceof DocumentRefusedError) throw new CliError(e.message.split('\n')[0]!, 1);
      throw e;
    }
    if (flags.has('--json')) {
      const json = {
        title: result.title,
        docNumber: result.docNumber,
        issuer: result.issuer,
        date: result.date,
        leadRule: result.leadRule,
        reporting: result.reporting,
        // The task fields of the contract (the corpus scorer reads them); units-as-stated and sources stay in the app.
        tasks: result.tasks.map((t) => ({
          number: t.number,
          section: t.section,
          content: t.content,
          lead: t.lead,
          support: t.support,
          implement: t.implement,
          deadline: t.deadline,
        })),
        warnings: result.warnings,
      };
      io.out(JSON.stringify(json, null, 2));
    } else io.out(formatResult(result));
    return 0;
  },
};
