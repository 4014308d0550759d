import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ConfigProvider, App as AntApp } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { App } from './App';
import './global.css';
import { startSync } from './features/sync/startup';
import { startClock } from './store/clock';
import { startDraftPersistence } from './store/draftPersistence';

dayjs.locale('zh-cn');
startSync();
startClock();
void startDraftPersistence();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider
      locale={zhCN}
      button={{ autoInsertSpace: false }}
      theme={{ token: { fontFamily: '"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Noto Sans SC", sans-serif' } }}
    >
      {/* Notices appear below the menu bar and below a drawer's header, never over its close button. */}
      <AntApp message={{ top: 72, maxCount: 3 }}>
        <App />
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
