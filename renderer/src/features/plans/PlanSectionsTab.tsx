import { useMemo, useState } from 'react';
import { Alert, Button, Input, Popconfirm, Select, Space, Table, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { sectionOutline } from '../../../../shared/tracking/sectionEdit';
import { getDatabase } from '../../../db/database';
import { addSection, deleteSection, moveSection, renameSection } from '../../../db/planEdit';
import type { PlanView } from '../../../db/tracking';
import { TextPrompt } from './TextPrompt';
import { useEditCommand } from './usePlanEdit';

const TOP = '__top__';

/** The plan's outline (一、… （一）…): add a heading, rename, move up/down or under another heading, delete when empty. */
export function PlanSectionsTab({ view, readOnly }: { view: PlanView; readOnly: boolean }) {
  const db = getDatabase();
  const planId = view.plan.id;
  const { run, done, busy } = useEditCommand();
  const outline = useMemo(() => sectionOutline(view.sections), [view.sections]);
  const counts = useMemo(() => {
    const m = new Map<string, number>();
    for (const t of view.tasks) if (t.sectionId) m.set(t.sectionId, (m.get(t.sectionId) ?? 0) + 1);
    return m;
  }, [view.tasks]);
  const [title, setTitle] = useState('');
  const [parent, setParent] = useState<string>(TOP);
  const [addError, setAddError] = useState<string | null>(null);
  const [renaming, setRenaming] = useState<{ id: string; title: string } | null>(null);
  const parentOptions = [{ value: TOP, label: '（最上一级）' }, ...outline.map((s) => ({ value: s.id, label: s.path }))];

  async function add() {
    setAddError(null);
    const done = await run(() => addSection(db, planId, { title, parentId: parent === TOP ? null : parent }), `已添加「${title.trim()}」`, setAddError);
    if (done) setTitle('');
  }

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Space.Compact style={{ maxWidth: 900, width: '100%' }}>
        <Select aria-label="上级部分" value={parent} onChange={setParent} options={parentOptions} style={{ width: 300 }} popupMatchSelectWidth={false} disabled={readOnly} />
        <Input aria-label="新部分的标题" placeholder="新部分的标题，例如：三、强化组织保障" value={title} onChange={(e) => setTitle(e.target.value)} onPressEnter={() => void add()} disabled={readOnly} />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => void add()} disabled={readOnly} loading={busy}>
          添加部分
        </Button>
      </Space.Compact>
      {addError && <Alert type="error" showIcon role="alert" title={addError} />}
      <Table
        data-testid="plan-edit-sections"
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={outline}
        locale={{ emptyText: '本计划没有分部分' }}
        columns={[
          {
            title: '标题',
            key: 'title',
            render: (_, s) => <span style={{ paddingInlineStart: s.depth * 24 }}>{s.path.split(' / ').pop()}</span>,
          },
          { title: '任务数', key: 'count', width: 80, render: (_, s) => counts.get(s.id) ?? 0 },
          {
            title: '移到',
            key: 'parent',
            width: 260,
            render: (_, s) => (
              <Select
                size="small"
                aria-label={`移动「${s.path}」`}
                value={view.sections.find((x) => x.id === s.id)?.parentId ?? TOP}
                options={parentOptions.filter((o) => o.value !== s.id && !o.label.startsWith(`${s.path} / `))}
                onChange={(v: string) => void run(() => moveSection(db, planId, s.id, { parentId: v === TOP ? null : v }), '已移动')}
                style={{ width: 240 }}
                popupMatchSelectWidth={false}
                disabled={readOnly || busy}
              />
            ),
          },
          {
            title: '操作',
            key: 'actions',
            width: 150,
            render: (_, s) => (
              <Space size={0}>
                <Button type="text" size="small" icon={<EditOutlined />} aria-label={`重命名「${s.path}」`} disabled={readOnly} onClick={() => setRenaming({ id: s.id, title: s.path.split(' / ').pop()! })} />
                <Button type="text" size="small" icon={<ArrowUpOutlined />} aria-label={`上移「${s.path}」`} disabled={readOnly || busy} onClick={() => void run(() => moveSection(db, planId, s.id, { direction: 'up' }), '已上移')} />
                <Button type="text" size="small" icon={<ArrowDownOutlined />} aria-label={`下移「${s.path}」`} disabled={readOnly || busy} onClick={() => void run(() => moveSection(db, planId, s.id, { direction: 'down' }), '已下移')} />
                <Popconfirm title="删除这个部分？" description="只能删除没有任务和下级部分的部分。" okText="删除" okButtonProps={{ danger: true }} cancelText="取消" disabled={readOnly} onConfirm={() => run(() => deleteSection(db, planId, s.id), '已删除')}>
                  <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={`删除「${s.path}」`} disabled={readOnly} />
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <Typography.Text type="secondary">任务属于哪个部分，在任务的“编辑”中选择。</Typography.Text>
      <TextPrompt
        open={!!renaming}
        title="重命名部分"
        label="新标题"
        initial={renaming?.title ?? ''}
        onSubmit={async (value) => {
          await renameSection(db, planId, renaming!.id, value);
          await done('已重命名');
        }}
        onClose={() => setRenaming(null)}
      />
    </Space>
  );
}
