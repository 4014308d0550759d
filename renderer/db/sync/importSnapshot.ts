import Dexie from 'dexie';
import type { FileSource, PickedFile } from '../../../shared/platform/bridge';
import type { Action, Plan, Report, ServiceRequest, SyncedTable, Task, Unit } from '../../../shared/model';
import { MAX_STAMP_WALL, parseStamp } from '../../../shared/model';
import {
  DEFAULT_CHOICE,
  KnownLosers,
  emptyRecordSets,
  SnapshotRefusedError,
  SyncCancelledError,
  refuse,
  stampDevice,
  TABLE_ORDER,
  authorityContext,
  bytesSource,
  emptyPrintSets,
  requestLookup,
  decodeSnapshot,
  foldIncoming,
  keepNew,
  observeFile,
  oldFileNote,
  previewSentence,
  readManifestFrom,
  refusalOf,
  reviewApplied,
  reviewNeeds,
  reviewTable,
  type ApplyChoice,
  type ByteSource,
  type ClockObservation,
  type Decision,
  type DecodedSnapshot,
  type FoldResult,
  type LostVersion,
  type Overlay,
  type Manifest,
  type PreviewCounts,
  type TableRecords,
  LIMITS,
  SignatureIndex,
  Trust,
  isSealed,
  statementVerifies,
  unanchoredIssuers,
  type Anchor,
  type RosterEntry,
  type SealRefusal,
  type Statement,
} from '../../../shared/sync';
import type { BackupStore } from '../../../shared/platform/bridge';
import type { ConflictEntry, TaizhangDB } from '../database';
import { getDeviceId, getIdentity, observeStamps } from '../installation';
import { createBackup } from './backups';
import { addClockNotes, addShownTimes } from './clockNotes';
import { addImportedFiles, addRelay, getImportedFiles, getLastExport } from './marks';
import { createPacer, throwIfCancelled, type CancelSignal } from './pacing';
import { LocalIndex, fetchLocal, planLocalRead, syncScope } from './state';
import { dropStampCache } from './stampCache';
import { addRosterEntries, ensureKeys, getAnchors } from '../keys';
import { storeStatements } from './signExport';
import { keepRefused, refusedRows } from './refused';
import { openSealedFiles } from './sealing';
import { storeAbsorbed } from './absorbed';

/** A snapshot file to import: its name and its bytes, read by slices (a File in the browser, a buffer otherwise). */
export interface SnapshotFile {
  name: string;
  source: ByteSource;
}

export function snapshotFromBytes(name: string, bytes: Uint8Array): SnapshotFile {
  return { name, source: bytesSource(bytes) };
}

export const snapshotFromPicked = (file: PickedFile): SnapshotFile => snapshotFromBytes(file.name, file.bytes);

/** A file the platform reads by slices (the web twin's File). */
export const snapshotFromSource = (file: FileSource): SnapshotFile => ({ name: file.name, source: file });

type AnyFile = SnapshotFile | PickedFile | FileSource;
const toSnapshotFile = (f: AnyFile): SnapshotFile => ('source' in f ? f : 'bytes' in f ? snapshotFromPicked(f) : snapshotFromSource(f));

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

/** Where a long import stands: which file of how many, and records done of the phase's total. */
export interface ImportProgress {
  phase: 'check' | 'backup' | 'apply';
  /** 1-based index of the file being worked on. */
  file: number;
  files: number;
  name: string;
  records: number;
  total: number;
}

export interface RunOptions {
  now?: number;
  signal?: CancelSignal;
  onProgress?: (progress: ImportProgress) => void;
}

export type FilePreview =
  | {
      ok: true;
      name: string;
      file: SnapshotFile;
      manifest: Manifest;
      sha256: string;
      size: number;
      counts: PreviewCounts;
      sentence: string;
      /** Would change something (new or updated records, or versions to keep for review). */
      changes: number;
      /**
       * Records whose versions absorbed by an equal one (remembered, never shown) this file changes: no backup is
       * needed for them, but the apply stores them.
       */
      absorbs: number;
      /** Records not applied, with the reason (kept for review, apart from the data, when the file is applied). */
      refused: FlaggedRecord[];
      /** Of those, the ones the authority policy refused (unsigned, forged, altered, replayed, revoked, not allowed). */
      unauthorized: FlaggedRecord[];
      /** Applied records stamped more than 24 h ahead of this PC's clock. */
      farFuture: FlaggedRecord[];
      /** What the file shows about clocks (kept at apply, shown on the sync screen). */
      clocks: ClockObservation[];
      /** The file says it was exported long ago by this PC's clock (an old file, or a wrong date): said before applying. */
      oldFile: string | null;
      /** This exact file (same SHA-256) was imported before. */
      seenBefore: boolean;
      /**
       * What the apply needs of the file (the records it would change or list, decided as if the files before it
       * were applied), kept within a budget; null: the file is read again at apply.
       */
      decoded: DecodedSnapshot | null;
      session: ImportSession;
      /** Supervisor offices to confirm by fingerprint before their plans and records can be accepted. */
      rosterOffers: RosterOffer[];
      /** Local draft plans the file's confirmed owner publishes: adopt to take the owner's version (reports kept). */
      adoptable: AdoptOffer[];
      /** The roster and signatures the check judged with (reused by the apply). */
      trust: Trust;
      signatures: SignatureIndex;
      /** Roster entries (enrollments, revocations) new to this PC. */
      rosterNew: number;
    }
  | { ok: false; name: string; error: string; /** A sealed file this PC could not open (ask for a password, or not for us). */ locked?: SealRefusal };

