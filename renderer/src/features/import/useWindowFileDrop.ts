import { useEffect } from 'react';
import { App } from 'antd';
import { hasUnsavedReview } from '../../store/draftPersistence';
import { confirmDiscard } from './confirmDiscard';
import { useImportDraft } from '../../store/importDraft';
import { useUi } from '../../store/ui';
import { IMPORT_TYPES_TEXT, isImportableName } from './acceptedFiles';

/**
 * Dropping a document anywhere on the window opens it in the import wizard (except on the sync screen). While a
 * review is open the user is asked first, and an unsupported file leaves the review as it is.
 */
export function useWindowFileDrop() {
  const { modal, message } = App.useApp();
  useEffect(() => {
    const over = (e: DragEvent) => {
      if (useUi.getState().view === 'sync') return;
      if (e.dataTransfer?.types.includes('Files')) e.preventDefault();
    };
    const drop = async (e: DragEvent) => {
      if (useUi.getState().view === 'sync') return;
      const file = e.dataTransfer?.files[0];
      if (!file) return;
      e.preventDefault();
      useUi.getState().go('import');
      const draft = useImportDraft.getState();
      const refusal = `不支持「${file.name}」这种文件，请选择 ${IMPORT_TYPES_TEXT}`;
      if (hasUnsavedReview()) {
        // A review is open: never lose it to a stray drop; a document is opened only once the user agrees.
        if (!isImportableName(file.name)) {
          void message.error(refusal);
          return;
        }
        const bytes = new Uint8Array(await file.arrayBuffer());
        confirmDiscard(modal, () => {
          useImportDraft.getState().reset();
          void useImportDraft.getState().parse({ name: file.name, bytes }, file.name);
        }, `打开「${file.name}」`);
        return;
      }
      if (!isImportableName(file.name)) {
        draft.reset();
        useImportDraft.setState({ error: refusal });
        return;
      }
      draft.reset();
      await draft.parse({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }, file.name);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, [modal, message]);
}

/** The hook as a component, so App.tsx can load its code after the first paint. */
export function WindowFileDrop(): null {
  useWindowFileDrop();
  return null;
}
