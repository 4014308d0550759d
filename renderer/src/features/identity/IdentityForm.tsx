import { useMemo, useRef, useState } from 'react';
import { Alert, App, AutoComplete, Button, Form, Radio, Space, Typography } from 'antd';
import { ZodError } from 'zod';
import type { Identity } from '../../../../shared/model';
import { ROLE_NAMES, ROLE_SHORT, useIdentity } from '../../store/identity';
import { suggestUnits } from '../../../../shared/tracking/unitSuggest';

interface Props {
  /** Unit names offered in the list (from the plans on this PC). */
  unitNames: readonly string[];
  initial?: Identity | null;
  submitLabel: string;
  onSaved?: (identity: Identity) => void;
}

/** Rows of the office suggestion list shown at once (antd's row height 32 px); more scroll. */
/** The suggestion list's one placement: below the field, not moved to fit (see the AutoComplete below). */
const BELOW_ONLY = { bottomLeft: { points: ['tl', 'bl'], offset: [0, 4], overflow: { adjustX: false, adjustY: false } } };
const LIST_ROWS = 5;
const LIST_ROW_PX = 32;

/** Choose this PC's office (from the plan's units, or typed) and whether it is a department or supervisor PC. */
export function IdentityForm({ unitNames, initial, submitLabel, onSaved }: Props) {
  const save = useIdentity((s) => s.save);
  const [office, setOffice] = useState(initial?.office ?? '');
  const [role, setRole] = useState<Identity['role']>(initial?.role ?? 'department');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  // Known units matching what was typed, best first: Enter picks the unit already in the plans, not a near-duplicate.
  const suggestions = useMemo(() => suggestUnits(office, unitNames, 200), [unitNames, office]);
  const options = useMemo(() => suggestions.map((s) => ({ value: s.name, label: s.name })), [suggestions]);
  // The list is open while the field has focus and something is left to choose: typing a known unit's name (rank 0)
  // or picking one closes it.
  const [focused, setFocused] = useState(false);
  const listOpen = focused && options.length > 0 && suggestions[0]?.rank !== 0;
  const listHeight = Math.min(options.length, LIST_ROWS) * LIST_ROW_PX;
  // The list is as wide as the field, measured by layout (offsetWidth): while a dialog is still zooming in, the
  // on-screen width is a fraction of it, and a list opened then stayed that narrow, cutting the names short.
  const fieldRef = useRef<HTMLDivElement>(null);
  const [fieldWidth, setFieldWidth] = useState<number | undefined>(undefined);
  const measure = () => setFieldWidth(fieldRef.current?.offsetWidth || undefined);

  const { modal } = App.useApp();
  /** Changing an office already set is asked once more: what this PC signs, and which plans it may change, follow it. */
  const confirmChange = (to: string, toRole: Identity['role']): Promise<boolean> =>
    new Promise((resolve) =>
      modal.confirm({
        title: `把本机从「${initial!.office}（${ROLE_SHORT[initial!.role]}）」改为「${to}（${ROLE_SHORT[toRole]}）」？`,
        content: `此后本机填报、督办和导出的同步文件都以「${to}」的名义署名；「${initial!.office}」下发的计划，本机将不能再修改。只有本机确实换了使用单位时才需要更改。`,
        okText: '确定更改',
        cancelText: '取消',
        onOk: () => resolve(true),
        onCancel: () => resolve(false),
      }),
    );

  async function submit() {
    // (Not on first setting: a form may start from a default with no office yet.)
    if (initial?.office && (office.trim() !== initial.office || role !== initial.role) && !(await confirmChange(office.trim(), role))) return;
    setSaving(true);
    setError(null);
    try {
      const identity = await save(office, role);
      onSaved?.(identity);
    } catch (e) {
      setError(e instanceof ZodError ? (e.issues[0]?.message ?? '输入有误') : '保存失败，请重试');
    } finally {
      setSaving(false);
    }
  }

  return (
    <Form layout="vertical" onFinish={submit} requiredMark={false}>
      {/* The role first: the office field's suggestions open below it and never cover the choice. */}
      <Form.Item label="本机用途">
        <Radio.Group value={role} onChange={(e) => setRole(e.target.value as Identity['role'])}>
          <Space orientation="vertical">
            {(Object.keys(ROLE_NAMES) as Identity['role'][]).map((r) => (
              <Radio key={r} value={r}>
                {ROLE_NAMES[r]}
              </Radio>
            ))}
          </Space>
        </Radio.Group>
      </Form.Item>
      <Form.Item label="本机所属单位" htmlFor="identity-office" extra="可从列表中选择，也可以直接输入单位全称">
        <div ref={fieldRef}>
          <AutoComplete
            id="identity-office"
            value={office}
            options={options}
            open={listOpen}
            listHeight={LIST_ROWS * LIST_ROW_PX}
            popupMatchSelectWidth={fieldWidth ?? true}
            // Always below the field, never flipped above it onto the role (it flipped when opened while the dialog
            // was still zooming in); the room kept below makes sure it fits.
            placement="bottomLeft"
            builtinPlacements={BELOW_ONLY}
            onFocus={() => {
              measure();
              setFocused(true);
            }}
            onBlur={() => setFocused(false)}
            onOpenChange={(open) => !open && setFocused(false)}
            onChange={(v: string) => {
              setOffice(v);
              measure();
              setFocused(true);
            }}
            placeholder="例如：市卫生健康局"
            defaultActiveFirstOption
            style={{ width: '100%' }}
            allowClear
          />
        </div>
      </Form.Item>
      {/* While the list is open, room for it above the button (the list never covers 确定). */}
      {listOpen && <div aria-hidden style={{ height: Math.max(0, listHeight + 20 - 46) }} />}
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} />}
      <Space>
        <Button type="primary" htmlType="submit" loading={saving}>
          {submitLabel}
        </Button>
        <Typography.Text type="secondary">以后可在“设置”中修改</Typography.Text>
      </Space>
    </Form>
  );
}
