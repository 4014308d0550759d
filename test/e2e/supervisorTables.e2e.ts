/**
 * The 督办视图's two tables (components/FigureTable.tsx) with more lead units than a page holds: the pager, sorting
 * by a column, and the report matrix's rows on a later page (worked out when first shown) opening as many tasks as
 * they say.
 */
import { describe, expect, it } from 'vitest';
import { unitId, type Unit } from '../../shared/model';
import { e2eAvailable, openOffice } from './browser';
import { expectedPlan002, identityRow, sampleReports, seedDatabase } from './seed';

describe.skipIf(!e2eAvailable())('督办视图 tables with many lead units', () => {
  it('pages, sorts, and every matrix cell of a later page opens as many tasks as it says', async () => {
    const office = await openOffice();
    const { page } = office;
    await page.setViewportSize({ width: 1366, height: 768 });
    try {
      await page.getByText('还没有任何计划').waitFor();
      const records = expectedPlan002({ '1': '2023-06-30', '2': '2022-12-31' });
      // 36 lead units: task i is led by unit i % 36 (so some lead two tasks, most one).
      const first = records.units[0]!;
      const extra: Unit[] = Array.from({ length: 36 }, (_, i) => ({ ...first, id: unitId(`第${i + 1}测试局`), name: `第${String(i + 1).padStart(2, '0')}测试局`, aliases: [] }));
      const tasks = records.tasks.map((t, i) => ({ ...t, lead: [extra[i % 36]!.id] }));
      const plan = { ...records, tasks };
      await seedDatabase(page, {
        plans: [records.plan],
        sections: records.sections,
        tasks,
        units: [...records.units, ...extra],
        reports: sampleReports(plan),
        meta: identityRow('市市场监管局', 'supervisor'),
      });
      await page.getByRole('menuitem', { name: '督办视图' }).click();
      const leadTable = page.getByTestId('lead-unit-table');
      const leadPager = leadTable.getByRole('navigation', { name: '分页' });
      const rows = leadTable.locator('tbody tr[data-unit]');
      await rows.first().waitFor();
      expect(await rows.count()).toBe(15);
      // Three pages of 15: the third holds the last 6.
      await leadPager.getByRole('button', { name: '3', exact: true }).click();
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="lead-unit-table"] tbody tr[data-unit]').length === 6);
      expect(await leadPager.getByRole('button', { name: '下一页' }).isDisabled()).toBe(true);
      await leadPager.getByRole('button', { name: '上一页' }).click();
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="lead-unit-table"] tbody tr[data-unit]').length === 15);

      // Sorting by 牵头任务: ascending, then descending (the units leading two tasks first).
      const header = leadTable.locator('th', { hasText: '牵头任务' });
      await header.click();
      await header.click();
      expect(await header.getAttribute('aria-sort')).toBe('descending');
      // From the keyboard too: the header is a tab stop; Enter sorts it (descending → off → ascending).
      await header.focus();
      await page.keyboard.press('Enter');
      expect(await header.getAttribute('aria-sort')).toBeNull();
      await page.keyboard.press('Enter');
      expect(await header.getAttribute('aria-sort')).toBe('ascending');
      await page.keyboard.press('Enter');
      expect(await header.getAttribute('aria-sort')).toBe('descending');
      await leadPager.getByRole('button', { name: '1', exact: true }).click();
      const led = async () => (await leadTable.getByTestId('cell-led').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-value')))));
      const values = await led();
      expect(values).toEqual([...values].sort((a, b) => b - a));
      expect(values[0]).toBe(2);

      // The matrix: 20 units a page; the second page's cells open as many tasks as they say.
      const matrix = page.getByTestId('report-matrix');
      expect(await matrix.locator('tbody tr').count()).toBe(20);
      await matrix.getByRole('navigation', { name: '分页' }).getByRole('button', { name: '2', exact: true }).click();
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="report-matrix"] tbody tr').length === 16);
      const cell = matrix.locator('[data-testid="matrix-cell"][data-unit="第36测试局"]').last();
      const value = await cell.getAttribute('data-value');
      expect(Number(value)).toBeGreaterThan(0);
      await cell.click();
      await page.getByTestId('task-count').filter({ hasText: `共 ${value} 项` }).waitFor();
      expect(office.consoleErrors.join('\n')).toBe('');
    } finally {
      await office.close();
    }
  });
});
