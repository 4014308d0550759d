import { getDatabase } from '../../../db/database';
import { getPlatform } from '../../../platform';
import { listenForSnapshotFiles } from './pendingFiles';

/**
 * Start-up of the sync feature: scheduled local backups and double-clicked .tzsync files. The backup code (and the
 * snapshot codec under it) loads after the first screen: the first backup runs a minute after start anyway.
 */
export function startSync(): void {
  listenForSnapshotFiles();
  setTimeout(() => {
    void import('../../../db/sync/backups')
      .then(({ startBackupSchedule }) => startBackupSchedule(getDatabase(), getPlatform().backups, { appVersion: __APP_VERSION__ }))
      .catch((e: unknown) => console.warn('backup schedule not started', e));
  }, BACKUP_CODE_DELAY_MS);
}

/** The backup code loads this long after start (its first backup runs a minute later still). */
const BACKUP_CODE_DELAY_MS = 5_000;
