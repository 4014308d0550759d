import { useMemo, useState } from 'react';
import { Alert, Card, Empty, Space, Spin, Tag, Tooltip, Typography } from 'antd';
import type { EChartsCoreOption } from 'echarts/core';
import { periodLabel } from '../../../../shared/model';
import { isReportingIncomplete, type Figure, type LeadUnitSummary, type SupervisorView } from '../../../../shared/reports/supervisor';
import { REPORTING_STATE_LABELS, type ReportingState } from '../../../../shared/tracking/reporting';
import { LIGHTS, LIGHT_LABELS, type Light } from '../../../../shared/tracking/standing';
import type { TaskFilter } from '../../../../shared/tracking/taskFilter';
import { FigureTable, type FigureColumn } from '../../components/FigureTable';
import { LazyChart as EChart } from '../../components/LazyChart';
import { LIGHT_COLORS, LIGHT_RULES } from '../../components/LightDot';
import { useTaskTable } from '../../store/taskTable';
import { usePlanData } from '../../store/usePlanData';
import { useUi } from '../../store/ui';
import { SupervisorExtras } from '../supervisorExtras/SupervisorExtras';
import { supervisorViewOf } from './supervisorViewOf';

type MatrixRow = SupervisorView['matrix']['rows'][number];

const NO_VIEW: Pick<SupervisorView, 'summaries' | 'statuses'> & Partial<SupervisorView> = { summaries: [], statuses: [] };

/** Colours of the reporting states (matrix cells and the 本期报送 tags). */
export const STATE_COLORS: Record<ReportingState, { bg: string; fg: string }> = {
  reported: { bg: '#e8f5e9', fg: '#1b5e20' },
  late: { bg: '#fff8e1', fg: '#8d6e00' },
  partial: { bg: '#fff1e0', fg: '#b45309' },
  missing: { bg: '#ffebee', fg: '#b71c1c' },
  'not-due': { bg: '#eef4ff', fg: '#1d4ed8' },
  none: { bg: '#f5f5f5', fg: '#8c8c8c' },
};
const STATUS_CHART_COLORS: Record<string, string> = {
  'not-started': '#bfbfbf',
  'in-progress': '#1677ff',
  done: '#46a758',
  ongoing: '#13c2c2',
  delayed: '#e5484d',
  paused: '#faad14',
  none: '#e8e8e8',
};
const COMPLETION_SERIES = [
  { name: '已销号', key: 'done', color: '#46a758' },
  { name: '待销号', key: 'claimedDone', color: '#95de64' },
  { name: '推进中', key: 'inProgress', color: '#1677ff' },
  { name: '未报送', key: 'notReported', color: '#d9d9d9' },
] as const;

/** Text for the chart's HTML tooltip: unit names are user data. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * A number that opens the task table filtered to exactly the rows it counts. A plain link (the lead-unit table holds
 * about two hundred of them: antd's Typography.Link costs several times more to render each).
 */
function FigureLink({ figure, testId, strong, danger, open }: { figure: Figure; testId?: string; strong?: boolean; danger?: boolean; open: (f: TaskFilter) => void }) {
  const go = (e: React.SyntheticEvent) => {
    e.stopPropagation();
    open(figure.filter);
  };
  return (
    <a
      className={`figure-link${figure.value ? (danger ? ' danger' : '') : ' zero'}`}
      role="button"
      tabIndex={0}
      data-testid={testId}
      data-value={figure.value}
      onClick={go}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          go(e);
        }
      }}
      style={strong ? { fontWeight: 600 } : undefined}
    >
      {figure.value}
    </a>
  );
}

function Stat({ title, label, figure, testId, open, color, hint }: { title: React.ReactNode; label?: string; figure: Figure; testId: string; open: (f: TaskFilter) => void; color?: string; hint?: string }) {
  const body = (
    <div
      className="stat"
      role="button"
      tabIndex={0}
      aria-label={`${label ?? (typeof title === 'string' ? title : '')} ${figure.value}，查看对应的任务`}
      style={{ cursor: 'pointer', minWidth: 56 }}
      onClick={() => open(figure.filter)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          open(figure.filter);
        }
      }}
      data-testid={testId}
      data-value={figure.value}
    >
      <div style={{ color: '#8c8c8c', fontSize: 13, whiteSpace: 'nowrap' }}>{title}</div>
      <div style={{ fontSize: 22, fontWeight: 600, color: figure.value ? color : undefined }}>{figure.value}</div>
    </div>
  );
  return hint ? <Tooltip title={hint}>{body}</Tooltip> : body;
}

