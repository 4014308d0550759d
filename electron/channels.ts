import type { AppInfo, BackupEntry, OpenFilesRequest, PickedFile, SaveFileRequest, SaveFileResult } from '../shared/platform/bridge';

/**
 * The IPC contract between main and preload: channel names and the reply envelope. Shared by both sides; the
 * renderer never sees these (it only sees the Platform functions the preload exposes).
 */
export const IPC = {
  openFiles: 'taizhang:open-files',
  saveFile: 'taizhang:save-file',
  appInfo: 'taizhang:app-info',
  backupWrite: 'taizhang:backup-write',
  backupList: 'taizhang:backup-list',
  backupRead: 'taizhang:backup-read',
  backupRemove: 'taizhang:backup-remove',
  /** Renderer → main: "I listen for OS-opened files now; give me the ones that came before". */
  openFileSubscribe: 'taizhang:open-file-subscribe',
} as const;

export type InvokeChannel = (typeof IPC)[keyof typeof IPC];

/** Arguments and result of each channel: the preload's calls and main's handlers are both checked against it. */
export interface IpcContract {
  [IPC.openFiles]: { args: [request: OpenFilesRequest]; result: PickedFile[] };
  [IPC.saveFile]: { args: [request: SaveFileRequest]; result: SaveFileResult };
  [IPC.appInfo]: { args: []; result: AppInfo };
  [IPC.backupWrite]: { args: [name: string, bytes: Uint8Array]; result: void };
  [IPC.backupList]: { args: []; result: BackupEntry[] };
  [IPC.backupRead]: { args: [name: string]; result: Uint8Array };
  [IPC.backupRemove]: { args: [name: string]; result: void };
  [IPC.openFileSubscribe]: { args: []; result: PickedFile[] };
}
export type IpcArgs<C extends InvokeChannel> = IpcContract[C]['args'];
export type IpcResult<C extends InvokeChannel> = IpcContract[C]['result'];

/** Main → renderer: a file the OS asked the app to open (a double-clicked `.tzsync`), as a PickedFile. */
export const OPEN_FILE_EVENT = 'taizhang:open-file';

/**
 * Every invoke handler answers with this envelope instead of throwing, so the renderer gets the Chinese message
 * itself (Electron prefixes thrown errors with "Error invoking remote method …").
 */
export type IpcReply<T> = { ok: true; value: T } | { ok: false; error: string };
