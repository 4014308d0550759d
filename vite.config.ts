import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

/**
 * pdf.js needs its CMaps (Chinese PDFs whose fonts are not embedded) and standard font data at run time.
 * Ship them with the renderer under pdfjs/, served from the app's own origin (no network, CSP 'self').
 */
function pdfResources(): Plugin {
  const root = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  return {
    name: 'taizhang-pdf-resources',
    apply: 'build',
    generateBundle() {
      for (const folder of ['cmaps', 'standard_fonts']) {
        for (const file of readdirSync(join(root, folder))) {
          if (file.endsWith('.md') || file === 'LICENSE') continue;
          this.emitFile({ type: 'asset', fileName: `pdfjs/${folder}/${file}`, source: readFileSync(join(root, folder, file)) });
        }
      }
    },
  };
}

/** One renderer build for both shells: Electron loads it from app://, the web twin serves it on 127.0.0.1. */
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), pdfResources()],
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  // The importer's Web Worker (renderer/src/workers/parse.worker.ts) is an ES module: it loads pdf.js as a
  // separate chunk, from the app's own origin (CSP worker-src 'self').
  worker: { format: 'es' },
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    sourcemap: false,
  },
  server: { host: '127.0.0.1', port: 5173, strictPort: false },
  preview: { host: '127.0.0.1', port: 4173, strictPort: false },
});
