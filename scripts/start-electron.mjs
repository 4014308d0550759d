#!/usr/bin/env node
// `npm start` (after `npm run build`): launch the desktop app. The `electron` package downloads its binary at
// install time; if that did not happen (offline install, --ignore-scripts), try once more here. Without network the
// download cannot succeed: say so in one line and point to the web twin instead.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

// Electron 45 and its downloader need Node.js 22.12+ (the tests and the web twin run on 20.19+). Say so in one line
// before anything else. TAIZHANG_NODE_VERSION stands in for the running version in tests.
const REQUIRED = [22, 12];
const nodeVersion = process.env.TAIZHANG_NODE_VERSION || process.versions.node;
const [major = 0, minor = 0] = nodeVersion.split('.').map(Number);
if (major < REQUIRED[0] || (major === REQUIRED[0] && minor < REQUIRED[1])) {
  console.error(`本机 Node.js 版本为 ${nodeVersion}，桌面版（Electron 45）需要 Node.js 22.12 或更高版本：请升级 Node.js，或改用网页版 npm run web（Node.js 20.19 即可）。`);
  process.exit(1);
}
// `npm start` checks first (--check-node), so an old Node.js is reported before tens of seconds of building.
if (process.argv.includes('--check-node')) process.exit(0);

const electronDir = join('node_modules', 'electron');
const binaryRecorded = () => existsSync(join(electronDir, 'path.txt'));

if (!existsSync('dist/electron/main.cjs') || !existsSync('dist/renderer/index.html')) {
  console.error('尚未构建：请先运行 npm run build（npm start 会自动构建）。');
  process.exit(1);
}

if (!binaryRecorded()) {
  console.log('正在下载 Electron 运行文件（仅首次需要）…');
  const install = spawnSync(process.execPath, [join(electronDir, 'install.js')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (install.status !== 0 || !binaryRecorded()) {
    const output = `${install.stderr ?? ''}\n${install.stdout ?? ''}`;
    const reason = /(ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|ECONNRESET|fetch failed)[^\n]*/.exec(output)?.[0]?.trim() ?? `install.js 退出码 ${install.status}`;
    console.error(`无法下载 Electron 运行文件（${reason}），本机可能无法联网：请在能联网的电脑上运行 npm install，或改用网页版 npm run web。`);
    process.exit(1);
  }
}

// Resolved from the project folder (npm runs scripts there), like `npx electron` would.
const electronBinary = createRequire(resolve('package.json'))('electron');
const env = { ...process.env };
delete env.ELECTRON_RUN_AS_NODE;
const child = spawn(electronBinary, ['.', ...process.argv.slice(2)], { stdio: 'inherit', env });
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
