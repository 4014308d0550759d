import { Space } from 'antd';
import { ExportPanel } from './ExportPanel';
import { ImportPanel } from './ImportPanel';
import { ConflictsPanel } from './ConflictsPanel';
import { BackupsPanel } from './BackupsPanel';
import { KeysPanel } from '../identity/KeysPanel';
import { EnrollmentPanel } from '../identity/EnrollmentPanel';
import { FormImportPanel } from '../export/FormImportPanel';
import { useIdentity } from '../../store/identity';

/** 文件同步: export (signed, optionally sealed), import with preview, conflicts, this PC's key, enrollment, local backups. Rules live in renderer/db/sync and shared/sync. */
export function SyncPage() {
  const supervisor = useIdentity((s) => s.identity?.role === 'supervisor');
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <ExportPanel />
      <ImportPanel />
      {supervisor && <FormImportPanel />}
      <ConflictsPanel />
      <KeysPanel />
      <EnrollmentPanel />
      <BackupsPanel />
    </Space>
  );
}
