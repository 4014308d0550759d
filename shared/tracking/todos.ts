import type { Action, Plan, ReportHead, Task } from '../model/schemas';
import { periodLabel } from '../model/periods';
import { daysBetween, periodDueDay, periodOfDay, type IsoDay } from './dates';
import { actionAddresses, newestReportStamp, returnInForce, taskPeriodState } from './reporting';
import { rolesOf } from './roles';
import { asClause } from '../text/clause';

/**
 * A department's to-do list: what the office has to do now in a plan.
 *   本期待报  the current period's report it owes on a task and has not sent (its due day, or 逾期未报)
 *   被退回    a 退回 of the task (or of its report) not answered by a report since
 *   被催办    a 催办 to the office (or to the task as a whole) not answered by a report since
 *   延期答复  the supervisor's answer to the office's extension request, in the last 30 days
 * Pure over (plan, tasks, reports, actions, unit, today); one entry per task and kind.
 */
export type TodoKind = 'due' | 'returned' | 'urged' | 'extension';
export const TODO_KINDS: readonly TodoKind[] = ['due', 'returned', 'urged', 'extension'];
export const TODO_LABELS: Record<TodoKind, string> = { due: '本期待报', returned: '被退回', urged: '被催办', extension: '延期答复' };

export interface TodoItem {
  kind: TodoKind;
  task: Task;
  /** The day that matters: the report's due day, or the action's date. */
  date: IsoDay;
  /** One line in Chinese (why it is on the list). */
  text: string;
  /** Needs attention first (逾期未报, 被退回, 不同意延期). */
  urgent: boolean;
  /** The action behind it (退回, 催办, 同意/不同意延期). */
  action?: Action;
}

export interface TodoInput {
  plan: Pick<Plan, 'date' | 'createdAt' | 'cadence'>;
  tasks: readonly Task[];
  reportsByTask: ReadonlyMap<string, readonly ReportHead[]>;
  actionsByTask: ReadonlyMap<string, readonly Action[]>;
  unitId: string;
  today: IsoDay;
}

const ANSWER_DAYS = 30;

/** The office's newest report stamp on a task ('' when none). */
export function departmentTodos(input: TodoInput): TodoItem[] {
  const { plan, unitId, today } = input;
  const period = periodOfDay(today, plan.cadence);
  const due = periodDueDay(period, plan.cadence);
  const out: TodoItem[] = [];
  for (const task of input.tasks) {
    if (task.deleted || rolesOf(task, unitId).length === 0) continue;
    const reports = input.reportsByTask.get(task.id) ?? [];
    const actions = (input.actionsByTask.get(task.id) ?? []).filter((a) => !a.deleted);
    const answered = newestReportStamp(reports, task.id, unitId);

    const state = taskPeriodState({ plan, task, reports, actions, unitId, period, today });
    if (state === 'not-due' || state === 'missing') {
      const days = daysBetween(today, due);
      out.push({
        kind: 'due',
        task,
        date: due,
        urgent: state === 'missing',
        text: state === 'missing' ? `${periodLabel(period)}进展应于 ${due} 前报送，已逾期 ${-days} 天` : `${periodLabel(period)}进展请于 ${due} 前报送（还有 ${days} 天）`,
      });
    }

    const newest = (kind: Action['kind']) => {
      let best: Action | null = null;
      for (const a of actions) if (a.kind === kind && actionAddresses(a, task, unitId) && (!best || a.stamp > best.stamp)) best = a;
      return best;
    };
    const ret = returnInForce(task, unitId, answered, actions);
    if (ret) {
      out.push({ kind: 'returned', task, date: ret.date, urgent: true, action: ret, text: `${ret.date} 被退回${ret.text ? `：${asClause(ret.text)}` : ''}，请修改后重新报送` });
    }
    const urge = newest('urge');
    if (urge && urge.stamp > answered) {
      out.push({ kind: 'urged', task, date: urge.date, urgent: false, action: urge, text: `${urge.date} 催办${urge.text ? `：${urge.text}` : ''}` });
    }
    let answer: Action | null = null;
    for (const a of actions) {
      if ((a.kind === 'extension-approve' || a.kind === 'extension-refuse') && a.unitId === unitId && (!answer || a.stamp > answer.stamp)) answer = a;
    }
    if (answer && daysBetween(answer.date, today) <= ANSWER_DAYS) {
      const approved = answer.kind === 'extension-approve';
      out.push({
        kind: 'extension',
        task,
        date: answer.date,
        urgent: !approved,
        action: answer,
        text: approved
          ? `${answer.date} 同意延期，完成时限延至 ${answer.newDeadline}`
          : `${answer.date} 不同意延期${answer.text ? `：${answer.text}` : ''}，仍按原完成时限完成`,
      });
    }
  }
  // Urgent first, then the earliest date, then plan order.
  return out.sort((a, b) => Number(b.urgent) - Number(a.urgent) || a.date.localeCompare(b.date) || a.task.order - b.task.order);
}

/** How many to-dos of each kind. */
export function countTodos(items: readonly TodoItem[]): Record<TodoKind, number> {
  const counts: Record<TodoKind, number> = { due: 0, returned: 0, urged: 0, extension: 0 };
  for (const item of items) counts[item.kind]++;
  return counts;
}
