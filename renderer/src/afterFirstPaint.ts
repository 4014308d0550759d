import { preloadScreen } from './screens';
import { startSync } from './features/sync/startup';
import { startClock } from './store/clock';
import { startDraftPersistence } from './store/draftPersistence';
import { useIdentity } from './store/identity';

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
  // So does the code of the screen this PC's office opens most (a supervisor's 督办视图, a department's task table:
  // one opens by itself at start); the other screen's loads while the PC is idle. A click on either then waits for
  // the plan's data only.
  const role = useIdentity.getState().identity?.role;
  if (role) preloadScreen(role === 'supervisor' ? 'supervisor' : 'tasks');
  const idle = (fn: () => void) => ('requestIdleCallback' in globalThis ? requestIdleCallback(() => fn(), { timeout: 2_000 }) : setTimeout(fn, 200));
  idle(() => {
    preloadScreen('tasks');
    preloadScreen('supervisor');
  });
}
