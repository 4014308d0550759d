import type { SyncedTable } from '../../../shared/model';
import type { KnownLosers } from '../../../shared/sync';
import type { ConflictEntry, TaizhangDB } from '../database';

/**
 * Versions absorbed by an equal version of another device (`KnownLosers.absorb`, shared/sync/classify.ts): rows of
 * kind "absorbed" in the local review table (`conflicts`), never shown (always `resolved`), never synced, read back
 * into the session's `KnownLosers` when an import starts. Written in the transaction that applies the file that
 * changed them: for each record named, its rows are replaced by what the memory holds now (a version listed as a
 * conflict meanwhile is a row of kind "conflict" instead).
 */
export async function storeAbsorbed(
  db: TaizhangDB,
  changed: readonly { table: SyncedTable; id: string }[],
  knownLosers: KnownLosers,
  meta: { detectedAt: string; source: string },
): Promise<void> {
  const rows: ConflictEntry[] = [];
  for (const { table, id } of changed) {
    await db.conflicts
      .where('[table+recordId]')
      .equals([table, id])
      .and((c) => c.kind === 'absorbed')
      .delete();
    for (const a of knownLosers.absorbedOf(table, id)) {
      rows.push({ table, recordId: id, loser: a.version, winnerStamp: a.winnerStamp, detectedAt: meta.detectedAt, source: meta.source, resolved: true, kind: 'absorbed' });
    }
  }
  if (rows.length) await db.conflicts.bulkAdd(rows);
}
