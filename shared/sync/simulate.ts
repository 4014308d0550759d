import { createClock, formatStamp, observe, tick, type HlcState } from '../model/hlc';
import { sha256Hex } from '../model/hash';
import { planId, reportId, sectionId, taskId, unitId } from '../model/ids';
import { REPORT_STATUSES, type Action, type Identity, type Plan, type Report, type Section, type Task, type Unit } from '../model/schemas';
import { compareVersions } from './canonical';
import { TABLE_ORDER, emptyState, type SyncState, type TableRecords } from './state';
import { signStates, simulatedTrust, type SimulatedTrust } from './simulateTrust';

export interface SimulateOptions {
  offices: number;
  tasks: number;
  /** Report writes (creations, edits and deletions) across all offices. */
  reports: number;
  seed: number;
  /** Wall clock at the start of the history (ms); fixed by default so output depends on the seed only. */
  startWall?: number;
  /** How far ahead the skewed PC's clock runs (ms). Default 6 h: ahead, but not far enough to be flagged. */
  skewMs?: number;
}

/** One simulated PC and the state it would export. */
export interface SimulatedPc {
  identity: Identity;
  state: SyncState;
  createdAt: string;
  /** Clock skew of this PC in ms (0 for all but one). */
  skewMs: number;
}

export const SIM_OFFICES = [
  '市卫生健康局', '市教育局', '市公安局', '市财政局', '市人力资源和社会保障局', '市自然资源局', '市生态环境局',
  '市住房和城乡建设局', '市交通运输局', '市农业农村局', '市商务局', '市文化广电旅游体育局', '市应急管理局',
  '市市场监督管理局', '市医疗保障局', '市司法局', '市民政局', '市水务局', '市统计局', '市科学技术局',
];
export const SIM_SUPERVISOR = '市政府督查室';

/** Small seeded PRNG (mulberry32): the same seed gives the same history on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Store = { [T in keyof TableRecords]: Map<string, TableRecords[T]> };
const newStore = (): Store => ({
  plans: new Map(),
  sections: new Map(),
  tasks: new Map(),
  units: new Map(),
  reports: new Map(),
  actions: new Map(),
  requests: new Map(),
  requestEvents: new Map(),
  requestLedgers: new Map(),
  scoreSchemes: new Map(),
  scoreAdjustments: new Map(),
});

interface Pc {
  identity: Identity;
  clock: HlcState;
  skewMs: number;
  store: Store;
}

const PROGRESS = [
  '已召开专题会议研究部署，明确责任分工和时间节点。',
  '完成现场检查12家，发现问题3个，已督促整改。',
  '正在起草实施细则，征求相关单位意见。',
  '已完成年度目标任务的75%，下一步加快推进。',
  '组织开展业务培训2场，参训人员共计150人次。',
  '因机构调整，工作暂缓，待新机构组建后继续推进。',
];

function mergeInto(target: Pc, source: Pc, now: number): void {
  for (const table of TABLE_ORDER) {
    const into = target.store[table] as Map<string, TableRecords[typeof table]>;
    for (const r of source.store[table].values()) {
      const cur = into.get(r.id);
      if (!cur || compareVersions(r, cur) > 0) into.set(r.id, r);
      target.clock = observe(target.clock, r.stamp, now + target.skewMs);
    }
  }
}

/**
 * Realistic, overlapping histories of one shared plan: a supervisor PC issues the plan, department PCs write
 * and revise their quarterly progress, two PCs of the first office edit the same reports concurrently, some
 * reports and tasks are deleted (tombstones), PCs exchange files now and then, and one PC's clock runs ahead.
 */
