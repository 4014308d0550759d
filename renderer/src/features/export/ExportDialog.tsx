import { useMemo, useState } from 'react';
import { Alert, App, Checkbox, Form, Modal, Radio, Select, Space, Typography } from 'antd';
import { comparePeriods, periodLabel } from '../../../../shared/model';
import { periodOfDay } from '../../../../shared/tracking/dates';
import { OPTIONAL_LEDGER_COLUMNS, LEDGER_COLUMNS, type LedgerScope, type OptionalLedgerColumn } from '../../../../shared/reports/ledger';
import type { NoticeKind } from '../../../../shared/reports/docs/notice';
import { getPlatform } from '../../../platform';
import { usePlanData } from '../../store/usePlanData';
import { buildExport, EXPORT_KINDS, type ExportRequest } from './exportDocuments';
import { compareNames } from '../../../../shared/text/compareNames';

const HINTS: Record<ExportRequest['kind'], string> = {
  ledger: '台账按任务分解表的格式排版，A4 横向打印，文字不缩小，每行按内容自动调整行高，页脚有“第 N 页 共 M 页”。',
  notice: '通报含总体情况、各牵头单位推进情况（滞后、逾期任务）、未报送单位，附任务推进情况表；按公文格式排版，可在 WPS 或 Word 中修改定稿。',
  urge: '催办通知单列出该单位牵头的逾期或本期未报送的任务，附回执。',
  'unit-report': '进展情况报告根据该单位本期填报的进展生成，可打印盖章后随同步文件报送。',
  form: '填报表供未安装本软件的单位填写：任务信息已锁定，单位在 Excel 或 WPS 中填写状态和进展后发回，在“文件同步”页导入。',
};

const columnLabel = (key: OptionalLedgerColumn) => LEDGER_COLUMNS.find((c) => c.key === key)!.header;

