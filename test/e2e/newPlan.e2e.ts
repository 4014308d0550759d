import { describe, expect, it } from 'vitest';
import { e2eAvailable, openOffice } from './browser';

describe.skipIf(!e2eAvailable())('first screen (web twin in Chromium)', () => {
  it('shows the empty state, refuses an empty title, saves a plan that survives a reload', async () => {
    const office = await openOffice();
    const { page } = office;
    try {
      await expect(page.getByText('还没有任何计划')).toBeDefined();
      await page.getByText('还没有任何计划').waitFor();
      await page.getByRole('button', { name: '新建计划' }).click();

      await page.getByRole('button', { name: '保存计划' }).click();
      await page.getByRole('alert').filter({ hasText: '请填写计划名称' }).waitFor();

      await page.getByLabel('计划名称').fill('中山市全面加强药品监管能力建设若干措施');
      await page.getByLabel('文号').fill('中府办〔2022〕36号');
      await page.getByLabel('第一项任务的具体内容').fill('建立健全分级分类监管机制');
      await page.getByLabel('牵头单位').fill('市市场监管局');
      await page.getByRole('button', { name: '保存计划' }).click();
      await page.getByText('已保存计划').waitFor();

      await page.reload();
      const list = page.getByTestId('plan-list');
      await list.getByText('中山市全面加强药品监管能力建设若干措施').waitFor();
      expect(await list.textContent()).toContain('1 项任务');

      // Chinese renders with a CJK font, not tofu: the title's glyphs have real width.
      const width = await page.getByText('任务分解台账').first().evaluate((el) => el.getBoundingClientRect().width);
      expect(width).toBeGreaterThan(60);
      expect(office.consoleErrors.join("\n")).toBe("");
    } finally {
      await office.close();
    }
  });
});
