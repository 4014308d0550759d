import { periodLabel, randomId, type Action, type PlanRecords, type Report } from '../../../shared/model';
import { concatBytes, emptyRecordSets, encodeSnapshot } from '../../../shared/sync';
import { expectedPlan002, sampleReports } from '../../e2e/seed';

/** The day the paper outputs of seed 002 are made on. */
export const PAPER_TODAY = '2024-12-20';
export const PAPER_PERIOD = '2024-Q4';

/** Deadlines given to a few tasks of seed 002 (it has none): some passed by PAPER_TODAY, some not. */
export const SEED_002_DEADLINES: Record<string, string> = {
  '1': '2023-06-30',
  '2': '2024-06-30',
  '5': '2024-09-30',
  '8': '2025-06-30',
  '13': '2024-11-30',
  '21': '2025-12-31',
  '34': '2024-03-31',
  '50': '2026-12-31',
};

/** Seed 002 (63 tasks) with three quarters of reports from its lead units and a few 销号. */
export function seed002WithReports(): PlanRecords & { reports: Report[]; actions: Action[] } {
  const records = expectedPlan002(SEED_002_DEADLINES);
  const reports = sampleReports(records, ['2024-Q2', '2024-Q3', PAPER_PERIOD]);
  // A long progress text, problems and next steps on some tasks: the printed rows must grow to show them whole.
  for (const [i, r] of reports.entries()) {
    r.progress = r.progress.replace(r.period, periodLabel(r.period));
    if (i % 5 === 0) r.problems = '部分镇街基层监管力量不足，专业人员缺乏，检查覆盖面有待提高。';
    if (i % 4 === 0) r.nextSteps = '继续加强统筹协调，按季度开展督导检查，确保年底前完成既定目标。';
    if (i % 7 === 0) r.progress += '组织召开推进会3次，印发工作指引1份，开展专项检查2轮，共检查企业156家次，发现并督促整改问题43个，约谈企业负责人5人次，立案查处违法案件2宗。';
  }
  const confirmed = records.tasks.filter((_, i) => i % 6 === 1).slice(0, 4);
  const actions: Action[] = confirmed.map((task, i) => ({
    id: randomId('act'),
    stamp: `000001800000${String(i).padStart(3, '0')}-00000-seed`,
    by: records.plan.owner.office,
    planId: records.plan.id,
    taskId: task.id,
    unitId: null,
    kind: 'confirm',
    text: '',
    date: '2024-12-10',
    newDeadline: null,
  }));
  return { ...records, reports, actions };
}

/** Seed 002 with its reports as a .tzsync snapshot file (what the CLI reads). */
export function seed002Snapshot(): Uint8Array {
  const data = seed002WithReports();
  const file = encodeSnapshot(
    { records: { ...emptyRecordSets(), plans: [data.plan], sections: data.sections, tasks: data.tasks, units: data.units, reports: data.reports, actions: data.actions }, blobs: [] },
    {
      producer: { deviceId: 'seed', office: data.plan.owner.office, role: 'supervisor' },
      app: { name: '任务分解台账', version: 'test' },
      createdAt: '2024-12-20T08:00:00.000Z',
      scope: { kind: 'full', since: null },
    },
  );
  return concatBytes(file.chunks);
}
