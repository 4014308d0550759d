/**
 * A filled 填报表 re-saved by LibreOffice (its own XML: shared strings, different styles and cell order) as .xlsx
 * and in the old .xls format reads back exactly as the file the unit saved. Skipped with the reason when LibreOffice
 * is missing (CI installs it and fails without it).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitId } from '../../../shared/model';
import { buildFormXlsx } from '../../../shared/forms/formSheet';
import { checkFilledForm, type FormCheck } from '../../../shared/forms/formCheck';
import { readWorkbookCells } from '../../../shared/forms/workbookCells';
import { convertToPdf, officeUnavailable } from '../reports/office';
import { PAPER_PERIOD, PAPER_TODAY, seed002WithReports } from '../reports/paperFixtures';
import { fillForm } from './formFixtures';

const unavailable = officeUnavailable();
if (unavailable) {
  if (process.env.CI || process.env.TAIZHANG_REQUIRE_OFFICE) throw new Error(`CI must run the office-suite tests: ${unavailable}`);
  console.warn(`\n⚠ 跳过 LibreOffice 另存检查：${unavailable}\n`);
}

const data = seed002WithReports();
const health = unitId('市卫生健康局');
const check = (bytes: Uint8Array) => checkFilledForm(readWorkbookCells(bytes), (id) => (id === data.plan.id ? data : null), PAPER_TODAY);
const summary = (c: FormCheck) => ({ refusal: c.refusal, counts: c.counts, rows: c.rows.map((r) => [r.row, r.kind, r.input?.progress ?? '', r.input?.percent ?? null, r.input?.author ?? '']) });

describe.skipIf(unavailable !== null)('填报表 re-saved by LibreOffice', () => {
  let filled: Uint8Array;
  const resaved: Record<string, Uint8Array> = {};
  const cleanups: (() => void)[] = [];

  beforeAll(async () => {
    const form = await buildFormXlsx({ ...data, unitId: health, period: PAPER_PERIOD, today: PAPER_TODAY });
    const open = data.tasks.filter((t) => t.support.includes(health));
    filled = await fillForm(
      form.bytes,
      {
        [open[0]!.number]: { status: '推进中', progress: '已完成调研，形成初步方案。\n下一步征求意见。', percent: 40 },
        [open[1]!.number]: { status: '已完成', progress: '已全面完成（100%）。', problems: '无', nextSteps: '巩固成果', percent: 100 },
      },
      { author: '李四' },
    );
    for (const format of ['xlsx:Calc MS Excel 2007 XML', 'xls:MS Excel 97']) {
      const out = convertToPdf({ 'filled.xlsx': filled }, format);
      cleanups.push(out.cleanup);
      resaved[format.split(':')[0]!] = new Uint8Array(readFileSync(out.pdf['filled.xlsx']!));
    }
  }, 240_000);
  afterAll(() => cleanups.forEach((c) => c()));

  it('reads the LibreOffice .xlsx as the original', () => {
    expect(resaved.xlsx![0]).toBe(0x50);
    expect(summary(check(resaved.xlsx!))).toEqual(summary(check(filled)));
    expect(check(filled).counts.new).toBe(2);
  });

  it('reads the old-format .xls as the original', () => {
    expect(resaved.xls![0]).toBe(0xd0);
    expect(summary(check(resaved.xls!))).toEqual(summary(check(filled)));
  });
});
