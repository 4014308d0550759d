import { Tag } from 'antd';
import { REPORT_STATUS_LABELS, type ReportStatus } from '../../../shared/model';

export const STATUS_COLORS: Record<ReportStatus, string> = {
  'not-started': 'default',
  'in-progress': 'processing',
  done: 'success',
  ongoing: 'cyan',
  delayed: 'error',
  paused: 'warning',
};

/** A task or report status; `confirmed` marks 已销号. */
export function StatusTag({ status, confirmed }: { status: ReportStatus | null; confirmed?: boolean }) {
  if (!status) return <Tag>未报送</Tag>;
  if (status === 'done' && confirmed) return <Tag color="success">已销号</Tag>;
  return (
    <Tag color={STATUS_COLORS[status]}>
      {REPORT_STATUS_LABELS[status]}
      {status === 'done' && confirmed === false ? '·待销号' : ''}
    </Tag>
  );
}
