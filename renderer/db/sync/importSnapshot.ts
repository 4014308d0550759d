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
    }
  | { ok: false; name: string; error: string };

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
  /** Every local unit (a few hundred): their names and aliases tell whose a report is. */
  units: Unit[];
  knownLosers: KnownLosers;
  imported: Set<string>;
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
    units: await db.units.toArray(),
    knownLosers,
    imported: new Set(await getImportedFiles(db)),
  };
}

const flag = (d: Decision, reason: string): FlaggedRecord => ({ table: d.table, id: d.incoming.id, stamp: d.incoming.stamp, by: d.incoming.by, reason });

/**
 * Preview imports: validate every file in full, then classify its records against this PC's state (read only).
 * Each file is previewed on its own; applying several together resolves them against each other.
 */
export async function previewImport(db: TaizhangDB, files: readonly PickedFile[], now = Date.now()): Promise<FilePreview[]> {
  const checked: { file: PickedFile; result: Awaited<ReturnType<typeof validateFile>> }[] = [];
  for (const f of files) checked.push({ file: f, result: await validateFile(f) });
  const good = checked.flatMap((c) => (c.result.ok ? [c.result.decoded] : []));
  const token = mutations;
  const view = await db.transaction('r', syncScope(db), async () => await readLocalView(db, good));
  return checked.map(({ file, result }): FilePreview => {
    if (!result.ok) return { ok: false, name: file.name, error: result.error };
    const decoded = result.decoded;
    const fold = foldIncoming(
      decoded.state.records,
      view.lookup,
      new Map(),
      {
        now,
        authority: authorityContext(view.plans, decoded.state.records.plans, [...view.units, ...decoded.state.records.units], requestLookup((id) => view.lookup('requests', id), decoded.state.records.requests)),
        knownLosers: view.knownLosers.clone(),
        seenBefore: view.imported.has(decoded.sha256),
      },
      { includeFarFuture: false, includeUnauthorized: false },
    );
    const c = fold.counts;
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
    };
  });
}

export interface ApplyRequest {
  preview: OkPreview;
  choice: ApplyChoice;
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
  const fresh = first !== undefined && first.mutationToken === mutations && requests.every((r) => r.preview.localView === first.localView);
  if (!needsBackup && fresh) return { written: 0, conflicts: 0, blobs: 0, backupName: null };
  return db.transaction('rw', syncScope(db), async () => {
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
      const overlayUnits = [...overlay.values()].filter((v): v is Unit => typeof v === 'object' && v !== null && (v as Unit).id?.startsWith('unit_'));
      const fold = foldIncoming(
        incoming,
        view.lookup,
        overlay,
        {
          now,
          authority: authorityContext(
            view.plans,
            [...overlayPlans, ...incoming.plans],
            [...view.units, ...overlayUnits, ...incoming.units],
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
    if (lastExport) await addRelay(db, relay);
    // Remember files that changed something, so a later re-import of them adds no conflicts; a file that
    // changed nothing leaves no trace at all.
    if (written + lost.length + addedBlobs > 0) await addImportedFiles(db, files.map((f) => f.sha256));
    // The local clock moves past what was applied; far-future stamps never drag it ahead.
    if (maxStamp !== null) await observeStamps(db, [maxStamp], now);
    return { written, conflicts: lost.length, blobs: addedBlobs, backupName };
  });
}
