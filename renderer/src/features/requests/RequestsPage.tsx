import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Empty, Input, Segmented, Select, Space, Spin, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import { normalizeKey, periodLabel, unitId } from '../../../../shared/model';
import { REQUEST_STATUS_LABELS, type RequestStatus } from '../../../../shared/requests/handling';
import { SOURCE_LABELS } from '../../../../shared/requests/labels';
import { buildRequestLedgerXlsx, LEDGER_KIND_LABELS, ledgerCounts, ledgerRows, scopeTitle, type RequestLedgerRow, type RequestLedgerScope } from '../../../../shared/requests/ledger';
import { ledgerReporting } from '../../../../shared/requests/quarterly';
import { periodOfDay } from '../../../../shared/tracking/dates';
import { REPORTING_STATE_LABELS } from '../../../../shared/tracking/reporting';
import { getDatabase } from '../../../db/database';
import { InputRefusedError } from '../../../db/plans';
import { submitLedger } from '../../../db/requests';
import { getPlatform } from '../../../platform';
import { useUi } from '../../store/ui';
import { RegisterDialog } from './RegisterDialog';
import { RequestDrawer, STATUS_COLORS } from './RequestDrawer';
import { useRequests } from './useRequests';
import { LedgerSubmissions } from './LedgerSubmissions';

type StatusFilter = 'all' | 'open' | 'overdue' | RequestStatus;

