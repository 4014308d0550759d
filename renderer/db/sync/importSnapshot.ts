import Dexie from 'dexie';
import type { PickedFile } from '../../../shared/platform/bridge';
import type { Plan, ServiceRequest, SyncedTable, Unit } from '../../../shared/model';
import { isFarFuture } from '../../../shared/model';
import {
  KnownLosers,
  SnapshotRefusedError,
  TABLE_ORDER,
  authorityContext,
  requestLookup,
  decodeSnapshot,
  finalWrites,
  foldIncoming,
  previewSentence,
  SignatureIndex,
  Trust,
  statementVerifies,
  unanchoredIssuers,
  type Anchor,
  type RosterEntry,
  type Statement,
  type ApplyChoice,
  type Decision,
  type DecodedSnapshot,
  type FoldResult,
  type PreviewCounts,
  type TableRecords,
} from '../../../shared/sync';
import type { BackupStore } from '../../../shared/platform/bridge';
import type { ConflictEntry, TaizhangDB } from '../database';
import { observeStamps } from '../installation';
import { createBackup } from './backups';
import { addImportedFiles, addRelay, getImportedFiles, getLastExport } from './marks';
import { readLocal, syncScope } from './state';
import { dropStampCache, readStampCache, writeStampCache } from './stampCache';
import { addRosterEntries, ensureKeys, getAnchors } from '../keys';
import { storeStatements } from './signExport';
import { openSealedFiles } from './sealing';
import type { SealRefusal } from '../../../shared/sync';

/** A supervisor office whose roster arrived in a file but whose root key this PC has not confirmed yet. */
export interface RosterOffer {
  issuer: string;
  keyId: string;
  publicKey: string;
  device: string;
  /** Read aloud by phone with the supervisor office before confirming. */
  fingerprint: string;
  entry: RosterEntry;
}

/** A plan this PC holds as its own draft, arriving from its confirmed owner: offered for adoption. */
export interface AdoptOffer {
  planId: string;
  title: string;
  owner: string;
  draftOwner: string;
}

export interface FlaggedRecord {
  table: SyncedTable;
  id: string;
  stamp: string;
  by: string;
  reason: string;
}

export type FilePreview =
  | {
      ok: true;
      name: string;
      decoded: DecodedSnapshot;
      counts: PreviewCounts;
      sentence: string;
      /** Would change something (new or updated records, or conflicts to keep). */
      changes: number;
      farFuture: FlaggedRecord[];
      unauthorized: FlaggedRecord[];
      /** This exact file (same SHA-256) was imported before. */
      seenBefore: boolean;
      /** What the preview read, reused by the apply when the database has not changed since. */
      localView: LocalView;
      mutationToken: number;
      /** The classification with the default choice, reused by the apply of this file alone. */
      fold: FoldResult;
      /** Supervisor offices to confirm by fingerprint before their plans and records can be accepted. */
      rosterOffers: RosterOffer[];
      /** Local draft plans the file's confirmed owner publishes: adopt to take the owner's version (reports kept). */
      adoptable: AdoptOffer[];
      /** The roster and signatures the preview judged with (reused by the apply). */
      trust: Trust;
      signatures: SignatureIndex;
      /** Roster entries (enrollments, revocations) new to this PC. */
      rosterNew: number;
    }
  | { ok: false; name: string; error: string; /** A sealed file this PC could not open (ask for a password, or not for us). */ locked?: SealRefusal };

type OkPreview = Extract<FilePreview, { ok: true }>;

/** Decode and validate one file completely; a refusal carries the Chinese reason. Touches no database. */
export async function validateFile(file: PickedFile): Promise<{ ok: true; decoded: DecodedSnapshot } | { ok: false; error: string }> {
  try {
    return { ok: true, decoded: await decodeSnapshot(file.bytes) };
  } catch (e) {
    if (e instanceof SnapshotRefusedError) return { ok: false, error: e.message };
    return { ok: false, error: '文件无法读取，可能已损坏' };
  }
}

/** Counts every write made through Dexie (any table, this window or another tab). */
let mutations = 0;
Dexie.on('storagemutated', (parts) => {
  if (Object.keys(parts).some((k) => !k.startsWith('idb://taizhang-backups/'))) mutations++;
});