export type OkPreview = Extract<FilePreview, { ok: true }>;

/**
 * The window gets a turn at least this often during a check or an apply: often enough to stay responsive (under
 * the 50 ms of a long task), rarely enough that 100,000 records do not pay hundreds of yields on a busy machine.
 */
const IMPORT_SLICE_MS = 30;

/**
 * Records kept between check and apply, over all files: only those a file would change (new, updated, refused, or
 * a version to list), never the ones an earlier file of the batch or this PC already holds. Beyond this, files are
 * read again at apply.
 */
const KEEP_RECORDS = 250_000;

/**
 * The part of a decoded file its apply needs, given how the check decided it: records that change something or
 * are listed (new, updated, refused, losing); not those this PC (or an earlier file of the batch) already holds
 * the same or newer, which stay so however the database moves on (versions only ever win upwards).
 */
function changesOnly(decoded: DecodedSnapshot, fold: FoldResult): DecodedSnapshot {
  const keep = new Set<string>();
  for (const d of fold.decisions) {
    if (d.outcome === 'new' || d.outcome === 'updated' || d.loser || d.absorbed) keep.add(`${d.table}\u0000${d.incoming.id}`);
  }
  const records = emptyRecordSets();
  const prints = emptyPrintSets();
  for (const table of TABLE_ORDER) {
    const all = decoded.state.records[table];
    for (let i = 0; i < all.length; i++) {
      if (!keep.has(`${table}\u0000${all[i]!.id}`)) continue;
      (records[table] as unknown[]).push(all[i]);
      prints[table].push(decoded.prints[table][i]!);
    }
  }
  return { ...decoded, state: { records, blobs: decoded.state.blobs, ...(decoded.state.trust ? { trust: decoded.state.trust } : {}) }, prints };
}

const recordCount = (d: DecodedSnapshot) => TABLE_ORDER.reduce((n, t) => n + d.state.records[t].length, 0);
/**
 * Records written per request inside a file's transaction (progress and cancel between them). Each request also
 * costs the report summary's read and write (renderer/db/reportSummaries.ts), so requests are large; one chunk's
 * structured clone still takes well under a tenth of a second of the window's time.
 */
const WRITE_CHUNK = 5000;

/** Counts every write made through Dexie (any table, this window or another tab). */
let mutations = 0;
Dexie.on('storagemutated', (parts) => {
  if (Object.keys(parts).some((k) => !k.startsWith('idb://taizhang-backups/'))) mutations++;
});

/** What a check read once for all its files, reused by the apply while the database has not changed. */
export class ImportSession {
  index = new LocalIndex();
  knownLosers = new KnownLosers();
  imported = new Set<string>();
  /** Files (SHA-256) whose refused versions are already kept for review (or were, and were dismissed). */
  refusedFiles = new Set<string>();
  self = { device: '', office: '' };
  token = -1;
  /** Tables whose stamp cache this session dropped (rewritten at its end). */
  cacheDropped = new Set<SyncedTable>();
  /** This PC's confirmed roots, roster entries and units (for the authority policy). */
  anchors: Anchor[] = [];
  roster: RosterEntry[] = [];
  units = new Map<string, Unit>();
  private constructor() {}

