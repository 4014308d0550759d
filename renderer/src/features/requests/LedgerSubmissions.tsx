import { useMemo } from 'react';
import { Card, Tooltip, Typography } from 'antd';
import { periodLabel, type Plan, type RequestLedger, type ServiceRequest } from '../../../../shared/model';
import { ledgerMatrix } from '../../../../shared/requests/quarterly';
import { dayOfDateTime } from '../../../../shared/tracking/dates';
import { REPORTING_STATE_LABELS, type ReportingState } from '../../../../shared/tracking/reporting';
import { useRequests } from './useRequests';
import { FigureTable, type FigureColumn } from '../../components/FigureTable';

type LedgerRow = ReturnType<typeof ledgerMatrix>['rows'][number];

const COLORS: Record<ReportingState, { bg: string; fg: string }> = {
  none: { bg: 'transparent', fg: '#999' },
  'not-due': { bg: '#f5f5f5', fg: '#595959' },
  reported: { bg: '#e8f5e9', fg: '#1b5e20' },
  late: { bg: '#fff8e1', fg: '#8d6e00' },
  partial: { bg: '#fff8e1', fg: '#8d6e00' },
  missing: { bg: '#ffebee', fg: '#b71c1c' },
};

/** 各区域联络组报送台账情况: liaison offices × periods, 未到期 / 已报 / 迟报 / 未报, due days from the plan's cadence. */
export function LedgerSubmissions({ plan, requests, ledgers, today }: { plan: Plan; requests: readonly ServiceRequest[]; ledgers: readonly RequestLedger[]; today: string }) {
  const matrix = useMemo(() => ledgerMatrix({ plan, requests, ledgers, today }), [plan, requests, ledgers, today]);
  return (
    <Card size="small" title="各区域联络组报送诉求台账情况" extra={<Typography.Text type="secondary">每期末月 {plan.cadence.day} 日前报{plan.owner.office}</Typography.Text>}>
      <FigureTable<LedgerRow>
        rows={matrix.rows}
        rowKey={(row) => row.office}
        testId="ledger-matrix"
        emptyText="尚无联络单位登记诉求"
        columns={[
          { key: 'office', title: '联络单位', sticky: true, width: 200, cell: (row) => row.office },
          ...matrix.periods.map(
            (p): FigureColumn<LedgerRow> => ({
              key: p,
              title: periodLabel(p),
              width: 130,
              align: 'center',
              cell: (row) => {
                const cell = row.cells[p]!;
                const when = cell.ledger ? `，${dayOfDateTime(cell.ledger.firstSubmittedAt)} 首次报送（${cell.ledger.requestIds.length} 件）` : '';
                return (
                  <Tooltip title={`${row.office} ${periodLabel(p)}：截止 ${matrix.dueDates[p]}${when}`}>
                    <div data-cell={cell.state} style={{ display: 'inline-block', minWidth: 72, background: COLORS[cell.state].bg, color: COLORS[cell.state].fg, borderRadius: 4, padding: '2px 6px' }}>
                      {REPORTING_STATE_LABELS[cell.state]}
                    </div>
                  </Tooltip>
                );
              },
            }),
          ),
        ]}
      />
    </Card>
  );
}

/** The 督办视图's section: the quarterly 诉求台账 submissions of the current plan (nothing when it has no requests). */
export function RequestLedgerSection() {
  const { view, today } = useRequests();
  if (!view || (view.requests.length === 0 && view.ledgers.length === 0)) return null;
  return <LedgerSubmissions plan={view.plan} requests={view.requests} ledgers={view.ledgers} today={today} />;
}
