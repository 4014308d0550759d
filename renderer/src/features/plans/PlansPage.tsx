import { lazy, Suspense, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { Button, Card, Empty, Space, Tag, Typography } from 'antd';
import { getDatabase } from '../../../db/database';
import { listPlanSummaries } from '../../../db/planReads';
import { PLAN_STATE_LABELS, periodText } from '../../../../shared/tracking/planList';

// The new-plan form (antd Form, date pickers) loads when asked for, not with the first screen.
const NewPlanForm = lazy(() => import('./NewPlanForm').then((m) => ({ default: m.NewPlanForm })));
import { useUi } from '../../store/ui';
import { startValue } from '../../store/startData';

/** The plan list, with an empty state that says what to do first. */
export function PlansPage() {
  const db = getDatabase();
  const plans = useLiveQuery(() => listPlanSummaries(db), [db], startValue('summaries'));
  const [creating, setCreating] = useState(false);
  const go = useUi((s) => s.go);
  const openPlan = useUi((s) => s.openPlan);
  const currentPlanId = useUi((s) => s.planId);

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
            <Space>
              <Button type="primary" size="large" onClick={() => go('import')}>
                导入文件
              </Button>
              <Button size="large" onClick={() => setCreating(true)}>
                新建计划
              </Button>
            </Space>
          </Empty>
        </Card>
      )}
      {creating && (
        <Suspense fallback={<Card loading />}>
          <NewPlanForm onDone={() => setCreating(false)} />
        </Suspense>
      )}
      {plans.length > 0 && (
        <Card
          title="计划列表"
          extra={
            !creating && (
              <Space>
                <Button type="primary" onClick={() => go('import')}>
                  导入文件
                </Button>
                <Button onClick={() => setCreating(true)}>新建计划</Button>
              </Space>
            )
          }
        >
          <div data-testid="plan-list">
            {plans.map(({ plan: p, taskCount, period, state }) => (
              <div key={p.id} data-plan={p.title} style={{ padding: '12px 0', borderBottom: '1px solid #f0f0f0', display: 'flex', alignItems: 'center', gap: 16 }}>
                <div style={{ flex: 1, minWidth: 0 }}>
                  <Typography.Text strong>{p.title}</Typography.Text>
                  {p.id === currentPlanId && <Tag color="red" style={{ marginInlineStart: 8 }}>当前计划</Tag>}
                  <Tag color={state === 'archived' ? 'default' : 'green'} style={{ marginInlineStart: 8 }} data-testid="plan-state">
                    {PLAN_STATE_LABELS[state]}
                  </Tag>
                  <br />
                  <Typography.Text type="secondary" data-testid="plan-facts">
                    {[p.docNumber, `${periodText(period)}`, `${taskCount} 项任务`, p.owner.office && `${p.owner.office}下发`].filter(Boolean).join(' · ')}
                  </Typography.Text>
                </div>
                <Button
                  onClick={() => {
                    openPlan(p.id);
                    go('planEdit');
                  }}
                >
                  维护计划
                </Button>
                <Button
                  onClick={() => {
                    openPlan(p.id);
                    go('tasks');
                  }}
                >
                  打开任务台账
                </Button>
              </div>
            ))}
          </div>
        </Card>
      )}
    </Space>
  );
}
