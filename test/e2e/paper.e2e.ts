/**
 * Paper in the browser: the export dialog (台账 with optional columns, Word documents, a unit's 填报表), then the
 * round trip of a 填报表: filled with exceljs as a unit would (and once re-saved by LibreOffice), imported on the
 * sync screen with its preview, applied, the reports found in the task history; 8 kinds of bad sheets refused with
 * the database unchanged. Screenshots at 1366×768 in .cache/screenshots.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { periodOfDay, isoDayOf } from '../../shared/tracking/dates';
import { formColumn, FORM_META_SHEET_NAME, FORM_ROWS, META_KEYS } from '../../shared/forms/layout';
import { LEDGER_HEADER_ROW } from '../../shared/reports/ledger';
import { unitId } from '../../shared/model';
import { fillForm, rowOfNumber } from '../unit/forms/formFixtures';
import { convertToPdf, officeUnavailable } from '../unit/reports/office';
import { e2eAvailable, openOffice } from './browser';
import { expectedPlan002, identityRow, sampleReports, seedDatabase, SCREENSHOT_DIR } from './seed';

const SUPERVISOR = '市市场监管局';
const UNIT = '市卫生健康局';

async function count(page: Page, table: string): Promise<number> {
  return page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('taizhang');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const n = await new Promise<number>((resolve, reject) => {
      const req = db.transaction(name).objectStore(name).count();
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    db.close();
    return n;
  }, table);
}

/** Wait until no CSS animation or transition is running (dialogs and drawers finished sliding in). */
async function settled(page: Page) {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
}

async function go(page: Page, screen: string) {
  await page.mouse.move(5, 760);
  await page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
  await page.getByRole('menuitem', { name: screen }).click();
}

async function exportOnce(page: Page, dir: string, name: string, choose: () => Promise<void>): Promise<string> {
  await go(page, '任务台账');
  await page.getByRole('button', { name: /导出台账/ }).click();
  await page.getByRole('dialog').getByText('导出内容').or(page.getByRole('dialog').locator('.ant-radio-button-wrapper').first()).first().waitFor();
  await choose();
  const download = page.waitForEvent('download');
  await page.getByRole('dialog').getByRole('button', { name: '导出', exact: true }).click();
  const path = join(dir, name);
  await (await download).saveAs(path);
  await page.getByRole('dialog').waitFor({ state: 'hidden' });
  return path;
}

async function pickForms(page: Page, files: string[]) {
  await go(page, '文件同步');
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: '选择填报表…' }).click();
  await (await chooser).setFiles(files);
  await page.getByRole('button', { name: /^导入填报表（/ }).waitFor();
}

