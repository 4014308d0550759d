/**
 * The importer's Web Worker, measured in Chromium: each seed document (and the Office/PDF fixtures) parsed
 * through the app's worker client (renderer/src/workers/parseClient.ts: post the bytes, parse in the worker,
 * post the result back) beside the same parse job run on the page's own thread, in the same page and run.
 * The difference is what moving the parse off the window's thread costs. Also: the first parse, which starts
 * the worker. Figures are medians of 7 alternating runs after a warm-up.
 * Run with `npm run bench parseWorker`.
 */
import { createServer, type Server } from 'node:http';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../e2e/chromium';

const RUNS = 7;
const root = fileURLToPath(new URL('../..', import.meta.url));
const pageDir = join(root, 'test/bench/workerPage');
const outDir = join(root, '.cache', `bench-worker-${process.pid}`);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${x.toFixed(x < 10 ? 1 : 0)} ms`;

const docs: { name: string; path: string }[] = [
  ...readdirSync(join(root, 'test/fixtures/seeds')).filter((f) => f.endsWith('.txt')).sort().map((f) => ({ name: `seed ${f.slice(0, 3)}.txt`, path: join(root, 'test/fixtures/seeds', f) })),
  ...['002_full.docx', '004_full.doc', '002_table.xlsx', '002_full.pdf'].map((f) => ({ name: f, path: join(root, 'test/fixtures/files', f) })),
];

function serve(dir: string): Promise<{ server: Server; url: string }> {
  const types: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css' };
  const server = createServer((req, res) => {
    const path = join(dir, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/\/$/, '/index.html'));
    if (!path.startsWith(dir)) return void res.writeHead(404).end();
    try {
      const body = readFileSync(path);
      res.writeHead(200, { 'Content-Type': types[extname(path)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}/` })));
}

async function main(): Promise<void> {
  const browserPath = findChromium();
  if (!browserPath) {
    console.log('skipped: no Chromium (set CHROMIUM_PATH)');
    return;
  }
  await build({
    configFile: join(root, 'vite.config.ts'),
    root: pageDir,
    logLevel: 'error',
    build: { outDir, emptyOutDir: true },
  });
  mkdirSync(join(outDir, 'docs'), { recursive: true });
  for (const d of docs) copyFileSync(d.path, join(outDir, 'docs', d.name));
  const { server, url } = await serve(outDir);
  const browser = await chromium.launch({ executablePath: browserPath, headless: true, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    await page.goto(url);
    await page.waitForFunction(() => 'bench' in window);
    const time = (name: string, where: 'worker' | 'main') =>
      page.evaluate(([n, w]) => (window as unknown as { bench: { time(n: string, w: string): Promise<{ ms: number; tasks: number }> } }).bench.time(n, w), [name, where] as const);
    const first = await time(docs[0]!.name, 'worker');
    console.log(`first parse through the worker (starts it): ${ms(first.ms)} for ${docs[0]!.name}`);
    console.log(`\n${'document'.padEnd(18)} ${'tasks'.padStart(5)} ${'main thread'.padStart(12)} ${'worker'.padStart(10)} ${'overhead'.padStart(10)}`);
    for (const d of docs) {
      await time(d.name, 'main');
      await time(d.name, 'worker');
      const main: number[] = [];
      const worker: number[] = [];
      let tasks = 0;
      for (let i = 0; i < RUNS; i++) {
        const a = await time(d.name, 'main');
        const b = await time(d.name, 'worker');
        if (a.tasks !== b.tasks) throw new Error(`${d.name}: ${a.tasks} tasks on the main thread, ${b.tasks} in the worker`);
        tasks = a.tasks;
        main.push(a.ms);
        worker.push(b.ms);
      }
      const overhead = median(worker) - median(main);
      console.log(`${d.name.padEnd(18)} ${String(tasks).padStart(5)} ${ms(median(main)).padStart(12)} ${ms(median(worker)).padStart(10)} ${`${overhead >= 0 ? '+' : ''}${ms(overhead)}`.padStart(10)}`);
    }
  } finally {
    await browser.close();
    server.close();
    rmSync(outDir, { recursive: true, force: true });
  }
}

await main();
