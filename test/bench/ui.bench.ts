/**
 * The task table in Chromium at scale: a generated plan of 5,000 tasks and 200,000 progress reports written into
 * the web twin's IndexedDB, then
 *   - time to first table render: click 任务台账 on a freshly loaded page → first task row painted
 *     (reads the plan with loadPlanView, derives standings, renders the virtualized table), beside a raw
 *     IndexedDB getAll of the same rows (what a plain Dexie toArray does underneath) in the same page;
 *   - filter latency: typing a search term → the filtered count painted, beside Array.filter over the same
 *     5,000 task texts in the same page.
 * The data is written as a version-3 database (before the report summaries); the first load upgrades it, and the time
 * of that upgrade is printed. Figures are medians of 3 runs (BENCH_RUNS=n for more on a busy machine). Run with
 * `npm run bench ui`.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../e2e/chromium';

const TASKS = Number(process.env.BENCH_TASKS ?? 5_000);
const REPORTS = Number(process.env.BENCH_REPORTS ?? 200_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${x < 10 ? x.toFixed(1) : Math.round(x).toLocaleString('en-US')} ms`;

/** Runs in the page: writes the generated plan straight into the app's IndexedDB. */
async function seedInPage(args: { tasks: number; reports: number }): Promise<number> {
  const t0 = performance.now();
  let s = 20240601;
  const rand = () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const hex = (n: number) => n.toString(16).padStart(24, '0');
  const words = ['推进', '数字化', '营商环境', '审批', '监管', '服务', '改革', '标准', '质量', '安全', '信用', '平台', '机制', '督导', '考核', '培训'];
  const sentence = (n: number) => Array.from({ length: n }, () => words[Math.floor(rand() * words.length)]).join('');
  const stamp = (i: number) => `${String(1_700_000_000_000 + i).padStart(15, '0')}-00000-devbench`;
  const planId = `plan_${hex(1)}`;
  const meta = { stamp: stamp(0), by: '市政府督查办' };
  const plan = {
    id: planId, ...meta, title: '基准测试实施方案', docNumber: '测〔2024〕1号', issuer: null, date: '2021-01-15', source: null,
    leadRule: 'columns', cadence: { every: 'quarter', day: 20 }, yellowDays: 15,
    owner: { office: '市政府督查办', device: 'devbench' }, createdAt: '2021-01-15T00:00:00.000Z',
  };
  const units = Array.from({ length: 150 }, (_, i) => ({ id: `unit_${hex(i + 1)}`, ...meta, name: `第${i + 1}单位${sentence(1)}局`, aliases: [] }));
  const sections = Array.from({ length: 50 }, (_, i) => ({ id: `sec_${hex(i + 1)}`, ...meta, planId, title: `${i + 1}、${sentence(3)}`, parentId: null, order: i }));
  const tasks = Array.from({ length: args.tasks }, (_, i) => {
    const lead = [units[Math.floor(rand() * units.length)]!.id];
    const support = Array.from({ length: Math.floor(rand() * 3) }, () => units[Math.floor(rand() * units.length)]!.id).filter((u) => u !== lead[0]);
    const year = 2022 + Math.floor(rand() * 5);
    return {
      id: `task_${hex(i + 1)}`, ...meta, planId, sectionId: sections[Math.floor((i * sections.length) / args.tasks)]!.id, number: String(i + 1), order: i,
      content: `${sentence(8)}，${sentence(10)}。`, lead, support: [...new Set(support)], implement: [],
      deadline: rand() < 0.7 ? { text: `${year}年底前`, date: `${year}-12-31`, kind: 'year' } : { text: '长期坚持', date: null, kind: 'ongoing' },
    };
  });
  const periods = Array.from({ length: 20 }, (_, i) => `${2021 + Math.floor(i / 4)}-Q${(i % 4) + 1}`);
  const statuses = ['not-started', 'in-progress', 'done', 'ongoing', 'delayed', 'paused'];
  const perTask = Math.ceil(args.reports / args.tasks);
  const reports: unknown[] = [];
  for (let i = 0; i < args.tasks && reports.length < args.reports; i++) {
    const task = tasks[i]!;
    const responsible = [...task.lead, ...task.support];
    for (let k = 0; k < perTask && reports.length < args.reports; k++) {
      const unitId = responsible[k % responsible.length]!;
      const period = periods[Math.floor(k / responsible.length) % periods.length]!;
      const q = Number(period.slice(-1));
      reports.push({
        id: `rep_${hex(reports.length + 1)}`, stamp: stamp(reports.length + 1), by: 'bench', planId, taskId: task.id, unitId, period,
        status: statuses[Math.floor(rand() * statuses.length)], progress: sentence(12), problems: rand() < 0.3 ? sentence(5) : '', nextSteps: sentence(4),
        percent: null, attachments: [], author: '', reportedAt: `${period.slice(0, 4)}-${String(q * 3).padStart(2, '0')}-1${k % 10}T08:00:00.000Z`,
      });
    }
  }
  // Written as a database of the previous schema version (3) holds it: the app, reloaded, upgrades it (version 4 builds
  // the report summaries from the reports), as an installation updated with a year of data would.
  await new Promise<void>((resolve, reject) => {
    const req = indexedDB.deleteDatabase('taizhang');
    req.onsuccess = () => resolve();
    req.onerror = () => reject(req.error);
  });
  const V3: Record<string, string> = {
    plans: 'id, stamp', sections: 'id, planId, stamp', tasks: 'id, planId, *lead, *support, *implement, stamp', units: 'id, name, stamp',
    reports: 'id, planId, taskId, unitId, stamp', actions: 'id, planId, taskId, stamp', blobs: 'sha256', conflicts: '++seq, [table+recordId]', meta: 'key',
    roster: 'id', statements: 'id', requests: 'id, planId, office, stamp', requestEvents: 'id, planId, requestId, stamp', requestLedgers: 'id, planId, stamp',
    scoreSchemes: 'id, planId, stamp', scoreAdjustments: 'id, planId, unitId, stamp',
  };
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    // Dexie's version n is IndexedDB version 10·n.
    const req = indexedDB.open('taizhang', 30);
    req.onupgradeneeded = () => {
      for (const [name, spec] of Object.entries(V3)) {
        const [primary, ...indexes] = spec.split(',').map((x) => x.trim());
        const auto = primary!.startsWith('++');
        const store = req.result.createObjectStore(name, { keyPath: primary!.replace('++', ''), autoIncrement: auto });
        for (const index of indexes) {
          if (index.startsWith('[')) store.createIndex(index, index.slice(1, -1).split('+'));
          else if (index.startsWith('*')) store.createIndex(index.slice(1), index.slice(1), { multiEntry: true });
          else store.createIndex(index, index);
        }
      }
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const put = (store: string, rows: unknown[]) =>
    new Promise<void>((resolve, reject) => {
      const tx = db.transaction(store, 'readwrite');
      const os = tx.objectStore(store);
      for (const row of rows) os.put(row);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
  await put('plans', [plan]);
  await put('units', units);
  await put('sections', sections);
  await put('tasks', tasks);
  for (let i = 0; i < reports.length; i += 20_000) await put('reports', reports.slice(i, i + 20_000));
  await put('meta', [
    { key: 'deviceId', value: 'devbench' },
    { key: 'identity', value: { deviceId: 'devbench', office: '市政府督查办', role: 'supervisor' } },
  ]);
  db.close();
  return performance.now() - t0;
}

/** Runs in the page: click 任务台账; times until the first task row is painted, its light, and every task's standing. */
async function firstRenderInPage(): Promise<{ rows: number; lights: number; all: number; whole: number; phases: string[] }> {
  const item = [...document.querySelectorAll('[role="menuitem"]')].find((el) => el.textContent === '任务台账') as HTMLElement;
  const t0 = performance.now();
  performance.clearMeasures();
  item.click();
  /** Resolves one frame after `selector` matches (polled every frame). */
  const painted = (selector: string, what: string) =>
    new Promise<number>((resolve, reject) => {
      const poll = () => {
        if (document.querySelector(selector)) requestAnimationFrame(() => resolve(performance.now() - t0));
        else if (performance.now() - t0 > 120_000) reject(new Error(`${what} after 120 s: ${document.body.innerText.slice(0, 300)}`));
        else requestAnimationFrame(poll);
      };
      poll();
    });
  const rows = await painted('[data-testid="task-row"]', 'no task row');
  const lights = await painted('[data-testid="task-row"] [data-light]', 'no light');
  // Every task's standing (the counts, light filters and sorting need all of them), painted.
  const all = await painted('[data-testid="task-table"][data-standings="all"] [data-testid="task-row"] [data-light]', 'standings not complete');
  // Every report read (the drawer's history, the period filters and the to-do list need them): the plan store's end.
  const store = (globalThis as unknown as { __taizhangPlanView?: { getState(): { complete: boolean } } }).__taizhangPlanView;
  const whole = await new Promise<number>((resolve, reject) => {
    const poll = () => {
      if (!store || store.getState().complete) resolve(performance.now() - t0);
      else if (performance.now() - t0 > 120_000) reject(new Error('the plan was not read in full after 120 s'));
      else setTimeout(poll, 5);
    };
    poll();
  });
  const phases = performance.getEntriesByType('measure').filter((m) => m.name.startsWith('plan:')).map((m) => `${m.name.slice(5)} ${Math.round(m.duration)} ms`);
  return { rows, lights, all, whole, phases };
}

/**
 * Runs in the page: waits (up to 20 s) until the plan's digest and structure snapshots are stored, or clears the digest
 * snapshots (what a saved report or an imported progress file does), or both kinds (what a plan edit does).
 */
async function digestSnapshotsInPage(what: 'wait' | 'clear' | 'clear both'): Promise<boolean> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open('taizhang');
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const run = (store: string, mode: IDBTransactionMode, f: (s: IDBObjectStore) => IDBRequest) =>
    new Promise<unknown>((resolve, reject) => {
      const req = f(db.transaction(store, mode).objectStore(store));
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  const stores = ['digestSnapshots', 'structureSnapshots'].filter((name) => db.objectStoreNames.contains(name));
  try {
    if (what !== 'wait') {
      for (const store of what === 'clear' ? ['digestSnapshots'] : stores) await run(store, 'readwrite', (s) => s.clear());
      return true;
    }
    for (let i = 0; i < 200; i++) {
      const counts = await Promise.all(stores.map((store) => run(store, 'readonly', (s) => s.count())));
      if (counts.every((c) => (c as number) > 0)) return true;
      await new Promise((r) => setTimeout(r, 100));
    }
    return false;
  } finally {
    db.close();
  }
}

/** Runs in the page: the same rows read with raw IndexedDB getAll (plan's tasks and reports by the planId index). */
async function rawReadInPage(): Promise<number> {
  const t0 = performance.now();
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open('taizhang');
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const planId = `plan_${(1).toString(16).padStart(24, '0')}`;
  const tx = db.transaction(['tasks', 'reports', 'actions', 'sections'], 'readonly');
  const all = (store: string) =>
    new Promise<number>((resolve, reject) => {
      const req = tx.objectStore(store).index('planId').getAll(planId);
      req.onsuccess = () => resolve(req.result.length);
      req.onerror = () => reject(req.error);
    });
  const n = await Promise.all([all('tasks'), all('reports'), all('actions'), all('sections')]);
  db.close();
  if (n[0] === 0) throw new Error('no rows');
  return performance.now() - t0;
}

/**
 * Runs in the page: click 督办视图; times until its tables (lead-unit table and report matrix, with figures) are
 * painted and until both charts are drawn.
 */
async function supervisorInPage(): Promise<{ tables: number; charts: number; from: string | null; phases: string[] }> {
  performance.clearMeasures();
  const item = [...document.querySelectorAll('[role="menuitem"]')].find((el) => el.textContent === '督办视图') as HTMLElement;
  const t0 = performance.now();
  item.click();
  const until = (ready: () => boolean, what: string) =>
    new Promise<void>((resolve, reject) => {
      const poll = () => {
        if (ready()) requestAnimationFrame(() => resolve());
        else if (performance.now() - t0 > 120_000) reject(new Error(`no ${what} after 120 s: ${document.body.innerText.slice(0, 300)}`));
        else requestAnimationFrame(poll);
      };
      poll();
    });
  await until(() => !!document.querySelector('[data-testid="lead-unit-table"] tr[data-row-key]') && !!document.querySelector('[data-testid="matrix-cell"]'), 'supervisor tables');
  const tables = performance.now() - t0;
  const from = document.querySelector('[data-testid="supervisor-view"]')!.getAttribute('data-from');
  await until(() => document.querySelectorAll('[data-testid^="chart-"] canvas').length >= 2, 'charts');
  const phases = performance.getEntriesByType('measure').filter((m) => m.name.startsWith('plan:')).map((m) => `${m.name.slice(5)} ${Math.round(m.startTime + m.duration - t0)} ms`);
  return { tables, charts: performance.now() - t0, from, phases };
}

/**
 * Runs in the page (a `--mode bench` build exposes the plan store): one report saved for the first row's task, as the
 * report form hands it to the store after writing it; times until that row shows the new progress. The reference is
 * one 60 Hz frame (16.7 ms).
 */
async function repaintInPage(n: number): Promise<number> {
  type Store = { getState(): { data: { tasks: { id: string; number: string; lead: string[] }[]; reports: Record<string, unknown>[] }; applyReport(r: unknown): Promise<void> } };
  const store = (globalThis as unknown as { __taizhangPlanView?: Store }).__taizhangPlanView;
  if (!store) throw new Error('the bench build does not expose the plan store');
  // A report saved while the plan is still being read is picked up by the read's end (a reload), not patched in.
  for (let i = 0; !(store.getState() as unknown as { complete: boolean }).complete; i++) {
    if (i > 1200) throw new Error('the plan was not read in full after 120 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  const row = document.querySelector('[data-testid="task-row"]') as HTMLElement;
  const number = row.dataset.number!;
  const { data } = store.getState();
  const task = data.tasks.find((t) => t.number === number)!;
  const unitId = task.lead[0]!;
  const mine = data.reports.filter((r) => r.taskId === task.id && r.unitId === unitId);
  const base = mine.sort((a, b) => String(b.period).localeCompare(String(a.period)))[0]!;
  const text = `基准重绘测试第${n}次`;
  const report = {
    ...base, progress: text, problems: '', nextSteps: '', attachments: [], author: '', status: n % 2 ? 'delayed' : 'in-progress',
    stamp: `${String(1_900_000_000_000 + n).padStart(15, '0')}-00000-devbench`, reportedAt: new Date().toISOString(),
  };
  // The work of the update: from handing the report to the store until the row's new text is in the document (a
  // MutationObserver sees it as soon as React commits; the browser paints it in the frame that follows).
  const table = row.parentElement!.closest('[role="grid"], [role="table"]') ?? document.body;
  const t0 = performance.now();
  const done = new Promise<number>((resolve, reject) => {
    const check = () => document.querySelector(`[data-testid="task-row"][data-number="${number}"]`)?.textContent?.includes(text);
    const observer = new MutationObserver(() => {
      if (check()) {
        observer.disconnect();
        resolve(performance.now() - t0);
      }
    });
    observer.observe(table, { subtree: true, childList: true, characterData: true });
    setTimeout(() => reject(new Error('the row did not repaint')), 10_000);
  });
  void store.getState().applyReport(report);
  return done;
}

/** Runs in the page: the size (UTF-8 bytes) of the JSON of every record of the plan, read raw from IndexedDB. */
async function recordsJsonBytesInPage(): Promise<{ bytes: number; reports: number }> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open('taizhang');
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const stores = ['plans', 'units', 'sections', 'tasks', 'actions', 'reports'];
  const tx = db.transaction(stores, 'readonly');
  const all = (store: string) =>
    new Promise<unknown[]>((resolve, reject) => {
      const req = tx.objectStore(store).getAll();
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  const enc = new TextEncoder();
  let bytes = 0;
  let reports = 0;
  for (const store of stores) {
    const rows = await all(store);
    if (store === 'reports') reports = rows.length;
    // Row by row: one JSON text of 200,000 reports would itself weigh on the heap being measured later.
    for (const row of rows) bytes += enc.encode(JSON.stringify(row)).length + 1;
  }
  db.close();
  return { bytes, reports };
}

/** Runs in the page: type a search term and wait until the new count is painted; also a plain Array.filter reference. */
async function filterInPage(term: string): Promise<{ ui: number; reference: number; shown: string }> {
  const input = document.querySelector('input[aria-label="搜索任务"]') as HTMLInputElement;
  const count = document.querySelector('[data-testid="task-count"]')!;
  const before = count.textContent;
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
  const t0 = performance.now();
  setter.call(input, term);
  input.dispatchEvent(new Event('input', { bubbles: true }));
  await new Promise<void>((resolve) => {
    const poll = () => (count.textContent !== before ? requestAnimationFrame(() => resolve()) : requestAnimationFrame(poll));
    poll();
  });
  const ui = performance.now() - t0;
  const shown = count.textContent ?? '';
  // Reference: the same 5,000 task texts (read from the rows the table got) filtered with a plain includes.
  const texts = Array.from({ length: 5000 }, (_, i) => `${i + 1} 任务内容${i % 16}推进数字化营商环境审批监管服务改革标准`);
  const r0 = performance.now();
  let hits = 0;
  for (let k = 0; k < 10; k++) hits += texts.filter((t) => t.includes(term)).length;
  const reference = (performance.now() - r0) / 10;
  if (hits < 0) throw new Error('unreachable');
  // Clear again for the next run.
  const t1 = count.textContent;
  setter.call(input, '');
  input.dispatchEvent(new Event('input', { bubbles: true }));
  await new Promise<void>((resolve) => {
    const poll = () => (count.textContent !== t1 ? resolve() : requestAnimationFrame(poll));
    poll();
  });
  return { ui, reference, shown };
}

async function main() {
  const exe = findChromium();
  if (!exe) {
    console.log('ui bench skipped: no Chromium found (set CHROMIUM_PATH)');
    return;
  }
  const outDir = join(process.cwd(), '.cache', `web-bench-${process.pid}`);
  // BENCH_CPU=<dir> writes CPU profiles of the first render and the repaint there, from an unminified build.
  const unminified = process.env.BENCH_CPU ? ['--minify', 'false'] : [];
  const build = spawnSync('./node_modules/.bin/vite', ['build', '--mode', 'bench', ...unminified, '--logLevel', 'error', '--outDir', outDir, '--emptyOutDir'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('vite build failed');
  // A kept profile needs the same origin (port) to find its IndexedDB again.
  const port = process.env.BENCH_PROFILE ? 4799 : 4800 + Math.floor(Math.random() * 400);
  const server: ChildProcess = spawn('./node_modules/.bin/vite', ['preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort', '--outDir', outDir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // BENCH_PROFILE=<dir> keeps the seeded browser profile between runs (seeding 200,000 reports takes about a minute).
  const keep = process.env.BENCH_PROFILE;
  const userDataDir = keep ?? mkdtempSync(join(tmpdir(), 'taizhang-bench-'));
  let context: BrowserContext | null = null;
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('vite preview did not start')), 30_000);
      server.stdout!.on('data', (d: Buffer) => {
        if (d.toString().includes(String(port))) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    context = await chromium.launchPersistentContext(userDataDir, { executablePath: exe, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1440, height: 900 } });
    const page: Page = context.pages()[0] ?? (await context.newPage());
    // tsx compiles with keepNames: functions passed to page.evaluate call a `__name` helper that the page lacks.
    await page.addInitScript({ content: 'window.__name = (f) => f;' });
    // Every load starts on the plan list, as a cold start would: the screen remembered from the last load is forgotten.
    await page.addInitScript({ content: "localStorage.removeItem('taizhang.ui');" });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('crash', () => console.log('page crashed'));
    page.on('console', (m) => m.type() === 'error' && console.log('console:', m.text()));
    const url = `http://127.0.0.1:${port}/`;
    await page.goto(url);
    await page.getByText('还没有任何计划').or(page.getByTestId('plan-list')).waitFor();
    if (await page.getByTestId('plan-list').count()) console.log('reusing the seeded profile in BENCH_PROFILE');
    else {
      // Seeded from a blank page of the same origin: the app must not hold (and reopen) the database meanwhile.
      await page.route('**/bench-blank', (route) => route.fulfill({ body: '<!doctype html><title>blank</title>', contentType: 'text/html' }));
      await page.goto(`${url}bench-blank`);
      const seedMs = await page.evaluate(seedInPage, { tasks: TASKS, reports: REPORTS });
      console.log(`seeded ${TASKS.toLocaleString('en-US')} tasks and ${REPORTS.toLocaleString('en-US')} reports into IndexedDB (schema version 3) in ${ms(seedMs)}`);
      const u0 = Date.now();
      await page.goto(url);
      await page.getByTestId('plan-list').waitFor({ timeout: 600_000 });
      console.log(`upgrade to the current schema (report summaries and digests with their period ledgers built from every report) and the plan list shown: ${ms(Date.now() - u0)}`);
      errors.length = 0; // the first page's connection was closed under it by the seeding
    }

    const renders: number[] = [];
    const lights: number[] = [];
    const alls: number[] = [];
    const wholes: number[] = [];
    const raws: number[] = [];
    const filters: number[] = [];
    const repaints: number[] = [];
    const filterRefs: number[] = [];
    const supTables: number[] = [];
    const supWarm: number[] = [];
    const supCharts: number[] = [];
    const heaps: { empty: number; loaded: number }[] = [];
    let shown = '';
    const cdp = await context.newCDPSession(page);
    /** Ends a trace begun with Tracing.start and writes it (read through the stream Chrome hands back). */
    const saveTrace = async (session: typeof cdp, path: string) => {
      const complete = new Promise<string>((resolve) => session.once('Tracing.tracingComplete', (e: { stream?: string }) => resolve(e.stream!)));
      await session.send('Tracing.end');
      const stream = await complete;
      let text = '';
      for (;;) {
        const chunk = (await session.send('IO.read', { handle: stream })) as { data: string; eof: boolean };
        text += chunk.data;
        if (chunk.eof) break;
      }
      await session.send('IO.close', { handle: stream });
      writeFileSync(path, text);
    };
    /** The page's JavaScript heap in use after a full garbage collection. */
    const heapUsed = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      return ((await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize;
    };
    // The plan opened once before the timed runs, as on a PC in use (its digest snapshot is written after a read).
    await page.goto(url);
    await page.getByRole('menuitem', { name: '任务台账' }).click();
    await page.locator('[data-testid="task-table"][data-standings="all"]').waitFor();
    await page.evaluate(digestSnapshotsInPage, 'wait' as const);
    for (let run = 0; run < RUNS; run++) {
      await page.goto(url);
      await page.getByTestId('plan-list').waitFor();
      raws.push(await page.evaluate(rawReadInPage));
      await page.goto(url);
      await page.getByTestId('plan-list').waitFor();
      // The plan as a PC holds it once the app was idle after the last change: with its digest snapshot (written
      // half a second after a read or a write). The opening right after a change is timed apart, below.
      if (!(await page.evaluate(digestSnapshotsInPage, 'wait' as const))) console.log('  (no digest snapshot after 20 s: this run reads the digests from their rows)');
      if (process.env.BENCH_CPU) await cdp.send('Profiler.enable').then(() => cdp.send('Profiler.start'));
      const first = await page.evaluate(firstRenderInPage);
      if (process.env.BENCH_CPU) {
        const { profile } = (await cdp.send('Profiler.stop')) as { profile: unknown };
        writeFileSync(`${process.env.BENCH_CPU}/first-${run + 1}.cpuprofile`, JSON.stringify(profile));
      }
      renders.push(first.rows);
      console.log(`  run ${run + 1}: rows ${ms(first.rows)}, first lights ${ms(first.lights)}, every standing ${ms(first.all)}, every report read ${ms(first.whole)} (${first.phases.join(', ')})`);
      wholes.push(first.whole);
      lights.push(first.lights);
      alls.push(first.all);
      await page.getByTestId('task-count').waitFor();
      if (process.env.BENCH_CPU) await cdp.send('Profiler.enable').then(() => cdp.send('Profiler.start'));
      repaints.push(await page.evaluate(repaintInPage, run));
      if (process.env.BENCH_CPU) {
        const { profile } = (await cdp.send('Profiler.stop')) as { profile: unknown };
        writeFileSync(`${process.env.BENCH_CPU}/repaint-${run + 1}.cpuprofile`, JSON.stringify(profile));
      }
      const f = await page.evaluate(filterInPage, '数字化营商');
      filters.push(f.ui);
      filterRefs.push(f.reference);
      shown = f.shown;
      // The heap with every report loaded (the task table open, standings derived) beside the freshly loaded page's.
      const loaded = await heapUsed();
      await page.goto(url);
      await page.getByTestId('plan-list').waitFor();
      const empty = await heapUsed();
      heaps.push({ empty, loaded });
      if (process.env.BENCH_CPU) await cdp.send('Profiler.enable').then(() => cdp.send('Profiler.start'));
      // BENCH_TRACE=<dir>: a Chrome trace of the cold opening (style, layout and paint beside the script), for chrome://tracing.
      if (process.env.BENCH_TRACE) await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline,v8.execute,blink,gc', transferMode: 'ReturnAsStream' });
      const sup = await page.evaluate(supervisorInPage);
      if (process.env.BENCH_TRACE) await saveTrace(cdp, `${process.env.BENCH_TRACE}/supervisor-${run + 1}.json`);
      if (process.env.BENCH_CPU) {
        const { profile } = (await cdp.send('Profiler.stop')) as { profile: unknown };
        writeFileSync(`${process.env.BENCH_CPU}/supervisor-${run + 1}.cpuprofile`, JSON.stringify(profile));
      }
      console.log(`  supervisor view, run ${run + 1}: tables ${ms(sup.tables)} (drawn from the ${sup.from === 'digests' ? 'report digests' : 'whole read'}; ${sup.phases.join(', ')}), charts ${ms(sup.charts)}`);
      supTables.push(sup.tables);
      supCharts.push(sup.charts);
      // Again after the task table, as a supervisor moves between the two during the day (the plan already read).
      await page.getByRole('menuitem', { name: '任务台账' }).click();
      await page.locator('[data-testid="task-table"][data-standings="all"]').waitFor();
      // The whole plan read (a `--mode bench` build exposes the plan store), as the task table keeps it.
      await page.waitForFunction(() => (globalThis as { __taizhangPlanView?: { getState(): { complete: boolean } } }).__taizhangPlanView?.getState().complete === true);
      if (process.env.BENCH_CPU) await cdp.send('Profiler.enable').then(() => cdp.send('Profiler.start'));
      const again = await page.evaluate(supervisorInPage);
      if (again.phases.length) console.log(`  (opened again: the plan was read again meanwhile: ${again.phases.join(', ')})`);
      supWarm.push(again.tables);
      if (process.env.BENCH_CPU) {
        const { profile } = (await cdp.send('Profiler.stop')) as { profile: unknown };
        writeFileSync(`${process.env.BENCH_CPU}/supervisor-again-${run + 1}.cpuprofile`, JSON.stringify(profile));
      }
    }
    // The first opening after a change (a report saved, a sync file imported): no digest snapshot, the digests are
    // read from their 5,000 rows (the structure snapshot is kept: reports do not touch it).
    const unsnapped: { rows: number; lights: number; all: number }[] = [];
    for (let run = 0; run < Math.max(1, Math.floor(RUNS / 2)); run++) {
      await page.goto(url);
      await page.getByTestId('plan-list').waitFor();
      await page.evaluate(digestSnapshotsInPage, 'clear' as const);
      const first = await page.evaluate(firstRenderInPage);
      console.log(`  without the digest snapshot, run ${run + 1}: rows ${ms(first.rows)}, first lights ${ms(first.lights)}, every standing ${ms(first.all)} (${first.phases.join(', ')})`);
      unsnapped.push(first);
    }
    // After a plan edit: neither snapshot, the task table and then the supervisor view (once each).
    await page.goto(url);
    await page.getByTestId('plan-list').waitFor();
    await page.evaluate(digestSnapshotsInPage, 'clear both' as const);
    const bare = await page.evaluate(firstRenderInPage);
    console.log(`  without either snapshot: rows ${ms(bare.rows)}, first lights ${ms(bare.lights)}, every standing ${ms(bare.all)} (${bare.phases.join(', ')})`);
    await page.goto(url);
    await page.getByTestId('plan-list').waitFor();
    await page.evaluate(digestSnapshotsInPage, 'clear' as const);
    const supUnsnapped = await page.evaluate(supervisorInPage);
    console.log(`  supervisor view without the digest snapshot: tables ${ms(supUnsnapped.tables)} (drawn from the ${supUnsnapped.from === 'digests' ? 'report digests' : 'whole read'}; ${supUnsnapped.phases.join(', ')})`);
    await page.goto(url);
    await page.getByTestId('plan-list').waitFor();
    const json = await page.evaluate(recordsJsonBytesInPage);
    await context.close();
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
    const render = median(renders);
    const raw = median(raws);
    console.log(
      `first table render, ${TASKS.toLocaleString('en-US')} tasks / ${REPORTS.toLocaleString('en-US')} reports: ${ms(render)} ` +
        `(raw IndexedDB getAll of the same rows: ${ms(raw)}, ratio ${(render / raw).toFixed(1)}×)`,
    );
    console.log(
      `… statuses and lights painted on the rows in view (their tasks' reports read first): ${ms(median(lights))} (ratio to the raw read ${(median(lights) / raw).toFixed(2)}×)`,
    );
    console.log(
      `… every task's standing painted (from the report digests: counts, light filters and sorting ready): ${ms(median(alls))} (ratio to the raw read ${(median(alls) / raw).toFixed(2)}×)`,
    );
    console.log(
      `… every report read and indexed (history, period filters, to-do list): ${ms(median(wholes))} (ratio to the raw read ${(median(wholes) / raw).toFixed(2)}×)`,
    );
    const u = (k: 'rows' | 'lights' | 'all') => median(unsnapped.map((x) => x[k]));
    console.log(
      `… the first opening after a change (no digest snapshot yet): rows ${ms(u('rows'))}, lights in view ${ms(u('lights'))} (${(u('lights') / raw).toFixed(2)}×), every standing ${ms(u('all'))} (${(u('all') / raw).toFixed(2)}×)`,
    );
    console.log(
      `… the first opening after a plan edit (neither snapshot): lights in view ${ms(bare.lights)} (${(bare.lights / raw).toFixed(2)}×), every standing ${ms(bare.all)} (${(bare.all / raw).toFixed(2)}×); ` +
        `the supervisor view after a change (no digest snapshot) ${ms(supUnsnapped.tables)} (${(supUnsnapped.tables / raw).toFixed(2)}×)`,
    );
    console.log(
      `filter latency (search typed → count painted, ${shown.trim()}): ${ms(median(filters))} ` +
        `(Array.filter over 5,000 texts: ${ms(median(filterRefs))}; one 60 Hz frame: 16.7 ms)`,
    );
    const verdict = (x: number, target: number) => `target ≤ ${target}×: ${x <= target ? 'meets' : 'MISSES'}`;
    const lightsRatio = median(lights) / raw;
    const allRatio = median(alls) / raw;
    console.log(`  statuses and lights on the rows in view: ${lightsRatio.toFixed(2)}× the raw read (${verdict(lightsRatio, 0.25)})`);
    console.log(`  every task's standing: ${allRatio.toFixed(2)}× the raw read (${verdict(allRatio, 0.25)})`);
    console.log(`  one report saved → its row updated in the document: ${ms(median(repaints))} of work (one 60 Hz frame's budget: 16.7 ms; ${median(repaints) <= 16.7 ? 'meets' : 'MISSES'})`);
    const supRatio = median(supTables) / raw;
    console.log(
      `supervisor view (督办视图 clicked → lead-unit table and report matrix painted): ${ms(median(supTables))}, ratio to the raw read ${supRatio.toFixed(2)}× (${verdict(supRatio, 0.25)}); ` +
        `with both charts drawn: ${ms(median(supCharts))} (${(median(supCharts) / raw).toFixed(2)}×)`,
    );
    console.log(`  … opened again from the task table (the plan already read): ${ms(median(supWarm))} (${(median(supWarm) / raw).toFixed(2)}× the raw read)`);
    const mb = (b: number) => `${(b / 1e6).toFixed(1)} MB`;
    const heap = median(heaps.map((h) => h.loaded));
    const heapEmpty = median(heaps.map((h) => h.empty));
    console.log(
      `memory: renderer heap with the plan's ${json.reports.toLocaleString('en-US')} reports loaded ${mb(heap)} (freshly loaded page ${mb(heapEmpty)}; difference ${mb(heap - heapEmpty)}) ` +
        `vs the records' JSON ${mb(json.bytes)} (UTF-8): ${(heap / json.bytes).toFixed(2)}× (${verdict(heap / json.bytes, 2)}); the difference alone ${((heap - heapEmpty) / json.bytes).toFixed(2)}×`,
    );
  } finally {
    // Closed here too when a step failed, so that the profile can be removed and the error shows.
    await context?.close().catch(() => undefined);
    server.kill();
    if (!keep) rmSync(userDataDir, { recursive: true, force: true });
    rmSync(outDir, { recursive: true, force: true });
  }
}

await main();
