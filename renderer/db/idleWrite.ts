/** Writes waiting for the window to be idle, by key. */
const pending = new Map<string, ReturnType<typeof setTimeout>>();

/**
 * Run `write` once the window has been idle a while (`delayMs`, then an idle moment): a snapshot write takes the
 * database for a moment, which a user typing or a sync import should not wait for. A later call with the same key
 * starts the wait again. A failed write is dropped: a snapshot is only ever a copy, written again on the next read.
 */
export function scheduleIdleWrite(key: string, delayMs: number, write: () => Promise<unknown>): void {
  const before = pending.get(key);
  if (before) clearTimeout(before);
  pending.set(
    key,
    setTimeout(() => {
      pending.delete(key);
      const run = () => void write().catch(() => undefined);
      const idle = (globalThis as { requestIdleCallback?: (cb: () => void, opts?: { timeout: number }) => void }).requestIdleCallback;
      if (idle) idle(run, { timeout: 2_000 });
      else run();
    }, delayMs),
  );
}
