import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Form, Input, InputNumber, Select, Space, Tag, Typography } from 'antd';
import { DeleteOutlined, PaperClipOutlined } from '@ant-design/icons';
import { periodLabel, sha256Hex, REPORT_STATUSES, REPORT_STATUS_LABELS, type Action, type AttachmentRef, type Report, type ReportStatus, type Task } from '../../../../shared/model';
import { recentPeriods } from '../../../../shared/tracking/dates';
import { reportFormPrefill } from '../../../../shared/tracking/reporting';
import { AttachmentInputSchema, MAX_ATTACHMENT_MB, type AttachmentInput } from '../../../../shared/tracking/reportInput';
import { getDatabase } from '../../../db/database';
import { InputRefusedError } from '../../../db/plans';
import { saveReport } from '../../../db/tracking';
import { getPlatform } from '../../../platform';
import { usePlanView } from '../../store/planView';
import { formatSize } from './AttachmentLink';
import { TargetValueInputs } from '../targets/Targets';
import { OwnClockAlert } from '../sync/ClockAlerts';

const EVIDENCE_EXTENSIONS = ['pdf', 'ofd', 'doc', 'docx', 'wps', 'xls', 'xlsx', 'et', 'jpg', 'jpeg', 'png', 'zip', 'rar', '7z', 'txt'];

interface Props {
  task: Task;
  unitId: string;
  unitName: string;
  currentPeriod: string;
  /** This unit's reports on this task. */
  reports: readonly Report[];
  /** The task's actions (a 退回 in force changes what the form offers). */
  actions: readonly Action[];
}

