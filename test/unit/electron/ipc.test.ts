import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC, OPEN_FILE_EVENT, type InvokeChannel, type IpcReply } from '../../../electron/channels';
import { INVALID_ARGS_MESSAGE, WRONG_SENDER_MESSAGE, registerIpcHandlers, writeWhole, type IpcDependencies } from '../../../electron/ipc';
import { MAX_TRANSFER_BYTES } from '../../../electron/ipcSchemas';
import { OpenRequestInbox } from '../../../electron/openRequests';
import { APP_PAGE, invokeEvent } from './fakes';

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<IpcReply<unknown>>;

let base: string;
let handlers: Map<string, Handler>;
let dialog: { showOpenDialog: ReturnType<typeof vi.fn>; showSaveDialog: ReturnType<typeof vi.fn> };
let inboxErrors: string[];
let inbox: OpenRequestInbox;
let backupsDir: string;

const validArgs: Record<InvokeChannel, unknown[]> = {
  [IPC.openFiles]: [{ title: '选择任务分解表', filters: [{ name: '文档', extensions: ['docx', 'xlsx'] }], multiple: true }],
  [IPC.saveFile]: [{ title: '导出台账', suggestedName: '台账.xlsx', filters: [{ name: 'Excel', extensions: ['xlsx'] }], bytes: new Uint8Array([1, 2, 3]) }],
  [IPC.appInfo]: [],
  [IPC.backupWrite]: ['backup-2026-01-01.json', new Uint8Array([7])],
  [IPC.backupList]: [],
  [IPC.backupRead]: ['backup-2026-01-01.json'],
  [IPC.backupRemove]: ['backup-2026-01-01.json'],
  [IPC.openFileSubscribe]: [],
};

const invalidArgs: Record<InvokeChannel, unknown[][]> = {
  [IPC.openFiles]: [[], [null], [{ title: 'x', filters: [], multiple: 'yes' }], [{ title: 'x', filters: [{ name: 'a', extensions: ['../x'] }], multiple: false }], [{ title: 'x', filters: [], multiple: false, defaultPath: '/etc' }]],
  [IPC.saveFile]: [
    [{ title: 'x', suggestedName: '../../.bashrc', filters: [], bytes: new Uint8Array(1) }],
    [{ title: 'x', suggestedName: 'C:\\Windows\\x.dll', filters: [], bytes: new Uint8Array(1) }],
    [{ title: 'x', suggestedName: 'a.xlsx', filters: [], bytes: 'not bytes' }],
    [{ title: 'x', suggestedName: 'a.xlsx', filters: [], bytes: [1, 2, 3] }],
    [{ title: 'x', suggestedName: '', filters: [], bytes: new Uint8Array(1) }],
  ],
  [IPC.appInfo]: [['extra']],
  [IPC.backupWrite]: [['../escape', new Uint8Array(1)], ['..', new Uint8Array(1)], ['a/b', new Uint8Array(1)], ['ok.json', 'text'], ['ok.json']],
  [IPC.backupList]: [[1]],
  [IPC.backupRead]: [['../../etc/passwd'], ['..'], [''], [42], ['备份.json']],
  [IPC.backupRemove]: [['../x'], ['.'], [null]],
  [IPC.openFileSubscribe]: [[{ evil: true }]],
};

function call(channel: InvokeChannel, args: unknown[], event = invokeEvent(APP_PAGE)) {
  return handlers.get(channel)!(event, ...args);
}

beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), 'taizhang-ipc-'));
  backupsDir = join(base, 'userData', 'backups');
  mkdirSync(join(base, 'docs'));
  handlers = new Map();
  dialog = { showOpenDialog: vi.fn(), showSaveDialog: vi.fn() };
  inboxErrors = [];
  inbox = new OpenRequestInbox((m) => inboxErrors.push(m));
  const deps: IpcDependencies = {
    dialog: dialog as unknown as IpcDependencies['dialog'],
    windowOf: () => null,
    backupsDir,
    documentsDir: join(base, 'docs'),
    appInfo: { name: '任务分解台账', version: '1.2.3', shell: 'electron', os: 'Linux 6.1 (x64)' },
    inbox,
  };
  const ipcMain = { handle: (channel: string, handler: Handler) => handlers.set(channel, handler) };
  registerIpcHandlers(ipcMain as unknown as Pick<IpcMain, 'handle'>, deps);
});
afterEach(() => rmSync(base, { recursive: true, force: true }));

