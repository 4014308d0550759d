/**
 * Sync apply of a collection (issue 13): 30 files from 30 offices, each holding the plan and that office's 2,000
 * signed progress reports, chosen together and applied into an empty database (one preview, one apply), beside
 * ONE such file applied into an empty database in the same run. Target: the collection costs no more per record
 * than the one file. Figures are medians of 5 runs (BENCH_RUNS; each into a fresh database).
 *
 * Run: npm run bench -- syncCollection   (OFFICES=10 REPORTS_PER_OFFICE=500 for a quicker run)
 */
import { createServer } from 'node:http';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { cpus, loadavg } from 'node:os';
import { build } from 'vite';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../e2e/chromium';
import { formatStamp, planId, reportId, sectionId, taskId, unitId, REPORT_STATUSES, type Identity, type Plan, type Report, type Section, type Task, type Unit } from '../../shared/model';
import { concatBytes, emptyState, encodeSnapshot, prng, signStates, simulatedTrust, SIM_OFFICES, SIM_SUPERVISOR, TABLE_ORDER, type SyncState } from '../../shared/sync';

const OFFICES = Number(process.env.OFFICES ?? 30);
const PER_OFFICE = Number(process.env.REPORTS_PER_OFFICE ?? 2_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const READER: Identity = { deviceId: 'dev_benchreader', office: '市教育局', role: 'department' };
const root = process.cwd();
const work = join(root, '.cache', `bench-sync-collection-${process.pid}`);

/** Thirty offices besides the reading PC's own. */
const OFFICE_NAMES = [
  ...SIM_OFFICES.filter((o) => o !== READER.office),
  '市发展和改革委员会', '市工业和信息化局', '市城市管理局', '市林业局', '市审计局', '市体育局', '市退役军人事务局', '市信访局', '市档案局', '市气象局', '市地方金融管理局',
].slice(0, OFFICES);

/**
 * One plan whose tasks each have a lead and a supporting office; each office reports on its tasks every quarter
 * until it has PER_OFFICE reports. Returns one state per office: the plan (as the supervisor wrote it) and that
 * office's own reports, each signed by the office's device.
 */
function officeStates(): { states: SyncState[]; identities: Identity[] } {
  const rand = prng(2025);
  const wall0 = Date.UTC(2024, 0, 2);
  const supDevice = 'dev_benchsupervisor';
  const meta = { stamp: formatStamp(wall0, 0, supDevice), by: SIM_SUPERVISOR };
  const pid = planId('关于进一步优化营商环境的若干措施', '基准〔2024〕2号');
  const plan: Plan = {
    id: pid, ...meta, title: '关于进一步优化营商环境的若干措施', docNumber: '基准〔2024〕2号', issuer: '市人民政府办公室', date: '2024-01-02',
    source: null, leadRule: 'columns', cadence: { every: 'quarter', day: 20 }, yellowDays: 15, owner: { office: SIM_SUPERVISOR, device: supDevice }, createdAt: new Date(wall0).toISOString(),
  };
  const units: Unit[] = OFFICE_NAMES.map((name) => ({ id: unitId(name), ...meta, name, aliases: [] }));
  const sections: Section[] = Array.from({ length: 10 }, (_, i) => ({ id: sectionId(pid, [`第${i + 1}部分`]), ...meta, planId: pid, title: `第${i + 1}部分`, parentId: null, order: i }));
  // Each office is responsible for 100 tasks (lead of 50, support of 50); 20 quarters of reports give 2,000.
  const perOfficeTasks = 100;
  const periods = Math.ceil(PER_OFFICE / perOfficeTasks);
  const taskCount = (OFFICES * perOfficeTasks) / 2;
  const tasks: Task[] = Array.from({ length: taskCount }, (_, i) => ({
    id: taskId(pid, String(i + 1)), ...meta, planId: pid, sectionId: sections[i % 10]!.id, number: String(i + 1), order: i,
    content: `第${i + 1}项：深化“放管服”改革，压减审批时限，推行“一网通办”，提升政务服务便利度。`,
    lead: [units[i % OFFICES]!.id], support: [units[(i + 7) % OFFICES]!.id], implement: [],
    deadline: { text: '2025年12月底前', date: '2025-12-31', kind: 'date' },
  }));
  const periodList = Array.from({ length: periods }, (_, i) => `${2020 + Math.floor(i / 4)}-Q${(i % 4) + 1}`);
  const identities: Identity[] = [
    { deviceId: supDevice, office: SIM_SUPERVISOR, role: 'supervisor' },
    ...OFFICE_NAMES.map((office, i) => ({ deviceId: `dev_bench${i}`, office, role: 'department' as const })),
  ];
  const states = OFFICE_NAMES.map((office, o) => {
    const uid = units[o]!.id;
    const device = `dev_bench${o}`;
    const mine = tasks.filter((t) => t.lead[0] === uid || t.support[0] === uid);
    const reports: Report[] = [];
    for (const period of periodList) {
      for (const task of mine) {
        if (reports.length >= PER_OFFICE) break;
        const wall = wall0 + 60_000 + (o * PER_OFFICE + reports.length) * 1000;
        reports.push({
          id: reportId(task.id, uid, period), stamp: formatStamp(wall, 0, device), by: office, planId: pid, taskId: task.id, unitId: uid, period,
          status: REPORT_STATUSES[Math.floor(rand() * REPORT_STATUSES.length)]!,
          progress: `已召开专题会议研究部署，办理事项${Math.floor(rand() * 500)}件，平均办理时限压减${Math.floor(rand() * 60)}%。`,
          problems: rand() < 0.3 ? '部分系统尚未打通，数据共享不足。' : '', nextSteps: rand() < 0.5 ? '继续推进系统对接，按期完成任务。' : '',
          percent: Math.floor(rand() * 101), attachments: [], author: `经办人${Math.floor(rand() * 9) + 1}`, reportedAt: new Date(wall).toISOString(),
        });
      }
    }
    const state = emptyState();
    state.records.plans = [plan];
    state.records.sections = sections;
    state.records.tasks = tasks;
    state.records.units = units;
    state.records.reports = reports;
    return state;
  });
  return { states, identities };
}

const MIME: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.json': 'application/json', '.tzsync': 'application/octet-stream' };
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const chromiumPath = findChromium();
  if (!chromiumPath) {
    console.log('sync collection bench skipped: no Chromium found');
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
    build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 8000, minify: !process.env.BENCH_CPU },
  });

  const { states, identities } = officeStates();
  const trust = simulatedTrust(0, [...identities, READER], '2024-01-01T00:00:00.000Z');
  signStates(states, identities, trust, '2025-10-01T09:30:00.000Z');
  const names = states.map((state, i) => {
    const file = encodeSnapshot(state, {
      producer: identities[i + 1]!,
      app: { name: '任务分解台账', version: 'bench' },
      createdAt: '2025-10-01T09:30:00+08:00',
      scope: { kind: 'full', since: null },
    });
    const name = `office-${i}.tzsync`;
    writeFileSync(join(outDir, name), concatBytes(file.chunks));
    return name;
  });
  const trustJson = JSON.stringify({ anchor: trust.anchor, roster: trust.roster, keys: trust.keys.get(READER.deviceId)! });

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
  const context = await chromium.launchPersistentContext(join(work, 'profile'), { executablePath: chromiumPath, headless: true, args: CHROMIUM_ARGS });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await page.goto(`http://127.0.0.1:${port}/index.html`);
    await page.waitForFunction(() => document.title === 'ready');
    type Bench = Record<string, (...args: string[]) => Promise<unknown>>;
    const call = <T>(fn: string, ...args: string[]) =>
      page.evaluate(([f, a]) => (window as unknown as { bench: Bench }).bench[f as string]!(...(a as string[])), [fn, args] as const) as Promise<T>;
    type Outcome = { previewMs: number; applyMs: number; totalMs: number; written: number; incoming: number; sentences: string[] };
    // BENCH_CPU=<dir> writes a CPU profile of each import there (its idle time is the wait for IndexedDB).
    const cdp = process.env.BENCH_CPU ? await context.newCDPSession(page) : null;
    const importInto = async (db: string, files: string[]) => {
      await call('setupTrust', db, trustJson);
      if (cdp) await cdp.send('Profiler.enable').then(() => cdp.send('Profiler.start'));
      const outcome = await call<Outcome>('importCollection', db, JSON.stringify(files));
      if (cdp) {
        const { profile } = await cdp.send('Profiler.stop');
        writeFileSync(join(process.env.BENCH_CPU!, `${db}.cpuprofile`), JSON.stringify(profile));
      }
      return outcome;
    };

    type Raw = { putMs: number; records: number; perFile: number[] };
    const ones: Outcome[] = [];
    const alls: Outcome[] = [];
    const rawOnes: Raw[] = [];
    const rawAlls: Raw[] = [];
    // Alternate them so that a slower moment of the shared machine falls on all alike.
    const nexts: Outcome[] = [];
    for (let run = 0; run < RUNS; run++) {
      ones.push(await importInto(`one-${run}`, [names[run % names.length]!]));
      // One more office's file where the plan is held already (as on the supervisor's PC): its reports are all it writes.
      await importInto(`next-${run}`, [names[(run + 1) % names.length]!]);
      nexts.push(await call<Outcome>('importCollection', `next-${run}`, JSON.stringify([names[run % names.length]!])));
      alls.push(await importInto(`all-${run}`, names));
      rawOnes.push(await call<Raw>('rawFilesPut', `raw-one-${run}`, JSON.stringify([names[run % names.length]!])));
      rawAlls.push(await call<Raw>('rawFilesPut', `raw-all-${run}`, JSON.stringify(names)));
      for (const db of [`one-${run}`, `next-${run}`, `all-${run}`, `raw-one-${run}`, `raw-all-${run}`]) await call('drop', db);
    }
    const one = ones[0]!;
    const all = alls[0]!;
    for (const o of [...ones, ...nexts, ...alls]) if (o.written === 0) throw new Error('nothing written');
    const perIn = (o: Outcome) => (o.totalMs * 1000) / o.incoming;
    const perWritten = (o: Outcome) => (o.totalMs * 1000) / o.written;
    const oneIn = median(ones.map(perIn));
    const allIn = median(alls.map(perIn));
    const oneW = median(ones.map(perWritten));
    const allW = median(alls.map(perWritten));
    const s = (x: number) => `${(x / 1000).toFixed(2)} s`;
    const us = (x: number) => `${x.toFixed(0)} µs`;
    console.log(
      `${OFFICES} offices × ${PER_OFFICE.toLocaleString('en-US')} reports; each file also holds the plan (${states[0]!.records.tasks.length.toLocaleString('en-US')} tasks); Chromium ${chromiumPath}`,
    );
    console.log(
      `one file into an empty database: ${s(median(ones.map((o) => o.totalMs)))} (preview ${s(one.previewMs)} + apply ${s(one.applyMs)} in run 1); ` +
        `${one.incoming.toLocaleString('en-US')} records in the file, ${one.written.toLocaleString('en-US')} written: ${us(oneIn)} per record in the file, ${us(oneW)} per record written`,
    );
    console.log(
      `${OFFICES} files chosen together: ${s(median(alls.map((o) => o.totalMs)))} (preview ${s(all.previewMs)} + apply ${s(all.applyMs)} in run 1); ` +
        `${all.incoming.toLocaleString('en-US')} records in the files, ${all.written.toLocaleString('en-US')} written: ${us(allIn)} per record in the files, ${us(allW)} per record written`,
    );
    console.log(
      `per record written: collection ${us(allW)} vs one file ${us(oneW)} (same run) = ${(allW / oneW).toFixed(2)}× (target ≤ 1×: ${allW <= oneW ? 'meets' : 'MISSES'}); ` +
        `per record in the files: collection ${us(allIn)} vs one file ${us(oneIn)} (same run) = ${(allIn / oneIn).toFixed(2)}×`,
    );
    const nextW = median(nexts.map(perWritten));
    console.log(
      `  beside it, one office's file where the plan is held already (its ${nexts[0]!.written.toLocaleString('en-US')} reports are all it writes): ${us(nextW)} per record written; ` +
        `the collection ${(allW / nextW).toFixed(2)}× that (same run)`,
    );
    const rawPer = (r: Raw) => (r.putMs * 1000) / r.records;
    const rawOne = median(rawOnes.map(rawPer));
    const rawAll = median(rawAlls.map(rawPer));
    console.log(
      `  the floor, raw Dexie bulkPut of the same records written (app schema and indexes, no summary, no sync logic, one transaction per file): ` +
        `collection ${us(rawAll)} vs one file ${us(rawOne)} per record written (same run) = ${(rawAll / rawOne).toFixed(2)}×; ` +
        `the app's import over that floor: collection ${(allW / rawAll).toFixed(2)}×, one file ${(oneW / rawOne).toFixed(2)}×`,
    );
    const perFile = rawAlls[0]!.perFile;
    const tenth = Math.max(1, Math.floor(perFile.length / 10));
    const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    console.log(
      `  the floor file by file (run 1): the first file (with the plan) ${perFile[0]!.toFixed(0)} ms; the next files' 2,000 reports each: ` +
        `${avg(perFile.slice(1, 1 + tenth)).toFixed(0)} ms early, ${avg(perFile.slice(-tenth)).toFixed(0)} ms last (the database growing)`,
    );
    console.log(`  load average (1, 5, 15 min) at the end: ${loadavg().map((x) => x.toFixed(2)).join(', ')} on ${cpus().length} cores (a shared machine: both sides ran alternately)`);
    console.log(`  preview of the first file said: ${all.sentences[0]}`);
  } finally {
    await context.close();
    server.close();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
