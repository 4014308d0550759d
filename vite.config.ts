import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { readdirSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChunkingContext } from 'rolldown';

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

/**
 * The first screen's antd component styles as a stylesheet made at build time (scripts/firstScreenStyles.mjs), linked
 * from index.html: antd finds them made and skips generating them in the browser at start-up (see
 * test/bench/start.bench.ts). Production hashes: antd names its style classes by NODE_ENV when first loaded.
 */
function firstScreenStylesheet(): Plugin {
  let css = '';
  let fileName = '';
  return {
    name: 'taizhang-first-screen-styles',
    apply: 'build',
    async buildStart() {
      process.env.NODE_ENV = 'production';
      const { firstScreenStyles } = await import('./scripts/firstScreenStyles.mjs');
      css = firstScreenStyles();
      fileName = `assets/first-screen-${createHash('sha256').update(css).digest('hex').slice(0, 8)}.css`;
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName, source: css });
    },
    transformIndexHtml: {
      order: 'post',
      handler: () => [{ tag: 'link', attrs: { rel: 'stylesheet', href: `./${fileName}` }, injectTo: 'head' }],
    },
  };
}

const BOOT = fileURLToPath(new URL('./renderer/src/boot.tsx', import.meta.url));
const HTML = fileURLToPath(new URL('./renderer/index.html', import.meta.url));

/** The modules index.html's own script (main.tsx) imports statically: they stay in the entry's small chunk. */
let mainModules: Set<string> | null = null;
/**
 * The start-up code (boot.tsx and what it imports statically) in one file, `boot`: one request instead of a few dozen.
 * main.tsx's modules stay apart in the entry's chunk (they import nothing of boot.tsx's).
 */
function startChunk(id: string, ctx: ChunkingContext): string | null {
  if (!mainModules) {
    mainModules = new Set<string>();
    const visit = (m: string) => {
      if (mainModules!.has(m)) return;
      mainModules!.add(m);
      for (const next of ctx.getModuleInfo(m)?.importedIds ?? []) visit(next);
    };
    visit(HTML);
  }
  return mainModules.has(id) ? null : 'boot';
}

/**
 * The start-up code is two scripts of index.html, run in order: main.tsx's small chunk first, which starts reading the
 * first screen's rows from IndexedDB, then boot.tsx's (React, antd, the app), which the browser downloads and compiles
 * meanwhile (a module script: compiled while it downloads). Before it, db/identityRow.ts (zod and the identity's
 * schema: the identity the first screen shows is checked with it), evaluated while boot.tsx's larger code downloads. See renderer/src/main.tsx, test/bench/start.bench.ts.
 */
function bootScript(): Plugin {
  return {
    name: 'taizhang-boot-script',
    buildStart() {
      mainModules = null;
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        // The development server: boot.tsx as it is.
        if (ctx.server) return [{ tag: 'script', attrs: { type: 'module', src: '/src/boot.tsx' }, injectTo: 'body' as const }];
        if (!ctx.bundle) return [];
        const chunks = Object.values(ctx.bundle).flatMap((c) => (c.type === 'chunk' ? [c] : []));
        const holding = (module: string) => {
          const chunk = chunks.find((c) => c.moduleIds.some((id) => id.replaceAll('\\', '/').endsWith(module)));
          if (!chunk) throw new Error(`bootScript: no chunk holds ${module}`);
          return chunk;
        };
        const boot = chunks.find((c) => c.isEntry && c.facadeModuleId === BOOT);
        if (!boot) throw new Error('bootScript: no boot chunk');
        const preload = new Set<string>();
        const add = (fileName: string) => {
          if (preload.has(fileName)) return;
          preload.add(fileName);
          for (const i of chunks.find((c) => c.fileName === fileName)?.imports ?? []) add(i);
        };
        const installation = holding('/renderer/db/identityRow.ts');
        for (const i of [...boot.imports, ...installation.imports]) add(i);
        // Loaded by index.html already: the entry's chunk and what it imports.
        if (ctx.chunk) for (const f of [ctx.chunk.fileName, ...ctx.chunk.imports]) preload.delete(f);
        for (const f of [boot.fileName, installation.fileName]) preload.delete(f);
        // Module scripts run in order: identityRow.ts (smaller) runs while boot.tsx's code still downloads.
        const script = (f: string) => ({ tag: 'script', attrs: { type: 'module', crossorigin: true, src: `./${f}` }, injectTo: 'head' as const });
        return [
          ...[...preload].map((f) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `./${f}` }, injectTo: 'head' as const })),
          script(installation.fileName),
          script(boot.fileName),
        ];
      },
    },
  };
}