describe('every IPC handler', () => {
  it('is registered, one per channel', () => {
    expect([...handlers.keys()].sort()).toEqual(Object.values(IPC).sort());
  });

  it.each(Object.values(IPC))('%s rejects callers that are not the app page, touching nothing', async (channel) => {
    const outsiders = [
      invokeEvent(null),
      invokeEvent('https://example.com/'),
      invokeEvent('http://127.0.0.1:4173/index.html'),
      invokeEvent('file:///tmp/index.html'),
      invokeEvent('app://other/index.html'),
      invokeEvent('about:blank'),
      invokeEvent(APP_PAGE, { subframe: true }),
    ];
    for (const event of outsiders) {
      expect(await call(channel, validArgs[channel], event)).toEqual({ ok: false, error: WRONG_SENDER_MESSAGE });
    }
    expect(dialog.showOpenDialog).not.toHaveBeenCalled();
    expect(dialog.showSaveDialog).not.toHaveBeenCalled();
    expect(existsSync(backupsDir)).toBe(false);
  });

  it.each(Object.values(IPC))('%s rejects invalid arguments with a Chinese message, touching nothing', async (channel) => {
    for (const args of invalidArgs[channel]) {
      const reply = await call(channel, args);
      expect(reply.ok, JSON.stringify(args)).toBe(false);
      if (!reply.ok) {
        expect(reply.error.startsWith(INVALID_ARGS_MESSAGE)).toBe(true);
        expect(reply.error).toMatch(/[\u4e00-\u9fff]/);
      }
    }
    expect(dialog.showOpenDialog).not.toHaveBeenCalled();
    expect(dialog.showSaveDialog).not.toHaveBeenCalled();
    expect(existsSync(backupsDir)).toBe(false);
  });
});

describe('open files', () => {
  it('reads the chosen files as bytes', async () => {
    const a = join(base, 'docs', '若干措施.docx');
    const b = join(base, 'docs', '任务.xlsx');
    writeFileSync(a, 'AAA');
    writeFileSync(b, new Uint8Array([0, 255]));
    dialog.showOpenDialog.mockResolvedValue({ canceled: false, filePaths: [a, b] });
    const reply = await call(IPC.openFiles, validArgs[IPC.openFiles]!);
    expect(reply).toEqual({ ok: true, value: [{ name: '若干措施.docx', bytes: new Uint8Array([65, 65, 65]) }, { name: '任务.xlsx', bytes: new Uint8Array([0, 255]) }] });
    const options = dialog.showOpenDialog.mock.calls[0]![0];
    expect(options.properties).toEqual(['openFile', 'multiSelections']);
    expect(options.filters).toEqual([{ name: '文档', extensions: ['docx', 'xlsx'] }]);
  });

  it('returns nothing when the user cancels', async () => {
    dialog.showOpenDialog.mockResolvedValue({ canceled: true, filePaths: [] });
    expect(await call(IPC.openFiles, validArgs[IPC.openFiles]!)).toEqual({ ok: true, value: [] });
  });

  it('refuses a file over the size limit, in Chinese', async () => {
    const big = join(base, 'docs', 'big.xlsx');
    writeFileSync(big, '');
    truncateSync(big, MAX_TRANSFER_BYTES + 1); // sparse: costs no disk space
    dialog.showOpenDialog.mockResolvedValue({ canceled: false, filePaths: [big] });
    expect(await call(IPC.openFiles, validArgs[IPC.openFiles]!)).toEqual({ ok: false, error: '文件超过 512 MB：big.xlsx' });
  });

  it('explains a vanished file in Chinese', async () => {
    dialog.showOpenDialog.mockResolvedValue({ canceled: false, filePaths: [join(base, 'docs', 'gone.docx')] });
    expect(await call(IPC.openFiles, validArgs[IPC.openFiles]!)).toEqual({ ok: false, error: '打开文件失败：找不到文件或文件夹' });
  });
});

