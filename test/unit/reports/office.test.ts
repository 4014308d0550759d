/**
 * Every generated document opened in a real office suite: LibreOffice converts the 台账 (whole plan, one unit, one
 * period), the 督办通报, the 催办通知单 and a unit's 进展情况报告 of seed 002 to PDF in one run; poppler reads the
 * pages back. Checks: it opens, the page count and size, every task's full text, text size, and (台账) every cell
 * whole inside its row. First pages go to .cache/screenshots for a person to look at.
 * Without LibreOffice/poppler the tests are skipped with the reason (CI installs them, and fails without them).
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitId } from '../../../shared/model';
import { computeStandings } from '../../../shared/tracking/standing';
import { buildLedger, ledgerLines, LEDGER_COLUMNS, LEDGER_HEADER_ROW, type LedgerResult, type LedgerScope } from '../../../shared/reports/ledger';
import { buildNoticeDocx, NOTICE_TABLE_COLUMNS } from '../../../shared/reports/docs/notice';
import { buildUrgeDocx } from '../../../shared/reports/docs/urge';
import { buildUnitReportDocx } from '../../../shared/reports/docs/unitReport';
import { buildFormXlsx } from '../../../shared/forms/formSheet';
import { checkPrintedRows, columnText, sheetGeometry, type PrintedRow } from './ledgerPrintCheck';
import { compact, convertToPdf, officeUnavailable, pdfCompactText, pdfPageCount, pdfWords, screenshotFirstPage } from './office';
import { PAPER_PERIOD, PAPER_TODAY, seed002WithReports } from './paperFixtures';

const unavailable = officeUnavailable();
if (unavailable) {
  if (process.env.CI || process.env.TAIZHANG_REQUIRE_OFFICE) throw new Error(`CI must run the office-suite tests: ${unavailable}`);
  console.warn(`\n⚠ 跳过 LibreOffice 检查：${unavailable}\n`);
}

const data = seed002WithReports();
/** Latin words of the plan's own data (e.g. "UDI" in a task): the only Latin a document may contain. */
const dataLatin = new Set([...data.tasks.map((t) => t.content), ...data.reports.flatMap((r) => [r.progress, r.problems, r.nextSteps])].flatMap((t) => t.match(/[A-Za-z]+/g) ?? []));
/** The text with the data's Latin words taken out: nothing in English may be left. */
const withoutData = (text: string) => text.replace(/[A-Za-z]+/g, (w) => (dataLatin.has(w) ? '' : w));
const market = unitId('市市场监管局');
const health = unitId('市卫生健康局');
const base = { ...data, today: PAPER_TODAY };
const scopes: Record<string, LedgerScope> = {
  'ledger-all': { kind: 'all' },
  'ledger-unit': { kind: 'unit', unitId: health },
  'ledger-period': { kind: 'period', period: PAPER_PERIOD },
};

