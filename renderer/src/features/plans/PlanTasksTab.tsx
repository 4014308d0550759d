import { useMemo, useState } from 'react';
import { Alert, Button, Input, Modal, Popconfirm, Radio, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, EditOutlined, MergeCellsOutlined, PlusOutlined, SplitCellsOutlined } from '@ant-design/icons';
import type { Task } from '../../../../shared/model';
import { mergedContent, type SplitPart } from '../../../../shared/tracking/planEdit';
import { sectionOutline } from '../../../../shared/tracking/sectionEdit';
import { getDatabase } from '../../../db/database';
import { deleteTask, mergeTasks, moveTask, splitTask } from '../../../db/planEdit';
import type { PlanView } from '../../../db/tracking';
import { TaskEditForm } from './TaskEditForm';
import { useEditCommand } from './usePlanEdit';

const clamp = (lines: number): React.CSSProperties => ({ display: '-webkit-box', WebkitLineClamp: lines, WebkitBoxOrient: 'vertical', overflow: 'hidden', wordBreak: 'break-all' });

/** The plan's tasks in outline order, each with edit, split, move and delete; several selected can be merged. */
export function PlanTasksTab({ view, readOnly }: { view: PlanView; readOnly: boolean }) {
  const db = getDatabase();
  const { run, busy } = useEditCommand();
  const [editing, setEditing] = useState<Task | null | 'new'>(null);
  const [splitting, setSplitting] = useState<Task | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const [merging, setMerging] = useState(false);
  const names = useMemo(() => new Map(view.units.map((u) => [u.id, u.name])), [view.units]);
  const outline = useMemo(() => sectionOutline(view.sections), [view.sections]);
  const [query, setQuery] = useState('');
  const rows = useMemo(() => {
    const place = new Map(outline.map((s, i) => [s.id, i]));
    const sorted = [...view.tasks].sort((a, b) => (place.get(a.sectionId ?? '') ?? -1) - (place.get(b.sectionId ?? '') ?? -1) || a.order - b.order);
    const q = query.trim();
    return q ? sorted.filter((t) => t.number === q || t.content.includes(q)) : sorted;
  }, [view.tasks, outline, query]);
  const paths = useMemo(() => new Map(outline.map((s) => [s.id, s.path])), [outline]);
  const unitList = (ids: readonly string[]) => (ids.length ? ids.map((id) => names.get(id) ?? '？').join('、') : <Typography.Text type="secondary">—</Typography.Text>);
  const live = selected.filter((id) => rows.some((t) => t.id === id));

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap>
        <Button type="primary" icon={<PlusOutlined />} disabled={readOnly} onClick={() => setEditing('new')}>
          添加任务
        </Button>
        <Button icon={<MergeCellsOutlined />} disabled={readOnly || live.length < 2} onClick={() => setMerging(true)}>
          合并所选任务{live.length ? `（${live.length}）` : ''}
        </Button>
        <Input.Search aria-label="查找任务" placeholder="序号或内容中的文字" allowClear value={query} onChange={(e) => setQuery(e.target.value)} style={{ width: 240 }} />
        <Typography.Text type="secondary">
          {query.trim() ? `找到 ${rows.length} 项` : `共 ${rows.length} 项任务`}。勾选两项以上可合并；删除的任务及其进展记录保留在“已删除的任务”中。
        </Typography.Text>
      </Space>
      <Table<Task>
        data-testid="plan-edit-tasks"
        rowKey="id"
        size="small"
        dataSource={rows}
        pagination={{ pageSize: 100, showSizeChanger: false, hideOnSinglePage: true }}
        rowSelection={readOnly ? undefined : { selectedRowKeys: live, onChange: (keys) => setSelected(keys as string[]) }}
        onRow={(t) => ({ 'data-number': t.number }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: '序号', dataIndex: 'number', width: 64 },
          {
            title: '所属部分',
            key: 'section',
            width: 150,
            render: (_, t) => <div style={clamp(2)}>{(t.sectionId && paths.get(t.sectionId)) || <Typography.Text type="secondary">—</Typography.Text>}</div>,
          },
          {
            title: '具体内容',
            key: 'content',
            render: (_, t) => (
              <div style={clamp(3)} title={t.content}>
                {t.hand?.added && <Tag color="blue">手工添加</Tag>}
                {t.hand?.document && <Tag color="gold">已手工修改</Tag>}
                {t.content}
              </div>
            ),
          },
          { title: '牵头', key: 'lead', width: 130, render: (_, t) => <div style={clamp(3)}>{unitList(t.lead)}</div> },
          { title: '配合', key: 'support', width: 120, render: (_, t) => <div style={clamp(3)}>{unitList(t.support)}</div> },
          { title: '具体落实', key: 'implement', width: 100, render: (_, t) => <div style={clamp(3)}>{unitList(t.implement)}</div> },
          {
            title: '完成时限',
            key: 'deadline',
            width: 116,
            render: (_, t) =>
              t.deadline ? (
                <div style={clamp(3)}>
                  {t.deadline.date ?? <Typography.Text type="secondary">无日期</Typography.Text>}
                  {t.deadline.text && t.deadline.text !== t.deadline.date && <div style={{ color: '#888', fontSize: 12 }}>{t.deadline.text}</div>}
                </div>
              ) : (
                <Typography.Text type="secondary">—</Typography.Text>
              ),
          },
          {
            title: '操作',
            key: 'actions',
            width: 160,
            render: (_, t) => (
              <Space size={0} wrap>
                <Tooltip title="编辑">
                  <Button type="text" size="small" icon={<EditOutlined />} aria-label={`编辑第${t.number}项`} disabled={readOnly} onClick={() => setEditing(t)} />
                </Tooltip>
                <Tooltip title="拆分">
                  <Button type="text" size="small" icon={<SplitCellsOutlined />} aria-label={`拆分第${t.number}项`} disabled={readOnly} onClick={() => setSplitting(t)} />
                </Tooltip>
                <Tooltip title="上移">
                  <Button type="text" size="small" icon={<ArrowUpOutlined />} aria-label={`上移第${t.number}项`} disabled={readOnly || busy} onClick={() => void run(() => moveTask(db, t.id, 'up'), `已上移第 ${t.number} 项`)} />
                </Tooltip>
                <Tooltip title="下移">
                  <Button type="text" size="small" icon={<ArrowDownOutlined />} aria-label={`下移第${t.number}项`} disabled={readOnly || busy} onClick={() => void run(() => moveTask(db, t.id, 'down'), `已下移第 ${t.number} 项`)} />
                </Tooltip>
                <Popconfirm
                  title={`删除第 ${t.number} 项任务？`}
                  description="任务从台账中移除；已填报的进展保留在“已删除的任务”中，可以恢复。"
                  okText="删除"
                  okButtonProps={{ danger: true }}
                  cancelText="取消"
                  disabled={readOnly}
                  onConfirm={() => run(() => deleteTask(db, t.id), `已删除第 ${t.number} 项任务`)}
                >
                  <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={`删除第${t.number}项`} disabled={readOnly} />
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <TaskEditForm view={view} task={editing === 'new' ? null : editing} open={editing !== null} onClose={() => setEditing(null)} />
      {splitting && <SplitDialog task={splitting} onClose={() => setSplitting(null)} />}
      {merging && (
        <MergeDialog
          tasks={rows.filter((t) => live.includes(t.id))}
          onClose={(done) => {
            setMerging(false);
            if (done) setSelected([]);
          }}
        />
      )}
    </Space>
  );
}

/** The parts a split proposes: the content cut at its sentences (；。) when it has several, else the task and a blank. */
function proposedParts(task: Task): SplitPart[] {
  const sentences = task.content
    .split(/(?<=[；;。])/)
    .map((s) => s.trim())
    .filter(Boolean);
  const contents = sentences.length >= 2 && sentences.length <= 10 ? sentences : [task.content, ''];
  return contents.map((content, i) => ({ number: `${task.number}-${i + 1}`, content }));
}

function SplitDialog({ task, onClose }: { task: Task; onClose: () => void }) {
  const { run } = useEditCommand();
  const [parts, setParts] = useState<SplitPart[]>(() => proposedParts(task));
  const [error, setError] = useState<string | null>(null);
  const set = (i: number, patch: Partial<SplitPart>) => setParts((p) => p.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  async function ok() {
    setError(null);
    const done = await run(() => splitTask(getDatabase(), task.id, parts), (n) => `已把第 ${task.number} 项拆分为 ${n.length} 项`, setError);
    if (done) onClose();
  }
  return (
    <Modal open title={`拆分第 ${task.number} 项任务`} okText="拆分" cancelText="取消" onOk={() => void ok()} onCancel={onClose} width={720}>
      <Typography.Paragraph type="secondary">第一项保留原任务（及其进展记录）；其余为新任务，责任单位和完成时限与原任务相同，保存后可再修改。</Typography.Paragraph>
      <Space orientation="vertical" style={{ width: '100%' }} data-testid="split-parts">
        {parts.map((p, i) => (
          <Space.Compact key={i} block>
            <Input aria-label={`第${i + 1}部分序号`} value={p.number} onChange={(e) => set(i, { number: e.target.value })} style={{ width: 100 }} />
            <Input.TextArea aria-label={`第${i + 1}部分内容`} value={p.content} onChange={(e) => set(i, { content: e.target.value })} autoSize={{ minRows: 1, maxRows: 4 }} />
          </Space.Compact>
        ))}
        <Space>
          <Button size="small" icon={<PlusOutlined />} onClick={() => setParts((p) => [...p, { number: `${task.number}-${p.length + 1}`, content: '' }])}>
            再加一项
          </Button>
          <Button size="small" disabled={parts.length <= 2} onClick={() => setParts((p) => p.slice(0, -1))}>
            去掉最后一项
          </Button>
        </Space>
      </Space>
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginTop: 12 }} />}
    </Modal>
  );
}

