import { useMemo } from 'react';
import { Alert, Button, Card, Col, Empty, Row, Space, Spin, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import type { EChartsCoreOption } from 'echarts/core';
import { periodLabel } from '../../../../shared/model';
import { MATRIX_CELL_LABELS, reportingMatrix, statusDistribution, summarizeLeadUnits, type LeadUnitSummary, type MatrixCell } from '../../../../shared/reports/supervisor';
import { LIGHTS, LIGHT_LABELS } from '../../../../shared/tracking/standing';
import type { TaskFilter } from '../../../../shared/tracking/taskFilter';
import { EChart } from '../../components/EChart';
import { LIGHT_COLORS, LIGHT_RULES } from '../../components/LightDot';
import { useTaskTable } from '../../store/taskTable';
import { usePlanData } from '../../store/usePlanData';
import { useUi } from '../../store/ui';

const CELL_COLORS: Record<MatrixCell, { bg: string; fg: string }> = {
  reported: { bg: '#e8f5e9', fg: '#1b5e20' },
  late: { bg: '#fff8e1', fg: '#8d6e00' },
  missing: { bg: '#ffebee', fg: '#b71c1c' },
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

/** 督办视图: each lead unit's standing, who reported in which period, completion and status charts; click through to tasks. */
/** Text for the chart's HTML tooltip: unit names are user data. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function SupervisorPage() {
  const { data, derived, today, loading, error } = usePlanData();
  const showTasks = useTaskTable((s) => s.showTasks);
  const go = useUi((s) => s.go);
  const openTasks = (filter: TaskFilter) => {
    showTasks(filter);
    go('tasks');
  };

  const input = useMemo(() => (data && derived ? { ...data, today, standings: derived.standings } : null), [data, derived, today]);
  const summaries = useMemo(() => (input ? summarizeLeadUnits(input) : []), [input]);
  const matrix = useMemo(() => (input ? reportingMatrix({ ...input, maxPeriods: 8 }) : null), [input]);
  const statuses = useMemo(() => (input ? statusDistribution(input) : []), [input]);
  const lights = useMemo(() => {
    const out = { red: 0, yellow: 0, green: 0, grey: 0 };
    if (derived) for (const s of derived.standings.values()) out[s.light]++;
    return out;
  }, [derived]);

  // The top 20 lead units, shown in the chart in this order (bottom to top).
  const chartUnits = useMemo(() => [...summaries].sort((a, b) => b.led - a.led).slice(0, 20).reverse(), [summaries]);
  const completionOption = useMemo<EChartsCoreOption>(() => {
    const top = chartUnits;
    const series = (name: string, color: string, pick: (s: LeadUnitSummary) => number) => ({ name, type: 'bar', stack: 'all', itemStyle: { color }, data: top.map(pick), barMaxWidth: 18 });
    // Categories are positions, never unit names: the chart library keys objects by category, and a unit named
    // "__proto__" or "constructor" must not break the page. Names come in through the label and tooltip.
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
      series: [
        series('已销号', '#46a758', (s) => s.done),
        series('待销号', '#95de64', (s) => s.claimedDone),
        series('推进中', '#1677ff', (s) => s.inProgress),
        series('未报送', '#d9d9d9', (s) => s.notReported),
      ],
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
  if (!data || !derived || !matrix) {
    if (!loading && !useUi.getState().planId) return <Empty description="还没有计划。请先导入措施文件。" />;
    return <Spin description="正在汇总…" style={{ display: 'block', marginTop: 120 }} />;
  }

  const notReportedUnits = summaries.filter((s) => !s.reportedThisPeriod).length;
  const awaiting = summaries.reduce((n, s) => n + s.claimedDone, 0);
  const currentPeriod = matrix.periods[matrix.periods.length - 1];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="supervisor-view">
      <Card size="small">
        <Row gutter={24} align="middle">
          <Col flex="auto">
            <Typography.Title level={5} style={{ margin: 0 }}>
              {data.plan.title}
            </Typography.Title>
            <Typography.Text type="secondary">
              {currentPeriod ? `本期：${periodLabel(currentPeriod)}，应于 ${matrix.dueDates[currentPeriod]} 前报送` : ''}
            </Typography.Text>
          </Col>
          <Col>
            <Space size="large">
              <Statistic title="任务" value={data.tasks.length} suffix="项" />
              {LIGHTS.map((l) => (
                <Tooltip key={l} title={LIGHT_RULES[LIGHTS.indexOf(l)]}>
                  <div style={{ cursor: 'pointer' }} onClick={() => openTasks({ lights: [l] })} data-testid={`light-count-${l}`}>
                    <Statistic
                      title={
                        <Space size={4}>
                          <span style={{ display: 'inline-block', width: 10, height: 10, borderRadius: 5, background: LIGHT_COLORS[l] }} />
                          {LIGHT_LABELS[l]}
                        </Space>
                      }
                      value={lights[l]}
                    />
                  </div>
                </Tooltip>
              ))}
              <div style={{ cursor: 'pointer' }} onClick={() => openTasks({ awaitingConfirmOnly: true })}>
                <Statistic title="待销号" value={awaiting} />
              </div>
              <Statistic title="本期未报齐的单位" value={notReportedUnits} styles={{ content: { color: notReportedUnits ? '#b71c1c' : undefined } }} />
            </Space>
          </Col>
        </Row>
      </Card>

      <Card size="small" title="各牵头单位情况" extra={<Typography.Text type="secondary">点击单位查看其牵头的任务</Typography.Text>}>
        <Table<LeadUnitSummary>
          size="small"
          rowKey="unitId"
          dataSource={summaries}
          pagination={summaries.length > 15 ? { pageSize: 15, showSizeChanger: false } : false}
          data-testid="lead-unit-table"
          onRow={(s) => ({ onClick: () => openTasks({ unitId: s.unitId, role: 'lead' }), style: { cursor: 'pointer' } })}
          columns={[
            { title: '牵头单位', dataIndex: 'name', render: (name: string) => <Typography.Link>{name}</Typography.Link> },
            { title: '牵头任务', dataIndex: 'led', width: 90, sorter: (a, b) => a.led - b.led },
            { title: '已销号', dataIndex: 'done', width: 80 },
            { title: '待销号', dataIndex: 'claimedDone', width: 80 },
            { title: '推进中', dataIndex: 'inProgress', width: 80 },
            {
              title: '逾期（红灯）',
              dataIndex: 'late',
              width: 110,
              sorter: (a, b) => a.late - b.late,
              render: (n: number) => (n ? <Typography.Text type="danger" strong>{n}</Typography.Text> : 0),
            },
            {
              title: '红黄绿灯',
              key: 'lights',
              width: 170,
              render: (_: unknown, s) => (
                <Space size={6}>
                  {LIGHTS.filter((l) => s.lights[l]).map((l) => (
                    <Tooltip key={l} title={`${LIGHT_LABELS[l]} ${s.lights[l]} 项`}>
                      <span>
                        <span style={{ display: 'inline-block', width: 10, height: 10, borderRadius: 5, background: LIGHT_COLORS[l], marginInlineEnd: 3 }} />
                        {s.lights[l]}
                      </span>
                    </Tooltip>
                  ))}
                </Space>
              ),
            },
            { title: '最近报送', dataIndex: 'lastReportDate', width: 110, render: (d: string | null) => d ?? <Typography.Text type="secondary">从未报送</Typography.Text> },
            {
              title: '本期报送',
              key: 'period',
              width: 130,
              render: (_: unknown, s) =>
                s.reportedThisPeriod ? (
                  <Tag color="green">已报齐</Tag>
                ) : (
                  <Tag color="red">
                    未报齐 {s.reportedThisPeriodCount}/{s.dueThisPeriodCount}
                  </Tag>
                ),
            },
          ]}
        />
      </Card>

      <Row gutter={16}>
        <Col span={14}>
          <Card size="small" title="各单位完成情况（牵头任务数前 20 名）">
            <EChart
              option={completionOption}
              height={Math.max(260, Math.min(20, summaries.length) * 26 + 60)}
              testId="chart-completion"
              onClick={(e) => {
                const unit = chartUnits[e.dataIndex];
                if (unit) openTasks({ unitId: unit.unitId, role: 'lead' });
              }}
            />
          </Card>
        </Col>
        <Col span={10}>
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
        </Col>
      </Row>

      <Card size="small" title="各单位报送情况" extra={<Typography.Text type="secondary">绿色已报，黄色迟报，红色未报</Typography.Text>}>
        <Table
          size="small"
          rowKey="unitId"
          data-testid="report-matrix"
          dataSource={matrix.rows}
          pagination={matrix.rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: '单位', dataIndex: 'name', fixed: 'left', width: 180 },
            ...matrix.periods.map((p) => ({
              title: periodLabel(p),
              key: p,
              width: 120,
              align: 'center' as const,
              render: (_: unknown, row: (typeof matrix.rows)[number]) => {
                const cell = row.cells[p]!;
                const c = row.counts[p]!;
                return (
                  <Tooltip title={`${row.name} ${periodLabel(p)}：报送 ${c.reported}/${c.expected} 项（截止 ${matrix.dueDates[p]}）`}>
                    <div
                      data-cell={cell}
                      onClick={() => openTasks({ unitId: row.unitId })}
                      style={{ background: CELL_COLORS[cell].bg, color: CELL_COLORS[cell].fg, borderRadius: 4, padding: '2px 6px', cursor: 'pointer' }}
                    >
                      {MATRIX_CELL_LABELS[cell]} {c.reported}/{c.expected}
                    </div>
                  </Tooltip>
                );
              },
            })),
          ]}
        />
      </Card>
    </Space>
  );
}