/** The office's progress report for a period: status, 进展情况 / 存在问题 / 下步计划, 完成比例, 佐证材料. */
export function ReportForm({ task, unitId, unitName, currentPeriod, reports, actions }: Props) {
  const { message } = App.useApp();
  const applyReport = usePlanView((s) => s.applyReport);
  const cadence = usePlanView((s) => s.data?.plan.cadence);
  const periods = useMemo(() => (cadence && currentPeriod ? recentPeriods(currentPeriod, cadence, 4) : [currentPeriod]), [currentPeriod, cadence]);
  const [period, setPeriod] = useState(currentPeriod);
  // The saved report of the period, and the 退回 in force (a returned 已完成 is offered as 推进中): shared/tracking/reporting.ts.
  const prefill = useMemo(() => reportFormPrefill(reports, { task, unitId, period }, actions), [reports, task, unitId, period, actions]);
  const existing = prefill.report;
  const returned = prefill.returned;
  const [status, setStatus] = useState<ReportStatus | undefined>(undefined);
  const [progress, setProgress] = useState('');
  const [problems, setProblems] = useState('');
  const [nextSteps, setNextSteps] = useState('');
  const [percent, setPercent] = useState<number | null>(null);
  const [values, setValues] = useState<Record<string, string>>({});
  const [kept, setKept] = useState<AttachmentRef[]>([]);
  const [files, setFiles] = useState<(AttachmentInput & { sha256: string })[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  // Switching task or period loads that period's report (or an empty form).
  useEffect(() => {
    setStatus(prefill.status ?? undefined);
    setProgress(existing?.progress ?? '');
    setProblems(existing?.problems ?? '');
    setNextSteps(existing?.nextSteps ?? '');
    setPercent(existing?.percent ?? null);
    setValues(Object.fromEntries((existing?.values ?? []).map((v) => [v.target, String(v.value)])));
    setKept(existing?.attachments ?? []);
    setFiles([]);
    setError(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [task.id, period, existing?.id, existing?.stamp, returned?.id]);

  async function addFiles() {
    const picked = await getPlatform().openFiles({
      title: '选择佐证材料',
      filters: [{ name: '佐证材料（文档、表格、图片、压缩包）', extensions: EVIDENCE_EXTENSIONS }],
      multiple: true,
    });
    const accepted: (AttachmentInput & { sha256: string })[] = [];
    const refused: string[] = [];
    const known = new Set([...kept.map((k) => k.sha256), ...files.map((f) => f.sha256)]);
    for (const f of picked) {
      const check = AttachmentInputSchema.safeParse({ name: f.name, bytes: f.bytes });
      if (!check.success) {
        refused.push(check.error.issues[0]?.message ?? `附件「${f.name}」无法使用`);
        continue;
      }
      const sha256 = sha256Hex(f.bytes);
      if (known.has(sha256)) {
        message.info(`「${f.name}」已添加过，不重复添加`);
        continue;
      }
      known.add(sha256);
      accepted.push({ name: f.name, bytes: f.bytes, mime: '', sha256 });
    }
    setError(refused.length ? refused.join('；') : null);
    if (accepted.length) setFiles((prev) => [...prev, ...accepted]);
  }

  async function submit() {
    setSaving(true);
    setError(null);
    try {
      const report = await saveReport(getDatabase(), {
        planId: task.planId,
        taskId: task.id,
        unitId,
        period,
        status: status ?? null,
        progress,
        problems,
        nextSteps,
        percent,
        attachments: files.map(({ sha256: _sha, ...f }) => f),
        keepAttachments: kept,
        values: Object.entries(values).map(([target, value]) => ({ target, value })),
      });
      await applyReport(report);
      setFiles([]);
      message.success(`已保存「${unitName}」${periodLabel(period)}的进展`);
    } catch (e) {
      setError(e instanceof InputRefusedError ? e.message : '保存失败，没有写入任何数据，请重试');
      if (!(e instanceof InputRefusedError)) console.warn('saveReport failed', e);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Form layout="vertical" onFinish={() => void submit()} data-testid="report-form" requiredMark={false}>
      <OwnClockAlert consequence="本表的“本期”和可选的报送周期按本机日期推算，报送时间也取本机时间：请先校准本机日期和时间，再填报进展。" />
      <Space wrap style={{ marginBottom: 8 }}>
        <Select
          aria-label="报送周期"
          value={period}
          onChange={setPeriod}
          options={periods.map((p) => ({ value: p, label: `${periodLabel(p)}${p === currentPeriod ? '（本期）' : ''}` }))}
          style={{ width: 200 }}
        />
        {existing && returned ? <Tag color="red">已退回，待重新报送</Tag> : existing ? <Tag color="blue">已报送，修改后重新保存</Tag> : <Tag>本期尚未报送</Tag>}
      </Space>
      {returned && (
        <Alert
          type="warning"
          showIcon
          data-testid="report-returned"
          title={`督办单位于 ${returned.date} 退回${returned.unitId ? '了本单位的进展' : '，要求各责任单位重新报送'}${returned.text ? `，退回原因：${returned.text}` : ''}`}
          description={existing?.status === 'done' ? '退回后“已完成”不再作为当前状态，已改为“推进中”；请按退回意见修改后重新报送。' : '请按退回意见修改后重新报送。'}
          style={{ marginBottom: 12 }}
        />
      )}
      <Form.Item label="状态" htmlFor="report-status" style={{ marginBottom: 12 }}>
        <Select
          id="report-status"
          aria-label="状态"
          placeholder="请选择状态"
          value={status}
          onChange={setStatus}
          options={REPORT_STATUSES.map((s) => ({ value: s, label: REPORT_STATUS_LABELS[s] }))}
          style={{ width: 200 }}
        />
      </Form.Item>
      <Form.Item label="进展情况" htmlFor="report-progress" style={{ marginBottom: 12 }}>
        <Input.TextArea id="report-progress" autoSize={{ minRows: 3, maxRows: 10 }} value={progress} onChange={(e) => setProgress(e.target.value)} placeholder="本期做了哪些工作、取得什么成效" />
      </Form.Item>
      <Form.Item label="存在问题" htmlFor="report-problems" style={{ marginBottom: 12 }}>
        <Input.TextArea id="report-problems" autoSize={{ minRows: 1, maxRows: 6 }} value={problems} onChange={(e) => setProblems(e.target.value)} placeholder="没有可不填" />
      </Form.Item>
      <Form.Item label="下步计划" htmlFor="report-next" style={{ marginBottom: 12 }}>
        <Input.TextArea id="report-next" autoSize={{ minRows: 1, maxRows: 6 }} value={nextSteps} onChange={(e) => setNextSteps(e.target.value)} placeholder="没有可不填" />
      </Form.Item>
      <Form.Item label="完成比例（可不填）" htmlFor="report-percent" style={{ marginBottom: 12 }}>
        <InputNumber id="report-percent" min={0} max={100} precision={0} value={percent} onChange={(v) => setPercent(v)} suffix="%" style={{ width: 120 }} />
      </Form.Item>
      <TargetValueInputs targets={task.targets ?? []} values={values} onChange={setValues} />
      <Form.Item label={`佐证材料（每个文件不超过 ${MAX_ATTACHMENT_MB} MB）`} style={{ marginBottom: 12 }}>
        <Space orientation="vertical" style={{ width: '100%' }} size={4}>
          {kept.map((a) => (
            <Space key={a.sha256} data-testid="attachment-item">
              <PaperClipOutlined />
              <Typography.Text>{a.name}</Typography.Text>
              <Typography.Text type="secondary">{formatSize(a.size)}</Typography.Text>
              <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={`移除${a.name}`} onClick={() => setKept(kept.filter((k) => k !== a))} />
            </Space>
          ))}
          {files.map((f, i) => (
            <Space key={`${f.name}-${i}`} data-testid="attachment-item">
              <PaperClipOutlined />
              <Typography.Text>{f.name}</Typography.Text>
              <Typography.Text type="secondary">{formatSize(f.bytes.byteLength)}（待保存）</Typography.Text>
              <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={`移除${f.name}`} onClick={() => setFiles(files.filter((_, j) => j !== i))} />
            </Space>
          ))}
          <Button icon={<PaperClipOutlined />} onClick={() => void addFiles()}>
            添加佐证材料…
          </Button>
        </Space>
      </Form.Item>
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} />}
      <Button type="primary" htmlType="submit" loading={saving}>
        {existing ? '保存修改' : '提交进展'}
      </Button>
    </Form>
  );
}
