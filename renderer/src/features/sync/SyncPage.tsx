import { Space } from 'antd';
import { ExportPanel } from './ExportPanel';
import { ImportPanel } from './ImportPanel';
import { ConflictsPanel } from './ConflictsPanel';
import { BackupsPanel } from './BackupsPanel';
import { FormImportPanel } from '../export/FormImportPanel';
import { useIdentity } from '../../store/identity';

/** 文件同步: export, import with preview, conflicts to review, local backups. Rules live in renderer/db/sync and shared/sync. */
export function SyncPage() {
  const supervisor = useIdentity((s) => s.identity?.role === 'supervisor');
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <ExportPanel />
      <ImportPanel />
      {supervisor && <FormImportPanel />}
      <ConflictsPanel />
      <BackupsPanel />
    </Space>
  );
}
