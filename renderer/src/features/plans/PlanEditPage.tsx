import { useState } from 'react';
import { Alert, App, Button, Card, Empty, Modal, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, InboxOutlined, RollbackOutlined } from '@ant-design/icons';
import { getDatabase } from '../../../db/database';
import { archivePlan, deletePlan, renamePlan } from '../../../db/planEdit';
import { usePlanData } from '../../store/usePlanData';
import { useUi } from '../../store/ui';
import { DeletedTasksTab } from './DeletedTasksTab';
import { PlanSectionsTab } from './PlanSectionsTab';
import { PlanTasksTab } from './PlanTasksTab';
import { PlanUnitsTab } from './PlanUnitsTab';
import { TextPrompt } from './TextPrompt';
import { commandError, useEditCommand, usePlanEditGate } from './usePlanEdit';

/**
 * 计划维护: the current plan's tasks, sections and units, edited in place by the plan's owner; rename, archive or
 * delete the plan. Other PCs see the same screen read-only, with the reason.
 */
export function PlanEditPage() {
  const db = getDatabase();
  const { modal } = App.useApp();
  const { data, loading, error } = usePlanData();
  const go = useUi((s) => s.go);
  const { run, done, busy } = useEditCommand();
  const [renaming, setRenaming] = useState(false);
  const refusal = usePlanEditGate(data?.plan);
  const archiveRefusal = usePlanEditGate(data?.plan, { allowArchived: true });

  if (error) return <Alert type="error" showIcon title={error} />;
  if (!data) {
    if (!loading && !useUi.getState().planId) return <Empty description="还没有计划" />;
    return <Spin description="正在读取计划…" style={{ display: 'block', marginTop: 120 }} />;
  }
  const plan = data.plan;
  const readOnly = refusal !== null;

  function confirmDelete() {
    modal.confirm({
      title: `删除计划「${plan.title}」？`,
      content: (
        <>
          <p>
            计划及其 {data!.tasks.length} 项任务将从所有单位的计划列表中移除（同步后生效）。已填报的 {data!.reports.length} 条进展仍保存在数据库中，但不再显示。
          </p>
          <p>如果计划只是已经结束，请改用“归档”：归档的计划只读，仍可查看和导出。</p>
        </>
      ),
      okText: '删除计划',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        try {
          await deletePlan(db, plan.id);
        } catch (e) {
          modal.error({ title: '没有删除', content: commandError(e) });
          return;
        }
        go('plans');
      },
    });
  }

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Card size="small">
        <div style={{ display: 'flex', gap: 12, alignItems: 'center', flexWrap: 'wrap' }}>
          <Typography.Title level={5} style={{ margin: 0, minWidth: 0, flex: '1 1 360px' }} ellipsis={{ tooltip: plan.title }} data-testid="plan-edit-title">
            计划维护：{plan.title}
          </Typography.Title>
          {plan.archived ? <Tag color="default">已归档</Tag> : <Tag color="green">进行中</Tag>}
          <Button icon={<EditOutlined />} disabled={readOnly} onClick={() => setRenaming(true)}>
            重命名
          </Button>
          {plan.archived ? (
            <Button icon={<RollbackOutlined />} disabled={archiveRefusal !== null || busy} onClick={() => void run(() => archivePlan(db, plan.id, false), '已取消归档，计划可以继续填报和修改')}>
              取消归档
            </Button>
          ) : (
            <Button
              icon={<InboxOutlined />}
              disabled={archiveRefusal !== null || busy}
              onClick={() =>
                modal.confirm({
                  title: `归档计划「${plan.title}」？`,
                  content: '归档后，所有单位都只能查看和导出这个计划，不能再填报、督办或修改；需要时可以取消归档。',
                  okText: '归档',
                  cancelText: '取消',
                  onOk: () => run(() => archivePlan(db, plan.id, true), '已归档，计划只读（仍可导出）'),
                })
              }
            >
              归档
            </Button>
          )}
          <Button danger icon={<DeleteOutlined />} disabled={archiveRefusal !== null} onClick={confirmDelete}>
            删除计划
          </Button>
          <Button type="primary" onClick={() => go('tasks')}>
            打开任务台账
          </Button>
        </div>
        {readOnly && (
          <Alert
            type={plan.archived ? 'info' : 'warning'}
            showIcon
            style={{ marginTop: 12 }}
            data-testid="plan-edit-readonly"
            title={plan.archived && archiveRefusal === null ? '计划已归档：只能查看和导出。如需修改，请先取消归档。' : `本机不能修改这个计划：${refusal}`}
          />
        )}
      </Card>
      <Card size="small">
        <Tabs
          items={[
            { key: 'tasks', label: `任务（${data.tasks.length}）`, children: <PlanTasksTab view={data} readOnly={readOnly} /> },
            { key: 'sections', label: `部分（${data.sections.length}）`, children: <PlanSectionsTab view={data} readOnly={readOnly} /> },
            { key: 'units', label: '单位', children: <PlanUnitsTab view={data} readOnly={readOnly} /> },
            { key: 'deleted', label: '已删除的任务', children: <DeletedTasksTab view={data} readOnly={readOnly} /> },
          ]}
        />
      </Card>
      <TextPrompt
        open={renaming}
        title="重命名计划"
        label="计划名称"
        initial={plan.title}
        onSubmit={async (value) => {
          await renamePlan(db, plan.id, value);
          await done('已重命名计划');
        }}
        onClose={() => setRenaming(false)}
      />
    </Space>
  );
}
