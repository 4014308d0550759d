import type { Session, WebContents, WebPreferences } from 'electron';
import { APP_ORIGIN, isAppUrl } from './origin';

/**
 * Content-Security-Policy sent with every HTML page the app serves. Scripts only from the app itself (no inline
 * script, no eval), no plugins, nothing framing the app, no base-URL or form tricks, and connections only to the
 * app's origin. Inline styles stay allowed: antd writes its CSS-in-JS into <style> elements. It is the web twin's
 * <meta> policy (renderer/index.html) plus frame-ancestors, so the same UI behaves the same in both shells.
 */
export const CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  // The importer's Web Worker is a module file of the app itself; nothing starts a worker from a blob: URL.
  'worker-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  // Only a header can say this (not a <meta> policy): no other page may frame the app.
  'frame-ancestors': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
};

export const CONTENT_SECURITY_POLICY = Object.entries(CSP_DIRECTIVES)
  .map(([name, sources]) => `${name} ${sources.join(' ')}`)
  .join('; ');

/**
 * The only webPreferences any window of the app gets: renderer isolated from Node and from the preload's world,
 * OS-sandboxed, same-origin policy on, no <webview>, and no spell-checker (it would download dictionaries).
 */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    safeDialogs: true,
  };
}

/** Request URLs the session lets through: the app's own files and in-memory data. Everything else is the network. */
export function isAllowedRequestUrl(url: string): boolean {
  if (isAppUrl(url)) return true;
  return url.startsWith('data:') || url.startsWith(`blob:${APP_ORIGIN}/`) || url.startsWith('devtools://');
}

/**
 * Session-wide rules: no permission is ever granted (camera, notifications, clipboard-read, …), no device access,
 * no download, no spell-check dictionaries, and no request leaves the app — every URL that is not the app's own
 * origin is cancelled before it is sent.
 */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.setSpellCheckerEnabled(false);
  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequestUrl(details.url) });
  });
  session.on('will-download', (event) => event.preventDefault());
}

/**
 * Per-page rules, applied to every WebContents the app creates: the page never navigates away (the UI is one
 * page; links to the outside world are dead), opens no window, attaches no <webview>, follows no redirect.
 */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
