import { Select } from 'antd';
import type { Plan } from '../../../../shared/model';

/** The header's choice of the current plan (shown when the PC holds more than one plan). Width: global.css .plan-picker. */
export function PlanPicker({ plans, planId, onChange }: { plans: readonly Plan[]; planId: string | null; onChange: (id: string) => void }) {
  return (
    <Select
      aria-label="当前计划"
      value={planId ?? undefined}
      onChange={onChange}
      options={plans.map((p) => ({ value: p.id, label: p.archived ? `${p.title}（已归档）` : p.title }))}
      className="plan-picker"
      popupMatchSelectWidth={false}
    />
  );
}
