import { useState } from 'react';
import { Alert, App, Button, Card, Col, DatePicker, Form, Input, Row, Select, Space, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useLiveQuery } from 'dexie-react-hooks';
import dayjs from 'dayjs';
import { LEAD_RULES, type LeadRule } from '../../../../shared/model';
import { getDatabase } from '../../../db/database';
import { listUnitNames, savePlanRecords } from '../../../db/plans';
import { useImportDraft } from '../../store/importDraft';
import { useUi } from '../../store/ui';
import { draftProblems, LEAD_RULE_LABELS, unitUsage } from '../../../../shared/tracking/importDraft';
import { recordsFromDraft } from '../../../db/planImport';
import { pendingReviewCount, unacceptedNoLeadRows } from '../../../../shared/tracking/reviewChecks';
import { confirmDiscard, confirmNoLead } from './reviewConfirmations';
import { ReviewTable } from './ReviewTable';
import { SourcePanel } from './SourcePanel';
import { WarningsPanel } from './WarningsPanel';
import { PlanDiffReview, type PendingReimport } from './PlanDiffReview';
import { useIdentity } from '../../store/identity';
import { IdentityForm } from '../identity/IdentityForm';
import { Modal } from 'antd';
import { CadenceInput } from '../../components/CadenceInput';

/** Step 2: check and fix the parse, then save it as a plan (or review the changes to an existing plan). */
export function ReviewStep() {
  const db = getDatabase();
  const { message, modal } = App.useApp();
  const meta = useImportDraft((s) => s.meta);
  const rows = useImportDraft((s) => s.rows);
  const source = useImportDraft((s) => s.source);
  const warnings = useImportDraft((s) => s.warnings);
  const resolved = useImportDraft((s) => s.resolved);
  const acceptedNoLead = useImportDraft((s) => s.acceptedNoLead);
  const setMeta = useImportDraft((s) => s.setMeta);
  const setLeadRule = useImportDraft((s) => s.setLeadRule);
  const addRow = useImportDraft((s) => s.addRow);
  const reset = useImportDraft((s) => s.reset);
  const openPlan = useUi((s) => s.openPlan);
  const go = useUi((s) => s.go);
  const knownUnits = useLiveQuery(() => listUnitNames(db), [db]);
  const [problems, setProblems] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const [reimport, setReimport] = useState<PendingReimport | null>(null);

  const [askOffice, setAskOffice] = useState(false);

  async function save() {
    const found = draftProblems(meta, rows);
    setProblems(found);
    if (found.length) return;
    // The plan records who issued it: ask which office this PC is before the first save.
    if (!useIdentity.getState().identity) {
      setAskOffice(true);
      return;
    }
    // Tasks without a lead the user has not marked 已核对: asked once more, as the warning says.
    const unconfirmed = unacceptedNoLeadRows(rows, acceptedNoLead);
    if (unconfirmed.length && !(await confirmNoLead(modal, unconfirmed.map((r) => r.number)))) return;
    setSaving(true);
    try {
      const records = await recordsFromDraft(db, meta, rows, source);
      const existing = await db.plans.get(records.plan.id);
      if (existing && !existing.deleted) {
        setReimport({ records, existing });
        return;
      }
      await savePlanRecords(db, records);
      message.success(`已保存计划「${records.plan.title}」，共 ${records.tasks.length} 项任务`);
      reset();
      openPlan(records.plan.id);
      go('tasks');
    } catch (e) {
      console.warn('save failed', e);
      setProblems(['保存失败，没有写入任何数据，请重试']);
    } finally {
      setSaving(false);
    }
  }

  if (reimport) return <PlanDiffReview pending={reimport} onCancel={() => setReimport(null)} />;

  const draftUnits = unitUsage(rows);
  const units = draftUnits.size;
  const officeDialog = (
    <Modal open={askOffice} title="保存前请先确定：本机属于哪个单位？" footer={null} onCancel={() => setAskOffice(false)} width={560} destroyOnHidden>
      <Typography.Paragraph type="secondary">计划会记录由哪个单位导入下发；“我的任务”也按本机所属单位列出。</Typography.Paragraph>
      <IdentityForm
        unitNames={[...new Set([...draftUnits.keys(), ...(knownUnits ?? [])])]}
        initial={{ deviceId: '', office: '', role: 'supervisor' }}
        submitLabel="确定并保存计划"
        onSaved={() => {
          setAskOffice(false);
          void save();
        }}
      />
    </Modal>
  );
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {officeDialog}
      <Card
        size="small"
        title="第二步：核对识别结果，改正后保存为计划"
        extra={
          <Space>
            <Typography.Text type="secondary" data-testid="draft-task-count">
              共 {rows.length} 项任务 · {units} 个单位 · 待核对 {pendingReviewCount({ warnings: warnings.length, resolved: resolved.size, rows, acceptedNoLead })} 处
            </Typography.Text>
            <Button onClick={() => confirmDiscard(modal, reset)}>重新选择文件</Button>
            <Button type="primary" loading={saving} onClick={() => void save()}>
              保存为计划（{rows.length} 项任务）
            </Button>
          </Space>
        }
      >
        <Form layout="inline" style={{ rowGap: 8 }}>
          <Form.Item label="计划名称" htmlFor="draft-title" style={{ minWidth: 420 }}>
            <Input id="draft-title" value={meta.title} onChange={(e) => setMeta({ title: e.target.value })} status={meta.title.trim() ? undefined : 'error'} />
          </Form.Item>
          <Form.Item label="文号" htmlFor="draft-doc">
            <Input id="draft-doc" value={meta.docNumber} onChange={(e) => setMeta({ docNumber: e.target.value })} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item label="印发日期">
            <DatePicker aria-label="印发日期" value={meta.date ? dayjs(meta.date) : null} onChange={(d) => setMeta({ date: d ? d.format('YYYY-MM-DD') : '' })} />
          </Form.Item>
          <Form.Item label="报送周期">
            <CadenceInput
              compact
              value={{ every: meta.cadenceEvery, day: meta.cadenceDay, dueDates: meta.cadenceDates ?? [] }}
              onChange={(v) => setMeta({ cadenceEvery: v.every, cadenceDay: v.day ?? 20, cadenceDates: v.dueDates })}
            />
          </Form.Item>
          <Form.Item label="牵头单位的认定">
            <Select
              aria-label="牵头单位的认定"
              value={meta.leadRule}
              onChange={(v: LeadRule) => setLeadRule(v)}
              options={LEAD_RULES.map((r) => ({ value: r, label: LEAD_RULE_LABELS[r] }))}
              style={{ width: 330 }}
            />
          </Form.Item>
        </Form>
      </Card>
      {problems.length > 0 && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title="还不能保存，请先改正："
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {problems.slice(0, 10).map((p) => (
                <li key={p}>{p}</li>
              ))}
              {problems.length > 10 && <li>另有 {problems.length - 10} 处</li>}
            </ul>
          }
        />
      )}
      <Row gutter={16} wrap={false}>
        <Col flex="auto" style={{ minWidth: 0 }}>
          <ReviewTable extraUnits={knownUnits ?? []} />
          <Button icon={<PlusOutlined />} style={{ marginTop: 8 }} onClick={addRow}>
            添加任务
          </Button>
        </Col>
        <Col flex="300px">
          <SourcePanel />
          <WarningsPanel />
        </Col>
      </Row>
    </Space>
  );
}
