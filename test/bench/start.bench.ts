/**
 * Start time of the web twin in Chromium, beside an empty React + antd page (test/bench/start/) built by the same
 * Vite in the same run and served by the same server:
 *   - first screen: navigation start → the plan list painted (a PC with one plan of 500 tasks and its office set),
 *     beside navigation start → the empty page's content painted. Every load is cold (HTTP cache disabled, so no
 *     compiled-code cache either). Target ≤ 1.5×.
 *   - the antd component styles each one generates in the browser before that paint (the app's are made at build time),
 *   - the JavaScript each one loads before that paint, and which heavy modules (pdf.js, exceljs, echarts, the
 *     document readers and parser core, the sync codec) are among it: none may be (they load when first used).
 * Medians of 15 alternating loads. Run with `npm run bench start`.
 */
import { createServer } from 'node:http';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { build, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { chromium, type CDPSession, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../e2e/chromium';

const RUNS = 15;
const root = process.cwd();
const work = join(root, '.cache', `bench-start-${process.pid}`);

/** Modules that must not be part of the first screen: they load when the feature using them is first used. */
const HEAVY: { label: string; test: RegExp }[] = [
  { label: 'pdf.js', test: /node_modules\/pdfjs-dist\// },
  { label: 'exceljs', test: /node_modules\/exceljs\// },
  { label: 'docx', test: /node_modules\/docx\// },
  { label: 'echarts', test: /node_modules\/(echarts|zrender)\// },
  { label: 'document readers', test: /shared\/parser\/readers\/(?!extensions\.ts)/ },
  { label: 'parser core', test: /shared\/parser\/core\/(?!deadline\.ts)/ },
  { label: 'sync codec', test: /shared\/sync\/(container|preview|fold|classify|canonicalDigest|simulate)\.ts/ },
];

/** Records which source modules each output chunk holds. */
function chunkModules(into: Map<string, { bytes: number; modules: string[] }>): Plugin {
  return {
    name: 'bench-chunk-modules',
    generateBundle(_options, bundle) {
      for (const [file, c] of Object.entries(bundle)) {
        if (c.type === 'chunk') into.set(file, { bytes: c.code.length, modules: Object.keys(c.modules) });
      }
    },
  };
}

/** Runs in the page before any script: notes when the first-screen element is painted (one frame after it appears). */
function watchFirstScreen() {
  const w = window as unknown as { __firstScreen?: number; __name?: unknown };
  w.__name = (f: unknown) => f;
  const poll = () => {
    if (document.querySelector('[data-testid="plan-list"], [data-testid="empty-page"]')) requestAnimationFrame(() => (w.__firstScreen = performance.now()));
    else requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
}

/** Runs in the app's page: one plan of `tasks` tasks, its units and this PC's office, written straight into IndexedDB. */
async function seedInPage(tasks: number): Promise<void> {
  const hex = (n: number) => n.toString(16).padStart(24, '0');
  const stamp = `${String(1_700_000_000_000).padStart(15, '0')}-00000-devstart`;
  const meta = { stamp, by: '市政府督查办' };
  const planId = `plan_${hex(1)}`;
  const units = Array.from({ length: 40 }, (_, i) => ({ id: `unit_${hex(i + 1)}`, ...meta, name: `第${i + 1}单位`, aliases: [] }));
  const sections = Array.from({ length: 10 }, (_, i) => ({ id: `sec_${hex(i + 1)}`, ...meta, planId, title: `${i + 1}、第${i + 1}部分`, parentId: null, order: i }));
  const rows = {
    plans: [{ id: planId, ...meta, title: '关于优化营商环境的若干措施', docNumber: '测〔2024〕1号', issuer: null, date: '2024-01-15', source: null, leadRule: 'columns', cadence: { every: 'quarter', day: 20 }, yellowDays: 15, owner: { office: '市政府督查办', device: 'devstart' }, createdAt: '2024-01-15T00:00:00.000Z' }],
    units,
    sections,
    tasks: Array.from({ length: tasks }, (_, i) => ({
      id: `task_${hex(i + 1)}`, ...meta, planId, sectionId: sections[i % 10]!.id, number: String(i + 1), order: i, content: `第${i + 1}项任务：推进数字化改革，优化审批服务。`,
      lead: [units[i % 40]!.id], support: [units[(i + 7) % 40]!.id], implement: [], deadline: { text: '2025年底前', date: '2025-12-31', kind: 'year' },
    })),
    meta: [
      { key: 'deviceId', value: 'devstart' },
      { key: 'identity', value: { deviceId: 'devstart', office: '市政府督查办', role: 'supervisor' } },
    ],
  };
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open('taizhang');
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  await new Promise<void>((resolve, reject) => {
    const tx = db.transaction(Object.keys(rows), 'readwrite');
    for (const [store, list] of Object.entries(rows)) for (const row of list) tx.objectStore(store).put(row);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  db.close();
}

interface Load {
  ms: number;
  /** Main-thread task time of the load (CDP Performance.getMetrics TaskDuration), less noisy than wall time on a busy machine. */
  busyMs: number;
  scripts: string[];
  /** Start and end (ms since navigation) of every file fetched before the first paint, for START_TRACE=1. */
  trace: string[];
  /** antd component styles generated in the browser by then (the app's first-screen styles are made at build time). */
  styles: number;
}

/** One cold load of `url` (HTTP cache off): time to the first screen, and the scripts fetched before it. */
async function coldLoad(page: Page, cdp: CDPSession, url: string): Promise<Load> {
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const taskTime = async () => ((await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0) * 1000;
  await page.goto('about:blank');
  const busy0 = await taskTime();
  // Wait from the navigation's commit, not its load event: Playwright's polling script (tens of ms of main-thread work
  // on a busy machine) then runs while the page still waits for its scripts, for both pages alike, instead of in the
  // middle of whichever page's first render follows its load event. What is waited for is unchanged.
  // BENCH_CPU=<dir>: a CPU profile of each load, written there (the last of each page is kept).
  if (process.env.BENCH_CPU) await cdp.send('Profiler.enable').then(() => cdp.send('Profiler.start'));
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(() => (window as unknown as { __firstScreen?: number }).__firstScreen !== undefined, undefined, { timeout: 60_000 });
  const busyMs = (await taskTime()) - busy0;
  if (process.env.BENCH_CPU) {
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: unknown };
    writeFileSync(join(process.env.BENCH_CPU, `start-${url.includes('/app/') ? 'app' : 'empty'}.cpuprofile`), JSON.stringify(profile));
  }
  const load = await page.evaluate(() => {
    const at = (window as unknown as { __firstScreen: number }).__firstScreen;
    const before = performance.getEntriesByType('resource').filter((e) => e.startTime <= at) as PerformanceResourceTiming[];
    const scripts = before.filter((e) => e.name.endsWith('.js')).map((e) => new URL(e.name).pathname);
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const trace = [
      `html ${nav.responseEnd.toFixed(0)}, DOMContentLoaded ${nav.domContentLoadedEventEnd.toFixed(0)}, first screen ${at.toFixed(0)}`,
      ...before.map((e) => `${e.startTime.toFixed(0).padStart(5)} → ${e.responseEnd.toFixed(0).padStart(5)}  ${new URL(e.name).pathname}`),
    ];
    const styles = document.querySelectorAll('style[data-css-hash]:not([data-token-hash])').length;
    return { ms: at, scripts, trace, styles };
  });
  return { ...load, busyMs };
}

const MIME: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };

async function main() {
  const exe = findChromium();
  if (!exe) {
    console.log('start bench skipped: no Chromium found (set CHROMIUM_PATH)');
    return;
  }
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const appChunks = new Map<string, { bytes: number; modules: string[] }>();
  const refChunks = new Map<string, { bytes: number; modules: string[] }>();
  await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'error', build: { outDir: join(work, 'app'), emptyOutDir: true }, plugins: [chunkModules(appChunks)] });
  await build({
    configFile: false,
    root: join(root, 'test/bench/start'),
    base: './',
    logLevel: 'error',
    plugins: [react(), chunkModules(refChunks)],
    build: { outDir: join(work, 'empty'), emptyOutDir: true, chunkSizeWarningLimit: 8000 },
  });

  const server = createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const path = join(work, pathname.endsWith('/') ? `${pathname}index.html` : pathname);
    if (!path.startsWith(work) || !existsSync(path)) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': MIME[extname(path)] ?? 'application/octet-stream' }).end(readFileSync(path));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const browser = await chromium.launch({ executablePath: exe, headless: true, args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    await context.addInitScript(watchFirstScreen);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Performance.enable');
    // Seed the app's database (created by the app's first load), then one warm-up load of each page.
    await page.goto(`${base}/app/`);
    await page.getByText('还没有任何计划').waitFor({ timeout: 60_000 });
    await page.evaluate(seedInPage, 500);
    await coldLoad(page, cdp, `${base}/app/`);
    await coldLoad(page, cdp, `${base}/empty/`);

    const app: Load[] = [];
    const ref: Load[] = [];
    for (let i = 0; i < RUNS; i++) {
      app.push(await coldLoad(page, cdp, `${base}/app/`));
      ref.push(await coldLoad(page, cdp, `${base}/empty/`));
    }
    await context.close();
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);

    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const appMs = median(app.map((l) => l.ms));
    const refMs = median(ref.map((l) => l.ms));
    const kib = (chunks: Map<string, { bytes: number }>, scripts: string[]) =>
      scripts.reduce((n, s) => n + (chunks.get(s.replace(/^\/(app|empty)\//, ''))?.bytes ?? 0), 0) / 1024;
    const appScripts = app[app.length - 1]!.scripts;
    const refScripts = ref[ref.length - 1]!.scripts;
    const total = [...appChunks.values()].reduce((n, c) => n + c.bytes, 0) / 1024;
    const ratio = appMs / refMs;
    console.log(
      `first screen (plan list, 1 plan of 500 tasks), cold load: ${appMs.toFixed(0)} ms ` +
        `(empty React + antd page built by the same Vite: ${refMs.toFixed(0)} ms, ratio ${ratio.toFixed(2)}×, target ≤ 1.5×: ${ratio <= 1.5 ? 'meets' : 'MISSES'})`,
    );
    console.log(
      `  JavaScript loaded before the first paint: ${kib(appChunks, appScripts).toFixed(0)} KiB in ${appScripts.length} files ` +
        `(empty page: ${kib(refChunks, refScripts).toFixed(0)} KiB in ${refScripts.length}; the whole app: ${total.toFixed(0)} KiB in ${appChunks.size} files)`,
    );
    const loaded = new Set(appScripts.flatMap((s) => appChunks.get(s.replace(/^\/app\//, ''))?.modules ?? []));
    const heavyLoaded = HEAVY.filter((h) => [...loaded].some((m) => h.test.test(m)));
    const lazyKib = (h: (typeof HEAVY)[number]) =>
      [...appChunks.values()].filter((c) => c.modules.some((m) => h.test.test(m))).reduce((n, c) => n + c.bytes, 0) / 1024;
    console.log(`  heavy parts loaded for the first screen: ${heavyLoaded.length ? heavyLoaded.map((h) => h.label).join(', ') : 'none'}` +
      ` (loaded on first use: ${HEAVY.filter((h) => !heavyLoaded.includes(h) && lazyKib(h) > 0).map((h) => `${h.label} ${lazyKib(h).toFixed(0)} KiB`).join(', ')})`);
    if (heavyLoaded.length) process.exitCode = 1;
    console.log(
      `  antd component styles generated in the browser before the first paint: ${median(app.map((l) => l.styles))} ` +
        `(empty page: ${median(ref.map((l) => l.styles))}; the app's first-screen styles are made at build time, scripts/firstScreenStyles.mjs)`,
    );
    const appBusy = median(app.map((l) => l.busyMs));
    const refBusy = median(ref.map((l) => l.busyMs));
    console.log(`  main-thread time until then (median): ${appBusy.toFixed(0)} ms (empty page: ${refBusy.toFixed(0)} ms, ratio ${(appBusy / refBusy).toFixed(2)}×)`);
    const spread = (ls: Load[]) => { const xs = ls.map((l) => l.ms).sort((a, b) => a - b); return `min ${xs[0]!.toFixed(0)}, quartiles ${xs[Math.floor(xs.length / 4)]!.toFixed(0)}–${xs[Math.floor((3 * xs.length) / 4)]!.toFixed(0)}, max ${xs[xs.length - 1]!.toFixed(0)}`; };
    console.log(`  spread of the ${RUNS} loads: app ${spread(app)} ms; empty page ${spread(ref)} ms; ratio of the minimums ${(Math.min(...app.map((l) => l.ms)) / Math.min(...ref.map((l) => l.ms))).toFixed(2)}×`);
    if (process.env.START_TRACE) console.log(['app, last load:', ...app[app.length - 1]!.trace, 'empty page, last load:', ...ref[ref.length - 1]!.trace].join('\n'));
  } finally {
    await browser.close();
    server.close();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
