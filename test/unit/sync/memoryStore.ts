import {
  TABLE_ORDER,
  authorityContext,
  KnownLosers,
  finalWrites,
  foldIncoming,
  stateDigest,
  mergeTrust,
  SignatureIndex,
  Trust,
  type Anchor,
  type ApplyChoice,
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
  knownLosers = new KnownLosers();
  /** Files imported before, by their state digest (the Dexie side keys by the file's SHA-256). */
  imported = new Set<string>();
  /** Roster entries and signature statements held (what this PC passes on with its records). */
  trust: TrustBundle = { roster: [], statements: [] };

  /** `anchors`: the supervisor offices whose root key this PC's user confirmed. */
  constructor(readonly anchors: readonly Anchor[] = []) {}

  import(state: SyncState, now: number, choice: ApplyChoice = { includeFarFuture: false, includeUnauthorized: false }) {
    const fileKey = stateDigest(state);
    const seenBefore = this.imported.has(fileKey);
    this.imported.add(fileKey);
    const overlay = new Map<string, unknown>();
    const trust = new Trust(this.anchors, [...this.trust.roster, ...(state.trust?.roster ?? [])]);
    const signatures = new SignatureIndex(state.trust?.statements ?? []);
    const units = this.tables.get('units')!;
    const authority = authorityContext(this.tables.get('plans')!.values() as never, state.records.plans, trust, signatures.signerOf, (id) => units.get(id) as never);
    const fold = foldIncoming(
      state.records,
      (table, id) => this.tables.get(table)!.get(id) as never,
      overlay,
      { now, authority, knownLosers: this.knownLosers, seenBefore },
      choice,
    );
    this.trust = mergeTrust([this.trust, { roster: trust.validEntries, statements: signatures.statements }]);
    const writes = finalWrites(overlay);
    let written = 0;
    for (const table of TABLE_ORDER) {
      for (const r of writes[table]) {
        this.tables.get(table)!.set(r.id, r);
        written++;
      }
    }
    for (const b of state.blobs) if (!this.blobs.has(b.sha256)) this.blobs.set(b.sha256, b.data);
    this.conflicts.push(...fold.lost);
    return { ...fold, written };
  }

  state(): SyncState {
    const records = Object.fromEntries(TABLE_ORDER.map((t) => [t, [...this.tables.get(t)!.values()]])) as never;
    return { records, blobs: [...this.blobs].map(([sha256, data]) => ({ sha256, data })), trust: this.trust };
  }

  digest(): string {
    return stateDigest(this.state());
  }
}
