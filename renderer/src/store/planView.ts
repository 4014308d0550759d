import { create } from 'zustand';
import type { Action, Report, ReportHead, Task } from '../../../shared/model';
import { isoDayOf, periodOfDay } from '../../../shared/tracking/dates';
import { digestServes, type ReportDigest } from '../../../shared/tracking/reportDigest';
import { computeStanding, computeStandings, indexByTask, type TaskStanding } from '../../../shared/tracking/standing';
import { periodStateLookup, type TaskPeriodState } from '../../../shared/tracking/reporting';
import { getDatabase, type TaizhangDB } from '../../db/database';
import { ownUnitOf, ROLES, tasksOfUnit } from '../../../shared/tracking/roles';
import { useIdentity } from './identity';
import { loadPlanView, planFingerprint, readOf, type EarlyReads, type PlanView } from '../../db/tracking';
import { scheduleDigestSnapshot } from '../../db/digestSnapshots';
import { scheduleStructureSnapshot } from '../../db/structureSnapshots';

export { planFingerprint };

/**
 * The plan the tracking screens show, read once with `loadPlanView` and then derived in memory. Standings are
 * computed lazily (on first use) and, after a local report or action, only for the task concerned.
 */
export interface Structure {
  unitNames: Map<string, string>;
  sectionPaths: Map<string, string>;
}

export interface Derived extends Structure {
  reportsByTask: Map<string, ReportHead[]>;
  actionsByTask: Map<string, Action[]>;
  standings: Map<string, TaskStanding>;
  /** A unit's reporting state on a task for a period (the task filter's period option and the to-do list use it). */
  periodStateOf: (task: Task, unitId: string, period: string) => TaskPeriodState;
}

/**
 * While the whole plan is read: what the report digests hold, enough for the 督办视图 (shared/reports/supervisor.ts
 * `ledgers`): each task's digest reports, the plan's actions by task, and the digests with their period ledgers.
 */
export interface EarlyDigest {
  actions: readonly Action[];
  reportsByTask: ReadonlyMap<string, readonly ReportHead[]>;
  actionsByTask: ReadonlyMap<string, readonly Action[]>;
  digests: readonly ReportDigest[];
}

/** What a plan is read for: the task table, the 督办视图 (both shown from the report digests first), another screen. */
export type PlanScreen = 'tasks' | 'supervisor' | 'other';

interface PlanViewState {
  planId: string | null;
  data: PlanView | null;
  /** False while only the plan's structure is loaded (reports and actions still being read). */
  complete: boolean;
  /**
   * While the whole plan is being read: the standings read first, by the same rule: every task's its report digest
   * serves (shared/tracking/reportDigest.ts), and those of the tasks the task table shows first (`firstShownTaskIds`)
   * from their summaries where the digest does not serve.
   */
  early: ReadonlyMap<string, TaskStanding> | null;
  /** `early` holds every task's standing (from the report digests): the counts and light filters need no more. */
  earlyComplete: boolean;
  /**
   * With `earlyComplete`: the digests the standings came from, when they can stand in for every report in the
   * 督办视图 (not when some 报送时间 is shown clamped to its arrival: their ledgers hold the times as filed).
   */
  earlyDigest: EarlyDigest | null;
  today: string;
  loading: boolean;
  error: string | null;
  /** Counts at load time; a change in the database (sync import) makes the screens reload. */
  fingerprint: string | null;
  /** Local writes shown in the view whose fingerprint is still being read (no reload meanwhile: the view has them). */
  localWrites: number;
  /**
   * Read the plan. `screen`: what it is read for. The task table (the default) is shown before the whole read ends:
   * every task's standing from the report digests (the first screenful's from their summaries for a task its digest
   * does not serve); the 督办视图 from the digests alone; other screens wait for the whole read and are not made to
   * wait for that step.
   */
  load(planId: string, force?: boolean, screen?: PlanScreen): Promise<void>;
  /** After a local write: patch the view instead of re-reading every report. */
  applyReport(report: Report): Promise<void>;
  applyAction(action: Action): Promise<void>;
  applyTask(task: Task): Promise<void>;
}

