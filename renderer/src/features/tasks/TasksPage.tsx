import { lazy, memo, Suspense, useMemo, useRef } from 'react';
import { Alert, Button, Card, Empty, Segmented, Space, Spin, Typography } from 'antd';
import { ExportOutlined } from '@ant-design/icons';
import { ROLES, ROLE_LABELS, tasksOfUnit } from '../../../../shared/tracking/roles';
import { filterTaskRows, isEmptyFilter, needsPeriodStates } from '../../../../shared/tracking/taskFilter';
import { useTaskTable, type TableMode } from '../../store/taskTable';
import { usePlanData } from '../../store/usePlanData';
import { useUi } from '../../store/ui';
import { PENDING_STANDING, TaskTable, type TaskRow } from './TaskTable';
import { TaskFilters } from './TaskFilters';
import { TaskDrawer } from './TaskDrawer';
import { DepartmentTodo, TODO_CARD_HEIGHT } from './DepartmentTodo';
import { useExportDialog } from '../export/useExportDialog';
import { compareNames } from '../../../../shared/text/compareNames';

// The export dialog and what it builds with (exceljs, docx) load when it is first opened.
const ExportDialog = lazy(() => import('../export/ExportDialog').then((m) => ({ default: m.ExportDialog })));

const NO_UNITS: { id: string; name: string }[] = [];

/** 任务台账: every task of the plan (by section) or 我的任务 (by this office's role), filtered and sorted. */
export function TasksPage() {
  const { data, structure, derived, firstStandings, everyStanding, today, loading, error, identity, ownUnitId } = usePlanData();
  const mode = useTaskTable((s) => s.mode);
  const filter = useTaskTable((s) => s.filter);
  const sorting = useTaskTable((s) => s.sorting);
  const setSorting = useTaskTable((s) => s.setSorting);
  const openTask = useUi((s) => s.openTask);
  const openTaskId = useUi((s) => s.openTaskId);
  const go = useUi((s) => s.go);
  const exportDialog = useExportDialog();
  const chosen: TableMode = mode ?? (identity?.role === 'supervisor' ? 'all' : 'mine');
  const effectiveMode: TableMode = chosen === 'mine' && identity ? 'mine' : 'all';

  // The rows without their standings: they change only with the plan's tasks, sections or the scope.
  const tasks = data?.tasks;
  const sections = data?.sections;
  const skeleton = useMemo<Omit<TaskRow, 'standing'>[]>(() => {
    if (!tasks || !sections || !structure) return [];
    if (effectiveMode === 'mine') {
      if (!ownUnitId) return [];
      return tasksOfUnit(tasks, ownUnitId).map(({ task, roles }) => {
        const role = roles[0]!;
        return { task, roles, group: `本单位${ROLE_LABELS[role]}的任务`, groupOrder: ROLES.indexOf(role) };
      });
    }
    const sectionOrder = new Map(sections.map((s, i) => [s.id, i]));
    return tasks.map((task) => ({
      task,
      roles: null,
      group: (task.sectionId && structure.sectionPaths.get(task.sectionId)) || '未分组',
      groupOrder: task.sectionId ? (sectionOrder.get(task.sectionId) ?? 1e9) : -1,
    }));
  }, [tasks, sections, structure, effectiveMode, ownUnitId]);
  // A saved report changes one standing: the other rows stay the same objects (their views do not re-render).
  const rowCache = useRef(new WeakMap<Omit<TaskRow, 'standing'>, TaskRow>());
  const allRows = useMemo<TaskRow[]>(() => {
    const cache = rowCache.current;
    return skeleton.map((base) => {
      const standing = (derived ? derived.standings.get(base.task.id) : firstStandings?.get(base.task.id)) ?? PENDING_STANDING;
      const hit = cache.get(base);
      if (hit && hit.standing === standing) return hit;
      const row = { ...base, standing };
      cache.set(base, row);
      return row;
    });
  }, [skeleton, derived, firstStandings]);

  const rows = useMemo(
    () =>
      structure
        ? filterTaskRows(allRows, effectiveMode === 'mine' ? { ...filter, unitId: ownUnitId ?? undefined } : filter, {
            today,
            unitNames: structure.unitNames,
            periodStateOf: derived?.periodStateOf,
          })
        : [],
    [allRows, filter, structure, derived, today, effectiveMode, ownUnitId],
  );
  const units = data?.units;
  const unitOptions = useMemo(() => (units ? [...units].sort((a, b) => compareNames(a.name, b.name)) : []), [units]);

  if (error) return <Alert type="error" showIcon title={error} />;
  if (!data || !structure) {
    if (!loading && !useUi.getState().planId)
      return (
        <Card>
          <Empty description="还没有计划。请先导入上级印发的措施文件。">
            <Button type="primary" onClick={() => go('import')}>
              导入文件
            </Button>
          </Empty>
        </Card>
      );
    // While the plan is read: the page's header and filters already (the same elements the page then keeps, so the
    // read's wait is used to build them and only the table is left to render when the tasks arrive).
    return (
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <TasksHeader title="" mode={effectiveMode} canMine={!!identity} count={null} pending={false} canExport={false} onExport={exportDialog.show} units={NO_UNITS} />
        {false}
        {false}
        <div style={{ display: 'flex', justifyContent: 'center', marginTop: 80 }}>
          <Spin description="正在读取任务…" />
        </div>
      </Space>
    );
  }

  // The department's start screen: its to-do list above 我的任务.
  const showTodo = effectiveMode === 'mine' && !!ownUnitId && !!derived;
  const mineProblem =
    effectiveMode === 'mine' && !ownUnitId
      ? `本机所属单位「${identity?.office}」不是本计划中的责任单位。可在“设置”中改选本机所属单位，或切换到“全部任务”。`
      : null;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <TasksHeader
        title={data.plan.title}
        mode={effectiveMode}
        canMine={!!identity}
        count={derived || (everyStanding && !needsPeriodStates(filter)) || isEmptyFilter(filter) ? rows.length : null}
        pending={!everyStanding}
        canExport={!!derived}
        onExport={exportDialog.show}
        units={unitOptions}
      />
      {mineProblem && <Alert type="warning" showIcon title={mineProblem} />}
      {showTodo && <DepartmentTodo data={data} derived={derived!} unitId={ownUnitId!} unitName={structure.unitNames.get(ownUnitId!) ?? identity?.office ?? ''} today={today} />}
      <TaskTable
        rows={allRows}
        visible={rows}
        unitNames={structure.unitNames}
        pending={!everyStanding}
        sorting={sorting}
        onSortingChange={setSorting}
        onOpen={openTask}
        openTaskId={openTaskId}
        reserve={showTodo ? TODO_CARD_HEIGHT : 0}
        emptyText={allRows.length ? '没有符合筛选条件的任务' : effectiveMode === 'mine' ? '本单位在本计划中没有任务' : '本计划没有任务'}
      />
      <TaskDrawer />
      {exportDialog.used && (
        <Suspense fallback={null}>
          <ExportDialog {...exportDialog.props} />
        </Suspense>
      )}
    </Space>
  );
}

