import type { DigestSnapshot, ReportDigest } from '../../shared/tracking/reportDigest';
import type { TaizhangDB } from './database';

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

let pending: ReturnType<typeof setTimeout> | null = null;

/**
 * Write the plan's snapshot once the window has been idle a while (after the plan was read, after a local write):
 * it takes the database for a moment, which a user typing or a sync import should not wait for.
 */
export function scheduleDigestSnapshot(db: TaizhangDB, planId: string, delayMs = 500): void {
  if (pending) clearTimeout(pending);
  pending = setTimeout(() => {
    pending = null;
    const write = () => void writeDigestSnapshot(db, planId).catch(() => undefined);
    const idle = (globalThis as { requestIdleCallback?: (cb: () => void, opts?: { timeout: number }) => void }).requestIdleCallback;
    if (idle) idle(write, { timeout: 2_000 });
    else write();
  }, delayMs);
}
