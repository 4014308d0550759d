import { readFile, stat } from 'node:fs/promises';
import { basename, extname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PickedFile } from '../shared/platform/bridge';
import { UserFacingError, describeError } from './errors';
import { MAX_TRANSFER_BYTES, MAX_TRANSFER_LABEL } from './ipcSchemas';

/**
 * Extension of the sync snapshot files offices carry between each other on USB sticks. The OS opens them with the
 * app (file association in electron-builder.yml); the app then receives their paths on its command line (Windows,
 * Linux), through `second-instance` when it is already running, or through `open-file` (macOS).
 */
export const SNAPSHOT_EXTENSION = '.tzsync';

/**
 * A command-line argument as a local path: Linux desktops hand a double-clicked file over as a `file://` URI
 * (the .desktop entry's %U), percent-encoded ("file:///home/a/%E5%90%8C%E6%AD%A5.tzsync"); other URIs (another
 * host, another scheme) are not local files and give null.
 */
function localPath(arg: string): string | null {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(arg)) return arg;
  if (!/^file:\/\//i.test(arg)) return null;
  try {
    return fileURLToPath(arg);
  } catch {
    return null;
  }
}

/** The snapshot paths among command-line arguments, made absolute against the launching process's folder. */
export function snapshotPathsFromArgv(argv: readonly string[], workingDirectory: string): string[] {
  return argv
    .slice(1)
    .filter((arg) => !arg.startsWith('-'))
    .map(localPath)
    .filter((path): path is string => path !== null && extname(path).toLowerCase() === SNAPSHOT_EXTENSION)
    .map((path) => (isAbsolute(path) ? path : resolve(workingDirectory, path)));
}

/** Reads a snapshot file the OS handed us; refuses other extensions, folders and oversized files in Chinese. */
export async function readSnapshotFile(path: string): Promise<PickedFile> {
  const name = basename(path);
  if (extname(path).toLowerCase() !== SNAPSHOT_EXTENSION) throw new UserFacingError(`不是台账同步文件：${name}`);
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new UserFacingError(`不是文件：${name}`);
    if (info.size > MAX_TRANSFER_BYTES) throw new UserFacingError(`文件超过 ${MAX_TRANSFER_LABEL}：${name}`);
    return { name, bytes: new Uint8Array(await readFile(path)) };
  } catch (error) {
    throw new UserFacingError(`${describeError(error, `打开“${name}”`)}`);
  }
}

export type OpenFileSink = (file: PickedFile) => void;

/**
 * Files the OS asked the app to open. They can arrive before the page has loaded (double-click on a closed app),
 * so they wait here until the renderer subscribes; after that each one is delivered at once.
 */
export class OpenRequestInbox {
  private pending: string[] = [];
  private sink: OpenFileSink | null = null;

  constructor(
    private readonly onError: (message: string) => void,
    private readonly read: (path: string) => Promise<PickedFile> = readSnapshotFile,
  ) {}

  /** New paths from argv, `second-instance` or `open-file`. */
  push(paths: readonly string[]): void {
    if (this.sink) {
      const sink = this.sink;
      for (const path of paths) void this.readOrReport(path).then((file) => file && sink(file));
    } else {
      this.pending.push(...paths);
    }
  }

  /** The renderer listens from now on: returns what arrived before, in order. */
  async attach(sink: OpenFileSink): Promise<PickedFile[]> {
    this.sink = sink;
    const waiting = this.pending;
    this.pending = [];
    const files = await Promise.all(waiting.map((path) => this.readOrReport(path)));
    return files.filter((f): f is PickedFile => f !== null);
  }

  /** The page went away: hold new paths again until the next subscription. */
  detach(sink: OpenFileSink): void {
    if (this.sink === sink) this.sink = null;
  }

  private async readOrReport(path: string): Promise<PickedFile | null> {
    try {
      return await this.read(path);
    } catch (error) {
      this.onError(describeError(error, '打开文件'));
      return null;
    }
  }
}
