import { useMemo, useState } from 'react';
import { Alert, App, Modal, Radio, Select, Space, Typography } from 'antd';
import { comparePeriods, periodLabel } from '../../../../shared/model';
import { periodOfDay } from '../../../../shared/tracking/dates';
import { buildLedgerXlsx, ledgerFileName, type LedgerScope } from '../../../../shared/reports/ledger';
import { getPlatform } from '../../../platform';
import { usePlanData } from '../../store/usePlanData';

/** Open/close state for the export dialog, kept where the button is. */
export function useExportDialog() {
  const [open, setOpen] = useState(false);
  return { show: () => setOpen(true), props: { open, onClose: () => setOpen(false) } };
}

/** Export the 台账 to .xlsx: the whole plan, one unit's tasks, or one reporting period. */
export function ExportDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { data, derived, today, ownUnitId } = usePlanData();
  const { message } = App.useApp();
  const [kind, setKind] = useState<LedgerScope['kind']>('all');
  const [unitId, setUnitId] = useState<string | undefined>(undefined);
  const [period, setPeriod] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const periods = useMemo(() => {
    if (!open || !data) return [];
    const set = new Set<string>([periodOfDay(today, data.plan.cadence)]);
    for (const r of data.reports) set.add(r.period);
    return [...set].sort(comparePeriods).reverse();
  }, [open, data, today]);
  const units = useMemo(() => (data ? [...data.units].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')) : []), [data]);

  async function run() {
    if (!data || !derived) return;
    setError(null);
    let scope: LedgerScope;
    if (kind === 'unit') {
      const id = unitId ?? ownUnitId ?? undefined;
      if (!id) return setError('请选择单位');
      scope = { kind: 'unit', unitId: id };
    } else if (kind === 'period') {
      const p = period ?? periods[0];
      if (!p) return setError('请选择报送周期');
      scope = { kind: 'period', period: p };
    } else scope = { kind: 'all' };
    setBusy(true);
    try {
      const bytes = await buildLedgerXlsx({ ...data, today, scope, standings: derived.standings });
      const result = await getPlatform().saveFile({
        title: '导出台账',
        suggestedName: ledgerFileName(data.plan, scope, data.units, today),
        filters: [{ name: 'Excel 工作簿', extensions: ['xlsx'] }],
        bytes,
      });
      if (result.saved) {
        message.success(result.location ? `台账已导出到 ${result.location}` : '台账已导出');
        onClose();
      }
    } catch (e) {
      console.warn('export failed', e);
      setError('导出失败，请重试');
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal open={open} title="导出台账（Excel）" okText="导出" cancelText="取消" onOk={() => void run()} onCancel={onClose} confirmLoading={busy} destroyOnHidden>
      <Radio.Group value={kind} onChange={(e) => setKind(e.target.value as LedgerScope['kind'])}>
        <Space orientation="vertical">
          <Radio value="all">整个计划（全部任务）</Radio>
          <Radio value="unit">
            <Space>
              一个单位的任务
              <Select
                aria-label="导出单位"
                showSearch={{ optionFilterProp: 'label' }}
                placeholder="选择单位"
                value={unitId ?? ownUnitId ?? undefined}
                onChange={(v: string) => {
                  setUnitId(v);
                  setKind('unit');
                }}
                options={units.map((u) => ({ value: u.id, label: u.name }))}
                style={{ width: 220 }}
              />
            </Space>
          </Radio>
          <Radio value="period">
            <Space>
              一个报送周期
              <Select
                aria-label="导出周期"
                placeholder="选择周期"
                value={period ?? periods[0]}
                onChange={(v: string) => {
                  setPeriod(v);
                  setKind('period');
                }}
                options={periods.map((p) => ({ value: p, label: periodLabel(p) }))}
                style={{ width: 180 }}
              />
            </Space>
          </Radio>
        </Space>
      </Radio.Group>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
        台账按任务分解表的格式排版，可直接打印（A4 横向）。
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginTop: 12 }} />}
    </Modal>
  );
}
