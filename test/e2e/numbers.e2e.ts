import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { e2eAvailable, openOffice } from './browser';
import { expectedPlan002, identityRow, sampleReports, seedDatabase, SCREENSHOT_DIR } from './seed';
import { randomId, type Action, type PlanRecords, type Report } from '../../shared/model';
import { addDays, isoDayOf, periodOfDay, recentPeriods } from '../../shared/tracking/dates';
import { mkdirSync } from 'node:fs';

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
      // At 1366×768 with the plan picker shown, every screen stays in the menu (none folds into "···").
      await page.setViewportSize({ width: 1366, height: 768 });
      for (const name of ['计划', '导入文件', '任务台账', '督办视图', '诉求事项', '考核', '文件同步', '设置', '帮助']) {
        await expect.poll(() => page.getByRole('menuitem', { name, exact: true }).isVisible(), { timeout: 5000 }).toBe(true);
      }
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'header-plan-picker-1366.png'), clip: { x: 0, y: 0, width: 1366, height: 120 } });
      // At 1,024 × 768 too: the header narrows its parts, and the menu needs no sideways scrolling.
      for (const width of [1024, 1280]) {
        await page.setViewportSize({ width, height: 768 });
        await expect
          .poll(() => page.locator('nav.main-menu').evaluate((nav) => nav.scrollWidth - nav.clientWidth), { timeout: 5000 })
          .toBeLessThanOrEqual(0);
        for (const name of ['计划', '导入文件', '任务台账', '督办视图', '诉求事项', '考核', '文件同步', '设置', '帮助']) {
          expect(await page.getByRole('menuitem', { name, exact: true }).isVisible()).toBe(true);
        }
        expect(await page.getByLabel('当前计划').isVisible()).toBe(true);
        expect(await page.getByTestId('identity-tag').textContent()).toContain('市市场监管局');
        await page.screenshot({ path: join(SCREENSHOT_DIR, `header-plan-picker-${width}.png`), clip: { x: 0, y: 0, width, height: 120 } });
      }
      await page.setViewportSize({ width: 1366, height: 768 });

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

/** A short measures text: (三) has no lead at all, (四) only an implementing unit. */
const NO_LEAD_TEXT = [
  '测试市药品安全工作措施',
  '一、加强药品监管',
  '（一）建立监管协作机制，定期会商重大问题。（市市场监管局牵头，市公安局配合）',
  '（二）开展药品安全专项检查，督促企业落实主体责任。（市市场监管局、市卫生健康局按职责分工负责）',
  '（三）完善药品安全信息公开制度。',
  '（四）加强基层监管队伍建设。（县市场监管局具体落实）',
].join('\n\n');

const reviewRow = (page: Page, number: string) => page.locator(`[data-testid="review-row"][data-number="${number}"]`);

