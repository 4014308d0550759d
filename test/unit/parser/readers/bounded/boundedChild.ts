/**
 * Runs a parse in a child Node process under a time and memory bound, the way issue 11 states them: "refused or
 * read within 5 s and 1 GB". The child (child.ts) builds its document, prints a "ready" line, parses, prints a
 * "done" line. From "ready" on, the parent watches the child's CPU time and resident memory (Linux /proc, every
 * 25 ms) and kills it when either bound is passed; the child's V8 heap is also capped with
 * --max-old-space-size. CPU time rather than wall time, so a busy CI machine does not turn a fast parse into a
 * failure; wall time is bounded too (WALL_FACTOR × the CPU bound, generous for a loaded machine) to catch a
 * child that sleeps forever.
 * The child is bundled once with esbuild (npm packages left external) and run by plain Node: a TypeScript
 * loader in the child would add seconds and hundreds of megabytes to every PDF case (it transforms pdf.js).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

export interface Bounds {
  cpuMs: number;
  memoryMb: number;
}

export const ISSUE_BOUNDS: Bounds = { cpuMs: 5_000, memoryMb: 1_024 };
/** Wall-clock bound as a multiple of the CPU bound: only a child that waits on nothing should reach it. */
const WALL_FACTOR = 12;

export interface BoundedOutcome {
  status: 'read' | 'refused' | 'error' | 'crashed' | 'over-time' | 'over-memory';
  reason?: string;
  message?: string;
  error?: string;
  tasks?: number;
  /** Wall time of the parse as the child measured it. */
  parseMs?: number;
  /** CPU time of the child from "ready" to exit (or to the kill). */
  cpuMs: number;
  /** Peak resident memory seen while parsing (MB), sampled. */
  peakRssMb: number;
  /** Peak resident memory of the child over its life (MB), as it reported it; generation included. */
  maxRssMb?: number;
  stderr: string;
}

const CHILD_SOURCE = fileURLToPath(new URL('./child.ts', import.meta.url));
const REPO = join(dirname(CHILD_SOURCE), '../../../../..');
let childBundle: string | null = null;

/** child.ts and the parser, bundled into .cache/bounded/child.mjs (once per process). */
export function childScript(): string {
  if (childBundle) return childBundle;
  const out = join(REPO, '.cache/bounded/child.mjs');
  mkdirSync(dirname(out), { recursive: true });
  buildSync({
    entryPoints: [CHILD_SOURCE],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    define: { __APP_VERSION__: '"test"' },
    logLevel: 'error',
  });
  childBundle = out;
  return out;
}
const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** CPU milliseconds (user + system) and resident MB of a process, from /proc; null when it is gone. */
function sample(pid: number): { cpuMs: number; rssMb: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cpuMs = ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rss = /VmRSS:\s+(\d+) kB/.exec(status);
    return { cpuMs, rssMb: rss ? Number(rss[1]) / 1024 : 0 };
  } catch {
    return null;
  }
}

export const canWatchProcesses = process.platform === 'linux';

/** Run child.ts with `args` under `bounds`; resolves with how the parse ended. */
export function runBounded(args: string[], bounds: Bounds = ISSUE_BOUNDS, extraNodeArgs: string[] = []): Promise<BoundedOutcome> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [`--max-old-space-size=${bounds.memoryMb}`, ...extraNodeArgs, childScript(), ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    let stdout = '';
    let stderr = '';
    let readyCpu: number | null = null;
    let readyAt = 0;
    let cpuMs = 0;
    let peakRssMb = 0;
    let killedFor: 'over-time' | 'over-memory' | null = null;
    let timer: NodeJS.Timeout | null = null;
    const watch = (): void => {
      const s = sample(child.pid!);
      if (s && readyCpu !== null) {
        cpuMs = s.cpuMs - readyCpu;
        peakRssMb = Math.max(peakRssMb, s.rssMb);
        if (cpuMs > bounds.cpuMs) killedFor = 'over-time';
        else if (s.rssMb > bounds.memoryMb) killedFor = 'over-memory';
      }
      if (readyCpu !== null && performance.now() - readyAt > bounds.cpuMs * WALL_FACTOR) {
        killedFor = 'over-time';
        stderr += `\n[killed: ${bounds.cpuMs * WALL_FACTOR} ms of wall time]`;
      }
      if (killedFor) child.kill('SIGKILL');
    };
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      if (readyCpu === null && stdout.includes('"event":"ready"')) {
        readyCpu = sample(child.pid!)?.cpuMs ?? 0;
        readyAt = performance.now();
        timer = setInterval(watch, 25);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 20_000) stderr += chunk.toString('utf8');
    });
    child.on('exit', (code, signal) => {
      if (timer) clearInterval(timer);
      const done = stdout
        .split('\n')
        .filter((l) => l.includes('"event":"done"'))
        .map((l) => JSON.parse(l) as Omit<BoundedOutcome, 'cpuMs' | 'peakRssMb' | 'stderr'>)[0];
      if (killedFor) resolve({ status: killedFor, cpuMs, peakRssMb, stderr });
      else if (!done || code !== 0) resolve({ status: 'crashed', error: `exit ${code ?? signal}`, cpuMs, peakRssMb, stderr });
      else resolve({ ...done, cpuMs, peakRssMb, stderr });
    });
  });
}

