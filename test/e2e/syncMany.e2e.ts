import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Identity } from '../../shared/model';
import {
  concatBytes,
  emptyState,
  encodeSnapshot,
  entryId,
  mergeStates,
  officeStates,
  signStates,
  simulatedTrust,
  SIGNATURE_ALGORITHM,
  SIM_SUPERVISOR,
  stateDigest,
} from '../../shared/sync';
import { e2eAvailable, openOffice } from './browser';
import { identityRow, SCREENSHOT_DIR, seedDatabase } from './seed';

const FILES = 30;

/** The data fingerprint shown on the sync screen (computed on demand). */
async function digest(page: Page): Promise<string> {
  await page.getByRole('menuitem', { name: '计划' }).click();
  await page.getByRole('menuitem', { name: '文件同步' }).click();
  await page.getByTestId('digest').filter({ hasText: '—' }).waitFor();
  await page.getByRole('button', { name: '计算数据指纹' }).click();
  await page.waitForFunction(() => /^[0-9a-f]{16}$/.test(document.querySelector('[data-testid="digest"]')?.textContent ?? ''));
  return (await page.getByTestId('digest').textContent())!;
}

async function choose(page: Page, files: string[]) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: '选择同步文件…' }).click();
  await (await chooser).setFiles(files);
}

describe.skipIf(!e2eAvailable())('importing many sync files at once (Chromium)', () => {
  it('30 offices’ files: progress by file and record, a cancel that changes nothing, a stop that leaves no file half-done', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'taizhang-many-'));
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    // 30 offices, each exporting the plan's structure and its own 400 reports (about 1,400 records a file).
    const { offices, merged } = officeStates({ offices: FILES, tasks: 1000, reportsPerOffice: 400 });
    // Every record signed by its author device (the supervisor's plan, each office's reports), as exports are.
    const supervisor: Identity = { deviceId: 'dev_benchsupervisor', office: SIM_SUPERVISOR, role: 'supervisor' };
    const identities = [supervisor, ...offices.map((o) => o.identity)];
    const trust = simulatedTrust(0, identities, '2024-01-01T00:00:00.000Z');
    signStates(offices.map((o) => o.state), identities, trust, '2024-10-01T09:30:00.000Z');
    const paths = offices.map(({ identity, state }, i) => {
      const path = join(folder, `台账同步-${String(i + 1).padStart(2, '0')}-${identity.office}.tzsync`);
      writeFileSync(path, concatBytes(encodeSnapshot(state, { producer: identity, app: { name: '任务分解台账', version: 'e2e' }, createdAt: '2024-10-01T09:30:00+08:00', scope: { kind: 'full', since: null } }).chunks));
      return path;
    });
    const digestOf = (n: number) => stateDigest(n === 0 ? emptyState() : mergeStates(offices.slice(0, n).map((o) => o.state))).slice(0, 16);
    expect(digestOf(FILES)).toBe(stateDigest(merged).slice(0, 16));

    const office = await openOffice();
    try {
      const { page } = office;
      await page.setViewportSize({ width: 1366, height: 768 });
      // The supervisor's PC (set up, so no first-run question interrupts the import): its key, its own roster.
      const keys = trust.keys.get(supervisor.deviceId)!;
      await seedDatabase(page, {
        meta: [
          ...identityRow(supervisor.office, 'supervisor', supervisor.deviceId),
          { key: 'keys', value: { ...keys, algorithm: SIGNATURE_ALGORITHM, createdAt: '2024-01-01T00:00:00.000Z' } },
          { key: 'anchors', value: [trust.anchor] },
        ],
        roster: trust.roster.map((entry) => ({ id: entryId(entry), entry })),
      });
      await page.getByRole('menuitem', { name: '文件同步' }).click();
      const empty = await digest(page);
      expect(empty).toBe(digestOf(0));

      // Checking shows which file of 30 and how many records; 取消 stops it and nothing is written.
      await choose(page, paths);
      const progress = page.getByTestId('import-progress-text');
      await progress.filter({ hasText: /^正在检查第 \d+\/30 个文件/ }).waitFor();
      await page.getByTestId('import-progress').scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'sync-many-checking.png') });
      expect(await progress.textContent()).toMatch(/^正在检查第 \d+\/30 个文件（台账同步-\d+-.+\.tzsync）· 已读 [\d,]+ \/ [\d,]+ 条记录$/);
      await page.getByRole('button', { name: '取消' }).click();
      await page.getByText('已取消检查，没有写入任何数据').waitFor();
      await expect(page.getByTestId('import-preview').count()).resolves.toBe(0);
      expect(await digest(page)).toBe(empty);

      // Check all 30, then apply; stop part-way: the files before the stop are in whole, the rest not at all.
      await choose(page, paths);
      await page.getByRole('button', { name: /^应用导入（30 个文件）/ }).waitFor({ timeout: 120_000 });
      expect(await page.getByTestId('preview-sentence').count()).toBe(8); // the first page of the table
      await page.getByRole('button', { name: /^应用导入/ }).scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'sync-many-preview.png') });
      await page.getByRole('button', { name: /^应用导入/ }).click();
      await progress.filter({ hasText: /^正在导入第 ([3-9]|\d\d)\/30 个文件/ }).waitFor({ timeout: 120_000 });
      await page.getByTestId('import-progress').scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'sync-many-importing.png') });
      await page.getByRole('button', { name: '停止导入' }).click();
      const stopped = page.getByText(/^已停止导入：\d+ 个文件已完整导入/);
      await stopped.waitFor({ timeout: 120_000 });
      const done = Number(/^已停止导入：(\d+) 个文件/.exec((await stopped.textContent())!)![1]);
      expect(done).toBeGreaterThanOrEqual(2);
      expect(done).toBeLessThan(FILES);
      expect(await digest(page)).toBe(digestOf(done));

      // The rest are still listed: apply them, and the PC holds all 30 offices' data.
      await page.getByRole('button', { name: `应用导入（${FILES - done} 个文件）` }).click();
      await page.getByText(/^导入完成/).waitFor({ timeout: 180_000 });
      expect(await digest(page)).toBe(digestOf(FILES));
      expect(office.consoleErrors.join('\n')).toBe('');
    } finally {
      await office.close();
      rmSync(folder, { recursive: true, force: true });
    }
  }, 600_000);
});
