import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { LEDGER_HEADERS, LEDGER_HEADER_ROW } from '../../shared/reports/ledger';
import type { ParsedTask } from '../../shared/parser/types';
import { e2eAvailable, openOffice } from './browser';
import { EXPECTED_002, SEED_002 } from './seed';

const OFFICE = '市卫生健康局';

/** Row counts of the app's IndexedDB tables (to prove that a refused input wrote nothing). */
async function counts(page: Page, tables: string[]): Promise<Record<string, number>> {
  return page.evaluate(async (names) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('taizhang');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const out: Record<string, number> = {};
    for (const name of names) {
      out[name] = await new Promise<number>((resolve, reject) => {
        const req = db.transaction(name).objectStore(name).count();
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
    }
    db.close();
    return out;
  }, tables);
}

async function pickFiles(page: Page, button: string, files: string[]) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: button }).click();
  await (await chooser).setFiles(files);
}

async function closeDrawer(page: Page) {
  await page.locator('.ant-drawer-close').click();
  await page.locator('.ant-drawer-content').waitFor({ state: 'hidden' });
}

async function chooseOption(page: Page, label: string, option: string) {
  await page.getByLabel(label, { exact: true }).click();
  await page.locator('.ant-select-dropdown:visible').getByTitle(option, { exact: true }).click();
}

