import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { e2eAvailable, openOffice, type Office } from './browser';
import { identityRow, SCREENSHOT_DIR, SEED_002, seedDatabase } from './seed';
import { exportAll, importFiles, ownFingerprint } from './syncSteps';

const SUPERVISOR = '市市场监管局';
const DEPARTMENT = '市卫生健康局';
const RENAMED = '市卫生健康委员会';

/** Open a screen from the menu once toast messages (which may cover it) are gone. */
async function go(page: Page, screen: string) {
  await page.mouse.move(5, 700);
  await page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
  await page.getByRole('menuitem', { name: screen }).click();
}

async function shot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.mouse.move(5, 700);
  await page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
  await page.screenshot({ path: join(SCREENSHOT_DIR, name) });
}

async function pasteSeed(page: Page, text: string) {
  await go(page, '导入文件');
  await page.getByLabel('粘贴文件文字').fill(text);
  await page.getByRole('button', { name: '识别粘贴的文字' }).click();
  await page.getByTestId('draft-task-count').filter({ hasText: '共 63 项任务' }).waitFor();
  await page.getByRole('button', { name: /保存为计划/ }).click();
}

/** Pick unit names in one of the task form's unit fields: a known unit by typing and Enter, a new one by its own option. */
async function addUnits(page: Page, label: string, names: string[], opts: { create?: boolean } = {}) {
  const field = page.getByRole('dialog').getByLabel(label, { exact: true });
  for (const name of names) {
    await field.fill(name);
    if (opts.create) {
      // The last option says 新增单位「…」: move to it with the keyboard (the list above it may hold suggestions).
      const items = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
      await items.filter({ hasText: `新增单位「${name}」` }).waitFor();
      for (let i = (await items.count()) - 1; i > 0; i--) await field.press('ArrowDown');
    }
    await field.press('Enter');
    await page.getByRole('dialog').getByTestId(`unit-select-${label}`).getByText(name, { exact: true }).waitFor();
  }
  // Close the list by clicking the dialog's title (Escape would close the dialog).
  await page.getByRole('dialog').locator('.ant-modal-title').click();
}

const row = (page: Page, number: string) => page.getByTestId('plan-edit-tasks').locator(`tr[data-number="${number}"]`);