function MergeDialog({ tasks, onClose }: { tasks: Task[]; onClose: (done?: boolean) => void }) {
  const { run } = useEditCommand();
  const [keep, setKeep] = useState(tasks[0]!.id);
  const [content, setContent] = useState(() => mergedContent(tasks));
  const [error, setError] = useState<string | null>(null);
  const kept = tasks.find((t) => t.id === keep)!;
  async function ok() {
    setError(null);
    const others = tasks.filter((t) => t.id !== keep).map((t) => t.id);
    const done = await run(() => mergeTasks(getDatabase(), keep, others, content), `已把 ${tasks.length} 项任务合并为第 ${kept.number} 项`, setError);
    if (done) onClose(true);
  }
  return (
    <Modal open title={`合并 ${tasks.length} 项任务`} okText="合并" cancelText="取消" onOk={() => void ok()} onCancel={() => onClose()} width={720}>
      <Typography.Paragraph type="secondary">保留一项（其序号和进展记录不变），其余任务删除，其进展记录保留在“已删除的任务”中。责任单位合并，完成时限取最晚的日期。</Typography.Paragraph>
      <Typography.Text strong>保留哪一项：</Typography.Text>
      <Radio.Group value={keep} onChange={(e) => setKeep(e.target.value as string)} style={{ display: 'block', margin: '8px 0 12px' }}>
        {tasks.map((t) => (
          <Radio key={t.id} value={t.id}>
            第 {t.number} 项
          </Radio>
        ))}
      </Radio.Group>
      <Typography.Text strong>合并后的具体内容：</Typography.Text>
      <Input.TextArea aria-label="合并后的具体内容" value={content} onChange={(e) => setContent(e.target.value)} autoSize={{ minRows: 3, maxRows: 10 }} style={{ marginTop: 8 }} />
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginTop: 12 }} />}
    </Modal>
  );
}
