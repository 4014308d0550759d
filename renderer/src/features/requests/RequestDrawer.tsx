import { useMemo, useState } from 'react';
import { Alert, App, AutoComplete, Button, DatePicker, Descriptions, Drawer, Empty, Input, Radio, Segmented, Space, Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { DISPOSITIONS, MEETINGS, SATISFACTIONS, type Plan, type RequestEvent, type ServiceRequest } from '../../../../shared/model';
import { allowedSteps, isOverdue, REQUEST_STATUS_LABELS, type RequestState } from '../../../../shared/requests/handling';
import { DISPOSITION_HINTS, DISPOSITION_LABELS, EVENT_LABELS, MEETING_LABELS, SATISFACTION_LABELS, SOURCE_LABELS, URGENCY_LABELS } from '../../../../shared/requests/labels';
import { describeDisposition } from '../../../../shared/requests/ledger';
import { requestNumber } from '../../../../shared/requests/numbering';
import { buildRoutingSlipDocx } from '../../../../shared/requests/routingSlip';
import { getDatabase } from '../../../db/database';
import { InputRefusedError } from '../../../db/plans';
import { handlingContext, recordStep, type StepInput } from '../../../db/requests';
import { getPlatform } from '../../../platform';

export const STATUS_COLORS: Record<RequestState['status'], string> = { registered: 'gold', routed: 'blue', declined: 'orange', handling: 'processing', closed: 'green' };

/** A step in one line for the history. */
function stepText(e: RequestEvent): string {
  switch (e.kind) {
    case 'route':
      return `签转至 ${e.handler}，办理时限 ${e.dueDate}，签转人 ${e.signer}${e.text ? `。${e.text}` : ''}`;
    case 'dispose':
      return describeDisposition(e);
    case 'close':
      return `答复：${e.reply}（${e.satisfaction ? SATISFACTION_LABELS[e.satisfaction] : ''}）`;
    default:
      return e.text;
  }
}

async function saveSlip(request: ServiceRequest, route: RequestEvent): Promise<boolean> {
  const bytes = await buildRoutingSlipDocx({ request, route });
  const result = await getPlatform().saveFile({
    title: '保存签转单',
    suggestedName: `签转单_${requestNumber(request)}.docx`,
    filters: [{ name: 'Word 文档', extensions: ['docx'] }],
    bytes,
  });
  return result.saved;
}

/** The forms for the steps this office may take now. */
function StepForms({ request, state, plan, office, offices, today }: { request: ServiceRequest; state: RequestState; plan: Plan; office: string; offices: string[]; today: string }) {
  const { message } = App.useApp();
  const allowed = useMemo(() => allowedSteps(request, state, office, handlingContext(plan)), [request, state, office, plan]);
  const [kind, setKind] = useState<RequestEvent['kind'] | null>(null);
  const active = kind && allowed.includes(kind) ? kind : (allowed[0] ?? null);
  const [fields, setFields] = useState<Partial<StepInput>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<StepInput>) => setFields((f) => ({ ...f, ...patch }));

  if (!allowed.length) {
    return <Typography.Text type="secondary">本机（{office}）对该诉求暂无可办理的步骤。</Typography.Text>;
  }

  async function submit() {
    if (!active) return;
    setBusy(true);
    setError(null);
    try {
      await recordStep(getDatabase(), { date: today, ...fields, requestId: request.id, kind: active });
      message.success(`已${EVENT_LABELS[active]}`);
      setFields({});
    } catch (e) {
      setError(e instanceof InputRefusedError ? e.message : '保存失败，请重试');
      if (!(e instanceof InputRefusedError)) console.warn('recordStep failed', e);
    } finally {
      setBusy(false);
    }
  }

  const text = (label: string, key: keyof StepInput, rows = 3, placeholder?: string) => (
    <div key={key}>
      <Typography.Text>{label}</Typography.Text>
      <Input.TextArea aria-label={label} rows={rows} value={(fields[key] as string | undefined) ?? ''} onChange={(e) => set({ [key]: e.target.value })} placeholder={placeholder} maxLength={5000} />
    </div>
  );
  const line = (label: string, key: keyof StepInput, placeholder?: string) => (
    <Space key={key}>
      <Typography.Text style={{ display: 'inline-block', width: 72 }}>{label}</Typography.Text>
      <Input aria-label={label} value={(fields[key] as string | undefined) ?? ''} onChange={(e) => set({ [key]: e.target.value })} placeholder={placeholder} style={{ width: 300 }} maxLength={200} />
    </Space>
  );
  const day = (label: string, key: keyof StepInput, fallback?: string) => (
    <Space key={key}>
      <Typography.Text style={{ display: 'inline-block', width: 72 }}>{label}</Typography.Text>
      <DatePicker
        aria-label={label}
        value={(fields[key] as string | undefined) ?? fallback ? dayjs(((fields[key] as string | undefined) ?? fallback)!) : null}
        onChange={(d) => set({ [key]: d ? d.format('YYYY-MM-DD') : '' })}
      />
    </Space>
  );

  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="step-forms">
      <Segmented value={active ?? undefined} onChange={(v) => (setKind(v as RequestEvent['kind']), setError(null))} options={allowed.map((k) => ({ value: k, label: k === 'decline' ? '退回' : k === 'route' && state.handler ? '重新签转' : EVENT_LABELS[k] }))} />
      {active === 'route' && (
        <>
          <Space>
            <Typography.Text style={{ display: 'inline-block', width: 72 }}>承办部门</Typography.Text>
            <AutoComplete
              aria-label="承办部门"
              value={fields.handler ?? ''}
              onChange={(v: string) => set({ handler: v })}
              options={offices.map((o) => ({ value: o }))}
              filterOption={(input, option) => String(option?.value ?? '').includes(input)}
              placeholder="选择或填写承办处室（单位）"
              style={{ width: 300 }}
            />
          </Space>
          {day('办理时限', 'dueDate')}
          {line('签转人', 'signer', '签转人姓名')}
          {text('签转意见', 'text', 2, '如：请按职责办理，并于办理时限前反馈办理结果')}
        </>
      )}
      {active === 'decline' && text('退回理由', 'text', 3, '写明为何不属于本单位职责，建议转交的处室（单位）')}
      {active === 'dispose' && (
        <>
          <Radio.Group value={fields.disposition ?? undefined} onChange={(e) => set({ disposition: e.target.value as string })} options={DISPOSITIONS.map((d) => ({ value: d, label: DISPOSITION_LABELS[d] }))} />
          {fields.disposition && <Typography.Text type="secondary">{DISPOSITION_HINTS[fields.disposition as (typeof DISPOSITIONS)[number]]}</Typography.Text>}
          {fields.disposition === 'immediate' && text('办理结果', 'text')}
          {fields.disposition === 'study' && (
            <>
              {text('解决方案', 'solution')}
              <Radio.Group value={fields.meeting ?? undefined} onChange={(e) => set({ meeting: e.target.value as string })} options={MEETINGS.map((m) => ({ value: m, label: MEETING_LABELS[m] }))} />
              {day('会议日期', 'meetingDate')}
              {text('会议决定', 'decision', 2)}
            </>
          )}
          {fields.disposition === 'unsupported' && (
            <>
              {text('解释说明', 'text', 3, '向诉求方所作的解释说明')}
              {text('政策依据', 'policyBasis', 2, '现行政策规定或不具备办理条件的原因')}
              {text('后续跟踪', 'followUp', 2, '需持续跟踪的政策调整事项')}
            </>
          )}
          {fields.disposition === 'other-body' && (
            <>
              {line('协调部门', 'body', '如：市经济信息委')}
              {line('协调渠道', 'channel', '如：“八张问题清单”数字平台')}
              {text('协调情况', 'text', 2)}
            </>
          )}
        </>
      )}
      {active === 'progress' && text('办理进展', 'text', 3, state.disposition?.disposition === 'unsupported' ? '政策跟踪情况' : undefined)}
      {active === 'close' && (
        <>
          {text('答复内容', 'reply', 3, '向诉求方反馈的办理结果')}
          <Space>
            <Typography.Text style={{ display: 'inline-block', width: 72 }}>满意度</Typography.Text>
            <Radio.Group value={fields.satisfaction ?? undefined} onChange={(e) => set({ satisfaction: e.target.value as string })} options={SATISFACTIONS.map((s) => ({ value: s, label: SATISFACTION_LABELS[s] }))} />
          </Space>
        </>
      )}
      {active === 'reopen' && text('重新办理的理由', 'text', 2)}
      {active && day('日期', 'date', today)}
      {error && <Alert type="error" showIcon title={error} role="alert" />}
      <Button type="primary" loading={busy} onClick={() => void submit()} data-testid="step-submit">
        {active === 'decline' ? '退回' : active === 'dispose' ? '保存办理方式' : active === 'route' ? '签转' : active === 'close' ? '办结' : '保存'}
      </Button>
    </Space>
  );
}

