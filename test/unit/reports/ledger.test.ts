import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { unitId } from '../../../shared/model';
import { buildLedger, buildLedgerXlsx, LEDGER_HEADERS, LIGHT_FILLS, ledgerColumns, ledgerFileName, ledgerTitle, ledgerWidths, type LedgerScope, type OptionalLedgerColumn } from '../../../shared/reports/ledger';
import { columnsPrintWidth, landscapeBody } from '../../../shared/reports/printLayout';
import { action, report, samplePlan } from '../tracking/fixtures';

const records = samplePlan();
const market = unitId('市市场监管局');
const reports = [
  report(records, 0, 0, '2024-Q2', { status: 'done', progress: '已全面完成', problems: '无', nextSteps: '巩固成果', reportedAt: '2024-06-10T12:00:00.000Z' }),
  report(records, 1, 0, '2024-Q1', { progress: '一季度进展', reportedAt: '2024-03-15T12:00:00.000Z' }),
  report(records, 1, 1, '2024-Q2', { progress: '卫健二季度进展', reportedAt: '2024-06-18T12:00:00.000Z' }),
];
const actions = [action(records, 0, 'confirm')];

/** Column widths as written in the sheet XML (exceljs reads ranges of equal widths back as gaps). */
function sheetWidths(bytes: Uint8Array): number[] {
  const xml = strFromU8(unzipSync(bytes)['xl/worksheets/sheet1.xml']!);
  const out: number[] = [];
  for (const m of xml.matchAll(/<col min="(\d+)" max="(\d+)" width="([\d.]+)"/g)) for (let c = Number(m[1]); c <= Number(m[2]); c++) out[c - 1] = Math.round(Number(m[3]));
  return out;
}

