import { getDatabase } from '../../db/database';
import { clearImportDraft, loadImportDraft, saveImportDraft } from '../../db/importDrafts';
import { useImportDraft } from './importDraft';

const SAVE_DELAY_MS = 400;

/**
 * Keep the import review in IndexedDB while it is open: restored on start-up, written shortly after each change,
 * removed once the review ends (saved as a plan, or discarded by the user).
 */
export async function startDraftPersistence(delay = SAVE_DELAY_MS): Promise<() => void> {
  const db = getDatabase();
  const kept = await loadImportDraft(db);
  if (kept && useImportDraft.getState().step === 'source' && !useImportDraft.getState().parsing) useImportDraft.getState().restore(kept);
  let timer: ReturnType<typeof setTimeout> | null = null;
  let chain = Promise.resolve();
  const write = () => {
    timer = null;
    const s = useImportDraft.getState();
    chain = chain
      .then(() =>
        s.step === 'review'
          ? saveImportDraft(db, { source: s.source, meta: s.meta, rows: s.rows, warnings: s.warnings, resolved: [...s.resolved], acceptedNoLead: [...s.acceptedNoLead] })
          : clearImportDraft(db),
      )
      .catch((e) => console.warn('import draft not kept', e));
  };
  const unsubscribe = useImportDraft.subscribe((s, prev) => {
    const changed =
      s.step !== prev.step || s.meta !== prev.meta || s.rows !== prev.rows || s.warnings !== prev.warnings || s.resolved !== prev.resolved || s.acceptedNoLead !== prev.acceptedNoLead;
    if (!changed) return;
    if (timer) clearTimeout(timer);
    // Leaving the review (saved or discarded) is written at once: a reload right after must not bring it back.
    if (s.step !== 'review') write();
    else timer = setTimeout(write, delay);
  });
  return () => {
    if (timer) clearTimeout(timer);
    unsubscribe();
  };
}

/** Is there review work that would be lost by starting another import? */
export function hasUnsavedReview(): boolean {
  return useImportDraft.getState().step === 'review';
}
