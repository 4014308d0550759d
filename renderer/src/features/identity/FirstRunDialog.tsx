import { Modal, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { getDatabase } from '../../../db/database';
import { listUnitNames } from '../../../db/plans';
import { useIdentity } from '../../store/identity';
import { IdentityForm } from './IdentityForm';

/**
 * First run: once a plan is on this PC, ask which office the PC belongs to. Shown until answered;
 * there is no way around it because every report and action records the office.
 */
export function FirstRunDialog() {
  const identity = useIdentity((s) => s.identity);
  const db = getDatabase();
  const planCount = useLiveQuery(() => db.plans.count(), [db]);
  const unitNames = useLiveQuery(() => listUnitNames(db), [db]);
  const open = identity === null && (planCount ?? 0) > 0;
  return (
    <Modal open={open} title="首次使用：本机属于哪个单位？" footer={null} closable={false} mask={{ closable: false }} keyboard={false} width={560}>
      <Typography.Paragraph type="secondary">
        选定后，“我的任务”会列出本单位牵头、配合或具体落实的任务，填报的进展也会记在本单位名下。
      </Typography.Paragraph>
      {open && <IdentityForm unitNames={unitNames ?? []} submitLabel="确定" />}
    </Modal>
  );
}
