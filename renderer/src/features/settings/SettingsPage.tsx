import { Card, Empty } from 'antd';

/** Placeholder: the settings screen. */
export function SettingsPage() {
  return (
    <Card title="设置">
      <Empty description="即将推出" />
    </Card>
  );
}
