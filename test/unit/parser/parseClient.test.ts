/**
 * The window's side of the importer's Web Worker (renderer/src/workers/parseClient.ts), against a fake Worker:
 * progress is passed on, the result and refusals come back as such, a bug comes back as ParseFailedError, and
 * a cancel or a run past the time budget terminates the worker at once and starts a fresh one next time.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ParseReply, ParseRequest } from '../../../shared/parser/job';
import type { ParseResult } from '../../../shared/parser/types';

class FakeWorker extends EventTarget {
  static made: FakeWorker[] = [];
  terminated = false;
  requests: ParseRequest[] = [];
  constructor(
    readonly url: URL,
    readonly options: WorkerOptions,
  ) {
    super();
    FakeWorker.made.push(this);
  }
  postMessage(request: ParseRequest): void {
    this.requests.push(request);
  }
  terminate(): void {
    this.terminated = true;
  }
  reply(reply: ParseReply): void {
    this.dispatchEvent(Object.assign(new Event('message'), { data: reply }));
  }
}

const RESULT: ParseResult = { title: '测试', docNumber: null, issuer: null, date: null, leadRule: 'columns', reporting: [], tasks: [], warnings: [] };

// Fresh modules per test (the client keeps its worker between parses), so the error classes come along too.
let client: typeof import('../../../renderer/src/workers/parseClient');
let job: typeof import('../../../shared/parser/job');
let types: typeof import('../../../shared/parser/types');
beforeEach(async () => {
  FakeWorker.made = [];
  vi.stubGlobal('Worker', FakeWorker);
  vi.stubGlobal('document', { baseURI: 'app://taizhang/index.html' });
  vi.resetModules();
  client = await import('../../../renderer/src/workers/parseClient');
  job = await import('../../../shared/parser/job');
  types = await import('../../../shared/parser/types');
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('parseInWorker', () => {
  it('starts a module worker once, sends the input with the pdf.js resources, passes progress on, returns the result', async () => {
    const progress: unknown[] = [];
    const run = client.parseInWorker({ text: '一、任务' }, { onProgress: (p) => progress.push(p) });
    const worker = FakeWorker.made[0]!;
    expect(worker.options).toMatchObject({ type: 'module' });
    const request = worker.requests[0]!;
    expect(request.input).toEqual({ text: '一、任务' });
    expect(request.pdfResources?.cMapUrl).toBe('app://taizhang/pdfjs/cmaps/');
    worker.reply({ type: 'progress', id: request.id, stage: 'pages', done: 3, total: 10 });
    worker.reply({ type: 'result', id: request.id, result: RESULT });
    await expect(run.result).resolves.toEqual(RESULT);
    expect(progress).toEqual([{ stage: 'pages', done: 3, total: 10 }]);
    client.parseInWorker({ text: '二' });
    expect(FakeWorker.made).toHaveLength(1);
  });

  it('gives refusals as DocumentRefusedError and importer bugs as ParseFailedError', async () => {
    const a = client.parseInWorker({ text: 'a' });
    const w = FakeWorker.made[0]!;
    w.reply({ type: 'refused', id: w.requests[0]!.id, reason: 'hostile', message: '文件结构异常' });
    await expect(a.result).rejects.toBeInstanceOf(types.DocumentRefusedError);
    const b = client.parseInWorker({ text: 'b' });
    w.reply({ type: 'failed', id: w.requests[1]!.id, error: 'TypeError: x is undefined' });
    await expect(b.result).rejects.toBeInstanceOf(job.ParseFailedError);
  });

  it('cancel terminates the worker at once; the next parse starts a fresh one', async () => {
    const run = client.parseInWorker({ text: 'a' });
    run.cancel();
    await expect(run.result).rejects.toBeInstanceOf(job.ParseCancelledError);
    expect(FakeWorker.made[0]!.terminated).toBe(true);
    client.parseInWorker({ text: 'b' });
    expect(FakeWorker.made).toHaveLength(2);
  });

  it('past the time budget the worker is terminated and the file refused in Chinese', async () => {
    vi.useFakeTimers();
    const run = client.parseInWorker({ text: 'a' }, { budgetMs: 1000 });
    const outcome = run.result.catch((e: unknown) => e);
    vi.advanceTimersByTime(1001);
    const error = (await outcome) as Error;
    expect(error).toBeInstanceOf(types.DocumentRefusedError);
    expect(error.message).toBe(job.BUDGET_EXCEEDED_MESSAGE);
    expect(FakeWorker.made[0]!.terminated).toBe(true);
  });
});
