import type { BrowserWindow, Dialog, IpcMain, IpcMainInvokeEvent, WebFrameMain } from 'electron';
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { z } from 'zod';
import type { AppInfo, BackupEntry, PickedFile, SaveFileResult } from '../shared/platform/bridge';
import { BACKUP_NAME_PATTERN } from '../shared/platform/bridge';
import { IPC, OPEN_FILE_EVENT, type InvokeChannel, type IpcArgs, type IpcReply, type IpcResult } from './channels';
import { UserFacingError, describeError } from './errors';
import {
  MAX_TRANSFER_BYTES,
  MAX_TRANSFER_LABEL,
  backupNameArgs,
  backupWriteArgs,
  noArgs,
  openFilesArgs,
  saveFileArgs,
} from './ipcSchemas';
import type { OpenRequestInbox } from './openRequests';
import { isAppUrl } from './origin';

/** What the handlers need from the outside world; main.ts passes Electron's, tests pass fakes. */
export interface IpcDependencies {
  dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>;
  /** The window a request came from, to parent its dialogs. */
  windowOf(event: IpcMainInvokeEvent): BrowserWindow | null;
  /** userData/backups */
  backupsDir: string;
  /** Folder the save dialog starts in. */
  documentsDir: string;
  appInfo: AppInfo;
  inbox: OpenRequestInbox;
}

export const WRONG_SENDER_MESSAGE = '拒绝请求：调用方不是本应用的页面';
export const INVALID_ARGS_MESSAGE = '请求参数无效';

/** Only the app's own top-level page may call the main process; not a frame, not another origin, not a dead frame. */
export function isTrustedSender(frame: WebFrameMain | null | undefined): boolean {
  if (!frame) return false;
  if (frame.parent !== null) return false;
  return isAppUrl(frame.url);
}

/** One channel's handler: the schema parses exactly the contract's arguments, run returns its result. */
interface HandlerDefinition<C extends InvokeChannel> {
  args: z.ZodType<IpcArgs<C>>;
  run(event: IpcMainInvokeEvent, args: IpcArgs<C>): Promise<IpcResult<C>>;
  /** What the user was doing, for error messages ("保存文件失败：磁盘空间不足"). */
  action: string;
}

type HandlerTable = { [C in InvokeChannel]: HandlerDefinition<C> };

function describeIssue(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return INVALID_ARGS_MESSAGE;
  // Messages we wrote ourselves are Chinese; zod's defaults are English and stay out of the UI.
  return /[\u4e00-\u9fff]/.test(issue.message) ? `${INVALID_ARGS_MESSAGE}：${issue.message}` : INVALID_ARGS_MESSAGE;
}

/** Runs one request: sender check, then schema, then the handler; every failure becomes a Chinese message. */
async function answer<C extends InvokeChannel>(
  definition: HandlerDefinition<C>,
  event: IpcMainInvokeEvent,
  raw: unknown[],
): Promise<IpcReply<IpcResult<C>>> {
  if (!isTrustedSender(event.senderFrame)) return { ok: false, error: WRONG_SENDER_MESSAGE };
  const parsed = definition.args.safeParse(raw);
  if (!parsed.success) return { ok: false, error: describeIssue(parsed.error.issues[0]) };
  try {
    return { ok: true, value: await definition.run(event, parsed.data) };
  } catch (error) {
    const message = describeError(error, definition.action);
    // Refusals we explained and known file-system conditions are the user's business; anything else is a bug.
    if (message === `${definition.action}失败`) console.error(`[ipc] ${definition.action}`, error);
    return { ok: false, error: message };
  }
}

async function readPickedFile(path: string): Promise<PickedFile> {
  const name = basename(path);
  const info = await stat(path);
  if (!info.isFile()) throw new UserFacingError(`不是文件：${name}`);
  if (info.size > MAX_TRANSFER_BYTES) throw new UserFacingError(`文件超过 ${MAX_TRANSFER_LABEL}：${name}`);
  return { name, bytes: new Uint8Array(await readFile(path)) };
}

/**
 * Writes next to the target under a temporary name, then renames: a failed write never leaves half a file.
 * A file replaced keeps its permissions (a ledger shared read-only stays read-only for others); the data is
 * flushed to disk before the rename, and the folder after it, so a power cut leaves the old file or the new
 * one, never an empty one.
 */
