import { useLiveQuery } from 'dexie-react-hooks';
import { Alert, Space } from 'antd';
import { getDatabase } from '../../../db/database';
import { clockWarnings } from '../../../db/sync/clockNotes';

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

/**
 * Where a date is taken from this PC's clock (the report form's 本期): this PC's own clock, when files showed it is
 * wrong, with what follows for the form.
 */
export function OwnClockAlert({ consequence }: { consequence: string }) {
  const db = getDatabase();
  const verdicts = useLiveQuery(() => clockWarnings(db), [db]);
  const own = verdicts?.filter((v) => v.subject === 'self') ?? [];
  if (!own.length) return null;
  return (
    <Alert
      type="error"
      showIcon
      data-testid="own-clock-alert"
      style={{ marginBottom: 12 }}
      title="本机时钟不准"
      description={
        <>
          {own.map((v) => (
            <div key={v.direction}>{v.message}</div>
          ))}
          <div>{consequence}</div>
        </>
      }
    />
  );
}
