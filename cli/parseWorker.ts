/** The CLI's parse worker thread: runs one parse job (shared/parser/jobRunner.ts) per message. */
import { parentPort } from 'node:worker_threads';
import type { ParseRequest } from '../shared/parser/job';
import { runParseJob } from '../shared/parser/jobRunner';

parentPort!.on('message', (request: ParseRequest) => {
  void runParseJob(request, (reply) => parentPort!.postMessage(reply));
});
