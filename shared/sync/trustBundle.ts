import { z } from 'zod';
import { EnrollEntrySchema, RevokeEntrySchema, type RosterEntry } from './roster';
import { StatementSchema, type Statement } from './signing';

/**
 * The evidence a snapshot carries beside its records: the roster entries this PC trusts (who holds which key)
 * and the statements signing the record versions in the file. Immutable items, merged by union.
 */
export interface TrustBundle {
  roster: RosterEntry[];
  statements: Statement[];
}

/** One line of a file's "trust" part. */
export const TrustLineSchema = z.discriminatedUnion('type', [EnrollEntrySchema, RevokeEntrySchema, StatementSchema]);
export type TrustLine = z.infer<typeof TrustLineSchema>;

export function emptyTrust(): TrustBundle {
  return { roster: [], statements: [] };
}

/** Union of bundles, each item once (by its signature). */
export function mergeTrust(bundles: readonly (TrustBundle | undefined)[]): TrustBundle {
  const roster = new Map<string, RosterEntry>();
  const statements = new Map<string, Statement>();
  for (const b of bundles) {
    if (!b) continue;
    for (const e of b.roster) if (!roster.has(e.sig)) roster.set(e.sig, e);
    for (const s of b.statements) if (!statements.has(s.sig)) statements.set(s.sig, s);
  }
  return { roster: [...roster.values()], statements: [...statements.values()] };
}
