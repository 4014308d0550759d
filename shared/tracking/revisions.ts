import type { Report, ReportRevision } from '../model/schemas';
import { MAX_REPORT_REVISIONS } from '../model/reportConstants';

/**
 * Report revisions. A unit's report for a period is one record (one id per task, unit and period); saving it again
 * keeps the version it replaces in `revisions`, newest first, so the history shows every version and the first
 * submission's time decides whether the period was reported on time.
 */

const CONTENT_FIELDS = ['status', 'progress', 'problems', 'nextSteps', 'percent', 'author'] as const;

/** The report's content and change stamp as a revision (without its own revisions). */
export function revisionOf(report: Report): ReportRevision {
  const { stamp, by, status, progress, problems, nextSteps, percent, attachments, author, reportedAt, values, entry } = report;
  return { stamp, by, status, progress, problems, nextSteps, percent, attachments, author, reportedAt, ...(values ? { values } : {}), ...(entry ? { entry } : {}) };
}

function sameContent(a: Report, b: Report): boolean {
  if (CONTENT_FIELDS.some((f) => a[f] !== b[f])) return false;
  if (JSON.stringify(a.values ?? []) !== JSON.stringify(b.values ?? [])) return false;
  return a.attachments.map((x) => x.sha256).join() === b.attachments.map((x) => x.sha256).join();
}

/**
 * The record to store when `next` replaces `previous` (the same task, unit and period): `next` with the previous
 * version added to its history. Saving unchanged content adds no revision. When the history is full the oldest
 * revisions after the first submission are dropped, so the first submission is always kept.
 */
export function reviseReport(previous: Report | null | undefined, next: Report): Report {
  const { revisions: _ignored, ...fresh } = next;
  if (!previous || previous.deleted) return fresh;
  const history = previous.revisions ?? [];
  if (sameContent(previous, next)) return history.length ? { ...fresh, revisions: history } : fresh;
  let revisions = [revisionOf(previous), ...history];
  if (revisions.length > MAX_REPORT_REVISIONS) revisions = [...revisions.slice(0, MAX_REPORT_REVISIONS - 1), revisions[revisions.length - 1]!];
  return { ...fresh, revisions };
}

/** When the report for this period was first submitted (the oldest revision's time, or the report's own). */
export function firstReportedAt(report: Pick<Report, 'reportedAt'> & { revisions?: readonly { reportedAt: string }[] }): string {
  let first = report.reportedAt;
  for (const r of report.revisions ?? []) if (r.reportedAt < first) first = r.reportedAt;
  return first;
}

/** Every version of a report, newest first: the report itself, then its revisions. */
export function reportVersions(report: Report): ReportRevision[] {
  return [revisionOf(report), ...(report.revisions ?? [])];
}
