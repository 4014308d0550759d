/**
 * The CLI's parse under the same budget as the app's: in a worker thread whose heap is capped
 * (PARSE_BUDGET.memoryMb) and which is terminated past PARSE_BUDGET.ms, whatever it is doing. The worker runs
 * the TypeScript sources through tsx, registered in the thread (loaders do not reach worker threads in Node 20).
 */
import { Worker } from 'node:worker_threads';
import { budgetExceeded, MEMORY_EXCEEDED_MESSAGE, PARSE_BUDGET, settle, type ParseReply, type ParseRequest } from '../shared/parser/job';
import { DocumentRefusedError, type ParseInput, type ParseResult } from '../shared/parser/types';

const WORKER_MAIN = new URL('./parseWorker.ts', import.meta.url).href;

/** CommonJS bootstrap (eval'd): register tsx for this thread, then load the worker's module. */
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
import(workerData.tsx).then(({ register }) => { register(); return import(workerData.main); });
`;

export interface Budget {
  ms: number;
  memoryMb: number;
}

export function parseWithBudget(input: ParseInput, budget: Budget = PARSE_BUDGET): Promise<ParseResult> {
  const worker = new Worker(BOOTSTRAP, {
    eval: true,
    workerData: { tsx: import.meta.resolve('tsx/esm/api'), main: WORKER_MAIN },
    resourceLimits: { maxOldGenerationSizeMb: budget.memoryMb },
    stdout: false,
    stderr: false,
  });
  return new Promise<ParseResult>((resolve, reject) => {
    let settled = false;
    const end = (outcome: { result: ParseResult } | { error: Error }): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      if ('result' in outcome) resolve(outcome.result);
      else reject(outcome.error);
    };
    const timer = setTimeout(() => end({ error: budgetExceeded() }), budget.ms);
    worker.on('message', (reply: ParseReply) => {
      const outcome = settle(reply);
      if (outcome) end(outcome);
    });
    worker.on('error', (error: Error & { code?: string }) => {
      end({ error: error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new DocumentRefusedError(MEMORY_EXCEEDED_MESSAGE, 'too-large') : error });
    });
    worker.on('exit', (code) => end({ error: new Error(`parse worker exited (${code}) without a result`) }));
    const request: ParseRequest = { type: 'parse', id: 1, input };
    worker.postMessage(request);
  });
}
