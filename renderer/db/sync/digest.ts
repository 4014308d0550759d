import { stateDigest } from '../../../shared/sync';
import type { TaizhangDB } from '../database';
import { readState, syncScope } from './state';

/** Digest of this PC's synced state: equal on two PCs exactly when they hold the same data. */
export async function databaseDigest(db: TaizhangDB): Promise<string> {
  return stateDigest(await db.transaction('r', syncScope(db), async () => await readState(db)));
}
