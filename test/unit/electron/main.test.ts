import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC, OPEN_FILE_EVENT } from '../../../electron/channels';
import { APP_ENTRY_URL } from '../../../electron/origin';
import { secureWebPreferences } from '../../../electron/security';
import { APP_PAGE, FakeEmitter, fakeEvent, invokeEvent } from './fakes';

/** A fake of the parts of Electron that main.ts touches; `log` records the order of the calls that matter. */
const fake = vi.hoisted(() => {
  const state = {
    log: [] as string[],
    lockGranted: true,
    resolveReady: (): void => undefined,
    windows: [] as any[],
    handlers: new Map<string, (...args: any[]) => any>(),
    appListeners: new Map<string, Array<(...args: any[]) => void>>(),
    sessionCalls: new Map<string, unknown[]>(),
    protocolHandlers: new Map<string, unknown>(),
    errorBoxes: [] as string[][],
  };
  return state;
});

vi.mock('electron', () => {
  const on = (event: string, listener: (...args: any[]) => void) => {
    fake.appListeners.set(event, [...(fake.appListeners.get(event) ?? []), listener]);
    fake.log.push(`app.on:${event}`);
  };
  const app = {
    setPath: (name: string, value: string) => fake.log.push(`setPath:${name}=${value}`),
    getPath: (name: string) => `/fake/${name}`,
    getVersion: () => '9.9.9',
    enableSandbox: () => fake.log.push('enableSandbox'),
    requestSingleInstanceLock: () => {
      fake.log.push('requestSingleInstanceLock');
      return fake.lockGranted;
    },
    quit: () => fake.log.push('quit'),
    on,
    whenReady: () => {
      fake.log.push('whenReady');
      return new Promise<void>((resolve) => {
        fake.resolveReady = resolve;
      });
    },
  };
  const record = (name: string) => (...args: unknown[]) => {
    fake.sessionCalls.set(name, args);
  };
  const session = {
    defaultSession: Object.assign(
      {
        on: record('on'),
        setPermissionRequestHandler: record('setPermissionRequestHandler'),
        setPermissionCheckHandler: record('setPermissionCheckHandler'),
        setDevicePermissionHandler: record('setDevicePermissionHandler'),
        setSpellCheckerEnabled: record('setSpellCheckerEnabled'),
      },
      { webRequest: { onBeforeRequest: record('onBeforeRequest') } },
    ),
  };
  const protocol = {
    registerSchemesAsPrivileged: (schemes: unknown) => fake.log.push(`registerSchemesAsPrivileged:${JSON.stringify(schemes)}`),
    handle: (scheme: string, handler: unknown) => {
      fake.log.push(`protocol.handle:${scheme}`);
      fake.protocolHandlers.set(scheme, handler);
    },
  };
  class BrowserWindow {
    static fromWebContents = () => null;
    readonly listeners = new Map<string, () => void>();
    loadedUrl = '';
    focused = 0;
    constructor(readonly options: any) {
      fake.log.push('new BrowserWindow');
      fake.windows.push(this);
    }
    once(event: string, listener: () => void) {
      this.listeners.set(event, listener);
    }
    on(event: string, listener: () => void) {
      this.listeners.set(event, listener);
    }
    loadURL(url: string) {
      this.loadedUrl = url;
      return Promise.resolve();
    }
    isDestroyed = () => false;
    isMinimized = () => true;
    restore = () => fake.log.push('window.restore');
    show = () => undefined;
    focus = () => {
      this.focused += 1;
    };
  }
  return {
    app,
    session,
    protocol,
    BrowserWindow,
    Menu: { setApplicationMenu: (menu: unknown) => fake.log.push(`setApplicationMenu:${menu}`) },
    dialog: { showErrorBox: (...args: string[]) => fake.errorBoxes.push(args), showOpenDialog: vi.fn(), showSaveDialog: vi.fn() },
    ipcMain: { handle: (channel: string, handler: (...args: any[]) => any) => fake.handlers.set(channel, handler) },
  };
});

let dir: string;
const argv = process.argv;
beforeEach(() => {
  vi.resetModules();
  Object.assign(fake, { log: [], lockGranted: true, windows: [], errorBoxes: [] });
  fake.handlers.clear();
  fake.appListeners.clear();
  fake.sessionCalls.clear();
  fake.protocolHandlers.clear();
  dir = mkdtempSync(join(tmpdir(), 'taizhang-main-'));
});
afterEach(() => {
  process.argv = argv;
  rmSync(dir, { recursive: true, force: true });
});

