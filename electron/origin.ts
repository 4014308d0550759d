/**
 * Where the renderer lives. The desktop app serves its UI from `app://taizhang/`, a privileged custom scheme
 * registered as standard and secure.
 *
 * NEVER CHANGE THESE VALUES. Chromium keys IndexedDB, localStorage and every other web storage by origin
 * (scheme + host). All of a user's plans, tasks and reports live in IndexedDB under `app://taizhang`: a new
 * scheme or host is a new, empty origin, and to the user their whole ledger would seem to vanish. The same holds
 * for the user-data folder name, which holds that IndexedDB on disk: renaming the product must not move it.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'taizhang';
/** `scheme://host`, as the renderer's `location.origin` reports it. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The page the window loads. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;
/** Folder under the OS's application-data directory that holds the profile (IndexedDB, backups). Fixed forever. */
export const USER_DATA_DIR_NAME = 'taizhang';

/** True when `url` belongs to the app's own origin (`app://taizhang/...`). */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  // Node's URL gives non-special schemes the origin "null", so compare scheme and host, not `.origin`.
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === '';
}

/**
 * The app's package identity (electron-builder `appId`, Windows AppUserModelID). Also fixed forever: the NSIS
 * installer derives its uninstall key from it, so a new id would install beside the old app instead of upgrading it.
 */
export const APP_ID = 'cn.taizhang.ledger';
