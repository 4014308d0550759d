/**
 * The window's side of the importer's Web Worker: parse a document off the main thread, with progress, a
 * cancel, and the time budget (PARSE_BUDGET). The worker is started on first use and kept for the next file;
 * a cancel or a run past the budget terminates it at once (whatever it is doing) and the next parse starts a
 * fresh one. Every refusal is a DocumentRefusedError with its Chinese line; a bug in the importer comes back
 * as ParseFailedError, never dressed as a bad file.
 */
import {
  budgetExceeded,
  ParseCancelledError,
  PARSE_BUDGET,
  settle,
  type ParseReply,
  type ParseRequest,
  type ParseStage,
} from '../../../shared/parser/job';
import type { ParseInput, ParseResult } from '../../../shared/parser/types';

export interface ParseProgress {
  stage: ParseStage;
  /** Pages read, for PDFs. */
  done?: number;
  total?: number;
}

export interface ParseRun {
  result: Promise<ParseResult>;
  /** Stop now: the worker is terminated and `result` rejects with ParseCancelledError. */
  cancel(): void;
}

let worker: Worker | null = null;
let nextId = 1;

function startWorker(): Worker {
  return new Worker(new URL('./parse.worker.ts', import.meta.url), { type: 'module', name: 'importer' });
}

function pdfResources(): ParseRequest['pdfResources'] {
  // pdf.js resources shipped with the build (see vite.config.ts), on the app's own origin.
  return {
    cMapUrl: new URL('./pdfjs/cmaps/', document.baseURI).href,
    standardFontDataUrl: new URL('./pdfjs/standard_fonts/', document.baseURI).href,
  };
}

/** Parse `input` in the importer's worker. */
export function parseInWorker(input: ParseInput, options: { onProgress?(p: ParseProgress): void; budgetMs?: number } = {}): ParseRun {
  const id = nextId++;
  const w = (worker ??= startWorker());
  let finish: (outcome: { result: ParseResult } | { error: Error }) => void = () => undefined;
  const result = new Promise<ParseResult>((resolve, reject) => {
    finish = (outcome) => ('result' in outcome ? resolve(outcome.result) : reject(outcome.error));
  });
  let settled = false;
  const stop = (error: Error): void => {
    if (settled) return;
    w.terminate();
    if (worker === w) worker = null;
    done({ error });
  };
  const timer = setTimeout(() => stop(budgetExceeded()), options.budgetMs ?? PARSE_BUDGET.ms);
  const onMessage = (event: MessageEvent<ParseReply>): void => {
    const reply = event.data;
    if (reply.id !== id) return;
    if (reply.type === 'progress') {
      options.onProgress?.({ stage: reply.stage, done: reply.done, total: reply.total });
      return;
    }
    const outcome = settle(reply);
    if (outcome) done(outcome);
  };
  const onError = (event: ErrorEvent): void => {
    // The worker itself failed (a script error, or it ran out of memory): a bug or a limit, not a bad file.
    event.preventDefault();
    if (worker === w) worker = null;
    done({ error: new Error(`importer worker failed: ${event.message}`) });
  };
  function done(outcome: { result: ParseResult } | { error: Error }): void {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    w.removeEventListener('message', onMessage);
    w.removeEventListener('error', onError);
    finish(outcome);
  }
  w.addEventListener('message', onMessage);
  w.addEventListener('error', onError);
  const request: ParseRequest = { type: 'parse', id, input, pdfResources: pdfResources() };
  w.postMessage(request);
  return { result, cancel: () => stop(new ParseCancelledError()) };
}