function StateTag({ state, reported, expected }: { state: ReportingState; reported: number; expected: number }) {
  const c = STATE_COLORS[state];
  return (
    <span data-state={state} style={{ background: c.bg, color: c.fg, borderRadius: 4, padding: '1px 6px', whiteSpace: 'nowrap' }}>
      {REPORTING_STATE_LABELS[state]}
      {state !== 'none' && ` ${reported}/${expected}`}
    </span>
  );
}

/** 督办视图: each lead unit's standing, who reported in which period, completion and status charts; every number clicks through to its tasks. */
export function SupervisorPage() {
  const { data, derived, firstStandings, digestView, today, loading, error } = usePlanData();
  const showTasks = useTaskTable((s) => s.showTasks);
  const go = useUi((s) => s.go);
  const [onlyIncomplete, setOnlyIncomplete] = useState(false);
  const openTasks = (filter: TaskFilter) => {
    showTasks(filter);
    go('tasks');
  };

  // From every report once read; before, from the report digests (the same figures), when they can stand in.
  const view = useMemo(() => {
    if (!data) return null;
    if (derived) return supervisorViewOf(data, today, { derived });
    if (digestView && firstStandings) return supervisorViewOf(data, today, { digest: digestView, standings: firstStandings });
    return null;
  }, [data, derived, digestView, firstStandings, today]);
  const { summaries, figures, matrix, statuses } = view ?? NO_VIEW;
  const leadRows = summaries.filter((s) => s.unitId !== null);

  // The top 20 lead units, shown in the chart in this order (bottom to top).
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const chartUnits = useMemo(() => [...leadRows].sort((a, b) => b.led - a.led).slice(0, 20).reverse(), [summaries]);
  const completionOption = useMemo<EChartsCoreOption>(() => {
    const top = chartUnits;
    // Categories are positions, never unit names: the chart library keys objects by category, and a unit named
    // "__proto__" or "constructor" must not break the page. Names come in through the label and the tooltip.
    const nameAt = (index: unknown): string => top[Number(index)]?.name ?? '';
    return {
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (params: unknown) => {
          const items = params as { dataIndex: number; marker: string; seriesName: string; value: number }[];
          const head = escapeHtml(nameAt(items[0]?.dataIndex));
          return [head, ...items.map((p) => `${p.marker}${escapeHtml(p.seriesName)}：${p.value}`)].join('<br/>');
        },
      },
      legend: { top: 0 },
      grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: top.map((_, i) => String(i)), axisLabel: { width: 120, overflow: 'truncate', formatter: (value: string) => nameAt(value) } },
      series: COMPLETION_SERIES.map((x) => ({ name: x.name, type: 'bar', stack: 'all', itemStyle: { color: x.color }, data: top.map((s) => s[x.key]), barMaxWidth: 18 })),
    };
  }, [chartUnits]);
  const statusOption = useMemo<EChartsCoreOption>(
    () => ({
      tooltip: { trigger: 'item', formatter: '{b}：{c} 项（{d}%）' },
      legend: { bottom: 0 },
      series: [
        {
          type: 'pie',
          radius: ['40%', '68%'],
          top: -20,
          label: { formatter: '{b}\n{c}' },
          data: statuses.filter((s) => s.count > 0).map((s) => ({ name: s.label, value: s.count, itemStyle: { color: STATUS_CHART_COLORS[s.key] } })),
        },
      ],
    }),
    [statuses],
  );

  if (error) return <Alert type="error" showIcon title={error} />;
  if (!data || !view || !figures || !matrix) {
    if (!loading && !useUi.getState().planId) return <Empty description="还没有计划。请先导入措施文件。" />;
    return <Spin description="正在汇总…" style={{ display: 'block', marginTop: 120 }} />;
  }

  const duePassed = today > figures.periodDue;
  const tableRows = onlyIncomplete ? summaries.filter(isReportingIncomplete) : summaries;
  const link = (figure: Figure | undefined, testId: string, opts: { strong?: boolean; danger?: boolean } = {}) =>
    figure ? <FigureLink figure={figure} testId={testId} open={openTasks} {...opts} /> : <span className="muted">—</span>;
  const rowKey = (s: LeadUnitSummary) => s.unitId ?? 'no-lead';

  return (
    <div className="supervisor-view" data-testid="supervisor-view" data-from={derived ? 'reports' : 'digests'}>
      <Card size="small">
        <Typography.Title level={5} style={{ margin: 0 }} ellipsis={{ tooltip: data.plan.title }}>
          {data.plan.title}
        </Typography.Title>
        <Typography.Text type="secondary">
          本期：{periodLabel(figures.period)}，应于 {figures.periodDue} 前报送{duePassed ? '（已过截止日）' : ''}。点击任一数字查看对应的任务。
        </Typography.Text>
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: '8px 28px', marginTop: 10 }} data-testid="plan-figures">
          <Stat title="任务" figure={figures.total} testId="fig-total" open={openTasks} />
          {LIGHTS.map((l: Light) => (
            <Stat
              key={l}
              title={
                <Space size={4}>
                  <span style={{ display: 'inline-block', width: 10, height: 10, borderRadius: 5, background: LIGHT_COLORS[l] }} />
                  {LIGHT_LABELS[l]}
                </Space>
              }
              label={LIGHT_LABELS[l]}
              hint={LIGHT_RULES[LIGHTS.indexOf(l)]}
              figure={figures.lights[l]}
              testId={`light-count-${l}`}
              open={openTasks}
            />
          ))}
          <Stat title="逾期" hint="已超过完成时限（含批准的延期）且未完成" figure={figures.overdue} testId="fig-overdue" open={openTasks} color="#b71c1c" />
          <Stat title="滞后" hint="责任单位自报进度滞后" figure={figures.delayed} testId="fig-delayed" open={openTasks} color="#b45309" />
          <Stat title="待销号" hint="牵头单位已报已完成、待督办单位销号的任务" figure={figures.awaitingConfirm} testId="fig-awaiting" open={openTasks} />
          <Stat
            title="本期未报"
            hint={`本期（${periodLabel(figures.period)}）还有责任单位未报送进展的任务`}
            figure={figures.unreported}
            testId="fig-unreported"
            open={openTasks}
            color={figures.missing.value ? '#b71c1c' : undefined}
          />
          {figures.noLead.value > 0 && <Stat title="未明确牵头单位" hint="没有牵头单位的任务，请在任务中指定" figure={figures.noLead} testId="fig-no-lead" open={openTasks} color="#b45309" />}
          <Tooltip title="本期已过截止日、仍未报齐的牵头单位（点击只看这些单位）">
            <div style={{ cursor: 'pointer' }} onClick={() => setOnlyIncomplete(true)} data-testid="fig-incomplete-units" data-value={figures.incompleteUnits.value}>
              <div style={{ color: '#8c8c8c', fontSize: 13, whiteSpace: 'nowrap' }}>本期未报齐的单位</div>
              <div style={{ fontSize: 22, fontWeight: 600, color: figures.incompleteUnits.value ? '#b71c1c' : undefined }}>{figures.incompleteUnits.value}</div>
            </div>
          </Tooltip>
        </div>
      </Card>

      <Card
        size="small"
        title="各牵头单位情况"
        extra={
          onlyIncomplete ? (
            <Tag closable color="red" onClose={() => setOnlyIncomplete(false)} data-testid="only-incomplete">
              只看本期未报齐的单位（{tableRows.length}）
            </Tag>
          ) : (
            <Typography.Text type="secondary">点击单位或数字查看对应任务</Typography.Text>
          )
        }
      >
        <FigureTable<LeadUnitSummary>
          rows={tableRows}
          rowKey={rowKey}
          pageSize={15}
          testId="lead-unit-table"
          rowProps={(s) => ({ onClick: () => openTasks(s.figures.led.filter), style: { cursor: 'pointer' }, 'data-unit': s.name }) as React.HTMLAttributes<HTMLTableRowElement>}
          columns={[
            {
              key: 'name',
              title: '牵头单位',
              cell: (s) =>
                s.unitId ? (
                  <a className="figure-link">{s.name}</a>
                ) : (
                  <a className="figure-link warning" style={{ fontWeight: 600 }}>
                    {s.name}
                  </a>
                ),
            },
            { key: 'led', title: '牵头任务', width: 92, sortValue: (s) => s.led, cell: (s) => link(s.figures.led, 'cell-led') },
            { key: 'done', title: '已销号', width: 68, cell: (s) => link(s.figures.done, 'cell-done') },
            { key: 'claimedDone', title: '待销号', width: 68, cell: (s) => link(s.figures.claimedDone, 'cell-claimed') },
            { key: 'inProgress', title: '推进中', width: 68, cell: (s) => link(s.figures.inProgress, 'cell-progress') },
            { key: 'notReported', title: '未报送', width: 68, cell: (s) => link(s.figures.notReported, 'cell-not-reported') },
            {
              key: 'overdue',
              title: '逾期',
              hint: '已超过完成时限（含批准的延期）且未完成',
              width: 72,
              sortValue: (s) => s.overdue,
              cell: (s) => link(s.figures.overdue, 'cell-overdue', { strong: true, danger: true }),
            },
            { key: 'delayed', title: '滞后', hint: '责任单位自报进度滞后', width: 64, cell: (s) => link(s.figures.delayed, 'cell-delayed', { danger: true }) },
            {
              key: 'lights',
              title: '红黄绿灯',
              width: 160,
              cell: (s) => (
                <span style={{ display: 'inline-flex', flexWrap: 'wrap', gap: 8 }}>
                  {LIGHTS.filter((l) => s.lights[l]).map((l) => (
                    <span key={l} title={`${LIGHT_LABELS[l]} ${s.lights[l]} 项`} style={{ whiteSpace: 'nowrap' }}>
                      <span style={{ display: 'inline-block', width: 10, height: 10, borderRadius: 5, background: LIGHT_COLORS[l], marginInlineEnd: 3 }} />
                      {link(s.figures[l], `cell-light-${l}`)}
                    </span>
                  ))}
                </span>
              ),
            },
            { key: 'lastReportDate', title: '最近报送', width: 100, cell: (s) => s.lastReportDate ?? <span className="muted">从未报送</span> },
            {
              key: 'period',
              title: '本期报送',
              width: 130,
              cell: (s) =>
                s.period && s.figures.periodExpected ? (
                  <span
                    data-testid="cell-period"
                    data-value={s.figures.periodExpected.value}
                    style={{ cursor: 'pointer' }}
                    onClick={(e) => {
                      e.stopPropagation();
                      openTasks(s.figures.periodExpected!.filter);
                    }}
                  >
                    <StateTag state={s.period.state} reported={s.period.reported} expected={s.period.expected} />
                  </span>
                ) : (
                  <span className="muted">—</span>
                ),
            },
          ]}
        />
      </Card>

      {/* Two columns, 14:10 (a CSS grid: antd's Row and Col would generate their whole responsive stylesheet here). */}
      <div style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 14fr) minmax(0, 10fr)', gap: 16 }}>
        <div>
          <Card size="small" title="各单位完成情况（牵头任务数前 20 名）">
            <EChart
              option={completionOption}
              height={Math.max(260, Math.min(20, leadRows.length) * 26 + 60)}
              testId="chart-completion"
              onClick={(e) => {
                const unit = chartUnits[e.dataIndex];
                const series = COMPLETION_SERIES.find((x) => x.name === e.seriesName);
                if (unit) openTasks((series ? unit.figures[series.key] : unit.figures.led).filter);
              }}
            />
          </Card>
        </div>
        <div>
          <Card size="small" title="任务状态分布">
            <EChart
              option={statusOption}
              height={320}
              testId="chart-status"
              onClick={(e) => {
                const status = statuses.find((s) => s.label === e.name);
                if (status) openTasks({ statuses: [status.key] });
              }}
            />
          </Card>
        </div>
      </div>

      <Card
        size="small"
        title="各单位报送情况"
        extra={
          <Space size={6} wrap>
            {(['reported', 'late', 'partial', 'missing', 'not-due'] as const).map((s) => (
              <span key={s} style={{ background: STATE_COLORS[s].bg, color: STATE_COLORS[s].fg, borderRadius: 4, padding: '0 6px' }}>
                {REPORTING_STATE_LABELS[s]}
              </span>
            ))}
          </Space>
        }
      >
        <FigureTable<MatrixRow>
          rows={matrix.rows}
          rowKey={(row) => row.unitId}
          pageSize={20}
          testId="report-matrix"
          columns={[
            { key: 'name', title: '牵头单位', sticky: true, width: 180, cell: (row) => row.name },
            ...matrix.periods.map(
              (p): FigureColumn<MatrixRow> => ({
                key: p,
                title: `${periodLabel(p)}${p === matrix.currentPeriod ? '（本期）' : ''}`,
                hint: `截止 ${matrix.dueDates[p]}`,
                width: 130,
                align: 'center',
                cell: (row) => {
                  const state = row.cells[p]!;
                  const c = row.counts[p]!;
                  return (
                    <div
                      title={`${row.name} ${periodLabel(p)}：应报 ${c.expected} 项，已报 ${c.reported} 项（截止 ${matrix.dueDates[p]}）`}
                      data-cell={state}
                      data-testid="matrix-cell"
                      data-unit={row.name}
                      data-period={p}
                      data-value={row.figures[p]!.value}
                      onClick={() => openTasks(row.figures[p]!.filter)}
                      style={{ cursor: 'pointer' }}
                    >
                      <StateTag state={state} reported={c.reported} expected={c.expected} />
                    </div>
                  );
                },
              }),
            ),
          ]}
        />
      </Card>
      <SupervisorExtras />
    </div>
  );
}
