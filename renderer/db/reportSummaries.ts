import type { DBCore, DBCoreMutateRequest, DBCoreMutateResponse, DBCoreTable, DBCoreTransaction, Middleware } from 'dexie';
import type { Report } from '../../shared/model';
import { applyToDraft, draftOf, missingFull, rowOf, type ReportSummary, type SummaryDraft } from '../../shared/tracking/reportSummary';
import { digestOf, digestOfSummary, type ReportDigest } from '../../shared/tracking/reportDigest';

/**
 * Keeps the `reportSummaries` table (shared/tracking/reportSummary.ts) in step with `reports`, in the same
 * transaction as every write: a DBCore middleware, so no write path (a saved report, a 填报表 batch, a sync apply, a
 * backup restore, a conflict restored) can forget it. Every read-write transaction that includes `reports` also
 * includes `reportSummaries`; after the reports are written, the summaries of the tasks touched are updated (each
 * row read and decoded once per transaction, written after every request that touches it).
 */
export const REPORTS = 'reports';
export const SUMMARIES = 'reportSummaries';
/**
 * Each task's report digest (shared/tracking/reportDigest.ts), written beside its summary row: in the same request
 * sequence of the same transaction, from the same draft. A database without the table yet (inside the upgrade to
 * version 4) gets none: version 5's upgrade builds them.
 */
export const DIGESTS = 'reportDigests';
/** A plan's digests in one row (renderer/db/digestSnapshots.ts): removed here with any change of the plan's digests. */
export const SNAPSHOTS = 'digestSnapshots';

/**
 * The decoded summary drafts of one IndexedDB transaction, by task: each task's row is read and decoded once per
 * transaction, however many write requests touch it (a sync apply writes a file's reports in several requests, a
 * restore in many). A cached draft always equals its stored row decoded (it is trimmed to what the row holds after
 * every write), so it can stand in for a read. Keyed on the transaction object: a new transaction (after a commit
 * or an abort) is a new key and starts empty, and an ended transaction's drafts go with it. Any write to the
 * summaries that does not come from here (a rebuild, a clear) and any failed summary write drop the transaction's
 * drafts, so they are read again.
 */
const draftsByTransaction = new WeakMap<object, Map<string, SummaryDraft>>();

function draftsOf(trans: DBCoreTransaction): Map<string, SummaryDraft> {
  let drafts = draftsByTransaction.get(trans);
  if (!drafts) draftsByTransaction.set(trans, (drafts = new Map()));
  return drafts;
}

/**
 * After a row is written from a draft, keep of the full reports only those the row holds (as a fresh read would),
 * as copies: the caller's records may change after the request without being written.
 */
function trimToRow(draft: SummaryDraft, row: ReportSummary | null): void {
  draft.full = new Map((row?.latest ?? []).map((r) => [r.id, structuredClone(r)]));
}

