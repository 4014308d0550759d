/**
 * A parse run off the caller's thread: the messages between a caller and the worker that reads and parses a
 * document (the app's Web Worker, the CLI's worker thread), the worker's side of it, and the budget the caller
 * enforces. The caller can always stop the worker (terminate it): past the time budget, or when the user
 * cancels. Pure, and free of the parser itself (the caller's bundle does not carry it): the worker's side is
 * jobRunner.ts; the transports (Worker, worker_threads) live with their hosts.
 */
import type { PdfResources } from './readers/pdf';
import { DocumentRefusedError, type ParseInput, type ParseResult } from './types';

/** Time and memory one document may take. Real documents need well under a tenth of it. */
export const PARSE_BUDGET = {
  ms: 60_000,
  /** Heap of the worker, where the host can bound it (Node worker threads). */
  memoryMb: 1024,
} as const;

export const BUDGET_EXCEEDED_MESSAGE = `读取该文件超过 ${PARSE_BUDGET.ms / 1000} 秒仍未完成，已停止。文件内容可能过多或结构异常，请导入 Word（.docx）或文本版本，或拆分后再试`;
export const MEMORY_EXCEEDED_MESSAGE = '读取该文件需要的内存过多，已停止。文件内容可能过多或结构异常，请导入 Word（.docx）或文本版本，或拆分后再试';

export interface ParseRequest {
  type: 'parse';
  id: number;
  input: ParseInput;
  /** Where pdf.js finds its CMaps and fonts (the app serves them; Node finds them in the package). */
  pdfResources?: PdfResources;
}

export type ParseStage = 'reading' | 'pages' | 'analysing';

export type ParseReply =
  | { type: 'progress'; id: number; stage: ParseStage; done?: number; total?: number }
  | { type: 'result'; id: number; result: ParseResult }
  | { type: 'refused'; id: number; reason: DocumentRefusedError['reason']; message: string }
  /** A bug in the importer (not the file's fault): the error's name, message and first stack lines. */
  | { type: 'failed'; id: number; error: string };

/** A bug in the importer, reported by the worker: kept apart from refusals so it is never shown as a bad file. */
export class ParseFailedError extends Error {
  override readonly name = 'ParseFailedError';
}

/** The user stopped the parse. */
export class ParseCancelledError extends Error {
  override readonly name = 'ParseCancelledError';
  constructor() {
    super('已取消读取');
  }
}

/** The caller's side of one reply: the result, or the error it stands for; null for progress. */
export function settle(reply: ParseReply): { result: ParseResult } | { error: Error } | null {
  switch (reply.type) {
    case 'progress':
      return null;
    case 'result':
      return { result: reply.result };
    case 'refused':
      return { error: new DocumentRefusedError(reply.message, reply.reason) };
    case 'failed':
      return { error: new ParseFailedError(reply.error) };
  }
}

/** The refusal a caller gives when the worker ran past the time budget and was stopped. */
export function budgetExceeded(): DocumentRefusedError {
  return new DocumentRefusedError(BUDGET_EXCEEDED_MESSAGE, 'too-large');
}
