import { useState } from 'react';
import { Alert, App, Button, DatePicker, Input, Popconfirm, Segmented, Select, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import type { Action, ActionKind, Task } from '../../../../shared/model';
import { ACTION_DONE_MESSAGES } from '../../../../shared/tracking/reportInput';
import { unitsYetToFinish, type TaskStanding } from '../../../../shared/tracking/standing';
import { extendsDeadline } from '../../../../shared/tracking/deadlines';
import { getDatabase } from '../../../db/database';
import { InputRefusedError } from '../../../db/plans';
import { recordAction } from '../../../db/tracking';
import { usePlanView } from '../../store/planView';

function useRecord() {
  const { message } = App.useApp();
  const applyAction = usePlanView((s) => s.applyAction);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function record(task: Task, kind: ActionKind, fields: { unitId?: string | null; text?: string; date?: string; newDeadline?: string | null }) {
    setBusy(true);
    setError(null);
    try {
      const action = await recordAction(getDatabase(), { planId: task.planId, taskId: task.id, unitId: fields.unitId ?? null, kind, text: fields.text, date: fields.date, newDeadline: fields.newDeadline });
      await applyAction(action);
      message.success(ACTION_DONE_MESSAGES[kind]);
      return true;
    } catch (e) {
      setError(e instanceof InputRefusedError ? e.message : '操作失败，请重试');
      if (!(e instanceof InputRefusedError)) console.warn('recordAction failed', e);
      return false;
    } finally {
      setBusy(false);
    }
  }
  return { record, error, busy };
}

type SupervisorTab = 'confirm' | 'return' | 'urge' | 'extension';

/** 销号, 退回 (with a reason), 催办 (date and text), and answering an extension request. Supervisor PCs only. */
export function SupervisorActions({ task, standing, units }: { task: Task; standing: TaskStanding; units: { id: string; name: string }[] }) {
  const { record, error, busy } = useRecord();
  const pending: Action | null = standing.pendingExtension ?? null;
  const [tab, setTab] = useState<SupervisorTab>(pending ? 'extension' : 'confirm');
  const [unitId, setUnitId] = useState<string | undefined>(undefined);
  const [text, setText] = useState('');
  const [date, setDate] = useState<string>(dayjs().format('YYYY-MM-DD'));
  const clear = () => setText('');
  const unitName = (id: string | null) => units.find((u) => u.id === id)?.name ?? '';
  // Name the units still to report 已完成 when some of several already have.
  const notDone = unitsYetToFinish(standing);
  const yetToFinish = notDone.length > 0 && notDone.length < (standing.responsibleUnitIds?.length ?? 0) ? notDone.map(unitName).join('、') : '牵头单位';

  return (
    <div data-testid="supervisor-actions">
      <Segmented
        value={tab}
        onChange={(v) => setTab(v as SupervisorTab)}
        options={[
          { value: 'confirm', label: '销号' },
          { value: 'return', label: '退回' },
          { value: 'urge', label: '催办' },
          { value: 'extension', label: pending ? '审核延期（待处理）' : '审核延期' },
        ]}
        style={{ marginBottom: 12 }}
      />
      {tab === 'confirm' && (
        <Space orientation="vertical">
          <Typography.Text type="secondary">
            {standing.confirmed ? '此任务已销号。' : standing.status === 'done' ? '牵头单位已报“已完成”，核实后可销号。' : `${yetToFinish}尚未报已完成；确认已完成也可直接销号。`}
          </Typography.Text>
          <Popconfirm title="确认此任务已完成并销号？" okText="销号" cancelText="取消" onConfirm={() => void record(task, 'confirm', {})}>
            <Button type="primary" loading={busy} disabled={standing.confirmed}>
              销号
            </Button>
          </Popconfirm>
        </Space>
      )}
      {(tab === 'return' || tab === 'urge') && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Space wrap>
            <Select
              aria-label="单位"
              placeholder="全部责任单位"
              allowClear
              value={unitId}
              onChange={setUnitId}
              options={units.map((u) => ({ value: u.id, label: u.name }))}
              style={{ width: 220 }}
            />
            {tab === 'urge' && <DatePicker aria-label="催办日期" value={dayjs(date)} onChange={(d) => setDate(d ? d.format('YYYY-MM-DD') : dayjs().format('YYYY-MM-DD'))} allowClear={false} />}
          </Space>
          <Input.TextArea
            aria-label={tab === 'return' ? '退回原因' : '催办内容'}
            autoSize={{ minRows: 2, maxRows: 6 }}
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder={tab === 'return' ? '请写明退回原因，例如：佐证材料不足' : '请写明催办事项，例如：请于本周五前报送进展'}
          />
          <Button
            type="primary"
            loading={busy}
            onClick={async () => {
              if (await record(task, tab, { unitId: unitId ?? null, text, date: tab === 'urge' ? date : undefined })) clear();
            }}
          >
            {tab === 'return' ? '退回' : '发出催办'}
          </Button>
        </Space>
      )}
      {tab === 'extension' &&
        (pending ? (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Typography.Text>
              「{unitName(pending.unitId)}」于 {pending.date} 申请将完成时限延至 <b>{pending.newDeadline}</b>。理由：{pending.text}
            </Typography.Text>
            <Input.TextArea aria-label="审核意见" autoSize={{ minRows: 1, maxRows: 4 }} value={text} onChange={(e) => setText(e.target.value)} placeholder="不同意时请写明理由" />
            <Space>
              <Button type="primary" loading={busy} onClick={() => void record(task, 'extension-approve', { text }).then((ok) => ok && clear())}>
                同意延期
              </Button>
              <Button danger loading={busy} onClick={() => void record(task, 'extension-refuse', { text }).then((ok) => ok && clear())}>
                不同意
              </Button>
            </Space>
          </Space>
        ) : (
          <Typography.Text type="secondary">没有待审核的延期申请。</Typography.Text>
        ))}
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginTop: 12 }} />}
    </div>
  );
}

/** A unit asks for more time, before its deadline. */
export function ExtensionRequest({ task, unitId, standing }: { task: Task; unitId: string; standing: TaskStanding }) {
  const { record, error, busy } = useRecord();
  const [newDeadline, setNewDeadline] = useState<string | null>(null);
  const [text, setText] = useState('');
  if (standing.pendingExtension)
    return <Typography.Text type="secondary">已申请延期至 {standing.pendingExtension.newDeadline}，等待督办单位审核。</Typography.Text>;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="extension-request">
      <Typography.Text type="secondary">
        现完成时限：{standing.effectiveDeadline ?? '未明确'}。延期须在到期前申请。
      </Typography.Text>
      <DatePicker
        aria-label="申请延至"
        placeholder="申请延至"
        value={newDeadline ? dayjs(newDeadline) : null}
        onChange={(d) => setNewDeadline(d ? d.format('YYYY-MM-DD') : null)}
        // Only days after the deadline in force (the same rule the command checks).
        disabledDate={(d) => !extendsDeadline(standing.effectiveDeadline, d.format('YYYY-MM-DD'))}
      />
      <Input.TextArea aria-label="延期理由" autoSize={{ minRows: 2, maxRows: 4 }} value={text} onChange={(e) => setText(e.target.value)} placeholder="请写明延期理由" />
      <Button loading={busy} onClick={() => void record(task, 'extension-request', { unitId, text, newDeadline }).then((ok) => ok && setText(''))}>
        提交延期申请
      </Button>
      {error && <Alert type="error" showIcon title={error} role="alert" />}
    </Space>
  );
}
