import { useLiveQuery } from 'dexie-react-hooks';
import { Alert, Space } from 'antd';
import { getDatabase } from '../../../db/database';
import { clockWarnings } from '../../../db/sync';

/** Clocks that look wrong (this PC's first), from what imported files showed; naming the PC. */
export function ClockAlerts() {
  const db = getDatabase();
  const verdicts = useLiveQuery(() => clockWarnings(db), [db]);
  if (!verdicts?.length) return null;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="clock-alerts">
      {verdicts.map((v) => (
        <Alert key={`${v.subject}-${v.device}-${v.direction}`} type={v.subject === 'self' ? 'error' : 'warning'} showIcon title={v.subject === 'self' ? '本机时钟不准' : '其他单位的电脑时钟不准'} description={v.message} />
      ))}
    </Space>
  );
}
