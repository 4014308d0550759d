import { join } from 'node:path';
import { mkdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { e2eAvailable, openOffice } from './browser';
import { identityRow, reviseSeed002, SEED_002, seedDatabase, SCREENSHOT_DIR } from './seed';

describe.skipIf(!e2eAvailable())('import review and re-import of a revised document (Chromium)', () => {
  it('pastes seed 002, saves it, then shows what a revised version changes and applies only what the supervisor accepts', async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const office = await openOffice();
    const { page } = office;
    const text = readFileSync(SEED_002, 'utf8');
    try {
      await page.getByText('还没有任何计划').waitFor();
      await seedDatabase(page, { meta: identityRow('市市场监管局', 'supervisor') });
      await page.getByRole('menuitem', { name: '导入文件' }).click();

      // Empty paste is refused with a message, nothing parsed.
      await page.getByLabel('粘贴文件文字').fill(text);
      await page.getByRole('button', { name: '识别粘贴的文字' }).click();
      await page.getByTestId('draft-task-count').filter({ hasText: '共 63 项任务' }).waitFor();
      // A warning links to its row.
      const warnings = page.getByTestId('import-warning');
      if (await warnings.count()) {
        const link = warnings.first().getByRole('button', { name: /^第 .+ 项$/ }).first();
        if (await link.count()) await link.click();
      }
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'import-review.png') });
      await page.getByRole('button', { name: /保存为计划/ }).click();
      await page.getByText('已保存计划').waitFor();

      // The revised version: task 1 reworded, task 3 reassigned; the supervisor also drops task 63 in review.
      await page.getByRole('menuitem', { name: '导入文件' }).click();
      await page.getByLabel('粘贴文件文字').fill(reviseSeed002(text));
      await page.getByRole('button', { name: '识别粘贴的文字' }).click();
      await page.getByTestId('draft-task-count').filter({ hasText: '共 63 项任务' }).waitFor();
      const table = page.getByTestId('review-table');
      await table.evaluate((el) => el.scrollTo(0, el.scrollHeight));
      await page.getByRole('button', { name: '删除第63项' }).click();
      await page.getByTestId('draft-task-count').filter({ hasText: '共 62 项任务' }).waitFor();
      await page.getByRole('button', { name: /保存为计划/ }).click();

      const diff = page.getByTestId('plan-diff');
      await diff.waitFor();
      const summary = await diff.locator('.ant-alert-title').textContent();
      expect(summary).toContain('删除 1 项');
      expect(summary).toContain('内容修改 1 项');
      expect(summary).toContain('责任单位调整 1 项');
      await diff.getByText('市卫生健康局').first().waitFor();
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'import-diff.png'), fullPage: true });
      // Keep task 3's old lead; accept the removal of task 63 (removals are off by default).
      await diff.getByLabel('采用第3项的变化').uncheck();
      await diff.getByLabel('采用第63项的变化').check();
      await diff.getByRole('button', { name: '按勾选更新计划' }).click();
      await page.getByText('已更新计划').waitFor();

      await page.getByText('全部任务').click();
      await page.getByTestId('task-count').filter({ hasText: '共 62 项' }).waitFor();
      const row = (n: string) => page.locator(`[data-testid="task-row"][data-number="${n}"]`);
      expect(await row('1').textContent()).toContain('建立健全分级分类监管制度,以风险为导向');
      expect(await row('3').locator('[role="gridcell"]').nth(2).textContent()).toBe('市市场监管局');
      expect(office.consoleErrors.join('\n')).toBe('');
    } finally {
      await office.close();
    }
  });

  it('opens a document dropped anywhere on the window, and refuses a file it cannot read', async () => {
    const office = await openOffice();
    const { page } = office;
    const drop = (name: string, text: string) =>
      page.evaluate(
        ({ name, text }) => {
          const dt = new DataTransfer();
          dt.items.add(new File([text], name, { type: 'text/plain' }));
          document.body.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
          document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
        },
        { name, text },
      );
    try {
      await page.getByText('还没有任何计划').waitFor();
      await drop('setup.exe', 'MZ');
      await page.getByRole('alert').filter({ hasText: '不支持「setup.exe」这种文件' }).waitFor();
      await drop('空白.txt', '');
      await page.getByRole('alert').filter({ hasText: '文件是空的' }).waitFor();
      await drop('002.txt', readFileSync(SEED_002, 'utf8'));
      await page.getByTestId('draft-task-count').filter({ hasText: '共 63 项任务' }).waitFor();
      expect(office.consoleErrors.join('\n')).toBe('');
    } finally {
      await office.close();
    }
  });
});
