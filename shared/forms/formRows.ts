import type { Action, Plan, Report, Task } from '../model/schemas';
import { REPORT_STATUS_LABELS } from '../model/schemas';
import { comparePeriods, periodLabel } from '../model/periods';
import { rolesOf, ROLE_LABELS } from '../tracking/roles';
import { effectiveDeadlineOf, indexByTask } from '../tracking/standing';
import { deadlineCellText } from '../reports/deadlineText';
import { reportFormPrefill } from '../tracking/reporting';
import { chineseDate } from '../reports/chineseDate';
import type { LockedRow } from './layout';

export interface FormRowsInput {
  plan: Plan;
  tasks: readonly Task[];
  reports: readonly Report[];
  actions: readonly Action[];
  unitId: string;
  period: string;
}

/**
 * The locked rows of a unit's form: its tasks in plan order with the last period's progress for reference; a 退回 in
 * force on the unit's report heads that cell with its date and reason (the unit answers it in this form).
 */
export function formRows(input: FormRowsInput): LockedRow[] {
  const reportsByTask = indexByTask(input.reports);
  const actionsByTask = indexByTask(input.actions);
  const out: LockedRow[] = [];
  for (const task of input.tasks.filter((t) => !t.deleted).sort((a, b) => a.order - b.order)) {
    const roles = rolesOf(task, input.unitId);
    if (!roles.length) continue;
    let previous: Report | null = null;
    for (const r of reportsByTask.get(task.id) ?? []) {
      if (r.deleted || r.unitId !== input.unitId || comparePeriods(r.period, input.period) >= 0) continue;
      if (!previous || comparePeriods(r.period, previous.period) > 0 || (r.period === previous.period && r.stamp > previous.stamp)) previous = r;
    }
    const actions = actionsByTask.get(task.id) ?? [];
    const { returned } = reportFormPrefill(reportsByTask.get(task.id) ?? [], { task, unitId: input.unitId, period: input.period }, actions);
    const deadline = deadlineCellText(task, effectiveDeadlineOf(task, actions));
    out.push({
      taskId: task.id,
      number: task.number,
      content: task.content,
      role: roles.map((r) => ROLE_LABELS[r]).join('、'),
      deadline,
      previous: [
        returned ? `【已退回】${chineseDate(returned.date)}督办单位退回${returned.text ? `，原因：${returned.text}` : ''}。请修改后重新填报。` : '',
        previous ? `${periodLabel(previous.period)}（${REPORT_STATUS_LABELS[previous.status]}）：${previous.progress || '（无进展说明）'}` : '',
      ]
        .filter(Boolean)
        .join('\n'),
    });
  }
  return out;
}
