import type { Action, Report, Task } from '../../../shared/model';
import { observe, createClock, tick, type HlcState } from '../../../shared/model';
import {
  DEFAULT_CHOICE,
  TABLE_ORDER,
  authorityContext,
  KnownLosers,
  finalWrites,
  foldIncoming,
  keepNew,
  reviewApplied,
  stateDigest,
  refusalOf,
  type ApplyChoice,
  type AuthorityContext,
  type LostVersion,
  type SyncState,
  type TableRecords,
} from '../../../shared/sync';

/** An in-memory stand-in for one PC's database, applying imports with the same pure rules as the Dexie side. */
export class MemoryStore {
  tables = new Map<string, Map<string, TableRecords[keyof TableRecords]>>(TABLE_ORDER.map((t) => [t, new Map()]));
  blobs = new Map<string, Uint8Array>();
  conflicts: LostVersion[] = [];
  knownLosers = new KnownLosers();
  /** Files imported before, by their state digest (the Dexie side keys by the file's SHA-256). */
  imported = new Set<string>();
  clock: HlcState;

  constructor(device = 'dev_memory') {
    this.clock = createClock(device);
  }

  private byTask<T extends { taskId: string }>(table: 'actions' | 'reports', taskId: string): T[] {
    return [...this.tables.get(table)!.values()].filter((r) => (r as unknown as T).taskId === taskId) as unknown as T[];
  }

  /** Import a file's state at `now`; `authority` replaces the local-first rule (e.g. a fixed owner, as a roster gives). */
  import(state: SyncState, now: number, choice: ApplyChoice = DEFAULT_CHOICE, authority?: AuthorityContext) {
    const fileKey = stateDigest(state);
    const seenBefore = this.imported.has(fileKey);
    const overlay = new Map<string, unknown>();
    const fold = foldIncoming(
      state.records,
      (table, id) => this.tables.get(table)!.get(id) as never,
      overlay,
      { now, authority: authority ?? authorityContext(this.tables.get('plans')!.values() as never, state.records.plans), knownLosers: this.knownLosers, seenBefore },
      choice,
    );
    const reviews = keepNew(
      reviewApplied(fold.applied, {
        task: (id) => this.tables.get('tasks')!.get(id) as Task | undefined,
        actions: (taskId) => this.byTask<Action>('actions', taskId),
        reports: (taskId) => this.byTask<Report>('reports', taskId),
      }),
      this.knownLosers,
    );
    const writes = finalWrites(overlay);
    let written = 0;
    for (const table of TABLE_ORDER) {
      for (const r of writes[table]) {
        this.tables.get(table)!.set(r.id, r);
        written++;
      }
    }
    for (const b of state.blobs) if (!this.blobs.has(b.sha256)) this.blobs.set(b.sha256, b.data);
    const lost = [...fold.lost, ...reviews];
    this.conflicts.push(...lost);
    if (written + lost.length > 0) this.imported.add(fileKey);
    // The clock moves past every stamp seen (refused records excepted), as the database side does.
    for (const d of fold.decisions) if (refusalOf(d, choice) === null) this.clock = observe(this.clock, d.incoming.stamp, now);
    return { ...fold, lost, written };
  }

  /** A stamp for a local change made now: after everything this store has seen. */
  stamp(now: number): string {
    const next = tick(this.clock, now);
    this.clock = next.state;
    return next.stamp;
  }

  state(): SyncState {
    const records = Object.fromEntries(TABLE_ORDER.map((t) => [t, [...this.tables.get(t)!.values()]])) as never;
    return { records, blobs: [...this.blobs].map(([sha256, data]) => ({ sha256, data })) };
  }

  digest(): string {
    return stateDigest(this.state());
  }
}
