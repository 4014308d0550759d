/**
 * The report vocabulary's constants, apart from the schemas (schemas.ts, which re-exports them): code that runs
 * whenever the database opens (the report summary kept by renderer/db/database.ts) needs these values without
 * loading zod and every schema with the first screen.
 */

/** A report's status, in this order (the report summary stores a status as its index here). */
export const REPORT_STATUSES = ['not-started', 'in-progress', 'done', 'ongoing', 'delayed', 'paused'] as const;

/** How many earlier versions a report keeps (the oldest — the first submission — is always kept). */
export const MAX_REPORT_REVISIONS = 20;
