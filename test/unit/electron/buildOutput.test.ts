import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BRIDGE_KEY } from '../../../shared/platform/bridge';

/**
 * The bundles scripts/build-electron.mjs emits, loaded in plain Node with `require('electron')` answered by a
 * stand-in: proves the CommonJS output starts the app as the sources do (paths relative to __dirname included).
 */
let work: string;
let outDir: string;

const HOOK = String.raw`
const Module = require('node:module');
const fs = require('node:fs');
const log = [];
let handler = null;
const electron = {
  app: {
    setPath: (k, v) => log.push(['setPath', k, v]),
    getPath: (k) => '/fake/' + k,
    getVersion: () => '0.0.0',
    enableSandbox: () => log.push(['enableSandbox']),
    requestSingleInstanceLock: () => (log.push(['lock']), true),
    quit: () => log.push(['quit']),
    on: (e) => log.push(['app.on', e]),
    whenReady: () => Promise.resolve(),
  },
  protocol: {
    registerSchemesAsPrivileged: (s) => log.push(['privileged', s]),
    handle: (scheme, h) => { log.push(['handle', scheme]); handler = h; },
  },
  session: { defaultSession: {
    setPermissionRequestHandler: () => log.push(['permissionRequest']),
    setPermissionCheckHandler: () => log.push(['permissionCheck']),
    setDevicePermissionHandler: () => {},
    setSpellCheckerEnabled: () => {},
    webRequest: { onBeforeRequest: () => log.push(['onBeforeRequest']) },
    on: () => {},
  } },
  ipcMain: { handle: (c) => log.push(['ipc', c]) },
  Menu: { setApplicationMenu: () => {} },
  dialog: { showErrorBox: (...a) => log.push(['errorBox', ...a]) },
  BrowserWindow: class {
    constructor(options) { log.push(['window', options]); }
    once() {} on() {}
    loadURL(url) {
      log.push(['loadURL', url]);
      return handler(new Request(url)).then(async (r) => log.push(['served', r.status, r.headers.get('content-security-policy'), await r.text()]));
    }
  },
  contextBridge: { exposeInMainWorld: (key, api) => log.push(['exposed', key, Object.keys(api).sort(), Object.keys(api.backups).sort()]) },
  ipcRenderer: { invoke: async () => ({ ok: true, value: null }), on: () => {} },
};
const load = Module._load;
Module._load = function (request, ...rest) {
  if (request === 'electron') return electron;
  return load.call(this, request, ...rest);
};
process.on('exit', () => fs.writeFileSync(process.env.HOOK_LOG, JSON.stringify(log)));
`;

function runWithStandIn(entry: string): unknown[][] {
  const logFile = join(work, `${Date.now()}-${Math.random()}.json`);
  const result = spawnSync(process.execPath, ['-r', join(work, 'hook.cjs'), entry], {
    env: { ...process.env, HOOK_LOG: logFile },
    encoding: 'utf8',
    timeout: 30_000,
  });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return JSON.parse(readFileSync(logFile, 'utf8'));
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'taizhang-build-'));
  outDir = join(work, 'dist', 'electron');
  const build = spawnSync(process.execPath, [resolve('scripts/build-electron.mjs')], {
    env: { ...process.env, ELECTRON_OUT_DIR: outDir },
    encoding: 'utf8',
  });
  expect(build.status, build.stderr).toBe(0);
  mkdirSync(join(work, 'dist', 'renderer'));
  writeFileSync(join(work, 'dist', 'renderer', 'index.html'), '<!doctype html><title>built</title>');
  writeFileSync(join(work, 'hook.cjs'), HOOK);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('built main.cjs', () => {
  it('starts the app: privileged scheme, lock, hardened session, app:// window with the sibling preload', () => {
    const log = runWithStandIn(join(outDir, 'main.cjs'));
    const names = log.map((entry) => entry[0]);
    expect(names.indexOf('privileged')).toBeLessThan(names.indexOf('lock'));
    expect(names).toEqual(expect.arrayContaining(['enableSandbox', 'permissionRequest', 'permissionCheck', 'onBeforeRequest']));
    expect(log.filter((e) => e[0] === 'ipc')).toHaveLength(8);
    const window = log.find((e) => e[0] === 'window')![1] as { webPreferences: Record<string, unknown> };
    expect(window.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(window.webPreferences.preload).toBe(join(outDir, 'preload.cjs'));
    expect(log).toContainEqual(['loadURL', 'app://taizhang/index.html']);
    const served = log.find((e) => e[0] === 'served')!;
    expect(served[1]).toBe(200);
    expect(served[2]).toContain("default-src 'self'");
    expect(served[3]).toContain('<title>built</title>');
    expect(names).not.toContain('errorBox');
  });
});

describe('built preload.cjs', () => {
  it('requires nothing but electron and exposes only the Platform functions', () => {
    const source = readFileSync(join(outDir, 'preload.cjs'), 'utf8');
    expect([...source.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1])).toEqual(['electron']);
    const log = runWithStandIn(join(outDir, 'preload.cjs'));
    expect(log).toEqual([['exposed', BRIDGE_KEY, ['appInfo', 'backups', 'onOpenFile', 'openFiles', 'saveFile'], ['list', 'read', 'remove', 'write']]]);
  });
});
