/**
 * Sync benchmark in Chromium (same run, same machine): importing a .tzsync snapshot with 100,000 progress
 * reports into an empty database and into one already holding them, beside a raw Dexie bulkPut of the same
 * records and dexie-export-import importing the same data; and the file's size beside the raw JSON.
 * Targets: first import ≤ 1.3× bulkPut without signature checking and ≤ 1.6× with it (issue 10); re-import ≤ 0.2×
 * bulkPut; file ≤ 0.3× raw JSON. Medians of ROUNDS (default 3) rounds, each ratio to the bulkPut measured next to it.
 * First, many files at once: 30 offices' files (each the plan's structure plus 2,000 of its reports, signed)
 * checked and applied file by file, read by slices from Blobs as the web twin reads picked files: time, per-record
 * cost beside one big file holding the same final records and beside raw bulkPut of them, peak JS heap and
 * browser memory, and the longest stall of the window.
 *
 * Run: npm run bench -- sync   (REPORTS=20000 for a quicker run; SYNC_BENCH=many or single for one part;
 * BENCH_FILES, REPORTS_PER_FILE, TASKS_MANY to size the many-files case; ROUNDS; PROFILE=first or again prints
 * where that import's time goes)
 */
import { createServer } from 'node:http';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { extname, join } from 'node:path';
import { build } from 'vite';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../e2e/chromium';
import { formatStamp, planId, reportId, sectionId, taskId, unitId, REPORT_STATUSES, type Plan, type Report, type Section, type Task, type Unit } from '../../shared/model';
import {
  concatBytes, emptyState, encodeSnapshot, keyPairFromSeed, officeStates, seal, signStates, simulatedTrust, SIM_OFFICES, SIM_SUPERVISOR, TABLE_ORDER, prng, type SyncState,
} from '../../shared/sync';
import type { Identity } from '../../shared/model';

const REPORTS = Number(process.env.REPORTS ?? 100_000);
const root = process.cwd();
const work = join(root, '.cache', `bench-sync-${process.pid}`);

/** One plan, 2,000 tasks, 10 offices, quarterly periods: REPORTS distinct reports, each written by its own office. */
function benchState(): SyncState {
  const rand = prng(2024);
  const wall0 = Date.UTC(2024, 0, 2);
  const supDevice = 'dev_benchsupervisor';
  const stamp0 = formatStamp(wall0, 0, supDevice);
  const offices = SIM_OFFICES.slice(0, 10);
  const pid = planId('关于全面加强药品监管能力建设的若干措施', '基准〔2024〕1号');
  const meta = { stamp: stamp0, by: SIM_SUPERVISOR };
  const plan: Plan = {
    id: pid, ...meta, title: '关于全面加强药品监管能力建设的若干措施', docNumber: '基准〔2024〕1号', issuer: '市人民政府办公室', date: '2024-01-02',
    source: null, leadRule: 'columns', cadence: { every: 'quarter', day: 20 }, yellowDays: 15, owner: { office: SIM_SUPERVISOR, device: supDevice }, createdAt: new Date(wall0).toISOString(),
  };
  const units: Unit[] = offices.map((name) => ({ id: unitId(name), ...meta, name, aliases: [] }));
  const sections: Section[] = Array.from({ length: 10 }, (_, i) => ({ id: sectionId(pid, [`第${i + 1}部分`]), ...meta, planId: pid, title: `第${i + 1}部分`, parentId: null, order: i }));
  const taskCount = 2000;
  const tasks: Task[] = Array.from({ length: taskCount }, (_, i) => ({
    id: taskId(pid, String(i + 1)), ...meta, planId: pid, sectionId: sections[i % 10]!.id, number: String(i + 1), order: i,
    content: `第${i + 1}项：完善药品安全责任体系，落实“四个最严”要求，强化全链条监管。`, lead: [units[i % 10]!.id], support: [units[(i + 3) % 10]!.id], implement: [],
    deadline: { text: '2025年12月底前', date: '2025-12-31', kind: 'date' },
  }));
  const periodsNeeded = Math.ceil(REPORTS / (taskCount * 2));
  const periods = Array.from({ length: periodsNeeded }, (_, i) => `${2024 + Math.floor(i / 4)}-Q${(i % 4) + 1}`);
  const reports: Report[] = [];
  let n = 0;
  outer: for (const period of periods) {
    for (const task of tasks) {
      for (const uid of [task.lead[0]!, task.support[0]!]) {
        if (n >= REPORTS) break outer;
        const office = offices[units.findIndex((u) => u.id === uid)]!;
        const wall = wall0 + 60_000 + n * 1000;
        reports.push({
          id: reportId(task.id, uid, period), stamp: formatStamp(wall, 0, `dev_bench${units.findIndex((u) => u.id === uid)}`), by: office, planId: pid, taskId: task.id, unitId: uid, period,
          status: REPORT_STATUSES[Math.floor(rand() * REPORT_STATUSES.length)]!,
          progress: `已召开专题会议研究部署，完成现场检查${Math.floor(rand() * 50)}家，发现问题${Math.floor(rand() * 9)}个，已督促整改到位。`,
          problems: rand() < 0.3 ? '基层执法力量不足，专业人员短缺。' : '', nextSteps: rand() < 0.5 ? '继续加大工作力度，按期完成任务。' : '',
          percent: Math.floor(rand() * 101), attachments: [], author: `经办人${Math.floor(rand() * 9) + 1}`, reportedAt: new Date(wall).toISOString(),
        });
        n++;
      }
    }
  }
  const state = emptyState();
  state.records.plans = [plan];
  state.records.sections = sections;
  state.records.tasks = tasks;
  state.records.units = units;
  state.records.reports = reports;
  return state;
}

