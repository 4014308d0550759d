import { Layout, Menu, Typography } from 'antd';
import { useUi, type View } from './store/ui';
import { PlansPage } from './features/plans/PlansPage';
import { ImportPage } from './features/import/ImportPage';
import { TasksPage } from './features/tasks/TasksPage';
import { SupervisorPage } from './features/supervisor/SupervisorPage';
import { SyncPage } from './features/sync/SyncPage';
import { SettingsPage } from './features/settings/SettingsPage';

const SCREENS: Record<View, { label: string; render: () => React.ReactNode }> = {
  plans: { label: '计划', render: () => <PlansPage /> },
  import: { label: '导入文件', render: () => <ImportPage /> },
  tasks: { label: '任务台账', render: () => <TasksPage /> },
  supervisor: { label: '督办视图', render: () => <SupervisorPage /> },
  sync: { label: '文件同步', render: () => <SyncPage /> },
  settings: { label: '设置', render: () => <SettingsPage /> },
};

export function App() {
  const view = useUi((s) => s.view);
  const go = useUi((s) => s.go);
  return (
    <Layout style={{ minHeight: '100%' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 32, background: '#b71c1c' }}>
        <Typography.Title level={3} style={{ color: '#fff', margin: 0, whiteSpace: 'nowrap' }}>
          任务分解台账
        </Typography.Title>
        <Menu
          mode="horizontal"
          theme="dark"
          selectedKeys={[view]}
          onClick={(e) => go(e.key as View)}
          items={Object.entries(SCREENS).map(([key, s]) => ({ key, label: s.label }))}
          style={{ flex: 1, background: 'transparent', borderBottom: 'none' }}
        />
      </Layout.Header>
      <Layout.Content style={{ padding: 24 }}>{SCREENS[view].render()}</Layout.Content>
    </Layout>
  );
}
