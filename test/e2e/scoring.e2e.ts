import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { e2eAvailable, openOffice, type Office } from './browser';
import { expectedPlan002, identityRow, sampleReports, SCREENSHOT_DIR, seedDatabase } from './seed';
import { settle } from './syncSteps';

/** 考核 of seed 002 with reports over the four quarters of 2025: ranking, why, discretionary points, scheme, exports. */
const shot = async (page: Page, name: string) => {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.waitForTimeout(500); // let drawers, dialogs and toggles finish their animation
  await page.screenshot({ path: join(SCREENSHOT_DIR, name) });
};

/** The ranking table as [unit, total] pairs. */
async function ranking(page: Page): Promise<[string, number][]> {
  const rows = page.getByTestId('score-table').locator('tbody tr.ant-table-row');
  return rows.evaluateAll((trs) =>
    trs.map((tr) => {
      const tds = tr.querySelectorAll('td');
      return [tds[1]!.textContent ?? '', Number(tds[tds.length - 1]!.textContent)] as [string, number];
    }),
  );
}

describe.skipIf(!e2eAvailable())('考核 of seed 002 (Chromium)', () => {
  it('ranks the lead units, explains each score, applies discretionary points and the scheme, and exports', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'taizhang-scoring-'));
    let office: Office | null = null;
    try {
      office = await openOffice({ downloadsDir: dir });
      const { page } = office;
      await page.setViewportSize({ width: 1366, height: 768 });
      const deadlines: Record<string, string> = {};
      ['1', '2', '3', '5', '8', '13', '21', '34'].forEach((n, i) => (deadlines[n] = `2025-${String(i + 3).padStart(2, '0')}-28`));
      const records = expectedPlan002(deadlines);
      const reports = sampleReports(records, ['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4']);
      await page.getByText('还没有任何计划').waitFor();
      await seedDatabase(page, { plans: [records.plan], sections: records.sections, tasks: records.tasks, units: records.units, reports, meta: identityRow('市市场监管局', 'supervisor', 'seed') });
      await page.getByRole('menuitem', { name: '考核' }).click();
      await page.getByLabel('考核年度').click();
      await page.locator('.ant-select-dropdown:visible').getByTitle('2025年', { exact: true }).click();
      await page.getByTestId('score-table').locator('tbody tr.ant-table-row').first().waitFor();
      const before = await ranking(page);
      expect(before.length).toBeGreaterThanOrEqual(5);
      await shot(page, 'scoring-ranking.png');

      // Why: the reporting item's count equals its ✓ and ✗ lines.
      const [unit] = before[0]!;
      await page.getByTestId('score-table').getByText(unit, { exact: true }).click();
      const detail = page.getByTestId('score-detail');
      await detail.waitFor();
      const card = detail.locator('.ant-card').filter({ hasText: '按时报送率' }).first();
      const note = (await card.locator('.ant-card-extra').textContent())!;
      const lines = await card.locator('.ant-card-body > div').allTextContents();
      const credit = lines.filter((l) => l.startsWith('✓')).length;
      const counted = lines.filter((l) => !l.startsWith('—')).length;
      expect(note).toMatch(new RegExp(`^${credit}/${counted}，`));
      await shot(page, 'scoring-detail.png');
      await page.locator('.ant-drawer-close').click();
      await settle(page);

      // 酌情加减分: a non-numeric value is refused (nothing written); +3 with a reason moves the unit's total by 3.
      await page.getByTestId('open-adjustments').click();
      const form = page.getByTestId('adjustment-form');
      // The whole of 2025: the points go to this quarter, or (2025 past) to its last quarter, never to its first by default.
      const thisQuarter = `2025年第${'一二三四'[Math.floor(new Date().getMonth() / 3)]}季度`;
      const expectedPeriod = new Date().getFullYear() > 2025 ? '2025年第四季度' : thisQuarter;
      expect(await form.getByLabel('计入期次').locator('xpath=ancestor::div[contains(@class,"ant-select")][1]').textContent()).toContain(expectedPeriod);
      await form.getByLabel('加减分单位').click();
      await page.locator('.ant-select-dropdown:visible').getByTitle(unit, { exact: true }).click();
      await form.getByLabel('分值').fill('三分');
      await form.getByLabel('理由').fill('经验做法被省局推广');
      await page.getByTestId('adjustment-submit').click();
      await page.getByRole('alert').filter({ hasText: '加减分应为' }).waitFor();
      // Beyond the scheme's cap (±10): said before recording.
      await form.getByLabel('分值').fill('-15');
      await page.getByTestId('adjustment-over-cap').filter({ hasText: '合计不超过 ±10 分' }).waitFor();
      await form.getByLabel('分值').fill('3');
      await page.getByTestId('adjustment-over-cap').waitFor({ state: 'detached' });
      await page.getByTestId('adjustment-submit').click();
      await page.getByText('已记录 1 条').waitFor();
      await shot(page, 'scoring-adjustment.png');
      await page.getByRole('dialog').locator('.ant-modal-close').click();
      await settle(page);
      await expect.poll(async () => (await ranking(page)).find(([n]) => n === unit)![1]).toBe(Math.min(before[0]![1] + 3, before[0]![1] + 10));

      // The scheme: 按时报送率 worth 50 instead of 40 for 2025.
      await page.getByTestId('edit-scheme').click();
      const scheme = page.getByTestId('scheme-editor');
      await scheme.getByLabel('按时报送率分值').fill('50');
      await page.getByRole('button', { name: '保存方案' }).click();
      await page.getByText('2025年度考核方案已保存').waitFor();
      await page.getByTestId('score-table').locator('thead').getByText('按时报送率（50）').waitFor();
      await shot(page, 'scoring-scheme-applied.png');

      // Exports: the .xlsx ranking holds the screen's rows; the 考核通报 downloads as Word.
      const shown = await ranking(page);
      const xlsx = page.waitForEvent('download');
      await page.getByTestId('export-scores').click();
      const xd = await xlsx;
      const xpath = join(dir, xd.suggestedFilename());
      await xd.saveAs(xpath);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(xpath);
      const ws = wb.getWorksheet('考核排名')!;
      const fromFile: [string, number][] = shown.map((_, i) => [String(ws.getRow(4 + i).getCell(2).value), Number(ws.getRow(4 + i).getCell(ws.getRow(3).cellCount).value)]);
      expect(fromFile).toEqual(shown);
      const docx = page.waitForEvent('download');
      await page.getByTestId('export-bulletin').click();
      expect((await docx).suggestedFilename()).toBe('2025年度考核通报.docx');

      // A quarter.
      await page.getByTestId('score-window').locator('.ant-segmented-item').filter({ hasText: '三季度' }).click();
      await page.getByText('2025年第三季度考核').waitFor();
      await shot(page, 'scoring-quarter.png');
      expect(office.consoleErrors).toEqual([]);
    } catch (e) {
      if (office) await shot(office.page, 'scoring-failure.png').catch(() => undefined);
      throw e;
    } finally {
      await office?.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
