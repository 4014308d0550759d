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

/** Main → renderer: a file the OS asked the app to open (a double-clicked `.tzsync`), as a PickedFile. */
export const OPEN_FILE_EVENT = 'taizhang:open-file';

/**
 * Every invoke handler answers with this envelope instead of throwing, so the renderer gets the Chinese message
 * itself (Electron prefixes thrown errors with "Error invoking remote method …").
 */
export type IpcReply<T> = { ok: true; value: T } | { ok: false; error: string };
