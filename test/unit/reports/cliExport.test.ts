import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../cli/main';
import { readWorkbookCells } from '../../../shared/forms/workbookCells';
import { FORM_SHEET_NAME } from '../../../shared/forms/layout';
import { fillForm } from '../forms/formFixtures';
import { PAPER_PERIOD, PAPER_TODAY, seed002Snapshot, seed002WithReports } from './paperFixtures';

const dir = mkdtempSync(join(tmpdir(), 'taizhang-cli-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const snapshot = join(dir, 'seed002.tzsync');
writeFileSync(snapshot, seed002Snapshot());

async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('CLI: export and form check (a contract other checks rely on)', () => {
  it('--help lists export and form, each with its usage', async () => {
    const help = await cli('--help');
    expect(help.out).toMatch(/export\s+导出台账/);
    expect(help.out).toMatch(/form\s+填报表/);
    expect((await cli('export', '--help')).out).toContain('export ledger|notice|urge|unit-report|form <文件.tzsync>');
    expect((await cli('form', '--help')).out).toContain('form check <填好的填报表.xlsx|.xls> <文件.tzsync>');
  });

  it('exports every document from a snapshot file', async () => {
    const date = ['--date', PAPER_TODAY];
    const cases: [string[], string, RegExp][] = [
      [['ledger', snapshot, '-o', join(dir, 'ledger.xlsx')], 'ledger.xlsx', /已导出台账（63 项任务，A4 横向 \d+ 页）/],
      [['ledger', snapshot, '--unit', '市卫生健康局', '--columns', '灯', '-o', join(dir, 'ledger-unit.xlsx')], 'ledger-unit.xlsx', /已导出台账（24 项任务/],
      [['ledger', snapshot, '--period', PAPER_PERIOD, '-o', join(dir, 'ledger-period.xlsx')], 'ledger-period.xlsx', /已导出台账/],
      [['notice', snapshot, '--period', PAPER_PERIOD, '-o', join(dir, 'notice.docx')], 'notice.docx', /已导出督办通报（2024年第四季度督办通报）/],
      [['notice', snapshot, '--kind', '进展', '-o', join(dir, 'notice2.docx')], 'notice2.docx', /进展情况通报/],
      [['urge', snapshot, '--unit', '市市场监管局', '-o', join(dir, 'urge.docx')], 'urge.docx', /已导出催办通知单（市市场监管局，2024年第四季度）/],
      [['unit-report', snapshot, '--unit', '市卫生健康局', '--period', PAPER_PERIOD, '-o', join(dir, 'report.docx')], 'report.docx', /已导出进展情况报告/],
      [['form', snapshot, '--unit', '市卫生健康局', '--period', PAPER_PERIOD, '-o', join(dir, 'form.xlsx')], 'form.xlsx', /已导出填报表（市卫生健康局，2024年第四季度，24 项任务）/],
    ];
    for (const [args, file, message] of cases) {
      const r = await cli('export', ...args, ...date);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      expect(r.out).toMatch(message);
      const bytes = readFileSync(join(dir, file));
      expect([bytes[0], bytes[1]]).toEqual([0x50, 0x4b]);
    }
    expect(readWorkbookCells(readFileSync(join(dir, 'form.xlsx'))).some((s) => s.name === FORM_SHEET_NAME)).toBe(true);
  });

  it('refuses bad arguments with one Chinese line', async () => {
    const r1 = await cli('export', 'urge', snapshot, '-o', join(dir, 'x.docx'));
    expect(r1).toMatchObject({ code: 2, err: '催办通知单需要 --unit 单位名称' });
    const r2 = await cli('export', 'ledger', snapshot, '-o', join(dir, 'x.docx'));
    expect(r2.code).toBe(2);
    expect(r2.err).toContain('应以 .xlsx 结尾');
    const r3 = await cli('export', 'form', snapshot, '--unit', '不存在的局', '-o', join(dir, 'x.xlsx'));
    expect(r3.code).toBe(1);
    expect(r3.err).toContain('计划中没有单位「不存在的局」');
    const r4 = await cli('export', 'notice', snapshot, '--period', '2030-Q1', '--date', PAPER_TODAY, '-o', join(dir, 'x.docx'));
    expect(r4.err).toContain('不能填报尚未开始的报送周期');
    const r5 = await cli('export', 'notice', join(dir, 'missing.tzsync'), '-o', join(dir, 'x.docx'));
    expect(r5).toMatchObject({ code: 1, err: `找不到文件: ${join(dir, 'missing.tzsync')}` });
  });

  it('form check prints what a filled sheet would import, or why it is refused (exit 1)', async () => {
    const data = seed002WithReports();
    const task = data.tasks.find((t) => t.support.includes(data.units.find((u) => u.name === '市卫生健康局')!.id))!;
    const form = readFileSync(join(dir, 'form.xlsx'));
    const good = join(dir, 'filled.xlsx');
    writeFileSync(good, await fillForm(new Uint8Array(form), { [task.number]: { status: '推进中', progress: '已形成方案' } }, { author: '赵六' }));
    const ok = await cli('form', 'check', good, snapshot, '--date', PAPER_TODAY);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('filled.xlsx: 市卫生健康局 2024年第四季度：新增 1 条');
    expect(ok.out).toMatch(new RegExp(`第 \\d+ 行  第${task.number}项  新增`));
    const bad = join(dir, 'bad.xlsx');
    writeFileSync(bad, await fillForm(new Uint8Array(form), {}, { edit: (ws) => ws.spliceRows(8, 1) }));
    const refused = await cli('form', 'check', bad, snapshot, '--date', PAPER_TODAY);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/^bad\.xlsx: 已拒绝 — 第 8 行：行被删除/);
    const wrong = join(dir, 'wrong.xlsx');
    writeFileSync(wrong, await fillForm(new Uint8Array(form), { [task.number]: { status: '快完成了', progress: '…' } }));
    const withErrors = await cli('form', 'check', wrong, snapshot, '--date', PAPER_TODAY, '--json');
    expect(withErrors.code).toBe(1);
    expect(JSON.parse(withErrors.out)).toMatchObject({ ok: false, refusal: null, counts: { error: 1 } });
    const notExcel = await cli('form', 'check', snapshot, snapshot);
    expect(notExcel.code).toBe(1);
    expect(notExcel.err).toContain('这不是 Excel 文件');
  });
});
