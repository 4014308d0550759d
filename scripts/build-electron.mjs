#!/usr/bin/env node
// Bundles the Electron main process and preload into dist/electron/ (run after `vite build`, which fills
// dist/renderer/). Both are CommonJS: a sandboxed preload can only be a classic script, and package.json's
// "type": "module" makes the .cjs extension necessary. The preload may require nothing but 'electron'.
import { build } from 'esbuild';
import { readFileSync, rmSync, mkdirSync, existsSync } from 'node:fs';

// ELECTRON_OUT_DIR: for tests, which build into a temporary folder.
const outdir = process.env.ELECTRON_OUT_DIR ?? 'dist/electron';
rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });

const electronVersion = JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')).version;
const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node22',
  external: ['electron'],
  outExtension: { '.js': '.cjs' },
  outdir,
  sourcemap: false,
  minify: false,
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
  define: { 'process.env.NODE_ENV': '"production"' },
};

const main = await build({ ...common, entryPoints: { main: 'electron/main.ts' } });
const preload = await build({ ...common, entryPoints: { preload: 'electron/preload.ts' } });

// A sandboxed preload gets a reduced `require`: only 'electron' (and a few polyfills). Fail the build if the
// bundle still requires anything else.
const preloadRequires = Object.values(preload.metafile.inputs)
  .flatMap((input) => input.imports)
  .filter((i) => i.external)
  .map((i) => i.path);
const forbidden = preloadRequires.filter((p) => p !== 'electron');
if (forbidden.length > 0) {
  console.error(`preload must only require 'electron', found: ${forbidden.join(', ')}`);
  process.exit(1);
}

if (!process.env.ELECTRON_OUT_DIR && !existsSync('dist/renderer/index.html')) {
  console.warn('warning: dist/renderer/index.html is missing; run `vite build` first (npm run build does both).');
}
const size = (m) => Object.values(m.metafile.outputs).reduce((sum, o) => sum + o.bytes, 0);
console.log(`electron ${electronVersion}: ${outdir}/main.cjs (${Math.round(size(main) / 1024)} KiB), preload.cjs (${Math.round(size(preload) / 1024)} KiB)`);
