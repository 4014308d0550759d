import type { DBCore, DBCoreMutateRequest, DBCoreTable, DBCoreTransaction, Middleware } from 'dexie';
import type { Report } from '../../shared/model';
import { applyToDraft, draftOf, missingFull, rowOf, type ReportSummary, type SummaryDraft } from '../../shared/tracking/reportSummary';

/**
 * Keeps the `reportSummaries` table (shared/tracking/reportSummary.ts) in step with `reports`, in the same
 * transaction as every write: a DBCore middleware, so no write path (a saved report, a 填报表 batch, a sync apply, a
 * backup restore, a conflict restored) can forget it. Every read-write transaction that includes `reports` also
 * includes `reportSummaries`; after the reports are written, the summaries of the tasks touched are updated.
 */
export const REPORTS = 'reports';
export const SUMMARIES = 'reportSummaries';

/** The summary rows of these tasks after `written` (stored versions) and `removed` (hard-deleted reports). */
async function updateSummaries(reports: DBCoreTable, summaries: DBCoreTable, trans: DBCoreTransaction, written: readonly Report[], removed: readonly Report[]): Promise<void> {
  const byTask = new Map<string, { planId: string; written: Report[]; removed: string[] }>();
  const entry = (r: Report) => {
    let e = byTask.get(r.taskId);
    if (!e) byTask.set(r.taskId, (e = { planId: r.planId, written: [], removed: [] }));
    return e;
  };
  for (const r of removed) if (r && typeof r.taskId === 'string') entry(r).removed.push(r.id);
  for (const r of written) if (r && typeof r.taskId === 'string') entry(r).written.push(r);
  if (byTask.size === 0) return;
  const taskIds = [...byTask.keys()];
  const rows = (await summaries.getMany({ trans, keys: taskIds })) as (ReportSummary | undefined)[];
  const drafts: SummaryDraft[] = [];
  const missing: string[] = [];
  taskIds.forEach((taskId, i) => {
    const e = byTask.get(taskId)!;
    const draft = draftOf(rows[i], taskId, e.planId);
    applyToDraft(draft, e.written, e.removed);
    drafts.push(draft);
    missing.push(...missingFull(draft));
  });
  // A unit's newest report was deleted: its next newest is read in full from the reports just written.
  const fetched = missing.length ? ((await reports.getMany({ trans, keys: missing })) as (Report | undefined)[]) : [];
  const put: ReportSummary[] = [];
  const del: string[] = [];
  for (const d of drafts) {
    const row = rowOf(d, fetched);
    if (row) put.push(row);
    else del.push(d.taskId);
  }
  if (put.length) await summaries.mutate({ type: 'put', trans, values: put, keys: put.map((r) => r.taskId) });
  if (del.length) await summaries.mutate({ type: 'delete', trans, keys: del });
}

function summarizedReports(reports: DBCoreTable, summaries: DBCoreTable): DBCoreTable {
  return {
    ...reports,
    async mutate(req: DBCoreMutateRequest) {
      const { trans } = req;
      if (req.type === 'deleteRange') {
        // A whole-table clear (a backup restore) clears the summaries; a partial range reads what it removes first.
        if (req.range.type === 3 /* DBCoreRangeType.Any */) {
          const res = await reports.mutate(req);
          await summaries.mutate({ type: 'deleteRange', trans, range: req.range });
          return res;
        }
        const { result } = await reports.query({ trans, query: { index: reports.schema.primaryKey, range: req.range }, values: true });
        const res = await reports.mutate(req);
        await updateSummaries(reports, summaries, trans, [], result as Report[]);
        return res;
      }
      if (req.type === 'delete') {
        const before = (await reports.getMany({ trans, keys: req.keys })) as (Report | undefined)[];
        const res = await reports.mutate(req);
        await updateSummaries(reports, summaries, trans, [], before.filter((r): r is Report => !!r));
        return res;
      }
      const res = await reports.mutate(req);
      // Stored values: those given, or (an update by change spec) read back after the write.
      const updates = req.type === 'put' ? req.updates : undefined;
      const complete = req.values.length > 0 && !updates;
      const written = complete
        ? (req.values as Report[])
        : (((await reports.getMany({ trans, keys: (res.results ?? updates?.keys ?? req.keys ?? []) as unknown[] })) as (Report | undefined)[]).filter((r): r is Report => !!r));
      await updateSummaries(reports, summaries, trans, written.filter((_, i) => !res.failures[i]), []);
      return res;
    },
  };
}

export const reportSummaryMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'reportSummaries',
  create(down: DBCore): DBCore {
    return {
      ...down,
      transaction(stores, mode, options) {
        const scope = mode === 'readwrite' && stores.includes(REPORTS) && !stores.includes(SUMMARIES) && down.schema.tables.some((t) => t.name === SUMMARIES) ? [...stores, SUMMARIES] : stores;
        return down.transaction(scope, mode, options);
      },
      table(name) {
        const table = down.table(name);
        if (name !== REPORTS || !down.schema.tables.some((t) => t.name === SUMMARIES)) return table;
        return summarizedReports(table, down.table(SUMMARIES));
      },
    };
  },
};
