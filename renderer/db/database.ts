import Dexie, { type EntityTable } from 'dexie';
import type { Action, Blob256, Plan, Report, RequestEvent, RequestLedger, ScoreAdjustment, ScoreScheme, Section, ServiceRequest, SyncedTable, Task, Unit } from '../../shared/model';
import type { RosterEntry, Statement } from '../../shared/sync';
import { rebuildSummaries, type ReportSummary } from '../../shared/tracking/reportSummary';
import { digestOfSummary, type DigestSnapshot, type ReportDigest } from '../../shared/tracking/reportDigest';
import { reportSummaryMiddleware } from './reportSummaries';
import { structureSnapshotMiddleware, type StructureSnapshot } from './structureSnapshots';

/**
 * A version kept for review and restore: one that lost a merge, was refused at import (`kind` "refused"), is a
 * report left on a deleted task ("orphan"), or a 销号/退回 overridden by a report that never saw it ("override").
 * Rows of kind "absorbed" are never shown (always `resolved`): a version that lost to one from another device saying
 * the same thing, remembered so that it is listed as a conflict if that one is replaced by other content
 * (`winnerStamp`: the equal version standing now; see shared/sync/classify.ts `KnownLosers`).
 * Local to this PC, never synced. Entries without `kind` (older databases) are merge conflicts.
 */
export interface ConflictEntry {
  seq?: number;
  table: SyncedTable;
  recordId: string;
  /** The version under review (for a conflict, the one that lost: the winner is in its table). */
  loser: unknown;
  winnerStamp: string;
  detectedAt: string;
  source: string;
  resolved: boolean;
  kind?: 'conflict' | 'refused' | 'orphan' | 'override' | 'absorbed';
  /** Why, in Chinese (every kind but "conflict"). */
  reason?: string;
  /** The record that overrode or orphaned it. */
  cause?: { table: SyncedTable; id: string; stamp: string };
  /** Refused rows: the import they came from, and how many more of its refused versions were not kept one by one. */
  group?: string;
  omitted?: number;
}

/** Key/value rows for this installation: identity, clock state, last export marks. Never synced. */
export interface MetaRow {
  key: string;
  value: unknown;
}

/** A roster entry this PC holds (signed by a supervisor key; see shared/sync/roster.ts). Synced with every file. */
export interface RosterRow {
  id: string;
  entry: RosterEntry;
}

/** A verified signature statement over record versions (shared/sync/signing.ts). Synced with the records it covers. */
export interface StatementRow {
  id: string;
  statement: Statement;
}

export const DB_NAME = 'taizhang';

/**
 * The IndexedDB database. Every schema change adds a new `version(n)` with an `upgrade` that migrates data;
 * existing versions are never edited once released (see test/unit/db/migrations.test.ts).
 */
export class TaizhangDB extends Dexie {
  plans!: EntityTable<Plan, 'id'>;
  sections!: EntityTable<Section, 'id'>;
  tasks!: EntityTable<Task, 'id'>;
  units!: EntityTable<Unit, 'id'>;
  reports!: EntityTable<Report, 'id'>;
  actions!: EntityTable<Action, 'id'>;
  requests!: EntityTable<ServiceRequest, 'id'>;
  requestEvents!: EntityTable<RequestEvent, 'id'>;
  requestLedgers!: EntityTable<RequestLedger, 'id'>;
  scoreSchemes!: EntityTable<ScoreScheme, 'id'>;
  scoreAdjustments!: EntityTable<ScoreAdjustment, 'id'>;
  blobs!: EntityTable<Blob256, 'sha256'>;
  conflicts!: EntityTable<ConflictEntry, 'seq'>;
  meta!: EntityTable<MetaRow, 'key'>;
  roster!: EntityTable<RosterRow, 'id'>;
  statements!: EntityTable<StatementRow, 'id'>;
  reportSummaries!: EntityTable<ReportSummary, 'taskId'>;
  reportDigests!: EntityTable<ReportDigest, 'taskId'>;
  digestSnapshots!: EntityTable<DigestSnapshot, 'planId'>;
  structureSnapshots!: EntityTable<StructureSnapshot, 'planId'>;

