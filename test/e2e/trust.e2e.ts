import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { concatBytes, decodeSnapshot, encodeSnapshot } from '../../shared/sync';
import { e2eAvailable, openOffice, type Office } from './browser';
import { SCREENSHOT_DIR } from './seed';
import { confirmRoster, enroll, exportEnrollment, openSync, ownFingerprint } from './syncSteps';

const SUPERVISOR = '市政府督查室';
const DEPARTMENT = '市教育局';
const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOT_DIR, name), fullPage: false });

async function quiet(page: Page) {
  await page.mouse.move(5, 760);
  await page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
}

async function exportTo(page: Page, folder: string, name: string, seal?: { office?: string; password?: string }): Promise<string> {
  await openSync(page);
  const choice = page.getByTestId('seal-choice');
  if (seal?.office) {
    await choice.getByText('加密发给已登记单位').click();
    await page.getByTestId('seal-office').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: seal.office }).first().click();
  } else if (seal?.password) {
    await choice.getByText('用密码加密').click();
    await page.getByTestId('seal-password').fill(seal.password);
    await page.getByTestId('seal-password-again').fill(seal.password);
  } else await choice.getByText('不加密').click();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出全部数据' }).click();
  const d = await download;
  const path = join(folder, name);
  await d.saveAs(path);
  await page.getByText(/^已导出 \d+ 条记录/).first().waitFor();
  await choice.getByText('不加密').click();
  return path;
}

async function pickFiles(page: Page, files: string[]) {
  await openSync(page);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: '选择同步文件…' }).click();
  await (await chooser).setFiles(files);
}

async function apply(page: Page) {
  await page.getByRole('button', { name: /^应用导入/ }).click();
  await page.getByText(/^导入完成/).last().waitFor();
}

async function digest(page: Page): Promise<string> {
  await quiet(page);
  await page.getByRole('menuitem', { name: '计划' }).click();
  await openSync(page);
  const el = page.getByTestId('digest');
  await el.filter({ hasText: '—' }).waitFor();
  await page.getByRole('button', { name: '计算数据指纹' }).click();
  await page.waitForFunction(() => /^[0-9a-f]{16}$/.test(document.querySelector('[data-testid="digest"]')?.textContent ?? ''));
  return (await el.textContent())!;
}

