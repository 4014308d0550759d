/**
 * Preload of the app window (sandboxed, context-isolated; bundled to dist/electron/preload.cjs). Exposes the
 * Platform functions under `window.taizhang` and nothing else — never ipcRenderer itself.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_KEY } from '../shared/platform/bridge';
import { createPreloadBridge } from './preloadBridge';

contextBridge.exposeInMainWorld(BRIDGE_KEY, createPreloadBridge({ invoke: ipcRenderer.invoke.bind(ipcRenderer), on: ipcRenderer.on.bind(ipcRenderer) }));
