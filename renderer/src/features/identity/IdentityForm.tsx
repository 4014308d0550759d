import { useMemo, useState } from 'react';
import { Alert, AutoComplete, Button, Form, Radio, Space, Typography } from 'antd';
import { ZodError } from 'zod';
import type { Identity } from '../../../../shared/model';
import { ROLE_NAMES, useIdentity } from '../../store/identity';
import { suggestUnits } from '../../../../shared/tracking/unitSuggest';

interface Props {
  /** Unit names offered in the list (from the plans on this PC). */
  unitNames: readonly string[];
  initial?: Identity | null;
  submitLabel: string;
  onSaved?: (identity: Identity) => void;
}

/** Choose this PC's office (from the plan's units, or typed) and whether it is a department or supervisor PC. */
export function IdentityForm({ unitNames, initial, submitLabel, onSaved }: Props) {
  const save = useIdentity((s) => s.save);
  const [office, setOffice] = useState(initial?.office ?? '');
  const [role, setRole] = useState<Identity['role']>(initial?.role ?? 'department');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  // Known units matching what was typed, best first: Enter picks the unit already in the plans, not a near-duplicate.
  const options = useMemo(() => suggestUnits(office, unitNames, 200).map((s) => ({ value: s.name, label: s.name })), [unitNames, office]);

  async function submit() {
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
      <Form.Item label="本机所属单位" htmlFor="identity-office" extra="可从列表中选择，也可以直接输入单位全称">
        <AutoComplete
          id="identity-office"
          value={office}
          options={options}
          onChange={(v: string) => setOffice(v)}
          placeholder="例如：市卫生健康局"
          defaultActiveFirstOption
          style={{ width: '100%' }}
          allowClear
        />
      </Form.Item>
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
