import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { chromium } from 'playwright-core';
import { inject } from 'vitest';
import { baseUrl, e2eAvailable } from './browser';
import { CHROMIUM_ARGS } from './chromium';
import { SCREENSHOT_DIR } from './seed';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';

const PREFIX = '/intranet/apps/taizhang/';

/**
 * Any intranet web server serving dist/renderer as a plain folder, under a sub-path: files only, no rewrites. Here a
 * bare Node server that answers only below PREFIX (with the files of the test build), so an absolute asset path
 * would fail.
 */
function folderServer(): Promise<{ server: Server; url: string; misses: string[] }> {
  const misses: string[] = [];
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (!path.startsWith(PREFIX)) {
      misses.push(path);
      res.writeHead(404).end();
      return;
    }
    const file = path.slice(PREFIX.length) || 'index.html';
    void fetch(new URL(file, baseUrl())).then(async (r) => {
      res.writeHead(r.status, { 'content-type': r.headers.get('content-type') ?? 'application/octet-stream' });
      res.end(Buffer.from(await r.arrayBuffer()));
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${PREFIX}`, misses })));
}

describe.skipIf(!e2eAvailable())('the web twin as a static folder on any web server (Chromium)', () => {
  it('runs from a sub-folder: every asset path is relative', async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const { server, url, misses } = await folderServer();
    const browser = await chromium.launch({ executablePath: inject('chromium'), headless: true, args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1366, height: 768 } });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      await page.goto(url);
      await page.getByText('还没有任何计划').waitFor();
      await page.getByRole('menuitem', { name: '帮助' }).click();
      await page.getByTestId('help-page').waitFor();
      // The help pictures load from the same folder.
      await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="help-page"] img')].every((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0));
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'help.png') });
      expect(misses).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
      server.close();
    }
  });
});
