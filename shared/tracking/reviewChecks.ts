import type { DraftRow } from './importDraft';

/**
 * Checks of the import review beyond the parser's warnings. A task with no 牵头单位 answers to nobody: it must be
 * looked at before saving (counted as 待核对), and once accepted it is saved as 未明确牵头单位.
 */

/** Rows that have no lead unit (in row order). */
export function rowsWithoutLead(rows: readonly DraftRow[]): DraftRow[] {
  return rows.filter((r) => r.lead.length === 0);
}

/** Rows without a lead that the user has not yet accepted as such (by row key). */
export function unacceptedNoLeadRows(rows: readonly DraftRow[], accepted: ReadonlySet<string>): DraftRow[] {
  return rowsWithoutLead(rows).filter((r) => !accepted.has(r.key));
}

/** 待核对: the parser's warnings not yet dealt with, plus every task without a lead not yet accepted. */
export function pendingReviewCount(input: { warnings: number; resolved: number; rows: readonly DraftRow[]; acceptedNoLead: ReadonlySet<string> }): number {
  return Math.max(0, input.warnings - input.resolved) + unacceptedNoLeadRows(input.rows, input.acceptedNoLead).length;
}
