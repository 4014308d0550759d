import { Layout, Typography } from 'antd';
import { PlansPage } from './features/plans/PlansPage';

export function App() {
  return (
    <Layout style={{ minHeight: '100%' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', background: '#b71c1c' }}>
        <Typography.Title level={3} style={{ color: '#fff', margin: 0 }}>
          任务分解台账
        </Typography.Title>
      </Layout.Header>
      <Layout.Content style={{ padding: 24 }}>
        <PlansPage />
      </Layout.Content>
    </Layout>
  );
}
