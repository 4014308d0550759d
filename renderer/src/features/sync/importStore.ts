import { create } from 'zustand';
import type { FileSource, PickedFile } from '../../../../shared/platform/bridge';
import { getDatabase } from '../../../db/database';
import { confirmAnchor } from '../../../db/keys';
import { applyImport, describeImportError, previewImport, type ApplyResult, type FilePreview, type ImportProgress, type OkPreview, type RosterOffer, type SnapshotFile } from '../../../db/sync';
import { getPlatform } from '../../../platform';

/** What the user is told when a step ends (the panel shows it as a message). */
export interface ImportNotice {
  type: 'success' | 'info' | 'warning' | 'error';
  text: string;
}

/** A file refused whole at a check (forged, damaged, not for this PC): listed on the sync screen until dismissed. */
export interface RefusedFileNote {
  name: string;
  reason: string;
  at: string;
}

interface ImportState {
  /** The files of the last check (checked again after a roster is confirmed or a password typed). */
  files: (PickedFile | FileSource | SnapshotFile)[];
  /** Passwords typed for sealed files, by file name. */
  passwords: Record<string, string>;
  previews: FilePreview[];
  /** Per file name: the local draft plans to replace by the owner's version. */
  adopt: Record<string, string[]>;
  phase: 'idle' | 'checking' | 'applying';
  progress: ImportProgress | null;
  notice: ImportNotice | null;
  controller: AbortController | null;
  /**
   * Files refused whole in this session, with the reason, until the user dismisses them. Kept in memory only: a
   * forged or damaged file leaves no trace in the database.
   */
  refusedFiles: RefusedFileNote[];
  dismissRefusedFile(index: number): void;
  dismissAllRefusedFiles(): void;
  check(files: (PickedFile | FileSource | SnapshotFile)[], passwords?: Record<string, string>): Promise<void>;
  /** Check the same files again (a roster confirmed, a password typed). */
  recheck(passwords?: Record<string, string>): Promise<void>;
  /**
   * Trust a supervisor office's roster (its fingerprint confirmed by phone), then check the same files again. The
   * panel is busy from the click on (no apply of the previews made before the confirmation).
   */
  confirmRoster(offer: RosterOffer): Promise<void>;
  apply(): Promise<void>;
  cancel(): void;
  clear(): void;
  setAdopt(name: string, planIds: string[]): void;
  takeNotice(): ImportNotice | null;
}

/**
 * The sync screen's import, kept outside the component: a long check or import goes on (and its progress is
 * shown again) when the user opens another screen and comes back. Progress is shown at most every 100 ms.
 */
export const useSyncImport = create<ImportState>()((set, get) => {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let latest: ImportProgress | null = null;
  const report = (p: ImportProgress | null) => {
    latest = p;
    if (p === null) {
      if (timer) clearTimeout(timer);
      timer = null;
      set({ progress: null });
      return;
    }
    if (timer) return;
    set({ progress: p });
    timer = setTimeout(() => {
      timer = null;
      set({ progress: latest });
    }, 100);
  };
  const summary = (r: ApplyResult) =>
    `写入 ${r.written} 条记录，新增待核对 ${r.conflicts} 条${r.refused ? `，${r.refused} 条被拒绝的记录列在「未采用」中供核对` : ''}${r.backupName ? '（导入前已自动备份）' : ''}`;
  /** Note the files a check refused whole (a sealed file waiting for its password is not refused). */
  const noteRefused = (previews: FilePreview[]) => {
    const at = new Date().toISOString();
    const fresh = previews.flatMap((p) => (p.ok || p.locked === 'password-required' || p.locked === 'wrong-password' ? [] : [{ name: p.name, reason: p.error, at }]));
    if (fresh.length === 0) return;
    const known = get().refusedFiles.filter((f) => !fresh.some((n) => n.name === f.name && n.reason === f.reason));
    set({ refusedFiles: [...fresh, ...known].slice(0, 200) });
  };
  return {
    files: [],
    passwords: {},
    previews: [],
    adopt: {},
    phase: 'idle',
    progress: null,
    notice: null,
    controller: null,
    refusedFiles: [],
    dismissRefusedFile(index) {
      set((s) => ({ refusedFiles: s.refusedFiles.filter((_, i) => i !== index) }));
    },
    dismissAllRefusedFiles() {
      set({ refusedFiles: [] });
    },
    async check(files, passwords = {}) {
      if (files.length === 0 || get().phase !== 'idle') return;
      const controller = new AbortController();
      set({ phase: 'checking', files, passwords, previews: [], adopt: {}, controller });
      try {
        const previews = await previewImport(getDatabase(), files, { signal: controller.signal, onProgress: report }, passwords);
        set({ previews });
        noteRefused(previews);
      } catch (e) {
        set({ notice: controller.signal.aborted ? { type: 'info', text: '已取消检查，没有写入任何数据' } : { type: 'error', text: `检查失败：${describeImportError(e)}` } });
      } finally {
        report(null);
        set({ phase: 'idle', controller: null });
      }
    },
    async recheck(passwords) {
      await get().check(get().files, passwords ?? get().passwords);
    },
    async confirmRoster(offer) {
      if (get().phase !== 'idle') return;
      set({ phase: 'checking', progress: null });
      try {
        await confirmAnchor(getDatabase(), { issuer: offer.issuer, keyId: offer.keyId, publicKey: offer.publicKey, device: offer.device }, offer.entry);
      } catch (e) {
        set({ phase: 'idle', notice: { type: 'error', text: `未能确认名册：${describeImportError(e)}` } });
        return;
      }
      set({ phase: 'idle' });
      // Synchronously back to "checking" (no await in between): the files are read again from the store.
      await get().recheck();
    },
    async apply() {
      const accepted = get().previews.filter((p): p is OkPreview => p.ok);
      if (accepted.length === 0 || get().phase !== 'idle') return;
      const controller = new AbortController();
      set({ phase: 'applying', controller });
      try {
        const app = await getPlatform().appInfo();
        const adopt = get().adopt;
        const result = await applyImport(
          getDatabase(),
          accepted.map((preview) => ({ preview, choice: {}, adopt: adopt[preview.name] ?? [] })),
          { backups: getPlatform().backups, appVersion: app.version, signal: controller.signal, onProgress: report },
        );
        if (result.cancelled) {
          const rest = accepted.filter((p) => !result.files.some((f) => f.name === p.name));
          set({
            previews: rest,
            notice: { type: 'warning', text: `已停止导入：${result.files.length} 个文件已完整导入（${summary(result)}），其余 ${rest.length} 个文件未写入任何数据` },
          });
        } else {
          set({
            previews: [],
            notice: result.failed.length
              ? { type: 'warning', text: `导入完成：${summary(result)}；${result.failed.length} 个文件未导入：${result.failed.map((f) => `${f.name}（${f.error}）`).join('；')}` }
              : { type: 'success', text: `导入完成：${summary(result)}` },
          });
        }
      } catch (e) {
        set({ notice: { type: 'error', text: `导入失败，正在导入的文件没有写入任何数据：${describeImportError(e)}` } });
      } finally {
        report(null);
        set({ phase: 'idle', controller: null });
      }
    },
    cancel() {
      get().controller?.abort();
    },
    clear() {
      if (get().phase === 'idle') set({ previews: [], adopt: {}, files: [], passwords: {} });
    },
    setAdopt(name, planIds) {
      set((s) => ({ adopt: { ...s.adopt, [name]: planIds } }));
    },
    takeNotice() {
      const n = get().notice;
      if (n) set({ notice: null });
      return n;
    },
  };
});