describe.skipIf(unavailable !== null)('documents opened in LibreOffice', () => {
  const ledgers: Record<string, LedgerResult> = {};
  let converted: ReturnType<typeof convertToPdf>;
  let squeezed: Uint8Array;

  beforeAll(async () => {
    const files: Record<string, Uint8Array> = {};
    for (const [name, scope] of Object.entries(scopes)) {
      ledgers[name] = await buildLedger({ ...base, scope });
      files[`${name}.xlsx`] = ledgers[name].bytes;
    }
    // The checker must catch a row too short for its text: one 台账 with task 1's row squeezed to one line.
    const parts = unzipSync(ledgers['ledger-all']!.bytes);
    const row = LEDGER_HEADER_ROW + 2; // section row, then task 1
    parts['xl/worksheets/sheet1.xml'] = strToU8(strFromU8(parts['xl/worksheets/sheet1.xml']!).replace(new RegExp(`(<row r="${row}"[^>]*? ht=")[\\d.]+`), '$115'));
    squeezed = zipSync(parts);
    files['ledger-squeezed.xlsx'] = squeezed;
    files['notice.docx'] = await buildNoticeDocx({ ...base, period: PAPER_PERIOD });
    files['urge.docx'] = await buildUrgeDocx({ ...base, period: PAPER_PERIOD, unitId: market });
    files['unit-report.docx'] = await buildUnitReportDocx({ ...base, period: PAPER_PERIOD, unitId: health });
    files['form.xlsx'] = (await buildFormXlsx({ ...base, period: PAPER_PERIOD, unitId: health })).bytes;
    converted = convertToPdf(files);
    for (const name of ['ledger-all', 'ledger-unit', 'ledger-period', 'notice', 'urge', 'unit-report', 'form']) {
      screenshotFirstPage(converted.pdf[`${name}.${name.startsWith('ledger') || name === 'form' ? 'xlsx' : 'docx'}`]!, `paper-${name}`);
    }
  }, 300_000);
  afterAll(() => converted?.cleanup());

  const rowsOf = (scope: LedgerScope): PrintedRow[] => {
    const lines = ledgerLines({ ...base, scope });
    return lines.flatMap((line, i) =>
      line.kind === 'task'
        ? [{ sheetRow: LEDGER_HEADER_ROW + 1 + i, cells: LEDGER_COLUMNS.map((c) => line.values[c.key]) }]
        : [],
    );
  };

  for (const [name, scope] of Object.entries(scopes)) {
    it(`台账 (${name}) prints on A4 landscape, on the pages the file sets, with every cell whole in its row`, () => {
      const pdf = converted.pdf[`${name}.xlsx`]!;
      const pages = pdfWords(pdf);
      expect(pages.length).toBe(ledgers[name]!.pages);
      for (const p of pages) expect([Math.round(p.width), Math.round(p.height)]).toEqual([842, 595]);
      const problems = checkPrintedRows(pages, sheetGeometry(ledgers[name]!.bytes), rowsOf(scope));
      expect(problems).toEqual([]);
      // Text at 10 pt (not shrunk): CJK word boxes are about 1.3 × the font size tall.
      const heights = pages.flatMap((p) => p.words.filter((w) => /^[\u4e00-\u9fff]+$/.test(w.text)).map((w) => w.yMax - w.yMin));
      const typical = heights.sort((a, b) => a - b)[Math.floor(heights.length / 2)]!;
      expect(typical / 1.3).toBeGreaterThanOrEqual(9);
      // Header and footer on every page.
      for (const [i, p] of pages.entries()) {
        const text = p.words.map((w) => w.text).join('');
        expect(text).toContain(`第${i + 1}页共${pages.length}页`);
        expect(text).toContain('导出日期：2024年12月20日');
      }
    });
  }

  it('台账 of seed 002: all 63 tasks, section rows never last on a page', () => {
    // Each task's row (all its cells whole) was checked above; here: all 63 of them are there.
    expect(ledgers['ledger-all']!.taskRows).toBe(63);
    expect(rowsOf({ kind: 'all' }).map((r) => r.cells[1])).toEqual(data.tasks.map((t) => t.content));
    const pdf = converted.pdf['ledger-all.xlsx']!;
    // The last line of every page but the last is a task's text, not a section heading.
    const pages = pdfWords(pdf);
    const sections = new Set(data.sections.map((s) => compact(s.title)));
    for (const page of pages.slice(0, -1)) {
      const body = page.words.filter((w) => w.yMax < page.height - 60);
      const lowest = body.reduce((a, b) => (b.yMax > a.yMax ? b : a));
      const line = body.filter((w) => Math.abs(w.yMin - lowest.yMin) < 3).map((w) => w.text).join('');
      expect(sections.has(compact(line))).toBe(false);
    }
  });

  it('the check itself catches a row too short for its text', () => {
    const pages = pdfWords(converted.pdf['ledger-squeezed.xlsx']!);
    const geometry = sheetGeometry(squeezed);
    expect(geometry.heights.get(LEDGER_HEADER_ROW + 2)).toBe(15);
    const problems = checkPrintedRows(pages, geometry, rowsOf({ kind: 'all' }).slice(0, 1));
    expect(problems.length).toBeGreaterThan(0);
  });

  it('督办通报: A4 portrait text with a landscape 附件, every task in the table, body at 3号 (16 pt), title at 2号 (22 pt)', () => {
    const pdf = converted.pdf['notice.docx']!;
    const pages = pdfWords(pdf);
    expect(pages.length).toBeGreaterThan(3);
    expect([Math.round(pages[0]!.width), Math.round(pages[0]!.height)]).toEqual([595, 842]);
    expect([Math.round(pages.at(-1)!.width), Math.round(pages.at(-1)!.height)]).toEqual([842, 595]);
    const text = pdfCompactText(pdf);
    // The 具体内容 column of the 附件 table (landscape pages, 25 mm margin): every task's full text, in plan order.
    const mm = 72 / 25.4;
    const total = NOTICE_TABLE_COLUMNS.reduce((a, c) => a + c.weight, 0);
    const x0 = 25 * mm + ((297 - 50) * mm * NOTICE_TABLE_COLUMNS[0].weight) / total;
    const x1 = x0 + ((297 - 50) * mm * NOTICE_TABLE_COLUMNS[1].weight) / total;
    const contentColumn = compact(columnText(pages, x0, x1, (p) => p.width > p.height));
    let at = 0;
    for (const task of data.tasks) {
      const found = contentColumn.indexOf(compact(task.content), at);
      expect(found, `第${task.number}项`).toBeGreaterThanOrEqual(0);
      at = found;
    }
    expect(text).toContain('中府办〔2022〕36号');
    expect(text).toContain('2024年12月20日');
    expect(withoutData(text).match(/.{0,20}[A-Za-z]+.{0,10}/g)).toBeNull();
    // Word heights ≈ 1.3 × font size: the title line is 22 pt, the body 16 pt.
    const first = pages[0]!.words;
    const title = first.find((w) => w.text.includes('督办通报'))!;
    expect((title.yMax - title.yMin) / 1.3).toBeCloseTo(22, -0.5);
    const body = first.find((w) => w.text.startsWith('根据'))!;
    expect((body.yMax - body.yMin) / 1.3).toBeCloseTo(16, -0.5);
    // Page numbers "— N —": odd pages on the right, even pages on the left.
    const number = (p: (typeof pages)[number], n: number) => p.words.find((w) => w.text === String(n) && w.yMin > p.height - 90);
    expect(number(pages[0]!, 1)!.xMin).toBeGreaterThan(pages[0]!.width / 2);
    expect(number(pages[1]!, 2)!.xMax).toBeLessThan(pages[1]!.width / 2);
  });

  it('催办通知单: the overdue tasks of the unit, the body at 16 pt, and the 回执 on its own page', () => {
    const pdf = converted.pdf['urge.docx']!;
    const text = pdfCompactText(pdf);
    const standings = computeStandings(base);
    const overdue = data.tasks.filter((t) => t.lead.includes(market) && standings.get(t.id)!.overdue);
    expect(overdue.length).toBeGreaterThan(0);
    for (const t of overdue) expect(text).toContain(compact(t.content));
    const pages = pdfWords(pdf);
    expect(pages.at(-1)!.words.map((w) => w.text).join('')).toContain('回执');
    expect(pdfPageCount(pdf)).toBe(pages.length);
    const body = pages[0]!.words.find((w) => w.text.startsWith('根据'))!;
    expect((body.yMax - body.yMin) / 1.3).toBeCloseTo(16, -0.5);
    expect(withoutData(text)).not.toMatch(/[A-Za-z]/);
  });

  it('填报表: opens and prints on A4 landscape with its instructions and the unit’s tasks', () => {
    const pdf = converted.pdf['form.xlsx']!;
    const pages = pdfWords(pdf);
    expect(pages.length).toBeGreaterThan(0);
    for (const p of pages) expect([Math.round(p.width), Math.round(p.height)]).toEqual([842, 595]);
    const text = pdfCompactText(pdf);
    expect(text).toContain('填表说明');
    expect(text).toContain('填报单位：市卫生健康局');
    // The hidden task identifiers and the hidden sheet do not print.
    expect(text).not.toMatch(/task_[0-9a-f]{8}/);
    expect(text).not.toContain('任务分解台账填报表');
  });

  it('进展情况报告: every task of the unit with its own progress for the period', () => {
    const pdf = converted.pdf['unit-report.docx']!;
    const text = pdfCompactText(pdf);
    const mine = data.tasks.filter((t) => [...t.lead, ...t.support, ...t.implement].includes(health));
    expect(mine.length).toBeGreaterThan(0);
    for (const t of mine) expect(text).toContain(compact(t.content));
    for (const r of data.reports.filter((r) => r.unitId === health && r.period === PAPER_PERIOD)) expect(text).toContain(compact(r.progress));
    expect(text).toContain('市卫生健康局关于2024年第四季度');
    expect(withoutData(text)).not.toMatch(/[A-Za-z]/);
  });
});