export interface LocalView {
  lookup: <T extends SyncedTable>(table: T, id: string) => TableRecords[T] | undefined;
  /** Full id → stamp map per table, where known (kept up to date in the stamp cache after an import). */
  stamps: Map<SyncedTable, Map<string, string> | null>;
  plans: Plan[];
  knownLosers: KnownLosers;
  imported: Set<string>;
  anchors: Anchor[];
  roster: RosterEntry[];
  /** Every local unit (a few hundred) by id: their names and aliases tell whose a report is. */
  units: Map<string, Unit>;
}

/** Read what the incoming files touch (only those ids, or whole tables when that is cheaper). */
export async function readLocalView(db: TaizhangDB, files: readonly DecodedSnapshot[]): Promise<LocalView> {
  const maps = new Map<SyncedTable, Map<string, unknown>>();
  const stamps = new Map<SyncedTable, Map<string, string> | null>();
  for (const table of TABLE_ORDER) {
    const incoming = files.flatMap((f) => f.state.records[table] as TableRecords[typeof table][]);
    const read = await readLocal(db, table, incoming);
    maps.set(table, read.records);
    stamps.set(table, read.stamps);
  }
  const knownLosers = new KnownLosers();
  await db.conflicts.each((c) => knownLosers.add(c.table, c.recordId, (c.loser as { stamp: string }).stamp));
  return {
    lookup: (table, id) => maps.get(table)!.get(id) as never,
    stamps,
    plans: await db.plans.toArray(),
    knownLosers,
    imported: new Set(await getImportedFiles(db)),
    anchors: await getAnchors(db),
    roster: (await db.roster.toArray()).map((r) => r.entry),
    units: new Map((await db.units.toArray()).map((u) => [u.id, u])),
  };
}

/** The trust a file is judged with: this PC's anchors, its roster entries and the file's. */
function trustFor(view: LocalView, decoded: DecodedSnapshot): { trust: Trust; signatures: SignatureIndex } {
  return {
    trust: new Trust(view.anchors, [...view.roster, ...(decoded.state.trust?.roster ?? [])]),
    signatures: new SignatureIndex(decoded.state.trust?.statements ?? []),
  };
}

function unitLookup(view: LocalView, decoded: DecodedSnapshot): (id: string) => Unit | undefined {
  const incoming = new Map(decoded.state.records.units.map((u) => [u.id, u]));
  return (id) => view.units.get(id) ?? incoming.get(id);
}

const flag = (d: Decision, reason: string): FlaggedRecord => ({ table: d.table, id: d.incoming.id, stamp: d.incoming.stamp, by: d.incoming.by, reason });

/**
 * Preview imports: validate every file in full, then classify its records against this PC's state (read only).
 * Each file is previewed on its own; applying several together resolves them against each other.
 */