/** Export the 台账 (whole plan, one unit, one period, optional columns), the Word documents, or a unit's 填报表. */
export function ExportDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { data, derived, today, ownUnitId } = usePlanData();
  const { message } = App.useApp();
  const [kind, setKind] = useState<ExportRequest['kind']>('ledger');
  const [scope, setScope] = useState<LedgerScope['kind']>('all');
  const [columns, setColumns] = useState<OptionalLedgerColumn[]>([...OPTIONAL_LEDGER_COLUMNS]);
  const [noticeKind, setNoticeKind] = useState<NoticeKind>('supervision');
  const [unitId, setUnitId] = useState<string | undefined>(undefined);
  const [period, setPeriod] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const periods = useMemo(() => {
    if (!open || !data) return [];
    // Periods that have begun: the current one and those reported before it.
    const current = periodOfDay(today, data.plan.cadence);
    const set = new Set<string>([current]);
    for (const r of data.reports) if (comparePeriods(r.period, current) <= 0) set.add(r.period);
    return [...set].sort(comparePeriods).reverse();
  }, [open, data, today]);
  const units = useMemo(() => (data ? [...data.units].sort((a, b) => compareNames(a.name, b.name)) : []), [data]);
  const chosenUnit = unitId ?? ownUnitId ?? undefined;
  const chosenPeriod = period ?? periods[0];

  function request(): ExportRequest | string {
    const needUnit = () => (chosenUnit ? chosenUnit : null);
    switch (kind) {
      case 'ledger': {
        if (scope === 'unit') {
          const id = needUnit();
          if (!id) return '请选择单位';
          return { kind, scope: { kind: 'unit', unitId: id }, columns };
        }
        if (scope === 'period') {
          if (!chosenPeriod) return '请选择报送周期';
          return { kind, scope: { kind: 'period', period: chosenPeriod }, columns };
        }
        return { kind, scope: { kind: 'all' }, columns };
      }
      case 'notice':
        if (!chosenPeriod) return '请选择报送周期';
        return { kind, period: chosenPeriod, noticeKind };
      default: {
        const id = needUnit();
        if (!id) return '请选择单位';
        if (!chosenPeriod) return '请选择报送周期';
        return { kind, period: chosenPeriod, unitId: id };
      }
    }
  }

  async function run() {
    if (!data || !derived) return;
    setError(null);
    const req = request();
    if (typeof req === 'string') return setError(req);
    setBusy(true);
    try {
      const file = await buildExport(data.plan.id, derived.standings, today, req);
      const result = await getPlatform().saveFile({ title: `导出${file.label}`, suggestedName: file.suggestedName, filters: file.filters, bytes: file.bytes });
      if (result.saved) {
        message.success(result.location ? `${file.label}已导出到 ${result.location}` : `${file.label}已导出`);
        onClose();
      }
    } catch (e) {
      console.warn('export failed', e);
      setError('导出失败，请重试');
    } finally {
      setBusy(false);
    }
  }

  const unitSelect = (onPick?: () => void) => (
    <Select
      aria-label="导出单位"
      showSearch={{ optionFilterProp: 'label' }}
      placeholder="选择单位"
      value={chosenUnit}
      onChange={(v: string) => {
        setUnitId(v);
        onPick?.();
      }}
      options={units.map((u) => ({ value: u.id, label: u.name }))}
      style={{ width: 240 }}
    />
  );
  const periodSelect = (onPick?: () => void) => (
    <Select
      aria-label="导出周期"
      placeholder="选择周期"
      value={chosenPeriod}
      onChange={(v: string) => {
        setPeriod(v);
        onPick?.();
      }}
      options={periods.map((p) => ({ value: p, label: periodLabel(p) }))}
      style={{ width: 180 }}
    />
  );

  return (
    <Modal open={open} title="导出" okText="导出" cancelText="取消" onOk={() => void run()} onCancel={onClose} confirmLoading={busy} destroyOnHidden width={780}>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Radio.Group
          aria-label="导出内容"
          optionType="button"
          buttonStyle="solid"
          value={kind}
          onChange={(e) => {
            setKind(e.target.value as ExportRequest['kind']);
            setError(null);
          }}
          options={EXPORT_KINDS}
        />
        {kind === 'ledger' && (
          <>
            <Radio.Group value={scope} onChange={(e) => setScope(e.target.value as LedgerScope['kind'])}>
              <Space orientation="vertical">
                <Radio value="all">整个计划（全部任务）</Radio>
                <Radio value="unit">
                  <Space>
                    一个单位的任务
                    {unitSelect(() => setScope('unit'))}
                  </Space>
                </Radio>
                <Radio value="period">
                  <Space>
                    一个报送周期
                    {periodSelect(() => setScope('period'))}
                  </Space>
                </Radio>
              </Space>
            </Radio.Group>
            <Form.Item label="可选列" style={{ marginBottom: 0 }}>
              <Checkbox.Group
                aria-label="可选列"
                value={columns}
                onChange={(v) => setColumns(OPTIONAL_LEDGER_COLUMNS.filter((c) => v.includes(c)))}
                options={OPTIONAL_LEDGER_COLUMNS.map((c) => ({ value: c, label: columnLabel(c) }))}
              />
            </Form.Item>
          </>
        )}
        {kind === 'notice' && (
          <Space wrap>
            <span>报送周期</span>
            {periodSelect()}
            <Radio.Group
              value={noticeKind}
              onChange={(e) => setNoticeKind(e.target.value as NoticeKind)}
              options={[
                { value: 'supervision', label: '督办通报' },
                { value: 'progress', label: '进展情况通报' },
              ]}
            />
          </Space>
        )}
        {(kind === 'urge' || kind === 'unit-report' || kind === 'form') && (
          <Space wrap>
            <span>单位</span>
            {unitSelect()}
            <span>报送周期</span>
            {periodSelect()}
          </Space>
        )}
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {HINTS[kind]}
        </Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} role="alert" />}
      </Space>
    </Modal>
  );
}
