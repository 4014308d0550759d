import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { CHROMIUM_ARGS } from './chromium';

export const e2eAvailable = (): boolean => inject('chromium') !== '';
export const baseUrl = (): string => inject('baseUrl');

export interface Office {
  context: BrowserContext;
  page: Page;
  consoleErrors: string[];
  close(): Promise<void>;
}

/**
 * A fresh browser profile (its own IndexedDB): one "office PC". Collects console errors, and fails any
 * request that leaves 127.0.0.1 — the app must make no network request.
 */
export async function openOffice(options: { downloadsDir?: string } = {}): Promise<Office> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'taizhang-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: inject('chromium'),
    headless: true,
    args: CHROMIUM_ARGS,
    acceptDownloads: true,
    downloadsPath: options.downloadsDir,
    locale: 'zh-CN',
    viewport: { width: 1440, height: 900 },
  });
  const consoleErrors: string[] = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1' || url.protocol === 'data:' || url.protocol === 'blob:') return route.continue();
    consoleErrors.push(`external request blocked: ${url.href}`);
    return route.abort();
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => consoleErrors.push(process.env.E2E_STACKS ? String(err.stack) : err.message));
  await page.goto(baseUrl());
  return {
    context,
    page,
    consoleErrors,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