/** 诉求事项: register, route and handle requests; the three ledgers on screen and as .xlsx; the quarterly 区域台账. */
export function RequestsPage() {
  const { view, states, today, office, offices, isLead, error } = useRequests();
  const planId = useUi((s) => s.planId);
  const { message } = App.useApp();
  const [registering, setRegistering] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const [kind, setKind] = useState<RequestLedgerScope['kind'] | null>(null);
  const [scopeOffice, setScopeOffice] = useState<string | null>(null);
  const [status, setStatus] = useState<StatusFilter>('all');
  const [search, setSearch] = useState('');

  const ownsRequests = !!office && !!view?.requests.some((r) => normalizeKey(r.office) === normalizeKey(office));
  const scopeKind: RequestLedgerScope['kind'] = kind ?? (isLead ? 'all' : ownsRequests ? 'office' : office ? 'handler' : 'all');
  const chosen = scopeOffice ?? office ?? offices[0] ?? '';
  const scope: RequestLedgerScope = scopeKind === 'all' ? { kind: 'all' } : scopeKind === 'office' ? { kind: 'office', office: chosen } : { kind: 'handler', unitId: unitId(chosen), name: chosen };

  const rows = useMemo(() => (view ? ledgerRows({ ...view, today, scope, states }) : []), [view, today, states, scope.kind, chosen]); // eslint-disable-line react-hooks/exhaustive-deps
  const counts = useMemo(() => ledgerCounts(rows), [rows]);
  const shown = useMemo(() => {
    const q = search.trim();
    return rows.filter((r) => {
      if (status === 'open' && r.state.status === 'closed') return false;
      if (status === 'overdue' && !r.overdue) return false;
      if (status !== 'all' && status !== 'open' && status !== 'overdue' && r.state.status !== status) return false;
      if (q && ![r.number, r.request.subject, r.request.content, r.request.sourceName, r.state.handler?.name ?? ''].some((t) => t.includes(q))) return false;
      return true;
    });
  }, [rows, status, search]);

  if (error) return <Alert type="error" showIcon title={error} />;
  if (!planId) return <Empty description="还没有计划。请先导入措施文件（如联络机制实施方案）。" />;
  if (!view) return <Spin description="正在读取…" style={{ display: 'block', marginTop: 120 }} />;

  const period = periodOfDay(today, view.plan.cadence);
  const own = office ? ledgerReporting({ plan: view.plan, requests: view.requests, ledgers: view.ledgers, office, period, today }) : null;
  const openRequest = openId ? (view.requests.find((r) => r.id === openId) ?? null) : null;

  async function exportLedger() {
    try {
      const bytes = await buildRequestLedgerXlsx({ ...view!, today, scope, states });
      const result = await getPlatform().saveFile({
        title: '导出诉求台账',
        suggestedName: `诉求事项${scopeTitle(scope)}_${today}.xlsx`,
        filters: [{ name: 'Excel 工作簿', extensions: ['xlsx'] }],
        bytes,
      });
      if (result.saved) message.success(result.location ? `已导出到 ${result.location}` : `${LEDGER_KIND_LABELS[scope.kind]}已导出`);
    } catch (e) {
      console.warn('export failed', e);
      message.error('导出失败，请重试');
    }
  }

  async function submitOwnLedger() {
    try {
      await submitLedger(getDatabase(), view!.plan.id, period);
      message.success(`已报送${periodLabel(period)}区域台账；请通过“文件同步”导出后交${view!.plan.owner.office}`);
    } catch (e) {
      message.error(e instanceof InputRefusedError ? e.message : '报送失败，请重试');
    }
  }

  // Buttons for the keyboard and screen readers too (Tab, then Enter or Space), as the 督办视图 figures are.
  const figure = (title: string, value: number, filter: StatusFilter, danger = false) => (
    <div
      role="button"
      tabIndex={0}
      aria-label={`${title} ${value}，只看这些诉求事项`}
      aria-pressed={status === filter}
      style={{ cursor: 'pointer' }}
      onClick={() => setStatus(filter)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          setStatus(filter);
        }
      }}
      data-testid={`request-count-${filter}`}
    >
      <Statistic title={title} value={value} styles={{ content: { color: danger && value ? '#b71c1c' : undefined } }} />
    </div>
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="requests-page">
      <Card size="small">
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <Space orientation="vertical" size={0}>
            <Typography.Title level={5} style={{ margin: 0 }}>
              诉求事项 · {scopeTitle(scope)}
            </Typography.Title>
            <Typography.Text type="secondary">
              {view.plan.title}；台账于{periodLabel(period)}末月 {view.plan.cadence.day} 日前报{view.plan.owner.office}
            </Typography.Text>
          </Space>
          <Space size="large">
            {figure('全部', counts.total, 'all')}
            {figure('待签转', counts.registered + counts.declined, 'registered')}
            {figure('待办理', counts.routed, 'routed')}
            {figure('办理中', counts.handling, 'handling')}
            {figure('已办结', counts.closed, 'closed')}
            {figure('逾期', counts.overdue, 'overdue', true)}
          </Space>
        </Space>
      </Card>

      <Card size="small">
        <Space wrap style={{ marginBottom: 12 }}>
          <Segmented
            value={scopeKind}
            onChange={(v) => setKind(v as RequestLedgerScope['kind'])}
            options={[
              { value: 'all', label: '总台账' },
              { value: 'office', label: '区域台账' },
              { value: 'handler', label: '办理台账' },
            ]}
            data-testid="ledger-kind"
          />
          {scopeKind !== 'all' && (
            <Select
              aria-label={scopeKind === 'office' ? '受理单位' : '承办部门'}
              showSearch={{ optionFilterProp: 'label' }}
              value={chosen}
              onChange={(v: string) => setScopeOffice(v)}
              options={offices.map((o) => ({ value: o, label: o }))}
              style={{ width: 240 }}
            />
          )}
          <Select
            aria-label="状态"
            value={status}
            onChange={(v: StatusFilter) => setStatus(v)}
            options={[
              { value: 'all', label: '全部状态' },
              { value: 'open', label: '未办结' },
              { value: 'overdue', label: '逾期' },
              ...(['registered', 'routed', 'declined', 'handling', 'closed'] as const).map((s) => ({ value: s, label: REQUEST_STATUS_LABELS[s] })),
            ]}
            style={{ width: 130 }}
          />
          <Input.Search allowClear placeholder="编号、事项、诉求单位、承办部门" onChange={(e) => setSearch(e.target.value)} style={{ width: 260 }} />
          <Button onClick={() => void exportLedger()} data-testid="export-request-ledger">
            导出{LEDGER_KIND_LABELS[scope.kind]}（Excel）
          </Button>
          {office && (
            <Button type="primary" onClick={() => setRegistering(true)} data-testid="register-request">
              登记诉求
            </Button>
          )}
          {own && own.state !== 'none' && (
            <Tooltip title={`${periodLabel(period)}区域台账应于 ${own.due} 前报${view.plan.owner.office}`}>
              <Button onClick={() => void submitOwnLedger()} data-testid="submit-ledger">
                报送本期区域台账（{REPORTING_STATE_LABELS[own.state]}）
              </Button>
            </Tooltip>
          )}
        </Space>
        <Table<RequestLedgerRow>
          size="small"
          rowKey={(r) => r.request.id}
          dataSource={shown}
          data-testid="request-table"
          pagination={shown.length > 15 ? { pageSize: 15, showSizeChanger: false } : false}
          // Each row opens with a click, or from the keyboard: Tab to it, Enter or Space; named for screen readers.
          onRow={(r) => ({
            onClick: () => setOpenId(r.request.id),
            onKeyDown: (e: React.KeyboardEvent<HTMLElement>) => {
              if (e.target !== e.currentTarget || (e.key !== 'Enter' && e.key !== ' ')) return;
              e.preventDefault();
              setOpenId(r.request.id);
            },
            tabIndex: 0,
            'aria-label': `诉求事项 ${r.number}：${r.request.subject}，${REQUEST_STATUS_LABELS[r.state.status]}${r.overdue ? '，逾期' : ''}，按回车键查看和办理`,
            className: 'request-row',
            style: { cursor: 'pointer' },
          })}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="该台账暂无诉求事项" /> }}
          columns={[
            { title: '编号', dataIndex: 'number', width: 170, render: (n: string, r) => (r.duplicate ? <Tooltip title="编号重复，请登记单位重新编号"><Typography.Text type="warning">{n}</Typography.Text></Tooltip> : n) },
            { title: '来源', key: 'source', width: 160, ellipsis: true, render: (_: unknown, r) => `${SOURCE_LABELS[r.request.source]} · ${r.request.sourceName}` },
            { title: '诉求事项', key: 'subject', ellipsis: true, render: (_: unknown, r) => <Typography.Link>{r.request.subject}</Typography.Link> },
            { title: '受理单位', key: 'office', width: 140, ellipsis: true, render: (_: unknown, r) => r.request.office },
            { title: '受理日期', key: 'received', width: 100, render: (_: unknown, r) => r.request.receivedOn },
            { title: '承办部门', key: 'handler', width: 150, ellipsis: true, render: (_: unknown, r) => r.state.handler?.name ?? <Typography.Text type="secondary">未签转</Typography.Text> },
            { title: '办理时限', key: 'due', width: 100, render: (_: unknown, r) => (r.overdue ? <Typography.Text type="danger">{r.state.route?.dueDate}</Typography.Text> : (r.state.route?.dueDate ?? '')) },
            { title: '办理方式', key: 'disposition', width: 120, render: (_: unknown, r) => (r.handling ? r.handling.split('：')[0] : '') },
            {
              title: '状态',
              key: 'status',
              width: 120,
              render: (_: unknown, r) => (
                <Space size={2}>
                  <Tag color={STATUS_COLORS[r.state.status]}>{REQUEST_STATUS_LABELS[r.state.status]}</Tag>
                  {r.overdue && <Tag color="red">逾期</Tag>}
                </Space>
              ),
            },
          ]}
        />
      </Card>

      {(isLead || view.ledgers.length > 0) && <LedgerSubmissions plan={view.plan} requests={view.requests} ledgers={view.ledgers} today={today} />}

      {office && <RegisterDialog open={registering} onClose={() => setRegistering(false)} planId={view.plan.id} office={office} onRegistered={(id) => setOpenId(id)} />}
      <RequestDrawer request={openRequest} state={openRequest ? (states.get(openRequest.id) ?? null) : null} plan={view.plan} office={office} offices={offices} today={today} onClose={() => setOpenId(null)} />
    </Space>
  );
}
