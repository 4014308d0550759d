/**
 * The importer's Web Worker: reads and parses one document at a time off the window's thread, so a large or
 * hostile file never freezes the app. Messages: shared/parser/job.ts. The window stops it (terminate) on
 * cancel or past the time budget.
 */
import type { ParseReply, ParseRequest } from '../../../shared/parser/job';
import { runParseJob } from '../../../shared/parser/jobRunner';

interface WorkerScope {
  onmessage: ((event: MessageEvent<ParseRequest>) => void) | null;
  postMessage(message: ParseReply): void;
}
const scope = self as unknown as WorkerScope;

let queue = Promise.resolve();
scope.onmessage = (event) => {
  // One parse at a time; a second request waits for the first.
  queue = queue.then(() => runParseJob(event.data, (reply) => scope.postMessage(reply)));
};
