/**
 * Tracking at scale, pure parts (Node): a generated plan of 5,000 tasks and 200,000 reports. Each figure is printed
 * beside a reference measured in the same run on the same rows. The in-Chromium "first table render" is measured by
 * the UI's own benchmark. Figures are medians of 3 runs (the machine is shared); IndexedDB under fake-indexeddb is too slow in Node to say anything about the browser.
 */
import ExcelJS from 'exceljs';
import { formatStamp, type Action, type Plan, type Report, type ReportStatus, type Section, type Task, type Unit } from '../../shared/model';
import { buildLedgerXlsx } from '../../shared/reports/ledger';
import { planFigures, reportingMatrix, statusDistribution, summarizeLeadUnits } from '../../shared/reports/supervisor';
import { diffPlan } from '../../shared/tracking/planDiff';
import { tasksOfUnit } from '../../shared/tracking/roles';
import { computeStanding, computeStandings, indexByTask } from '../../shared/tracking/standing';
import { filterTaskRows, type TaskFilter } from '../../shared/tracking/taskFilter';

const TASKS = 5_000;
const REPORTS = 200_000;
const UNITS = 150;
const TODAY = '2025-06-25';

// Deterministic pseudo-random numbers (mulberry32), so every run measures the same data.
let seed = 20240601;
function rand(): number {
  seed |= 0;
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const hex = (n: number, width = 24) => n.toString(16).padStart(width, '0');
const WORDS = ['推进', '数字化', '营商环境', '审批', '监管', '服务', '改革', '标准', '质量', '安全', '信用', '平台', '机制', '督导', '考核', '培训'];
const sentence = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join('');

function generate() {
  const planId = `plan_${hex(1)}`;
  const stamp0 = formatStamp(1_700_000_000_000, 0, 'devsup');
  const meta = { stamp: stamp0, by: '市政府督查办' };
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
    const lead = [pick(units).id];
    if (rand() < 0.2) lead.push(pick(units).id);
    const support = Array.from({ length: Math.floor(rand() * 3) }, () => pick(units).id);
    const implement = rand() < 0.3 ? [pick(units).id] : [];
    const year = 2022 + Math.floor(rand() * 5);
    const kind = rand() < 0.15 ? 'ongoing' : 'date';
    return {
      id: `task_${hex(i)}`,
      ...meta,
      planId,
      sectionId: leaves[Math.floor((i * leaves.length) / TASKS)]!.id,
      number: String(i + 1),
      order: i,
      content: `${sentence(12)}，${sentence(8)}。`,
      lead: [...new Set(lead)],
      support: [...new Set(support)],
      implement,
      deadline: kind === 'ongoing' ? { text: '长期坚持', date: null, kind } : { text: `${year}年底前`, date: `${year}-12-31`, kind },
    };
  });
  const periods: string[] = [];
  for (let y = 2021; y <= 2025; y++) for (let q = 1; q <= 4; q++) if (`${y}-Q${q}` <= '2025-Q2') periods.push(`${y}-Q${q}`);
  const statuses: ReportStatus[] = ['in-progress', 'in-progress', 'in-progress', 'ongoing', 'done', 'delayed', 'not-started', 'paused'];
  const reports: Report[] = [];
  let clock = 1;
  while (reports.length < REPORTS) {
    const task = tasks[reports.length % TASKS]!;
    const involved = [...task.lead, ...task.support, ...task.implement];
    const unitId = pick(involved);
    const period = pick(periods);
    reports.push({
      id: `rep_${hex(reports.length)}`,
      stamp: formatStamp(1_700_000_000_000 + clock++, 0, 'dev1'),
      by: 'x',
      planId,
      taskId: task.id,
      unitId,
      period,
      status: pick(statuses),
      progress: sentence(10),
      problems: rand() < 0.3 ? sentence(5) : '',
      nextSteps: sentence(6),
      percent: null,
      attachments: [],
      author: '',
      reportedAt: `${period.slice(0, 4)}-0${Number(period.slice(6)) * 3 - 1}-15T02:00:00.000Z`,
    });
  }
  const kinds: Action['kind'][] = ['confirm', 'return', 'urge', 'urge', 'extension-request', 'extension-approve'];
  const actions: Action[] = Array.from({ length: 10_000 }, (_, i) => {
    const task = pick(tasks);
    const kind = pick(kinds);
    return {
      id: `act_${hex(i)}`,
      stamp: formatStamp(1_700_000_000_000 + clock++, 0, 'devsup'),
      by: '市政府督查办',
      planId,
      taskId: task.id,
      unitId: task.lead[0]!,
      kind,
      text: '请加快推进',
      date: '2025-03-01',
      newDeadline: kind.startsWith('extension') ? '2026-12-31' : null,
    };
  });
  return { plan, sections, tasks, units, reports, actions };
}

