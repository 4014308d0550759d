/**
 * The 诉求事项 and 考核 exports opened in a real office suite, as the 台账 is (test/unit/reports/office.test.ts):
 * LibreOffice converts the three request ledgers, a 签转单, the 考核 workbook and the 考核通报 to PDF in one run, and
 * poppler reads the pages back. Checks: it opens; paper and orientation; the table fits the page width at 100 %;
 * the title; every cell's text whole in its own column (and, for the ledgers, inside its own row); and names, phone
 * numbers, request numbers and dates printed on one line, never broken. First pages go to .cache/screenshots.
 * Without LibreOffice/poppler the tests are skipped with the reason (CI installs them, and fails without them).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitId, type ScoreAdjustment } from '../../../shared/model';
import { buildRequestLedgerXlsx, ledgerCells, ledgerRows, requestLedgerTitle, type RequestLedgerScope } from '../../../shared/requests/ledger';
import { buildRoutingSlipDocx } from '../../../shared/requests/routingSlip';
import { computeScores, type UnitScore } from '../../../shared/scoring/compute';
import { buildScoreBulletinDocx, buildScoresXlsx } from '../../../shared/scoring/exports';
import { DEFAULT_SCORE_ITEMS } from '../../../shared/scoring/scheme';
import { checkPrintedRows, columnText, LO_PT_PER_UNIT, readingOrder, sheetGeometry, type SheetGeometry } from '../reports/ledgerPrintCheck';
import { compact, convertToPdf, officeUnavailable, pdfCompactText, pdfWords, screenshotFirstPage, type PdfPage } from '../reports/office';
import { PAPER_TODAY, seed002WithReports } from '../reports/paperFixtures';
import { busyLedger, plan } from './requestFixtures';

const unavailable = officeUnavailable();
if (unavailable) {
  if (process.env.CI || process.env.TAIZHANG_REQUIRE_OFFICE) throw new Error(`CI must run the office-suite tests: ${unavailable}`);
  console.warn(`\n⚠ 跳过 LibreOffice 检查：${unavailable}\n`);
}

const TODAY = '2024-11-20';
const { requests, events, phones, names } = busyLedger();
const HANDLER = '市药监局医疗器械注册管理处';
const scopes: Record<string, RequestLedgerScope> = {
  'requests-all': { kind: 'all' },
  'requests-office': { kind: 'office', office: '市药审中心' },
  'requests-handler': { kind: 'handler', unitId: unitId(HANDLER), name: HANDLER },
};
const HEADER_ROW = 3;
const MARGIN_PT = 0.4 * 72;

const seed = seed002WithReports();
const adjustment: ScoreAdjustment = {
  id: 'adj_000000000000000000000001',
  stamp: '000001900000000-00000-seed',
  by: seed.plan.owner.office,
  planId: seed.plan.id,
  unitId: seed.units[0]!.id,
  period: '2024-Q3',
  points: 2,
  reason: '主动报送典型经验做法，被省级简报采用（2024-09-15）',
  date: '2024-09-20',
};
const window = { kind: 'year' as const, year: 2024 };
const scores: UnitScore[] = computeScores({ ...seed, adjustments: [adjustment], items: DEFAULT_SCORE_ITEMS, window, today: PAPER_TODAY });
const scoresExport = { plan: seed.plan, window, items: DEFAULT_SCORE_ITEMS, scores, today: PAPER_TODAY };

/** Column edges (points) of a sheet printed at 100 %, centred on the page. */
function edges(geometry: SheetGeometry, pageWidth: number): number[] {
  const total = geometry.widths.reduce((a, b) => a + b, 0) * LO_PT_PER_UNIT;
  const out = [(pageWidth - total) / 2];
  for (const w of geometry.widths) out.push(out[out.length - 1]! + w * LO_PT_PER_UNIT);
  return out;
}

/** Problems: a cell's text not found, whole and in row order, in its own column across the pages. */
function columnsInOrder(pages: PdfPage[], geometry: SheetGeometry, rows: readonly (readonly (string | number)[])[]): string[] {
  const problems: string[] = [];
  const e = edges(geometry, pages[0]!.width);
  for (let c = 0; c < geometry.widths.length; c++) {
    const column = compact(columnText(pages, e[c]!, e[c + 1]!));
    let at = 0;
    rows.forEach((row, r) => {
      const text = compact(String(row[c] ?? ''));
      if (!text) return;
      const found = column.indexOf(text, at);
      if (found < 0) problems.push(`第 ${r + 1} 行第 ${c + 1} 列：「${text}」不在该列中`);
      else at = found + text.length;
    });
  }
  return problems;
}

