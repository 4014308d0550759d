/**
 * Issue 11: user data never takes a screen down. Units named "__proto__" and "constructor" (names the chart
 * library would use as object keys) and one with a right-to-left override lead tasks; 督办视图 still draws its
 * charts and tables, with the names shown as they are (the override removed), and the chart's bars open the
 * right unit's tasks.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { e2eAvailable, openOffice } from './browser';
import { expectedPlan002, identityRow, sampleReports, seedDatabase, SCREENSHOT_DIR } from './seed';

describe.skipIf(!e2eAvailable())('hostile unit names in 督办视图', () => {
  it('draws the supervisor view with units named __proto__ and constructor', async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const office = await openOffice();
    const { page } = office;
    try {
      await page.getByText('还没有任何计划').waitFor();
      const records = expectedPlan002();
      // The units leading most tasks: sure to be among the chart's bars.
      const leads = new Map<string, number>();
      for (const t of records.tasks) for (const u of t.lead) leads.set(u, (leads.get(u) ?? 0) + 1);
      const top = [...leads].sort((a, b) => b[1] - a[1]).map(([id]) => id);
      const renamed = new Map([
        [top[0]!, '__proto__'],
        [top[1]!, 'constructor'],
        [top[2]!, '市\u202e局育教'],
      ]);
      const units = records.units.map((u) => (renamed.has(u.id) ? { ...u, name: renamed.get(u.id)! } : u));
      await seedDatabase(page, {
        plans: [records.plan],
        sections: records.sections,
        tasks: records.tasks,
        units,
        reports: sampleReports(records),
        meta: identityRow('市市场监管局', 'supervisor'),
      });
      await page.setViewportSize({ width: 1366, height: 768 });
      await page.getByRole('menuitem', { name: '督办视图' }).click();
      await page.getByTestId('supervisor-view').waitFor();
      await page.getByTestId('chart-completion').locator('canvas').waitFor();
      await page.getByTestId('chart-status').locator('canvas').waitFor();
      const leadTable = page.getByTestId('lead-unit-table');
      for (const name of ['__proto__', 'constructor']) await leadTable.getByText(name, { exact: true }).first().waitFor();
      expect(await page.getByText('图表无法显示').count()).toBe(0);
      // Hover every bar (the axis tooltip names the unit), then click the longest one: it opens that unit's tasks.
      const box = (await page.getByTestId('chart-completion').boundingBox())!;
      for (let y = box.y + 30; y < box.y + box.height - 10; y += 10) await page.mouse.move(box.x + box.width * 0.3, y);
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.waitForTimeout(800); // chart animation
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'supervisor-hostile-names.png'), fullPage: true });
      expect(office.consoleErrors.join('\n')).toBe('');
    } finally {
      await office.close();
    }
  });
});
