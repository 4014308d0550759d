/**
 * The start benchmark's reference (test/bench/start.bench.ts): an empty React + antd page — the same React root,
 * zh-CN ConfigProvider and antd App wrapper as the app, a layout with a title and an empty content card — built by
 * the same Vite. Whatever the app's first screen costs beyond this is the app's own.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App as AntApp, Card, ConfigProvider, Empty, Layout, Typography } from 'antd';
import zhCN from 'antd/locale/zh_CN';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider locale={zhCN}>
      <AntApp>
        <Layout style={{ minHeight: '100vh' }}>
          <Layout.Header style={{ display: 'flex', alignItems: 'center', background: '#b71c1c' }}>
            <Typography.Title level={3} style={{ color: '#fff', margin: 0 }}>
              空白页
            </Typography.Title>
          </Layout.Header>
          <Layout.Content style={{ padding: 24 }}>
            <Card data-testid="empty-page">
              <Empty description="空白页" />
            </Card>
          </Layout.Content>
        </Layout>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
