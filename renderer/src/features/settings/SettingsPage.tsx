import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Form, InputNumber, Select, Space, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { LEAD_RULES, type Cadence, type LeadRule } from '../../../../shared/model';
import { CadenceInput, cadenceValueOf, type CadenceValue } from '../../components/CadenceInput';

const cadenceOf = (v: CadenceValue): Cadence => (v.every === 'custom' ? { every: 'custom', day: v.day ?? 20, dueDates: v.dueDates } : { every: v.every, day: v.day ?? 0 });
import { getDatabase } from '../../../db/database';
import { InputRefusedError, listUnitNames } from '../../../db/plans';
import { setPlanSettings } from '../../../db/tracking';
import { planGates } from '../../../db/authorize';
import { LIGHT_RULES } from '../../components/LightDot';
import { useIdentity } from '../../store/identity';
import { usePlanView } from '../../store/planView';
import { useUi } from '../../store/ui';
import { IdentityForm } from '../identity/IdentityForm';
import { LEAD_RULE_LABELS } from '../../../../shared/tracking/importDraft';

/** This PC's office, and the current plan's reporting cadence, yellow-light days and lead rule. */
function PlanSettingsCard() {
  const db = getDatabase();
  const planId = useUi((s) => s.planId);
  const identity = useIdentity((s) => s.identity);
  const load = usePlanView((s) => s.load);
  const plan = useLiveQuery(() => (planId ? db.plans.get(planId) : undefined), [db, planId]);
  const gates = useLiveQuery(() => (planId ? planGates(db, identity ?? null, planId) : undefined), [db, planId, identity]);
  const { message } = App.useApp();
  const [cadence, setCadence] = useState<CadenceValue>({ every: 'quarter', day: 20, dueDates: [] });
  const [yellowDays, setYellowDays] = useState<number | null>(15);
  const [leadRule, setLeadRule] = useState<LeadRule>('columns');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (!plan) return;
    setCadence(cadenceValueOf(plan.cadence));
    setYellowDays(plan.yellowDays);
    setLeadRule(plan.leadRule);
  }, [plan]);
  if (!plan) return null;
  const isOwner = gates?.structure === null;

  async function save() {
    setSaving(true);
    setError(null);
    try {
      await setPlanSettings(db, plan!.id, { cadence: cadenceOf(cadence), yellowDays: yellowDays ?? -1, leadRule });
      await load(plan!.id, true);
      message.success('已保存计划设置');
    } catch (e) {
      setError(e instanceof InputRefusedError ? e.message : '保存失败，请重试');
    } finally {
      setSaving(false);
    }
  }

  return (
    <Card title={`计划设置：${plan.title}`}>
      {!isOwner && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={`本计划由「${plan.owner.office || '（未设置）'}」下发，只有该单位的督办电脑可以修改以下设置。`}
        />
      )}
      <Form layout="vertical" disabled={!isOwner} onFinish={() => void save()} style={{ maxWidth: 560 }}>
        <Form.Item label="报送周期">
          <CadenceInput value={cadence} onChange={setCadence} />
        </Form.Item>
        <Form.Item label="距完成时限多少天内亮黄灯">
          <InputNumber aria-label="黄灯提前天数" min={0} max={365} value={yellowDays} onChange={setYellowDays} suffix="天" style={{ width: 150 }} />
        </Form.Item>
        <Form.Item label="牵头单位的认定">
          <Select aria-label="牵头规则" value={leadRule} onChange={setLeadRule} options={LEAD_RULES.map((r) => ({ value: r, label: LEAD_RULE_LABELS[r] }))} />
        </Form.Item>
        {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
        <Button type="primary" htmlType="submit" loading={saving}>
          保存计划设置
        </Button>
      </Form>
      <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
        红黄绿灯规则：
        {LIGHT_RULES.map((r) => (
          <span key={r} style={{ display: 'block' }}>
            {r}
          </span>
        ))}
      </Typography.Paragraph>
    </Card>
  );
}

export function SettingsPage() {
  const db = getDatabase();
  const identity = useIdentity((s) => s.identity);
  const unitNames = useLiveQuery(() => listUnitNames(db), [db]);
  const { message } = App.useApp();
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card title="本机设置">
        <div style={{ maxWidth: 560 }}>
          {identity !== undefined && (
            <IdentityForm
              key={identity?.office ?? 'none'}
              unitNames={unitNames ?? []}
              initial={identity}
              submitLabel="保存本机设置"
              onSaved={(i) => message.success(`本机已设为「${i.office}」`)}
            />
          )}
        </div>
      </Card>
      <PlanSettingsCard />
    </Space>
  );
}
