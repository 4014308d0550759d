import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { AutoComplete, Button, DatePicker, Input, Tooltip, Typography } from 'antd';
import { DeleteOutlined, FileTextOutlined, WarningFilled } from '@ant-design/icons';
import { useVirtualizer } from '@tanstack/react-virtual';
import dayjs from 'dayjs';
import { useImportDraft } from '../../store/importDraft';
import { deadlineFromDate, rowsOfWarning, type DraftRow } from '../../../../shared/tracking/importDraft';
import { UnitSelect } from '../../components/UnitSelect';
import { TargetsButton } from '../targets/Targets';
import { checkTargets } from '../../../../shared/targets/input';
import { compareNames } from '../../../../shared/text/compareNames';

/**
 * Each task is a two-part row: its number on the left; its section path, content, units and deadline stacked on
 * the right, the fields wrapping to the width available. At 1366×768 beside the warnings panel nothing is cut and
 * nothing scrolls sideways.
 */
const GRID = '56px minmax(0, 1fr) 32px';
const SECTION_SEPARATOR = ' / ';

interface RowProps {
  row: DraftRow;
  unitNames: readonly string[];
  sectionOptions: { value: string }[];
  warned: number[];
  focused: boolean;
}

const sectionText = (section: readonly string[]) => section.join(SECTION_SEPARATOR);
const sectionOf = (text: string) =>
  text
    .split(SECTION_SEPARATOR)
    .map((s) => s.trim())
    .filter(Boolean);

const Field = ({ label, children, grow = 1, basis = 210 }: { label: string; children: React.ReactNode; grow?: number; basis?: number }) => (
  <div style={{ flex: `${grow} 1 ${basis}px`, minWidth: 0 }}>
    <div style={{ fontSize: 12, color: '#8c8c8c', marginBottom: 2 }}>{label}</div>
    {children}
  </div>
);

/** The section path as one line of text ("一、… / （一）…"), with the plan's other paths offered. */
function SectionInput({ section, options, onChange }: { section: string[]; options: { value: string }[]; onChange: (section: string[]) => void }) {
  const [text, setText] = useState(sectionText(section));
  // Follow outside changes (a merge, a restore) but keep what is being typed ("一、加强 /" before the next part).
  useEffect(() => {
    if (sectionText(sectionOf(text)) !== sectionText(section)) setText(sectionText(section));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [section]);
  return (
    <AutoComplete
      size="small"
      aria-label="所属部分"
      value={text}
      options={options}
      onChange={(value: string) => {
        setText(value);
        const next = sectionOf(value);
        if (sectionText(next) !== sectionText(section)) onChange(next);
      }}
      filterOption={(input, option) => !!option?.value.includes(input.trim())}
      placeholder="所属部分（例如：一、加强监管 / （一）完善机制）"
      style={{ width: '100%' }}
      popupMatchSelectWidth={false}
    />
  );
}

/** One editable task row. Memoized: editing one row re-renders only that row. */
const ReviewRow = memo(function ReviewRow({ row, unitNames, sectionOptions, warned, focused }: RowProps) {
  const updateRow = useImportDraft((s) => s.updateRow);
  const removeRow = useImportDraft((s) => s.removeRow);
  const focus = useImportDraft((s) => s.focus);
  const update = (patch: Partial<DraftRow>) => updateRow(row.key, patch);
  const noLead = row.lead.length === 0;
  return (
    <div
      data-testid="review-row"
      data-number={row.number}
      style={{
        display: 'grid',
        gridTemplateColumns: GRID,
        gap: 8,
        padding: '8px 8px 10px',
        borderBottom: '1px solid #f0f0f0',
        background: focused ? '#fff1f0' : warned.length || noLead ? '#fffbe6' : '#fff',
        alignItems: 'start',
      }}
    >
      <div style={{ display: 'flex', flexDirection: 'column', alignItems: 'center', gap: 4 }}>
        <Input size="small" aria-label="序号" value={row.number} onChange={(e) => update({ number: e.target.value })} style={{ textAlign: 'center' }} />
        {row.source && (
          <Tooltip title="查看此项的原文">
            <FileTextOutlined aria-label={`第${row.number}项原文`} style={{ color: '#1677ff', cursor: 'pointer' }} onClick={() => focus(row.key)} />
          </Tooltip>
        )}
        {warned.length > 0 && (
          <Tooltip title="此项有需要核对的地方，点击查看">
            <WarningFilled style={{ color: '#fa8c16', cursor: 'pointer' }} onClick={() => focus(row.key, warned[0])} />
          </Tooltip>
        )}
      </div>
      <div style={{ display: 'flex', flexDirection: 'column', gap: 6, minWidth: 0 }}>
        <SectionInput section={row.section} options={sectionOptions} onChange={(section) => update({ section })} />
        <Input.TextArea
          aria-label="具体内容"
          autoSize={{ minRows: 1, maxRows: 6 }}
          value={row.content}
          onChange={(e) => update({ content: e.target.value })}
          status={row.content.trim() ? undefined : 'error'}
          placeholder="请填写任务内容"
        />
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: '6px 10px' }}>
          <Field label={noLead ? '牵头单位（未明确）' : '牵头单位'}>
            <UnitSelect label="牵头单位" value={row.lead} names={unitNames} onChange={(lead) => update({ lead })} />
          </Field>
          <Field label="配合单位">
            <UnitSelect label="配合单位" value={row.support} names={unitNames} onChange={(support) => update({ support })} />
          </Field>
          <Field label="具体落实">
            <UnitSelect label="具体落实" value={row.implement} names={unitNames} onChange={(implement) => update({ implement })} />
          </Field>
          <Field label="完成时限" grow={0} basis={150}>
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
          </Field>
          <Field label="量化指标" grow={0} basis={120}>
            <TargetsButton
              targets={row.targets ?? []}
              onSave={(inputs) => {
                const checked = checkTargets(inputs);
                if (!checked.ok) return checked.message;
                update({ targets: checked.value.length ? checked.value : undefined });
                return null;
              }}
            />
          </Field>
        </div>
      </div>
      <Tooltip title="删除此任务">
        <Button size="small" type="text" danger aria-label={`删除第${row.number}项`} icon={<DeleteOutlined />} onClick={() => removeRow(row.key)} />
      </Tooltip>
    </div>
  );
});

