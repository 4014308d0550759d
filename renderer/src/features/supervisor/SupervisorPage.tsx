import { Card, Empty } from 'antd';

/** Placeholder: the supervisor screen. */
export function SupervisorPage() {
  return (
    <Card title="督办视图">
      <Empty description="即将推出" />
    </Card>
  );
}