async function build(scope: LedgerScope, columns?: OptionalLedgerColumn[]) {
  const bytes = await buildLedgerXlsx({ ...records, reports, actions, today: '2024-06-25', scope, columns });
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
    expect(String(ws.getCell('A2').value)).toContain('截至2024年6月25日');
    expect(values(3)).toEqual([...LEDGER_HEADERS]);
    // Section rows (two levels) before task 1, then the tasks; task 3's section row before it.
    expect(values(4)[0]).toBe('一、优化营商环境');
    expect(values(5)[0]).toBe('（一）提升审批效率');
    expect(values(6)).toEqual(['1', '压缩企业开办时间', '市市场监管局', '市公安局', '', '2024年6月底前', '已完成（已销号）', '已全面完成', '无', '巩固成果', '绿', '2024年6月10日']);
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
    const { ws, bytes } = await build({ kind: 'all' });
    const widths = sheetWidths(bytes);
    expect(widths).toEqual(ledgerWidths(ledgerColumns()));
    // The columns fill, but never pass, the printable width of A4 landscape in the wider rendering.
    expect(columnsPrintWidth(widths)).toBeLessThanOrEqual(landscapeBody().widthPt);
    expect(columnsPrintWidth(widths)).toBeGreaterThan(landscapeBody().widthPt * 0.95);
    expect(ws.getCell('B6').alignment?.wrapText).toBe(true);
    expect(ws.getCell('H7').alignment?.wrapText).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(ws.pageSetup.orientation).toBe('landscape');
    expect(ws.pageSetup.paperSize).toBe(9);
    // Printed at 100 %: no fit-to-width shrinking of the 10 pt text.
    expect(ws.pageSetup.fitToPage).toBeFalsy();
    expect(ws.pageSetup.scale).toBe(100);
    expect(ws.getCell('B6').font?.size).toBe(10);
    expect(ws.headerFooter.oddFooter).toContain('第 &P 页 共 &N 页');
    expect(ws.headerFooter.oddHeader).toContain('测试实施方案任务分解台账');
    expect(ws.headerFooter.oddHeader).toContain('导出日期：2024年6月25日');
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

describe('台账 for print', () => {
  it('leaves out the optional columns not asked for, and gives their width to the text columns', async () => {
    const { bytes, values } = await build({ kind: 'all' }, []);
    expect(values(3)).toEqual(['序号', '具体内容', '牵头单位', '配合单位', '落实单位', '完成时限', '状态', '最新进展', '更新日期']);
    const all = ledgerWidths(ledgerColumns());
    const some = sheetWidths(bytes);
    expect(some[1]).toBeGreaterThan(all[1]!);
    expect(columnsPrintWidth(some)).toBeLessThanOrEqual(landscapeBody().widthPt);
    const withLight = await build({ kind: 'all' }, ['light']);
    expect(withLight.values(3)).toContain('灯');
    expect(withLight.values(3)).not.toContain('存在问题');
  });

  it('makes every row as tall as its wrapped text, and taller for longer text', async () => {
    const long = '这是一段很长的进展情况。'.repeat(20);
    const bytes = await buildLedgerXlsx({ ...records, reports: [...reports, report(records, 2, 0, '2024-Q2', { progress: long })], actions, today: '2024-06-25', scope: { kind: 'all' } });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const ws = wb.getWorksheet('任务分解台账')!;
    const heights = [6, 7, 9].map((r) => ws.getRow(r).height);
    for (const h of heights) expect(h).toBeGreaterThan(14);
    // 240 characters in a column of about 20: at least 12 lines of 14.5 pt.
    expect(ws.getRow(9).height).toBeGreaterThan(12 * 14.5);
  });

  it('keeps a section row on the same page as its first task, and counts the pages', async () => {
    const many = samplePlan(
      Array.from({ length: 40 }, (_, i) => ({
        number: String(i + 1),
        section: [`${'一二三四五六七八九十'[Math.floor(i / 4)]}、第${Math.floor(i / 4) + 1}部分`],
        content: '统筹推进各项改革任务落地见效，建立健全工作机制，'.repeat(1 + (i % 3)),
        lead: ['市市场监管局'],
        support: [],
        implement: [],
        deadline: null,
      })),
    );
    const result = await buildLedger({ ...many, reports: [], actions: [], today: '2024-06-25', scope: { kind: 'all' } });
    expect(result.pages).toBeGreaterThan(1);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(result.bytes.buffer.slice(result.bytes.byteOffset, result.bytes.byteOffset + result.bytes.byteLength) as ArrayBuffer);
    const ws = wb.getWorksheet('任务分解台账')!;
    const sheetXml = strFromU8(unzipSync(result.bytes)['xl/worksheets/sheet1.xml']!);
    const breaks = [...sheetXml.matchAll(/<brk id="(\d+)"/g)].map((m) => Number(m[1]));
    expect(breaks).toHaveLength(result.pages - 1);
    for (const b of breaks) {
      // The last row of a page is never a section heading (merged across the table).
      expect(ws.getCell(`A${b}`).isMerged).toBe(false);
    }
  });

  it('writes Arial as the default font, so column widths print the same in every office suite', async () => {
    const { bytes } = await build({ kind: 'all' });
    const styles = strFromU8(unzipSync(bytes)['xl/styles.xml']!);
    expect(styles).toMatch(/<fonts[^>]*><font><sz val="11"\/><name val="Arial"\/>/);
  });
});

describe('台账 title', () => {
  it('adds 任务分解台账 to the plan title, without repeating what the title already says', () => {
    expect(ledgerTitle('中山市全面加强药品监管能力建设若干措施')).toBe('中山市全面加强药品监管能力建设若干措施任务分解台账');
    expect(ledgerTitle('2023年政府工作报告重点工作任务分解')).toBe('2023年政府工作报告重点工作任务分解台账');
    expect(ledgerTitle('2023年重点工作任务分解表')).toBe('2023年重点工作任务分解台账');
    expect(ledgerTitle('民生实事项目工作台账')).toBe('民生实事项目工作台账');
    expect(ledgerTitle(' 若干措施 ')).toBe('若干措施任务分解台账');
  });
});
