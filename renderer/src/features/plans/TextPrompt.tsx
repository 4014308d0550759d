import { useEffect, useRef, useState } from 'react';
import { Alert, Input, Modal, Typography } from 'antd';
import { commandError } from './usePlanEdit';

/** A one-field dialog (rename a plan, a section, a unit). `onSubmit` runs the command; a refusal stays in the dialog. */
export function TextPrompt({
  open,
  title,
  label,
  initial,
  hint,
  onSubmit,
  onClose,
}: {
  open: boolean;
  title: string;
  label: string;
  initial: string;
  hint?: string;
  onSubmit: (value: string) => Promise<void>;
  onClose: () => void;
}) {
  const [value, setValue] = useState(initial);
  // What the field holds now: a click on 保存 right after typing may come before React re-renders with it.
  const latest = useRef(initial);
  const change = (next: string) => {
    latest.current = next;
    setValue(next);
  };
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (open) {
      latest.current = initial;
      setValue(initial);
      setError(null);
    }
  }, [open, initial]);
  async function ok() {
    const submitted = latest.current;
    setSaving(true);
    setError(null);
    try {
      await onSubmit(submitted);
      onClose();
    } catch (e) {
      setError(commandError(e));
    } finally {
      setSaving(false);
    }
  }
  return (
    <Modal open={open} title={title} okText="保存" cancelText="取消" confirmLoading={saving} onOk={() => void ok()} onCancel={onClose} destroyOnHidden>
      <label>
        <Typography.Text>{label}</Typography.Text>
        <Input aria-label={label} value={value} onChange={(e) => change(e.target.value)} onPressEnter={() => void ok()} style={{ marginTop: 4 }} autoFocus />
      </label>
      {hint && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {hint}
        </Typography.Paragraph>
      )}
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginTop: 12 }} />}
    </Modal>
  );
}
