import type { IpcRenderer } from 'electron';
import type { PickedFile, Platform } from '../shared/platform/bridge';
import { IPC, OPEN_FILE_EVENT, type InvokeChannel, type IpcArgs, type IpcReply, type IpcResult } from './channels';

/** The two ipcRenderer functions the bridge uses; nothing else of ipcRenderer is reachable from the page. */
export type BridgeTransport = Pick<IpcRenderer, 'invoke' | 'on'>;

/**
 * The Platform implementation the preload hands to the page: each function is one invoke on a fixed channel.
 * Replies come back as an envelope; a refusal becomes an Error carrying main's Chinese message.
 */
export function createPreloadBridge(transport: BridgeTransport): Platform {
  async function call<C extends InvokeChannel>(channel: C, ...args: IpcArgs<C>): Promise<IpcResult<C>> {
    const reply = (await transport.invoke(channel, ...args)) as IpcReply<IpcResult<C>>;
    if (!reply.ok) throw new Error(reply.error);
    return reply.value;
  }

  const listeners = new Set<(file: PickedFile) => void>();
  /** Files that arrived while nobody listened (e.g. between two screens), delivered to the next listener. */
  let undelivered: PickedFile[] = [];
  let subscribed = false;

  function deliver(file: PickedFile): void {
    if (listeners.size === 0) undelivered.push(file);
    for (const listener of listeners) listener(file);
  }

  function subscribe(): void {
    subscribed = true;
    transport.on(OPEN_FILE_EVENT, (_event, file: PickedFile) => deliver(file));
    call(IPC.openFileSubscribe).then(
      (files) => files.forEach(deliver),
      (error: unknown) => console.error(error),
    );
  }

  return {
    openFiles: (request) => call(IPC.openFiles, request),
    saveFile: (request) => call(IPC.saveFile, request),
    appInfo: () => call(IPC.appInfo),
    backups: {
      write: (name, bytes) => call(IPC.backupWrite, name, bytes),
      list: () => call(IPC.backupList),
      read: (name) => call(IPC.backupRead, name),
      remove: (name) => call(IPC.backupRemove, name),
    },
    onOpenFile(listener) {
      listeners.add(listener);
      const waiting = undelivered;
      undelivered = [];
      waiting.forEach(listener);
      if (!subscribed) subscribe();
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