export async function previewImport(db: TaizhangDB, files: readonly PickedFile[], now = Date.now(), passwords: Readonly<Record<string, string>> = {}): Promise<FilePreview[]> {
  const checked: { file: PickedFile; result: Awaited<ReturnType<typeof validateFile>> | { ok: false; error: string; locked: SealRefusal } }[] = [];
  // Sealed files are opened first (this PC's key, or the password typed for the file); nothing else changes.
  for (const opened of await openSealedFiles(db, files, passwords)) {
    if (!opened.ok) checked.push({ file: { name: opened.name, bytes: new Uint8Array(0) }, result: { ok: false, error: opened.error, locked: opened.locked } });
    else checked.push({ file: opened.file, result: await validateFile(opened.file) });
  }
  const good = checked.flatMap((c) => (c.result.ok ? [c.result.decoded] : []));
  await ensureKeys(db); // a supervisor PC's own roster exists before anything is judged
  const token = mutations;
  const view = await db.transaction('r', [...syncScope(db), db.roster], async () => await readLocalView(db, good));
  return checked.map(({ file, result }): FilePreview => {
    if (!result.ok) return { ok: false, name: file.name, error: result.error, locked: 'locked' in result ? result.locked : undefined };
    const decoded = result.decoded;
    const { trust, signatures } = trustFor(view, decoded);
    const fold = foldIncoming(
      decoded.state.records,
      view.lookup,
      new Map(),
      {
        now,
        authority: authorityContext(view.plans, decoded.state.records.plans, trust, signatures.signerOf, unitLookup(view, decoded), requestLookup((id) => view.lookup('requests', id), decoded.state.records.requests)),
        knownLosers: view.knownLosers.clone(),
        seenBefore: view.imported.has(decoded.sha256),
      },
      { includeFarFuture: false, includeUnauthorized: false },
    );
    const c = fold.counts;
    const refused = new Set(fold.decisions.filter((d) => d.unauthorized).map((d) => `${d.table}\u0000${d.incoming.id}`));
    const adoptable: AdoptOffer[] = [];
    for (const p of decoded.state.records.plans) {
      const local = view.plans.find((x) => x.id === p.id);
      if (!local || trust.isAnchored(local.owner.office) || !trust.isAnchored(p.owner.office) || refused.has(`plans\u0000${p.id}`)) continue;
      adoptable.push({ planId: p.id, title: p.title, owner: p.owner.office, draftOwner: local.owner.office });
    }
    return {
      ok: true,
      name: file.name,
      decoded,
      counts: c,
      sentence: previewSentence(decoded.manifest, c),
      changes: c.newReports + c.newOther + c.updated + c.conflicts,
      farFuture: fold.decisions.filter((d) => d.farFuture).map((d) => flag(d, '修改时间比本机时钟超前 24 小时以上')),
      unauthorized: fold.decisions.filter((d) => d.unauthorized).map((d) => flag(d, d.unauthorized!)),
      seenBefore: view.imported.has(decoded.sha256),
      localView: view,
      mutationToken: token,
      // The per-record decisions are not kept: 100,000 of them only add garbage-collector work to the apply.
      fold: { ...fold, decisions: [] },
      rosterOffers: unanchoredIssuers(trust, decoded.state.trust?.roster ?? []),
      adoptable,
      trust,
      signatures,
      rosterNew: trust.validEntries.filter((e) => !view.roster.some((r) => r.sig === e.sig)).length,
    };
  });
}

export interface ApplyRequest {
  preview: OkPreview;
  choice: ApplyChoice;
  /** Adopt the file's version of these local draft plans (preview.adoptable): the draft's structure is replaced. */
  adopt?: string[];
}

export interface ApplyResult {
  written: number;
  conflicts: number;
  blobs: number;
  backupName: string | null;
}

/**
 * Apply validated files in ONE transaction over every synced table, blobs, conflicts and meta: all or nothing.
 * Records are re-read inside the transaction and decided again (the database may have changed since the
 * preview); only records that change are written. A backup is taken first when anything will change.
 */
