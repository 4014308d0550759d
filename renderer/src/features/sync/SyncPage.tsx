import { Space } from 'antd';
import { ExportPanel } from './ExportPanel';
import { ImportPanel } from './ImportPanel';
import { ConflictsPanel } from './ConflictsPanel';
import { BackupsPanel } from './BackupsPanel';
import { ClockAlerts } from './ClockAlerts';

/** 文件同步: export, import with preview, conflicts to review, local backups. Rules live in renderer/db/sync and shared/sync. */
export function SyncPage() {
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <ClockAlerts />
      <ExportPanel />
      <ImportPanel />
      <ConflictsPanel />
      <BackupsPanel />
    </Space>
  );
}
