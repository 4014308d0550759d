import { Card, Empty } from 'antd';

/** Placeholder: the sync screen. */
export function SyncPage() {
  return (
    <Card title="文件同步">
      <Empty description="即将推出" />
    </Card>
  );
}
