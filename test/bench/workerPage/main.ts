/**
 * The page of parseWorker.bench.ts: the app's importer client (its Web Worker) and the same parse job run on
 * this page's own thread, both reachable from the benchmark through `window.bench`.
 */
import { parseInWorker } from '../../../renderer/src/workers/parseClient';
import { runParseJob } from '../../../shared/parser/jobRunner';
import type { ParseInput } from '../../../shared/parser/types';

async function onMainThread(input: ParseInput): Promise<number> {
  let tasks = -1;
  await runParseJob(
    {
      type: 'parse',
      id: 0,
      input,
      pdfResources: { cMapUrl: new URL('./pdfjs/cmaps/', document.baseURI).href, standardFontDataUrl: new URL('./pdfjs/standard_fonts/', document.baseURI).href },
    },
    (reply) => {
      if (reply.type === 'result') tasks = reply.result.tasks.length;
      else if (reply.type !== 'progress') throw new Error(JSON.stringify(reply));
    },
  );
  return tasks;
}

async function inWorker(input: ParseInput): Promise<number> {
  return (await parseInWorker(input).result).tasks.length;
}

async function load(name: string): Promise<ParseInput> {
  const bytes = new Uint8Array(await (await fetch(`./docs/${encodeURIComponent(name)}`)).arrayBuffer());
  return { name, bytes };
}

/** Milliseconds of one parse (and its task count), in the worker or on this thread. */
async function time(name: string, where: 'worker' | 'main'): Promise<{ ms: number; tasks: number }> {
  const input = await load(name);
  const t0 = performance.now();
  const tasks = where === 'worker' ? await inWorker(input) : await onMainThread(input);
  return { ms: performance.now() - t0, tasks };
}

(window as unknown as { bench: unknown }).bench = { time };
