import type { DigestSnapshot, ReportDigest } from '../../shared/tracking/reportDigest';
import Dexie from 'dexie';
import type { TaizhangDB } from './database';
import { scheduleIdleWrite } from './idleWrite';

/**
 * A plan's report digests in one row (shared/tracking/reportDigest.ts `DigestSnapshot`): the task table reads it with
 * the plan's structure, in a small part of the time its thousands of digest rows take. A copy and nothing more: any
 * change of the plan's digests removes it in the same transaction (renderer/db/reportSummaries.ts), and it is written
 * again from the digests, in one transaction, when the window is idle after the plan was read.
 */

/** Write the plan's snapshot from its digests, unless it is there already. Returns whether it wrote one. */
export async function writeDigestSnapshot(db: TaizhangDB, planId: string): Promise<boolean> {
  return db.transaction('rw', [db.reportDigests, db.digestSnapshots], async () => {
    // Its key only: the row itself is large.
    if (await db.digestSnapshots.where('planId').equals(planId).count()) return false;
    const digests = await db.reportDigests.where('planId').equals(planId).sortBy('taskId');
    await db.digestSnapshots.put({ planId, digests });
    return true;
  });
}

/** The plan's digests: from its snapshot when there is one, otherwise from their rows. Inside a transaction over both tables. */
export async function readPlanDigests(db: TaizhangDB, planId: string): Promise<{ digests: ReportDigest[]; fromSnapshot: boolean }> {
  const snapshot: DigestSnapshot | undefined = await db.digestSnapshots.get(planId);
  if (snapshot) return { digests: snapshot.digests, fromSnapshot: true };
  return { digests: await db.reportDigests.where('planId').equals(planId).toArray(), fromSnapshot: false };
}

/**
 * Write the plan's snapshot once the window has been idle a while (after the plan was read, after a write): it takes
 * the database for a moment, which a user typing or a sync import should not wait for. A later call for the same plan
 * starts the wait again.
 */
export function scheduleDigestSnapshot(db: TaizhangDB, planId: string, delayMs = 500): void {
  scheduleIdleWrite(`digests:${planId}`, delayMs, () => writeDigestSnapshot(db, planId));
}

/**
 * Keep the plans' snapshots written after every change of their reports, whoever made it (a sync import, a 填报表, a
 * restore, a saved report): two seconds after the last change, each live plan's snapshot is written when missing. So
 * the next opening of the task table finds it. Returns how to stop.
 */
export function keepDigestSnapshots(db: TaizhangDB, delayMs = 2_000): () => void {
  const watched = [`idb://${db.name}/reports/`, `idb://${db.name}/reportSummaries/`];
  const listener = (parts: Record<string, unknown>) => {
    if (!Object.keys(parts).some((k) => watched.some((w) => k.startsWith(w)))) return;
    void db.plans
      .toArray()
      .then((plans) => {
        for (const plan of plans) if (!plan.deleted) scheduleDigestSnapshot(db, plan.id, delayMs);
      })
      .catch(() => undefined);
  };
  Dexie.on('storagemutated', listener);
  return () => Dexie.on('storagemutated').unsubscribe(listener);
}