  static async open(db: TaizhangDB, incoming: Partial<Record<SyncedTable, number>>): Promise<ImportSession> {
    const s = new ImportSession();
    await ensureKeys(db); // a supervisor PC's own roster exists before anything is judged
    const identity = await getIdentity(db);
    s.self = { device: identity?.deviceId ?? (await getDeviceId(db)), office: identity?.office ?? '本机' };
    await db.transaction('r', [...syncScope(db), db.roster], async () => {
      s.token = mutations;
      await s.index.load(db, incoming);
      await db.conflicts.each((c) => {
        if (c.kind === 'absorbed') {
          s.knownLosers.absorb(c.table, c.loser as TableRecords[SyncedTable], c.winnerStamp);
          return;
        }
        s.knownLosers.keep(reviewTable(c.kind ?? 'conflict', c.table), c.loser as TableRecords[SyncedTable]);
        if (c.kind === 'refused' && c.group) s.refusedFiles.add(c.group);
      });
      s.imported = new Set(await getImportedFiles(db));
      s.anchors = await getAnchors(db);
      s.roster = (await db.roster.toArray()).map((r) => r.entry);
      s.units = new Map((await db.units.toArray()).map((u) => [u.id, u]));
    });
    return s;
  }

  /** The trust a file is judged with: this PC's anchors, its roster entries and the file's. */
  trustFor(decoded: DecodedSnapshot): { trust: Trust; signatures: SignatureIndex } {
    return {
      trust: new Trust(this.anchors, [...this.roster, ...(decoded.state.trust?.roster ?? [])]),
      signatures: new SignatureIndex(decoded.state.trust?.statements ?? []),
    };
  }

  unitLookup(decoded: DecodedSnapshot): (id: string) => Unit | undefined {
    const incoming = new Map(decoded.state.records.units.map((u) => [u.id, u]));
    return (id) => this.units.get(id) ?? incoming.get(id);
  }

  /** Is what the session read still what the database holds? */
  get fresh(): boolean {
    return this.token === mutations;
  }
}

const flag = (d: Decision, reason: string): FlaggedRecord => ({ table: d.table, id: d.incoming.id, stamp: d.incoming.stamp, by: d.incoming.by, reason });

/** A refusal's reason; anything else is a bug in this program, said as such (never disguised as a damaged file). */
function refusalMessage(e: unknown): string {
  if (e instanceof SnapshotRefusedError) return e.message;
  console.error('[sync] unexpected error while reading a snapshot', e);
  return `读取时出现程序错误（不是文件本身的问题，请把此信息告知软件维护人员）：${e instanceof Error ? e.message : String(e)}`;
}

/** Why an import stopped, in Chinese: the database's own errors are English and name no remedy. */
export function describeImportError(e: unknown): string {
  const name = e instanceof Error ? e.name : '';
  const inner = (e as { inner?: { name?: string } } | null)?.inner?.name ?? '';
  if (name === 'QuotaExceededError' || inner === 'QuotaExceededError') return '本机存储空间不足，请清理磁盘后重试';
  if (name === 'DatabaseClosedError' || name === 'VersionError' || name === 'UpgradeError') return '本机数据库暂时无法使用（可能在另一个窗口中打开了更新版本的软件），请关闭其他窗口后重试';
  if (e instanceof SnapshotRefusedError) return e.message;
  return `程序错误（请把此信息告知软件维护人员）：${e instanceof Error ? e.message : String(e)}`;
}

/**
 * A sealed file is opened first (this PC's key, or the password typed for it) and read whole: its content is
 * encrypted in one piece. Anything else passes through, still read by slices.
 */
async function openIfSealed(db: TaizhangDB, file: SnapshotFile, passwords: Readonly<Record<string, string>>): Promise<SnapshotFile | { error: string; locked: SealRefusal }> {
  let head: Uint8Array;
  try {
    head = await file.source.read(0, Math.min(8, file.source.size));
  } catch {
    return file; // the decoder reports the unreadable file
  }
  if (!isSealed(head)) return file;
  if (file.source.size > LIMITS.fileBytes) return file; // refused as too large by the decoder (sealed or not)
  const bytes = await file.source.read(0, file.source.size);
  const [opened] = await openSealedFiles(db, [{ name: file.name, bytes }], passwords);
  if (!opened!.ok) return { error: opened!.error, locked: opened!.locked };
  return snapshotFromBytes(file.name, opened!.file.bytes);
}

/** Local draft plans (owner not a confirmed supervisor office) that the file's confirmed owner publishes. */
function adoptableDrafts(decoded: DecodedSnapshot, fold: FoldResult, trust: Trust, local: readonly Plan[]): AdoptOffer[] {
  const refused = new Set(fold.decisions.filter((d) => d.unauthorized).map((d) => `${d.table}\u0000${d.incoming.id}`));
  const out: AdoptOffer[] = [];
  for (const p of decoded.state.records.plans) {
    const draft = local.find((x) => x.id === p.id);
    if (!draft || trust.isAnchored(draft.owner.office) || !trust.isAnchored(p.owner.office) || refused.has(`plans\u0000${p.id}`)) continue;
    out.push({ planId: p.id, title: p.title, owner: p.owner.office, draftOwner: draft.owner.office });
  }
  return out;
}