describe.skipIf(!e2eAvailable())('import review at 1366×768 (Chromium)', () => {
  it('counts tasks without a lead as 待核对, picks existing units on Enter, keeps the draft across a reload, asks before discarding', async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const office = await openOffice();
    const { page } = office;
    await page.setViewportSize({ width: 1366, height: 768 });
    try {
      await page.getByText('还没有任何计划').waitFor();
      await seedDatabase(page, { meta: identityRow('市市场监管局', 'supervisor') });
      await page.getByRole('menuitem', { name: '导入文件' }).click();
      await page.getByLabel('粘贴文件文字').fill(NO_LEAD_TEXT);
      await page.getByRole('button', { name: '识别粘贴的文字' }).click();
      const count = page.getByTestId('draft-task-count');
      await count.filter({ hasText: '共 4 项任务' }).waitFor();
      // Two tasks have no lead: 待核对 2 处 (it said 0 before).
      await count.filter({ hasText: '待核对 2 处' }).waitFor();
      await page.getByTestId('no-lead-check').waitFor();

      // Enter on a partial name picks the unit already in the plan.
      const leadField = reviewRow(page, '（三）').getByLabel('牵头单位', { exact: true });
      await leadField.click();
      await page.keyboard.type('市市场');
      await page.locator('.ant-select-dropdown:visible').getByText('市市场监管局', { exact: true }).waitFor();
      await page.keyboard.press('Enter');
      await page.keyboard.press('Escape');
      expect(await reviewRow(page, '（三）').locator('.ant-select-selection-item').allTextContents()).toEqual(['市市场监管局']);
      await count.filter({ hasText: '待核对 1 处' }).waitFor();

      // Sections are editable; the path shows in full.
      const section = reviewRow(page, '（四）').getByLabel('所属部分');
      expect(await section.inputValue()).toBe('一、加强药品监管');
      await section.fill('二、加强队伍建设');
      await reviewRow(page, '（四）').getByLabel('具体内容').fill('加强基层监管队伍建设，充实一线力量。');

      // No sideways scrolling at 1366×768, and unit tags are not cut.
      const overflow = await page.evaluate(() => {
        const table = document.querySelector('[data-testid="review-table"]')!;
        const root = document.documentElement;
        return { page: root.scrollWidth - root.clientWidth, table: table.scrollWidth - table.clientWidth, pageDown: root.scrollHeight - root.clientHeight };
      });
      expect(overflow).toMatchObject({ page: 0, table: 0 });
      expect(overflow.pageDown).toBeLessThanOrEqual(0);
      const tags = await page.locator('[data-testid="review-row"] .ant-select-selection-item').allTextContents();
      expect(tags).toContain('市市场监管局');
      expect(tags).toContain('市卫生健康局');
      await page.getByTestId('draft-task-count').click(); // close any open list
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'import-review-1366.png') });

      // Reload: the review comes back with the edits (kept in IndexedDB).
      await page.waitForTimeout(800);
      await page.reload();
      await count.filter({ hasText: '待核对 1 处' }).waitFor();
      expect(await reviewRow(page, '（四）').getByLabel('具体内容').inputValue()).toBe('加强基层监管队伍建设，充实一线力量。');
      expect(await reviewRow(page, '（四）').getByLabel('所属部分').inputValue()).toBe('二、加强队伍建设');

      // 重新选择文件 asks first; 继续核对 keeps everything.
      await page.getByRole('button', { name: '重新选择文件' }).click();
      await page.locator('.ant-modal-confirm-title').filter({ hasText: '放弃当前的核对结果？' }).waitFor();
      await page.getByRole('button', { name: '继续核对' }).click();
      await page.locator('.ant-modal-confirm-title').waitFor({ state: 'hidden' });
      await count.filter({ hasText: '共 4 项任务' }).waitFor();
      // A file dropped on the window asks too, and an unsupported one leaves the review alone.
      await page.evaluate(() => {
        const dt = new DataTransfer();
        dt.items.add(new File(['MZ'], 'setup.exe'));
        document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
      });
      await page.getByText('不支持「setup.exe」这种文件').waitFor();
      await count.filter({ hasText: '共 4 项任务' }).waitFor();

      // Saving with a task still without a lead asks first (as the warning says); going back saves nothing.
      await page.getByRole('button', { name: /保存为计划/ }).click();
      const ask = page.locator('.ant-modal-confirm').filter({ hasText: '1 项任务还没有牵头单位' });
      await ask.waitFor();
      await page.waitForTimeout(500); // the dialog's opening animation
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'import-no-lead-confirm-1366.png') });
      await ask.getByRole('button', { name: '返回填写' }).click();
      await ask.waitFor({ state: 'hidden' });
      await count.filter({ hasText: '共 4 项任务' }).waitFor();

      // Accept the remaining task without a lead, and save.
      await page.getByRole('button', { name: '已核对：这些任务暂无牵头单位' }).click();
      await count.filter({ hasText: '待核对 0 处' }).waitFor();
      await page.getByRole('button', { name: /保存为计划/ }).click();
      await page.getByText('已保存计划「测试市药品安全工作措施」').waitFor();

      // The supervisor view shows it as 未明确牵头单位, and the click-through shows that task.
      await page.getByRole('menuitem', { name: '督办视图' }).click();
      const noLeadRow = page.locator('[data-testid="lead-unit-table"] tr[data-unit="未明确牵头单位"]');
      await noLeadRow.waitFor();
      expect(await page.getByTestId('fig-no-lead').getAttribute('data-value')).toBe('1');
      await noLeadRow.getByTestId('cell-led').click();
      await page.getByTestId('task-count').filter({ hasText: '共 1 项' }).waitFor();
      expect(await page.getByTestId('task-row').getAttribute('data-number')).toBe('（四）');
      // The draft is gone once saved.
      await page.reload();
      await page.getByRole('menuitem', { name: '导入文件' }).click();
      await page.getByRole('button', { name: '选择文件…' }).waitFor();
      expect(office.consoleErrors.join('\n')).toBe('');
    } finally {
      await office.close();
    }
  });
});

/**
 * Seed 002 with three periods of reports up to today, and for 市卫生健康局: one report sent back, one 催办, one
 * extension answered — relative to the real today, so the screens look the same whenever the test runs.
 */
