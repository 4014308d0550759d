import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { e2eAvailable, openOffice } from './browser';
import { identityRow, seedDatabase } from './seed';

/** Issue 9 §2 in the browser: the plan saved is the plan shown, and what survives a reload. */
const SEED_003 = join(process.cwd(), 'test/fixtures/seeds/003_70cbbc2fef030ab2.txt');
const SEED_004 = join(process.cwd(), 'test/fixtures/seeds/004_5640e9487ec9f814.txt');
const TITLE_003 = '2023年焦作市药品监管工作要点';
const TITLE_004 = '重庆市开州区全面加强药品监管能力建设若干措施';

async function pickFile(page: Page, file: string) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: '选择文件…' }).click();
  await (await chooser).setFiles([file]);
}

async function importAndSave(page: Page, file: string, tasks: number) {
  await page.getByRole('menuitem', { name: '导入文件' }).click();
  await pickFile(page, file);
  await page.getByTestId('draft-task-count').filter({ hasText: `共 ${tasks} 项任务` }).waitFor();
  await page.getByRole('button', { name: /保存为计划/ }).click();
}

/** The title the task table shows, once its rows are there. */
async function shownPlanTitle(page: Page): Promise<string> {
  await page.getByTestId('task-row').first().waitFor();
  return (await page.locator('h5').first().textContent()) ?? '';
}

describe.skipIf(!e2eAvailable())('the plan saved is the plan shown (Chromium)', () => {
  it('import seed 003, save, then seed 004, save: the screen shows 004; plan and screen survive a reload', async () => {
    const office = await openOffice();
    const { page } = office;
    try {
      await page.getByText('还没有任何计划').waitFor();
      await seedDatabase(page, { meta: identityRow('市市场监管局', 'supervisor') });
      await importAndSave(page, SEED_003, 15);
      await page.getByText(`已保存计划「${TITLE_003}」`).waitFor();
      expect(await shownPlanTitle(page)).toBe(TITLE_003);

      await importAndSave(page, SEED_004, 62);
      await page.getByText(`已保存计划「${TITLE_004}」`).waitFor();
      expect(await shownPlanTitle(page)).toBe(TITLE_004);
      await page.waitForTimeout(500); // the live plan list catches up: the selection must stay on 004
      expect(await shownPlanTitle(page)).toBe(TITLE_004);
      expect(await page.getByLabel('当前计划').locator('..').textContent()).toContain(TITLE_004);

      // Reload: the same plan on the same screen.
      await page.getByRole('menuitem', { name: '督办视图' }).click();
      await page.getByTestId('supervisor-view').waitFor();
      await page.reload();
      await page.getByTestId('supervisor-view').waitFor();
      expect(await page.locator('[data-testid="supervisor-view"] h5').first().textContent()).toBe(TITLE_004);
      expect(office.consoleErrors.join('\n')).toBe('');
    } finally {
      await office.close();
    }
  });
});