async function startMain(): Promise<void> {
  await import('../../../electron/main');
  fake.resolveReady();
  await vi.waitFor(() => expect(fake.windows).toHaveLength(1));
}

describe('main process composition', () => {
  it('pins the profile folder, sandboxes renderers and registers app:// before anything else', async () => {
    await import('../../../electron/main');
    expect(fake.log.slice(0, 4)).toEqual([
      `setPath:userData=${join('/fake/appData', 'taizhang')}`,
      'enableSandbox',
      'registerSchemesAsPrivileged:[{"scheme":"app","privileges":{"standard":true,"secure":true,"supportFetchAPI":true,"codeCache":true}}]',
      'requestSingleInstanceLock',
    ]);
    expect(fake.log).not.toContain('new BrowserWindow');
  });

  it('requests the single-instance lock and quits at once when another instance holds it', async () => {
    fake.lockGranted = false;
    await import('../../../electron/main');
    expect(fake.log).toContain('requestSingleInstanceLock');
    expect(fake.log).toContain('quit');
    expect(fake.log).not.toContain('whenReady');
    expect(fake.appListeners.size).toBe(0);
  });

  it('once ready: hardens the session, serves app://, registers every IPC handler and opens the secure window', async () => {
    await startMain();
    for (const name of ['setPermissionRequestHandler', 'setPermissionCheckHandler', 'setDevicePermissionHandler', 'onBeforeRequest']) {
      expect(fake.sessionCalls.has(name), name).toBe(true);
    }
    expect(fake.protocolHandlers.has('app')).toBe(true);
    expect([...fake.handlers.keys()].sort()).toEqual(Object.values(IPC).sort());
    expect(fake.log).toContain('setApplicationMenu:null');
    const window = fake.windows[0];
    expect(window.loadedUrl).toBe(APP_ENTRY_URL);
    expect(window.options.webPreferences).toEqual(secureWebPreferences(window.options.webPreferences.preload));
    expect(window.options.webPreferences.preload).toMatch(/preload\.cjs$/);
    expect(fake.log.indexOf('protocol.handle:app')).toBeLessThan(fake.log.indexOf('new BrowserWindow'));
  });

  it('hardens every web contents the app creates', async () => {
    await import('../../../electron/main');
    const contents = Object.assign(new FakeEmitter(), { setWindowOpenHandler: vi.fn() });
    for (const listener of fake.appListeners.get('web-contents-created') ?? []) listener({}, contents);
    const navigation = fakeEvent({ url: 'https://example.com/' });
    contents.emit('will-navigate', navigation);
    expect(navigation.defaultPrevented).toBe(true);
    expect(contents.setWindowOpenHandler.mock.calls[0]![0]({ url: 'https://example.com' })).toEqual({ action: 'deny' });
  });

  it('forwards a .tzsync file from a second launch to the page and focuses the window', async () => {
    const snapshot = join(dir, '乙单位.tzsync');
    writeFileSync(snapshot, 'snap');
    await startMain();
    const event = invokeEvent(APP_PAGE);
    expect(await fake.handlers.get(IPC.openFileSubscribe)!(event)).toEqual({ ok: true, value: [] });
    for (const listener of fake.appListeners.get('second-instance') ?? []) listener({}, ['/opt/taizhang', '乙单位.tzsync'], dir);
    const sent = (event.sender as unknown as { sent: unknown[] }).sent;
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual([OPEN_FILE_EVENT, { name: '乙单位.tzsync', bytes: new Uint8Array(Buffer.from('snap')) }]);
    expect(fake.windows[0].focused).toBe(1);
  });

  it('keeps a .tzsync file from its own command line (or macOS open-file) until the page subscribes', async () => {
    const first = join(dir, 'a.tzsync');
    const second = join(dir, 'b.tzsync');
    writeFileSync(first, '1');
    writeFileSync(second, '2');
    process.argv = ['/opt/taizhang', first];
    await startMain();
    const openFile = fakeEvent();
    for (const listener of fake.appListeners.get('open-file') ?? []) listener(openFile, second);
    expect(openFile.defaultPrevented).toBe(true);
    const reply = await fake.handlers.get(IPC.openFileSubscribe)!(invokeEvent(APP_PAGE));
    expect(reply.value.map((f: { name: string }) => f.name)).toEqual(['a.tzsync', 'b.tzsync']);
  });

  it('quits when the window closes', async () => {
    await import('../../../electron/main');
    for (const listener of fake.appListeners.get('window-all-closed') ?? []) listener();
    expect(fake.log).toContain('quit');
  });
});