describe('unexpected failures', () => {
  it('reach the user as a short Chinese sentence and the log in full', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    dialog.showOpenDialog.mockRejectedValue(new Error('GTK dialog crashed'));
    expect(await call(IPC.openFiles, validArgs[IPC.openFiles]!)).toEqual({ ok: false, error: '打开文件失败' });
    expect(logged).toHaveBeenCalledWith('[ipc] 打开文件', expect.objectContaining({ message: 'GTK dialog crashed' }));
    logged.mockRestore();
  });
});

describe('save file', () => {
  it('writes the bytes where the user chose and says where', async () => {
    const target = join(base, 'docs', '导出.xlsx');
    dialog.showSaveDialog.mockResolvedValue({ canceled: false, filePath: target });
    expect(await call(IPC.saveFile, validArgs[IPC.saveFile]!)).toEqual({ ok: true, value: { saved: true, location: target } });
    expect([...readFileSync(target)]).toEqual([1, 2, 3]);
    expect(readdirSync(join(base, 'docs'))).toEqual(['导出.xlsx']);
    expect(dialog.showSaveDialog.mock.calls[0]![0].defaultPath).toBe(join(base, 'docs', '台账.xlsx'));
  });

  it('writes nothing when the user cancels', async () => {
    dialog.showSaveDialog.mockResolvedValue({ canceled: true, filePath: '' });
    expect(await call(IPC.saveFile, validArgs[IPC.saveFile]!)).toEqual({ ok: true, value: { saved: false, location: null } });
    expect(readdirSync(join(base, 'docs'))).toEqual([]);
  });

  it('explains a failed write in Chinese and leaves no partial file', async () => {
    dialog.showSaveDialog.mockResolvedValue({ canceled: false, filePath: join(base, 'no-such-folder', 'x.xlsx') });
    expect(await call(IPC.saveFile, validArgs[IPC.saveFile]!)).toEqual({ ok: false, error: '保存文件失败：找不到文件或文件夹' });
    expect(existsSync(join(base, 'no-such-folder'))).toBe(false);
  });

  it('does not overwrite an existing file with a partial one when the write fails', async () => {
    const target = join(base, 'docs', 'keep.xlsx');
    writeFileSync(target, 'old');
    mkdirSync(`${target}.dir`);
    // Target a folder: rename onto a directory fails; the old file next to it stays intact.
    dialog.showSaveDialog.mockResolvedValue({ canceled: false, filePath: `${target}.dir` });
    const reply = await call(IPC.saveFile, validArgs[IPC.saveFile]!);
    expect(reply.ok).toBe(false);
    expect(readFileSync(target, 'utf8')).toBe('old');
    expect(readdirSync(join(base, 'docs')).sort()).toEqual(['keep.xlsx', 'keep.xlsx.dir']);
  });
});

describe('writeWhole (saved files)', () => {
  it('keeps the permissions of the file it replaces, and gives a new file the default ones', async () => {
    const target = join(base, 'docs', 'shared.xlsx');
    writeFileSync(target, 'old');
    chmodSync(target, 0o640);
    await writeWhole(target, new Uint8Array([7]));
    expect(statSync(target).mode & 0o777).toBe(0o640);
    expect([...readFileSync(target)]).toEqual([7]);
    const fresh = join(base, 'docs', 'new.xlsx');
    await writeWhole(fresh, new Uint8Array([8]));
    expect(statSync(fresh).mode & 0o777).toBe(0o666 & ~process.umask());
  });

  it('flushes the data to disk before renaming it over the target', async () => {
    const target = join(base, 'docs', 'synced.xlsx');
    const order: string[] = [];
    const probe = await open(join(base, 'docs', 'probe'), 'w');
    const proto = Object.getPrototypeOf(probe) as { sync(): Promise<void> };
    await probe.close();
    const sync = vi.spyOn(proto, 'sync').mockImplementation(async function (this: unknown) {
      order.push(existsSync(target) ? 'sync after rename' : 'sync before rename');
    });
    try {
      await writeWhole(target, new Uint8Array([1]));
    } finally {
      sync.mockRestore();
    }
    expect(order[0]).toBe('sync before rename');
    expect([...readFileSync(target)]).toEqual([1]);
  });
});

