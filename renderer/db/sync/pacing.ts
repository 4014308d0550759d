import { SyncCancelledError } from '../../../shared/sync';

interface SchedulerGlobals {
  scheduler?: { yield?: () => Promise<void> };
}

/** Give the event loop a turn (input, paint) before continuing. */
function yieldOnce(): Promise<void> {
  const s = (globalThis as unknown as SchedulerGlobals).scheduler;
  if (typeof s?.yield === 'function') return s.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Work in slices: `pause()` yields to the event loop once `sliceMs` have passed since the last yield, so a long
 * import keeps the window responsive. Never call it inside a database transaction (a transaction ends when the
 * event loop turns with no request pending); inside one, awaiting the next request is the yield.
 */
export function createPacer(sliceMs = 12): () => Promise<void> {
  let last = performance.now();
  return async () => {
    if (performance.now() - last < sliceMs) return;
    await yieldOnce();
    last = performance.now();
  };
}

/** Minimal AbortSignal: what the import checks between slices. */
export interface CancelSignal {
  readonly aborted: boolean;
}

export function throwIfCancelled(signal: CancelSignal | undefined): void {
  if (signal?.aborted) throw new SyncCancelledError();
}