/** The summary rows of these tasks after `written` (stored versions) and `removed` (hard-deleted reports). */
async function updateSummaries(tables: SummaryTables, trans: DBCoreTransaction, written: readonly Report[], removed: readonly Report[]): Promise<void> {
  const { reports, summaries, digests } = tables;
  const byTask = new Map<string, { planId: string; written: Report[]; removed: string[] }>();
  const entry = (r: Report) => {
    let e = byTask.get(r.taskId);
    if (!e) byTask.set(r.taskId, (e = { planId: r.planId, written: [], removed: [] }));
    return e;
  };
  for (const r of removed) if (r && typeof r.taskId === 'string') entry(r).removed.push(r.id);
  for (const r of written) if (r && typeof r.taskId === 'string') entry(r).written.push(r);
  if (byTask.size === 0) return;
  try {
    let cache = draftsOf(trans);
    // Rows not yet decoded in this transaction are read once. (Another request of the same transaction may decode
    // some meanwhile: the draft decoded first is kept, it holds that request's changes.)
    const unread = [...byTask.keys()].filter((taskId) => !cache.has(taskId));
    if (unread.length) {
      const rows = (await summaries.getMany({ trans, keys: unread })) as (ReportSummary | undefined)[];
      cache = draftsOf(trans); // dropped while reading (a clear or rebuild): start again from what was read
      unread.forEach((taskId, i) => {
        if (!cache.has(taskId)) cache.set(taskId, draftOf(rows[i], taskId, byTask.get(taskId)!.planId));
      });
    }
    const drafts: SummaryDraft[] = [];
    for (const [taskId, e] of byTask) {
      let draft = cache.get(taskId);
      if (!draft) cache.set(taskId, (draft = draftOf(undefined, taskId, e.planId))); // only after a drop mid-read
      applyToDraft(draft, e.written, e.removed);
      drafts.push(draft);
    }
    // A unit's newest report was deleted: its next newest is read in full from the reports just written. Checked
    // again after each read, as a request running alongside may have changed the same drafts meanwhile.
    const fetched: (Report | undefined)[] = [];
    const asked = new Set<string>();
    for (let round = 0; round < 3; round++) {
      const missing = drafts.flatMap((d) => missingFull(d)).filter((id) => !asked.has(id));
      if (missing.length === 0) break;
      for (const id of missing) asked.add(id);
      fetched.push(...((await reports.getMany({ trans, keys: missing })) as (Report | undefined)[]));
    }
    const put: ReportSummary[] = [];
    const digestsPut: ReportDigest[] = [];
    const del: string[] = [];
    const delPlans: string[] = [];
    for (const d of drafts) {
      const row = rowOf(d, fetched);
      if (row && digests) digestsPut.push(digestOf(d, row));
      trimToRow(d, row);
      if (row) put.push(row);
      else {
        del.push(d.taskId);
        delPlans.push(d.planId);
      }
    }
    if (put.length) await summaries.mutate({ type: 'put', trans, values: put, keys: put.map((r) => r.taskId) });
    if (del.length) await summaries.mutate({ type: 'delete', trans, keys: del });
    if (digestsPut.length) await mutateDigests(digests!, { type: 'put', trans, values: digestsPut, keys: digestsPut.map((r) => r.taskId) }, digestsPut.map((r) => r.planId));
    if (del.length && digests) await mutateDigests(digests, { type: 'delete', trans, keys: del }, delPlans);
  } catch (e) {
    // The drafts may be ahead of the rows: read the rows again if the transaction goes on.
    draftsByTransaction.delete(trans);
    throw e;
  }
}

/** The tables a report write updates (no digests in a database before version 5). */
interface SummaryTables {
  reports: DBCoreTable;
  summaries: DBCoreTable;
  digests: DigestTables | null;
}

/** The digests and the snapshots that copy them (none before version 5). */
interface DigestTables {
  digests: DBCoreTable;
  snapshots: DBCoreTable;
}

/** Write digests: the snapshots of their plans (all of them, when the plans are not known) are no longer copies. */
async function mutateDigests(tables: DigestTables, req: DBCoreMutateRequest, planIds: Iterable<string> | 'all'): Promise<DBCoreMutateResponse> {
  const res = await tables.digests.mutate(req);
  const { trans } = req;
  if (planIds === 'all') await tables.snapshots.mutate({ type: 'deleteRange', trans, range: ANY_RANGE });
  else {
    const keys = [...new Set(planIds)];
    if (keys.length) await tables.snapshots.mutate({ type: 'delete', trans, keys });
  }
  return res;
}

/** Every key (DBCoreRangeType.Any). */
const ANY_RANGE = { type: 3, lower: undefined, lowerOpen: false, upper: undefined, upperOpen: false } as unknown as Extract<DBCoreMutateRequest, { type: 'deleteRange' }>['range'];

/**
 * The summaries table as others write it (a rebuild, a restore's clear): the transaction's drafts are dropped, and the
 * digests follow what is written (digests of the rows put, the same keys deleted, the same range cleared).
 */
function watchedSummaries(summaries: DBCoreTable, digests: DigestTables | null): DBCoreTable {
  return {
    ...summaries,
    async mutate(req: DBCoreMutateRequest) {
      draftsByTransaction.delete(req.trans);
      const res = await summaries.mutate(req);
      if (digests) {
        const { trans } = req;
        if (req.type === 'deleteRange') await mutateDigests(digests, { type: 'deleteRange', trans, range: req.range }, 'all');
        else if (req.type === 'delete') await mutateDigests(digests, { type: 'delete', trans, keys: req.keys }, 'all');
        else {
          // Stored rows: those given, or (an update by change spec) read back.
          const rows = (req.values.length && !(req.type === 'put' && req.updates) ? req.values : await summaries.getMany({ trans, keys: (res.results ?? req.keys ?? []) as unknown[] })) as (ReportSummary | undefined)[];
          const values = rows.filter((r, i): r is ReportSummary => !!r && !res.failures[i]).map(digestOfSummary);
          if (values.length) await mutateDigests(digests, { type: 'put', trans, values, keys: values.map((d) => d.taskId) }, values.map((d) => d.planId));
        }
      }
      return res;
    },
  };
}