/** Record counts a file's manifest declares, per table. */
const declared = (m: Manifest): Partial<Record<SyncedTable, number>> => Object.fromEntries(TABLE_ORDER.map((t) => [t, m.counts[t] ?? 0]));
const recordTotal = (m: Manifest) => TABLE_ORDER.reduce((n, t) => n + (m.counts[t] ?? 0), 0);

/** Decode one file in slices (the window stays responsive), reporting records read. */
async function decodeFile(file: SnapshotFile, opts: RunOptions, pause: () => Promise<void>, onRecords: (n: number) => void): Promise<DecodedSnapshot> {
  return decodeSnapshot(file.source, {
    pause,
    isCancelled: () => opts.signal?.aborted === true,
    onProgress: (p) => onRecords(p.records),
  });
}

/**
 * Classify a decoded file against this PC (inside a transaction). Every await here is a database request: what
 * needs no read is decided from the session's index synchronously.
 */
async function classifyFile(
  db: TaizhangDB,
  session: ImportSession,
  decoded: DecodedSnapshot,
  choice: ApplyChoice,
  now: number,
  knownLosers: KnownLosers,
  judge: { trust: Trust; signatures: SignatureIndex },
  overlay: Overlay = new Map(),
  batchPlans: readonly Plan[] = [],
): Promise<FoldResult> {
  const plans = [...(await db.plans.toArray()), ...batchPlans];
  const maps = new Map<SyncedTable, Map<string, unknown>>();
  for (const table of TABLE_ORDER) {
    const plan = planLocalRead(session.index, table, decoded.state.records[table] as TableRecords[typeof table][], decoded.prints[table]);
    if (plan.wanted.length > 0) await fetchLocal(db, table, plan.wanted, session.index.total(table), plan.records);
    maps.set(table, plan.records);
  }
  const lookup = <T extends SyncedTable>(table: T, id: string) => maps.get(table)!.get(id) as TableRecords[T] | undefined;
  return foldIncoming(
    decoded.state.records,
    lookup,
    overlay,
    {
      now,
      authority: authorityContext(
        plans,
        decoded.state.records.plans,
        judge.trust,
        judge.signatures.signerOf,
        session.unitLookup(decoded),
        // A request as this PC knows it (or an earlier file of the batch), else as it arrives: its registering office owns it.
        requestLookup((id) => (overlay.get(`requests\u0000${id}`) as ServiceRequest | undefined) ?? lookup('requests', id), decoded.state.records.requests),
      ),
      knownLosers,
      seenBefore: session.imported.has(decoded.sha256),
    },
    choice,
  );
}

/**
 * Check files before an import: each file's magic and manifest first (cheap), then each file in full — every
 * byte validated, its records classified against this PC's state (read only). Files are read one at a time and
 * let go (unless small), so memory stays bounded by one file. Progress by file and record; a cancel stops it
 * (nothing is written by a check). Files refused are listed with the reason, and stored nowhere.
 */
