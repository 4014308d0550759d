/**
 * Random office histories for the merge property test: one supervisor PC issues a plan; department PCs (two PCs
 * for the first office) receive it by file, write, edit and delete their progress; the supervisor edits and
 * deletes tasks and answers with 销号/退回; PCs exchange files now and then; every PC's clock is off by up to ±7
 * days; some records are hand-edited keeping their stamp; one department imports the measures document itself
 * before the supervisor's plan reaches it (its own draft of the same plan). Changes go through the same clock
 * rules as the app: a PC's clock moves past every stamp it imports, and a report records the 销号/退回 it saw.
 */
import { planId, reportId, sectionId, taskId, unitId, type Action, type Plan, type Report, type Section, type Task, type Unit } from '../../../shared/model';
import {
  canonicalJson,
  mergeStates,
  prng,
  reportBasis,
  signStates,
  simulatedTrust,
  stampDevice,
  TABLE_ORDER,
  type SimulatedTrust,
  type SyncState,
  type TableRecords,
} from '../../../shared/sync';
import type { Identity } from '../../../shared/model';
import { MemoryStore } from './memoryStore';

export interface HistoryOptions {
  seed: number;
  departments: number;
  tasks: number;
  steps: number;
  /** Whether a department may import the document itself (default: at random). */
  selfImport?: boolean;
}

export interface Pc {
  name: string;
  device: string;
  office: string;
  role: 'supervisor' | 'department';
  skewMs: number;
  store: MemoryStore;
  /** Versions this PC replaced by its own later change (table + canonical JSON): edit history, not conflicts, here. */
  replaced: Set<string>;
  /** Reports it wrote for another unit: they travel in its files only (every other PC refuses them). */
  forged: Report[];
}

export interface History {
  pcs: Pc[];
  /** Keys and the supervisor's roster (every PC enrolled); every file is signed by its records' author devices. */
  trust: SimulatedTrust;
  /** For each deleted task, the report versions ("id@stamp") the supervisor held when it deleted the task (it saw them). */
  seenAtDeletion: Map<string, Set<string>>;
  counts: { equalStampEdits: number; selfImport: boolean; skews: number[]; forged: number };
}

const DAY = 86_400_000;
const OFFICES = ['市卫生健康局', '市教育局', '市公安局', '市财政局'];
const SUPERVISOR = '市政府督查室';

