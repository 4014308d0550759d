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
  reviewNeeds,
  stateDigest,
  refusalOf,
  canonicalJson,
  mergeTrust,
  SignatureIndex,
  Trust,
  type Anchor,
  type ApplyChoice,
  type AuthorityContext,
  type TrustBundle,
  type LostVersion,
  type SyncState,
  type TableRecords,
} from '../../../shared/sync';

/** An in-memory stand-in for one PC's database, applying imports with the same pure rules as the Dexie side. */
export class MemoryStore {
  tables = new Map<string, Map<string, TableRecords[keyof TableRecords]>>(TABLE_ORDER.map((t) => [t, new Map()]));
  blobs = new Map<string, Uint8Array>();
  conflicts: LostVersion[] = [];
  /** Versions refused at import (table, canonical text), as a check lists them; the database side stores none. */
  refused = new Set<string>();
  knownLosers = new KnownLosers();
  /** Files imported before, by their state digest (the Dexie side keys by the file's SHA-256). */
  imported = new Set<string>();
  clock: HlcState;
  /** Roster entries and signature statements held (what this PC passes on with its records). */
  trust: TrustBundle = { roster: [], statements: [] };
  /** The supervisor offices whose root key this PC's user confirmed. */
  readonly anchors: readonly Anchor[];

  /** `anchors` (or a device id for the store's own clock, then the anchors). */
  constructor(device: string | readonly Anchor[] = 'dev_memory', anchors: readonly Anchor[] = []) {
    this.anchors = typeof device === 'string' ? anchors : device;
    this.clock = createClock(typeof device === 'string' ? device : 'dev_memory');
  }

  private byTask<T extends { taskId: string }>(table: 'actions' | 'reports', taskId: string): T[] {
    return [...this.tables.get(table)!.values()].filter((r) => (r as unknown as T).taskId === taskId) as unknown as T[];
  }

  /**
   * Import a file's state at `now`. The authority policy checks the file's signatures against this store's
   * anchors and roster, unless `fixed` stands in for it (merge tests about clocks and conflicts, not signatures).
   */
  import(state: SyncState, now: number, choice: ApplyChoice = DEFAULT_CHOICE, fixed?: AuthorityContext) {
    const fileKey = stateDigest(state);
    const seenBefore = this.imported.has(fileKey);
    const overlay = new Map<string, unknown>();
    const trust = new Trust(this.anchors, [...this.trust.roster, ...(state.trust?.roster ?? [])]);
    const signatures = new SignatureIndex(state.trust?.statements ?? []);
    const units = this.tables.get('units')!;
    const authority = fixed ?? authorityContext(this.tables.get('plans')!.values() as never, state.records.plans, trust, signatures.signerOf, (id) => units.get(id) as never);
    const fold = foldIncoming(
      state.records,
      (table, id) => this.tables.get(table)!.get(id) as never,
      overlay,
      { now, authority, knownLosers: this.knownLosers, seenBefore },
      choice,
    );
    for (const d of fold.decisions) if (refusalOf(d, choice) !== null) this.refused.add(`${d.table}\u0000${canonicalJson(d.incoming)}`);
    this.trust = mergeTrust([this.trust, { roster: trust.validEntries, statements: signatures.statements }]);
    // The database side fetches only what reviewNeeds names: a review asking for more would miss it there.
    const needs = reviewNeeds(fold.applied);
    const needed = (set: Set<string>, what: string, id: string) => {
      if (!set.has(id)) throw new Error(`reviewApplied asked for the ${what} of ${id}, which reviewNeeds does not name`);
    };
    const reviews = keepNew(
      reviewApplied(fold.applied, {
        task: (id) => (needed(needs.tasks, 'task', id), this.tables.get('tasks')!.get(id) as Task | undefined),
        actions: (taskId) => (needed(needs.actionsOf, 'actions', taskId), this.byTask<Action>('actions', taskId)),
        reports: (taskId) => (needed(needs.reportsOf, 'reports', taskId), this.byTask<Report>('reports', taskId)),
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
    return { records, blobs: [...this.blobs].map(([sha256, data]) => ({ sha256, data })), trust: this.trust };
  }

  digest(): string {
    return stateDigest(this.state());
  }
}
