import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { e2eAvailable, openOffice } from './browser';
import { expectedPlan002, identityRow, sampleReports, SCREENSHOT_DIR, seedDatabase } from './seed';

/** The 序号 of the rows the task table highlights as the open task (aria-selected). */
const highlighted = (page: Page) => page.locator('[data-testid="task-row"][aria-selected="true"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-number')));
/** The 序号 of the row the keyboard cursor outlines. */
const cursors = (page: Page) => page.locator('[data-testid="task-row"][data-cursor]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-number')));

/**
 * The task table highlights the open task, or (while the table has the keyboard focus) the keyboard cursor: never a
 * row left over from before (the first row after a click on another, the task of a closed drawer, a row after the
 * filters changed).
 */
describe.skipIf(!e2eAvailable())('task table: the highlighted row is the open task or the keyboard cursor (Chromium)', () => {
  it('click, close, keyboard, filter: no stale highlight', async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const office = await openOffice();
    const { page } = office;
    await page.setViewportSize({ width: 1366, height: 768 });
    try {
      await page.getByText('还没有任何计划').waitFor();
      const records = expectedPlan002();
      await seedDatabase(page, { plans: [records.plan], sections: records.sections, tasks: records.tasks, units: records.units, reports: sampleReports(records), meta: identityRow('市市场监管局', 'supervisor') });
      await page.getByRole('menuitem', { name: '任务台账' }).click();
      await page.getByText('全部任务').click();
      const row = (n: string) => page.locator(`[data-testid="task-row"][data-number="${n}"]`);
      await row('3').waitFor();
      const drawer = page.locator('.ant-drawer-section');
      expect(await highlighted(page)).toEqual([]);

      // A click opens the task: that row, and only it, is highlighted (not the first row as well), and no cursor shows.
      await row('3').click();
      await drawer.getByText('第 3 项任务').waitFor();
      expect(await highlighted(page)).toEqual(['3']);
      expect(await cursors(page)).toEqual([]);
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'task-table-open-row-1366.png') });
      // 编辑任务 from the drawer opens the task's form, filled (mounted when opened), and cancels back to the drawer.
      await drawer.getByRole('button', { name: '编辑任务' }).click();
      const form = page.getByTestId('task-edit-form');
      await form.waitFor();
      await expect.poll(() => form.getByLabel('序号').inputValue()).toBe('3');
      await page.locator('.ant-modal').getByRole('button', { name: '取消' }).click();
      await form.waitFor({ state: 'detached' });
      expect(await highlighted(page)).toEqual(['3']);
      // Closed: nothing is highlighted.
      await page.locator('.ant-drawer-close').click();
      await drawer.waitFor({ state: 'hidden' });
      expect(await highlighted(page)).toEqual([]);
      expect(await cursors(page)).toEqual([]);
      // Another row: the highlight moves with the open task; closed with Esc, nothing is highlighted (at most the
      // keyboard cursor outlines the row just closed).
      await row('5').click();
      await drawer.getByText('第 5 项任务').waitFor();
      expect(await highlighted(page)).toEqual(['5']);
      await page.keyboard.press('Escape');
      await drawer.waitFor({ state: 'hidden' });
      expect(await highlighted(page)).toEqual([]);
      expect(['5']).toEqual(expect.arrayContaining(await cursors(page)));

      // From the keyboard: Tab from the search box into the table; the cursor is on the row last opened; ↓ moves it,
      // Enter opens the row under it.
      const search = page.getByPlaceholder(/搜索/);
      const tabIntoTable = async () => {
        await search.click();
        for (let i = 0; i < 20 && !(await page.evaluate(() => document.activeElement?.getAttribute('data-testid') === 'task-table')); i++) await page.keyboard.press('Tab');
      };
      await tabIntoTable();
      expect(await cursors(page)).toEqual(['5']);
      expect(await highlighted(page)).toEqual([]);
      await page.keyboard.press('ArrowDown');
      const next = await cursors(page);
      expect(next).toHaveLength(1);
      expect(next).not.toEqual(['5']);
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'task-table-keyboard-cursor-1366.png') });
      await page.keyboard.press('Enter');
      await drawer.getByText(`第 ${next[0]} 项任务`).waitFor();
      expect(await highlighted(page)).toEqual(next);
      await page.keyboard.press('Escape');
      await drawer.waitFor({ state: 'hidden' });
      expect(await highlighted(page)).toEqual([]);

      // The filters change the rows: with the focus in the search box, no row is highlighted or outlined, before or after.
      await search.click();
      expect(await highlighted(page)).toEqual([]);
      expect(await cursors(page)).toEqual([]);
      await search.fill('药品');
      await page.getByTestId('task-count').filter({ hasText: /共 \d+ 项/ }).waitFor();
      await page.waitForTimeout(300);
      expect(await highlighted(page)).toEqual([]);
      expect(await cursors(page)).toEqual([]);
      // A filter that takes the cursor's row away drops the cursor: back in the table, it starts on the first row shown.
      await search.fill('不会出现在任何任务中的文字');
      await page.getByTestId('task-count').filter({ hasText: '共 0 项' }).waitFor();
      await search.fill('');
      await row('1').waitFor();
      expect(await cursors(page)).toEqual([]);
      await tabIntoTable();
      const first = await page.getByTestId('task-row').first().getAttribute('data-number');
      expect(await cursors(page)).toEqual([first]);
      expect(await highlighted(page)).toEqual([]);
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'task-table-after-filter-1366.png') });
      expect(office.consoleErrors.join('\n')).toBe('');
    } finally {
      await office.close();
    }
  });
});
