import { App, Space, Typography } from 'antd';
import { normalizeKey, type Task } from '../../../../shared/model';
import type { TaskStanding } from '../../../../shared/tracking/standing';
import { getDatabase } from '../../../db/database';
import { InputRefusedError } from '../../../db/plans';
import { updateTask } from '../../../db/tracking';
import { usePlanView } from '../../store/planView';
import { usePlanData } from '../../store/usePlanData';
import { TargetReadings, TargetsButton } from './Targets';

/** The task drawer's 量化指标: each target against the value reported, and (for the plan's owner) the editor. */
export function TaskTargets({ task, standing }: { task: Task; standing: TaskStanding }) {
  const { data, identity } = usePlanData();
  const applyTask = usePlanView((s) => s.applyTask);
  const { message } = App.useApp();
  const owner = !!identity && !!data && identity.role === 'supervisor' && normalizeKey(identity.office) === normalizeKey(data.plan.owner.office);
  return (
    <Space orientation="vertical" size={6} style={{ width: '100%' }}>
      {standing.targets?.length ? <TargetReadings readings={standing.targets} /> : <Typography.Text type="secondary">（无）</Typography.Text>}
      {owner && (
        <TargetsButton
          targets={task.targets ?? []}
          onSave={async (inputs) => {
            try {
              await applyTask(await updateTask(getDatabase(), task.id, { targets: inputs }));
              message.success('量化指标已保存');
              return null;
            } catch (e) {
              if (e instanceof InputRefusedError) return e.message;
              console.warn('updateTask failed', e);
              return '保存失败，请重试';
            }
          }}
        />
      )}
    </Space>
  );
}
