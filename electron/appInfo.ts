import type { AppInfo } from '../shared/platform/bridge';
import { APP_TITLE } from './window';

const OS_NAMES: Readonly<Record<string, string>> = { win32: 'Windows', linux: 'Linux', darwin: 'macOS' };

/** What the settings screen shows about the desktop app. */
export function desktopAppInfo(version: string, platform: string, release: string, arch: string): AppInfo {
  return { name: APP_TITLE, version, shell: 'electron', os: `${OS_NAMES[platform] ?? platform} ${release} (${arch})` };
}
