import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, it } from 'vitest';
import { e2eAvailable, openOffice, type Office } from './browser';
import { expectedPlan002, identityRow, sampleReports, seedDatabase } from './seed';

/**
 * Makes the pictures of the in-app help page (renderer/public/help/*.png) from the real screens at 1366×768,
 * scaled to half size. Not a test: run it when the screens change, look at the pictures, commit them:
 *   HELP_PICTURES=1 ./node_modules/.bin/vitest run --config vitest.e2e.config.ts test/e2e/helpPictures.e2e.ts
 */
const OUT = join(process.cwd(), 'renderer', 'public', 'help');

async function picture(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.mouse.move(1300, 750);
  await page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
  const png = await page.screenshot();
  // Scale in the browser (no image tool needed): draw onto a half-size canvas and read it back as PNG.
  const half = await page.evaluate(async (b64) => {
    // (An <img> may load a data: URL under the app's CSP; fetch may not.)
    const el = new Image();
    el.src = `data:image/png;base64,${b64}`;
    await el.decode();
    const img = await createImageBitmap(el);
    const canvas = new OffscreenCanvas(Math.round(img.width / 2), Math.round(img.height / 2));
    const ctx = canvas.getContext('2d')!;
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    const blob = await canvas.convertToBlob({ type: 'image/png' });
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let s = '';
    for (const b of bytes) s += String.fromCharCode(b);
    return btoa(s);
  }, png.toString('base64'));
  writeFileSync(join(OUT, name), Buffer.from(half, 'base64'));
}

describe.skipIf(!e2eAvailable() || !process.env.HELP_PICTURES)('help page pictures (HELP_PICTURES=1)', () => {
  it('import, review, report, supervise, sync', async () => {
    mkdirSync(OUT, { recursive: true });
    const offices: Office[] = [];
    try {
      const sup = await openOffice();
      offices.push(sup);
      await sup.page.setViewportSize({ width: 1366, height: 768 });
      await sup.page.getByText('还没有任何计划').waitFor();
      await seedDatabase(sup.page, { meta: identityRow('市市场监管局', 'supervisor') });
      await sup.page.getByRole('menuitem', { name: '导入文件' }).click();
      await sup.page.getByLabel('粘贴文件文字').waitFor();
      await picture(sup.page, 'import.png');
      // Seed 003 (焦作): its parse has things to check (a unit written two ways, a missing number).
      await sup.page.getByLabel('粘贴文件文字').fill(readFileSync(join(process.cwd(), 'test/fixtures/seeds/003_70cbbc2fef030ab2.txt'), 'utf8'));
      await sup.page.getByRole('button', { name: '识别粘贴的文字' }).click();
      await sup.page.getByTestId('draft-task-count').waitFor();
      await sup.page.getByTestId('import-warning').first().waitFor();
      await picture(sup.page, 'review.png');

      const records = expectedPlan002({ '1': '2023-06-30', '2': '2022-12-31', '5': '2030-12-31' });
      const data = { plans: [records.plan], sections: records.sections, tasks: records.tasks, units: records.units, reports: sampleReports(records) };
      const boss = await openOffice();
      offices.push(boss);
      await boss.page.setViewportSize({ width: 1366, height: 768 });
      await boss.page.getByText('还没有任何计划').waitFor();
      await seedDatabase(boss.page, { ...data, meta: identityRow('市市场监管局', 'supervisor') });
      await boss.page.getByRole('menuitem', { name: '督办视图' }).click();
      await boss.page.getByTestId('lead-unit-table').waitFor();
      await boss.page.getByTestId('chart-status').locator('canvas').waitFor();
      await boss.page.waitForTimeout(800); // chart animation
      await picture(boss.page, 'supervise.png');
      await boss.page.getByRole('menuitem', { name: '文件同步' }).click();
      await boss.page.getByRole('button', { name: '导出全部数据' }).waitFor();
      await picture(boss.page, 'sync.png');

      const dept = await openOffice();
      offices.push(dept);
      await dept.page.setViewportSize({ width: 1366, height: 768 });
      await dept.page.getByText('还没有任何计划').waitFor();
      await seedDatabase(dept.page, { ...data, meta: identityRow('市卫生健康局', 'department', 'dev_health') });
      await dept.page.getByRole('menuitem', { name: '任务台账' }).click();
      await dept.page.getByTestId('task-row').first().click();
      await dept.page.getByTestId('report-form').waitFor();
      await dept.page.waitForTimeout(600); // the drawer's slide-in
      await picture(dept.page, 'report.png');
    } finally {
      for (const o of offices) await o.close();
    }
  });
});
