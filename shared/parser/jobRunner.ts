/** The worker's side of a parse job (see job.ts): read and parse one document, telling progress as it goes. */
import { readDocument } from './readers';
import { setPdfResources } from './readers/pdf';
import { parseExtracted } from './core';
import { withReaderWarnings } from './index';
import { DocumentRefusedError } from './types';
import type { ParseReply, ParseRequest } from './job';

/** Read and parse one document, telling progress, then the result or why not. */
export async function runParseJob(request: ParseRequest, post: (reply: ParseReply) => void): Promise<void> {
  const { id } = request;
  try {
    if (request.pdfResources) setPdfResources(request.pdfResources);
    post({ type: 'progress', id, stage: 'reading' });
    // Progress at most every 100 ms: the window has better things to do than render every page number.
    let lastPosted = 0;
    const doc = await readDocument(request.input, {
      onProgress(done, total) {
        const now = Date.now();
        if (now - lastPosted < 100 && done < total) return;
        lastPosted = now;
        post({ type: 'progress', id, stage: 'pages', done, total });
      },
    });
    post({ type: 'progress', id, stage: 'analysing' });
    post({ type: 'result', id, result: withReaderWarnings(parseExtracted(doc), doc) });
  } catch (error) {
    if (error instanceof DocumentRefusedError) post({ type: 'refused', id, reason: error.reason, message: error.message });
    else {
      const e = error as Error | undefined;
      post({ type: 'failed', id, error: `${e?.name ?? 'Error'}: ${e?.message ?? String(error)}\n${(e?.stack ?? '').split('\n').slice(1, 6).join('\n')}` });
    }
  }
}

