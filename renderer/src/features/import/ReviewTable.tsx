import { memo, useEffect, useMemo, useRef } from 'react';
import { Button, DatePicker, Input, Select, Tooltip, Typography } from 'antd';
import { DeleteOutlined, WarningFilled } from '@ant-design/icons';
import { useVirtualizer } from '@tanstack/react-virtual';
import dayjs from 'dayjs';
import { useImportDraft } from '../../store/importDraft';
import { deadlineFromDate, rowsOfWarning, type DraftRow } from '../../../../shared/tracking/importDraft';

const GRID = '58px 110px minmax(240px, 1fr) 150px 150px 120px 130px 32px';
const HEADERS = ['序号', '所属部分', '具体内容', '牵头单位', '配合单位', '具体落实', '完成时限', ''];

interface RowProps {
  row: DraftRow;
  unitOptions: { value: string; label: string }[];
  warned: number[];
  focused: boolean;
}

const UnitCell = ({ label, value, options, onChange }: { label: string; value: string[]; options: RowProps['unitOptions']; onChange: (v: string[]) => void }) => (
  <Select
    mode="tags"
    aria-label={label}
    size="small"
    value={value}
    options={options}
    onChange={(v: string[]) => onChange(v.map((s) => s.trim()).filter(Boolean))}
    tokenSeparators={['、', '，', ',', '；']}
    style={{ width: '100%' }}
    placeholder="选择或输入"
    maxTagTextLength={12}
  />
);

/** One editable task row. Memoized: editing one row re-renders only that row. */
const ReviewRow = memo(function ReviewRow({ row, unitOptions, warned, focused }: RowProps) {
  const updateRow = useImportDraft((s) => s.updateRow);
  const removeRow = useImportDraft((s) => s.removeRow);
  const focus = useImportDraft((s) => s.focus);
  const update = (patch: Partial<DraftRow>) => updateRow(row.key, patch);
  return (
    <div
      data-testid="review-row"
      data-number={row.number}
      style={{
        display: 'grid',
        gridTemplateColumns: GRID,
        gap: 6,
        padding: '6px 8px',
        borderBottom: '1px solid #f0f0f0',
        background: focused ? '#fff1f0' : warned.length ? '#fffbe6' : '#fff',
        alignItems: 'start',
      }}
    >
      <div style={{ display: 'flex', alignItems: 'center', gap: 2 }}>
        <Input size="small" aria-label="序号" value={row.number} onChange={(e) => update({ number: e.target.value })} />
        {warned.length > 0 && (
          <Tooltip title="此项有需要核对的地方，点击查看">
            <WarningFilled style={{ color: '#fa8c16', cursor: 'pointer' }} onClick={() => focus(row.key, warned[0])} />
          </Tooltip>
        )}
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis={{ tooltip: row.section.join(' / ') }}>
        {row.section[row.section.length - 1] ?? '（无）'}
      </Typography.Text>
      <Input.TextArea
        aria-label="具体内容"
        autoSize={{ minRows: 1, maxRows: 6 }}
        value={row.content}
        onChange={(e) => update({ content: e.target.value })}
        status={row.content.trim() ? undefined : 'error'}
        placeholder="请填写任务内容"
      />
      <UnitCell label="牵头单位" value={row.lead} options={unitOptions} onChange={(lead) => update({ lead })} />
      <UnitCell label="配合单位" value={row.support} options={unitOptions} onChange={(support) => update({ support })} />
      <UnitCell label="具体落实" value={row.implement} options={unitOptions} onChange={(implement) => update({ implement })} />
      <div>
        <DatePicker
          size="small"
          aria-label="完成时限"
          value={row.deadline?.date ? dayjs(row.deadline.date) : null}
          onChange={(d) => update({ deadline: d ? deadlineFromDate(d.format('YYYY-MM-DD')) : row.deadline?.kind === 'date' ? null : row.deadline })}
          placeholder={row.deadline?.text || '无'}
          style={{ width: '100%' }}
        />
        {row.deadline?.text && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {row.deadline.text}
          </Typography.Text>
        )}
      </div>
      <Tooltip title="删除此任务">
        <Button size="small" type="text" danger aria-label={`删除第${row.number}项`} icon={<DeleteOutlined />} onClick={() => removeRow(row.key)} />
      </Tooltip>
    </div>
  );
});

/** The parse as an editable, virtualized table (fast for plans with thousands of tasks). */
export function ReviewTable({ extraUnits }: { extraUnits: readonly string[] }) {
  const rows = useImportDraft((s) => s.rows);
  const warnings = useImportDraft((s) => s.warnings);
  const resolved = useImportDraft((s) => s.resolved);
  const focusKey = useImportDraft((s) => s.focusKey);
  const scrollRef = useRef<HTMLDivElement>(null);

  const unitOptions = useMemo(() => {
    const names = new Set(extraUnits);
    for (const r of rows) for (const n of [...r.lead, ...r.support, ...r.implement]) names.add(n);
    return [...names].sort((a, b) => a.localeCompare(b, 'zh-CN')).map((n) => ({ value: n, label: n }));
  }, [rows, extraUnits]);

  const warnedByRow = useMemo(() => {
    const map = new Map<string, number[]>();
    warnings.forEach((w, i) => {
      if (resolved.has(i)) return;
      for (const k of rowsOfWarning(rows, w)) map.set(k, [...(map.get(k) ?? []), i]);
    });
    return map;
  }, [warnings, rows, resolved]);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 64,
    overscan: 6,
    getItemKey: (i) => rows[i]!.key,
  });

  useEffect(() => {
    if (!focusKey) return;
    const index = rows.findIndex((r) => r.key === focusKey);
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'center' });
    // Scroll only when the focus changes, not on every edit.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focusKey]);

  return (
    <div style={{ border: '1px solid #f0f0f0', borderRadius: 8, background: '#fff', overflow: 'hidden' }}>
      <div ref={scrollRef} data-testid="review-table" style={{ height: 'calc(100vh - 330px)', minHeight: 320, overflow: 'auto' }}>
        <div
          style={{
            display: 'grid',
            gridTemplateColumns: GRID,
            gap: 6,
            padding: '8px 8px',
            background: '#fafafa',
            fontWeight: 600,
            borderBottom: '1px solid #f0f0f0',
            position: 'sticky',
            top: 0,
            zIndex: 2,
            minWidth: 'min-content',
          }}
        >
          {HEADERS.map((h, i) => (
            <div key={i}>{h}</div>
          ))}
        </div>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative', minWidth: 'min-content' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index]!;
            return (
              <div
                key={item.key}
                data-index={item.index}
                ref={virtualizer.measureElement}
                style={{ position: 'absolute', top: 0, left: 0, width: '100%', transform: `translateY(${item.start}px)` }}
              >
                <ReviewRow row={row} unitOptions={unitOptions} warned={warnedByRow.get(row.key) ?? EMPTY} focused={row.key === focusKey} />
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
const EMPTY: number[] = [];