describe('app info', () => {
  it('describes the desktop shell', async () => {
    expect(await call(IPC.appInfo, [])).toEqual({ ok: true, value: { name: '任务分解台账', version: '1.2.3', shell: 'electron', os: 'Linux 6.1 (x64)' } });
  });
});

describe('backups', () => {
  it('write, list, read and remove under userData/backups', async () => {
    expect(await call(IPC.backupList, [])).toEqual({ ok: true, value: [] });
    expect(await call(IPC.backupWrite, ['b1.json', new Uint8Array([1, 2])])).toEqual({ ok: true, value: undefined });
    expect(await call(IPC.backupWrite, ['b2.json', new Uint8Array([3])])).toEqual({ ok: true, value: undefined });
    writeFileSync(join(backupsDir, 'stray file.txt'), 'ignored: name outside the pattern');
    const list = await call(IPC.backupList, []);
    expect(list.ok).toBe(true);
    const entries = (list as { value: Array<{ name: string; size: number; createdAt: string }> }).value;
    expect(entries.map((e) => [e.name, e.size]).sort()).toEqual([['b1.json', 2], ['b2.json', 1]]);
    expect(entries.every((e) => !Number.isNaN(Date.parse(e.createdAt)))).toBe(true);
    expect(await call(IPC.backupRead, ['b1.json'])).toEqual({ ok: true, value: new Uint8Array([1, 2]) });
    expect(await call(IPC.backupRemove, ['b1.json'])).toEqual({ ok: true, value: undefined });
    expect(await call(IPC.backupRemove, ['b1.json'])).toEqual({ ok: true, value: undefined });
    expect(await call(IPC.backupRead, ['b1.json'])).toEqual({ ok: false, error: '找不到该备份' });
    expect(readdirSync(backupsDir).sort()).toEqual(['b2.json', 'stray file.txt']);
  });

  it('never writes outside the backups folder', async () => {
    for (const name of ['../escape.json', '..', '.', 'a/b.json', '..\\x.json']) {
      const reply = await call(IPC.backupWrite, [name, new Uint8Array(1)]);
      expect(reply.ok, name).toBe(false);
    }
    expect(existsSync(backupsDir)).toBe(false);
    expect(readdirSync(join(base, 'userData', '..')).sort()).toEqual(['docs']);
  });
});

describe('files the OS asked to open', () => {
  it('are held until the page subscribes, then pushed as they come', async () => {
    const first = join(base, 'docs', 'a.tzsync');
    const second = join(base, 'docs', 'b.tzsync');
    writeFileSync(first, 'one');
    writeFileSync(second, 'two');
    inbox.push([first]);
    const event = invokeEvent(APP_PAGE);
    expect(await call(IPC.openFileSubscribe, [], event)).toEqual({ ok: true, value: [{ name: 'a.tzsync', bytes: new Uint8Array([111, 110, 101]) }] });
    inbox.push([second]);
    await vi.waitFor(() => expect((event.sender as unknown as { sent: unknown[] }).sent).toHaveLength(1));
    expect((event.sender as unknown as { sent: unknown[] }).sent[0]).toEqual([OPEN_FILE_EVENT, { name: 'b.tzsync', bytes: new Uint8Array([116, 119, 111]) }]);
  });
});
