import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ConfigProvider, App as AntApp } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { App } from './App';
import { useIdentity } from './store/identity';
import { useUi } from './store/ui';
import { preloadScreen } from './screens';
import { getDatabase } from '../db/database';
import { keepDigestSnapshots } from '../db/digestSnapshots';
import type { EarlyRows } from '../db/earlyReads';
import { readStartData } from './store/startData';
// The theme is shared with the build step that makes the first screen's styles (scripts/firstScreenStyles.mjs).
import APP_THEME from './theme.json';

/** How long the first render waits for the start-up reads (a database upgrade can take longer: the screens then wait for it themselves). */
const START_READS_WAIT_MS = 300;

function render() {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <ConfigProvider
        locale={zhCN}
        button={{ autoInsertSpace: false }}
        theme={APP_THEME}
      >
        {/* Notices appear below the menu bar and below a drawer's header, never over its close button. */}
        <AntApp message={{ top: 72, maxCount: 3 }}>
          <App />
        </AntApp>
      </ConfigProvider>
    </StrictMode>,
  );
}

/**
 * The window's start-up code (React, antd, the app), index.html's second script (after main.tsx): the first screen is
 * rendered with the reads main.tsx started (or, without them, reads through Dexie), or without them after
 * START_READS_WAIT_MS.
 */
function boot(early: Promise<EarlyRows | null>): void {
  dayjs.locale('zh-cn');
  // The code of the screen remembered from the last session downloads meanwhile.
  preloadScreen(useUi.getState().view);
  const startReads = readStartData(getDatabase(), early);
  // A plan's digest snapshot is written again after every change of its reports (the task table reads it first).
  keepDigestSnapshots(getDatabase());
  void Promise.race([startReads, new Promise<null>((resolve) => setTimeout(() => resolve(null), START_READS_WAIT_MS))]).then((data) => {
    if (data && useIdentity.getState().identity === undefined) useIdentity.setState({ identity: data.identity });
    render();
  });
}

boot(window.taizhangEarlyRows ?? Promise.resolve(null));
