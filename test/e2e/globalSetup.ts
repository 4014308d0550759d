import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { findChromium } from './chromium';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    chromium: string;
  }
}

let server: ChildProcess | null = null;
let webDir: string | null = null;
let builtHere = false;

/** Build the web twin once and serve it with `vite preview` on a free loopback port. */
export async function setup(project: TestProject) {
  const chromium = findChromium();
  project.provide('chromium', chromium ?? '');
  if (!chromium) {
    const line = '='.repeat(72);
    console.warn(`\n${line}\n端到端测试已跳过 (E2E SKIPPED): no Chromium/Chrome found.\nInstall Debian's chromium (apt-get install -y chromium fonts-noto-cjk) or set CHROMIUM_PATH.\n${line}\n`);
    project.provide('baseUrl', '');
    return;
  }
  // Each run builds into its own folder, so parallel runs never overwrite each other's build.
  const outDir = process.env.E2E_WEB_DIR ?? join(process.cwd(), '.cache', `web-e2e-${process.pid}`);
  builtHere = !process.env.E2E_WEB_DIR;
  if (builtHere || !existsSync(join(outDir, 'index.html'))) {
    const build = spawnSync('./node_modules/.bin/vite', ['build', '--logLevel', 'error', '--outDir', outDir, '--emptyOutDir'], {
      stdio: 'inherit',
    });
    if (build.status !== 0) throw new Error('vite build failed');
  }
  webDir = outDir;
  const port = 4300 + Math.floor(Math.random() * 500);
  server = spawn('./node_modules/.bin/vite', ['preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort', '--outDir', outDir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const baseUrl = `http://127.0.0.1:${port}/`;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('vite preview did not start')), 30_000);
    server!.stdout!.on('data', (d: Buffer) => {
      if (d.toString().includes(String(port))) {
        clearTimeout(timer);
        resolve();
      }
    });
    server!.on('exit', (code) => reject(new Error(`vite preview exited with ${code}`)));
  });
  project.provide('baseUrl', baseUrl);
}

export async function teardown() {
  server?.kill();
  if (builtHere && webDir) rmSync(webDir, { recursive: true, force: true });
}
