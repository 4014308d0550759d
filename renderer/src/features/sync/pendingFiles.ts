import { create } from 'zustand';
import type { PickedFile } from '../../../../shared/platform/bridge';
import { SNAPSHOT_EXTENSION } from '../../../../shared/sync/manifest';
import { getPlatform } from '../../../platform';
import { useUi } from '../../store/ui';

interface PendingFiles {
  /** Snapshot files the OS asked the app to open (double-click), waiting for the sync screen's preview. */
  files: PickedFile[];
  take(): PickedFile[];
}

export const usePendingSyncFiles = create<PendingFiles>()((set, get) => ({
  files: [],
  take() {
    const files = get().files;
    if (files.length) set({ files: [] });
    return files;
  },
}));

/** Route double-clicked .tzsync files to the sync screen. Call once at start-up; returns the unsubscribe. */
export function listenForSnapshotFiles(): () => void {
  return getPlatform().onOpenFile((file) => {
    if (!file.name.toLowerCase().endsWith(`.${SNAPSHOT_EXTENSION}`)) return;
    usePendingSyncFiles.setState((s) => ({ files: [...s.files, file] }));
    useUi.getState().go('sync');
  });
}
