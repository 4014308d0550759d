import { useMemo } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { Button, Collapse, Empty, Space, Tag, Typography } from 'antd';
import { getDatabase } from '../../../db/database';
import { loadDeletedTasks, restoreTask } from '../../../db/planEdit';
import type { PlanView } from '../../../db/tracking';
import { TaskHistory } from '../tasks/TaskHistory';
import { useEditCommand } from './usePlanEdit';

/** Tasks deleted or merged away, each with the progress recorded on it (kept), and a way back. */
export function DeletedTasksTab({ view, readOnly }: { view: PlanView; readOnly: boolean }) {
  const db = getDatabase();
  const planId = view.plan.id;
  const { run, busy } = useEditCommand();
  // Re-read whenever the plan's tasks change (a delete or a restore).
  const deleted = useLiveQuery(() => loadDeletedTasks(db, planId), [db, planId, view]);
  const unitNames = useMemo(() => new Map(view.units.map((u) => [u.id, u.name])), [view.units]);
  if (!deleted) return null;
  if (!deleted.length) return <Empty description="没有删除过任务" />;
  return (
    <Collapse
      data-testid="deleted-tasks"
      items={deleted.map((d) => ({
        key: d.task.id,
        label: (
          <Space>
            <Typography.Text strong>第 {d.task.number} 项</Typography.Text>
            {d.mergedIntoNumber ? <Tag color="blue">已合并到第 {d.mergedIntoNumber} 项</Tag> : <Tag>{d.task.hand?.deleted ? '手工删除' : '重新导入时删除'}</Tag>}
            <Typography.Text type="secondary" ellipsis style={{ maxWidth: 640 }}>
              {d.task.content}
            </Typography.Text>
            <Typography.Text type="secondary">进展记录 {d.reports.length + d.actions.length} 条</Typography.Text>
          </Space>
        ),
        extra: (
          <Button
            size="small"
            disabled={readOnly || busy}
            onClick={(e) => {
              e.stopPropagation();
              void run(() => restoreTask(db, d.task.id), `已恢复第 ${d.task.number} 项任务`);
            }}
          >
            恢复
          </Button>
        ),
        children: (
          <>
            <Typography.Paragraph>{d.task.content}</Typography.Paragraph>
            <TaskHistory reports={d.reports} actions={d.actions} unitNames={unitNames} />
          </>
        ),
      }))}
    />
  );
}