describe.skipIf(!e2eAvailable())('import → office → my tasks → report → supervisor → ledger (Chromium)', () => {
  it('runs the whole workflow through the UI and reads the exported .xlsx back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'taizhang-flow-'));
    const office = await openOffice({ downloadsDir: dir });
    const { page } = office;
    const expected = JSON.parse(readFileSync(EXPECTED_002, 'utf8')) as { tasks: ParsedTask[]; date: string };
    const mine = expected.tasks.filter((t) => [...t.lead, ...t.support, ...t.implement].includes(OFFICE));
    const leads = mine.filter((t) => t.lead.includes(OFFICE));
    const target = leads[0]!;
    try {
      // 1. Import seed 002 from the file dialog.
      await page.getByText('还没有任何计划').waitFor();
      await page.getByRole('button', { name: '导入文件' }).click();
      await pickFiles(page, '选择文件…', [SEED_002]);
      await page.getByTestId('draft-task-count').filter({ hasText: '共 63 项任务' }).waitFor();
      expect(await page.getByLabel('计划名称').inputValue()).toBe('中山市全面加强药品监管能力建设若干措施');

      // A deadline before the plan's date is refused, and nothing is saved.
      const firstRow = page.getByTestId('review-row').first();
      await firstRow.getByLabel('完成时限').fill('2020-01-01');
      await firstRow.getByLabel('完成时限').press('Enter');
      await page.getByRole('button', { name: /保存为计划/ }).click();
      await page.getByRole('alert').filter({ hasText: '完成时限不能早于计划印发日期' }).waitFor();
      expect(await counts(page, ['plans', 'tasks'])).toEqual({ plans: 0, tasks: 0 });
      await firstRow.getByLabel('完成时限').fill('2030-06-30');
      await firstRow.getByLabel('完成时限').press('Enter');

      // 2. Save: first run asks which office this PC belongs to (from the plan's units).
      await page.getByRole('button', { name: /保存为计划/ }).click();
      await page.locator('#identity-office').fill(OFFICE);
      await page.getByText('部门填报（本单位填写进展）').click();
      await page.getByRole('button', { name: '确定并保存计划' }).click();
      await page.getByText('已保存计划').waitFor();
      expect(await counts(page, ['plans', 'tasks'])).toEqual({ plans: 1, tasks: 63 });

      // 3. 我的任务: the office's tasks, grouped by its role.
      await page.getByTestId('identity-tag').filter({ hasText: OFFICE }).waitFor();
      await page.getByTestId('task-count').filter({ hasText: `共 ${mine.length} 项` }).waitFor();
      const groups = await page.getByTestId('task-group').allTextContents();
      expect(groups[0]).toContain(`本单位牵头的任务${leads.length} 项`);
      expect(groups.join('|')).toContain('本单位配合的任务');

      // 4. A progress report: bad input first (no status, empty and oversized attachments), nothing saved.
      await page.locator(`[data-testid="task-row"][data-number="${target.number}"]`).click();
      const form = page.getByTestId('report-form');
      await form.waitFor();
      await form.getByRole('button', { name: '提交进展' }).click();
      await page.getByRole('alert').filter({ hasText: '请选择状态' }).waitFor();
      const empty = join(dir, '空文件.pdf');
      writeFileSync(empty, new Uint8Array(0));
      await pickFiles(page, '添加佐证材料…', [empty]);
      await page.getByRole('alert').filter({ hasText: '是空文件' }).waitFor();
      const big = join(dir, '超大扫描件.pdf');
      writeFileSync(big, new Uint8Array(21 * 1024 * 1024));
      await pickFiles(page, '添加佐证材料…', [big]);
      await page.getByRole('alert').filter({ hasText: '超过 20 MB' }).waitFor();
      expect(await form.getByTestId('attachment-item').count()).toBe(0);
      expect(await counts(page, ['reports', 'blobs'])).toEqual({ reports: 0, blobs: 0 });

      const evidence = join(dir, '会议纪要.pdf');
      writeFileSync(evidence, '%PDF-1.4 会议纪要 佐证材料');
      await pickFiles(page, '添加佐证材料…', [evidence]);
      await form.getByTestId('attachment-item').filter({ hasText: '会议纪要.pdf' }).waitFor();
      await pickFiles(page, '添加佐证材料…', [evidence]); // the same file again is not added twice
      await page.getByText('已添加过').waitFor();
      expect(await form.getByTestId('attachment-item').count()).toBe(1);
      await chooseOption(page, '状态', '已完成');
      const progress = '已印发实施方案，完成全部建设任务。';
      await form.getByLabel('进展情况').fill(progress);
      await form.getByRole('button', { name: '提交进展' }).click();
      await page.getByText(`已保存「${OFFICE}」`).waitFor();
      expect(await counts(page, ['reports', 'blobs'])).toEqual({ reports: 1, blobs: 1 });
      // The table behind the drawer shows it at once (the saved report patches its row; nothing is re-read).
      await page.locator(`[data-testid="task-row"][data-number="${target.number}"]`).filter({ hasText: progress }).waitFor();

      // 5. Reload: the report and its attachment are there.
      await page.reload();
      await page.getByRole('menuitem', { name: '任务台账' }).click();
      const row = page.locator(`[data-testid="task-row"][data-number="${target.number}"]`);
      await row.filter({ hasText: progress }).waitFor();
      await row.click();
      const history = page.getByTestId('task-history');
      await history.getByText(progress).first().waitFor();
      expect(await history.getByRole('button', { name: /会议纪要\.pdf/ }).count()).toBe(1);
      await closeDrawer(page);

      // 6. As supervisor: confirm (销号).
      await page.getByRole('menuitem', { name: '设置' }).click();
      await page.getByText('督办（导入文件、检查各单位进展）').click();
      await page.getByRole('button', { name: '保存本机设置' }).click();
      // Changing what this PC is is asked once more (what it signs and which plans it may change follow it).
      await page.locator('.ant-modal-confirm').filter({ hasText: '改为' }).getByRole('button', { name: '确定更改' }).click();
      await page.getByTestId('identity-tag').filter({ hasText: '督办' }).waitFor();
      await page.getByRole('menuitem', { name: '任务台账' }).click();
      await page.getByText('我的任务').click(); // a supervisor PC starts on 全部任务
      await page.locator(`[data-testid="task-row"][data-number="${target.number}"]`).click();
      const actions = page.getByTestId('supervisor-actions');
      // 退回 without a reason is refused and records nothing.
      await actions.locator('.ant-segmented-item').filter({ hasText: '退回' }).click();
      await actions.getByRole('button', { name: '退回', exact: true }).click();
      await page.getByRole('alert').filter({ hasText: '请填写退回原因' }).waitFor();
      expect(await counts(page, ['actions'])).toEqual({ actions: 0 });
      await actions.locator('.ant-segmented-item').filter({ hasText: '销号' }).click();
      await actions.getByRole('button', { name: '销号' }).click();
      await page.locator('.ant-popconfirm').getByRole('button', { name: '销号' }).click();
      await page.getByText('已销号').first().waitFor();
      expect(await counts(page, ['actions'])).toEqual({ actions: 1 });
      await closeDrawer(page);

      // 7. Export the whole plan's 台账 and read the .xlsx back.
      await page.getByRole('button', { name: '导出台账' }).click();
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: '导出', exact: true }).click();
      const file = join(dir, 'ledger.xlsx');
      await (await download).saveAs(file);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      const header = (ws.getRow(LEDGER_HEADER_ROW).values as unknown[]).slice(1);
      expect(header).toEqual([...LEDGER_HEADERS]);
      const col = (name: (typeof LEDGER_HEADERS)[number]) => LEDGER_HEADERS.indexOf(name) + 1;
      const taskRows: ExcelJS.Row[] = [];
      ws.eachRow((r, n) => {
        if (n > LEDGER_HEADER_ROW && r.getCell(col('具体内容')).value && !r.getCell(1).isMerged) taskRows.push(r);
      });
      expect(taskRows).toHaveLength(63);
      const exported = taskRows.find((r) => String(r.getCell(col('序号')).value) === target.number)!;
      expect(exported.getCell(col('具体内容')).value).toBe(target.content);
      expect(String(exported.getCell(col('牵头单位')).value)).toContain(OFFICE);
      expect(exported.getCell(col('状态')).value).toBe('已完成（已销号）');
      expect(exported.getCell(col('最新进展')).value).toBe(progress);

      // One unit's 台账: only the tasks where it leads, supports or implements.
      await page.getByRole('button', { name: '导出台账' }).click();
      await page.getByText('一个单位的任务').click();
      const unitDownload = page.waitForEvent('download');
      await page.getByRole('button', { name: '导出', exact: true }).click();
      const unitFile = join(dir, 'ledger-unit.xlsx');
      await (await unitDownload).saveAs(unitFile);
      const unitWb = new ExcelJS.Workbook();
      await unitWb.xlsx.load(readFileSync(unitFile) as unknown as ArrayBuffer);
      let unitRows = 0;
      unitWb.worksheets[0]!.eachRow((r, n) => {
        if (n > LEDGER_HEADER_ROW && r.getCell(col('具体内容')).value && !r.getCell(1).isMerged) unitRows++;
      });
      expect(unitRows).toBe(mine.length);
      expect(office.consoleErrors.join('\n')).toBe('');
    } finally {
      await office.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