export async function previewImport(
  db: TaizhangDB,
  files: readonly AnyFile[],
  options: RunOptions | number = {},
  passwords: Readonly<Record<string, string>> = {},
): Promise<FilePreview[]> {
  const opts: RunOptions = typeof options === 'number' ? { now: options } : options;
  const now = opts.now ?? Date.now();
  const pause = createPacer(IMPORT_SLICE_MS);
  const list: SnapshotFile[] = [];
  const locked = new Map<number, { error: string; locked: SealRefusal }>();
  for (const [i, f] of files.map(toSnapshotFile).entries()) {
    throwIfCancelled(opts.signal);
    const opened = await openIfSealed(db, f, passwords);
    if ('source' in opened) list.push(opened);
    else {
      list.push(f);
      locked.set(i, opened);
    }
  }
  const manifests: (Manifest | string)[] = [];
  for (const [i, f] of list.entries()) {
    throwIfCancelled(opts.signal);
    const closed = locked.get(i);
    if (closed) {
      manifests.push(closed.error);
      continue;
    }
    try {
      manifests.push((await readManifestFrom(f.source)).manifest);
    } catch (e) {
      manifests.push(refusalMessage(e));
    }
  }
  const incoming: Partial<Record<SyncedTable, number>> = {};
  let total = 0;
  for (const m of manifests) {
    if (typeof m === 'string') continue;
    total += recordTotal(m);
    for (const t of TABLE_ORDER) incoming[t] = (incoming[t] ?? 0) + (m.counts[t] ?? 0);
  }
  const session = await ImportSession.open(db, incoming);
  const out: FilePreview[] = [];
  let done = 0;
  let kept = 0;
  // Each file is checked as if the files before it were applied (as the apply will do): what they write.
  const batch = new Map<string, unknown>();
  const batchPlans: Plan[] = [];
  const losers = session.knownLosers.clone();
  for (const [i, file] of list.entries()) {
    const m = manifests[i]!;
    if (typeof m === 'string') {
      const closed = locked.get(i);
      out.push(closed ? { ok: false, name: file.name, error: m, locked: closed.locked } : { ok: false, name: file.name, error: m });
      continue;
    }
    const progress = (records: number) => opts.onProgress?.({ phase: 'check', file: i + 1, files: list.length, name: file.name, records: done + records, total });
    progress(0);
    let decoded: DecodedSnapshot;
    try {
      decoded = await decodeFile(file, opts, pause, progress);
    } catch (e) {
      if (e instanceof SyncCancelledError) throw e;
      out.push({ ok: false, name: file.name, error: refusalMessage(e) });
      done += recordTotal(m);
      continue;
    }
    done += recordTotal(m);
    // Past the budget, a file's writes are not remembered for the next files (only their sentences are affected).
    const overlay: Overlay = kept <= KEEP_RECORDS ? batch : { get: (k) => batch.get(k), set: () => batch };
    const judge = session.trustFor(decoded);
    const fold = await db.transaction('r', syncScope(db), () => classifyFile(db, session, decoded, DEFAULT_CHOICE, now, losers, judge, overlay, batchPlans));
    for (const d of fold.applied) if (d.table === 'plans') batchPlans.push(d.incoming as Plan);
    await pause();
    const c = fold.counts;
    const reduced = changesOnly(decoded, fold);
    const keep = kept + recordCount(reduced) <= KEEP_RECORDS;
    if (keep) kept += recordCount(reduced);
    out.push({
      ok: true,
      name: file.name,
      file,
      manifest: decoded.manifest,
      sha256: decoded.sha256,
      size: decoded.size,
      counts: c,
      sentence: previewSentence(decoded.manifest, c),
      changes: c.newReports + c.newOther + c.updated + c.conflicts + fold.lost.length,
      absorbs: fold.absorbedChanged.length,
      refused: fold.decisions.flatMap((d) => {
        const reason = refusalOf(d, DEFAULT_CHOICE);
        return reason === null ? [] : [flag(d, reason)];
      }),
      unauthorized: fold.decisions.filter((d) => d.unauthorized && !d.beyondRange && (d.outcome === 'new' || d.outcome === 'updated')).map((d) => flag(d, d.unauthorized!)),
      farFuture: fold.decisions.filter((d) => d.farFuture && !d.beyondRange).map((d) => flag(d, '修改时间比本机时钟晚 24 小时以上')),
      clocks: [...observeFile(decoded.manifest, decoded.state.records, session.self, now), ...(decoded.manifest.clocks ?? [])],
      oldFile: oldFileNote(decoded.manifest, now),
      seenBefore: session.imported.has(decoded.sha256),
      decoded: keep ? reduced : null,
      session,
      rosterOffers: unanchoredIssuers(judge.trust, decoded.state.trust?.roster ?? []),
      adoptable: adoptableDrafts(decoded, fold, judge.trust, await db.plans.toArray()),
      trust: judge.trust,
      signatures: judge.signatures,
      rosterNew: judge.trust.validEntries.filter((e) => !session.roster.some((r) => r.sig === e.sig)).length,
    });
  }
  // A refused file is reported here with its reason and leaves no trace: a forged or damaged file changes nothing.
  return out;
}

export interface ApplyRequest {
  preview: OkPreview;
  choice: ApplyChoice;
  /** Adopt the file's version of these local draft plans (preview.adoptable): the draft's structure is replaced. */
  adopt?: string[];
}

export interface FileApplied {
  name: string;
  written: number;
  /** Versions added to the review lists (conflicts, orphans, overrides). */
  conflicts: number;
  /** Refused versions kept for review (未采用), never applied. */
  refused: number;
  blobs: number;
}

export interface ApplyResult {
  written: number;
  conflicts: number;
  /** Refused versions kept for review (未采用). */
  refused: number;
  blobs: number;
  backupName: string | null;
  /** Files applied, in order (each entirely or not at all). */
  files: FileApplied[];
  /** Files that could not be applied (changed since the check), with the reason; the others were applied. */
  failed: { name: string; error: string }[];
  /** The user stopped the import: the files listed were applied, the rest not at all. */
  cancelled: boolean;
}

