import { describe, expect, it } from 'vitest';
import { columnTextWidth, longestWordPt, widestLinePt } from '../../../shared/reports/printLayout';
import { pageWidthBudget, TABLE_FONT_PT, tableLayout } from '../../../shared/reports/tableXlsx';

/** The column layout of the request ledgers and 考核 tables (printed checks: test/unit/requests/requestsOffice.test.ts). */
describe('tableLayout', () => {
  const headers = ['序号', '诉求人', '诉求内容', '办理情况', '满意度'];
  const rows = [
    [1, '欧阳娜娜\n13800000000', '企业咨询第二类医疗器械注册检验、临床评价和现场核查的时间安排，希望提前介入指导。', '职能内即办：组织专人上门指导', '基本满意'],
    [2, '王五\n13912345678', '园区公共检验平台建设', '', '满意'],
  ];

  it('gives every column room for its longest word and a whole column its widest line, within the page width', () => {
    const layout = tableLayout({ headers, widths: [4, 10, 30, 30, 6], rows, whole: [1, 2, 5] });
    expect(layout.paper).toBe('A4');
    expect(layout.widths.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(pageWidthBudget('A4'));
    // The phone number and the name fit their column's text width on one line.
    expect(columnTextWidth(layout.widths[1]!)).toBeGreaterThanOrEqual(widestLinePt('欧阳娜娜\n13800000000', TABLE_FONT_PT));
    expect(columnTextWidth(layout.widths[4]!)).toBeGreaterThanOrEqual(widestLinePt('基本满意', TABLE_FONT_PT));
    // A three-character heading is one word.
    expect(columnTextWidth(layout.widths[4]!)).toBeGreaterThanOrEqual(widestLinePt('满意度', TABLE_FONT_PT));
    // The text columns share what is left, by their preferred widths.
    expect(layout.widths[2]).toBeGreaterThan(layout.widths[1]!);
  });

  it('fills the page; a sheet may ask for A3; words wider than A4 take A3 whatever was asked', () => {
    const a4 = tableLayout({ headers, widths: [4, 10, 30, 30, 6], rows, whole: [1, 2, 5] });
    expect(a4.widths.reduce((a, b) => a + b, 0)).toBe(pageWidthBudget('A4'));
    const a3 = tableLayout({ headers, widths: [4, 10, 30, 30, 6], rows, whole: [1, 2, 5], paper: 'A3' });
    expect(a3.paper).toBe('A3');
    expect(a3.widths.reduce((a, b) => a + b, 0)).toBe(pageWidthBudget('A3'));
    const codes = Array.from({ length: 12 }, (_, i) => `CODE-${i}-ABCDEFGHIJK`);
    const wide = tableLayout({ headers: codes.map((_, i) => `列${i}`), widths: codes.map(() => 10), rows: [codes], paper: 'A4' });
    expect(wide.paper).toBe('A3');
    for (const [i, code] of codes.entries()) expect(columnTextWidth(wide.widths[i]!)).toBeGreaterThanOrEqual(longestWordPt(code, TABLE_FONT_PT));
  });
});
