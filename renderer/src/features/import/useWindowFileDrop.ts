import { useEffect } from 'react';
import { App } from 'antd';
import { useUi } from '../../store/ui';

/**
 * Dropping a document anywhere on the window opens it in the import wizard (except on the sync screen). Listening
 * starts with the first screen; the code that opens the file (openDroppedFile.ts, with the wizard's store) loads
 * when a file is dropped.
 */
export function useWindowFileDrop() {
  const { modal, message } = App.useApp();
  useEffect(() => {
    const over = (e: DragEvent) => {
      if (useUi.getState().view === 'sync') return;
      if (e.dataTransfer?.types.includes('Files')) e.preventDefault();
    };
    const drop = (e: DragEvent) => {
      if (useUi.getState().view === 'sync') return;
      const file = e.dataTransfer?.files[0];
      if (!file) return;
      e.preventDefault();
      useUi.getState().go('import');
      void import('./openDroppedFile')
        .then((m) => m.openDroppedFile(file, { modal, message }))
        .catch((err: unknown) => {
          console.error(err);
          void message.error(`没有打开「${file.name}」：程序文件没有加载成功，请点击菜单“导入文件”重新选择该文件。`);
        });
    };
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, [modal, message]);
}
