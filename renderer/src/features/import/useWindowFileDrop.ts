import { useEffect } from 'react';
import { useImportDraft } from '../../store/importDraft';
import { useUi } from '../../store/ui';
import { IMPORT_TYPES_TEXT, isImportableName } from './acceptedFiles';

/** Dropping a document anywhere on the window opens it in the import wizard (except on the sync screen). */
export function useWindowFileDrop() {
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
      if (!isImportableName(file.name)) {
        draft.reset();
        useImportDraft.setState({ error: `不支持「${file.name}」这种文件，请选择 ${IMPORT_TYPES_TEXT}` });
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
  }, []);
}
