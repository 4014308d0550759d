import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { e2eAvailable, openOffice, type Office } from './browser';
import { SCREENSHOT_DIR } from './seed';
import { confirmRoster, enroll, exportEnrollment, ownFingerprint } from './syncSteps';

const SUPERVISOR = '市市场监管局';
const DEPARTMENT = '市卫生健康局';

/** Open a screen from the menu once toast messages (which may cover it) are gone. */
async function go(page: Page, screen: string) {
  await page.mouse.move(5, 890);
  await page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
  await page.getByRole('menuitem', { name: screen }).click();
}

async function closeDrawer(page: Page) {
  await page.mouse.move(5, 890);
  await page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
  await page.locator('.ant-drawer-close').click();
  await page.locator('.ant-drawer-content').waitFor({ state: 'hidden' });
}

/** The exchange folder (a USB stick or shared folder): export downloads land here, imports read from here. */
async function exportTo(page: Page, folder: string, name: string, button: string | RegExp = '导出全部数据'): Promise<string> {
  await go(page, '文件同步');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: button }).click();
  const d = await download;
  expect(d.suggestedFilename()).toMatch(/\.tzsync$/);
  const path = join(folder, name);
  await d.saveAs(path);
  await page.getByText(/^已导出 \d+ 条记录/).first().waitFor();
  return path;
}

async function previewFiles(page: Page, files: string[]): Promise<string[]> {
  await go(page, '文件同步');
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: '选择同步文件…' }).click();
  await (await chooser).setFiles(files);
  await page.getByRole('button', { name: /^应用导入/ }).waitFor();
  return page.getByTestId('preview-sentence').allTextContents();
}

async function importFiles(page: Page, files: string[]): Promise<string[]> {
  const sentences = await previewFiles(page, files);
  await page.getByRole('button', { name: /^应用导入/ }).click();
  await page.getByText(/^导入完成/).last().waitFor();
  return sentences;
}

/** The data fingerprint shown on the sync screen (computed fresh: the screen is opened anew first). */
async function digest(page: Page): Promise<string> {
  await go(page, '计划');
  await go(page, '文件同步');
  const el = page.getByTestId('digest');
  await el.filter({ hasText: '—' }).waitFor();
  await page.getByRole('button', { name: '计算数据指纹' }).click();
  await page.waitForFunction(() => /^[0-9a-f]{16}$/.test(document.querySelector('[data-testid="digest"]')?.textContent ?? ''));
  return (await el.textContent())!;
}

async function answerFirstRun(page: Page, office: string, role: RegExp) {
  await page.locator('#identity-office').fill(office);
  await page.locator('.ant-radio-label').filter({ hasText: role }).click();
  await page.getByRole('button', { name: '确定', exact: true }).click();
  await page.getByTestId('identity-tag').filter({ hasText: office }).waitFor();
}

async function writeProgress(page: Page, text: string) {
  await go(page, '任务台账');
  await page.locator('[data-testid="task-row"][data-number="1"]').click();
  const form = page.getByTestId('report-form');
  await form.waitFor();
  await page.getByLabel('状态', { exact: true }).click();
  await page.locator('.ant-select-dropdown:visible').getByTitle('推进中', { exact: true }).click();
  await form.getByLabel('进展情况').fill(text);
  await form.getByRole('button', { name: '提交进展' }).click();
  await page.getByText(`已保存「${DEPARTMENT}」`).first().waitFor();
  await closeDrawer(page);
}