/**
 * Progress lines for `vite build` run with `--logLevel warn` (npm run build / build:web / web): instead of tens of
 * silent seconds, one line when it starts, a line every few seconds with the modules read so far or the current
 * step, and one line at the end with the output folder, file count and time. Silent at `--logLevel error` (the
 * test runner's builds) and in vite's own info mode (which lists files itself).
 */
function buildProgress(options: { every?: number; write?: (line: string) => void } = {}): Plugin {
  const every = options.every ?? 3000;
  const write = options.write ?? ((line: string) => console.log(line));
  let enabled = false;
  let started = 0;
  let modules = 0;
  let step = '读取源代码';
  let timer: ReturnType<typeof setInterval> | null = null;
  let outDir = '';
  const seconds = () => Math.round((Date.now() - started) / 1000);
  const stop = () => {
    if (timer) clearInterval(timer);
    timer = null;
  };
  return {
    name: 'taizhang-build-progress',
    apply: 'build',
    configResolved(config) {
      enabled = config.logLevel === 'warn';
      outDir = relative(process.cwd(), config.build.outDir) || '.';
    },
    buildStart() {
      if (!enabled) return;
      started = Date.now();
      modules = 0;
      step = '读取源代码';
      write('正在构建界面（约需半分钟）…');
      timer = setInterval(() => write(`  ${step}${step === '读取源代码' ? `：已处理 ${modules} 个模块` : ''}（${seconds()} 秒）`), every);
      timer.unref?.();
    },
    transform() {
      modules++;
      return null;
    },
    buildEnd(error) {
      if (!enabled) return;
      step = '打包、压缩代码';
      if (error) stop();
    },
    generateBundle(_options, bundle) {
      if (!enabled) return;
      step = `写入 ${Object.keys(bundle).length} 个文件`;
    },
    closeBundle() {
      if (!enabled || !started) return;
      stop();
      write(`界面构建完成：${outDir}（${modules} 个模块，${seconds()} 秒）`);
      started = 0;
    },
  };
}

/**
 * One renderer build for both shells: Electron loads it from app://, the web twin serves it on 127.0.0.1 or from
 * any web server's folder. `base: './'` keeps every asset path relative, so dist/renderer works wherever it is copied.
 */
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), pdfResources(), firstScreenStylesheet(), bootScript(), buildProgress()],
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  // The importer's Web Worker (renderer/src/workers/parse.worker.ts) is an ES module: it loads pdf.js as a
  // separate chunk, from the app's own origin (CSP worker-src 'self').
  worker: { format: 'es' },
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    sourcemap: false,
    rolldownOptions: {
      // boot.tsx is an entry of its own: index.html runs it after main.tsx (bootScript above).
      input: { index: HTML, boot: BOOT },
      output: {
        // The start-up code main.tsx loads (boot.tsx and all it imports) in one file: one request instead of a few
        // dozen; main.tsx's own chunk stays tiny. Every screen and heavy module reached by a dynamic import() stays in
        // its own chunks, loaded on first use.
        codeSplitting: { groups: [{ name: startChunk, tags: ['$initial'] }] },
      },
    },
  },
  server: { host: '127.0.0.1', port: 5173, strictPort: false },
  preview: { host: '127.0.0.1', port: 4173, strictPort: false },
});
