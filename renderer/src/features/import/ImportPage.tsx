import { Card, Empty } from 'antd';

/** Placeholder: the import screen. */
export function ImportPage() {
  return (
    <Card title="导入文件">
      <Empty description="即将推出" />
    </Card>
  );
}
