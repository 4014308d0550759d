import { useEffect, useMemo, useState } from 'react';
import { Alert, App, DatePicker, Form, Input, Modal, Select, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import type { Task, Unit } from '../../../../shared/model';
import { parseDeadline } from '../../../../shared/parser/core/deadline';
import { sectionOutline } from '../../../../shared/tracking/sectionEdit';
import { unitDirectory } from '../../../../shared/tracking/unitEdit';
import { getDatabase } from '../../../db/database';
import { addTask, editTask } from '../../../db/planEdit';
import type { PlanView } from '../../../db/tracking';
import { usePlanView } from '../../store/planView';
import { commandError } from './usePlanEdit';
import { UnitSelect } from '../../components/UnitSelect';
import { compareNames } from '../../../../shared/text/compareNames';

interface Values {
  number: string;
  sectionId: string;
  content: string;
  lead: string[];
  support: string[];
  implement: string[];
  deadlineText: string;
  deadlineDate: dayjs.Dayjs | null;
}

const NO_SECTION = '__none__';

/**
 * The form behind "编辑任务" (task drawer, plan maintenance) and "添加任务": number, section, content, units
 * (known names and aliases map to their unit; a new name creates a unit, listed before saving) and the deadline as
 * text and date (the date follows the text until it is picked by hand). The command checks everything again.
 */
export function TaskEditForm({
  view,
  task,
  afterTaskId,
  open,
  onClose,
}: {
  view: PlanView;
  /** The task to edit; null adds a task. */
  task: Task | null;
  /** Where a new task goes (default: the end of its section). */
  afterTaskId?: string;
  open: boolean;
  onClose: (saved?: Task) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [dateTouched, setDateTouched] = useState(false);
  const names = useMemo(() => new Map(view.units.map((u) => [u.id, u.name])), [view.units]);
  const [allUnits, setAllUnits] = useState<Unit[]>(view.units);
  useEffect(() => {
    if (open) void getDatabase().units.toArray().then((u) => setAllUnits(u.filter((x) => !x.deleted)));
  }, [open]);
  const unitOptions = useMemo(() => [...new Set(allUnits.map((u) => u.name))].sort(compareNames).map((n) => ({ value: n, label: n })), [allUnits]);
  const sections = useMemo(() => sectionOutline(view.sections), [view.sections]);
  const planYear = view.plan.date ? Number(view.plan.date.slice(0, 4)) : undefined;

  // Fill the form when it opens (only then: a re-read of the plan while it is open must not wipe what was typed).
  const openedFor = open ? (task?.id ?? 'new') : null;
  useEffect(() => {
    if (!open) return;
    setError(null);
    setDateTouched(false);
    // A new task goes into the section of the task it follows (by default the plan's last task).
    const after = afterTaskId ? view.tasks.find((t) => t.id === afterTaskId) : view.tasks[view.tasks.length - 1];
    form.setFieldsValue(
      task
        ? {
            number: task.number,
            sectionId: task.sectionId ?? NO_SECTION,
            content: task.content,
            lead: task.lead.map((id) => names.get(id) ?? id),
            support: task.support.map((id) => names.get(id) ?? id),
            implement: task.implement.map((id) => names.get(id) ?? id),
            deadlineText: task.deadline?.text ?? '',
            deadlineDate: task.deadline?.date ? dayjs(task.deadline.date) : null,
          }
        : { number: '', sectionId: after?.sectionId ?? NO_SECTION, content: '', lead: [], support: [], implement: [], deadlineText: '', deadlineDate: null },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [openedFor]);

  // Names typed that no unit has (as name or alias): they will create units. Shown so a near-duplicate is noticed.
  const lead = Form.useWatch('lead', form);
  const support = Form.useWatch('support', form);
  const implement = Form.useWatch('implement', form);
  const newNames = useMemo(() => {
    const dir = unitDirectory(allUnits);
    return [...new Set([...(lead ?? []), ...(support ?? []), ...(implement ?? [])])].filter((n) => n.trim() && !dir.find(n));
  }, [lead, support, implement, allUnits]);

  async function submit(values: Values) {
    setSaving(true);
    setError(null);
    const fields = {
      number: values.number ?? '',
      content: values.content ?? '',
      sectionId: values.sectionId === NO_SECTION ? null : values.sectionId,
      lead: values.lead ?? [],
      support: values.support ?? [],
      implement: values.implement ?? [],
      deadline: { text: values.deadlineText ?? '', date: values.deadlineDate ? values.deadlineDate.format('YYYY-MM-DD') : null },
    };
    try {
      const db = getDatabase();
      const saved = task ? await editTask(db, task.id, fields) : await addTask(db, view.plan.id, fields, afterTaskId);
      message.success(task ? `已保存第 ${saved.number} 项任务` : `已添加第 ${saved.number} 项任务`);
      await usePlanView.getState().load(view.plan.id, true);
      onClose(saved);
    } catch (e) {
      setError(commandError(e));
    } finally {
      setSaving(false);
    }
  }

  const unitNames = useMemo(() => unitOptions.map((o) => o.value), [unitOptions]);
  // The shared unit field: Enter picks a known unit, a new one only through its own "新增单位" option.
  const unitSelect = (label: string) => <FormUnitSelect label={label} names={unitNames} />;

  return (
    <Modal
      open={open}
      title={task ? `编辑第 ${task.number} 项任务` : '添加任务'}
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={() => onClose()}
      width={760}
      destroyOnHidden
      forceRender
    >
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false} data-testid="task-edit-form">
        <Space.Compact block>
          <Form.Item label="序号" name="number" style={{ width: 140 }}>
            <Input aria-label="序号" />
          </Form.Item>
          <Form.Item label="所属部分" name="sectionId" style={{ flex: 1, marginInlineStart: 12 }}>
            <Select
              aria-label="所属部分"
              options={[{ value: NO_SECTION, label: '（不属于任何部分）' }, ...sections.map((s) => ({ value: s.id, label: s.path }))]}
              popupMatchSelectWidth={false}
            />
          </Form.Item>
        </Space.Compact>
        <Form.Item label="具体内容" name="content">
          <Input.TextArea aria-label="具体内容" autoSize={{ minRows: 3, maxRows: 8 }} />
        </Form.Item>
        <Form.Item label="牵头单位" name="lead">
          {unitSelect('牵头单位')}
        </Form.Item>
        <Form.Item label="配合单位" name="support">
          {unitSelect('配合单位')}
        </Form.Item>
        <Form.Item label="具体落实单位" name="implement">
          {unitSelect('具体落实单位')}
        </Form.Item>
        {newNames.length > 0 && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            data-testid="new-unit-names"
            title={`将新建单位：${newNames.join('、')}`}
            description="如果它是已有单位的简称或别名，请从下拉列表中选择已有单位；保存后也可在“计划维护 → 单位”中合并。"
          />
        )}
        <Space.Compact block>
          <Form.Item label="完成时限（原文）" name="deadlineText" style={{ flex: 1 }}>
            <Input
              aria-label="完成时限"
              placeholder="例如：2024年6月底前、长期坚持"
              onChange={(e) => {
                if (dateTouched) return;
                const d = parseDeadline(e.target.value, planYear);
                form.setFieldValue('deadlineDate', d?.date ? dayjs(d.date) : null);
              }}
            />
          </Form.Item>
          <Form.Item label="截止日期" name="deadlineDate" style={{ width: 200, marginInlineStart: 12 }}>
            <DatePicker aria-label="截止日期" onChange={() => setDateTouched(true)} style={{ width: '100%' }} />
          </Form.Item>
        </Space.Compact>
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: -8, marginBottom: 8 }}>
          截止日期按原文自动识别，也可以直接选择；不能早于计划印发日期{view.plan.date ? `（${view.plan.date}）` : ''}。
        </Typography.Text>
        {error && <Alert type="error" showIcon role="alert" title={error} />}
      </Form>
    </Modal>
  );
}

/** UnitSelect as a Form field (the form supplies value and onChange). */
function FormUnitSelect({ value, onChange, label, names }: { value?: string[]; onChange?: (names: string[]) => void; label: string; names: readonly string[] }) {
  return <UnitSelect label={label} names={names} value={value ?? []} onChange={(v) => onChange?.(v)} size="middle" placeholder="选择或输入单位名称（可多个）" />;
}