/** The token printed on one line: some word of the page holds it whole. */
const unbroken = (pages: PdfPage[], token: string) => pages.some((p) => p.words.some((w) => w.text.includes(token)));

/** Words outside the printable width of the page (0.4 in side margins, 2 pt tolerance). */
const outside = (pages: PdfPage[]) => pages.flatMap((p) => p.words.filter((w) => w.xMin < MARGIN_PT - 2 || w.xMax > p.width - MARGIN_PT + 2).map((w) => w.text));

describe.skipIf(unavailable !== null)('request ledgers, 签转单 and 考核 exports opened in LibreOffice', () => {
  const files: Record<string, Uint8Array> = {};
  let converted: ReturnType<typeof convertToPdf>;

  beforeAll(async () => {
    for (const [name, scope] of Object.entries(scopes)) files[`${name}.xlsx`] = await buildRequestLedgerXlsx({ plan, requests, events, today: TODAY, scope });
    const routed = requests.find((r) => r.requester === '欧阳娜娜' && events.some((e) => e.requestId === r.id && e.kind === 'route'))!;
    files['routing-slip.docx'] = await buildRoutingSlipDocx({ request: routed, route: events.find((e) => e.requestId === routed.id && e.kind === 'route')! });
    files['scores.xlsx'] = await buildScoresXlsx(scoresExport);
    files['score-bulletin.docx'] = await buildScoreBulletinDocx(scoresExport);
    // Kept in .cache/exports for a person to open and look at every page.
    mkdirSync(join(process.cwd(), '.cache', 'exports'), { recursive: true });
    for (const [name, bytes] of Object.entries(files)) writeFileSync(join(process.cwd(), '.cache', 'exports', `office-${name}`), bytes);
    converted = convertToPdf(files);
    for (const name of Object.keys(files)) screenshotFirstPage(converted.pdf[name]!, `office-${name.replace(/\.\w+$/, '')}`);
  }, 300_000);
  afterAll(() => converted?.cleanup());

  for (const [name, scope] of Object.entries(scopes)) {
    it(`诉求${name}: one A3 page width at 100 %, title, every cell whole in its row, names and phone numbers unbroken`, () => {
      const pages = pdfWords(converted.pdf[`${name}.xlsx`]!);
      const rows = ledgerRows({ plan, requests, events, today: TODAY, scope });
      expect(rows.length).toBeGreaterThan(scope.kind === 'all' ? 20 : 2);
      for (const p of pages) expect([Math.round(p.width), Math.round(p.height)]).toEqual([1191, 842]);
      const geometry = sheetGeometry(files[`${name}.xlsx`]!);
      const tableWidth = geometry.widths.reduce((a, b) => a + b, 0) * LO_PT_PER_UNIT;
      expect(tableWidth).toBeLessThanOrEqual(pages[0]!.width - 2 * MARGIN_PT);
      expect(outside(pages)).toEqual([]);
      // The title names the requester kinds in the ledger (these hold 区县, 园区 and 企业 requests, some also 其他).
      expect(pdfCompactText(converted.pdf[`${name}.xlsx`]!)).toContain(requestLedgerTitle(rows, scope));
      expect(requestLedgerTitle(rows, scope)).toMatch(/^服务区县、(园区、)?企业(等)?诉求事项/);
      const cells = rows.map((r, i) => ledgerCells(r, i).map(String));
      expect(checkPrintedRows(pages, geometry, cells.map((c, i) => ({ sheetRow: HEADER_ROW + 1 + i, cells: c })))).toEqual([]);
      // Text at 10 pt, not shrunk to fit: CJK word boxes are about 1.3 × the font size tall.
      const heights = pages.flatMap((p) => p.words.filter((w) => /^[\u4e00-\u9fff]+$/.test(w.text)).map((w) => w.yMax - w.yMin)).sort((a, b) => a - b);
      expect(heights[Math.floor(heights.length / 2)]! / 1.3).toBeGreaterThanOrEqual(9);
      for (const r of rows) {
        for (const token of [r.request.contact, r.request.requester, r.number, r.request.receivedOn, r.state.route?.dueDate, r.state.closure?.date]) {
          if (token) expect(unbroken(pages, token), `「${token}」`).toBe(true);
        }
      }
    });
  }

  it('the fuller ledger holds every phone number and name of the fixture', () => {
    const pages = pdfWords(converted.pdf['requests-all.xlsx']!);
    for (const token of [...phones, ...names]) expect(unbroken(pages, token), token).toBe(true);
  });

  it('签转单: one A4 portrait page, the requester and phone number on one line, every field', () => {
    const pdf = converted.pdf['routing-slip.docx']!;
    const pages = pdfWords(pdf);
    expect(pages).toHaveLength(1);
    expect([Math.round(pages[0]!.width), Math.round(pages[0]!.height)]).toEqual([595, 842]);
    const text = pdfCompactText(pdf);
    const request = requests.find((r) => r.requester === '欧阳娜娜')!;
    for (const s of ['区县联络服务事项签转单', request.subject, request.sourceName, compact(request.content), request.office]) expect(text).toContain(compact(s));
    const lines = pages[0]!.words.map((w) => w.text);
    expect(lines.some((w) => w.includes('欧阳娜娜'))).toBe(true);
    expect(lines).toContain(request.contact);
    expect(unbroken(pages, request.receivedOn)).toBe(true);
    expect(outside(pages)).toEqual([]);
  });

  it('考核 workbook: the ranking and the detail each fit an A4 landscape page width, every cell whole in its column', async () => {
    const pdf = converted.pdf['scores.xlsx']!;
    const pages = pdfWords(pdf);
    for (const p of pages) expect([Math.round(p.width), Math.round(p.height)]).toEqual([842, 595]);
    expect(outside(pages)).toEqual([]);
    const text = (p: PdfPage) => readingOrder(p.words);
    // The repeated header row tells the sheets' pages apart.
    const ranking = pages.filter((p) => text(p).includes('名次'));
    const detail = pages.filter((p) => text(p).includes('考核项'));
    expect(ranking.length + detail.length).toBe(pages.length);
    expect(text(ranking[0]!)).toContain('2024年度考核得分排名');
    expect(text(detail[0]!)).toContain('2024年度考核得分明细');
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(files['scores.xlsx']!.buffer as ArrayBuffer);
    const values = (sheet: number) => {
      const ws = wb.worksheets[sheet]!;
      const out: string[][] = [];
      for (let r = HEADER_ROW + 1; r <= ws.rowCount; r++) {
        const row = ws.getRow(r);
        if (row.getCell(1).isMerged) continue; // footnotes
        out.push(Array.from({ length: ws.columnCount }, (_, c) => String(row.getCell(c + 1).value ?? '')));
      }
      return out;
    };
    const rankingRows = values(0);
    expect(rankingRows).toHaveLength(scores.length);
    for (const [pagesOf, sheet] of [
      [ranking, 1],
      [detail, 2],
    ] as const) {
      const geometry = sheetGeometry(files['scores.xlsx']!, sheet);
      expect(geometry.widths.reduce((a, b) => a + b, 0) * LO_PT_PER_UNIT).toBeLessThanOrEqual(842 - 2 * MARGIN_PT);
      expect(columnsInOrder(pagesOf, geometry, values(sheet - 1))).toEqual([]);
    }
    // Unit names and item names on one line (dates inside running text may wrap at a hyphen, as in any sheet).
    for (const s of scores) expect(unbroken(ranking, s.name), s.name).toBe(true);
    for (const line of values(1)) for (const name of line.slice(0, 2)) if (name) expect(unbroken(detail, name), name).toBe(true);
  });

  it('考核通报: A4 portrait, title, every unit in the table, dates written out', () => {
    const pdf = converted.pdf['score-bulletin.docx']!;
    const pages = pdfWords(pdf);
    for (const p of pages) expect([Math.round(p.width), Math.round(p.height)]).toEqual([595, 842]);
    const text = pdfCompactText(pdf);
    expect(text).toContain('工作考核情况的通报');
    for (const s of scores) expect(text).toContain(compact(s.name));
    // Every score of the table on one line ("17.78", never "17." over "78").
    const shown = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/0$/, ''));
    for (const s of scores) for (const n of [s.total, ...s.items.map((i) => i.score)]) expect(unbroken(pages, shown(n)), shown(n)).toBe(true);
    expect(text).toContain('2024年9月15日');
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(outside(pages)).toEqual([]);
  });
});