function time<T>(fn: () => T): { ms: number; value: T } {
  const t0 = performance.now();
  const value = fn();
  return { ms: performance.now() - t0, value };
}
async function timeAsync<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
/** Median of `runs` timings (the machine is shared: single runs are noisy). */
function timeMedian<T>(fn: () => T, runs = 3): { ms: number; value: T } {
  const times: number[] = [];
  let value!: T;
  for (let i = 0; i < runs; i++) {
    const r = time(fn);
    times.push(r.ms);
    value = r.value;
  }
  return { ms: median(times), value };
}
async function timeMedianAsync<T>(fn: () => Promise<T>, runs = 3): Promise<{ ms: number; value: T }> {
  const times: number[] = [];
  let value!: T;
  for (let i = 0; i < runs; i++) {
    const r = await timeAsync(fn);
    times.push(r.ms);
    value = r.value;
  }
  return { ms: median(times), value };
}
const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));
const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(1)}×` : '—');
function line(label: string, ms: number, refLabel: string, refMs: number) {
  console.log(`${label}: ${fmt(ms)} ms (${refLabel}: ${fmt(refMs)} ms, ratio ${ratio(ms, refMs)})`);
}

const gen = time(generate);
const data = gen.value;
console.log(`generated ${data.tasks.length} tasks, ${data.reports.length} reports, ${data.actions.length} actions, ${data.units.length} units in ${fmt(gen.ms)} ms`);

// References on the same 200k rows.
const loopRef = timeMedian(() => {
  let n = 0;
  for (const r of data.reports) if (r.status === 'done' || r.period === '2025-Q2') n += r.progress.length;
  return n;
}, 7);
const json = timeMedian(() => JSON.stringify(data.reports));
const parse = timeMedian(() => JSON.parse(json.value) as Report[]);
console.log(`references: plain loop over 200k reports ${fmt(loopRef.ms)} ms; JSON.stringify ${fmt(json.ms)} ms; JSON.parse ${fmt(parse.ms)} ms (${(json.value.length / 1e6).toFixed(1)} MB)`);

// Derivations the screens run after the single DB read.
const grouped = timeMedian(() => indexByTask(data.reports));
line('group 200k reports by task (indexByTask)', grouped.ms, 'plain loop over same rows', loopRef.ms);
const standings = timeMedian(() => computeStandings({ plan: data.plan, tasks: data.tasks, reports: data.reports, actions: data.actions, today: TODAY }));
line('standings + lights for all 5,000 tasks (incl. grouping)', standings.ms, 'JSON.parse of the same reports', parse.ms);
const lights = { red: 0, yellow: 0, green: 0, grey: 0 };
for (const s of standings.value.values()) lights[s.light]++;
console.log(`  lights: ${JSON.stringify(lights)}`);

const base = { plan: data.plan, tasks: data.tasks, units: data.units, reports: data.reports, actions: data.actions, today: TODAY };
// As the supervisor screen calls them: with the standings and the reports/actions grouped by task it already has.
const screen = () => {
  const reportsByTask = indexByTask(data.reports);
  const actionsByTask = indexByTask(data.actions);
  const st = new Map(data.tasks.map((task) => [task.id, computeStanding({ plan: data.plan, task, reports: reportsByTask.get(task.id) ?? [], actions: actionsByTask.get(task.id) ?? [], today: TODAY })]));
  return { ...base, standings: st, reportsByTask, actionsByTask };
};
const sup = timeMedian(() => summarizeLeadUnits({ ...base, standings: standings.value }));
line('supervisor: lead-unit summary (standings given)', sup.ms, 'plain loop over same rows', loopRef.ms);
const supCold = timeMedian(() => summarizeLeadUnits(base));
line('supervisor: lead-unit summary from scratch', supCold.ms, 'JSON.parse of the same reports', parse.ms);
const screenTimes: number[] = [];
for (let i = 0; i < 3; i++) {
  const input = screen(); // the view's standings are derived first (not timed), as on the screen
  const t0 = performance.now();
  const summaries = summarizeLeadUnits(input);
  planFigures(input, summaries);
  reportingMatrix({ ...input, maxPeriods: 8 });
  screenTimes.push(performance.now() - t0);
}
const screenTime = { ms: screenTimes.sort((a, b) => a - b)[1]! };
line('supervisor screen: lead-unit summary + figures + 8-period matrix (standings and grouping given)', screenTime.ms, 'plain loop over same rows', loopRef.ms);
const matrix = timeMedian(() => reportingMatrix({ ...base, standings: standings.value, maxPeriods: 8 }));
line(`supervisor: units × periods matrix (${matrix.value.rows.length} × ${matrix.value.periods.length})`, matrix.ms, 'plain loop over same rows', loopRef.ms);
const dist = timeMedian(() => statusDistribution({ ...base, standings: standings.value }));
line('supervisor: status distribution', dist.ms, 'plain loop over same rows', loopRef.ms);
const mine = timeMedian(() => tasksOfUnit(data.tasks, data.units[0]!.id));
line(`我的任务 for one unit (${mine.value.length} tasks)`, mine.ms, 'plain loop over same rows', loopRef.ms);

// Filters, as typed: each keystroke re-filters all 5,000 rows.
const rows = data.tasks.map((task) => ({ task, standing: standings.value.get(task.id)! }));
const ctx = { today: TODAY, unitNames: new Map(data.units.map((u) => [u.id, u.name])) };
const filters: TaskFilter[] = [
  { text: '推' },
  { text: '推进' },
  { text: '推进数字' },
  { text: '推进数字化 平台' },
  { unitId: data.units[3]!.id },
  { unitId: data.units[3]!.id, role: 'lead' },
  { lights: ['red'] },
  { statuses: ['done', 'none'] },
  { deadlineWithinDays: 30 },
  { overdueOnly: true, text: '监管' },
];
const cold = time(() => filterTaskRows(rows, filters[0]!, ctx));
const perFilter: number[] = [];
for (const f of filters) {
  const runs: number[] = [];
  for (let i = 0; i < 7; i++) runs.push(time(() => filterTaskRows(rows, f, ctx)).ms);
  perFilter.push(median(runs));
}
const refFilter: number[] = [];
for (let i = 0; i < 7; i++) refFilter.push(time(() => data.tasks.filter((t) => t.content.includes('推进'))).ms);
line(
  `filter 5,000 rows, median keystroke over ${filters.length} filters (worst ${fmt(Math.max(...perFilter))} ms; first ever, building search text, ${fmt(cold.ms)} ms)`,
  median(perFilter),
  'Array.filter(content.includes) on same rows',
  median(refFilter),
);

// 台账 export of the whole plan.
const ledger = await timeMedianAsync(() => buildLedgerXlsx({ ...base, sections: data.sections, standings: standings.value, scope: { kind: 'all' } }));
const plain = await timeMedianAsync(async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('plain');
  for (const t of data.tasks) ws.addRow([t.number, t.content, t.lead.join(), t.support.join(), '', t.deadline?.text ?? '', '推进中', '', '', '', '绿', '']);
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
});
line(
  `xlsx 台账 export, whole plan (5,000 tasks, ${(ledger.value.byteLength / 1e6).toFixed(2)} MB)`,
  ledger.ms,
  `exceljs plain 5,000×12 sheet, no styles (${(plain.value.byteLength / 1e6).toFixed(2)} MB)`,
  plain.ms,
);
const unitLedger = await timeMedianAsync(() => buildLedgerXlsx({ ...base, sections: data.sections, standings: standings.value, scope: { kind: 'unit', unitId: data.units[0]!.id } }));
line('xlsx 台账 export, one unit', unitLedger.ms, 'exceljs plain 5,000×12 sheet', plain.ms);

// Re-import diff of a revised 5,000-task plan.
const revised = {
  ...data,
  tasks: data.tasks.map((t, i) => (i % 50 === 0 ? { ...t, content: `${t.content}（修订）` } : i % 70 === 0 ? { ...t, lead: [data.units[1]!.id] } : t)).slice(0, TASKS - 10),
};
const diff = timeMedian(() => diffPlan(data, revised));
const diffRef = timeMedian(() => JSON.stringify(data.tasks) === JSON.stringify(revised.tasks));
line(
  `re-import diff of 5,000 tasks (${diff.value.reworded.length} reworded, ${diff.value.reassigned.length} reassigned, ${diff.value.removed.length} removed)`,
  diff.ms,
  'JSON.stringify compare of the same tasks',
  diffRef.ms,
);
