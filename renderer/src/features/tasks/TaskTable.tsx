import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { getCoreRowModel, getSortedRowModel, useReactTable, type ColumnDef, type Row, type SortingState } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { Empty, Typography } from 'antd';
import { CaretDownOutlined, CaretUpOutlined } from '@ant-design/icons';
import type { Task } from '../../../../shared/model';
import type { Role } from '../../../../shared/tracking/roles';
import type { TaskStanding } from '../../../../shared/tracking/standing';
import { LightDot } from '../../components/LightDot';
import { StatusTag } from '../../components/StatusTag';
import { TargetReadings } from '../targets/Targets';

/** One task as the table shows it. `group` is the section (全部任务) or the office's role (我的任务). */
export interface TaskRow {
  task: Task;
  standing: TaskStanding;
  group: string;
  groupOrder: number;
  roles: Role[] | null;
}

/** Shown while the reports are still being read: no status, no light yet. */
export const PENDING_STANDING: TaskStanding = {
  status: null,
  confirmed: false,
  latest: null,
  lastReportDate: null,
  reportedThisPeriod: false,
  effectiveDeadline: null,
  light: 'grey',
  reasons: ['正在读取进展…'],
};

const GRID = '64px minmax(280px, 3fr) 130px 150px 120px 100px minmax(180px, 2fr) 110px 44px';
const ROW_HEIGHT = 58;
const GROUP_HEIGHT = 34;
const HEADER_HEIGHT = 44;
const STATUS_ORDER: Record<string, number> = { delayed: 0, 'not-started': 1, paused: 2, 'in-progress': 3, ongoing: 4, done: 5 };
const LIGHT_ORDER = { red: 0, yellow: 1, grey: 2, green: 3 } as const;

/** Columns whose values come from a task's standing (sorting on them re-sorts when a standing changes). */
const STANDING_COLUMNS = new Set(['status', 'progress', 'deadline', 'light']);
const rowIdOf = (r: TaskRow) => `${r.task.id}:${r.group}`;

/**
 * The rows as last handed to the table while only standings changed (same tasks, groups and order), else `rows`.
 * Comparing 5,000 rows costs far less than the table rebuilding its row model. Either way a table row's `index` is
 * its place in `rows` (same order), where the current row is drawn from.
 */
function useStableRows(rows: TaskRow[], sortsOnStanding: boolean): TaskRow[] {
  const last = useRef(rows);
  const prev = last.current;
  const same =
    !sortsOnStanding &&
    prev.length === rows.length &&
    rows.every((r, i) => r === prev[i] || (r.task === prev[i]!.task && r.group === prev[i]!.group && r.groupOrder === prev[i]!.groupOrder && r.roles === prev[i]!.roles));
  if (!same) last.current = rows;
  return last.current;
}

/**
 * The ids of the rows that pass the filters (null: all do), the same array while they are the same rows: a saved
 * report changes a row's standing, not which rows are listed, so the list and the virtualizer's measurements stay.
 */
function useShownIds(visible: readonly TaskRow[], total: number): readonly string[] | null {
  const last = useRef<readonly string[] | null>(null);
  if (visible.length === total) {
    last.current = null;
    return null;
  }
  const ids = visible.map(rowIdOf);
  const prev = last.current;
  if (!prev || prev.length !== ids.length || ids.some((id, i) => id !== prev[i])) last.current = ids;
  return last.current;
}

type Item = { kind: 'group'; label: string; count: number } | { kind: 'row'; row: Row<TaskRow> };

const clamp = (lines: number): React.CSSProperties => ({
  display: '-webkit-box',
  WebkitLineClamp: lines,
  WebkitBoxOrient: 'vertical',
  overflow: 'hidden',
  wordBreak: 'break-all',
});

