import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const SCRIPT = resolve('scripts/start-electron.mjs');
let project: string;

/** A project folder with a built app and a stand-in `electron` package whose installer behaves as told. */
function setUp(installer: string): void {
  mkdirSync(join(project, 'dist', 'electron'), { recursive: true });
  mkdirSync(join(project, 'dist', 'renderer'), { recursive: true });
  writeFileSync(join(project, 'dist', 'electron', 'main.cjs'), '');
  writeFileSync(join(project, 'dist', 'renderer', 'index.html'), '');
  writeFileSync(join(project, 'package.json'), '{"name":"fixture","main":"dist/electron/main.cjs"}');
  const electronDir = join(project, 'node_modules', 'electron');
  mkdirSync(electronDir, { recursive: true });
  writeFileSync(join(electronDir, 'install.js'), installer);
  // The stand-in binary records its arguments and exits with 3, so the test sees both pass through.
  const binary = join(project, 'fake-electron.sh');
  writeFileSync(binary, `#!/bin/sh\necho "$@" > "${join(project, 'launched.txt')}"\nexit 3\n`);
  chmodSync(binary, 0o755);
  writeFileSync(join(electronDir, 'index.js'), `module.exports = ${JSON.stringify(binary)};`);
}

/** Run the script as if on Node `version` (the machine running the tests may have an older Node.js than Electron needs). */
const start = (args: string[] = [], version = '22.12.0') =>
  spawnSync(process.execPath, [SCRIPT, ...args], { cwd: project, encoding: 'utf8', timeout: 30_000, env: { ...process.env, TAIZHANG_NODE_VERSION: version } });

beforeEach(() => {
  project = mkdtempSync(join(tmpdir(), 'taizhang-start-'));
});
afterEach(() => rmSync(project, { recursive: true, force: true }));

// The stand-in binary is a shell script, so this runs on Linux and macOS (CI is Linux).
describe.skipIf(process.platform === 'win32')('npm start (scripts/start-electron.mjs)', () => {
  it('without network: one clear Chinese line pointing to the web twin, exit 1, nothing launched', () => {
    setUp("console.error('TypeError: fetch failed\\n    at download'); process.exit(1);");
    const result = start();
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('无法下载 Electron 运行文件（fetch failed）');
    expect(lines[0]).toContain('npm run web');
    expect(existsSync(join(project, 'launched.txt'))).toBe(false);
  });

  it('downloads the binary when missing, then launches the app folder and passes its exit code on', () => {
    setUp("require('fs').writeFileSync(require('path').join(__dirname, 'path.txt'), 'electron');");
    const result = start();
    expect(result.status).toBe(3);
    expect(readFileSync(join(project, 'launched.txt'), 'utf8').trim()).toBe('.');
  });

  it('skips the download when the binary is there', () => {
    setUp("process.exit(9);");
    writeFileSync(join(project, 'node_modules', 'electron', 'path.txt'), 'electron');
    expect(start().status).toBe(3);
  });

  it('on a Node.js older than Electron needs: one Chinese line naming both requirements, exit 1, nothing built or launched', () => {
    setUp("process.exit(0);");
    for (const args of [[], ['--check-node']]) {
      const result = start(args, '20.19.0');
      expect(result.status).toBe(1);
      const lines = result.stderr.trim().split('\n');
      expect(lines).toEqual(['本机 Node.js 版本为 20.19.0，桌面版（Electron 45）需要 Node.js 22.12 或更高版本：请升级 Node.js，或改用网页版 npm run web（Node.js 20.19 即可）。']);
      expect(existsSync(join(project, 'launched.txt'))).toBe(false);
    }
    expect(start(['--check-node'], '22.11.9').status).toBe(1);
    expect(start(['--check-node'], '22.12.0').status).toBe(0);
    expect(start(['--check-node'], '24.1.0').status).toBe(0);
    expect(existsSync(join(project, 'launched.txt'))).toBe(false);
  });

  it('npm start checks the Node.js version before it builds', () => {
    const pkg = JSON.parse(readFileSync(resolve('package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.start!.startsWith('node scripts/start-electron.mjs --check-node && ')).toBe(true);
  });

  it('refuses to start an unbuilt app', () => {
    setUp("process.exit(0);");
    rmSync(join(project, 'dist'), { recursive: true });
    const result = start();
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('npm run build');
  });
});
