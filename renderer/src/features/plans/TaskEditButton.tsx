import { useState } from 'react';
import { Button, Tag } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import type { Task } from '../../../../shared/model';
import { usePlanData } from '../../store/usePlanData';
import { TaskEditForm } from './TaskEditForm';
import { usePlanEditGate } from './usePlanEdit';

/** "编辑任务" for the task drawer: shown only where the plan may be edited (its owner's PC); an archived plan says so. */
export function TaskEditButton({ task }: { task: Task }) {
  const { data } = usePlanData();
  const refusal = usePlanEditGate(data?.plan);
  const [open, setOpen] = useState(false);
  if (data?.plan.archived)
    return (
      <Tag color="default" data-testid="archived-tag">
        计划已归档（只读）
      </Tag>
    );
  if (!data || refusal) return null;
  return (
    <>
      <Button icon={<EditOutlined />} onClick={() => setOpen(true)} data-testid="edit-task">
        编辑任务
      </Button>
      {/* Mounted only while open: its dialog (rendered even when hidden) would otherwise sit above the task drawer in
          the order Esc is handled, and Esc would no longer close the drawer. */}
      {open && <TaskEditForm view={data} task={task} open onClose={() => setOpen(false)} />}
    </>
  );
}