/** The stamps of a file this PC has now seen (all but refused ones): the clock moves past the newest. */
function newestSeen(fold: FoldResult): string | null {
  let max: string | null = null;
  for (const d of fold.decisions) {
    if (d.beyondRange || (d.unauthorized && d.outcome !== 'unchanged' && d.outcome !== 'stale')) continue;
    if (max === null || d.incoming.stamp > max) max = d.incoming.stamp;
  }
  return max !== null && parseStamp(max).wall < MAX_STAMP_WALL ? max : null;
}

/** Records of the tasks a review asks about, read by index inside the transaction. */
async function reviewContext(db: TaizhangDB, applied: readonly Decision[]) {
  const needs = reviewNeeds(applied);
  const tasks = new Map<string, Task>();
  for (const t of await db.tasks.bulkGet([...needs.tasks])) if (t) tasks.set(t.id, t);
  const group = <T extends { taskId: string }>(rows: T[]) => {
    const map = new Map<string, T[]>();
    for (const r of rows) {
      const l = map.get(r.taskId);
      if (l) l.push(r);
      else map.set(r.taskId, [r]);
    }
    return map;
  };
  const actions = needs.actionsOf.size ? group(await db.actions.where('taskId').anyOf([...needs.actionsOf]).toArray()) : new Map<string, Action[]>();
  const reports = needs.reportsOf.size ? group(await db.reports.where('taskId').anyOf([...needs.reportsOf]).toArray()) : new Map<string, Report[]>();
  return { task: (id: string) => tasks.get(id), actions: (id: string) => actions.get(id) ?? [], reports: (id: string) => reports.get(id) ?? [] };
}

interface FileContext {
  db: TaizhangDB;
  session: ImportSession;
  decoded: DecodedSnapshot;
  name: string;
  choice: ApplyChoice;
  clocks: readonly ClockObservation[];
  now: number;
  signal?: CancelSignal;
  /** Records written so far in this file (for progress). */
  onWritten: (n: number) => void;
  /** Write the stamp cache at the end of this file (the last file of an import). */
  saveIndex: boolean;
  /** The roster and signatures the file is judged with. */
  trust: Trust;
  signatures: SignatureIndex;
  /** Local draft plans to replace by the file's version (their plan, sections and tasks; reports stay). */
  adopt: readonly string[];
}

/**
 * Apply one decoded file: the one step that changes this PC's synced data, inside ONE transaction (all of the
 * file or nothing). Decide every record against what the database holds now, write what changes (in slices:
 * progress and cancel between them; a cancel aborts the transaction), keep every losing, orphaned or overridden
 * version for review, and the refused ones apart (未采用, bounded, never applied), remember the file, move the
 * clock past every stamp seen.
 */
