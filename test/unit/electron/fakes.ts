import type { IpcMainInvokeEvent } from 'electron';

type Listener = (...args: any[]) => unknown;

/** Records `on`/`once` listeners by event name and lets a test emit them. */
export class FakeEmitter {
  readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: Listener): this {
    return this.on(event, listener);
  }
  emit(event: string, ...args: unknown[]): unknown[] {
    return (this.listeners.get(event) ?? []).map((l) => l(...args));
  }
  has(event: string): boolean {
    return (this.listeners.get(event)?.length ?? 0) > 0;
  }
}

/** An Electron-style event whose preventDefault a test can check. */
export function fakeEvent(fields: Record<string, unknown> = {}) {
  return { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; }, ...fields };
}

export const APP_PAGE = 'app://taizhang/index.html';

/** An invoke event as ipcMain hands it to a handler, coming from a frame at `url`. */
export function invokeEvent(url: string | null, options: { subframe?: boolean } = {}): IpcMainInvokeEvent {
  const sender = Object.assign(new FakeEmitter(), {
    sent: [] as Array<[string, unknown]>,
    isDestroyed: () => false,
    send(channel: string, payload: unknown) {
      this.sent.push([channel, payload]);
    },
  });
  const senderFrame = url === null ? null : { url, parent: options.subframe ? { url: APP_PAGE } : null };
  return { senderFrame, sender } as unknown as IpcMainInvokeEvent;
}
