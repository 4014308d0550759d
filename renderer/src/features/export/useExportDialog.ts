import { useCallback, useState } from 'react';

/**
 * Open/close state for the export dialog, kept where the button is. `used`: the dialog was opened once, so its code
 * (exceljs, docx: loaded on first use) is mounted from then on and closes with its animation.
 */
export function useExportDialog() {
  const [open, setOpen] = useState(false);
  const [used, setUsed] = useState(false);
  // Stable, so a memoised header holding it does not re-render with the page.
  const show = useCallback(() => {
    setUsed(true);
    setOpen(true);
  }, []);
  return {
    show,
    used,
    props: { open, onClose: () => setOpen(false) },
  };
}