const FILES = Number(process.env.BENCH_FILES ?? 30);
const REPORTS_PER_FILE = Number(process.env.REPORTS_PER_FILE ?? 2000);
const TASKS_MANY = Number(process.env.TASKS_MANY ?? 4500);
const READER: Identity = { deviceId: 'dev_benchreader', office: '市教育局', role: 'department' };

/** The many-files case: FILES offices, each exporting the plan's structure (TASKS_MANY tasks) and its own reports, signed. */
function officeFiles(): { files: Uint8Array[]; merged: SyncState; records: number; trustJson: string } {
  const { offices, merged } = officeStates({ offices: FILES, tasks: TASKS_MANY, reportsPerOffice: REPORTS_PER_FILE });
  const identities: Identity[] = [{ deviceId: 'dev_benchsupervisor', office: SIM_SUPERVISOR, role: 'supervisor' }, ...offices.map((o) => o.identity)];
  const trust = simulatedTrust(0, [...identities, READER], '2024-01-01T00:00:00.000Z');
  signStates([...offices.map((o) => o.state), merged], identities, trust, '2024-10-01T09:30:00.000Z');
  const files = offices.map(({ identity, state }) =>
    concatBytes(encodeSnapshot(state, { producer: identity, app: { name: '任务分解台账', version: 'bench' }, createdAt: '2024-10-01T09:30:00+08:00', scope: { kind: 'full', since: null } }).chunks),
  );
  const records = offices.reduce((n, o) => n + TABLE_ORDER.reduce((m, t) => m + o.state.records[t].length, 0), 0);
  return { files, merged, records, trustJson: JSON.stringify({ anchor: trust.anchor, roster: trust.roster, keys: trust.keys.get(READER.deviceId)! }) };
}

/** Resident memory of this process's descendants (the browser and its renderers), from /proc; 0 elsewhere. */
function browserRss(): number {
  if (!existsSync('/proc/self/stat')) return 0;
  const parents = new Map<number, number>();
  const rss = new Map<number, number>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parents.set(Number(d), Number(fields[1]));
      rss.set(Number(d), Number(fields[21]) * 4096);
    } catch {
      // the process ended meanwhile
    }
  }
  let total = 0;
  for (const [pid, bytes] of rss) {
    let p: number | undefined = pid;
    while (p !== undefined && p > 1 && p !== process.pid) p = parents.get(p);
    if (p === process.pid && pid !== process.pid) total += bytes;
  }
  return total;
}