describe.skipIf(!e2eAvailable())('sync by file between isolated offices (Chromium, separate profiles)', () => {
  it('two offices (and a second PC of one) exchange files through a folder, converge, and resolve a conflict', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'taizhang-usb-'));
    const offices: Office[] = [];
    try {
      const sup = await openOffice({ downloadsDir: folder });
      offices.push(sup);
      // The supervisor office issues a plan.
      await sup.page.getByText('还没有任何计划').waitFor();
      await sup.page.getByRole('button', { name: '新建计划' }).click();
      await sup.page.getByLabel('计划名称').fill('中山市全面加强药品监管能力建设若干措施');
      await sup.page.getByLabel('文号').fill('中府办〔2022〕36号');
      await sup.page.getByLabel('第一项任务的具体内容').fill('建立健全药品安全责任体系，压实属地管理责任');
      await sup.page.getByLabel('牵头单位').fill(DEPARTMENT);
      await sup.page.getByLabel('配合单位').fill(SUPERVISOR);
      await sup.page.getByRole('button', { name: '保存计划' }).click();
      await answerFirstRun(sup.page, SUPERVISOR, /^督办/);
      const planFile = await exportTo(sup.page, folder, '01-督办-计划.tzsync');

      // Two PCs of the department office receive the plan by file (after confirming the supervisor's roster
      // fingerprint by phone), enroll with the supervisor by 注册文件, and each writes the same period's progress.
      const supFingerprint = await ownFingerprint(sup.page);
      const pcs: Office[] = [];
      for (const label of ['甲', '乙']) {
        const pc = await openOffice({ downloadsDir: folder });
        offices.push(pc);
        pcs.push(pc);
        await previewFiles(pc.page, [planFile]);
        await confirmRoster(pc.page, supFingerprint);
        const [sentence] = await pc.page.getByTestId('preview-sentence').allTextContents();
        await pc.page.getByRole('button', { name: /^应用导入/ }).click();
        await pc.page.getByText(/^导入完成/).last().waitFor();
        expect(sentence).toMatch(new RegExp(`^${SUPERVISOR} · \\d{4}-\\d{2}-\\d{2} 导出：新增 0 条进展，新增 \\d+ 条计划、任务、督办等记录，更新 0 条，冲突 0 条，已有 0 条（无变化），旧版本 0 条（忽略）$`));
        await answerFirstRun(pc.page, DEPARTMENT, /^部门填报/);
        const enrollment = await exportEnrollment(pc.page, folder, `注册-${label}.json`);
        await enroll(sup.page, enrollment, await ownFingerprint(pc.page));
      }
      const rosterFile = await exportTo(sup.page, folder, '01b-督办-名册.tzsync', /导出变更/);
      // The panel says what the last file held, and that a changes file lacks what earlier files carried.
      expect(await sup.page.getByTestId('last-export').textContent()).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}（(全部数据|变更)）$/);
      await sup.page.getByTestId('changes-hint').waitFor();
      await sup.page.setViewportSize({ width: 1366, height: 768 });
      await sup.page.screenshot({ path: join(SCREENSHOT_DIR, 'sync-export-panel-1366.png') });
      for (const [i, pc] of pcs.entries()) {
        await importFiles(pc.page, [rosterFile]);
        await writeProgress(pc.page, `电脑${i === 0 ? '甲' : '乙'}填写：已召开专题会议部署落实。`);
      }
      const [d1, d2] = pcs as [Office, Office];
      const d1File = await exportTo(d1.page, folder, '02-卫健甲.tzsync');
      const d2File = await exportTo(d2.page, folder, '03-卫健乙.tzsync');

      // The supervisor imports both at once: the same report from two PCs is a conflict, shown in the preview.
      const supSentences = await importFiles(sup.page, [d1File, d2File]);
      // Each file is previewed as if the ones before it were applied: the second PC's version of the same report
      // meets the first's, and the conflict shows before anything is written.
      expect(supSentences.every((s) => s.startsWith(`${DEPARTMENT} · `))).toBe(true);
      expect(supSentences[0]).toContain('新增 1 条进展');
      expect(supSentences[1]).toMatch(/新增 0 条进展，(更新 1 条，冲突 1 条|更新 0 条，冲突 1 条，已有 \d+ 条（无变化），旧版本 1 条)/);
      await go(sup.page, '任务台账');
      await sup.page.locator('[data-testid="task-row"][data-number="1"]').click();
      await sup.page.getByTestId('supervisor-actions').getByRole('button', { name: '销号' }).click();
      await sup.page.locator('.ant-popconfirm').getByRole('button', { name: '销号' }).click();
      await sup.page.getByText('已销号').first().waitFor();
      await closeDrawer(sup.page);
      const supFile = await exportTo(sup.page, folder, '04-督办-汇总.tzsync');

      await importFiles(d1.page, [d2File, supFile]);
      await importFiles(d2.page, [d1File, supFile]);
      const first = await Promise.all(offices.map((o) => digest(o.page)));
      expect(new Set(first).size).toBe(1);

      // Importing the same file again changes nothing.
      const [again] = await previewFiles(d2.page, [supFile]);
      expect(again).toMatch(/新增 0 条进展，更新 0 条，冲突 0 条，已有 \d+ 条（无变化）/);
      await d2.page.screenshot({ path: join(SCREENSHOT_DIR, 'sync-preview.png'), fullPage: true });
      await d2.page.getByRole('button', { name: '取消' }).click();

      // The PC whose version lost sees the conflict and restores its own text; one more exchange converges.
      const loser = (await d1.page.getByTestId('conflict-other').count()) > 0 ? d1 : d2;
      const winner = loser === d1 ? d2 : d1;
      await go(loser.page, '文件同步');
      const other = (await loser.page.getByTestId('conflict-other').first().textContent())!;
      expect(other).toMatch(/^电脑[甲乙]填写/);
      await loser.page.screenshot({ path: join(SCREENSHOT_DIR, 'sync-conflict.png'), fullPage: true });
      await loser.page.getByRole('button', { name: '恢复此版本' }).first().click();
      await loser.page.locator('.ant-popconfirm').getByRole('button', { name: '恢复' }).click();
      await loser.page.getByText('已恢复该版本').waitFor();
      await loser.page.getByText('没有待处理的冲突').waitFor();
      const fix = await exportTo(loser.page, folder, '05-恢复后.tzsync', /导出变更/);
      await importFiles(winner.page, [fix]);
      await importFiles(sup.page, [fix]);
      const second = await Promise.all(offices.map((o) => digest(o.page)));
      expect(new Set(second).size).toBe(1);
      expect(second[0]).not.toBe(first[0]);
      await go(winner.page, '任务台账');
      await winner.page.locator('[data-testid="task-row"][data-number="1"]').filter({ hasText: other.replace(/（完成.*$/, '') }).waitFor();

      expect(readdirSync(folder).filter((f) => f.endsWith('.tzsync')).length).toBe(6);
      for (const o of offices) expect(o.consoleErrors.join('\n')).toBe('');
    } finally {
      for (const o of offices) await o.close();
      rmSync(folder, { recursive: true, force: true });
    }
  }, 360_000);
});
