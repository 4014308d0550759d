/**
 * Sync benchmark in Chromium (same run, same machine): importing a .tzsync snapshot with 100,000 progress
 * reports into an empty database and into one already holding them, beside a raw Dexie bulkPut of the same
 * records and dexie-export-import importing the same data; and the file's size beside the raw JSON.
 * Targets: first import ≤ 1.3× bulkPut; re-import ≤ 0.2× bulkPut; file ≤ 0.3× raw JSON.
 *
 * Run: npm run bench -- sync   (REPORTS=20000 for a quicker run)
 */
import { createServer } from 'node:http';
import { mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { extname, join } from 'node:path';
import { build } from 'vite';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../e2e/chromium';
import { formatStamp, planId, reportId, sectionId, taskId, unitId, REPORT_STATUSES, type Plan, type Report, type Section, type Task, type Unit } from '../../shared/model';
import {
  concatBytes, emptyState, encodeSnapshot, keyPairFromSeed, seal, signStates, simulatedTrust, SIM_OFFICES, SIM_SUPERVISOR, TABLE_ORDER, prng, type SyncState,
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
    build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 8000 },
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
  const context = await chromium.launchPersistentContext(userDataDir, { executablePath: chromiumPath, headless: true, args: CHROMIUM_ARGS });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await page.goto(`http://127.0.0.1:${port}/index.html`);
    await page.waitForFunction(() => document.title === 'ready');
    type Bench = Record<string, (...args: string[]) => Promise<unknown>>;
    const call = <T>(fn: string, ...args: string[]) =>
      page.evaluate(([f, a]) => (window as unknown as { bench: Bench }).bench[f as string]!(...(a as string[])), [fn, args] as const) as Promise<T>;

    const raw = await call<{ parseMs: number; putMs: number; records: number }>('rawBulkPut', 'raw', 'raw.json');
    await call('setupTrust', 'ours', trustJson);
    await call('setupTrust', 'sealed', trustJson);
    const first = await call<{ previewMs: number; applyMs: number; totalMs: number; written: number; sentence: string }>('importSnapshot', 'ours', 'bench.tzsync');
    const cdp = process.env.PROFILE ? await context.newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
    }
    const again = await call<{ previewMs: number; applyMs: number; totalMs: number; written: number; sentence: string }>('importSnapshot', 'ours', 'bench.tzsync');
    if (cdp) {
      // PROFILE=1: where the re-import's time goes (self time per function).
      const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[]; samples: number[]; timeDeltas: number[] } };
      const self = new Map<string, number>();
      const byId = new Map(profile.nodes.map((n) => [n.id, n]));
      profile.samples.forEach((id, i) => {
        const f = byId.get(id)!.callFrame;
        const k = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
        self.set(k, (self.get(k) ?? 0) + (profile.timeDeltas[i] ?? 0));
      });
      console.log([...self].sort((a, b) => b[1] - a[1]).slice(0, 20).map(([k, t]) => `${(t / 1000).toFixed(0).padStart(6)} ms  ${k}`).join('\n'));
    }
    await call('localEdit', 'ours');
    const walked = await call<{ previewMs: number; applyMs: number; totalMs: number; written: number; sentence: string }>('importSnapshot', 'ours', 'bench.tzsync');
    const dexie = await call<{ importMs: number; bytes: number }>('dexieExportImport', 'raw', 'dexie-import');
    const sealedImport = await call<{ previewMs: number; applyMs: number; totalMs: number; written: number; sentence: string }>('importSnapshot', 'sealed', 'bench-sealed.tzsync');
    const verify = await call<{ verifyMs: number; signed: number; statements: number }>('verifyCost', 'bench.tzsync');
    const opened = await call<{ unsealMs: number; bytes: number }>('unsealCost', 'bench-sealed.tzsync', JSON.stringify(readerKeys));
    // bulkPut again, last: the first one ran on a cold browser, so the reference is the mean of both.
    const raw2 = await call<{ parseMs: number; putMs: number; records: number }>('rawBulkPut', 'raw-again', 'raw.json');
    const rawMs = (raw.putMs + raw2.putMs) / 2;

    const s = (x: number) => `${(x / 1000).toFixed(2)} s`;
    const ratio = (x: number, ref: number) => `${(x / ref).toFixed(2)}×`;
    const verdict = (x: number, target: number) => (x <= target ? 'meets' : 'MISSES');
    const firstRatio = first.totalMs / rawMs;
    const againRatio = again.totalMs / rawMs;
    const sizeRatio = file.size / rawBytes;
    console.log(`records: ${raw.records} (${state.records.reports.length} reports), Chromium ${chromiumPath}`);
    console.log(`raw Dexie bulkPut of the same records: ${s(rawMs)} (mean of ${s(raw.putMs)} first and ${s(raw2.putMs)} last in the run; JSON.parse beforehand: ${s(raw.parseMs)})`);
    console.log(`dexie-export-import importInto of the same data: ${s(dexie.importMs)} (${ratio(dexie.importMs, rawMs)} of bulkPut; its export file ${(dexie.bytes / 1e6).toFixed(1)} MB)`);
    console.log(
      `first import into an empty database: ${s(first.totalMs)} = preview ${s(first.previewMs)} (validate, decode, classify) + apply ${s(first.applyMs)}; ` +
        `${first.written} written; ${ratio(first.totalMs, rawMs)} of bulkPut (target ≤ 1.3×: ${verdict(firstRatio, 1.3)}); ${ratio(first.totalMs, dexie.importMs)} of dexie-export-import`,
    );
    const without = first.totalMs - verify.verifyMs;
    console.log(
      `  of which signature checking (hash every record, find and verify its statement: ${verify.signed} records signed, ${verify.statements} statements): ${s(verify.verifyMs)}; ` +
        `the same import without signature checking ≈ ${s(without)} = ${ratio(without, rawMs)} of bulkPut; with it ${ratio(first.totalMs, rawMs)} (target ≤ 1.6×: ${verdict(firstRatio, 1.6)}); signing the file in Node ${s(signMs)}`,
    );
    console.log(
      `sealed file (SM2 key wrap + SM4-GCM, ${(sealedBytes.length / 1e6).toFixed(2)} MB; sealing in Node ${s(sealMs)}): import into an empty database ${s(sealedImport.totalMs)} = ${ratio(sealedImport.totalMs, rawMs)} of bulkPut, ` +
        `${ratio(sealedImport.totalMs, first.totalMs)} of the unsealed import; opening alone ${s(opened.unsealMs)}; ${sealedImport.written} written`,
    );
    console.log(
      `re-import of the same file: ${s(again.totalMs)} = preview ${s(again.previewMs)} + apply ${s(again.applyMs)}; ${again.written} written; ` +
        `${ratio(again.totalMs, rawMs)} of bulkPut (target ≤ 0.2×: ${verdict(againRatio, 0.2)})`,
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
