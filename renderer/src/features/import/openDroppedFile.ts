import type { useAppProps } from 'antd/es/app/context';
import { hasUnsavedReview } from '../../store/draftPersistence';
import { confirmDiscard } from './reviewConfirmations';
import { useImportDraft } from '../../store/importDraft';
import { IMPORT_TYPES_TEXT, isImportableName } from './acceptedFiles';

/**
 * A document dropped on the window (useWindowFileDrop.ts), opened in the import wizard: loaded when the first file
 * is dropped, with the wizard's store under it. While a review is open the user is asked first, and an unsupported
 * file leaves the review as it is.
 */
export async function openDroppedFile(file: File, { modal, message }: Pick<useAppProps, 'modal' | 'message'>): Promise<void> {
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
}
