import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { e2eAvailable, openOffice } from './browser';
import { expectedPlan002, identityRow, sampleReports, seedDatabase, SCREENSHOT_DIR } from './seed';


describe.skipIf(!e2eAvailable())('main screens (screenshots to look at)', () => {
  it('task table, task drawer, supervisor view', async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const office = await openOffice();
    const { page } = office;
    try {
      await page.getByText('还没有任何计划').waitFor();
      const records = expectedPlan002({ '1': '2023-06-30', '2': '2022-12-31', '5': '2030-12-31' });
      await seedDatabase(page, {
        plans: [records.plan],
        sections: records.sections,
        tasks: records.tasks,
        units: records.units,
        reports: sampleReports(records),
        meta: identityRow('市市场监管局', 'supervisor'),
      });
      await page.getByRole('menuitem', { name: '任务台账' }).click();
      await page.getByTestId('task-row').first().waitFor();
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'tasks-mine.png') });
      await page.getByText('全部任务').click();
      await page.getByTestId('task-group').first().waitFor();
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'tasks-all.png') });
      await page.getByTestId('task-row').first().click();
      await page.getByTestId('report-form').waitFor();
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'task-drawer.png') });
      await page.keyboard.press('Escape');
      await page.getByRole('menuitem', { name: '督办视图' }).click();
      await page.getByTestId('lead-unit-table').waitFor();
      await page.getByTestId('chart-status').locator('canvas').waitFor();
      await page.waitForTimeout(800); // chart animation
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'supervisor.png'), fullPage: true });
      await page.getByRole('menuitem', { name: '设置' }).click();
      await page.getByRole('button', { name: '保存计划设置' }).waitFor();
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'settings.png') });
      expect(office.consoleErrors.join('\n')).toBe('');
    } finally {
      await office.close();
    }
  });
});