export interface FuzzCase {
  id: number;
  /** Fixture file the case is mutated from. */
  path: string;
  /** Name given to the parser. */
  name: string;
  seed: number;
}

export interface FuzzResult {
  case: FuzzCase;
  status: BoundedOutcome['status'];
  how?: string;
  reason?: string;
  error?: string;
  cpuMs: number;
}

/**
 * Run fuzz cases in one long-lived child (starting Node and pdf.js once), each case under `bounds` of CPU time
 * (counted from its "start" line) and memory; a killed or crashed child is restarted for the next case.
 * Stops taking new cases after `budgetMs` of wall time. Resolves with every case's result.
 */
export async function runFuzz(next: (index: number) => FuzzCase, budgetMs: number, bounds: Bounds = ISSUE_BOUNDS): Promise<FuzzResult[]> {
  const results: FuzzResult[] = [];
  const started = performance.now();
  let index = 0;
  while (performance.now() - started < budgetMs) {
    const batch = await fuzzChild(() => (performance.now() - started < budgetMs ? next(index++) : null), bounds);
    results.push(...batch);
    if (batch.length === 0) break;
  }
  return results;
}

function fuzzChild(take: () => FuzzCase | null, bounds: Bounds): Promise<FuzzResult[]> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [`--max-old-space-size=${bounds.memoryMb}`, childScript(), 'fuzz'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    const results: FuzzResult[] = [];
    let current: FuzzCase | null = null;
    let caseCpu = 0;
    let caseStart = 0;
    let how = '';
    let killedFor: 'over-time' | 'over-memory' | null = null;
    let stdout = '';
    let stderr = '';
    const send = (): void => {
      current = take();
      if (!current) {
        child.stdin.end();
        return;
      }
      caseCpu = -1;
      caseStart = performance.now();
      child.stdin.write(`${JSON.stringify(current)}\n`);
    };
    const timer = setInterval(() => {
      if (!current) return;
      // Building the case (before "start") is bounded by wall time only: it is the generator, not the importer.
      if (caseCpu < 0) {
        if (performance.now() - caseStart > bounds.cpuMs * WALL_FACTOR) {
          killedFor = 'over-time';
          how = 'while building the case';
          child.kill('SIGKILL');
        }
        return;
      }
      const s = sample(child.pid!);
      if (!s || killedFor) return;
      if (s.cpuMs - caseCpu > bounds.cpuMs) {
        killedFor = 'over-time';
        how += ` [killed: over ${bounds.cpuMs} ms of CPU]`;
      } else if (performance.now() - caseStart > bounds.cpuMs * WALL_FACTOR) {
        killedFor = 'over-time';
        how += ` [killed: over ${bounds.cpuMs * WALL_FACTOR} ms of wall time]`;
      }
      else if (s.rssMb > bounds.memoryMb) killedFor = 'over-memory';
      if (killedFor) child.kill('SIGKILL');
    }, 25);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      let nl: number;
      while ((nl = stdout.indexOf('\n')) >= 0) {
        const line = stdout.slice(0, nl);
        stdout = stdout.slice(nl + 1);
        const m = JSON.parse(line) as { event: string; how?: string; status?: BoundedOutcome['status']; reason?: string; error?: string };
        if (m.event === 'ready') send();
        else if (m.event === 'start') {
          caseCpu = sample(child.pid!)?.cpuMs ?? 0;
          caseStart = performance.now();
          how = m.how ?? '';
        } else if (m.event === 'done' && current) {
          const cpuMs = (sample(child.pid!)?.cpuMs ?? caseCpu) - caseCpu;
          results.push({ case: current, status: m.status!, how, reason: m.reason, error: m.error, cpuMs });
          send();
        }
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 20_000) stderr += chunk.toString('utf8');
    });
    child.on('exit', (code, signal) => {
      clearInterval(timer);
      if (current) {
        results.push({ case: current, status: killedFor ?? 'crashed', how, error: killedFor ? undefined : `exit ${code ?? signal}: ${stderr.slice(-1500)}`, cpuMs: 0 });
      }
      resolve(results);
    });
  });
}
