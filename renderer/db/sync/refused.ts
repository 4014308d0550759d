import { canonicalJson, keepNew, type KnownLosers, type LostVersion } from '../../../shared/sync';
import type { ConflictEntry, TaizhangDB } from '../database';

/**
 * Records refused at import (unsigned, forged, altered, replayed, revoked, beyond the writer's authority, stamped
 * beyond any clock), kept for review with their reason and who claimed them: rows of kind "refused" in the local
 * review table (`conflicts`), never in a data table, never synced, exported or backed up, never applied (they can
 * only be dismissed). Written in the transaction that applies the rest of the file, once per file (`group` is the
 * file's SHA-256: importing it again lists nothing twice, even after a dismissal). Bounded, so a hostile file cannot fill the disk: at most REFUSED_PER_FILE versions and
 * REFUSED_BYTES_PER_FILE of them per file (the rest are counted: "及其余 M 条"), and REFUSED_TOTAL rows in all
 * (dismissed ones are dropped first, then the oldest).
 */
export const REFUSED_PER_FILE = 100;
export const REFUSED_BYTES_PER_FILE = 512 * 1024;
export const REFUSED_TOTAL = 1000;

/**
 * The review rows for a file's refused versions: those not kept before (a re-import lists nothing twice), the
 * first REFUSED_PER_FILE within the byte budget; every row of the file carries how many were left out.
 */
export function refusedRows(refused: readonly LostVersion[], knownLosers: KnownLosers, meta: { detectedAt: string; source: string; group: string }): ConflictEntry[] {
  const fresh = keepNew(refused, knownLosers);
  const kept: { r: LostVersion; whole: boolean }[] = [];
  let bytes = 0;
  for (const r of fresh) {
    if (kept.length >= REFUSED_PER_FILE) break;
    const size = canonicalJson(r.loser).length * 3; // at most 3 UTF-8 bytes per UTF-16 unit
    if (kept.length > 0 && bytes + size > REFUSED_BYTES_PER_FILE) break;
    bytes += Math.min(size, REFUSED_BYTES_PER_FILE);
    // A single version larger than the whole budget is kept by its identity only.
    kept.push({ r, whole: size <= REFUSED_BYTES_PER_FILE });
  }
  const omitted = fresh.length - kept.length;
  return kept.map(
    ({ r, whole }): ConflictEntry => ({
      table: r.table,
      recordId: r.recordId,
      loser: whole ? r.loser : { id: r.loser.id, stamp: r.loser.stamp, by: r.loser.by },
      winnerStamp: r.winnerStamp,
      detectedAt: meta.detectedAt,
      source: meta.source,
      resolved: false,
      kind: 'refused',
      reason: r.reason ?? '',
      group: meta.group,
      omitted,
    }),
  );
}

/** Add refused rows and keep the list within REFUSED_TOTAL (inside the apply's transaction). */
export async function keepRefused(db: TaizhangDB, rows: readonly ConflictEntry[]): Promise<void> {
  if (rows.length === 0) return;
  await db.conflicts.bulkAdd([...rows]);
  const all = (await db.conflicts.filter((c) => c.kind === 'refused').toArray()).sort((a, b) => a.seq! - b.seq!);
  const excess = all.length - REFUSED_TOTAL;
  if (excess <= 0) return;
  const drop = [...all.filter((c) => c.resolved), ...all.filter((c) => !c.resolved)].slice(0, excess);
  await db.conflicts.bulkDelete(drop.map((c) => c.seq!));
}

/** Dismiss every refused record still listed (they stay, marked dismissed, so a re-import does not list them again). */
export async function dismissAllRefused(db: TaizhangDB): Promise<number> {
  return db.transaction('rw', db.conflicts, () => db.conflicts.filter((c) => c.kind === 'refused' && !c.resolved).modify({ resolved: true }));
}