/** The page's title bar and filters: memoised, so a saved report re-renders the table row, not these. */
const TasksHeader = memo(function TasksHeader({
  title,
  mode,
  canMine,
  count,
  pending,
  canExport,
  onExport,
  units,
}: {
  title: string;
  mode: TableMode;
  canMine: boolean;
  /** Null while a filter waits for every task's progress (a partial count would be a wrong number). */
  count: number | null;
  /** Every task's standing is not known yet. */
  pending: boolean;
  /** Every report is read (the exports and reports are built from them). */
  canExport: boolean;
  onExport: () => void;
  units: { id: string; name: string }[];
}) {
  const setMode = useTaskTable((s) => s.setMode);
  return (
    <Card size="small">
      <div style={{ display: 'flex', gap: 12, alignItems: 'center', marginBottom: 10 }}>
        <Typography.Title level={5} style={{ margin: 0, minWidth: 0 }} ellipsis={{ tooltip: title }}>
          {title}
        </Typography.Title>
        <Segmented
          aria-label="显示范围"
          value={mode}
          onChange={(v) => setMode(v as TableMode)}
          options={[
            { value: 'mine', label: '我的任务', disabled: !canMine },
            { value: 'all', label: '全部任务' },
          ]}
        />
        <span style={{ flex: 1 }} />
        <Typography.Text type="secondary" data-testid="task-count" style={{ whiteSpace: 'nowrap' }}>
          {count === null ? '正在统计…' : `共 ${count} 项`}
        </Typography.Text>
        <Button icon={<ExportOutlined />} onClick={onExport} disabled={!canExport}>
          导出台账、报告
        </Button>
      </div>
      <TaskFilters units={units} showUnit={mode === 'all'} />
      {pending && (
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>
          正在读取各单位的进展，状态和红黄绿灯稍后显示…
        </Typography.Text>
      )}
    </Card>
  );
});
