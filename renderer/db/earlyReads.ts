import type { Action, Plan, Task } from '../../shared/model';
import type { TaizhangDB } from './database';

/**
 * The rows the first screen shows (plans, their tasks, this PC's identity row), read with IndexedDB itself as the
 * window's first script runs: before React, antd, Dexie and the app's code have downloaded and been evaluated, so the
 * reads overlap that instead of following it (renderer/src/main.tsx, test/bench/start.bench.ts). Imports nothing at
 * run time. The rows are the ones Dexie would read (Dexie stores them as they are); store/startData.ts uses them only
 * when the database is at the version this code declares, and otherwise reads through Dexie as usual.
 */
export interface EarlyRows {
  /** IndexedDB's version of the database (Dexie's version × 10). */
  version: number;
  plans: Plan[];
  tasks: Task[];
  /** The actions: the approved 延期 move a plan's end in the plan list. */
  actions: Action[];
  /** The meta row's value as stored: validated by installation.ts (identityFromRow) before use. */
  identity: unknown;
}

declare global {
  interface Window {
    /** The rows main.tsx began reading, for boot.tsx (the two are separate scripts: nothing else passes between them). */
    taizhangEarlyRows?: Promise<EarlyRows | null>;
  }
}

/** database.ts's DB_NAME, written out: importing it would bring Dexie into this script (test/unit/db/earlyReads.test.ts checks they agree). */
export const EARLY_DB_NAME = 'taizhang';

const STORES = ['plans', 'tasks', 'actions', 'meta'] as const satisfies readonly (keyof TaizhangDB)[];

/** Resolves with the rows, or null when there is no database yet (first start) or the reads failed: Dexie then reads. */
export function readEarlyRows(name = EARLY_DB_NAME): Promise<EarlyRows | null> {
  return new Promise((resolve) => {
    let request: IDBOpenDBRequest;
    try {
      // No version: the database as it is. Dexie opens it afterwards (and upgrades it if its code is newer).
      request = indexedDB.open(name);
    } catch {
      return resolve(null);
    }
    // No database yet: leave its making to Dexie (aborting the upgrade leaves nothing behind).
    request.onupgradeneeded = () => request.transaction?.abort();
    request.onerror = () => resolve(null);
    request.onblocked = () => resolve(null);
    request.onsuccess = () => {
      const db = request.result;
      // A newer version of the app upgrading the database must not wait for this connection.
      db.onversionchange = () => db.close();
      try {
        if (!STORES.every((name) => db.objectStoreNames.contains(name))) throw new Error('stores missing');
        const tx = db.transaction(STORES, 'readonly');
        const plans = tx.objectStore('plans').getAll();
        const tasks = tx.objectStore('tasks').getAll();
        const actions = tx.objectStore('actions').getAll();
        const identity = tx.objectStore('meta').get('identity');
        tx.oncomplete = () => {
          db.close();
          resolve({
            version: db.version,
            plans: plans.result as Plan[],
            tasks: tasks.result as Task[],
            actions: actions.result as Action[],
            identity: (identity.result as { value?: unknown } | undefined)?.value,
          });
        };
        tx.onerror = tx.onabort = () => {
          db.close();
          resolve(null);
        };
      } catch {
        db.close();
        resolve(null);
      }
    };
  });
}
