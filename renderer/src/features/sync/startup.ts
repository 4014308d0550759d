import { getDatabase } from '../../../db/database';
import { catchUpClock, startBackupSchedule } from '../../../db/sync';
import { getPlatform } from '../../../platform';
import { listenForSnapshotFiles } from './pendingFiles';

/** Start-up of the sync feature: scheduled local backups and double-clicked .tzsync files. */
export function startSync(): void {
  void catchUpClock(getDatabase()).catch(() => undefined);
  startBackupSchedule(getDatabase(), getPlatform().backups, { appVersion: __APP_VERSION__ });
  listenForSnapshotFiles();
}