/** The digests as others write them (a snapshot is a copy of what this middleware writes): the snapshots go. */
function watchedDigests(tables: DigestTables): DBCoreTable {
  return { ...tables.digests, mutate: (req) => mutateDigests(tables, req, 'all') };
}

/** The last summarised write of each transaction (settled either way), for `inTurn`. */
const lastWrite = new WeakMap<object, Promise<unknown>>();

/**
 * The write requests of one transaction, each with its summary update, one after another in the order they were
 * issued. Two in flight at once would apply their reports to the transaction's shared drafts in whichever order
 * their reads come back, and an older version could overwrite a newer one in the summary. Each waits on a promise
 * settled by the previous request's last database callback, so the transaction never goes idle in between.
 */
function inTurn<T>(trans: DBCoreTransaction, run: () => Promise<T>): Promise<T> {
  const mine = (lastWrite.get(trans) ?? Promise.resolve()).then(run);
  lastWrite.set(trans, mine.catch(() => undefined));
  return mine;
}

function summarizedReports(tables: SummaryTables): DBCoreTable {
  return {
    ...tables.reports,
    mutate(req: DBCoreMutateRequest) {
      return inTurn(req.trans, () => summarizedMutate(tables, req));
    },
  };
}

async function summarizedMutate(tables: SummaryTables, req: DBCoreMutateRequest) {
  const { reports, summaries, digests } = tables;
  const { trans } = req;
  if (req.type === 'deleteRange') {
    // A whole-table clear (a backup restore) clears the summaries; a partial range reads what it removes first.
    if (req.range.type === 3 /* DBCoreRangeType.Any */) {
      draftsByTransaction.delete(trans);
      const res = await reports.mutate(req);
      await summaries.mutate({ type: 'deleteRange', trans, range: req.range });
      if (digests) await mutateDigests(digests, { type: 'deleteRange', trans, range: req.range }, 'all');
      draftsByTransaction.delete(trans);
      return res;
    }
    const { result } = await reports.query({ trans, query: { index: reports.schema.primaryKey, range: req.range }, values: true });
    const res = await reports.mutate(req);
    await updateSummaries(tables, trans, [], result as Report[]);
    return res;
  }
  if (req.type === 'delete') {
    const before = (await reports.getMany({ trans, keys: req.keys })) as (Report | undefined)[];
    const res = await reports.mutate(req);
    await updateSummaries(tables, trans, [], before.filter((r): r is Report => !!r));
    return res;
  }
  const res = await reports.mutate(req);
  // Stored values: those given, or (an update by change spec) read back after the write.
  const updates = req.type === 'put' ? req.updates : undefined;
  const complete = req.values.length > 0 && !updates;
  const written = complete
    ? (req.values as Report[])
    : (((await reports.getMany({ trans, keys: (res.results ?? updates?.keys ?? req.keys ?? []) as unknown[] })) as (Report | undefined)[]).filter((r): r is Report => !!r));
  await updateSummaries(tables, trans, written.filter((_, i) => !res.failures[i]), []);
  return res;
}

export const reportSummaryMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'reportSummaries',
  create(down: DBCore): DBCore {
    const has = (table: string) => down.schema.tables.some((t) => t.name === table);
    return {
      ...down,
      transaction(stores, mode, options) {
        if (mode !== 'readwrite') return down.transaction(stores, mode, options);
        // A write of the reports also writes their summaries, and a write of the summaries their digests.
        const scope = [...stores];
        if (scope.includes(REPORTS) && has(SUMMARIES) && !scope.includes(SUMMARIES)) scope.push(SUMMARIES);
        if (scope.includes(SUMMARIES) && has(DIGESTS) && !scope.includes(DIGESTS)) scope.push(DIGESTS);
        if (scope.includes(DIGESTS) && has(SNAPSHOTS) && !scope.includes(SNAPSHOTS)) scope.push(SNAPSHOTS);
        return down.transaction(scope, mode, options);
      },
      table(name) {
        const table = down.table(name);
        const digests = has(DIGESTS) && has(SNAPSHOTS) ? { digests: down.table(DIGESTS), snapshots: down.table(SNAPSHOTS) } : null;
        if (name === SUMMARIES) return watchedSummaries(table, digests);
        if (name === DIGESTS && digests) return watchedDigests(digests);
        if (name !== REPORTS || !has(SUMMARIES)) return table;
        return summarizedReports({ reports: table, summaries: down.table(SUMMARIES), digests });
      },
    };
  },
};
