import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_SCHEME_DEFINITION, createAppRequestHandler, mimeTypeOf, resolveAppPath } from '../../../electron/protocol';
import { CONTENT_SECURITY_POLICY } from '../../../electron/security';

let base: string;
let root: string;
const get = (url: string, method = 'GET') => createAppRequestHandler(root)(new Request(url, { method }));

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'taizhang-protocol-'));
  root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>台账</title>');
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(root, 'assets', 'index-abc.css'), 'body{}');
  writeFileSync(join(root, 'assets', '中文 名.svg'), '<svg/>');
  writeFileSync(join(base, 'secret.txt'), 'outside the root');
  mkdirSync(join(base, 'renderer-evil'), { recursive: true });
  writeFileSync(join(base, 'renderer-evil', 'x.js'), 'evil');
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('app:// scheme', () => {
  it('is registered standard, secure and fetchable, without CORS or CSP bypass', () => {
    expect(APP_SCHEME_DEFINITION.scheme).toBe('app');
    expect(APP_SCHEME_DEFINITION.privileges).toMatchObject({ standard: true, secure: true, supportFetchAPI: true });
    expect(APP_SCHEME_DEFINITION.privileges?.bypassCSP).not.toBe(true);
    expect(APP_SCHEME_DEFINITION.privileges?.corsEnabled).not.toBe(true);
    expect(APP_SCHEME_DEFINITION.privileges?.allowServiceWorkers).not.toBe(true);
  });
});

describe('path resolution', () => {
  // Dot segments the URL parser already removed land inside the root (and then 404); encoded separators,
  // backslashes, NUL bytes and malformed escapes are refused outright.
  it.each([
    ['app://taizhang/../../etc/passwd', 'etc/passwd'],
    ['app://taizhang/%2e%2e/%2e%2e/etc/passwd', 'etc/passwd'],
    ['app://taizhang/../renderer-evil/x.js', 'renderer-evil/x.js'],
    ['app://taizhang/%252e%252e/secret.txt', '%2e%2e/secret.txt'],
  ])('keeps %s inside the root', (url, inside) => {
    expect(resolveAppPath(root, url)).toBe(join(root, ...inside.split('/')));
  });

  it.each([
    'app://taizhang/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd',
    'app://taizhang/assets/..%2f..%2fsecret.txt',
    'app://taizhang/..%5c..%5csecret.txt',
    'app://taizhang/assets%5c..%5c..%5csecret.txt',
    'app://taizhang/index.html%00.png',
    'app://taizhang/%E0%A4%A',
    'app://other/index.html',
    'https://taizhang/index.html',
    'file:///etc/passwd',
    'not a url',
  ])('refuses %s', (url) => {
    expect(resolveAppPath(root, url)).toBeNull();
  });

  it('refuses dot segments that reach it undecoded (as a raw request URL may)', () => {
    // Simulate a URL object that did not normalize: resolveAppPath decodes first and checks segments.
    expect(resolveAppPath(root, 'app://taizhang/a/%2E%2E%2F%2E%2E%2F%2E%2E%2Fetc%2Fpasswd')).toBeNull();
  });

  it('maps the root and folders to index.html, and decodes names', () => {
    expect(resolveAppPath(root, 'app://taizhang/')).toBe(join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://taizhang/assets/')).toBe(join(root, 'assets', 'index.html'));
    expect(resolveAppPath(root, 'app://taizhang/assets/%E4%B8%AD%E6%96%87%20%E5%90%8D.svg')).toBe(join(root, 'assets', '中文 名.svg'));
  });
});

describe('request handler', () => {
  it('serves index.html with the CSP header, its MIME type and nosniff', async () => {
    const response = await get('app://taizhang/index.html');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>台账</title>');
    expect((await get('app://taizhang/')).headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('serves scripts and styles with their MIME types', async () => {
    const script = await get('app://taizhang/assets/index-abc.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log(1)');
    // A Web Worker (the importer's) takes its CSP from its script's response, not from the page.
    expect(script.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect((await get('app://taizhang/assets/index-abc.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(mimeTypeOf('a.WOFF2')).toBe('font/woff2');
    expect(mimeTypeOf('a.wasm')).toBe('application/wasm');
    expect(mimeTypeOf('a.unknown')).toBe('application/octet-stream');
  });

  it.each([
    'app://taizhang/../../etc/passwd',
    'app://taizhang/%2e%2e/secret.txt',
    'app://taizhang/%2e%2e%2fsecret.txt',
    'app://taizhang/..%5csecret.txt',
    'app://taizhang/assets/%2e%2e/%2e%2e/secret.txt',
    'app://taizhang/missing.js',
    'app://taizhang/assets',
    'app://evil/index.html',
  ])('answers 404 without content for %s', async (url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    expect(await response.text()).toBe('');
  });

  it('refuses writes', async () => {
    expect((await get('app://taizhang/index.html', 'POST')).status).toBe(405);
    expect((await get('app://taizhang/index.html', 'PUT')).status).toBe(405);
  });

  it('answers HEAD without a body', async () => {
    const response = await get('app://taizhang/index.html', 'HEAD');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });
});
