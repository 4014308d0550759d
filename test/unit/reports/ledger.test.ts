import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { unitId } from '../../../shared/model';
import { buildLedgerXlsx, LEDGER_HEADERS, LEDGER_WIDTHS, LIGHT_FILLS, ledgerFileName, type LedgerScope } from '../../../shared/reports/ledger';
import { action, report, samplePlan } from '../tracking/fixtures';

const records = samplePlan();
const market = unitId('市市场监管局');
const reports = [
  report(records, 0, 0, '2024-Q2', { status: 'done', progress: '已全面完成', problems: '无', nextSteps: '巩固成果', reportedAt: '2024-06-10T12:00:00.000Z' }),
  report(records, 1, 0, '2024-Q1', { progress: '一季度进展', reportedAt: '2024-03-15T12:00:00.000Z' }),
  report(records, 1, 1, '2024-Q2', { progress: '卫健二季度进展', reportedAt: '2024-06-18T12:00:00.000Z' }),
];
const actions = [action(records, 0, 'confirm')];

async function build(scope: LedgerScope) {
  const bytes = await buildLedgerXlsx({ ...records, reports, actions, today: '2024-06-25', scope });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  const ws = wb.getWorksheet('任务分解台账')!;
  const values = (row: number) => (ws.getRow(row).values as unknown[]).slice(1).map((v) => (v === undefined || v === null ? '' : String(v)));
  return { bytes, wb, ws, values };
}

describe('台账 export', () => {
  it('writes the 任务分解表 shape with progress columns, read back from the bytes', async () => {
    const { bytes, ws, values } = await build({ kind: 'all' });
    expect(bytes[0]).toBe(0x50); // "PK": a zip container
    expect(String(ws.getCell('A1').value)).toBe('测试实施方案任务分解台账');
    expect(String(ws.getCell('A2').value)).toContain('截至 2024-06-25');
    expect(values(3)).toEqual([...LEDGER_HEADERS]);
    // Section rows (two levels) before task 1, then the tasks; task 3's section row before it.
    expect(values(4)[0]).toBe('一、优化营商环境');
    expect(values(5)[0]).toBe('（一）提升审批效率');
    expect(values(6)).toEqual(['1', '压缩企业开办时间', '市市场监管局', '市公安局', '', '2024年6月底前', '已完成（已销号）', '已全面完成', '无', '巩固成果', '绿', '2024-06-10']);
    const row7 = values(7);
    expect(row7.slice(0, 7)).toEqual(['2', '推行证照分离改革', '市市场监管局、市卫生健康局', '', '县市场监管局', '2024年12月底前', '推进中']);
    expect(row7[7]).toBe('【市市场监管局】一季度进展\n【市卫生健康局】卫健二季度进展');
    expect(values(8)[0]).toBe('二、加强保障');
    expect(values(9).slice(0, 2)).toEqual(['3', '建立长效机制']);
    expect(ws.rowCount).toBe(9);
  });

  it('merges title and section rows across the table', async () => {
    const { ws } = await build({ kind: 'all' });
    const merges = (ws.model as unknown as { merges: string[] }).merges.sort();
    expect(merges).toEqual(['A1:L1', 'A2:L2', 'A4:L4', 'A5:L5', 'A8:L8'].sort());
    expect(ws.getCell('L4').isMerged).toBe(true);
    expect(ws.getCell('A6').isMerged).toBe(false);
  });

  it('sets column widths, wrapped text, a frozen header, light fills and A4 landscape printing with repeated header', async () => {
    const { ws } = await build({ kind: 'all' });
    expect(ws.columns.map((c) => c.width)).toEqual([...LEDGER_WIDTHS]);
    expect(ws.getCell('B6').alignment?.wrapText).toBe(true);
    expect(ws.getCell('H7').alignment?.wrapText).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(ws.pageSetup.orientation).toBe('landscape');
    expect(ws.pageSetup.paperSize).toBe(9);
    expect(ws.pageSetup.fitToWidth).toBe(1);
    expect(ws.pageSetup.printTitlesRow).toBe('3:3');
    const workbookXml = strFromU8(unzipSync((await build({ kind: 'all' })).bytes)['xl/workbook.xml']!);
    expect(workbookXml).toContain('<definedName name="_xlnm.Print_Titles" localSheetId="0">&apos;任务分解台账&apos;!$3:$3</definedName>');
    const fill = ws.getCell('K6').fill as { fgColor?: { argb?: string } };
    expect(fill.fgColor?.argb).toBe(LIGHT_FILLS.green);
    const redFill = ws.getCell('K9').fill as { fgColor?: { argb?: string } };
    expect(redFill.fgColor?.argb).toBe(LIGHT_FILLS.red);
  });

  it('exports one unit’s tasks with its own reports', async () => {
    const { values, ws } = await build({ kind: 'unit', unitId: unitId('市卫生健康局') });
    expect(String(ws.getCell('A2').value)).toContain('范围：市卫生健康局');
    const rows = Array.from({ length: ws.rowCount - 3 }, (_, i) => values(i + 4)).filter((r) => /^\d+$/.test(r[0]!));
    expect(rows.map((r) => r[0])).toEqual(['2', '3']);
    expect(rows[0]![7]).toBe('卫健二季度进展');
    expect(rows[1]![6]).toBe('未报送');
  });

  it('exports one period: only that period’s reports count', async () => {
    const { values } = await build({ kind: 'period', period: '2024-Q1' });
    expect(values(6).slice(6, 8)).toEqual(['本期未报送', '']);
    expect(values(7).slice(6, 8)).toEqual(['推进中', '一季度进展']);
  });

  it('says so when the scope has no tasks, and names the file after plan, scope and day', async () => {
    const { values } = await build({ kind: 'unit', unitId: unitId('不相干单位') });
    expect(values(4)[0]).toBe('（该范围内没有任务）');
    expect(ledgerFileName(records.plan, { kind: 'unit', unitId: market }, records.units, '2024-06-25')).toBe('测试实施方案-台账-市市场监管局-2024-06-25.xlsx');
  });
});