/** Derived data per view object, for one calendar day (a new day re-derives: lights and reporting states change). */
const derivedCache = new WeakMap<PlanView, Derived & { today: string }>();
const structureCache = new WeakMap<PlanView, Structure>();

/** Unit names and section paths of a view (cheap; available before the reports are read). */
export function deriveStructure(data: PlanView): Structure {
  let st = structureCache.get(data);
  if (!st) {
    st = { unitNames: new Map(data.units.map((u) => [u.id, u.name])), sectionPaths: sectionPathsOf(data) };
    structureCache.set(data, st);
  }
  return st;
}

function sectionPathsOf(data: PlanView): Map<string, string> {
  const byId = new Map(data.sections.map((s) => [s.id, s]));
  const out = new Map<string, string>();
  for (const s of data.sections) {
    const path: string[] = [];
    let cur: typeof s | undefined = s;
    for (let guard = 0; cur && guard < 20; guard++) {
      path.unshift(cur.title);
      cur = cur.parentId ? byId.get(cur.parentId) : undefined;
    }
    out.set(s.id, path.join(' / '));
  }
  return out;
}

/** Indexes and standings of a view, computed once per view object. */
export function derive(data: PlanView, today: string): Derived {
  let d = derivedCache.get(data);
  if (!d || d.today !== today) {
    const t0 = performance.now();
    const reportsByTask = indexByTask(data.reports);
    const actionsByTask = indexByTask(data.actions);
    const standings = new Map<string, TaskStanding>();
    for (const task of data.tasks) {
      standings.set(task.id, computeStanding({ plan: data.plan, task, reports: reportsByTask.get(task.id) ?? [], actions: actionsByTask.get(task.id) ?? [], today }));
    }
    const periodStateOf = periodStateLookup({ plan: data.plan, reportsByTask, actionsByTask, today });
    d = { reportsByTask, actionsByTask, standings, periodStateOf, ...deriveStructure(data), today };
    derivedCache.set(data, d);
    phase('derive', t0);
  }
  return d;
}

/** A new view object whose derived data is the old one's with one task recomputed. */
function patched(state: PlanViewState, next: PlanView, taskId: string, change: { report?: Report; action?: Action }): PlanView {
  // The tasks, sections and units are the same objects: their names, paths (and the search texts cached on them) too.
  const structure = state.data ? structureCache.get(state.data) : undefined;
  if (structure) structureCache.set(next, structure);
  const old = state.data ? derivedCache.get(state.data) : undefined;
  if (old && old.today === state.today) {
    // Only this task's lists change (a scan of 200,000 reports would cost a frame).
    const reportsByTask = new Map(old.reportsByTask);
    const actionsByTask = new Map(old.actionsByTask);
    if (change.report) reportsByTask.set(taskId, [...(old.reportsByTask.get(taskId) ?? []).filter((r) => r.id !== change.report!.id), change.report]);
    if (change.action) actionsByTask.set(taskId, [...(old.actionsByTask.get(taskId) ?? []), change.action]);
    const standings = new Map(old.standings);
    const task = next.tasks.find((t) => t.id === taskId);
    if (task) standings.set(taskId, computeStanding({ plan: next.plan, task, reports: reportsByTask.get(taskId) ?? [], actions: actionsByTask.get(taskId) ?? [], today: state.today }));
    const periodStateOf = periodStateLookup({ plan: next.plan, reportsByTask, actionsByTask, today: state.today });
    derivedCache.set(next, { ...old, ...(structure ?? {}), reportsByTask, actionsByTask, standings, periodStateOf, today: state.today });
  }
  return next;
}

let loadSeq = 0;
const NO_ROWS: readonly never[] = [];

/** How many tasks' progress is read before the rest: more than a screen of rows at any window height. */
const FIRST_SHOWN = 40;

