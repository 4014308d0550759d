/**
 * The contract between the Electron preload and the renderer: the only functions the renderer may call in
 * the main process. Pure types, shared by electron/ and renderer/.
 */
export interface PickedFile {
  name: string;
  bytes: Uint8Array;
}

/** A picked file read on demand, by slices (a large file is never held whole). */
export interface FileSource {
  name: string;
  size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
}

export interface FileFilter {
  /** Chinese label shown in the dialog, e.g. "任务分解表". */
  name: string;
  /** Extensions without dot. */
  extensions: string[];
}

export interface OpenFilesRequest {
  title: string;
  filters: FileFilter[];
  multiple: boolean;
}

export interface SaveFileRequest {
  title: string;
  suggestedName: string;
  filters: FileFilter[];
  bytes: Uint8Array;
}

export interface SaveFileResult {
  saved: boolean;
  /** Where it went, for the user ("已保存到 …"); the browser cannot tell. */
  location: string | null;
}

export interface AppInfo {
  name: string;
  version: string;
  /** "electron" for the desktop app, "browser" for the web twin. */
  shell: 'electron' | 'browser';
  os: string;
}

export interface BackupEntry {
  name: string;
  size: number;
  createdAt: string;
}

/** Local backups: a folder in the user's data directory (Electron) or a separate IndexedDB store (browser). */
export interface BackupStore {
  write(name: string, bytes: Uint8Array): Promise<void>;
  list(): Promise<BackupEntry[]>;
  read(name: string): Promise<Uint8Array>;
  remove(name: string): Promise<void>;
}

/** Everything the renderer needs from its host, in one small interface. */
export interface Platform {
  openFiles(request: OpenFilesRequest): Promise<PickedFile[]>;
  /** The same dialog, returning files read by slices on demand (the web twin); hosts without it use openFiles. */
  openFileSources?(request: OpenFilesRequest): Promise<FileSource[]>;
  saveFile(request: SaveFileRequest): Promise<SaveFileResult>;
  appInfo(): Promise<AppInfo>;
  backups: BackupStore;
  /** Files the OS asked us to open (double-clicked snapshot files); the browser has none. */
  onOpenFile(listener: (file: PickedFile) => void): () => void;
}

/** Name under which the preload exposes the bridge on `window`. */
export const BRIDGE_KEY = 'taizhang';
export const BACKUP_NAME_PATTERN = /^[A-Za-z0-9_.-]{1,120}$/;