function useColumns(unitNames: Map<string, string>): ColumnDef<TaskRow>[] {
  return useMemo(() => {
    const names = (ids: readonly string[]) => ids.map((id) => unitNames.get(id) ?? '？').join('、');
    return [
      { id: 'number', header: '序号', accessorFn: (r) => r.task.order },
      { id: 'content', header: '具体内容', accessorFn: (r) => r.task.content },
      { id: 'lead', header: '牵头', accessorFn: (r) => names(r.task.lead) },
      { id: 'support', header: '配合', accessorFn: (r) => names(r.task.support) },
      { id: 'implement', header: '落实', accessorFn: (r) => names(r.task.implement) },
      { id: 'status', header: '状态', accessorFn: (r) => (r.standing.status ? (STATUS_ORDER[r.standing.status] ?? 9) : -1) },
      { id: 'progress', header: '最新进展', accessorFn: (r) => r.standing.latest?.reportedAt ?? '' },
      { id: 'deadline', header: '完成时限', accessorFn: (r) => r.standing.effectiveDeadline ?? '9999-12-31' },
      { id: 'light', header: '灯', accessorFn: (r) => LIGHT_ORDER[r.standing.light] },
    ];
  }, [unitNames]);
}

const TaskRowView = memo(function TaskRowView({
  row,
  selected,
  cursor,
  unitNames,
  onOpen,
  pending,
}: {
  row: TaskRow;
  /** The task open in the drawer: highlighted. */
  selected: boolean;
  /** The keyboard cursor (the table has the focus from the keyboard): outlined. */
  cursor: boolean;
  pending: boolean;
  unitNames: Map<string, string>;
  onOpen: (taskId: string) => void;
}) {
  const { task, standing } = row;
  // Each row shows its progress as soon as its own standing is known (the first screenful comes first).
  pending = pending && standing === PENDING_STANDING;
  const names = (ids: readonly string[]) => ids.map((id) => unitNames.get(id) ?? '？').join('、');
  const lead = names(task.lead);
  const support = names(task.support);
  const implement = names(task.implement);
  const progress = standing.latest?.progress ?? '';
  return (
    <div
      role="row"
      aria-selected={selected}
      data-testid="task-row"
      data-number={task.number}
      data-cursor={cursor || undefined}
      onClick={() => onOpen(task.id)}
      className="task-row"
      style={{
        display: 'grid',
        gridTemplateColumns: GRID,
        height: ROW_HEIGHT,
        alignItems: 'center',
        gap: 8,
        padding: '0 12px',
        borderBottom: '1px solid #f0f0f0',
        cursor: 'pointer',
        background: selected ? '#e6f4ff' : undefined,
        outline: cursor ? '2px solid #1677ff' : selected ? '1px solid #91caff' : undefined,
        outlineOffset: -2,
      }}
    >
      <div role="gridcell">{task.number}</div>
      <div role="gridcell" title={task.content} style={clamp(2)}>
        {task.content}
      </div>
      <div role="gridcell" title={lead} style={clamp(2)}>
        {lead}
      </div>
      <div role="gridcell" title={support} style={{ ...clamp(2), color: '#595959' }}>
        {support}
      </div>
      <div role="gridcell" title={implement} style={{ ...clamp(2), color: '#595959' }}>
        {implement}
      </div>
      <div role="gridcell">{pending ? <span style={{ color: '#bfbfbf' }}>…</span> : <StatusTag status={standing.status} confirmed={standing.confirmed} />}</div>
      <div role="gridcell" title={progress} style={{ ...clamp(2), color: progress ? undefined : '#bfbfbf' }}>
        {!pending && standing.targets?.length ? <TargetReadings readings={standing.targets} compact /> : null}
        {pending ? '…' : progress || '暂无'}
      </div>
      <div role="gridcell" title={task.deadline?.text ?? ''} style={clamp(2)}>
        {standing.effectiveDeadline ?? task.deadline?.date ?? task.deadline?.text ?? '—'}
      </div>
      <div role="gridcell" onClick={(e) => e.stopPropagation()}>
        {!pending && <LightDot standing={standing} />}
      </div>
    </div>
  );
});

interface Props {
  /** Every row of the current scope (sorted once here); changes rarely. */
  rows: TaskRow[];
  /** The rows that pass the filters (any order); changes on every keystroke, so only this is re-applied. */
  visible: readonly TaskRow[];
  unitNames: Map<string, string>;
  sorting: SortingState;
  onSortingChange: (s: SortingState) => void;
  onOpen: (taskId: string) => void;
  /** The task open in the drawer (its row is the one highlighted), or null. */
  openTaskId?: string | null;
  emptyText: string;
  /** Reports not read yet: status, progress and light show as pending. */
  pending?: boolean;
  /** Height taken by panels above the table (px), so the page does not scroll. */
  reserve?: number;
}

