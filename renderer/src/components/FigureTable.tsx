import { useState } from 'react';
import { getCoreRowModel, getPaginationRowModel, getSortedRowModel, useReactTable, type ColumnDef, type PaginationState, type SortingState } from '@tanstack/react-table';

/** One column of a `FigureTable`. */
export interface FigureColumn<Row> {
  key: string;
  title: React.ReactNode;
  /** Shown when the pointer rests on the header (what the column counts). */
  hint?: string;
  width?: number;
  align?: 'left' | 'center';
  /** The header sorts by this number: ascending, then descending, then as given. */
  sortValue?: (row: Row) => number;
  /** Stays in view when the table scrolls sideways (the row's name). */
  sticky?: boolean;
  /** One line, cut with "…" where the column runs out of room (give the cell a title with the whole text). */
  ellipsis?: boolean;
  cell: (row: Row) => React.ReactNode;
}

interface Props<Row> {
  rows: readonly Row[];
  columns: readonly FigureColumn<Row>[];
  rowKey: (row: Row) => string;
  /** Rows per page (none: all on one); the pager shows only when there is more than one page. */
  pageSize?: number;
  /** Attributes of a row's <tr> (a click, a data attribute the tests find it by). */
  rowProps?: (row: Row) => React.HTMLAttributes<HTMLTableRowElement>;
  testId?: string;
  emptyText?: string;
}

/**
 * A small table of figures (the 督办视图's lead-unit table, report matrix, targets and 诉求台账 sections): a plain
 * <table> laid out by the browser, @tanstack/react-table for sorting and pages (a sortable header is a tab stop:
 * Enter or Space sorts). It draws in a fraction of antd's Table time (no measuring cells, no
 * sticky-header machinery, no styles generated at run time), which matters on a screen drawn from scratch at every
 * opening. Looks like antd's small table (global.css, `.figure-table`).
 */
export function FigureTable<Row>({ rows, columns, rowKey, pageSize = Math.max(1, rows.length), rowProps, testId, emptyText = '暂无数据' }: Props<Row>) {
  const [sorting, setSorting] = useState<SortingState>([]);
  const [pageIndex, setPageIndex] = useState(0);
  // The page stays when the rows change (the figures drawn again from every report), unless there are fewer pages.
  const pageCount = Math.max(1, Math.ceil(rows.length / pageSize));
  const pagination: PaginationState = { pageIndex: Math.min(pageIndex, pageCount - 1), pageSize };
  const defs: ColumnDef<Row>[] = columns.map((c) => ({
    id: c.key,
    enableSorting: !!c.sortValue,
    sortDescFirst: false,
    ...(c.sortValue ? { accessorFn: c.sortValue } : {}),
  }));
  const table = useReactTable<Row>({
    data: rows as Row[],
    columns: defs,
    state: { sorting, pagination },
    onSortingChange: setSorting,
    onPaginationChange: (updater) => setPageIndex((typeof updater === 'function' ? updater(pagination) : updater).pageIndex),
    getRowId: rowKey,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getPaginationRowModel: getPaginationRowModel(),
    autoResetPageIndex: false,
  });
  const byKey = new Map(columns.map((c) => [c.key, c]));
  return (
    <div className="figure-table" data-testid={testId}>
      <div className="figure-table-scroll">
        <table>
          <colgroup>
            {columns.map((c) => (
              <col key={c.key} style={c.width ? { width: c.width, minWidth: c.width } : undefined} />
            ))}
          </colgroup>
          <thead>
            <tr>
              {table.getFlatHeaders().map((h) => {
                const c = byKey.get(h.column.id)!;
                const sorted = h.column.getIsSorted();
                return (
                  <th
                    key={h.id}
                    title={c.hint}
                    className={`${c.sticky ? 'sticky' : ''}${c.sortValue ? ' sortable' : ''}`}
                    style={c.align === 'center' ? { textAlign: 'center' } : undefined}
                    aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
                    onClick={c.sortValue ? h.column.getToggleSortingHandler() : undefined}
                    tabIndex={c.sortValue ? 0 : undefined}
                    onKeyDown={
                      c.sortValue
                        ? (e) => {
                            if (e.key !== 'Enter' && e.key !== ' ') return;
                            e.preventDefault();
                            h.column.toggleSorting(undefined, false);
                          }
                        : undefined
                    }
                  >
                    {c.title}
                    {c.sortValue && (
                      <span className="sort-mark" aria-hidden>
                        <span className={sorted === 'asc' ? 'on' : ''}>▲</span>
                        <span className={sorted === 'desc' ? 'on' : ''}>▼</span>
                      </span>
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {table.getRowModel().rows.map((row) => (
              <tr key={row.id} data-row-key={row.id} {...rowProps?.(row.original)}>
                {columns.map((c) => (
                  <td key={c.key} className={[c.sticky && 'sticky', c.ellipsis && 'ellipsis'].filter(Boolean).join(' ') || undefined} style={c.align === 'center' ? { textAlign: 'center' } : undefined}>
                    {c.cell(row.original)}
                  </td>
                ))}
              </tr>
            ))}
            {rows.length === 0 && (
              <tr>
                <td colSpan={columns.length} className="empty">
                  {emptyText}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {pageCount > 1 && <Pager page={pagination.pageIndex} pageCount={pageCount} onPage={setPageIndex} />}
    </div>
  );
}

/** Page numbers (all of them up to nine pages; else the first, the last and those around the current one). */
function Pager({ page, pageCount, onPage }: { page: number; pageCount: number; onPage: (page: number) => void }) {
  const shown: (number | 'gap')[] = [];
  for (let p = 0; p < pageCount; p++) {
    if (pageCount <= 9 || p === 0 || p === pageCount - 1 || Math.abs(p - page) <= 2) shown.push(p);
    else if (shown[shown.length - 1] !== 'gap') shown.push('gap');
  }
  return (
    <nav className="figure-pager" aria-label="分页">
      <button type="button" disabled={page === 0} onClick={() => onPage(page - 1)} aria-label="上一页">
        ‹
      </button>
      {shown.map((p, i) =>
        p === 'gap' ? (
          <span key={`gap-${i}`} className="gap">
            …
          </span>
        ) : (
          <button type="button" key={p} className={p === page ? 'current' : undefined} aria-current={p === page ? 'page' : undefined} onClick={() => onPage(p)}>
            {p + 1}
          </button>
        ),
      )}
      <button type="button" disabled={page >= pageCount - 1} onClick={() => onPage(page + 1)} aria-label="下一页">
        ›
      </button>
    </nav>
  );
}
