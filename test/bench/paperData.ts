/** Generated data for the paper benchmarks (test/bench/paper.bench.ts). */
import { formatStamp, type Action, type Plan, type Report, type ReportStatus, type Section, type Task, type Unit } from '../../shared/model';

const TASKS = 5_000;
const UNITS = 150;

let seed = 20241220;
function rand(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const hex = (n: number) => n.toString(16).padStart(24, '0');
const WORDS = ['推进', '数字化', '营商环境', '审批', '监管', '服务', '改革', '标准', '质量', '安全', '信用', '平台', '机制', '督导', '考核', '培训'];
export const benchSentence = (n: number): string => Array.from({ length: n }, () => pick(WORDS)).join('');

/** A 5,000-task plan with 150 units and two quarters of reports, the same on every run. */
export function generate() {
  const planId = `plan_${hex(1)}`;
  const meta = { stamp: formatStamp(1_700_000_000_000, 0, 'devsup'), by: '市政府督查办' };
  const plan: Plan = {
    id: planId,
    ...meta,
    title: '基准测试实施方案',
    docNumber: '测〔2024〕1号',
    issuer: null,
    date: '2021-01-15',
    source: null,
    leadRule: 'columns',
    cadence: { every: 'quarter', day: 20 },
    yellowDays: 15,
    owner: { office: '市政府督查办', device: 'devsup' },
    createdAt: '2021-01-15T00:00:00.000Z',
  };
  const units: Unit[] = Array.from({ length: UNITS }, (_, i) => ({ id: `unit_${hex(i)}`, ...meta, name: `第${i + 1}单位${pick(['局', '委', '办'])}`, aliases: [] }));
  const sections: Section[] = [];
  for (let s = 0; s < 20; s++) {
    sections.push({ id: `sec_${hex(s * 100)}`, ...meta, planId, title: `${s + 1}、第${s + 1}部分`, parentId: null, order: sections.length });
    for (let c = 1; c <= 5; c++) sections.push({ id: `sec_${hex(s * 100 + c)}`, ...meta, planId, title: `（${c}）第${c}小节`, parentId: `sec_${hex(s * 100)}`, order: sections.length });
  }
  const leaves = sections.filter((s) => s.parentId);
  const tasks: Task[] = Array.from({ length: TASKS }, (_, i) => {
    const year = 2022 + Math.floor(rand() * 5);
    return {
      id: `task_${hex(i)}`,
      ...meta,
      planId,
      sectionId: leaves[Math.floor((i * leaves.length) / TASKS)]!.id,
      number: String(i + 1),
      order: i,
      content: `${benchSentence(12)}，${benchSentence(8)}。`,
      lead: [units[i % UNITS]!.id],
      support: rand() < 0.5 ? [pick(units).id] : [],
      implement: [],
      deadline: { text: `${year}年底前`, date: `${year}-12-31`, kind: 'date' },
    };
  });
  const statuses: ReportStatus[] = ['in-progress', 'in-progress', 'ongoing', 'done', 'delayed', 'not-started'];
  const reports: Report[] = [];
  let clock = 1;
  for (const period of ['2024-Q4', '2025-Q1']) {
    for (const task of tasks) {
      reports.push({
        id: `rep_${hex(reports.length)}`,
        stamp: formatStamp(1_700_000_000_000 + clock++, 0, 'dev1'),
        by: 'x',
        planId,
        taskId: task.id,
        unitId: task.lead[0]!,
        period,
        status: pick(statuses),
        progress: benchSentence(14),
        problems: rand() < 0.3 ? benchSentence(6) : '',
        nextSteps: benchSentence(8),
        percent: null,
        attachments: [],
        author: '',
        reportedAt: '2025-03-15T02:00:00.000Z',
      });
    }
  }
  const actions: Action[] = [];
  return { plan, sections, tasks, units, reports, actions };
}

