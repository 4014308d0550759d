/**
 * Child side of boundedChild.ts: builds one document (a hostile case by name, or a fuzz case from a fixture),
 * says "ready", parses it with the importer's own entry point, and reports how it ended as one JSON line.
 *
 * Run bundled (boundedChild.ts builds .cache/bounded/child.mjs):
 *   node --max-old-space-size=1024 child.mjs hostile <case-name>
 *   node --max-old-space-size=1024 child.mjs file <path> [name]
 *   node --max-old-space-size=1024 child.mjs mutant <fixture path> <seed>    (one fuzz case again)
 *   node --max-old-space-size=1024 child.mjs fuzz     cases as JSON lines on stdin: {"id","path","name","seed"};
 *                                                    for each: {"event":"start"} … {"event":"done"}
 * pdf.js is loaded before "ready", as the app's worker has it loaded after its first PDF: the bound is on
 * reading the document, not on starting the library.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseDocument } from '../../../../../shared/parser';
import { DocumentRefusedError } from '../../../../../shared/parser/types';
import { HOSTILE_CASES } from '../../../../fixtures/hostile/generate';
import { mutate } from '../../../../fixtures/hostile/mutate';

export interface ChildReport {
  event: 'done';
  status: 'read' | 'refused' | 'error';
  reason?: string;
  message?: string;
  /** Error class and first stack lines, for a non-refusal error. */
  error?: string;
  tasks?: number;
  parseMs: number;
  /** Peak resident memory of the whole child (generation included), MB. */
  maxRssMb?: number;
}

async function preloadPdfjs(): Promise<void> {
  const g = globalThis as { pdfjsWorker?: unknown };
  g.pdfjsWorker ??= await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
  await import('pdfjs-dist/legacy/build/pdf.mjs');
}

function send(message: object): void {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

export async function parseAndReport(name: string, bytes: Uint8Array): Promise<ChildReport> {
  const started = performance.now();
  try {
    const result = await parseDocument({ name, bytes });
    return { event: 'done', status: 'read', tasks: result.tasks.length, parseMs: performance.now() - started };
  } catch (e) {
    const parseMs = performance.now() - started;
    if (e instanceof DocumentRefusedError) return { event: 'done', status: 'refused', reason: e.reason, message: e.message, parseMs };
    const err = e as Error;
    return { event: 'done', status: 'error', error: `${err?.name}: ${err?.message}\n${(err?.stack ?? '').split('\n').slice(1, 6).join('\n')}`, parseMs };
  }
}

/** Fuzz mode: one case per stdin line, each mutated from a fixture by its seed, reported start and done. */
async function fuzz(): Promise<void> {
  await preloadPdfjs();
  send({ event: 'ready' });
  const sources = new Map<string, Uint8Array>();
  let buffered = '';
  for await (const chunk of process.stdin) {
    buffered += (chunk as Buffer).toString('utf8');
    let nl: number;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      if (!line.trim()) continue;
      const c = JSON.parse(line) as { id: number; path: string; name: string; seed: number };
      let source = sources.get(c.path);
      if (!source) sources.set(c.path, (source = new Uint8Array(readFileSync(c.path))));
      const { bytes, how } = mutate(source, c.seed);
      send({ event: 'start', id: c.id, how, bytes: bytes.length });
      const report = await parseAndReport(c.name, bytes);
      send({ ...report, id: c.id, how });
    }
  }
}

async function main(): Promise<void> {
  const [mode, arg, nameArg] = process.argv.slice(2);
  if (mode === 'fuzz') return fuzz();
  let name: string;
  let bytes: Uint8Array;
  if (mode === 'hostile') {
    const c = HOSTILE_CASES.find((h) => h.name === arg);
    if (!c) throw new Error(`no hostile case ${arg}`);
    name = c.fileName;
    bytes = c.make();
  } else if (mode === 'mutant') {
    // Reproduce one fuzz case: child.mjs mutant <fixture path> <seed>
    name = basename(arg!);
    const m = mutate(new Uint8Array(readFileSync(arg!)), Number(nameArg));
    process.stderr.write(`${m.how}\n`);
    bytes = m.bytes;
  } else if (mode === 'file') {
    name = nameArg ?? basename(arg!);
    bytes = new Uint8Array(readFileSync(arg!));
  } else throw new Error(`unknown mode ${mode}`);
  await preloadPdfjs();
  send({ event: 'ready', bytes: bytes.length });
  const report = await parseAndReport(name, bytes);
  send({ ...report, maxRssMb: process.resourceUsage().maxRSS / 1024 });
}

if (/child\.(ts|mjs)$/.test(process.argv[1] ?? '')) {
  main().then(
    () => process.exit(0),
    (e) => {
      process.stderr.write(String((e as Error)?.stack ?? e));
      process.exit(3);
    },
  );
}