function trackedPlan002(): { records: PlanRecords; reports: Report[]; actions: Action[]; health: string; today: string } {
  const today = isoDayOf(new Date());
  const records = expectedPlan002({ '1': addDays(today, -200), '2': addDays(today, -20), '5': addDays(today, 400) });
  const cadence = records.plan.cadence;
  const periods = recentPeriods(periodOfDay(today, cadence), cadence, 3).reverse();
  const nowIso = new Date().toISOString();
  const reports = sampleReports(records, periods).map((r) => (r.reportedAt > nowIso ? { ...r, reportedAt: nowIso } : r));
  const health = records.units.find((u) => u.name === '市卫生健康局')!.id;
  const current = periods[periods.length - 1]!;
  const reportedNow = new Set(reports.filter((r) => r.unitId === health && r.period === current).map((r) => r.taskId));
  // Sent back: a task it reported this period; urged: one it has not; the extension: another one.
  const withReport = records.tasks.filter((t) => t.lead.includes(health) && reportedNow.has(t.id));
  const withoutReport = records.tasks.filter((t) => t.lead.includes(health) && !reportedNow.has(t.id));
  const led = [withReport[0]!, withoutReport[0]!, withoutReport[1]!];
  // The report sent back said 已完成: the form must not offer that again as the current status.
  const returnedReport = reports.find((r) => r.unitId === health && r.period === current && r.taskId === led[0]!.id)!;
  Object.assign(returnedReport, { status: 'done', percent: 100 });
  let n = 0;
  const act = (taskIndex: number, kind: Action['kind'], fields: Partial<Action>): Action => ({
    id: randomId('act'),
    stamp: `00000190000${String(n++).padStart(4, '0')}-00000-sup`,
    by: '市市场监管局',
    planId: records.plan.id,
    taskId: led[taskIndex]!.id,
    unitId: health,
    kind,
    text: '',
    date: addDays(today, -3),
    newDeadline: null,
    ...fields,
  });
  const actions = [
    act(0, 'return', { text: '佐证材料不足，请补充会议纪要' }),
    act(1, 'urge', { unitId: null, text: '请于本周五前报送本期进展' }),
    act(2, 'extension-request', { stamp: '000001899990000-00000-dep', by: '市卫生健康局', text: '需等待省级政策出台', newDeadline: addDays(today, 120), date: addDays(today, -10) }),
    act(2, 'extension-approve', { newDeadline: addDays(today, 120), date: addDays(today, -5) }),
  ];
  return { records, reports, actions, health, today };
}

const tables = (d: ReturnType<typeof trackedPlan002>, meta: unknown[]) => ({
  plans: [d.records.plan],
  sections: d.records.sections,
  tasks: d.records.tasks,
  units: d.records.units,
  reports: d.reports,
  actions: d.actions,
  meta,
});