/**
 * The task table: @tanstack/react-table for columns and sorting, @tanstack/react-virtual so only the visible
 * rows exist in the DOM (5,000 tasks scroll as smoothly as 50). Grouped, sticky header, keyboard navigation
 * (↑ ↓ PgUp PgDn Home End, Enter opens the task).
 */
export function TaskTable({ rows, visible, unitNames, sorting, onSortingChange, onOpen, openTaskId = null, emptyText, pending = false, reserve = 0 }: Props) {
  const columns = useColumns(unitNames);
  // The table's rows are rebuilt (and re-sorted) only when the tasks or their order could change: a new standing
  // (a saved report) keeps them unless the sorting reads standings. Rows are drawn from `rows`, always current.
  const sortsOnStanding = sorting.some((s) => STANDING_COLUMNS.has(s.id));
  const tableData = useStableRows(rows, sortsOnStanding);
  const table = useReactTable({
    data: tableData,
    columns,
    state: { sorting },
    onSortingChange: (updater) => onSortingChange(typeof updater === 'function' ? updater(sorting) : updater),
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getRowId: rowIdOf,
  });
  const sortedRows = table.getRowModel().rows;

  const shownIds = useShownIds(visible, rows.length);
  const items = useMemo<Item[]>(() => {
    // By id: a row whose standing changed is a new object, the table may still hold the earlier one.
    const shown = shownIds && new Set(shownIds);
    const groups = new Map<string, { order: number; rows: Row<TaskRow>[] }>();
    for (const row of sortedRows) {
      if (shown && !shown.has(row.id)) continue;
      const g = groups.get(row.original.group);
      if (g) g.rows.push(row);
      else groups.set(row.original.group, { order: row.original.groupOrder, rows: [row] });
    }
    const out: Item[] = [];
    for (const [label, g] of [...groups.entries()].sort((a, b) => a[1].order - b[1].order)) {
      out.push({ kind: 'group', label, count: g.rows.length });
      for (const row of g.rows) out.push({ kind: 'row', row });
    }
    return out;
  }, [sortedRows, shownIds]);

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => (items[i]?.kind === 'group' ? GROUP_HEIGHT : ROW_HEIGHT),
    overscan: 8,
    // The sticky header sits above the rows inside the scroller.
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
  });
  // The keyboard cursor follows a row (not a position), so it survives re-sorting and saved reports.
  // (Both the cursor and the open task are task ids: a task has one row.)
  const [activeId, setActiveId] = useState<string | null>(null);
  const indexOfTask = useCallback((taskId: string | null) => (taskId ? items.findIndex((it) => it.kind === 'row' && it.row.original.task.id === taskId) : -1), [items]);
  const active = useMemo(() => indexOfTask(activeId), [indexOfTask, activeId]);
  const setActive = (i: number) => {
    const item = items[i];
    setActiveId(item?.kind === 'row' ? item.row.original.task.id : null);
  };
  // A cursor on a row the filters took away is dropped (it must not come back highlighted when the row does).
  useEffect(() => {
    if (activeId && active < 0) setActiveId(null);
  }, [activeId, active]);
  // The cursor is shown only while the table has the focus from the keyboard (a focus ring, not a selection); a click
  // puts it on the clicked row without showing it.
  const [focused, setFocused] = useState(false);
  const [keyboard, setKeyboard] = useState(false);
  const openRow = useCallback(
    (taskId: string) => {
      setActiveId(taskId);
      onOpen(taskId);
    },
    [onOpen],
  );
  // The highlighted row is the open task's (while the drawer shows it); the keyboard cursor is only outlined.
  const selected = indexOfTask(openTaskId);
  const cursor = focused && keyboard ? active : -1;

  function move(delta: number) {
    let i = active;
    const step = delta > 0 ? 1 : -1;
    let remaining = Math.abs(delta);
    while (remaining > 0) {
      let j = i + step;
      while (j >= 0 && j < items.length && items[j]!.kind !== 'row') j += step;
      if (j < 0 || j >= items.length) break;
      i = j;
      remaining--;
    }
    if (i !== active && i >= 0) {
      setActive(i);
      virtualizer.scrollToIndex(i, { align: 'auto' });
    }
  }

  function onKeyDown(e: React.KeyboardEvent) {
    setKeyboard(true);
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 600) / ROW_HEIGHT) - 1);
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(1),
      ArrowUp: () => move(-1),
      PageDown: () => move(page),
      PageUp: () => move(-page),
      Home: () => {
        setActive(-1);
        virtualizer.scrollToIndex(0);
        move(1);
      },
      End: () => move(items.length),
      Enter: () => {
        const item = items[active];
        if (item?.kind === 'row') openRow(item.row.original.task.id);
      },
    };
    const action = keys[e.key];
    if (action) {
      e.preventDefault();
      action();
    }
  }

  const headers = table.getHeaderGroups()[0]!.headers;
  return (
    <div style={{ border: '1px solid #f0f0f0', borderRadius: 8, background: '#fff', overflow: 'hidden' }}>
      <div
        ref={scrollRef}
        role="grid"
        aria-label="任务列表"
        aria-rowcount={visible.length}
        tabIndex={0}
        onKeyDown={onKeyDown}
        onPointerDown={() => setKeyboard(false)}
        onFocus={(e) => {
          setFocused(true);
          // Focus from the keyboard (Tab, or back from a drawer closed with Esc) shows the cursor, on the first row if
          // it has none; focus from a click does not (the row clicked opens, and takes the cursor: openRow).
          const fromKeyboard = e.currentTarget.matches(':focus-visible');
          setKeyboard(fromKeyboard);
          if (fromKeyboard && active < 0) move(1);
        }}
        onBlur={(e) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setFocused(false);
        }}
        data-testid="task-table"
        data-standings={pending ? 'partial' : 'all'}
        style={{ height: `calc(100vh - ${270 + reserve}px)`, minHeight: 300, overflow: 'auto', outline: 'none', position: 'relative' }}
      >
        <div
          role="row"
          style={{
            display: 'grid',
            gridTemplateColumns: GRID,
            gap: 8,
            height: HEADER_HEIGHT,
            boxSizing: 'border-box',
            alignItems: 'center',
            padding: '0 12px',
            background: '#fafafa',
            borderBottom: '1px solid #e8e8e8',
            fontWeight: 600,
            position: 'sticky',
            top: 0,
            zIndex: 2,
          }}
        >
          {headers.map((h) => {
            const sorted = h.column.getIsSorted();
            return (
              <div
                key={h.id}
                role="columnheader"
                aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
                onClick={h.column.getToggleSortingHandler()}
                style={{ cursor: 'pointer', userSelect: 'none', whiteSpace: 'nowrap' }}
                title="点击排序"
              >
                {String(h.column.columnDef.header)}
                {sorted === 'asc' && <CaretUpOutlined style={{ marginInlineStart: 4, color: '#1677ff' }} />}
                {sorted === 'desc' && <CaretDownOutlined style={{ marginInlineStart: 4, color: '#1677ff' }} />}
              </div>
            );
          })}
        </div>
        {items.length === 0 ? (
          <Empty description={emptyText} style={{ marginTop: 64 }} />
        ) : (
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((v) => {
              const item = items[v.index]!;
              return (
                <div key={v.key} style={{ position: 'absolute', top: 0, left: 0, width: '100%', height: v.size, transform: `translateY(${v.start - HEADER_HEIGHT}px)` }}>
                  {item.kind === 'group' ? (
                    <div
                      role="row"
                      data-testid="task-group"
                      style={{ height: GROUP_HEIGHT, display: 'flex', alignItems: 'center', gap: 8, padding: '0 12px', background: '#fff7f5', borderBottom: '1px solid #ffe4de', color: '#8c1d18', fontWeight: 600 }}
                    >
                      <span>{item.label}</span>
                      <Typography.Text type="secondary" style={{ fontWeight: 400 }}>
                        {item.count} 项
                      </Typography.Text>
                    </div>
                  ) : (
                    <TaskRowView row={rows[item.row.index] ?? item.row.original} selected={v.index === selected} cursor={v.index === cursor} unitNames={unitNames} onOpen={openRow} pending={pending} />
                  )}
                </div>
              );
            })}
          </div>
        )}
      </div>
    </div>
  );
}
