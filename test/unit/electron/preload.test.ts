import { beforeAll, describe, expect, it, vi } from 'vitest';
import { BRIDGE_KEY, type PickedFile, type Platform } from '../../../shared/platform/bridge';
import { IPC, OPEN_FILE_EVENT } from '../../../electron/channels';

const electron = vi.hoisted(() => {
  const exposed = new Map<string, unknown>();
  const listeners = new Map<string, (...args: unknown[]) => void>();
  const ipcRenderer = {
    invoke: vi.fn(async (channel: string, ...args: unknown[]): Promise<unknown> => ({ ok: true, value: { channel, args } })),
    on: vi.fn((channel: string, listener: (...args: unknown[]) => void) => {
      listeners.set(channel, listener);
      return ipcRenderer;
    }),
    send: vi.fn(),
    sendSync: vi.fn(),
  };
  const contextBridge = { exposeInMainWorld: vi.fn((key: string, api: unknown) => exposed.set(key, api)) };
  return { exposed, listeners, ipcRenderer, contextBridge };
});

vi.mock('electron', () => ({ contextBridge: electron.contextBridge, ipcRenderer: electron.ipcRenderer }));

let bridge: Platform;
beforeAll(async () => {
  await import('../../../electron/preload');
  bridge = electron.exposed.get(BRIDGE_KEY) as Platform;
});

/** Every value reachable from the exposed object, with its path. */
function leaves(value: unknown, path = BRIDGE_KEY): Array<[string, unknown]> {
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => leaves(v, `${path}.${k}`));
  }
  return [[path, value]];
}

describe('preload', () => {
  it('exposes exactly one object, under the bridge key', () => {
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    expect([...electron.exposed.keys()]).toEqual([BRIDGE_KEY]);
  });

  it('exposes only the named Platform functions, never ipcRenderer', () => {
    expect(Object.keys(bridge).sort()).toEqual(['appInfo', 'backups', 'onOpenFile', 'openFiles', 'saveFile']);
    expect(Object.keys(bridge.backups).sort()).toEqual(['list', 'read', 'remove', 'write']);
    const all = leaves(bridge);
    expect(all.map(([path]) => path).sort()).toEqual(
      ['appInfo', 'backups.list', 'backups.read', 'backups.remove', 'backups.write', 'onOpenFile', 'openFiles', 'saveFile'].map((p) => `${BRIDGE_KEY}.${p}`),
    );
    for (const [path, value] of all) {
      expect(typeof value, path).toBe('function');
      expect(value, path).not.toBe(electron.ipcRenderer.invoke);
      expect(value, path).not.toBe(electron.ipcRenderer.on);
      expect(value, path).not.toBe(electron.ipcRenderer.send);
    }
    expect(Object.values(bridge)).not.toContain(electron.ipcRenderer);
  });

  it('maps each function to its fixed channel with its arguments', async () => {
    const bytes = new Uint8Array([1]);
    const request = { title: '导出', suggestedName: 'a.xlsx', filters: [], bytes };
    await bridge.saveFile(request);
    await bridge.backups.write('b.json', bytes);
    await bridge.backups.read('b.json');
    await bridge.backups.remove('b.json');
    await bridge.backups.list();
    await bridge.appInfo();
    await bridge.openFiles({ title: 't', filters: [], multiple: false });
    expect(electron.ipcRenderer.invoke.mock.calls.map((c) => c[0])).toEqual([
      IPC.saveFile,
      IPC.backupWrite,
      IPC.backupRead,
      IPC.backupRemove,
      IPC.backupList,
      IPC.appInfo,
      IPC.openFiles,
    ]);
    expect(electron.ipcRenderer.invoke.mock.calls[0]).toEqual([IPC.saveFile, request]);
    expect(electron.ipcRenderer.invoke.mock.calls[1]).toEqual([IPC.backupWrite, 'b.json', bytes]);
  });

  it("turns main's refusal into an Error carrying its Chinese message", async () => {
    electron.ipcRenderer.invoke.mockResolvedValueOnce({ ok: false, error: '找不到该备份' });
    await expect(bridge.backups.read('x.json')).rejects.toThrow('找不到该备份');
  });

  it('delivers OS-opened files: the ones waiting in main, then each new one, without the IPC event', async () => {
    const waiting: PickedFile = { name: 'a.tzsync', bytes: new Uint8Array([1]) };
    const later: PickedFile = { name: 'b.tzsync', bytes: new Uint8Array([2]) };
    electron.ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, value: [waiting] });
    const received: unknown[][] = [];
    const stop = bridge.onOpenFile((...args) => received.push(args));
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith(IPC.openFileSubscribe);
    await vi.waitFor(() => expect(received).toEqual([[waiting]]));
    electron.listeners.get(OPEN_FILE_EVENT)!({ sender: 'ipc event must not leak' }, later);
    expect(received).toEqual([[waiting], [later]]);
    stop();
    electron.listeners.get(OPEN_FILE_EVENT)!({}, waiting);
    expect(received).toHaveLength(2);
    // Held for the next listener rather than lost.
    const next: PickedFile[] = [];
    bridge.onOpenFile((f) => next.push(f));
    expect(next).toEqual([waiting]);
  });
});