describe.skipIf(!e2eAvailable())('department to-do list and supervisor view at 1366×768 (Chromium)', () => {
  it('a department PC opens on its to-do list: 本期待报, 被退回, 被催办, 延期答复', async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const office = await openOffice();
    const { page } = office;
    await page.setViewportSize({ width: 1366, height: 768 });
    try {
      await page.getByText('还没有任何计划').waitFor();
      await seedDatabase(page, tables(trackedPlan002(), identityRow('市卫生健康局', 'department')));
      const todo = page.getByTestId('department-todo');
      await todo.waitFor();
      for (const kind of ['returned', 'urged', 'extension']) expect(Number(await page.getByTestId(`todo-tab-${kind}`).getAttribute('data-count')), kind).toBeGreaterThan(0);
      // Sent back first (it needs a new report).
      expect(await todo.getByTestId('todo-item').first().getAttribute('data-kind')).toBe('returned');
      await page.getByTestId('task-row').first().waitFor();
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'department-todo-1366.png') });
      // The report sent back (it said 已完成): the form offers 推进中 and says why it came back.
      await todo.getByTestId('todo-item').first().click();
      const returned = page.getByTestId('report-returned');
      await returned.waitFor();
      expect(await returned.textContent()).toContain('退回原因：佐证材料不足，请补充会议纪要');
      const form = page.getByTestId('report-form');
      expect(await form.locator('#report-status').locator('xpath=ancestor::div[contains(@class,"ant-select")][1]').textContent()).toContain('推进中');
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'report-form-returned-1366.png') });
      await page.keyboard.press('Escape');
      await form.waitFor({ state: 'detached' });
      await page.getByTestId('todo-tab-extension').click();
      await todo.getByTestId('todo-item').first().click();
      await page.getByTestId('report-form').waitFor();
      expect(await page.getByTestId('task-history').textContent()).toContain('同意延期');
      expect(office.consoleErrors.join('\n')).toBe('');
    } finally {
      await office.close();
    }
  });

  it('the supervisor view: every number opens as many tasks as it says', async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const office = await openOffice();
    const { page } = office;
    await page.setViewportSize({ width: 1366, height: 768 });
    try {
      await page.getByText('还没有任何计划').waitFor();
      await seedDatabase(page, tables(trackedPlan002(), identityRow('市市场监管局', 'supervisor')));
      await page.getByRole('menuitem', { name: '督办视图' }).click();
      await page.getByTestId('report-matrix').waitFor();
      await page.getByTestId('chart-status').locator('canvas').waitFor();
      await page.waitForTimeout(800); // chart animation
      const width = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(width).toBe(0);
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'supervisor-1366.png'), fullPage: true });

      const opensAsMany = async (locator: ReturnType<Page['locator']>) => {
        const value = await locator.getAttribute('data-value');
        await locator.click();
        await page.getByTestId('task-count').filter({ hasText: `共 ${value} 项` }).waitFor();
        await page.getByRole('menuitem', { name: '督办视图' }).click();
        await page.getByTestId('report-matrix').waitFor();
        return Number(value);
      };
      expect(await opensAsMany(page.getByTestId('fig-overdue'))).toBeGreaterThan(0);
      // The figures work from the keyboard too (a button named by its label and value).
      const red = page.getByTestId('light-count-red');
      const redValue = await red.getAttribute('data-value');
      await page.getByRole('button', { name: `红灯 ${redValue}，查看对应的任务` }).focus();
      await page.keyboard.press('Enter');
      await page.getByTestId('task-count').filter({ hasText: `共 ${redValue} 项` }).waitFor();
      await page.getByRole('menuitem', { name: '督办视图' }).click();
      await page.getByTestId('report-matrix').waitFor();
      await opensAsMany(page.getByTestId('fig-awaiting'));
      await opensAsMany(page.getByTestId('fig-unreported'));
      const healthRow = page.locator('[data-testid="lead-unit-table"] tr[data-unit="市卫生健康局"]');
      await opensAsMany(healthRow.getByTestId('cell-period'));
      await opensAsMany(healthRow.getByTestId('cell-overdue'));
      // A matrix cell keeps its unit, period and role.
      const cell = page.locator('[data-testid="matrix-cell"][data-unit="市卫生健康局"]').first();
      const period = await cell.getAttribute('data-period');
      expect(await opensAsMany(cell)).toBeGreaterThan(0);
      await cell.click();
      expect(await page.getByTestId('filter-tag').allTextContents()).toEqual([expect.stringContaining('应报送')]);
      expect(await page.getByLabel('按单位筛选').locator('..').textContent()).toContain('市卫生健康局');
      expect(await page.getByLabel('按角色筛选').locator('..').textContent()).toContain('牵头');
      expect(period).toBeTruthy();
      await page.getByTestId('task-row').first().waitFor();
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'tasks-clickthrough-1366.png') });

      // Settings: the reporting cadence offers 双月, 半年, 年度 and a list of dates.
      await page.getByRole('menuitem', { name: '设置' }).click();
      await page.getByLabel('报送周期').click();
      for (const label of ['每月', '每两个月', '每季度', '每半年', '每年', '按指定日期']) {
        await page.locator('.ant-select-dropdown:visible').getByTitle(label, { exact: true }).waitFor();
      }
      await page.locator('.ant-select-dropdown:visible').getByTitle('按指定日期', { exact: true }).click();
      await page.getByText('选择各期报送截止日期').waitFor();
      await page.waitForTimeout(500); // the list's closing animation
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'settings-cadence-1366.png') });
      expect(office.consoleErrors.join('\n')).toBe('');
    } finally {
      await office.close();
    }
  });

  it('the plan list’s period ends at an approved 延期 beyond the document’s deadlines', async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const office = await openOffice();
    const { page } = office;
    await page.setViewportSize({ width: 1366, height: 768 });
    try {
      await page.getByText('还没有任何计划').waitFor();
      const tracked = trackedPlan002();
      // The latest dated deadline of the document is task 5's (today + 400 days); one task is granted more than that.
      const task = tracked.records.tasks.find((t) => t.lead.length > 0 && t.number !== '5')!;
      const far = addDays(tracked.today, 500);
      const approve: Action = {
        id: randomId('act'), stamp: '000001900099000-00000-sup', by: '市市场监管局', planId: tracked.records.plan.id, taskId: task.id,
        unitId: task.lead[0]!, kind: 'extension-approve', text: '', date: tracked.today, newDeadline: far,
      };
      await seedDatabase(page, tables({ ...tracked, actions: [...tracked.actions, approve] }, identityRow('市市场监管局', 'supervisor')));
      const facts = page.getByTestId('plan-facts').first();
      await facts.waitFor();
      await expect.poll(() => facts.textContent()).toContain(`至 ${far}（含延期）`);
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'plan-list-extended-1366.png') });
      expect(office.consoleErrors.join('\n')).toBe('');
    } finally {
      await office.close();
    }
  });
});
