import { buildPlanRecords, formatStamp, randomId, reportId, type Action, type PlanRecords, type Report } from '../../../shared/model';
import type { ParsedTask } from '../../../shared/parser/types';

/** A small plan: quarterly reporting due on the 20th, yellow 15 days ahead, issued 2024-01-10. */
export function samplePlan(tasks?: ParsedTask[], date: string | null = '2024-01-10'): PlanRecords {
  return buildPlanRecords(
    {
      title: '测试实施方案',
      docNumber: '测〔2024〕1号',
      issuer: '市政府办公室',
      date,
      source: null,
      leadRule: 'columns',
      cadence: { every: 'quarter', day: 20 },
      tasks: tasks ?? [
        { number: '1', section: ['一、优化营商环境', '（一）提升审批效率'], content: '压缩企业开办时间', lead: ['市市场监管局'], support: ['市公安局'], implement: [], deadline: { text: '2024年6月底前', date: '2024-06-30', kind: 'date' } },
        { number: '2', section: ['一、优化营商环境', '（一）提升审批效率'], content: '推行证照分离改革', lead: ['市市场监管局', '市卫生健康局'], support: [], implement: ['县市场监管局'], deadline: { text: '2024年12月底前', date: '2024-12-31', kind: 'date' } },
        { number: '3', section: ['二、加强保障'], content: '建立长效机制', lead: ['市卫生健康局'], support: ['市市场监管局'], implement: [], deadline: { text: '长期坚持', date: null, kind: 'ongoing' } },
      ],
    },
    { stamp: formatStamp(1, 0, 'devsup'), office: '市政府督查办', device: 'devsup', now: new Date('2024-01-10T08:00:00Z') },
  );
}

let clock = 1_000;
/** A strictly increasing stamp, so the order rows are created in is their causal order. */
export function stamp(device = 'dev1'): string {
  return formatStamp(1_700_000_000_000 + clock++, 0, device);
}

export function report(records: PlanRecords, taskIndex: number, unitIndexInLead: number, period: string, fields: Partial<Report> = {}): Report {
  const task = records.tasks[taskIndex]!;
  const unitId = fields.unitId ?? task.lead[unitIndexInLead]!;
  return {
    id: reportId(task.id, unitId, period),
    stamp: stamp(),
    by: 'x',
    planId: records.plan.id,
    taskId: task.id,
    unitId,
    period,
    status: 'in-progress',
    progress: '正在推进',
    problems: '',
    nextSteps: '',
    percent: null,
    attachments: [],
    author: '',
    reportedAt: '2024-05-01T12:00:00.000Z',
    ...fields,
  };
}

export function action(records: PlanRecords, taskIndex: number, kind: Action['kind'], fields: Partial<Action> = {}): Action {
  const task = records.tasks[taskIndex]!;
  return {
    id: randomId('act'),
    stamp: stamp('devsup'),
    by: '市政府督查办',
    planId: records.plan.id,
    taskId: task.id,
    unitId: null,
    kind,
    text: '',
    date: '2024-05-02',
    newDeadline: null,
    ...fields,
  };
}
