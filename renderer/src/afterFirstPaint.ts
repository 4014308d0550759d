import { preloadScreen } from './screens';
import { startSync } from './features/sync/startup';
import { startClock } from './store/clock';
import { startDraftPersistence } from './store/draftPersistence';

/**
 * Start-up work the first screen does not wait for (App.tsx loads this module once that screen is painted): the
 * clock of "today" for the lights, the sync feature's start (clock catch-up, double-clicked .tzsync files, the
 * backup schedule), and the import review kept from the last session, restored into the import screen.
 */
export function startAfterFirstPaint(): void {
  startSync();
  startClock();
  void startDraftPersistence();
  // The code that reads a plan (the plan store, the database reads, the record schemas) loads now: a click on any plan
  // screen starts its read with it, and would otherwise wait for it first.
  void import('./store/planView').catch(() => undefined);
  // The screens opened most (the task table, the supervisor view) load their code while the PC is idle, so a click
  // on them waits for the plan's data only.
  const idle = (fn: () => void) => ('requestIdleCallback' in globalThis ? requestIdleCallback(() => fn(), { timeout: 2_000 }) : setTimeout(fn, 200));
  idle(() => {
    preloadScreen('tasks');
    preloadScreen('supervisor');
  });
}