export async function writeWhole(path: string, bytes: Uint8Array): Promise<void> {
  const temporary = `${path}.~${randomBytes(4).toString('hex')}.partial`;
  let mode: number | undefined;
  try {
    const existing = await stat(path);
    if (existing.isFile()) mode = existing.mode & 0o7777;
  } catch {
    // A new file: the default permissions.
  }
  try {
    const handle = await open(temporary, 'wx', mode ?? 0o666);
    try {
      await handle.writeFile(bytes);
      if (mode !== undefined) await handle.chmod(mode); // the umask narrowed the mode given to open()
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  await syncFolder(dirname(path));
}

/** Flush a folder's entries (the rename) to disk; Windows has no such call and journals renames itself. */
async function syncFolder(folder: string): Promise<void> {
  if (process.platform === 'win32') return;
  let handle: Awaited<ReturnType<typeof open>> | null = null;
  try {
    handle = await open(folder, 'r');
    await handle.sync();
  } catch {
    // Some file systems (network shares, FAT on USB sticks) refuse: the data itself is already synced.
  } finally {
    await handle?.close();
  }
}

function notFoundAs(message: string) {
  return (error: unknown): never => {
    if (typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ENOENT') {
      throw new UserFacingError(message);
    }
    throw error;
  };
}

/** The handlers, one per Platform function (see shared/platform/bridge.ts). */
export function createHandlers(deps: IpcDependencies): HandlerTable {
  const backupPath = (name: string) => join(deps.backupsDir, name);
  return {
    [IPC.openFiles]: {
      args: openFilesArgs,
      action: '打开文件',
      async run(event, [request]): Promise<PickedFile[]> {
        const options = {
          title: request.title,
          filters: request.filters,
          properties: request.multiple ? (['openFile', 'multiSelections'] as const) : (['openFile'] as const),
        };
        const window = deps.windowOf(event);
        const result = window
          ? await deps.dialog.showOpenDialog(window, { ...options, properties: [...options.properties] })
          : await deps.dialog.showOpenDialog({ ...options, properties: [...options.properties] });
        if (result.canceled) return [];
        return Promise.all(result.filePaths.map(readPickedFile));
      },
    },
    [IPC.saveFile]: {
      args: saveFileArgs,
      action: '保存文件',
      async run(event, [request]): Promise<SaveFileResult> {
        const options = { title: request.title, defaultPath: join(deps.documentsDir, request.suggestedName), filters: request.filters };
        const window = deps.windowOf(event);
        const result = window ? await deps.dialog.showSaveDialog(window, options) : await deps.dialog.showSaveDialog(options);
        if (result.canceled || !result.filePath) return { saved: false, location: null };
        await writeWhole(result.filePath, request.bytes);
        return { saved: true, location: result.filePath };
      },
    },
    [IPC.appInfo]: {
      args: noArgs,
      action: '读取应用信息',
      run: async (): Promise<AppInfo> => ({ ...deps.appInfo }),
    },
    [IPC.backupWrite]: {
      args: backupWriteArgs,
      action: '写入备份',
      async run(_event, [name, bytes]): Promise<void> {
        await mkdir(deps.backupsDir, { recursive: true });
        await writeWhole(backupPath(name), bytes);
      },
    },
    [IPC.backupList]: {
      args: noArgs,
      action: '读取备份列表',
      async run(): Promise<BackupEntry[]> {
        const names = await readdir(deps.backupsDir).catch((error: unknown) => {
          if ((error as { code?: unknown }).code === 'ENOENT') return [] as string[];
          throw error;
        });
        const entries: BackupEntry[] = [];
        for (const name of names) {
          if (!BACKUP_NAME_PATTERN.test(name)) continue;
          const info = await stat(backupPath(name)).catch(() => null);
          if (!info?.isFile()) continue;
          entries.push({ name, size: info.size, createdAt: info.mtime.toISOString() });
        }
        return entries.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.name.localeCompare(b.name));
      },
    },
    [IPC.backupRead]: {
      args: backupNameArgs,
      action: '读取备份',
      async run(_event, [name]): Promise<Uint8Array> {
        return new Uint8Array(await readFile(backupPath(name)).catch(notFoundAs('找不到该备份')));
      },
    },
    [IPC.backupRemove]: {
      args: backupNameArgs,
      action: '删除备份',
      async run(_event, [name]): Promise<void> {
        await rm(backupPath(name), { force: true });
      },
    },
    [IPC.openFileSubscribe]: {
      args: noArgs,
      action: '接收要打开的文件',
      async run(event): Promise<PickedFile[]> {
        const contents = event.sender;
        const sink = (file: PickedFile) => {
          if (!contents.isDestroyed()) contents.send(OPEN_FILE_EVENT, file);
        };
        contents.once('destroyed', () => deps.inbox.detach(sink));
        return deps.inbox.attach(sink);
      },
    },
  };
}

/** Registers every handler on ipcMain, each behind the sender check and its argument schema. */
export function registerIpcHandlers(ipcMain: Pick<IpcMain, 'handle'>, deps: IpcDependencies): InvokeChannel[] {
  const handlers = createHandlers(deps);
  const channels = Object.keys(handlers) as InvokeChannel[];
  for (const channel of channels) {
    const definition = handlers[channel] as HandlerDefinition<InvokeChannel>;
    ipcMain.handle(channel, (event, ...raw: unknown[]) => answer(definition, event, raw));
  }
  return channels;
}