describe.skipIf(!e2eAvailable())('maintaining a saved plan (Chromium)', () => {
  // One long story on two PCs (about two minutes on a quiet machine).
  it('edits units and deadline, adds and deletes tasks, renames a unit, archives; a re-import keeps the hand edits; the department PC sees it all', { timeout: 360_000 }, async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const folder = mkdtempSync(join(tmpdir(), 'taizhang-usb-'));
    const offices: Office[] = [];
    const text = readFileSync(SEED_002, 'utf8');
    try {
      const sup = await openOffice({ downloadsDir: folder });
      offices.push(sup);
      const { page } = sup;
      await page.setViewportSize({ width: 1366, height: 768 });
      await page.getByText('还没有任何计划').waitFor();
      await seedDatabase(page, { meta: identityRow(SUPERVISOR, 'supervisor') });
      await pasteSeed(page, text);
      await page.getByText('已保存计划').waitFor();

      // The plan list shows period, task count and state; open the maintenance screen.
      await go(page, '计划');
      const facts = await page.getByTestId('plan-facts').first().textContent();
      // Seed 002 names no dated deadline: the period is open-ended until a deadline is set.
      expect(facts).toContain('2022-12-07 起');
      expect(facts).toContain('63 项任务');
      await page.getByTestId('plan-state').filter({ hasText: '进行中' }).waitFor();
      await shot(page, 'plans.png');
      await page.getByRole('button', { name: '维护计划' }).click();
      await page.getByTestId('plan-edit-title').waitFor();

      // Edit task 1: a second lead unit and a deadline. A deadline before the plan's date is refused in the form.
      await row(page, '1').getByRole('button', { name: '编辑第1项' }).click();
      const dialog = page.getByRole('dialog');
      await addUnits(page, '牵头单位', [DEPARTMENT]);
      await dialog.getByLabel('完成时限').fill('2022年6月底前');
      await dialog.getByRole('button', { name: '保存' }).click();
      await dialog.getByRole('alert').filter({ hasText: '完成时限不能早于计划印发日期（2022-06-30 早于 2022-12-07）' }).waitFor();
      await dialog.getByLabel('完成时限').fill('2025年6月底前');
      await expect.poll(() => dialog.getByLabel('截止日期').inputValue()).toBe('2025-06-30');
      await shot(page, 'plan-edit-task-form.png');
      await dialog.getByRole('button', { name: '保存' }).click();
      await page.getByText('已保存第 1 项任务').waitFor();
      await row(page, '1').filter({ hasText: `${SUPERVISOR}、${DEPARTMENT}` }).waitFor();
      expect(await row(page, '1').textContent()).toContain('2025-06-30');

      // Empty content is refused, nothing written.
      await row(page, '2').getByRole('button', { name: '编辑第2项' }).click();
      await dialog.getByLabel('具体内容').fill('  ');
      await dialog.getByRole('button', { name: '保存' }).click();
      await dialog.getByRole('alert').filter({ hasText: '任务内容不能为空' }).waitFor();
      await dialog.getByRole('button', { name: '取消' }).click();

      // Add a task (a later meeting) and delete one.
      await page.getByRole('button', { name: '添加任务' }).click();
      await dialog.getByLabel('序号').fill('64');
      await dialog.getByLabel('具体内容').fill('建立药品安全联席会议季度会商制度，每季度通报一次工作进展。');
      await addUnits(page, '牵头单位', [DEPARTMENT]);
      await addUnits(page, '配合单位', ['市数据局'], { create: true });
      await dialog.getByTestId('new-unit-names').filter({ hasText: '将新建单位：市数据局' }).waitFor();
      await dialog.getByLabel('完成时限').fill('2024年12月底前');
      await dialog.getByRole('button', { name: '保存' }).click();
      await page.getByText('已添加第 64 项任务').waitFor();
      await row(page, '63').getByRole('button', { name: '删除第63项' }).click();
      await page.locator('.ant-popconfirm').getByRole('button', { name: '删除' }).click();
      await page.getByText('已删除第 63 项任务').waitFor();
      await row(page, '63').waitFor({ state: 'detached' });
      await page.getByRole('tab', { name: '已删除的任务' }).click();
      await page.getByTestId('deleted-tasks').getByText('第 63 项').waitFor();
      await shot(page, 'plan-edit-deleted.png');

      // Rename a unit (机构改革): every task follows, the old name stays as an alias.
      await page.getByRole('tab', { name: '单位' }).click();
      await page.getByRole('button', { name: `重命名${DEPARTMENT}` }).click();
      const newName = page.getByRole('dialog').getByLabel('新名称');
      await expect.poll(() => newName.inputValue()).toBe(DEPARTMENT); // the dialog has its initial value
      await newName.fill('、');
      await expect.poll(() => newName.inputValue()).toBe('、');
      await page.getByRole('dialog').getByRole('button', { name: '保存' }).click();
      await page.getByRole('dialog').getByRole('alert').filter({ hasText: '不是单位名称（只有标点符号）' }).waitFor();
      await page.getByRole('dialog').getByLabel('新名称').fill(RENAMED);
      await page.getByRole('dialog').getByRole('button', { name: '保存' }).click();
      await page.getByText(`已将「${DEPARTMENT}」更名为「${RENAMED}」`).waitFor();
      const unitRow = page.getByTestId('plan-edit-units').locator(`tr[data-unit="${RENAMED}"]`);
      expect(await unitRow.textContent()).toContain(DEPARTMENT);
      await shot(page, 'plan-edit-units.png');
      // Merge a unit into another (a short name or a typo): the dialog closes once merged, the name becomes an alias.
      await page.getByRole('button', { name: '合并市数据局' }).click();
      await page.getByRole('dialog').getByLabel('合并到').click();
      await page.locator('.ant-select-dropdown:visible').getByTitle('市公安局', { exact: true }).click();
      await page.getByRole('dialog').getByRole('button', { name: '合并' }).click();
      await page.getByText('已将「市数据局」合并到「市公安局」').waitFor();
      await page.getByRole('dialog').waitFor({ state: 'hidden' });
      expect(await page.getByTestId('plan-edit-units').locator('tr[data-unit="市数据局"]').count()).toBe(0);
      expect(await page.getByTestId('plan-edit-units').locator('tr[data-unit="市公安局"]').textContent()).toContain('市数据局');
      await page.getByRole('tab', { name: /^任务/ }).click();
      await row(page, '1').filter({ hasText: RENAMED }).waitFor();
      await shot(page, 'plan-edit.png');

      // The same document imported again: the hand edits are kept, nothing is proposed to undo them.
      await go(page, '导入文件');
      await page.getByLabel('粘贴文件文字').fill(text);
      await page.getByRole('button', { name: '识别粘贴的文字' }).click();
      await page.getByTestId('draft-task-count').filter({ hasText: '共 63 项任务' }).waitFor();
      await page.getByRole('button', { name: /保存为计划/ }).click();
      const diff = page.getByTestId('plan-diff');
      await diff.waitFor();
      const summary = (await diff.locator('.ant-alert-title').first().textContent()) ?? '';
      expect(summary).toMatch(/^与已导入版本相同（62 项任务无变化，保留手工修改 \d+ 处）$/);
      const kept = (await diff.getByTestId('kept-hand-edits').textContent()) ?? '';
      expect(kept).toContain('第 1 项：牵头单位');
      expect(kept).toContain('第 1 项：完成时限');
      expect(kept).toContain('第 63 项：已手工删除');
      expect(kept).toContain('第 64 项：手工添加的任务');
      expect(await diff.getByText('→（无）').count()).toBe(0);
      await shot(page, 'plan-edit-reimport.png');
      await diff.getByRole('button', { name: '返回核对' }).click();
      await page.getByRole('button', { name: '重新选择文件' }).click();
      await page.getByRole('button', { name: '放弃并继续' }).click();

      // The department PC receives the edited plan by file and sees the edits.
      const planFile = await exportAll(page, folder, '01-plan.tzsync');
      const supFingerprint = await ownFingerprint(page);
      const dept = await openOffice({ downloadsDir: folder });
      offices.push(dept);
      await dept.page.setViewportSize({ width: 1366, height: 768 });
      await dept.page.getByText('还没有任何计划').waitFor();
      await seedDatabase(dept.page, { meta: identityRow(DEPARTMENT, 'department', 'dev_health') });
      const sentence = await importFiles(dept.page, [planFile], supFingerprint);
      expect(sentence).toMatch(/冲突 0 条/);
      await go(dept.page, '任务台账');
      // "我的任务": the office still signs as its old name, an alias of the renamed unit.
      const mine = dept.page.locator('[data-testid="task-row"][data-number="1"]');
      await mine.waitFor();
      expect(await mine.textContent()).toContain(RENAMED);
      await dept.page.locator('[data-testid="task-row"][data-number="64"]').waitFor();
      await dept.page.getByText('全部任务').click();
      await dept.page.getByTestId('task-count').filter({ hasText: '共 63 项' }).waitFor();
      expect(await dept.page.locator('[data-testid="task-row"][data-number="63"]').count()).toBe(0);
      // The department may not edit the plan: the maintenance screen is read-only and says why.
      await go(dept.page, '计划');
      await dept.page.getByRole('button', { name: '维护计划' }).click();
      await dept.page.getByTestId('plan-edit-readonly').filter({ hasText: `计划由「${SUPERVISOR}」下发，只有该单位的督办用户可以修改` }).waitFor();
      expect(await dept.page.getByRole('button', { name: '添加任务' }).isDisabled()).toBe(true);

      // The supervisor archives the plan; on the department PC it becomes read-only (still exportable).
      await go(page, '计划');
      // The deadlines set by hand now close the plan's period (the latest one, task 64's 2024-12-31 is earlier than 2025-06-30).
      expect(await page.getByTestId('plan-facts').first().textContent()).toContain('2022-12-07 至 2025-06-30');
      await page.getByRole('button', { name: '维护计划' }).click();
      await page.getByRole('button', { name: '归档' }).click();
      await page.locator('.ant-modal-confirm').getByRole('button', { name: '归档' }).click();
      await page.getByText('已归档，计划只读（仍可导出）').waitFor();
      await page.getByTestId('plan-edit-readonly').waitFor();
      expect(await page.getByRole('button', { name: '添加任务' }).isDisabled()).toBe(true);
      await shot(page, 'plan-edit-archived.png');
      const archiveFile = await exportAll(page, folder, '02-archived.tzsync');
      await importFiles(dept.page, [archiveFile]);
      await go(dept.page, '计划');
      await dept.page.getByTestId('plan-state').filter({ hasText: '已归档' }).waitFor();
      await go(dept.page, '任务台账');
      await dept.page.getByTestId('archived-banner').waitFor();
      await dept.page.locator('[data-testid="task-row"][data-number="1"]').click();
      await dept.page.getByTestId('light-reasons').waitFor();
      expect(await dept.page.getByTestId('report-form').count()).toBe(0);
      await dept.page.getByTestId('archived-tag').waitFor();
      await dept.page.waitForTimeout(600); // the drawer's slide-in
      await shot(dept.page, 'plan-archived-department.png');
      for (const o of offices) expect(o.consoleErrors.join('\n')).toBe('');
    } catch (e) {
      for (const [i, o] of offices.entries()) await o.page.screenshot({ path: join(SCREENSHOT_DIR, `plan-edit-failed-${i}.png`) }).catch(() => undefined);
      throw e;
    } finally {
      for (const o of offices) await o.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
