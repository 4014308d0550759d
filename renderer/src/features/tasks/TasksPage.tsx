import { Card, Empty } from 'antd';

/** Placeholder: the tasks screen. */
export function TasksPage() {
  return (
    <Card title="任务台账">
      <Empty description="即将推出" />
    </Card>
  );
}
