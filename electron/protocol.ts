import type { CustomScheme } from 'electron';
import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { APP_HOST, APP_SCHEME } from './origin';
import { CONTENT_SECURITY_POLICY } from './security';

/**
 * `app://` is standard (relative URLs, an origin of its own, IndexedDB and localStorage work) and secure
 * (a secure context, like https). Not CORS-enabled and not CSP-bypassing. Must be registered before `ready`.
 */
export const APP_SCHEME_DEFINITION: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
};

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.bcmap': 'application/octet-stream',
  '.pfb': 'application/octet-stream',
  '.txt': 'text/plain; charset=utf-8',
};

export function mimeTypeOf(path: string): string {
  return MIME_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

function refuse(status: 400 | 403 | 404 | 405): Response {
  return new Response(null, { status, headers: { 'X-Content-Type-Options': 'nosniff' } });
}

/**
 * Maps an `app://taizhang/<path>` URL to a file strictly inside `rootDir`, or null when the URL names anything
 * else: another host, a path that climbs out of the root (`..`, `%2e%2e`, `%2f`, `\`), a NUL byte.
 */
export function resolveAppPath(rootDir: string, url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  let relative: string;
  try {
    relative = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (relative.includes('\0') || relative.includes('\\')) return null;
  if (relative.split('/').some((segment) => segment === '..')) return null;
  if (relative === '' || relative.endsWith('/')) relative += 'index.html';
  const root = resolve(rootDir);
  const target = resolve(root, `.${relative}`);
  if (!target.startsWith(root + sep)) return null;
  return target;
}

/**
 * The `protocol.handle('app', …)` handler: serves the built renderer (dist/renderer) read-only, with the right
 * Content-Type, `nosniff`, and the CSP header on HTML and scripts (a worker's policy comes with its script). GET and HEAD only; anything outside the root is a 404.
 */
export function createAppRequestHandler(rootDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405);
    const path = resolveAppPath(rootDir, request.url);
    if (path === null) return refuse(404);
    let body: Uint8Array;
    try {
      if (!(await stat(path)).isFile()) return refuse(404);
      body = await readFile(path);
    } catch {
      return refuse(404);
    }
    const contentType = mimeTypeOf(path);
    const headers: Record<string, string> = {
      'Content-Type': contentType,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-cache',
    };
    // A page takes its policy from its HTML; a Web Worker (the importer's) from its own script's response.
    if (contentType.startsWith('text/html') || contentType.startsWith('text/javascript')) headers['Content-Security-Policy'] = CONTENT_SECURITY_POLICY;
    return new Response(request.method === 'HEAD' ? null : (body as BodyInit), { status: 200, headers });
  };
}
