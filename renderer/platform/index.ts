import { BRIDGE_KEY, type Platform } from '../../shared/platform/bridge';
import { createBrowserPlatform } from './browserPlatform';

let platform: Platform | null = null;

/** The host's services: the Electron preload bridge when present, otherwise the browser implementation. */
export function getPlatform(): Platform {
  if (!platform) {
    const bridge = (window as unknown as Record<string, Platform | undefined>)[BRIDGE_KEY];
    platform = bridge ?? createBrowserPlatform();
  }
  return platform;
}

/** For tests: replace the platform. */
export function setPlatform(p: Platform): void {
  platform = p;
}
