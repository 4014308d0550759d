import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { e2eAvailable, openOffice } from './browser';

const FILES = join(process.cwd(), 'test/fixtures/files');

async function importFile(page: Page, file: string) {
  await page.getByRole('menuitem', { name: '导入文件' }).click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: '选择文件…' }).click();
  await (await chooser).setFiles(join(FILES, file));
}

/** Leave the review (kept across reloads since issue 9) by discarding it, as a user would. */
async function discardReview(page: Page) {
  await page.getByRole('button', { name: '重新选择文件' }).click();
  await page.getByRole('button', { name: '放弃并继续' }).click();
}

/** The same readers that pass in Node must work inside the browser bundle (pdf.js, zip, OLE). */
describe.skipIf(!e2eAvailable())('importing real Office and PDF files in the browser (Chromium)', () => {
  it('reads the .pdf, .doc and .xlsx fixtures into their task tables, with pdf.js resources served locally', async () => {
    const office = await openOffice();
    const { page } = office;
    try {
      await page.getByText('还没有任何计划').waitFor();
      // pdf.js character maps and fonts ship with the build, on the app's own origin.
      const served = await page.evaluate(async () => {
        const urls = ['./pdfjs/cmaps/UniGB-UCS2-H.bcmap', './pdfjs/standard_fonts/FoxitSans.pfb'];
        return Promise.all(urls.map(async (u) => (await fetch(u)).status));
      });
      expect(served).toEqual([200, 200]);

      await importFile(page, '002_full.pdf');
      await page.getByTestId('draft-task-count').filter({ hasText: '共 63 项任务' }).waitFor();
      expect(await page.getByLabel('计划名称').inputValue()).toBe('中山市全面加强药品监管能力建设若干措施');

      await discardReview(page);
      await importFile(page, '004_full.doc');
      await page.getByTestId('draft-task-count').filter({ hasText: '共 62 项任务' }).waitFor();

      await discardReview(page);
      await importFile(page, '002_table.xlsx');
      await page.getByTestId('draft-task-count').filter({ hasText: '共 63 项任务' }).waitFor();
      expect(office.consoleErrors.join('\n')).toBe('');
    } finally {
      await office.close();
    }
  });
});