/**
 * The tasks the task table shows first with no sort: 全部任务 by section (tasks outside every section first), then in
 * order; and, for an office that is one of the plan's units, 我的任务 by its role (牵头, 配合, 具体落实), then in order.
 */
export function firstShownTaskIds(structure: Pick<PlanView, 'tasks' | 'sections' | 'units'>, office?: string, n = FIRST_SHOWN): string[] {
  const sectionOrder = new Map(structure.sections.map((s, i) => [s.id, i]));
  const firstBy = (tasks: readonly Task[], groupOf: (t: Task) => number) =>
    tasks
      .map((t, i) => ({ t, i, g: groupOf(t) }))
      .sort((a, b) => a.g - b.g || a.i - b.i)
      .slice(0, n)
      .map((x) => x.t.id);
  const ids = firstBy(structure.tasks, (t) => (t.sectionId ? (sectionOrder.get(t.sectionId) ?? 1e9) : -1));
  const own = office ? ownUnitOf(structure.units, office) : null;
  if (own) {
    const mine = tasksOfUnit(structure.tasks, own.id);
    const role = new Map(mine.map(({ task, roles }) => [task, ROLES.indexOf(roles[0]!)]));
    ids.push(...firstBy(mine.map((m) => m.task), (t) => role.get(t)!));
  }
  return [...new Set(ids)];
}

/** Phase timings for the UI benchmark (a `--mode bench` build); nothing otherwise. */
const phase = (name: string, start: number) => {
  if (import.meta.env.MODE === 'bench') performance.measure(`plan:${name}`, { start, end: performance.now() });
};

