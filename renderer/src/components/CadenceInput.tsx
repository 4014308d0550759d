import { DatePicker, InputNumber, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { CADENCE_KINDS, CADENCE_LABELS, type Cadence, type CadenceKind } from '../../../shared/model';

/** The day field's suffix for each calendar cadence (the due day lies in the period's last month). */
const DAY_SUFFIX: Record<Exclude<CadenceKind, 'custom'>, string> = {
  month: '日前',
  bimonth: '日前（每两个月的第二个月）',
  quarter: '日前（季度最后一个月）',
  halfyear: '日前（6月、12月）',
  year: '日前（12月）',
};

export interface CadenceValue {
  every: CadenceKind;
  day: number | null;
  dueDates: string[];
}

export const cadenceValueOf = (c: Cadence): CadenceValue => ({ every: c.every, day: c.day, dueDates: c.dueDates ?? [] });

/** Reporting cadence: 每月 / 每两个月 / 每季度 / 每半年 / 每年 with a due day, or a list of dates. */
export function CadenceInput({ value, onChange, compact = false }: { value: CadenceValue; onChange: (v: CadenceValue) => void; compact?: boolean }) {
  return (
    <Space wrap size={6}>
      <Select
        aria-label="报送周期"
        value={value.every}
        onChange={(every: CadenceKind) => onChange({ ...value, every })}
        options={CADENCE_KINDS.map((k) => ({ value: k, label: CADENCE_LABELS[k] }))}
        style={{ width: compact ? 110 : 140 }}
      />
      {value.every === 'custom' ? (
        <DatePicker
          multiple
          aria-label="报送日期"
          placeholder="选择各期报送截止日期"
          value={value.dueDates.map((d) => dayjs(d))}
          onChange={(dates: Dayjs[] | null) => onChange({ ...value, dueDates: (dates ?? []).map((d) => d.format('YYYY-MM-DD')).sort() })}
          maxTagCount="responsive"
          style={{ minWidth: compact ? 200 : 280 }}
        />
      ) : (
        // The number stays visible: only 日前 sits inside the box; the month it falls in is said beside it.
        <Space size={4}>
          <InputNumber aria-label="报送日" min={1} max={31} value={value.day} onChange={(day) => onChange({ ...value, day })} suffix="日前" style={{ width: 100 }} />
          {!compact && DAY_SUFFIX[value.every] !== '日前' && <span style={{ color: '#8c8c8c', whiteSpace: 'nowrap' }}>{DAY_SUFFIX[value.every].replace(/^日前/, '')}</span>}
        </Space>
      )}
    </Space>
  );
}