const MIME: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.json': 'application/json', '.tzsync': 'application/octet-stream' };

async function main() {
  const chromiumPath = findChromium();
  if (!chromiumPath) {
    console.log('sync bench skipped: no Chromium found');
    return;
  }
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const outDir = join(work, 'page');
  await build({
    root: join(root, 'test/bench/sync'),
    base: './',
    logLevel: 'error',
    define: { __APP_VERSION__: JSON.stringify('bench') },
    build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 8000, ...(process.env.PROFILE ? { minify: false } : {}) },
  });

  const state = benchState();
  const rawJson = JSON.stringify(Object.fromEntries(TABLE_ORDER.map((t) => [t, state.records[t]])));
  writeFileSync(join(outDir, 'raw.json'), rawJson);
  // Every record signed by its author device (its office's key, enrolled in the supervisor's roster).
  const identities: Identity[] = [
    { deviceId: 'dev_benchsupervisor', office: SIM_SUPERVISOR, role: 'supervisor' },
    ...SIM_OFFICES.slice(0, 10).map((office, i) => ({ deviceId: `dev_bench${i}`, office, role: 'department' as const })),
  ];
  const reader: Identity = { deviceId: 'dev_benchreader', office: '市教育局', role: 'department' };
  const trust = simulatedTrust(0, [...identities, reader], '2024-01-01T00:00:00.000Z');
  const tSign = performance.now();
  signStates([state], identities, trust, '2024-10-01T09:30:00.000Z');
  const signMs = performance.now() - tSign;
  const t0 = performance.now();
  const file = encodeSnapshot(state, {
    producer: { deviceId: 'dev_benchsupervisor', office: SIM_SUPERVISOR, role: 'supervisor' },
    app: { name: '任务分解台账', version: 'bench' },
    createdAt: '2024-10-01T09:30:00+08:00',
    scope: { kind: 'full', since: null },
  });
  const encodeMs = performance.now() - t0;
  writeFileSync(join(outDir, 'bench.tzsync'), concatBytes(file.chunks));
  const readerKeys = trust.keys.get(reader.deviceId)!;
  const tSeal = performance.now();
  const sealedBytes = concatBytes(seal(concatBytes(file.chunks), { kind: 'office', office: reader.office, keys: [{ publicKey: readerKeys.publicKey, device: reader.deviceId }] }));
  const sealMs = performance.now() - tSeal;
  writeFileSync(join(outDir, 'bench-sealed.tzsync'), sealedBytes);
  const trustJson = JSON.stringify({ anchor: trust.anchor, roster: trust.roster, keys: readerKeys });
  const rawBytes = Buffer.byteLength(rawJson);

  const server = createServer((req, res) => {
    const path = join(outDir, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/+/, '') || 'index.html');
    if (!path.startsWith(outDir) || !existsSync(path)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': MIME[extname(path)] ?? 'application/octet-stream' }).end(readFileSync(path));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  const userDataDir = join(work, 'profile');
  const context = await chromium.launchPersistentContext(userDataDir, { executablePath: chromiumPath, headless: true, args: [...CHROMIUM_ARGS, '--enable-precise-memory-info'] });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => console.error('page error:', e.message));
    if (process.env.PROFILE) page.on('console', (m) => console.log(`page: ${m.text()}`));
    await page.goto(`http://127.0.0.1:${port}/index.html`);
    await page.waitForFunction(() => document.title === 'ready');
    type Bench = Record<string, (...args: string[]) => Promise<unknown>>;
    const call = <T>(fn: string, ...args: string[]) =>
      page.evaluate(([f, a]) => (window as unknown as { bench: Bench }).bench[f as string]!(...(a as string[])), [fn, args] as const) as Promise<T>;

    const s = (x: number) => `${(x / 1000).toFixed(2)} s`;
    const ratio = (x: number, ref: number) => `${(x / ref).toFixed(2)}×`;
    const mb = (x: number) => `${Math.round(x / 1e6)} MB`;
    if (process.env.SYNC_BENCH !== 'single') {
      // Many files at once (a supervisor's month): beside one big file with the same final records, and raw bulkPut.
      const many = officeFiles();
      many.files.forEach((f, i) => writeFileSync(join(outDir, `office-${i}.tzsync`), f));
      writeFileSync(join(outDir, 'offices-raw.json'), JSON.stringify(Object.fromEntries(TABLE_ORDER.map((t) => [t, many.merged.records[t]]))));
      writeFileSync(
        join(outDir, 'offices-merged.tzsync'),
        concatBytes(encodeSnapshot(many.merged, { producer: { deviceId: 'dev_benchsupervisor', office: SIM_SUPERVISOR, role: 'supervisor' }, app: { name: '任务分解台账', version: 'bench' }, createdAt: '2024-10-01T09:30:00+08:00', scope: { kind: 'merge', since: null } }).chunks),
      );
      const mergedRecords = TABLE_ORDER.reduce((n, t) => n + many.merged.records[t].length, 0);
      const rawMany = await call<{ putMs: number }>('rawBulkPut', 'offices-raw', 'offices-raw.json');
      await call('setupTrust', 'offices-big', many.trustJson);
      await call('setupTrust', 'offices-many', many.trustJson);
      const big = await call<{ totalMs: number; written: number }>('importSnapshot', 'offices-big', 'offices-merged.tzsync');
      let rssPeak = browserRss();
      const rssBefore = rssPeak;
      const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, browserRss())), 250);
      const urls = many.files.map((_, i) => `office-${i}.tzsync`);
      const result = await call<{ checkMs: number; applyMs: number; totalMs: number; written: number; files: number; heapBefore: number; heapPeak: number; stallMs: number; progressCalls: number }>('importMany', 'offices-many', ...urls);
      clearInterval(sampler);
      const bytes = many.files.reduce((n, f) => n + f.length, 0);
      const perRecord = (msTotal: number, n: number) => `${((msTotal * 1000) / n).toFixed(1)} µs/record`;
      console.log(`${FILES} files (${FILES} offices × ${REPORTS_PER_FILE} reports, each with the plan's ${many.records / FILES - REPORTS_PER_FILE} structure records, all signed): ${many.records} records in ${(bytes / 1e6).toFixed(1)} MB; ${mergedRecords} distinct records`);
      console.log(
        `  import of all ${FILES} at once: ${s(result.totalMs)} = check ${s(result.checkMs)} + apply ${s(result.applyMs)} (${result.files} files, ${result.written} written, ${result.progressCalls} progress reports); ` +
          `${perRecord(result.totalMs, many.records)} per record in the files, ${perRecord(result.totalMs, mergedRecords)} per distinct record`,
      );
      console.log(`  one big file with the same ${mergedRecords} records: ${s(big.totalMs)} (${perRecord(big.totalMs, mergedRecords)}, ${big.written} written); raw bulkPut of them: ${s(rawMany.putMs)} (${perRecord(rawMany.putMs, mergedRecords)}); ${FILES} files = ${ratio(result.totalMs, big.totalMs)} of one big file, ${ratio(result.totalMs, rawMany.putMs)} of bulkPut`);
      console.log(
        `  peak JS heap during the import: ${mb(result.heapPeak)} (before ${mb(result.heapBefore)}); browser resident memory peak ${mb(rssPeak)} (before ${mb(rssBefore)}); ` +
          `longest stall of the window: ${Math.round(result.stallMs)} ms`,
      );
      if (process.env.SYNC_BENCH === 'many') return;
    }
    await call('setupTrust', 'sealed', trustJson);
    // PROFILE=first or PROFILE=again (or 1): where the first import's or the re-import's time goes (self time per function).
    const cdp = process.env.PROFILE ? await context.newCDPSession(page) : null;
    const profiled = async <T>(which: string, run: () => Promise<T>): Promise<T> => {
      const on = cdp && (process.env.PROFILE === which || (process.env.PROFILE === '1' && which === 'again'));
      if (on) {
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.start');
      }
      const out = await run();
      if (on) {
        const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[]; samples: number[]; timeDeltas: number[] } };
        const self = new Map<string, number>();
        const byId = new Map(profile.nodes.map((n) => [n.id, n]));
        profile.samples.forEach((id, i) => {
          const f = byId.get(id)!.callFrame;
          const k = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
          self.set(k, (self.get(k) ?? 0) + (profile.timeDeltas[i] ?? 0));
        });
        console.log(`profile of the ${which} import:`);
        console.log([...self].sort((a, b) => b[1] - a[1]).slice(0, 30).map(([k, t]) => `${(t / 1000).toFixed(0).padStart(6)} ms  ${k}`).join('\n'));
      }
      return out;
    };
    type Imported = { previewMs: number; applyMs: number; totalMs: number; written: number; sentence: string };
    // ROUNDS rounds (default 3) on a shared, noisy machine: each round measures raw bulkPut into a fresh database and
    // the app's first import and re-import into another, next to each other (the order alternates, so neither
    // always runs on a cold browser); every ratio is to the bulkPut of its own round, and the medians are reported.
    const ROUNDS = Math.max(1, Number(process.env.ROUNDS ?? 3));
    const rounds: { raw: number; first: Imported; again: Imported }[] = [];
    let raw = { parseMs: 0, putMs: 0, records: 0 };
    // Deleting or filling a database leaves the browser's storage busy for a while (compaction): every measurement
    // starts after a pause, so none pays for the one before.
    const settle = () => new Promise((r) => setTimeout(r, 5000));
    for (let i = 0; i < ROUNDS; i++) {
      await settle();
      const last = i === ROUNDS - 1;
      const rawName = last ? 'raw' : `raw-${i}`;
      const oursName = last ? 'ours' : `ours-${i}`;
      await call('setupTrust', oursName, trustJson);
      const bulk = () => call<{ parseMs: number; putMs: number; records: number }>('rawBulkPut', rawName, 'raw.json');
      if (i % 2 === 1) {
        raw = await bulk();
        await settle();
      }
      const first = await profiled(i === 0 ? 'first' : '-', () => call<Imported>('importSnapshot', oursName, 'bench.tzsync'));
      await settle();
      const again = await profiled(i === 0 ? 'again' : '-', () => call<Imported>('importSnapshot', oursName, 'bench.tzsync'));
      if (i % 2 === 0) {
        await settle();
        raw = await bulk();
      }
      rounds.push({ raw: raw.putMs, first, again });
      console.log(
        `  round ${i + 1}: bulkPut ${s(raw.putMs)}; first import ${s(first.totalMs)} (preview ${s(first.previewMs)} + apply ${s(first.applyMs)}) = ${ratio(first.totalMs, raw.putMs)}; ` +
          `re-import ${s(again.totalMs)} = ${ratio(again.totalMs, raw.putMs)}`,
      );
      if (!last) {
        await call('drop', rawName);
        await call('drop', oursName);
      }
    }
    const median = (xs: number[]) => {
      const sorted = [...xs].sort((a, b) => a - b);
      const m = sorted.length >> 1;
      return sorted.length % 2 ? sorted[m]! : (sorted[m - 1]! + sorted[m]!) / 2;
    };
    const rawMs = median(rounds.map((r) => r.raw));
    const first = rounds.find((r) => r.first.totalMs === median(rounds.map((x) => x.first.totalMs)))?.first ?? rounds[0]!.first;
    const firstMs = median(rounds.map((r) => r.first.totalMs));
    const againMs = median(rounds.map((r) => r.again.totalMs));
    const again = rounds.at(-1)!.again;
    const firstRatio = median(rounds.map((r) => r.first.totalMs / r.raw));
    const againRatio = median(rounds.map((r) => r.again.totalMs / r.raw));
    await call('localEdit', 'ours');
    const walked = await call<Imported>('importSnapshot', 'ours', 'bench.tzsync');
    const dexie = await call<{ importMs: number; bytes: number }>('dexieExportImport', 'raw', 'dexie-import');
    const sealedImport = await call<Imported>('importSnapshot', 'sealed', 'bench-sealed.tzsync');
    const verify = await call<{ verifyMs: number; signed: number; statements: number }>('verifyCost', 'bench.tzsync');
    const opened = await call<{ unsealMs: number; bytes: number }>('unsealCost', 'bench-sealed.tzsync', JSON.stringify(readerKeys));

    const verdict = (x: number, target: number) => (x <= target ? 'meets' : 'MISSES');
    const sizeRatio = file.size / rawBytes;
    const x = (v: number) => `${v.toFixed(2)}×`;
    console.log(`records: ${raw.records} (${state.records.reports.length} reports), Chromium ${chromiumPath}; medians of ${ROUNDS} rounds (each ratio to its own round's bulkPut)`);
    console.log(`raw Dexie bulkPut of the same records: ${s(rawMs)} (rounds: ${rounds.map((r) => s(r.raw)).join(', ')}; JSON.parse beforehand: ${s(raw.parseMs)})`);
    console.log(`dexie-export-import importInto of the same data: ${s(dexie.importMs)} (${ratio(dexie.importMs, rawMs)} of bulkPut; its export file ${(dexie.bytes / 1e6).toFixed(1)} MB)`);
    console.log(
      `first import into an empty database: ${s(firstMs)} (rounds: ${rounds.map((r) => s(r.first.totalMs)).join(', ')}; median round: preview ${s(first.previewMs)} (validate, decode, classify, verify) + apply ${s(first.applyMs)}); ` +
        `${first.written} written; ${x(firstRatio)} of bulkPut; ${ratio(firstMs, dexie.importMs)} of dexie-export-import`,
    );
    const withoutRatio = median(rounds.map((r) => (r.first.totalMs - verify.verifyMs) / r.raw));
    console.log(
      `  of which signature checking (hash every record, find and verify its statement: ${verify.signed} records signed, ${verify.statements} statements): ${s(verify.verifyMs)}; ` +
        `the same import without signature checking ≈ ${x(withoutRatio)} of bulkPut (target ≤ 1.3×: ${verdict(withoutRatio, 1.3)}); with it ${x(firstRatio)} (target ≤ 1.6×: ${verdict(firstRatio, 1.6)}); signing the file in Node ${s(signMs)}`,
    );
    console.log(
      `sealed file (SM2 key wrap + SM4-GCM, ${(sealedBytes.length / 1e6).toFixed(2)} MB; sealing in Node ${s(sealMs)}): import into an empty database ${s(sealedImport.totalMs)} = ${ratio(sealedImport.totalMs, rawMs)} of bulkPut, ` +
        `${ratio(sealedImport.totalMs, firstMs)} of the unsealed import; opening alone ${s(opened.unsealMs)}; ${sealedImport.written} written`,
    );
    console.log(
      `re-import of the same file: ${s(againMs)} (rounds: ${rounds.map((r) => s(r.again.totalMs)).join(', ')}; last: preview ${s(again.previewMs)} + apply ${s(again.applyMs)}); ${again.written} written; ` +
        `${x(againRatio)} of bulkPut (target ≤ 0.2×: ${verdict(againRatio, 0.2)})`,
    );
    console.log(`  preview said: ${again.sentence}`);
    console.log(
      `re-import after one local edit (stamp cache no longer valid: (id, stamp) read by walking the stamp index): ${s(walked.totalMs)}; ${walked.written} written; ` +
        `${ratio(walked.totalMs, rawMs)} of bulkPut`,
    );
    console.log(
      `file size: ${(file.size / 1e6).toFixed(2)} MB vs raw JSON ${(rawBytes / 1e6).toFixed(2)} MB = ${ratio(file.size, rawBytes)} (target ≤ 0.3×: ${verdict(sizeRatio, 0.3)}); ` +
        `dexie-export-import file ${(dexie.bytes / 1e6).toFixed(2)} MB; encode in Node ${s(encodeMs)}`,
    );
  } finally {
    await context.close();
    server.close();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
