import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatStamp } from '../../shared/model';
import { officeStates } from '../../shared/sync';
import { e2eAvailable, openOffice } from './browser';
import { expectedPlan002, identityRow, SCREENSHOT_DIR, seedDatabase } from './seed';

describe.skipIf(!e2eAvailable())('sync review lists and clock warnings (Chromium)', () => {
  it('shows conflicts, overridden 退回, reports on deleted tasks, refused records and files, and whose clock is wrong', async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const { merged } = officeStates({ offices: 3, tasks: 6, reportsPerOffice: 4 });
    const [r0, r1, r2] = merged.records.reports as [(typeof merged.records.reports)[0], (typeof merged.records.reports)[0], (typeof merged.records.reports)[0]];
    const task = merged.records.tasks.find((t) => t.id === r1.taskId)!;
    const now = Date.UTC(2024, 9, 1, 2);
    const at = new Date(now).toISOString();
    const ret = { id: 'act_00000000000000e2', stamp: formatStamp(now - 3600_000, 0, 'dev_benchsupervisor'), by: '市政府督查室', planId: task.planId, taskId: task.id, unitId: r1.unitId, kind: 'return', text: '请补充佐证材料', date: '2024-09-30', newDeadline: null };
    const deletedTask = { ...merged.records.tasks.find((t) => t.id === r2.taskId)!, deleted: true };
    const office = await openOffice();
    try {
      const { page } = office;
      await page.setViewportSize({ width: 1366, height: 768 });
      await seedDatabase(page, {
        plans: merged.records.plans,
        sections: merged.records.sections,
        tasks: merged.records.tasks.map((t) => (t.id === deletedTask.id ? deletedTask : t)),
        units: merged.records.units,
        reports: merged.records.reports,
        actions: [ret],
        conflicts: [
          { table: 'reports', recordId: r0.id, loser: { ...r0, progress: '另一台电脑填写的进展', stamp: formatStamp(now - 7200_000, 0, 'dev_office0b') }, winnerStamp: r0.stamp, detectedAt: at, source: `${r0.by} · 台账同步-01.tzsync`, resolved: false, kind: 'conflict' },
          { table: 'actions', recordId: ret.id, loser: ret, winnerStamp: r1.stamp, detectedAt: at, source: `${r1.by} · 台账同步-02.tzsync`, resolved: false, kind: 'override', reason: `第${task.number}项任务的退回（2024-09-30）之后收到「${r1.by}」在不知道此退回时填报的2024年第一季度进展，退回已不再生效`, cause: { table: 'reports', id: r1.id, stamp: r1.stamp } },
          { table: 'reports', recordId: r2.id, loser: r2, winnerStamp: deletedTask.stamp, detectedAt: at, source: `${r2.by} · 台账同步-03.tzsync`, resolved: false, kind: 'orphan', reason: `第${deletedTask.number}项任务已被删除，这条2024年第一季度进展不再显示` },
          { table: 'reports', recordId: 'rep_00000000000000000000e2e2', loser: { ...r0, id: 'rep_00000000000000000000e2e2', by: '市教育局', progress: '替其他单位填写的进展' }, winnerStamp: '', detectedAt: at, source: '市教育局 · 台账同步-04.tzsync', resolved: false, kind: 'refused', reason: '进展只能由责任单位本单位填报（该记录由「市教育局」修改）', group: 'f'.repeat(64), omitted: 57 },
        ],
        meta: [
          ...identityRow('市政府督查室', 'supervisor', 'dev_benchsupervisor'),
          { key: 'sync.refusedFiles', value: [{ name: '台账同步-市公安局.tzsync', size: 20480, reason: '文件校验失败：内容已损坏或被修改，请重新导出', at }] },
          {
            key: 'sync.clocks',
            value: [{ device: 'dev_office1', office: '市教育局', aheadMs: 3 * 86_400_000, observer: { device: 'dev_benchsupervisor', office: '市政府督查室' }, at: new Date().toISOString(), evidence: 'file' }],
          },
        ],
      });
      await page.getByRole('menuitem', { name: '文件同步' }).click();
      const alerts = page.getByTestId('clock-alerts');
      await alerts.waitFor();
      expect(await alerts.textContent()).toContain('「市教育局」的电脑（设备 dev_office1）时钟可能快了约 3 天');
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'sync-clock.png') });
      await page.getByText('冲突与覆盖（3）').click();
      await page.getByTestId('conflict-reason').first().waitFor();
      await page.getByTestId('conflict-list').first().scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'sync-review.png') });
      const reasons = await page.getByTestId('conflict-reason').allTextContents();
      expect(reasons.some((r) => r.includes('退回已不再生效'))).toBe(true);
      expect(reasons.some((r) => r.includes('已被删除'))).toBe(true);
      await page.getByRole('tab', { name: '未采用（2）' }).click();
      await page.getByTestId('refused-files').waitFor();
      await page.waitForTimeout(500); // the tab's underline slides over
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'sync-refused.png') });
      expect(await page.getByTestId('refused-files').textContent()).toContain('文件校验失败');
      expect(await page.getByTestId('refused-omitted').textContent()).toContain('及其余 57 条被拒绝的记录');
      // Dismiss all: the refused records and files leave the list (nothing else does).
      await page.getByTestId('dismiss-all-refused').click();
      await page.locator('.ant-popconfirm').getByRole('button', { name: '全部移除' }).click();
      await page.getByRole('tab', { name: '未采用（0）' }).waitFor();
      // Marking the overridden 退回 as checked takes it off the list.
      await page.getByRole('tab', { name: '冲突与覆盖（3）' }).click();
      await page.getByRole('button', { name: '已核对' }).first().click();
      await page.getByRole('tab', { name: '冲突与覆盖（2）' }).waitFor();
      expect(office.consoleErrors.join('\n')).toBe('');
    } finally {
      await office.close();
    }
  }, 300_000);

  it("a PC whose own clock others saw running ahead is told so where it files progress (本期 comes from that clock)", async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const records = expectedPlan002();
    const office = await openOffice();
    try {
      const { page } = office;
      await page.setViewportSize({ width: 1366, height: 768 });
      await page.getByText('还没有任何计划').waitFor();
      const lead = records.tasks[0]!.lead[0]!;
      const unit = records.units.find((u) => u.id === lead)!;
      await seedDatabase(page, {
        plans: [records.plan],
        sections: records.sections,
        tasks: records.tasks,
        units: records.units,
        meta: [
          ...identityRow(unit.name, 'department', 'dev_fastclock'),
          {
            key: 'sync.clocks',
            // The supervisor's PC received this PC's file a year before the time written on it.
            value: [{ device: 'dev_fastclock', office: unit.name, aheadMs: 365 * 86_400_000, observer: { device: 'dev_supervisor', office: '市政府督查室' }, at: new Date().toISOString(), evidence: 'file' }],
          },
        ],
      });
      await page.getByRole('menuitem', { name: '任务台账' }).click();
      await page.locator(`[data-testid="task-row"][data-number="${records.tasks[0]!.number}"]`).first().click();
      await page.getByTestId('report-form').waitFor();
      const alert = page.getByTestId('own-clock-alert');
      await alert.waitFor();
      const text = (await alert.textContent()) ?? '';
      expect(text).toContain('本机时钟可能快了约 365 天');
      expect(text).toContain('请先校准本机日期和时间，再填报进展');
      await page.waitForTimeout(600); // the drawer's slide-in
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'report-form-own-clock-1366.png') });
      expect(office.consoleErrors.join('\n')).toBe('');
    } finally {
      await office.close();
    }
  }, 300_000);
});