export async function applyImport(
  db: TaizhangDB,
  requests: readonly ApplyRequest[],
  opts: { backups?: BackupStore; appVersion?: string; now?: number } = {},
): Promise<ApplyResult> {
  const now = opts.now ?? Date.now();
  const needsBackup = requests.some((r) => r.preview.changes > 0 || r.preview.farFuture.length > 0 || r.preview.unauthorized.length > 0);
  const backupName = needsBackup && opts.backups ? await createBackup(db, opts.backups, 'import', { appVersion: opts.appVersion }) : null;
  const files = requests.map((r) => r.preview.decoded);
  // Unchanged database since one preview of all these files: reuse what it read (no second full read).
  const first = requests[0]?.preview;
  const adopt = requests.flatMap((r) => (r.adopt ?? []).filter((id) => r.preview.adoptable.some((a) => a.planId === id)));
  const fresh = adopt.length === 0 && first !== undefined && first.mutationToken === mutations && requests.every((r) => r.preview.localView === first.localView);
  const rosterNew = requests.some((r) => r.preview.rosterNew > 0);
  if (!needsBackup && fresh && !rosterNew) return { written: 0, conflicts: 0, blobs: 0, backupName: null };
  return db.transaction('rw', [...syncScope(db), db.roster, db.statements], async () => {
    // Adoption: the local draft's plan, sections and tasks give way to the owner's (reports and actions stay).
    for (const planId of adopt) {
      await db.plans.delete(planId);
      await db.sections.where('planId').equals(planId).delete();
      await db.tasks.where('planId').equals(planId).delete();
    }
    const view = fresh ? { ...first.localView, knownLosers: first.localView.knownLosers.clone() } : await readLocalView(db, files);
    const overlay = new Map<string, unknown>();
    const lost: Omit<ConflictEntry, 'seq'>[] = [];
    const detectedAt = new Date(now).toISOString();
    const single = requests.length === 1 && fresh && !requests[0]!.choice.includeFarFuture && !requests[0]!.choice.includeUnauthorized;
    for (const { preview, choice } of requests) {
      const source = `${preview.decoded.manifest.producer.office} · ${preview.name}`;
      if (single) {
        // The preview's classification still holds (same database, same choice): no second pass.
        for (const table of TABLE_ORDER) for (const r of preview.fold.writes[table]) overlay.set(`${table}\u0000${r.id}`, r);
        for (const l of preview.fold.lost) lost.push({ table: l.table, recordId: l.recordId, loser: l.loser, winnerStamp: l.winnerStamp, detectedAt, source, resolved: false });
        continue;
      }
      const incoming = preview.decoded.state.records;
      const overlayPlans = [...overlay.values()].filter((v): v is Plan => typeof v === 'object' && v !== null && (v as Plan).id?.startsWith('plan_'));
      const fold = foldIncoming(
        incoming,
        view.lookup,
        overlay,
        {
          now,
          authority: authorityContext(
            view.plans,
            [...overlayPlans, ...incoming.plans],
            preview.trust,
            preview.signatures.signerOf,
            unitLookup(view, preview.decoded),
            requestLookup((id) => (overlay.get(`requests\u0000${id}`) as ServiceRequest | undefined) ?? view.lookup('requests', id), incoming.requests),
          ),
          knownLosers: view.knownLosers,
          seenBefore: view.imported.has(preview.decoded.sha256),
        },
        choice,
      );
      for (const l of fold.lost) lost.push({ table: l.table, recordId: l.recordId, loser: l.loser, winnerStamp: l.winnerStamp, detectedAt, source, resolved: false });
    }
    const writes = finalWrites(overlay);
    let written = 0;
    let maxStamp: string | null = null;
    const lastExport = await getLastExport(db);
    const relay: Partial<Record<SyncedTable, string[]>> = {};
    for (const table of TABLE_ORDER) {
      const rows = writes[table];
      if (rows.length === 0) continue;
      await db.table(table).bulkPut(rows);
      written += rows.length;
      const known = view.stamps.get(table) ?? (await readStampCache(db, table));
      if (known) {
        const next = new Map(known);
        for (const r of rows) next.set(r.id, r.stamp);
        await writeStampCache(db, table, next);
      } else await dropStampCache(db, table);
      for (const r of rows) {
        if (!isFarFuture(r.stamp, now) && (maxStamp === null || r.stamp > maxStamp)) maxStamp = r.stamp;
      }
      if (lastExport) relay[table] = rows.filter((r) => r.stamp <= lastExport.mark).map((r) => r.id);
    }
    // Attachments: content-addressed and immutable, so only missing ones are added.
    const blobs = new Map(files.flatMap((f) => f.state.blobs.map((b) => [b.sha256, b] as const)));
    let addedBlobs = 0;
    if (blobs.size > 0) {
      const present = new Set(await db.blobs.where(':id').anyOf([...blobs.keys()]).primaryKeys());
      const missing = [...blobs.values()].filter((b) => !present.has(b.sha256));
      if (missing.length > 0) await db.blobs.bulkAdd(missing);
      addedBlobs = missing.length;
    }
    if (lost.length > 0) await db.conflicts.bulkAdd(lost as ConflictEntry[]);
    // Keep the roster entries and the signatures that proved themselves, so this PC relays them.
    const roster = new Map<string, RosterEntry>();
    for (const { preview } of requests) for (const e of preview.trust.validEntries) if (!view.roster.some((r) => r.sig === e.sig)) roster.set(e.sig, e);
    await addRosterEntries(db, [...roster.values()]);
    if (written > 0) {
      const statements: Statement[] = [];
      for (const { preview } of requests) for (const st of preview.signatures.statements) if (statementVerifies(st)) statements.push(st);
      await storeStatements(db, statements);
    }
    if (lastExport) await addRelay(db, relay);
    // Remember files that changed something, so a later re-import of them adds no conflicts; a file that
    // changed nothing leaves no trace at all.
    if (written + lost.length + addedBlobs > 0) await addImportedFiles(db, files.map((f) => f.sha256));
    // The local clock moves past what was applied; far-future stamps never drag it ahead.
    if (maxStamp !== null) await observeStamps(db, [maxStamp], now);
    return { written, conflicts: lost.length, blobs: addedBlobs, backupName };
  });
}