/** The parse as an editable, virtualized list of task rows (fast for plans with thousands of tasks). */
export function ReviewTable({ extraUnits }: { extraUnits: readonly string[] }) {
  const rows = useImportDraft((s) => s.rows);
  const warnings = useImportDraft((s) => s.warnings);
  const resolved = useImportDraft((s) => s.resolved);
  const focusKey = useImportDraft((s) => s.focusKey);
  const scrollRef = useRef<HTMLDivElement>(null);

  // Unit names: rebuilt only when the set of names changes, so typing in a content box does not re-render every row.
  const namesKey = useMemo(() => {
    const names = new Set(extraUnits);
    for (const r of rows) for (const n of [...r.lead, ...r.support, ...r.implement]) names.add(n);
    return [...names].sort(compareNames).join('\n');
  }, [rows, extraUnits]);
  const unitNames = useMemo(() => (namesKey ? namesKey.split('\n') : []), [namesKey]);
  const sectionsKey = useMemo(() => [...new Set(rows.map((r) => sectionText(r.section)).filter(Boolean))].join('\n'), [rows]);
  const sectionOptions = useMemo(() => (sectionsKey ? sectionsKey.split('\n').map((value) => ({ value })) : []), [sectionsKey]);

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
    estimateSize: () => 150,
    overscan: 4,
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
      <div ref={scrollRef} data-testid="review-table" style={{ height: 'calc(100vh - 372px)', minHeight: 300, overflowY: 'auto', overflowX: 'hidden' }}>
        <div
          style={{
            display: 'grid',
            gridTemplateColumns: GRID,
            gap: 8,
            padding: '8px 8px',
            background: '#fafafa',
            fontWeight: 600,
            borderBottom: '1px solid #f0f0f0',
            position: 'sticky',
            top: 0,
            zIndex: 2,
          }}
        >
          <div style={{ textAlign: 'center' }}>序号</div>
          <div>所属部分 · 具体内容 · 责任单位 · 完成时限</div>
          <div />
        </div>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index]!;
            return (
              <div
                key={item.key}
                data-index={item.index}
                ref={virtualizer.measureElement}
                style={{ position: 'absolute', top: 0, left: 0, width: '100%', transform: `translateY(${item.start}px)` }}
              >
                <ReviewRow row={row} unitNames={unitNames} sectionOptions={sectionOptions} warned={warnedByRow.get(row.key) ?? EMPTY} focused={row.key === focusKey} />
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
const EMPTY: number[] = [];