  constructor(name = DB_NAME, options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    this.version(1).stores({
      // `stamp` on every synced table: sync reads (id, stamp) pairs through it to compare without loading records.
      plans: 'id, stamp',
      sections: 'id, planId, stamp',
      tasks: 'id, planId, *lead, *support, *implement, stamp',
      units: 'id, name, stamp',
      reports: 'id, planId, taskId, unitId, stamp',
      actions: 'id, planId, taskId, stamp',
      blobs: 'sha256',
      conflicts: '++seq, [table+recordId]',
      meta: 'key',
    });
    // Version 2: keys and signatures. Rosters and signature statements get their own tables; records are unchanged.
    this.version(2).stores({
      roster: 'id',
      statements: 'id',
    });
    // Version 3: 诉求事项 (requests, their handling steps, the quarterly ledgers) and 考核 (scheme, discretionary
    // points). New tables only; existing records gain optional fields (task targets, report values), so there is
    // nothing to rewrite and no upgrade function.
    this.version(3).stores({
      requests: 'id, planId, office, stamp',
      requestEvents: 'id, planId, requestId, stamp',
      requestLedgers: 'id, planId, stamp',
      scoreSchemes: 'id, planId, stamp',
      scoreAdjustments: 'id, planId, unitId, stamp',
    });
    // Version 4: the derived per-task report summary the tracking screens read (shared/tracking/reportSummary.ts),
    // built here from the reports already stored and kept in step with every later write by the middleware below.
    this.version(4)
      .stores({ reportSummaries: 'taskId, planId' })
      .upgrade(async (tx) => {
        await tx.table('reportSummaries').bulkPut(rebuildSummaries(await tx.table<Report>('reports').toArray()));
      });
    // Version 5: each task's report digest (shared/tracking/reportDigest.ts): the few reports that decide its standing,
    // so the task table has every light and count before the summaries' 200,000 heads are read. Built here from the
    // summaries; kept in step by the same middleware. And a plan's digests in one row (`digestSnapshots`), read much
    // faster than thousands of small rows: removed by any change of the plan's digests, written again when idle
    // (renderer/db/digestSnapshots.ts). The digests are built by version 6's upgrade, which runs after this one.
    this.version(5).stores({ reportDigests: 'taskId, planId', digestSnapshots: 'planId' });
    // Version 6: each digest also holds its units' period ledger (every period's first submission and 已完成, for the
    // 督办视图's report matrix drawn from the digests): every digest is built again from the summaries, and the
    // snapshots of the old digests are removed. And a plan's tasks and sections in one row (`structureSnapshots`,
    // renderer/db/structureSnapshots.ts), removed by any write of them and written again when idle; it starts empty.
    this.version(6)
      .stores({ structureSnapshots: 'planId' })
      .upgrade(async (tx) => {
        await tx.table('digestSnapshots').clear();
        await tx.table('reportDigests').clear();
        await tx.table('reportDigests').bulkPut((await tx.table<ReportSummary>('reportSummaries').toArray()).map(digestOfSummary));
      });
    // Version 7: the reports' `unitId` index goes. Nothing reads by it (a unit's reports are found through the tasks
    // and the summaries), and every report written (a saved report, each record of a sync import, a restore) paid for
    // one more index entry. Records are unchanged: no upgrade function.
    this.version(7).stores({ reports: 'id, planId, taskId, stamp' });
    this.use(reportSummaryMiddleware);
    this.use(structureSnapshotMiddleware);
  }
}

let instance: TaizhangDB | null = null;
/** The app's single database connection. */
export function getDatabase(): TaizhangDB {
  instance ??= new TaizhangDB();
  return instance;
}

/**
 * Rebuild the report summaries from the reports (a repair; the property tests compare it with the kept rows). The
 * digests follow the summaries written (renderer/db/reportSummaries.ts).
 */
export async function rebuildReportSummaries(db: TaizhangDB): Promise<void> {
  await db.transaction('rw', [db.reports, db.reportSummaries, db.reportDigests], async () => {
    await db.reportSummaries.clear();
    await db.reportSummaries.bulkPut(rebuildSummaries(await db.reports.toArray()));
  });
}