describe.skipIf(!e2eAvailable())('paper: exports and the 填报表 round trip (Chromium)', () => {
  it('exports the 台账, a 通报 and a 填报表, imports the filled sheet with its preview, refuses bad sheets', async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const dir = mkdtempSync(join(tmpdir(), 'taizhang-paper-'));
    const office = await openOffice({ downloadsDir: dir });
    const { page } = office;
    await page.setViewportSize({ width: 1366, height: 768 });
    const records = expectedPlan002({ '1': '2023-06-30', '5': '2026-09-30', '12': '2027-06-30' });
    const reports = sampleReports(records);
    const period = periodOfDay(isoDayOf(new Date()), 'quarter');
    const health = unitId(UNIT);
    try {
      await page.getByText('还没有任何计划').waitFor();
      await seedDatabase(page, {
        plans: [records.plan],
        sections: records.sections,
        tasks: records.tasks,
        units: records.units,
        reports,
        meta: identityRow(SUPERVISOR, 'supervisor'),
      });
      await go(page, '任务台账');
      await page.getByTestId('task-row').first().waitFor();

      // The 台账 without the 灯 column.
      const ledgerPath = await exportOnce(page, dir, 'ledger.xlsx', async () => {
        await settled(page);
        await page.screenshot({ path: join(SCREENSHOT_DIR, 'export-dialog-ledger.png') });
        await page.getByRole('dialog').getByRole('checkbox', { name: '灯' }).uncheck();
      });
      const ledger = new ExcelJS.Workbook();
      await ledger.xlsx.load(readFileSync(ledgerPath) as unknown as ArrayBuffer);
      const header = (ledger.worksheets[0]!.getRow(LEDGER_HEADER_ROW).values as unknown[]).slice(1);
      expect(header).toContain('存在问题');
      expect(header).not.toContain('灯');

      // The 督办通报 for the current period.
      const noticePath = await exportOnce(page, dir, 'notice.docx', async () => {
        await page.getByRole('dialog').locator('.ant-radio-button-wrapper', { hasText: '督办通报（Word）' }).click();
        await settled(page);
        await page.screenshot({ path: join(SCREENSHOT_DIR, 'export-dialog-notice.png') });
      });
      const notice = strFromU8(unzipSync(new Uint8Array(readFileSync(noticePath)))['word/document.xml']!);
      expect(notice).toContain('督办通报');
      expect(notice).toContain('中府办〔2022〕36号');

      // The 填报表 of 市卫生健康局 for the current period.
      const formPath = await exportOnce(page, dir, 'form.xlsx', async () => {
        await page.getByRole('dialog').locator('.ant-radio-button-wrapper', { hasText: '填报表（Excel）' }).click();
        await page.getByRole('dialog').getByLabel('导出单位').click();
        await page.keyboard.type(UNIT);
        await page.locator('.ant-select-dropdown:visible').getByTitle(UNIT, { exact: true }).click();
        await page.screenshot({ path: join(SCREENSHOT_DIR, 'export-dialog-form.png') });
      });
      const form = new Uint8Array(readFileSync(formPath));

      // The unit fills it in (as Excel would save it).
      const theirs = records.tasks.filter((t) => t.support.includes(health) && !reports.some((r) => r.taskId === t.id && r.unitId === health && r.period === period));
      const [a, b] = theirs;
      const filled = await fillForm(
        form,
        {
          [a!.number]: { status: '推进中', progress: '已牵头召开联席会议，明确分工。', percent: 50 },
          [b!.number]: { status: '已完成', progress: '已全面完成并通过验收。', problems: '无', nextSteps: '巩固成果', percent: 100 },
        },
        { author: '卫健局 陈七' },
      );
      const filledPath = join(dir, '市卫生健康局-填好.xlsx');
      writeFileSync(filledPath, filled);

      // Import: preview, then apply.
      const before = await count(page, 'reports');
      await pickForms(page, [filledPath]);
      const sentence = await page.getByTestId('form-sentence').textContent();
      expect(sentence).toContain(`${UNIT} `);
      expect(sentence).toContain('新增 2 条');
      await page.getByTestId('form-rows').waitFor();
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'form-import-preview.png'), fullPage: true });
      await page.getByRole('button', { name: '导入填报表（1 个文件，2 条进展）' }).click();
      await page.getByText('填报表导入完成：1 个文件，写入 2 条进展').waitFor();
      expect(await count(page, 'reports')).toBe(before + 2);

      // The reports are there, marked as entered from a 填报表.
      await go(page, '任务台账');
      await page.getByLabel('搜索任务').fill(b!.content.slice(0, 14));
      await page.locator(`[data-testid="task-row"][data-number="${b!.number}"]`).click();
      const history = page.getByTestId('task-history');
      await history.getByText('已全面完成并通过验收。').waitFor();
      await history.getByTestId('from-form').first().waitFor();
      expect(await history.getByTestId('from-form').first().textContent()).toBe(`由${SUPERVISOR}据填报表录入`);
      await settled(page);
      await history.scrollIntoViewIfNeeded();
      await history.screenshot({ path: join(SCREENSHOT_DIR, 'form-import-history.png') });
      await page.locator('.ant-drawer-close').click();
      await page.locator('.ant-drawer-content').waitFor({ state: 'hidden' });

      // The same sheet re-saved by LibreOffice reads the same: nothing new to import.
      const noOffice = officeUnavailable();
      if (noOffice) console.warn(`\n⚠ 跳过 LibreOffice 另存的填报表：${noOffice}\n`);
      else {
        const resaved = convertToPdf({ 'resaved.xlsx': filled }, 'xlsx:Calc MS Excel 2007 XML');
        try {
          const path = join(dir, 'LibreOffice另存.xlsx');
          writeFileSync(path, readFileSync(resaved.pdf['resaved.xlsx']!));
          await pickForms(page, [path]);
          const text = await page.getByTestId('form-sentence').textContent();
          expect(text).toContain('无变化');
          expect(text).not.toContain('新增');
          expect(await page.getByRole('button', { name: /^导入填报表（/ }).isDisabled()).toBe(true);
          await page.getByRole('button', { name: '取消' }).click();
        } finally {
          resaved.cleanup();
        }
      }

      // Eight kinds of bad sheets, all at once: each refused (or its rows 有误), nothing written.
      const row = await rowOfNumber(form, theirs[2]!.number);
      const fill = { [theirs[2]!.number]: { status: '推进中', progress: '进展' } };
      const bad: Record<string, Uint8Array> = {
        '1-行被移动.xlsx': await fillForm(form, fill, {
          edit: (ws) => {
            const v = ws.getRow(row).values;
            ws.getRow(row).values = ws.getRow(row + 1).values as ExcelJS.CellValue[];
            ws.getRow(row + 1).values = v as ExcelJS.CellValue[];
          },
        }),
        '2-行被删除.xlsx': await fillForm(form, fill, { edit: (ws) => ws.spliceRows(row + 1, 1) }),
        '3-锁定内容被改.xlsx': await fillForm(form, fill, { edit: (ws) => (ws.getCell(row, formColumn('content')).value = '被改动的任务内容') }),
        '4-合并单元格.xlsx': await fillForm(form, fill, { edit: (ws) => ws.mergeCells(row, formColumn('progress'), row, formColumn('nextSteps')) }),
        '5-其他单位标识.xlsx': await fillForm(form, fill, { edit: (_ws, wb) => (wb.getWorksheet(FORM_META_SHEET_NAME)!.getCell(META_KEYS.indexOf('单位') + 1, 2).value = unitId(SUPERVISOR)) }),
        '6-状态不在列表.xlsx': await fillForm(form, { [theirs[2]!.number]: { status: '基本完成', progress: '进展' } }),
        '7-文字过长.xlsx': await fillForm(form, { [theirs[2]!.number]: { status: '推进中', progress: '长'.repeat(5001) } }),
        '8-含公式.xlsx': await fillForm(form, fill, { edit: (ws) => (ws.getCell(row, formColumn('problems')).value = { formula: 'B6', result: 'x' }) }),
      };
      const paths = Object.entries(bad).map(([name, bytes]) => {
        const path = join(dir, name);
        writeFileSync(path, bytes);
        return path;
      });
      const reportsBefore = await count(page, 'reports');
      await pickForms(page, paths);
      const refused = await page.getByTestId('form-refused').allTextContents();
      const wrong = page.getByTestId('form-preview').filter({ hasText: '有误，暂不导入' });
      expect(refused.length + (await wrong.count())).toBe(8);
      for (const text of refused) expect(text).toMatch(/第 \d+ 行|隐藏标识/);
      expect(refused.join('\n')).toContain(`第 ${row} 行：行被移动`);
      expect(refused.join('\n')).toContain(`第 ${row + 1} 行：行被删除`);
      expect(refused.join('\n')).toContain('锁定的任务信息（具体内容）被修改');
      expect(refused.join('\n')).toContain('有合并单元格');
      expect(refused.join('\n')).toContain('含有公式');
      expect(await wrong.count()).toBe(2);
      expect(await page.getByRole('button', { name: /^导入填报表（/ }).isDisabled()).toBe(true);
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'form-import-refused.png'), fullPage: true });
      expect(await count(page, 'reports')).toBe(reportsBefore);
      expect(FORM_ROWS.firstTask).toBeGreaterThan(0);
      expect(office.consoleErrors.join('\n')).toBe('');
    } finally {
      await office.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