async function applyFileInTransaction(ctx: FileContext): Promise<FileApplied> {
  const { db, session, decoded, now } = ctx;
  const knownLosers = session.knownLosers;
  // Adoption: the local draft's plan, sections and tasks give way to the owner's (reports and actions stay). The
  // index no longer describes those tables: they are read by id from here on.
  for (const planId of ctx.adopt) {
    await db.plans.delete(planId);
    await db.sections.where('planId').equals(planId).delete();
    await db.tasks.where('planId').equals(planId).delete();
  }
  if (ctx.adopt.length) {
    // This PC's own names of the units the owner publishes give way too (a department's unit records are drafts),
    // so it ends with the same unit records as every other PC.
    const incomingUnits = decoded.state.records.units.map((u) => u.id);
    const own = (await db.units.bulkGet(incomingUnits)).filter((u): u is Unit => !!u && stampDevice(u.stamp) === session.self.device);
    if (own.length) await db.units.bulkDelete(own.map((u) => u.id));
    for (const table of ['plans', 'sections', 'tasks', 'units'] as const) session.index.forget(table, await db.table(table).count());
  }
  const fold = await classifyFile(db, session, decoded, ctx.choice, now, knownLosers, { trust: ctx.trust, signatures: ctx.signatures });
  const reviews = keepNew(reviewApplied(fold.applied, await reviewContext(db, fold.applied)), knownLosers);
  const lost: LostVersion[] = [...fold.lost, ...reviews];

  let written = 0;
  const lastExport = await getLastExport(db);
  const relay: Partial<Record<SyncedTable, string[]>> = {};
  const isNew = new Map<string, boolean>(fold.applied.map((d) => [`${d.table}\u0000${d.incoming.id}`, d.outcome === 'new']));
  for (const table of TABLE_ORDER) {
    const rows = fold.writes[table];
    if (rows.length === 0) continue;
    if (!session.cacheDropped.has(table)) {
      // The stored stamp cache no longer matches; the session rewrites it at its end (or the next import rebuilds it).
      await dropStampCache(db, table);
      session.cacheDropped.add(table);
    }
    const printOf = new Map<string, number>();
    const records = decoded.state.records[table];
    const prints = decoded.prints[table];
    for (let i = 0; i < records.length; i++) printOf.set(records[i]!.id, prints[i]!);
    for (let at = 0; at < rows.length; at += WRITE_CHUNK) {
      throwIfCancelled(ctx.signal);
      const chunk = rows.slice(at, at + WRITE_CHUNK);
      await db.table(table).bulkPut(chunk);
      written += chunk.length;
      ctx.onWritten(written);
    }
    for (const r of rows) session.index.record(table, r.id, r.stamp, printOf.get(r.id) ?? NaN, isNew.get(`${table}\u0000${r.id}`) === true);
    if (lastExport) relay[table] = rows.filter((r) => r.stamp <= lastExport.mark).map((r) => r.id);
  }
  // Attachments: content-addressed and immutable, so only missing ones are added.
  let addedBlobs = 0;
  if (decoded.state.blobs.length > 0) {
    const present = new Set(await db.blobs.where(':id').anyOf(decoded.state.blobs.map((b) => b.sha256)).primaryKeys());
    const missing = decoded.state.blobs.filter((b) => !present.has(b.sha256));
    if (missing.length > 0) await db.blobs.bulkAdd(missing);
    addedBlobs = missing.length;
  }
  const detectedAt = new Date(now).toISOString();
  const source = `${decoded.manifest.producer.office} · ${ctx.name}`;
  if (lost.length > 0) {
    await db.conflicts.bulkAdd(
      lost.map((l): ConflictEntry => ({
        table: l.table,
        recordId: l.recordId,
        loser: l.loser,
        winnerStamp: l.winnerStamp,
        detectedAt,
        source,
        resolved: false,
        kind: l.kind,
        ...(l.reason ? { reason: l.reason } : {}),
        ...(l.cause ? { cause: l.cause } : {}),
      })),
    );
  }
  await storeAbsorbed(db, fold.absorbedChanged, knownLosers, { detectedAt, source });
  // Keep the roster entries and the signatures that proved themselves, so this PC relays them.
  const rosterNew = ctx.trust.validEntries.filter((e) => !session.roster.some((r) => r.sig === e.sig));
  if (rosterNew.length) {
    await addRosterEntries(db, rosterNew);
    session.roster.push(...rosterNew);
  }
  if (written > 0) {
    const statements: Statement[] = ctx.signatures.statements.filter((st) => statementVerifies(st));
    await storeStatements(db, statements);
  }
  // Refused versions: kept for review apart from the data (bounded), once per file.
  const refusedKept =
    fold.refused.length && !session.refusedFiles.has(decoded.sha256) ? refusedRows(fold.refused, knownLosers, { detectedAt, source, group: decoded.sha256 }) : [];
  await keepRefused(db, refusedKept);
  if (refusedKept.length) session.refusedFiles.add(decoded.sha256);
  const changed = written + lost.length + addedBlobs + ctx.adopt.length > 0;
  if (changed) {
    if (lastExport) await addRelay(db, relay);
    // Remember files that changed something, so a later re-import of them adds no conflicts; a file that
    // changed nothing leaves no trace at all.
    await addImportedFiles(db, [decoded.sha256]);
    session.imported.add(decoded.sha256);
    await addShownTimes(db, fold.writes.reports, now);
    // Causality: the clock moves past every stamp this file showed, however far ahead, so whatever this PC
    // writes next (a 退回 answering a report) sorts after it.
    const seen = newestSeen(fold);
    if (seen) await observeStamps(db, [seen], now);
  }
  if (ctx.saveIndex && session.cacheDropped.size > 0) {
    await session.index.save(db);
    session.cacheDropped.clear();
  }
  await addClockNotes(db, ctx.clocks, now);
  return { name: ctx.name, written, conflicts: lost.length, refused: refusedKept.length, blobs: addedBlobs };
}

/**
 * Apply checked files one after another, each in its own transaction (all of a file or none of it). A backup
 * of this PC's data is taken first when anything will change. Each file is decided again against the database
 * as it is then (earlier files included). Progress by file and record; a cancel stops before the next slice:
 * the file in progress is rolled back, the files before it stay applied, nothing is half-done.
 */
