import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { e2eAvailable, openOffice } from './browser';
import { SCREENSHOT_DIR } from './seed';

/** A measure whose note is read only partly, and a page cut in the middle of its last measure. */
const TEXT = [
  '某区2024年重点工作任务分工方案',
  '一、优化营商环境',
  '1.推进“一网通办”，压缩审批时限。（区政务服务中心牵头，区发改局、某某某某某某筹备推进组织负责）',
  '2.开展涉企收费专项检查。（区市场监管局牵头，区财政局配合）',
  '3.深化“放管服”改革，加快建',
].join('\n');

describe.skipIf(!e2eAvailable())('import review shows each task’s original text and its reading warnings', () => {
  it('clicking 原文 shows the text the task was read from, with the warning of a note read only partly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'taizhang-source-'));
    const file = join(dir, '分工方案.txt');
    writeFileSync(file, TEXT);
    const office = await openOffice();
    const { page } = office;
    try {
      await page.setViewportSize({ width: 1366, height: 768 });
      await page.getByText('还没有任何计划').waitFor();
      await page.getByRole('button', { name: '导入文件' }).click();
      const chooser = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: '选择文件…' }).click();
      await (await chooser).setFiles(file);
      await page.getByTestId('draft-task-count').filter({ hasText: '共 2 项任务' }).waitFor();
      await page.getByLabel('第1项原文').click();
      const panel = page.getByTestId('source-panel');
      await panel.waitFor();
      expect(await panel.getByTestId('source-text').textContent()).toContain('1.推进“一网通办”，压缩审批时限。（区政务服务中心牵头');
      expect(await panel.textContent()).toContain('未能识别为单位');
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'import-review-source-1366.png') });
      expect(office.consoleErrors.join('\n')).toBe('');
    } finally {
      await office.close();
    }
  });
});
