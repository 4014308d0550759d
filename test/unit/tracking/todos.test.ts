import { describe, expect, it } from 'vitest';
import { unitId, type Action, type Report } from '../../../shared/model';
import { countTodos, departmentTodos } from '../../../shared/tracking/todos';
import { indexByTask } from '../../../shared/tracking/standing';
import { action, report, samplePlan } from './fixtures';

const records = samplePlan();
const market = unitId('市市场监管局');
const health = unitId('市卫生健康局');
const police = unitId('市公安局');
const todos = (unit: string, reports: Report[], actions: Action[], today: string) =>
  departmentTodos({ plan: records.plan, tasks: records.tasks, reportsByTask: indexByTask(reports), actionsByTask: indexByTask(actions), unitId: unit, today });

describe('department to-do list: 本期待报, 被退回, 被催办, 延期答复', () => {
  it('lists the current period’s reports the office owes, 逾期 first', () => {
    // 市场监管 leads tasks 1 and 2; it reported task 2 for Q2.
    const list = todos(market, [report(records, 1, 0, '2024-Q2')], [], '2024-06-25');
    expect(list.map((t) => [t.kind, t.task.number, t.urgent])).toEqual([['due', '1', true]]);
    expect(list[0]!.text).toBe('2024年第二季度进展应于 2024-06-20 前报送，已逾期 5 天');
    expect(todos(market, [], [], '2024-05-10').map((t) => t.text)[0]).toBe('2024年第二季度进展请于 2024-06-20 前报送（还有 41 天）');
    // A supporting unit owes no report.
    expect(todos(police, [], [], '2024-06-25')).toEqual([]);
  });

  it('a 退回 or 催办 stays on the list until the office reports again', () => {
    const first = report(records, 2, 0, '2024-Q2', { unitId: health });
    const ret = action(records, 2, 'return', { text: '佐证材料不足', date: '2024-06-01' });
    const urge = action(records, 2, 'urge', { unitId: health, text: '请于周五前报送', date: '2024-06-02' });
    const list = todos(health, [first], [ret, urge], '2024-06-10');
    expect(list.filter((t) => t.task.number === '3').map((t) => t.kind)).toEqual(['returned', 'urged']);
    expect(list.find((t) => t.kind === 'returned')!.text).toBe('2024-06-01 被退回：佐证材料不足，请修改后重新报送');
    // A reason written as a sentence is not followed by a second mark.
    const sentence = action(records, 2, 'return', { text: '佐证材料不足。 ', date: '2024-06-01' });
    expect(todos(health, [first], [sentence], '2024-06-10').find((t) => t.kind === 'returned')!.text).toBe('2024-06-01 被退回：佐证材料不足，请修改后重新报送');
    const again = report(records, 2, 0, '2024-Q2', { unitId: health, progress: '补充了材料' });
    expect(todos(health, [first, again], [ret, urge], '2024-06-10').filter((t) => t.task.number === '3')).toEqual([]);
    // A 催办 to another office is not this office's.
    expect(todos(market, [], [action(records, 1, 'urge', { unitId: health, text: 'x' })], '2024-05-10').some((t) => t.kind === 'urged')).toBe(false);
  });

  it('shows the answer to the office’s extension request for 30 days', () => {
    const approve = action(records, 0, 'extension-approve', { unitId: market, newDeadline: '2024-09-30', date: '2024-06-01' });
    const list = todos(market, [], [approve], '2024-06-10');
    expect(list.find((t) => t.kind === 'extension')!.text).toBe('2024-06-01 同意延期，完成时限延至 2024-09-30');
    expect(todos(market, [], [approve], '2024-07-15').some((t) => t.kind === 'extension')).toBe(false);
    const refuse = action(records, 0, 'extension-refuse', { unitId: market, text: '理由不充分', date: '2024-06-01' });
    expect(todos(market, [], [refuse], '2024-06-10').find((t) => t.kind === 'extension')).toMatchObject({ urgent: true });
    expect(countTodos(todos(market, [], [approve, refuse], '2024-06-25'))).toEqual({ due: 2, returned: 0, urged: 0, extension: 1 });
  });
});