export async function applyImport(
  db: TaizhangDB,
  requests: readonly ApplyRequest[],
  opts: RunOptions & { backups?: BackupStore; appVersion?: string } = {},
): Promise<ApplyResult> {
  const now = opts.now ?? Date.now();
  const pause = createPacer(IMPORT_SLICE_MS);
  const result: ApplyResult = { written: 0, conflicts: 0, refused: 0, blobs: 0, backupName: null, files: [], failed: [], cancelled: false };
  const adoptOf = (r: ApplyRequest) => (r.adopt ?? []).filter((id) => r.preview.adoptable.some((a) => a.planId === id));
  const adopting = requests.some((r) => adoptOf(r).length > 0);
  const needsBackup = adopting || requests.some((r) => r.preview.changes > 0);
  const rosterNew = requests.some((r) => r.preview.rosterNew > 0);
  // Refused versions of a file not imported before are kept for review (not data: no backup needed for them).
  const refusedToKeep = requests.some((r) => r.preview.refused.length > 0 && !r.preview.session.refusedFiles.has(r.preview.sha256));
  // Versions absorbed by an equal one are remembered (review bookkeeping, not data: no backup needed for them).
  const absorbedToKeep = requests.some((r) => r.preview.absorbs > 0);
  const session0 = requests[0]?.preview.session;
  if (!needsBackup && !rosterNew && !refusedToKeep && !absorbedToKeep && session0?.fresh && requests.every((r) => r.preview.session === session0)) {
    // No record would change (a re-import): only news about clocks is kept (never twice).
    const clocks = requests.flatMap((r) => r.preview.clocks);
    if (clocks.length) await db.transaction('rw', db.meta, () => addClockNotes(db, clocks, now));
    return result;
  }
  const total = requests.reduce((n, r) => n + recordTotal(r.preview.manifest), 0);
  const files = requests.length;
  try {
    if (needsBackup && opts.backups) {
      opts.onProgress?.({ phase: 'backup', file: 0, files, name: '', records: 0, total });
      result.backupName = await createBackup(db, opts.backups, 'import', { appVersion: opts.appVersion });
    }
    // The session's index, and what the check kept of each file, are trusted only while nothing but this import
    // wrote since the check, and every file before was applied (the check decided each as if they were).
    let session = session0 && session0.fresh ? session0 : null;
    // An adoption removes records the check counted as held: every file is then read and decided again in full.
    let trustKept = session !== null && !adopting && requests.every((r) => r.preview.session === session0);
    let done = 0;
    for (const [i, { preview, choice }] of requests.entries()) {
      throwIfCancelled(opts.signal);
      const progress = (records: number) => opts.onProgress?.({ phase: 'apply', file: i + 1, files, name: preview.name, records: done + records, total });
      progress(0);
      const fileRecords = recordTotal(preview.manifest);
      let decoded = trustKept ? preview.decoded : null;
      if (!decoded) {
        try {
          decoded = await decodeFile(preview.file, opts, pause, (n) => progress(Math.floor(n / 2)));
          if (decoded.sha256 !== preview.sha256) refuse('checksum', '文件在检查之后被修改过，请重新选择文件');
        } catch (e) {
          if (e instanceof SyncCancelledError) throw e;
          result.failed.push({ name: preview.name, error: refusalMessage(e) });
          done += fileRecords;
          trustKept = false;
          continue;
        }
      }
      if (!session || !session.fresh) {
        session = await ImportSession.open(db, declared(decoded.manifest));
      }
      const activeSession = session;
      const current = decoded;
      const applied = await db.transaction('rw', [...syncScope(db), db.roster, db.statements], async () =>
        applyFileInTransaction({
          db,
          session: activeSession,
          decoded: current,
          name: preview.name,
          choice,
          clocks: preview.clocks,
          now,
          signal: opts.signal,
          onWritten: (n) => progress(Math.floor(fileRecords / 2) + Math.min(n, Math.ceil(fileRecords / 2))),
          saveIndex: i === requests.length - 1,
          trust: preview.trust,
          signatures: decoded === preview.decoded ? preview.signatures : activeSession.trustFor(current).signatures,
          adopt: adoptOf(requests[i]!),
        }),
      );
      // Our own writes: the session still describes the database.
      activeSession.token = mutations;
      done += fileRecords;
      progress(0);
      result.files.push(applied);
      result.written += applied.written;
      result.conflicts += applied.conflicts;
      result.refused += applied.refused;
      result.blobs += applied.blobs;
      await pause();
    }
  } catch (e) {
    if (!(e instanceof SyncCancelledError)) throw e;
    result.cancelled = true;
  }
  return result;
}