export function makeHistory(opts: HistoryOptions): History {
  const rand = prng(opts.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  let wall = Date.UTC(2024, 3, 1, 1);
  const offices = OFFICES.slice(0, Math.max(1, Math.min(OFFICES.length, opts.departments)));
  const trust = trustFor(offices);
  const mkPc = (name: string, office: string, role: Pc['role']): Pc => {
    const device = `dev_${name}`;
    const store = new MemoryStore(device, [trust.anchor]);
    store.trust = { roster: trust.roster, statements: [] };
    return { name, device, office, role, skewMs: Math.round((rand() * 2 - 1) * 7 * DAY), store, replaced: new Set(), forged: [] };
  };
  const sup = mkPc('sup', SUPERVISOR, 'supervisor');
  const depts = offices.map((o, i) => mkPc(`d${i}`, o, 'department'));
  const second = mkPc('d0b', offices[0]!, 'department');
  const pcs = [sup, ...depts, second];
  const fileOf = (pc: Pc): SyncState => exportOf(pc, trust);

  const pid = planId('关于全面加强药品监管能力建设的若干措施', `属性〔2024〕${opts.seed % 1000}号`);
  const plan = (pc: Pc, draft: boolean): { plan: Plan; sections: Section[]; tasks: Task[]; units: Unit[] } => {
    const stamp = pc.store.stamp(wall + pc.skewMs);
    const meta = { stamp, by: pc.office };
    const p: Plan = {
      id: pid, ...meta, title: '关于全面加强药品监管能力建设的若干措施', docNumber: `属性〔2024〕${opts.seed % 1000}号`, issuer: '市人民政府办公室',
      date: '2024-04-01', source: null, leadRule: 'columns', cadence: { every: 'quarter', day: 20 }, yellowDays: draft ? 10 : 15,
      owner: { office: pc.office, device: pc.device }, createdAt: new Date(wall + pc.skewMs).toISOString(),
    };
    const us: Unit[] = offices.map((name) => ({ id: unitId(name), ...meta, name, aliases: [] }));
    const section: Section = { id: sectionId(pid, ['一、重点任务']), ...meta, planId: pid, title: '一、重点任务', parentId: null, order: 0 };
    const tasks: Task[] = Array.from({ length: opts.tasks }, (_, i) => ({
      id: taskId(pid, String(i + 1)), ...meta, planId: pid, sectionId: section.id, number: String(i + 1), order: i,
      content: `第${i + 1}项：落实药品安全责任${draft ? '（本单位自行导入）' : ''}`, lead: [unitId(offices[i % offices.length]!)], support: [], implement: [],
      deadline: { text: '2025年12月底前', date: '2025-12-31', kind: 'date' },
    }));
    return { plan: p, sections: [section], tasks, units: us };
  };
  /** A local write; the version it replaces was seen by this PC and deliberately superseded (not a conflict here). */
  const put = (pc: Pc, table: keyof TableRecords, r: TableRecords[keyof TableRecords]) => {
    const before = pc.store.tables.get(table)!.get(r.id);
    if (before) pc.replaced.add(`${table}\u0000${canonicalJson(before)}`);
    pc.store.tables.get(table)!.set(r.id, r);
  };
  const putPlan = (pc: Pc, p: ReturnType<typeof plan>) => {
    put(pc, 'plans', p.plan);
    for (const r of p.sections) put(pc, 'sections', r);
    for (const r of p.tasks) put(pc, 'tasks', r);
    for (const r of p.units) put(pc, 'units', r);
  };
  const issued = plan(sup, false);
  putPlan(sup, issued);
  const load = (pc: Pc, s: SyncState) => importAdopting(pc, s, wall + pc.skewMs);

  // One department imports the document itself first (its own draft: same ids, its own stamps and owner).
  const selfImport = (rand() < 0.7 && opts.selfImport !== false) || opts.selfImport === true;
  if (selfImport) {
    wall += Math.floor(rand() * 3600_000);
    const d = depts[depts.length - 1]!;
    putPlan(d, plan(d, true));
  }
  // Departments receive the plan at some point (the self-importing one maybe much later).
  const hasPlan = new Set<Pc>([sup]);
  const receive = (pc: Pc, from: Pc) => {
    load(pc, fileOf(from));
    if (hasPlan.has(from)) hasPlan.add(pc);
  };

  const seenAtDeletion = new Map<string, Set<string>>();
  let equalStampEdits = 0;
  let forged = 0;
  let n = 0;
  const liveTasks = (pc: Pc) => [...pc.store.tables.get('tasks')!.values()].filter((t) => !t.deleted) as Task[];
  for (let step = 0; step < opts.steps; step++) {
    wall += 1000 + Math.floor(rand() * 6 * 3600_000);
    const roll = rand();
    if (roll < 0.18) {
      // An exchange: one PC imports another's whole state.
      const a = pick(pcs);
      const b = pick(pcs);
      if (a !== b && (hasPlan.has(b) || rand() < 0.3)) receive(a, b);
      continue;
    }
    if (roll < 0.32) {
      // The supervisor: 销号/退回 on a task for its lead unit, edit or delete a task.
      const tasks = liveTasks(sup);
      if (!tasks.length) continue;
      const t = pick(tasks);
      const r2 = rand();
      if (r2 < 0.6) {
        const a: Action = {
          id: `act_${(opts.seed * 1000 + n++).toString(16).padStart(16, '0')}`, stamp: sup.store.stamp(wall + sup.skewMs), by: SUPERVISOR, planId: pid, taskId: t.id,
          unitId: t.lead[0] ?? null, kind: rand() < 0.5 ? 'confirm' : 'return', text: '', date: new Date(wall + sup.skewMs).toISOString().slice(0, 10), newDeadline: null,
        };
        put(sup, 'actions', a);
      } else if (r2 < 0.8) {
        put(sup, 'tasks', { ...t, content: `${t.content}（修订${step}）`, stamp: sup.store.stamp(wall + sup.skewMs), by: SUPERVISOR });
      } else {
        const held = [...sup.store.tables.get('reports')!.values()].filter((r) => (r as Report).taskId === t.id).map((r) => `${r.id}@${r.stamp}`);
        seenAtDeletion.set(t.id, new Set([...(seenAtDeletion.get(t.id) ?? []), ...held]));
        put(sup, 'tasks', { ...t, deleted: true, stamp: sup.store.stamp(wall + sup.skewMs), by: SUPERVISOR });
      }
      continue;
    }
    // A department PC writes, edits, deletes or hand-edits (keeping the stamp) its progress.
    const pc = pick([...depts, second]);
    const uid = unitId(pc.office);
    const tasks = liveTasks(pc).filter((t) => t.lead.includes(uid));
    if (!tasks.length) continue;
    const task = pick(tasks);
    const period = pick(['2024-Q2', '2024-Q3']);
    const id = reportId(task.id, uid, period);
    const existing = pc.store.tables.get('reports')!.get(id) as Report | undefined;
    const r3 = rand();
    if (r3 > 0.97) {
      // Now and then a department writes another unit's progress: refused by every other PC, and listed.
      const other = offices.find((o) => o !== pc.office)!;
      const otherTask = liveTasks(pc).find((t) => t.lead.includes(unitId(other)));
      if (otherTask) {
        // (The app refuses such a write locally; here it only travels in the PC's files, to be refused there.)
        const fake: Report = {
          id: reportId(otherTask.id, unitId(other), '2023-Q4'), stamp: pc.store.stamp(wall + pc.skewMs), by: pc.office, planId: pid, taskId: otherTask.id, unitId: unitId(other), period: '2023-Q4',
          status: 'done', progress: `${pc.name}代填第${step}步`, problems: '', nextSteps: '', percent: 100, attachments: [], author: '经办人', reportedAt: new Date(wall + pc.skewMs).toISOString(),
        };
        pc.forged.push(fake);
        pc.replaced.add(`reports\u0000${canonicalJson(fake)}`); // its own, never held: nothing to list on this PC
        forged++;
      }
      continue;
    }
    if (existing && !existing.deleted && r3 < 0.1) {
      put(pc, 'reports', { ...existing, deleted: true, stamp: pc.store.stamp(wall + pc.skewMs), by: pc.office });
    } else if (existing && r3 < 0.2) {
      // Hand-edited, stamp kept: the same stamp with other content must still reconcile.
      put(pc, 'reports', { ...existing, progress: `${existing.progress}（手工改动${step}）` });
      equalStampEdits++;
    } else {
      const actions = [...pc.store.tables.get('actions')!.values()] as Action[];
      const report: Report = {
        id, stamp: pc.store.stamp(wall + pc.skewMs), by: pc.office, planId: pid, taskId: task.id, unitId: uid, period,
        status: pick(['in-progress', 'done', 'delayed'] as const), progress: `${pc.name}第${step}步填报`, problems: '', nextSteps: '', percent: Math.floor(rand() * 101),
        attachments: [], author: '经办人', reportedAt: new Date(wall + pc.skewMs).toISOString(),
      };
      const basis = reportBasis(actions, task.id, uid);
      if (basis) report.basis = basis;
      put(pc, 'reports', report);
    }
  }
  return { pcs, trust, seenAtDeletion, counts: { equalStampEdits, selfImport, skews: pcs.map((p) => p.skewMs), forged } };
}

const trusts = new Map<string, SimulatedTrust>();
/** The supervisor's roster enrolling every PC of the history (made once per set of offices: signing is slow). */
function trustFor(offices: readonly string[]): SimulatedTrust {
  const key = offices.join('|');
  let t = trusts.get(key);
  if (!t) {
    const identities: Identity[] = [
      { deviceId: 'dev_sup', office: SUPERVISOR, role: 'supervisor' },
      ...offices.map((office, i) => ({ deviceId: `dev_d${i}`, office, role: 'department' as const })),
      { deviceId: 'dev_d0b', office: offices[0]!, role: 'department' },
    ];
    t = simulatedTrust(0, identities, '2024-01-01T00:00:00.000Z');
    trusts.set(key, t);
  }
  return t;
}

/**
 * What a PC's export carries (as the app's export does): every record signed by its author device, with the
 * roster; never its own draft of the plan (a department's own import: structure and unit records) nor reports
 * on a plan whose owner it has not taken yet — those stay home until it adopts the supervisor's plan.
 */
export function exportOf(pc: Pc, trust: SimulatedTrust): SyncState {
  const state = pc.store.state();
  const plans = pc.store.tables.get('plans')!;
  const draft = (planId: string) => {
    const p = plans.get(planId) as Plan | undefined;
    return p !== undefined && p.owner.device !== 'dev_sup';
  };
  const keep = (table: string, r: TableRecords[keyof TableRecords]) => {
    if (table === 'units') return stampDevice(r.stamp) === 'dev_sup';
    if (table === 'plans') return !draft(r.id);
    return !draft((r as Task).planId);
  };
  const records = Object.fromEntries(TABLE_ORDER.map((t) => [t, state.records[t].filter((r) => keep(t, r))])) as SyncState['records'];
  const ids = new Set(records.reports.map((r) => r.id));
  records.reports = [...records.reports, ...pc.forged.filter((r) => !ids.has(r.id) && !draft(r.planId))];
  return signed({ records, blobs: state.blobs }, trust);
}

/** A state as a file carries it: every record signed by its author device, with the roster. */
export function signed(state: SyncState, trust: SimulatedTrust): SyncState {
  const copy: SyncState = { records: state.records, blobs: state.blobs };
  signStates([copy], [], trust, '2024-10-01T09:30:00.000Z');
  return copy;
}

/**
 * Import as a PC's user would: when the file brings the confirmed supervisor's plan while this PC holds its own
 * draft of it (a department's own import of the document), the draft is adopted first (its plan, sections and
 * tasks give way; reports stay), as the import screen offers. The replaced draft versions are the user's choice.
 */
export function importAdopting(pc: Pc, state: SyncState, now: number) {
  const drop = (table: 'plans' | 'sections' | 'tasks' | 'units', r: TableRecords[keyof TableRecords]) => {
    pc.replaced.add(`${table}\u0000${canonicalJson(r)}`);
    pc.store.tables.get(table)!.delete(r.id);
  };
  for (const incoming of state.records.plans) {
    const local = pc.store.tables.get('plans')!.get(incoming.id) as Plan | undefined;
    if (!local || local.owner.device === incoming.owner.device || incoming.owner.device !== 'dev_sup') continue;
    for (const table of ['plans', 'sections', 'tasks'] as const) {
      for (const r of [...pc.store.tables.get(table)!.values()]) if (table === 'plans' ? r.id === incoming.id : (r as Task).planId === incoming.id) drop(table, r);
    }
    // Its own names of units give way too (a department's unit records are drafts; the supervisor publishes them).
    for (const u of state.records.units) {
      const mine = pc.store.tables.get('units')!.get(u.id);
      if (mine && stampDevice(mine.stamp) === pc.device) drop('units', mine);
    }
  }
  return pc.store.import(state, now);
}

/**
 * The expected end state: the pure merge (highest stamp per record) of every version any PC holds that the
 * authority policy accepts — all but a department's own draft of the plan (its structure and unit records).
 */
export function expectedState(h: History): SyncState {
  const accepted = (s: SyncState): SyncState => ({
    records: Object.fromEntries(
      TABLE_ORDER.map((t) => [t, s.records[t].filter((r) => !['plans', 'sections', 'tasks', 'units'].includes(t) || stampDevice(r.stamp) === 'dev_sup')]),
    ) as never,
    blobs: s.blobs,
  });
  return mergeStates(h.pcs.map((pc) => accepted(pc.store.state())));
}
