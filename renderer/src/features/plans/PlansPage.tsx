import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { Button, Card, Empty, Space, Typography } from 'antd';
import { getDatabase } from '../../../db/database';
import { listPlans } from '../../../db/plans';
import { NewPlanForm } from './NewPlanForm';

/** The plan list, with an empty state that says what to do first. */
export function PlansPage() {
  const db = getDatabase();
  const plans = useLiveQuery(() => listPlans(db), [db]);
  const taskCounts = useLiveQuery(async () => {
    const counts = new Map<string, number>();
    await db.tasks.each((t) => {
      if (!t.deleted) counts.set(t.planId, (counts.get(t.planId) ?? 0) + 1);
    });
    return counts;
  }, [db]);
  const [creating, setCreating] = useState(false);

  if (plans === undefined) return null;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      {plans.length === 0 && !creating && (
        <Card>
          <Empty
            description={
              <Space orientation="vertical">
                <Typography.Text strong>还没有任何计划</Typography.Text>
                <Typography.Text type="secondary">
                  第一步：导入上级印发的措施文件（含任务分解表），或手工新建一个计划。
                </Typography.Text>
              </Space>
            }
          >
            <Button type="primary" onClick={() => setCreating(true)}>
              新建计划
            </Button>
          </Empty>
        </Card>
      )}
      {creating && <NewPlanForm onDone={() => setCreating(false)} />}
      {plans.length > 0 && (
        <Card
          title="计划列表"
          extra={
            !creating && (
              <Button type="primary" onClick={() => setCreating(true)}>
                新建计划
              </Button>
            )
          }
        >
          <div data-testid="plan-list">
            {plans.map((p) => (
              <div key={p.id} style={{ padding: '12px 0', borderBottom: '1px solid #f0f0f0' }}>
                <Typography.Text strong>{p.title}</Typography.Text>
                <br />
                <Typography.Text type="secondary">
                  {[p.docNumber, `${taskCounts?.get(p.id) ?? 0} 项任务`].filter(Boolean).join(' · ')}
                </Typography.Text>
              </div>
            ))}
          </div>
        </Card>
      )}
    </Space>
  );
}