export function simulate(opts: SimulateOptions): { plan: Plan; pcs: SimulatedPc[]; trust: SimulatedTrust } {
  if (opts.offices < 2 || opts.offices > SIM_OFFICES.length + 1) throw new Error(`offices must be 2..${SIM_OFFICES.length + 1}`);
  const rand = prng(opts.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  let wall = opts.startWall ?? Date.UTC(2024, 0, 2, 1, 0, 0);
  const skew = opts.skewMs ?? 6 * 3600_000;
  const deviceId = (i: number, suffix = '') => `dev_${sha256Hex(`sim-${opts.seed}-${i}${suffix}`).slice(0, 12)}`;

  const departments = SIM_OFFICES.slice(0, opts.offices - 1);
  const pcs: Pc[] = [
    { identity: { deviceId: deviceId(0), office: SIM_SUPERVISOR, role: 'supervisor' }, clock: createClock(deviceId(0)), skewMs: 0, store: newStore() },
    ...departments.map((office, i) => ({
      identity: { deviceId: deviceId(i + 1), office, role: 'department' as const },
      clock: createClock(deviceId(i + 1)),
      skewMs: 0,
      store: newStore(),
    })),
  ];
  // The first department has a second PC: the source of concurrent edits of the same reports.
  pcs.push({ identity: { deviceId: deviceId(1, 'b'), office: departments[0]!, role: 'department' }, clock: createClock(deviceId(1, 'b')), skewMs: 0, store: newStore() });
  pcs[pcs.length - 1 === 2 ? 1 : 2]!.skewMs = skew;

  const stampFor = (pc: Pc): string => {
    const next = tick(pc.clock, wall + pc.skewMs);
    pc.clock = next.state;
    return next.stamp;
  };
  const iso = (ms: number) => new Date(ms).toISOString();

  // The supervisor issues the plan.
  const sup = pcs[0]!;
  const pid = planId('关于全面加强药品监管能力建设的若干措施', `模拟〔2024〕${opts.seed % 1000}号`);
  let stamp = stampFor(sup);
  const meta = () => ({ stamp, by: SIM_SUPERVISOR });
  const plan: Plan = {
    id: pid, ...meta(), title: '关于全面加强药品监管能力建设的若干措施', docNumber: `模拟〔2024〕${opts.seed % 1000}号`, issuer: '市人民政府办公室',
    date: '2024-01-02', source: null, leadRule: 'columns', cadence: { every: 'quarter', day: 20 }, yellowDays: 15,
    owner: { office: SIM_SUPERVISOR, device: sup.identity.deviceId }, createdAt: iso(wall),
  };
  sup.store.plans.set(pid, plan);
  const units: Unit[] = departments.map((name) => ({ id: unitId(name), ...meta(), name, aliases: [] }));
  for (const u of units) sup.store.units.set(u.id, u);
  const sectionCount = Math.max(1, Math.min(9, Math.ceil(opts.tasks / 8)));
  const sections: Section[] = Array.from({ length: sectionCount }, (_, i) => {
    const title = `${'一二三四五六七八九'[i]}、重点任务第${i + 1}部分`;
    return { id: sectionId(pid, [title]), ...meta(), planId: pid, title, parentId: null, order: i };
  });
  for (const s of sections) sup.store.sections.set(s.id, s);
  const tasks: Task[] = Array.from({ length: opts.tasks }, (_, i) => {
    const lead = pick(units).id;
    const support = units.filter((u) => u.id !== lead && rand() < 0.25).slice(0, 3).map((u) => u.id);
    return {
      id: taskId(pid, String(i + 1)), ...meta(), planId: pid, sectionId: sections[i % sectionCount]!.id, number: String(i + 1), order: i,
      content: `第${i + 1}项：完善药品安全责任体系，落实“四个最严”要求，强化全链条监管（任务${i + 1}）。`,
      lead: [lead], support, implement: [], deadline: { text: '2025年12月底前', date: '2025-12-31', kind: 'date' },
    };
  });
  for (const t of tasks) sup.store.tasks.set(t.id, t);
  for (const pc of pcs.slice(1)) mergeInto(pc, sup, wall);

  // Report slots: each task's units times enough monthly-keyed quarterly periods for the requested volume.
  const unitTasks = new Map<string, Task[]>(units.map((u) => [u.id, tasks.filter((t) => t.lead.includes(u.id) || t.support.includes(u.id))]));
  const years = Math.max(1, Math.ceil(opts.reports / Math.max(1, tasks.length * 1.5 * 4)));
  const periods = Array.from({ length: years * 4 }, (_, i) => `${2024 + Math.floor(i / 4)}-Q${(i % 4) + 1}`);

  const exchangeEvery = Math.max(5, Math.floor(opts.reports / 12));
  let actionNo = 0;
  for (let n = 0; n < opts.reports; n++) {
    wall += 1000 + Math.floor(rand() * 600_000);
    // Now and then one PC imports another's file.
    if (n % exchangeEvery === exchangeEvery - 1) {
      const a = pick(pcs);
      const b = pick(pcs);
      if (a !== b) mergeInto(a, b, wall);
    }
    // The supervisor revises or deletes a task, or urges a unit.
    if (rand() < 0.05) {
      stamp = stampFor(sup);
      const t = sup.store.tasks.get(pick(tasks).id)!;
      const roll = rand();
      if (roll < 0.15) sup.store.tasks.set(t.id, { ...t, stamp, by: SIM_SUPERVISOR, deleted: true });
      else if (roll < 0.6) sup.store.tasks.set(t.id, { ...t, stamp, by: SIM_SUPERVISOR, content: `${t.content.replace(/（修订\d+）$/, '')}（修订${n}）` });
      else {
        const action: Action = {
          id: `act_${sha256Hex(`sim-${opts.seed}-action-${actionNo++}`).slice(0, 24)}`, stamp, by: SIM_SUPERVISOR, planId: pid, taskId: t.id,
          unitId: t.lead[0] ?? null, kind: 'urge', text: '请于本周内报送进展。', date: iso(wall).slice(0, 10), newDeadline: null,
        };
        sup.store.actions.set(action.id, action);
      }
      continue;
    }
    const pc = pcs[1 + Math.floor(rand() * (pcs.length - 1))]!;
    const uid = unitId(pc.identity.office);
    const candidates = unitTasks.get(uid) ?? [];
    if (candidates.length === 0) continue;
    const task = pick(candidates);
    const period = pick(periods);
    const id = reportId(task.id, uid, period);
    stamp = stampFor(pc);
    const existing = pc.store.reports.get(id);
    if (existing && rand() < 0.1) {
      pc.store.reports.set(id, { ...existing, stamp, by: pc.identity.office, deleted: true });
      continue;
    }
    const report: Report = {
      id, stamp, by: pc.identity.office, planId: pid, taskId: task.id, unitId: uid, period,
      status: pick(REPORT_STATUSES), progress: `${pick(PROGRESS)}（${pc.identity.deviceId.slice(-4)}第${n}次填报）`,
      problems: rand() < 0.3 ? '基层执法力量不足，专业人员短缺。' : '', nextSteps: rand() < 0.5 ? '继续加大工作力度，按期完成任务。' : '',
      percent: Math.floor(rand() * 101), attachments: [], author: `经办人${Math.floor(rand() * 9) + 1}`, reportedAt: iso(wall + pc.skewMs),
    };
    pc.store.reports.set(id, report);
  }

  const out = pcs.map((pc) => {
    const state = emptyState();
    for (const table of TABLE_ORDER) (state.records[table] as unknown[]) = [...pc.store[table].values()];
    return { identity: pc.identity, state, createdAt: iso(wall + pc.skewMs), skewMs: pc.skewMs };
  });
  // Every PC has a key enrolled in the supervisor's roster; each file carries the signatures of its records.
  const identities = pcs.map((pc) => pc.identity);
  const trust = simulatedTrust(opts.seed, identities, iso(opts.startWall ?? Date.UTC(2024, 0, 2, 1, 0, 0)));
  signStates(out.map((p) => p.state), identities, trust, iso(wall));
  return { plan, pcs: out, trust };
}

/** Stamp helper for tests: a stamp at a given wall time for a device. */
export const stampAt = (wall: number, device: string, counter = 0): string => formatStamp(wall, counter, device);

export interface OfficeStatesOptions {
  offices: number;
  tasks: number;
  reportsPerOffice: number;
  seed?: number;
  /** Wall clock of the plan (ms); reports follow a second apart. */
  startWall?: number;
}

/**
 * A supervisor's month in numbers: one plan (`tasks` tasks, one lead unit each, round robin) and `offices` offices,
 * each exporting the plan's structure plus `reportsPerOffice` of its own reports. Returns each office's state (as
 * its file would carry it) and the merged state every PC ends with. For the many-files bench and e2e test.
 */
export function officeStates(opts: OfficeStatesOptions): { offices: { identity: Identity; state: SyncState }[]; merged: SyncState } {
  const rand = prng(opts.seed ?? 30);
  const wall0 = opts.startWall ?? Date.UTC(2024, 0, 2);
  const supDevice = 'dev_benchsupervisor';
  const names = Array.from({ length: opts.offices }, (_, i) => SIM_OFFICES[i] ?? `市直单位${i + 1}`);
  const pid = planId('关于全面加强药品监管能力建设的若干措施', `基准〔2024〕${opts.offices}号`);
  const meta = { stamp: formatStamp(wall0, 0, supDevice), by: SIM_SUPERVISOR };
  const plan: Plan = {
    id: pid, ...meta, title: '关于全面加强药品监管能力建设的若干措施', docNumber: `基准〔2024〕${opts.offices}号`, issuer: '市人民政府办公室', date: '2024-01-02',
    source: null, leadRule: 'columns', cadence: { every: 'quarter', day: 20 }, yellowDays: 15, owner: { office: SIM_SUPERVISOR, device: supDevice }, createdAt: new Date(wall0).toISOString(),
  };
  const units: Unit[] = names.map((name) => ({ id: unitId(name), ...meta, name, aliases: [] }));
  const sectionCount = Math.max(1, Math.min(50, Math.ceil(opts.tasks / 90)));
  const sections: Section[] = Array.from({ length: sectionCount }, (_, i) => ({ id: sectionId(pid, [`第${i + 1}部分`]), ...meta, planId: pid, title: `第${i + 1}部分`, parentId: null, order: i }));
  const tasks: Task[] = Array.from({ length: opts.tasks }, (_, i) => ({
    id: taskId(pid, String(i + 1)), ...meta, planId: pid, sectionId: sections[i % sectionCount]!.id, number: String(i + 1), order: i,
    content: `第${i + 1}项：完善药品安全责任体系，落实“四个最严”要求，强化全链条监管。`, lead: [units[i % opts.offices]!.id], support: [], implement: [],
    deadline: { text: '2025年12月底前', date: '2025-12-31', kind: 'date' },
  }));
  const structure = emptyState();
  structure.records.plans = [plan];
  structure.records.sections = sections;
  structure.records.tasks = tasks;
  structure.records.units = units;
  const merged = emptyState();
  for (const t of TABLE_ORDER) (merged.records[t] as unknown[]) = [...structure.records[t]];
  const offices = names.map((office, o) => {
    const device = `dev_office${o}`;
    const own = tasks.filter((t) => t.lead[0] === units[o]!.id);
    const reports: Report[] = [];
    for (let n = 0; n < opts.reportsPerOffice && own.length > 0; n++) {
      const task = own[n % own.length]!;
      const round = Math.floor(n / own.length);
      const period = `${2024 + Math.floor(round / 4)}-Q${(round % 4) + 1}`;
      const wall = wall0 + 60_000 + n * 1000;
      reports.push({
        id: reportId(task.id, units[o]!.id, period), stamp: formatStamp(wall, 0, device), by: office, planId: pid, taskId: task.id, unitId: units[o]!.id, period,
        status: REPORT_STATUSES[Math.floor(rand() * REPORT_STATUSES.length)]!,
        progress: `已召开专题会议研究部署，完成现场检查${Math.floor(rand() * 50)}家，发现问题${Math.floor(rand() * 9)}个，已督促整改到位。`,
        problems: rand() < 0.3 ? '基层执法力量不足，专业人员短缺。' : '', nextSteps: rand() < 0.5 ? '继续加大工作力度，按期完成任务。' : '',
        percent: Math.floor(rand() * 101), attachments: [], author: `经办人${Math.floor(rand() * 9) + 1}`, reportedAt: new Date(wall).toISOString(),
      });
    }
    merged.records.reports.push(...reports);
    const state: SyncState = { records: { ...structure.records, reports }, blobs: [] };
    return { identity: { deviceId: device, office, role: 'department' as const }, state };
  });
  return { offices, merged };
}