export const usePlanView = create<PlanViewState>()((set, get) => {
  /**
   * Show a view patched with a local write at once, then take the database's fingerprint with it. Until then the
   * screens do not compare fingerprints (`localWrites`): the write already changed the database, and a comparison
   * in between would re-read the whole plan as if a sync file had changed it.
   */
  async function showLocalWrite(next: PlanView, planId: string): Promise<void> {
    set((st) => ({ data: next, localWrites: st.localWrites + 1 }));
    try {
      const fingerprint = await planFingerprint(getDatabase(), planId);
      set((st) => ({ ...(st.data === next ? { fingerprint } : {}), localWrites: st.localWrites - 1 }));
    } catch (e) {
      set((st) => ({ localWrites: st.localWrites - 1 }));
      throw e;
    }
  }
  return {
    planId: null,
    data: null,
    complete: false,
    early: null,
    earlyComplete: false,
    earlyDigest: null,
    today: isoDayOf(new Date()),
    loading: false,
    error: null,
    fingerprint: null,
    localWrites: 0,

    async load(planId, force = false, screen = 'tasks') {
      const s = get();
      if (!force && s.planId === planId && (s.data || s.loading)) return;
      const seq = ++loadSeq;
      const fresh = s.planId !== planId || !s.data;
      set({ planId, loading: true, error: null, ...(fresh ? { data: null, complete: false, early: null, earlyComplete: false, earlyDigest: null } : {}) });
      try {
        const db = getDatabase();
        // One read: the structure (tasks, units) paints the table as soon as it is read; the reports' summary then
        // brings the lights.
        const t1 = performance.now();
        const today = get().today;
        // The task table paints once with every task's light (from the report digests, read with the structure; the
        // first screenful's from their summaries for a task its digest does not serve), while every report is still
        // being read.
        let structure: PlanView | null = null;
        /** The plan's digests were read from their snapshot (otherwise it is written once the window is idle). */
        let foundSnapshot = false;
        const early: EarlyReads = {
          onStructure: (read) => {
            phase('structure', t1);
            if (!fresh || seq !== loadSeq) return;
            structure = read;
            if (screen === 'other') {
              set({ data: read, complete: false, early: null });
              phase('first', t1);
              return;
            }
            // The 督办视图 names no task: it needs every task's, from the digests.
            return screen === 'tasks' ? firstShownTaskIds(read, useIdentity.getState().identity?.office) : [];
          },
          onDigests: ({ digests, fromSnapshot, reportsByTask, actions, clampedTimes }) => {
            foundSnapshot = fromSnapshot;
            phase(fromSnapshot ? 'digests from snapshot' : 'digests from rows', t1);
            if (seq !== loadSeq || !structure) return new Set();
            // The tasks whose digest holds what their standing reads this period (every task, but for a unit that
            // filed reports ahead: shared/tracking/reportDigest.ts). A task without a digest has no report.
            const period = periodOfDay(today, structure.plan.cadence);
            const unserved = new Set(digests.filter((d) => !digestServes(d, period)).map((d) => d.taskId));
            const actionsByTask = indexByTask(actions);
            const standings = new Map<string, TaskStanding>();
            for (const task of structure.tasks) {
              if (unserved.has(task.id)) continue;
              standings.set(task.id, computeStanding({ plan: structure.plan, task, reports: reportsByTask.get(task.id) ?? NO_ROWS, actions: actionsByTask.get(task.id) ?? NO_ROWS, today }));
            }
            const earlyComplete = unserved.size === 0;
            set({ data: structure, complete: false, early: standings, earlyComplete, earlyDigest: earlyComplete && !clampedTimes ? { actions, reportsByTask, actionsByTask, digests } : null });
            phase('first', t1);
            return new Set(standings.keys());
          },
          onFirst: (first) => {
            if (seq !== loadSeq || !structure) return;
            const standings = new Map(get().data === structure ? get().early : undefined);
            if (first) {
              const ids = new Set(first.taskIds);
              for (const [id, st] of computeStandings({ plan: structure.plan, tasks: structure.tasks.filter((t) => ids.has(t.id)), reports: first.reports, actions: first.actions, today })) standings.set(id, st);
            }
            set({ data: structure, complete: false, early: standings.size ? standings : null });
            phase('first', t1);
          },
        };
        const data = await loadPlanView(db, planId, early);
        const read = readOf(data);
        const fingerprint = read?.fingerprint ?? (await planFingerprint(db, planId));
        phase('view', t1);
        if (seq !== loadSeq) return;
        set({ data, complete: true, early: null, earlyComplete: false, earlyDigest: null, fingerprint, loading: false });
        // The snapshot of the plan's digests, for the next read (nothing to do when the read found it).
        if (!foundSnapshot) scheduleDigestSnapshot(db, planId);
        if (read && !read.structureFromSnapshot) scheduleStructureSnapshot(db, planId);
      } catch (e) {
        if (seq !== loadSeq) return;
        set({ loading: false, error: e instanceof Error ? e.message : '读取计划失败' });
      }
    },

    async applyReport(report) {
      const s = get();
      if (!s.data || !s.complete || s.data.plan.id !== report.planId) return;
      // The list with this report replaced (or added): one copy, no per-report closure.
      const reports = s.data.reports.slice();
      const old = derivedCache.get(s.data)?.reportsByTask.get(report.taskId)?.find((r) => r.id === report.id);
      const at = old ? reports.indexOf(old) : reports.findIndex((r) => r.id === report.id);
      if (at >= 0) reports[at] = report;
      else reports.push(report);
      await showLocalWrite(patched(s, { ...s.data, reports }, report.taskId, { report }), report.planId);
    },
    async applyAction(action) {
      const s = get();
      if (!s.data || !s.complete || s.data.plan.id !== action.planId) return;
      await showLocalWrite(patched(s, { ...s.data, actions: [...s.data.actions, action] }, action.taskId, { action }), action.planId);
    },
    async applyTask(task) {
      const s = get();
      if (!s.data) return;
      // Units may have been added: re-read the whole view (rare: a supervisor correcting a task).
      await s.load(task.planId, true);
    },
  };
});

// The UI benchmark (a build with `--mode bench` only) times a saved report's repaint through the store.
if (import.meta.env.MODE === 'bench') (globalThis as { __taizhangPlanView?: typeof usePlanView }).__taizhangPlanView = usePlanView;