/** One request: what was asked, where it stands, its history, and the steps this PC's office may take. */
export function RequestDrawer({
  request,
  state,
  plan,
  office,
  offices,
  today,
  onClose,
}: {
  request: ServiceRequest | null;
  state: RequestState | null;
  plan: Plan;
  office: string | null;
  offices: string[];
  today: string;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  if (!request || !state) return <Drawer open={false} onClose={onClose} />;
  const overdue = isOverdue(state, today);
  return (
    <Drawer open size={760} onClose={onClose} title={`${requestNumber(request)}　${request.subject}`} destroyOnHidden data-testid="request-drawer">
      <Space orientation="vertical" style={{ width: '100%' }} size="middle">
        <Space>
          <Tag color={STATUS_COLORS[state.status]}>{REQUEST_STATUS_LABELS[state.status]}</Tag>
          {overdue && <Tag color="red">逾期</Tag>}
          {request.urgency !== 'normal' && <Tag color="volcano">{URGENCY_LABELS[request.urgency]}</Tag>}
          {state.route && (
            <Button
              size="small"
              onClick={() =>
                void saveSlip(request, state.route!).then(
                  (saved) => saved && message.success('签转单已保存'),
                  () => message.error('签转单生成失败，请重试'),
                )
              }
              data-testid="print-slip"
            >
              打印签转单（Word）
            </Button>
          )}
        </Space>
        <Descriptions size="small" column={2} bordered styles={{ label: { whiteSpace: 'nowrap' } }}>
          <Descriptions.Item label="来源">{`${SOURCE_LABELS[request.source]}：${request.sourceName}`}</Descriptions.Item>
          <Descriptions.Item label="诉求人">{[request.requester, request.contact].filter(Boolean).join(' ') || '—'}</Descriptions.Item>
          <Descriptions.Item label="受理单位">{request.office}</Descriptions.Item>
          <Descriptions.Item label="受理日期">{request.receivedOn}</Descriptions.Item>
          <Descriptions.Item label="承办部门">{state.handler?.name ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="办理时限">{state.route?.dueDate ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="诉求内容" span={2}>
            <Typography.Paragraph style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}>{request.content}</Typography.Paragraph>
          </Descriptions.Item>
          {state.disposition && (
            <Descriptions.Item label="办理方式" span={2}>
              {describeDisposition(state.disposition)}
            </Descriptions.Item>
          )}
          {state.closure && (
            <Descriptions.Item label="办结答复" span={2}>
              {`${state.closure.date}：${state.closure.reply}（${SATISFACTION_LABELS[state.closure.satisfaction!]}）`}
            </Descriptions.Item>
          )}
          {request.attachments.length > 0 && (
            <Descriptions.Item label="附件" span={2}>
              {request.attachments.map((a) => a.name).join('、')}
            </Descriptions.Item>
          )}
        </Descriptions>
        <div>
          <Typography.Title level={5}>办理记录</Typography.Title>
          {state.history.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="已登记，尚未签转" />
          ) : (
            <Timeline
              items={state.history.map((h) => ({
                color: h.ignored ? 'gray' : h.event.kind === 'close' ? 'green' : h.event.kind === 'decline' ? 'orange' : 'blue',
                content: (
                  <div>
                    <Typography.Text strong>{`${h.event.date} ${h.event.actor} ${EVENT_LABELS[h.event.kind]}`}</Typography.Text>
                    <div>{stepText(h.event)}</div>
                    {h.ignored && <Typography.Text type="secondary">（未计入：{h.ignored}）</Typography.Text>}
                  </div>
                ),
              }))}
            />
          )}
        </div>
        <div>
          <Typography.Title level={5}>办理</Typography.Title>
          {office ? (
            <StepForms key={`${request.id}-${state.history.length}`} request={request} state={state} plan={plan} office={office} offices={offices} today={today} />
          ) : (
            <Typography.Text type="secondary">请先设置本机所属单位。</Typography.Text>
          )}
        </div>
      </Space>
    </Drawer>
  );
}
