import { join } from 'node:path';
import type { Page } from 'playwright-core';

/** Steps of the offline enrollment procedure, shared by the sync e2e tests. */

/** Move the pointer away and let the notices go (a toast under the pointer stays). */
export async function settle(page: Page) {
  await page.mouse.move(5, 760);
  await page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
}

export async function openSync(page: Page) {
  await settle(page);
  await page.getByRole('menuitem', { name: '文件同步' }).click();
}

/** This PC's fingerprint as its key panel shows it. */
export async function ownFingerprint(page: Page): Promise<string> {
  await openSync(page);
  const el = page.getByTestId('own-fingerprint');
  await el.waitFor();
  return (await el.textContent())!.trim();
}

/** Export this PC's 注册文件 into the exchange folder. */
export async function exportEnrollment(page: Page, folder: string, name: string): Promise<string> {
  await openSync(page);
  const download = page.waitForEvent('download');
  await page.getByTestId('export-enrollment').click();
  const path = join(folder, name);
  await (await download).saveAs(path);
  await page.getByText(/^已导出注册文件/).first().waitFor();
  return path;
}

/** The supervisor imports a 注册文件 and types the fingerprint heard on the phone. */
export async function enroll(page: Page, file: string, heard: string, screenshot?: string) {
  await openSync(page);
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('import-enrollment').click();
  await (await chooser).setFiles([file]);
  await page.getByTestId('enrollment-confirm').waitFor();
  await page.getByTestId('heard-fingerprint').fill(heard);
  if (screenshot) await page.screenshot({ path: screenshot });
  await page.getByRole('button', { name: '指纹一致，登记' }).click();
  await page.getByText(/^已登记「/).first().waitFor();
}

/** Confirm the supervisor office's roster offered in an import preview (after checking the fingerprint by phone). */
export async function confirmRoster(page: Page, expectedFingerprint: string) {
  const offer = page.getByTestId('roster-offer');
  await offer.waitFor();
  const text = (await offer.textContent()) ?? '';
  if (!text.includes(expectedFingerprint)) throw new Error(`roster fingerprint differs: ${text}`);
  await offer.getByTestId('confirm-roster').click();
  await offer.waitFor({ state: 'detached' });
  // The files are previewed again under the confirmed roster.
  await page.getByTestId('preview-sentence').first().waitFor();
  await page.getByRole('button', { name: /^应用导入/ }).waitFor();
}

/** Export all of this PC's data as a sync file into the exchange folder. */
export async function exportAll(page: Page, folder: string, name: string): Promise<string> {
  await openSync(page);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出全部数据' }).click();
  const path = join(folder, name);
  await (await download).saveAs(path);
  await page.getByText(/^已导出 \d+ 条记录/).first().waitFor();
  return path;
}

/**
 * Import sync files and apply them; on a PC's first file from a supervisor office, confirm its roster by the
 * fingerprint heard on the phone. Returns the first file's preview sentence.
 */
export async function importFiles(page: Page, files: string[], rosterFingerprint?: string): Promise<string> {
  await openSync(page);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: '选择同步文件…' }).click();
  await (await chooser).setFiles(files);
  if (rosterFingerprint) await confirmRoster(page, rosterFingerprint);
  const apply = page.getByRole('button', { name: /^应用导入/ });
  await apply.waitFor();
  const sentence = (await page.getByTestId('preview-sentence').first().textContent()) ?? '';
  await apply.click();
  await page.getByText(/^导入完成/).last().waitFor();
  return sentence;
}
