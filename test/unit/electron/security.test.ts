import type { Session, WebContents } from 'electron';
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { APP_ORIGIN, isAppUrl } from '../../../electron/origin';
import {
  CONTENT_SECURITY_POLICY,
  hardenSession,
  hardenWebContents,
  isAllowedRequestUrl,
  secureWebPreferences,
} from '../../../electron/security';
import { mainWindowOptions } from '../../../electron/window';
import { FakeEmitter, fakeEvent } from './fakes';

function parseCsp(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...sources]) => [name!, sources]),
  );
}

describe('window webPreferences', () => {
  const prefs = secureWebPreferences('/app/dist/electron/preload.cjs');

  it('isolate and sandbox the renderer, with web security on', () => {
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
  });

  it('load only our preload and enable no Blink feature or spell-checker download', () => {
    expect(prefs.preload).toBe('/app/dist/electron/preload.cjs');
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs).not.toHaveProperty('additionalArguments');
    expect(prefs.spellcheck).toBe(false);
  });

  it('never navigate to a dropped file, and let the user silence a page that keeps opening dialogs', () => {
    // A file dropped on the window is read by the import screen; without this Chromium would navigate to it.
    expect(prefs.navigateOnDragDrop).toBe(false);
    expect(prefs.safeDialogs).toBe(true);
  });

  it('are what the main window gets, unchanged', () => {
    expect(mainWindowOptions('/p/preload.cjs').webPreferences).toEqual(secureWebPreferences('/p/preload.cjs'));
  });
});

describe('content security policy', () => {
  const csp = parseCsp(CONTENT_SECURITY_POLICY);

  it("defaults to 'self' and allows scripts only from the app", () => {
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
  });

  it("starts workers only from the app's own scripts (the importer's module worker), never from blob: or data:", () => {
    expect(csp.get('worker-src')).toEqual(["'self'"]);
  });

  it('never allows eval, inline script or remote hosts', () => {
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(csp.get('script-src')).not.toContain("'unsafe-inline'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|\*|wss?:/);
  });

  it("is the web twin's <meta> policy plus frame-ancestors, so a page that works there works here", () => {
    // renderer/index.html carries the policy as a <meta> tag (the web twin serves no header). Both apply in
    // Electron: any difference would break the desktop app alone, or leave it looser than intended.
    const html = readFileSync('renderer/index.html', 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBeDefined();
    const expected = new Map(parseCsp(meta!));
    expected.set('frame-ancestors', ["'none'"]);
    expect(Object.fromEntries(csp), 'change CSP_DIRECTIVES in electron/security.ts together with the <meta> CSP of renderer/index.html').toEqual(Object.fromEntries(expected));
  });

  it('forbids plugins, being framed, base-URL changes and form posts', () => {
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
  });
});

describe('app origin', () => {
  it('is fixed to app://taizhang', () => {
    expect(APP_ORIGIN).toBe('app://taizhang');
  });
  it.each([
    ['app://taizhang/index.html', true],
    ['app://taizhang/assets/a.js', true],
    ['app://other/index.html', false],
    ['app://user:pw@taizhang/', false],
    ['https://taizhang/', false],
    ['file:///etc/passwd', false],
    ['not a url', false],
  ])('%s → %s', (url, expected) => {
    expect(isAppUrl(url)).toBe(expected);
  });
});

function fakeSession() {
  const emitter = new FakeEmitter();
  const session = Object.assign(emitter, {
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
    setSpellCheckerEnabled: vi.fn(),
    webRequest: { onBeforeRequest: vi.fn() },
  });
  hardenSession(session as unknown as Session);
  return session;
}

describe('session hardening', () => {
  it('denies every permission request and check', () => {
    const session = fakeSession();
    const requestHandler = session.setPermissionRequestHandler.mock.calls[0]![0];
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fileSystem']) {
      const callback = vi.fn();
      requestHandler({}, permission, callback, {});
      expect(callback).toHaveBeenCalledWith(false);
    }
    const checkHandler = session.setPermissionCheckHandler.mock.calls[0]![0];
    expect(checkHandler({}, 'clipboard-sanitized-write', APP_ORIGIN, {})).toBe(false);
    expect(checkHandler({}, 'media', APP_ORIGIN, {})).toBe(false);
    expect(session.setDevicePermissionHandler.mock.calls[0]![0]({})).toBe(false);
    expect(session.setSpellCheckerEnabled).toHaveBeenCalledWith(false);
  });

  it('cancels every request that is not the app origin', () => {
    const session = fakeSession();
    expect(session.webRequest.onBeforeRequest).toHaveBeenCalledTimes(1);
    const listener = session.webRequest.onBeforeRequest.mock.calls[0]![0];
    const verdict = (url: string) => {
      const callback = vi.fn();
      listener({ url }, callback);
      return callback.mock.calls[0]![0];
    };
    for (const url of [
      'https://example.com/track.js',
      'http://127.0.0.1:4173/',
      'ws://localhost:8080/',
      'wss://example.com/',
      'ftp://example.com/x',
      'file:///etc/passwd',
      'app://other/index.html',
      'chrome-extension://abc/x.js',
    ]) {
      expect(verdict(url), url).toEqual({ cancel: true });
    }
    for (const url of ['app://taizhang/index.html', 'app://taizhang/assets/index.js', 'data:image/png;base64,AA==', 'blob:app://taizhang/0b0e']) {
      expect(verdict(url), url).toEqual({ cancel: false });
    }
    expect(isAllowedRequestUrl('blob:https://evil.example/0b0e')).toBe(false);
  });

  it('cancels downloads', () => {
    const session = fakeSession();
    const event = fakeEvent();
    session.emit('will-download', event, {}, {});
    expect(event.defaultPrevented).toBe(true);
  });
});

describe('page hardening', () => {
  function hardened() {
    const contents = Object.assign(new FakeEmitter(), { setWindowOpenHandler: vi.fn() });
    hardenWebContents(contents as unknown as WebContents);
    return contents;
  }

  it('denies navigation, even to the app origin, and redirects', () => {
    const contents = hardened();
    for (const url of ['https://example.com/', 'file:///etc/passwd', 'app://taizhang/index.html']) {
      const nav = fakeEvent({ url });
      contents.emit('will-navigate', nav, url);
      expect(nav.defaultPrevented, url).toBe(true);
      const redirect = fakeEvent({ url });
      contents.emit('will-redirect', redirect, url);
      expect(redirect.defaultPrevented, url).toBe(true);
    }
  });

  it('denies frame navigation away from the app origin', () => {
    const contents = hardened();
    const away = fakeEvent({ url: 'https://example.com/' });
    contents.emit('will-frame-navigate', away);
    expect(away.defaultPrevented).toBe(true);
    const home = fakeEvent({ url: 'app://taizhang/index.html' });
    contents.emit('will-frame-navigate', home);
    expect(home.defaultPrevented).toBe(false);
  });

  it('denies new windows and <webview>', () => {
    const contents = hardened();
    const handler = contents.setWindowOpenHandler.mock.calls[0]![0];
    expect(handler({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'app://taizhang/index.html' })).toEqual({ action: 'deny' });
    const attach = fakeEvent();
    contents.emit('will-attach-webview', attach, { preload: '/evil.js' }, { src: 'https://example.com/' });
    expect(attach.defaultPrevented).toBe(true);
  });
});