describe.skipIf(!e2eAvailable())('keys, enrollment by file, signed and sealed files (Chromium, separate profiles)', () => {
  it('enrolls a department by file, exchanges sealed files both ways, refuses a forged file with the database unchanged', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'taizhang-usb-trust-'));
    const offices: Office[] = [];
    try {
      const sup = await openOffice({ downloadsDir: folder });
      offices.push(sup);
      await sup.page.setViewportSize({ width: 1366, height: 768 });
      await sup.page.getByRole('button', { name: '新建计划' }).click();
      await sup.page.getByLabel('计划名称').fill('关于进一步优化营商环境的若干措施');
      await sup.page.getByLabel('文号').fill('市府办〔2024〕8号');
      await sup.page.getByLabel('第一项任务的具体内容').fill('推进政务服务“一网通办”，压缩审批时限');
      await sup.page.getByLabel('牵头单位').fill(DEPARTMENT);
      await sup.page.getByRole('button', { name: '保存计划' }).click();
      await sup.page.locator('#identity-office').fill(SUPERVISOR);
      await sup.page.locator('.ant-radio-label').filter({ hasText: /^督办/ }).click();
      await sup.page.getByRole('button', { name: '确定', exact: true }).click();
      await sup.page.getByTestId('identity-tag').filter({ hasText: SUPERVISOR }).waitFor();
      const supFingerprint = await ownFingerprint(sup.page);
      expect(supFingerprint).toMatch(/^\d{4}( \d{4}){4}$/);
      const planFile = await exportTo(sup.page, folder, '01-督办-计划.tzsync');

      // The department: the supervisor's roster is confirmed by fingerprint before anything of the plan is accepted.
      const dept = await openOffice({ downloadsDir: folder });
      offices.push(dept);
      await dept.page.setViewportSize({ width: 1366, height: 768 });
      await pickFiles(dept.page, [planFile]);
      await dept.page.getByTestId('roster-offer').waitFor();
      await shot(dept.page, 'trust-roster-offer.png');
      await confirmRoster(dept.page, supFingerprint);
      await apply(dept.page);
      await dept.page.locator('#identity-office').fill(DEPARTMENT);
      await dept.page.locator('.ant-radio-label').filter({ hasText: /^部门填报/ }).click();
      await dept.page.getByRole('button', { name: '确定', exact: true }).click();
      await dept.page.getByTestId('identity-tag').filter({ hasText: DEPARTMENT }).waitFor();
      const enrollment = await exportEnrollment(dept.page, folder, '注册文件-教育局.json');
      await dept.page.getByTestId('keys-panel').scrollIntoViewIfNeeded();
      await shot(dept.page, 'trust-own-key.png');

      // The supervisor enrolls it after hearing the fingerprint, and seals its next file for the department.
      await enroll(sup.page, enrollment, await ownFingerprint(dept.page), join(SCREENSHOT_DIR, 'trust-enroll-confirm.png'));
      await sup.page.getByTestId('enrollment-panel').scrollIntoViewIfNeeded();
      await sup.page.getByTestId('enrollment-panel').getByText(DEPARTMENT).first().waitFor();
      await shot(sup.page, 'trust-enrollment-list.png');
      const sealedForDept = await exportTo(sup.page, folder, '02-督办-加密发教育局.tzsync', { office: DEPARTMENT });
      expect(readFileSync(sealedForDept).subarray(0, 8)).toEqual(Buffer.from([0x89, 0x54, 0x5a, 0x53, 0x45, 0x41, 0x4c, 0x0a]));
      await pickFiles(dept.page, [sealedForDept]);
      await dept.page.getByTestId('import-preview').waitFor();
      await apply(dept.page);

      // The department reports, and sends its file sealed with a password (and once in the clear, for the forger).
      await quiet(dept.page);
      await dept.page.getByRole('menuitem', { name: '任务台账' }).click();
      await dept.page.locator('[data-testid="task-row"][data-number="1"]').click();
      const form = dept.page.getByTestId('report-form');
      await form.waitFor();
      await dept.page.getByLabel('状态', { exact: true }).click();
      await dept.page.locator('.ant-select-dropdown:visible').getByTitle('推进中', { exact: true }).click();
      await form.getByLabel('进展情况').fill('已完成事项清单梳理，平均审批时限压缩至3个工作日。');
      await form.getByRole('button', { name: '提交进展' }).click();
      await dept.page.getByText(`已保存「${DEPARTMENT}」`).first().waitFor();
      await quiet(dept.page);
      await dept.page.locator('.ant-drawer-close').click();
      await dept.page.locator('.ant-drawer-content').waitFor({ state: 'hidden' });
      await openSync(dept.page);
      await dept.page.getByTestId('seal-choice').getByText('用密码加密').click();
      await dept.page.getByTestId('seal-password').fill('营商环境2024');
      await shot(dept.page, 'trust-seal-choice.png');
      const byPassword = await exportTo(dept.page, folder, '03-教育局-密码加密.tzsync', { password: '营商环境2024' });
      const clear = await exportTo(dept.page, folder, '04-教育局.tzsync');

      // A forged copy: the report's text altered and the file re-encoded (every hash recomputed, signature kept).
      const decoded = await decodeSnapshot(readFileSync(clear));
      decoded.state.records.reports = decoded.state.records.reports.map((r) => ({ ...r, progress: '已全部完成（伪造）', percent: 100 }));
      const enc = encodeSnapshot(decoded.state, { producer: decoded.manifest.producer, app: decoded.manifest.app, createdAt: decoded.manifest.createdAt, scope: decoded.manifest.scope });
      const forged = join(folder, '05-伪造.tzsync');
      writeFileSync(forged, concatBytes(enc.chunks));
      const before = await digest(sup.page);
      await pickFiles(sup.page, [forged]);
      await sup.page.getByTestId('refused-records').waitFor();
      expect(await sup.page.getByTestId('refused-table').textContent()).toContain('没有有效签名');
      expect(await sup.page.getByTestId('refused-table').textContent()).toContain(DEPARTMENT);
      await sup.page.getByTestId('refused-records').scrollIntoViewIfNeeded();
      await shot(sup.page, 'trust-forged-refused.png');
      await apply(sup.page);
      expect(await digest(sup.page)).toBe(before);
      // The data is unchanged; the refused record is kept apart for review (未采用) with its reason and who claimed it.
      await quiet(sup.page);
      await sup.page.getByRole('tab', { name: '未采用（1）' }).click();
      const refusedPane = sup.page.getByRole('tabpanel', { name: '未采用（1）' });
      await refusedPane.getByTestId('conflict-reason').waitFor();
      expect(await refusedPane.getByTestId('conflict-reason').textContent()).toContain('没有有效签名');
      expect(await refusedPane.getByTestId('conflict-list').textContent()).toContain(`署名 ${DEPARTMENT}（设备`);
      expect(await refusedPane.getByTestId('conflict-other').textContent()).toContain('已全部完成（伪造）');
      await refusedPane.getByTestId('conflict-list').scrollIntoViewIfNeeded();
      await sup.page.waitForTimeout(400); // the tab's underline slides over
      await shot(sup.page, 'trust-refused-review.png');
      await refusedPane.getByTestId('dismiss-review').click();
      await sup.page.getByRole('tab', { name: '未采用（0）' }).waitFor();
      expect(await digest(sup.page)).toBe(before);

      // The password-sealed file: asked for the password, a wrong one refused, the right one opens it.
      await pickFiles(sup.page, [byPassword]);
      await sup.page.getByTestId('sealed-password').waitFor();
      await sup.page.getByTestId('open-password').fill('错误的密码12345');
      await sup.page.getByTestId('sealed-password').getByRole('button', { name: '打开' }).click();
      await sup.page.getByText('密码错误，无法打开此文件（或文件已被修改）').waitFor();
      await shot(sup.page, 'trust-sealed-password.png');
      await sup.page.getByTestId('open-password').fill('营商环境2024');
      await sup.page.getByTestId('sealed-password').getByRole('button', { name: '打开' }).click();
      const sentence = await sup.page.getByTestId('preview-sentence').textContent();
      expect(sentence).toMatch(new RegExp(`^${DEPARTMENT} · .*新增 1 条进展`));
      expect(await sup.page.getByTestId('refused-records').count()).toBe(0);
      await apply(sup.page);
      const after = await digest(sup.page);
      expect(after).not.toBe(before);

      // A stranger PC cannot open the file sealed for the department.
      const stranger = await openOffice({ downloadsDir: folder });
      offices.push(stranger);
      await pickFiles(stranger.page, [sealedForDept]);
      await stranger.page.getByTestId('import-refused').getByText(/加密发给「市教育局」的/).waitFor();
      // A file refused whole is listed under 未采用 for the session (nothing of it is stored), until dismissed.
      await stranger.page.getByRole('tab', { name: '未采用（1）' }).click();
      expect(await stranger.page.getByTestId('refused-files').textContent()).toMatch(/加密发给「市教育局」的/);
      await stranger.page.getByTestId('refused-files').getByRole('button', { name: '移除' }).click();
      await stranger.page.getByRole('tab', { name: '未采用（0）' }).waitFor();
      for (const o of offices) expect(o.consoleErrors.join('\n')).toBe('');
    } finally {
      for (const o of offices) await o.close();
      rmSync(folder, { recursive: true, force: true });
    }
  }, 360_000);
});
