import {
  CadenceSchema,
  LeadRuleSchema,
  normalizeKey,
  randomId,
  reportId,
  sha256Hex,
  deriveRoles,
  type Action,
  type AttachmentRef,
  type Cadence,
  type Deadline,
  type Identity,
  type LeadRule,
  type Plan,
  type Report,
  type ReportHead,
  type Section,
  type Task,
  type Unit,
} from '../../shared/model';
import { z } from 'zod';
import Dexie from 'dexie';
import {
  checkActionInput,
  checkReportInput,
  checkReportPeriod,
  type ActionInput,
  type ReportInput,
  type ValidReportInput as ValidInput,
  reportFromInput,
} from '../../shared/tracking/reportInput';
import { rolesOf } from '../../shared/tracking/roles';
import { archivedRefusal } from '../../shared/tracking/planEdit';
import { unitDirectory } from '../../shared/tracking/unitEdit';
import { editTask } from './planEdit';
import { reviseReport } from '../../shared/tracking/revisions';
import type { TaizhangDB } from './database';
import { reportsOfSummary } from '../../shared/tracking/reportSummary';
import { reportsOfDigest, type ReportDigest } from '../../shared/tracking/reportDigest';
import { readPlanDigests } from './digestSnapshots';
import { readPlanStructure } from './structureSnapshots';
import { getIdentity, nextStamp, nextStamps, observeStamps } from './installation';
import { InputRefusedError } from './plans';
import { reportBasis } from '../../shared/sync/review';
import { getShownTimes, withShownTimes } from './sync/clockNotes';
import { checkReportValues, checkTargets, type TargetInput } from '../../shared/targets/input';
import { provisionalStamp, requireMayWrite } from './authorize';

export type { ActionInput, ReportInput };

/**
 * Everything the tracking screens show for one plan: read once, then derived in memory. Its reports are heads (the
 * rules' fields; text on each unit's newest only) unless read in full (`loadPlanRecords`).
 */
export interface PlanView<R extends ReportHead = ReportHead> {
  plan: Plan;
  sections: Section[];
  tasks: Task[];
  units: Unit[];
  reports: R[];
  actions: Action[];
}

async function requireIdentity(db: TaizhangDB): Promise<Identity> {
  const identity = await getIdentity(db);
  if (!identity) throw new InputRefusedError('请先设置本机所属单位');
  return identity;
}

async function requireTask(db: TaizhangDB, planId: string, taskId: string): Promise<{ plan: Plan; task: Task }> {
  const [plan, task] = await Promise.all([db.plans.get(planId), db.tasks.get(taskId)]);
  if (!plan || plan.deleted) throw new InputRefusedError('计划不存在或已删除');
  if (!task || task.deleted || task.planId !== planId) throw new InputRefusedError('任务不存在或已删除');
  const archived = archivedRefusal(plan);
  if (archived) throw new InputRefusedError(archived);
  return { plan, task };
}

const todayOf = (now: Date) =>
  `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;

/**
 * Save a unit's progress report for a period (create, or replace keeping the earlier version as a revision). Only this PC's own office may write its
 * report (a supervisor installation may not write a unit's report either). Validation, permission and attachment
 * checks all happen before anything is written; the blobs (deduplicated by SHA-256) and the report are then
 * written in one transaction.
 */
export async function saveReport(db: TaizhangDB, input: ReportInput, now = new Date()): Promise<Report> {
  const checked = checkReportInput(input);
  if (!checked.ok) throw new InputRefusedError(checked.message);
  const value = checked.value;
  const identity = await requireIdentity(db);
  const { plan, task } = await requireTask(db, value.planId, value.taskId);
  const periodProblem = checkReportPeriod(plan, value.period, todayOf(now));
  if (periodProblem) throw new InputRefusedError(periodProblem);
  const unit = await db.units.get(value.unitId);
  if (!unit || unit.deleted) throw new InputRefusedError('报送单位不存在');
  const values = checkReportValues(task, value.values);
  if (!values.ok) throw new InputRefusedError(values.message);
  const draft = (stamp: string, attachments: AttachmentRef[]): Report =>
    reportFromInput(value, task, unit.id, { stamp, by: identity.office, reportedAt: now.toISOString(), attachments, values: values.value });
  await requireMayWrite(db, identity, 'reports', draft(provisionalStamp(identity, now), []), { plans: [plan], units: [unit] });
  if (!rolesOf(task, unit.id).length) throw new InputRefusedError(`「${unit.name}」不是该任务的责任单位`);

  // Hash outside the transaction (pure CPU), then write everything at once.
  const newBlobs = value.attachments.map((a) => ({ ref: { sha256: sha256Hex(a.bytes), name: a.name, mime: a.mime || 'application/octet-stream', size: a.bytes.byteLength }, bytes: a.bytes }));
  const refs: AttachmentRef[] = [];
  const seen = new Set<string>();
  for (const ref of [...value.keepAttachments, ...newBlobs.map((b) => b.ref)]) {
    if (seen.has(ref.sha256)) continue;
    seen.add(ref.sha256);
    refs.push(ref);
  }

  // A report answers the supervisor's last 退回/销号 on this task: its stamp must sort after them.
  const taskActions = await db.actions.where('taskId').equals(task.id).toArray();
  if (taskActions.length) await observeStamps(db, taskActions.map((a) => a.stamp), now.getTime());

  return db.transaction('rw', [db.reports, db.blobs, db.meta], async () => {
    const kept = value.keepAttachments.map((a) => a.sha256);
    if (kept.length) {
      const present = await db.blobs.bulkGet(kept);
      const missing = value.keepAttachments.find((_, i) => !present[i]);
      if (missing) throw new InputRefusedError(`附件「${missing.name}」已不在本机，请重新上传`);
    }
    const fresh = [...new Map(newBlobs.map((b) => [b.ref.sha256, b])).values()];
    if (fresh.length) {
      const existing = await db.blobs.bulkGet(fresh.map((b) => b.ref.sha256));
      const toAdd = fresh.filter((_, i) => !existing[i]).map((b) => ({ sha256: b.ref.sha256, data: b.bytes }));
      if (toAdd.length) await db.blobs.bulkPut(toAdd);
    }
    const previous = await db.reports.get(reportId(task.id, unit.id, value.period));
    // The 销号/退回 this report answers: one it never saw and sorts after is listed for review at import.
    const basis = reportBasis(taskActions, task.id, unit.id);
    // Re-saving keeps the version it replaces in the report's history (shared/tracking/revisions.ts).
    const report: Report = reviseReport(previous, { ...draft(await nextStamp(db, now.getTime()), refs), ...(basis ? { basis } : {}) });
    await db.reports.put(report);
    return report;
  });
}

/**
 * Save units' reports transcribed from their filled 填报表 (offices without the app), all in one transaction:
 * every input passes the same checks as a report typed in the app (validation, period, the unit's role in the task);
 * only the plan owner's supervisor installation may enter them, and they are marked `entry: 'form'` (the sync
 * authority rule accepts them from the plan owner's device). Nothing is written unless every input passes.
 */
export async function saveReportsFromForm(db: TaizhangDB, inputs: readonly ReportInput[], now = new Date()): Promise<Report[]> {
  if (!inputs.length) return [];
  const identity = await requireIdentity(db);
  const checked: ValidInput[] = [];
  for (const input of inputs) {
    const result = checkReportInput(input);
    if (!result.ok) throw new InputRefusedError(result.message);
    checked.push(result.value);
  }
  // Read every plan, task and unit concerned at once (a batch is many reports of a few units).
  const ids = <K extends 'planId' | 'taskId' | 'unitId'>(key: K) => [...new Set(checked.map((v) => v[key]))];
  const [planRows, taskRows, unitRows] = await Promise.all([db.plans.bulkGet(ids('planId')), db.tasks.bulkGet(ids('taskId')), db.units.bulkGet(ids('unitId'))]);
  const plans = new Map(planRows.filter((p): p is Plan => !!p && !p.deleted).map((p) => [p.id, p]));
  const tasks = new Map(taskRows.filter((t): t is Task => !!t && !t.deleted).map((t) => [t.id, t]));
  const units = new Map(unitRows.filter((u): u is Unit => !!u && !u.deleted).map((u) => [u.id, u]));
  for (const plan of plans.values()) {
    const archived = archivedRefusal(plan);
    if (archived) throw new InputRefusedError(archived);
    await requireOwner(db, plan);
  }
  const prepared: { value: ValidInput; task: Task; unit: Unit }[] = [];
  const seen = new Set<string>();
  for (const value of checked) {
    const plan = plans.get(value.planId);
    if (!plan) throw new InputRefusedError('计划不存在或已删除');
    const task = tasks.get(value.taskId);
    if (!task || task.planId !== plan.id) throw new InputRefusedError('任务不存在或已删除');
    const periodProblem = checkReportPeriod(plan, value.period, todayOf(now));
    if (periodProblem) throw new InputRefusedError(periodProblem);
    const unit = units.get(value.unitId);
    if (!unit) throw new InputRefusedError('报送单位不存在');
    if (!rolesOf(task, unit.id).length) throw new InputRefusedError(`「${unit.name}」不是该任务的责任单位`);
    const id = reportId(task.id, unit.id, value.period);
    if (seen.has(id)) throw new InputRefusedError(`同一单位同一周期的第${task.number}项进展出现了两次（重复的填报表）`);
    seen.add(id);
    prepared.push({ value, task, unit });
  }
  // The reports answer the supervisor's earlier actions on these tasks: their stamps must sort after them.
  const taskIds = [...new Set(prepared.map((p) => p.task.id))];
  const actions = await db.actions.where('taskId').anyOf(taskIds).toArray();
  if (actions.length) await observeStamps(db, actions.map((a) => a.stamp), now.getTime());
  return db.transaction('rw', [db.reports, db.meta], async () => {
    const stamps = await nextStamps(db, prepared.length, now.getTime());
    const previous = await db.reports.bulkGet(prepared.map(({ value, task, unit }) => reportId(task.id, unit.id, value.period)));
    const reports: Report[] = prepared.map(({ value, task, unit }, i) =>
      reviseReport(previous[i], reportFromInput(value, task, unit.id, { stamp: stamps[i]!, by: identity.office, reportedAt: now.toISOString(), attachments: [], entry: 'form' })),
    );
    // As in the app: a re-entered report keeps the version it replaces in its history (shared/tracking/revisions.ts).
    await db.reports.bulkPut(reports);
    return reports;
  });
}

const SUPERVISOR_KINDS = new Set<Action['kind']>(['confirm', 'return', 'urge', 'extension-approve', 'extension-refuse']);

/**
 * Record a supervisor action (销号, 退回, 催办, approve/refuse an extension; supervisor installations only) or a
 * unit's extension request (the unit's own office only, before the deadline).
 */
export async function recordAction(db: TaizhangDB, input: ActionInput, now = new Date()): Promise<Action> {
  const identity = await requireIdentity(db);
  const { plan, task } = await requireTask(db, input.planId, input.taskId);
  const actionUnit = input.unitId ? await db.units.get(input.unitId) : undefined;
  if (!SUPERVISOR_KINDS.has(input.kind) && !actionUnit) throw new InputRefusedError('请指明申请延期的单位');
  const candidate: Action = {
    id: 'act_0000000000000000', stamp: provisionalStamp(identity, now), by: identity.office, planId: plan.id, taskId: task.id,
    unitId: input.unitId ?? null, kind: input.kind, text: '', date: todayOf(now), newDeadline: null,
  };
  await requireMayWrite(db, identity, 'actions', candidate, { plans: [plan], units: actionUnit ? [actionUnit] : [] });
  if (!SUPERVISOR_KINDS.has(input.kind) && !rolesOf(task, actionUnit!.id).length) throw new InputRefusedError(`「${actionUnit!.name}」不是该任务的责任单位`);
  if (input.unitId && SUPERVISOR_KINDS.has(input.kind)) {
    const unit = await db.units.get(input.unitId);
    if (!unit || !rolesOf(task, unit.id).length) throw new InputRefusedError('所选单位不是该任务的责任单位');
  }
  const actions = (await db.actions.where('taskId').equals(task.id).toArray()).filter((a) => !a.deleted);
  const checked = checkActionInput(input, { plan, task, actions, today: todayOf(now) });
  if (!checked.ok) throw new InputRefusedError(checked.message);
  // The action must sort after what it answers (the report it confirms, the request it approves), even when those
  // came from another PC whose clock ran ahead: advance the local clock past them first.
  const reports = await db.reports.where('taskId').equals(task.id).toArray();
  await observeStamps(db, [...actions, ...reports].map((r) => r.stamp), now.getTime());
  return db.transaction('rw', [db.actions, db.meta], async () => {
    const action: Action = {
      id: randomId('act'),
      stamp: await nextStamp(db, now.getTime()),
      by: identity.office,
      planId: plan.id,
      taskId: task.id,
      unitId: checked.value.unitId,
      kind: checked.value.kind,
      text: checked.value.text,
      date: checked.value.date,
      newDeadline: checked.value.newDeadline,
    };
    await db.actions.add(action);
    return action;
  });
}

/** The stored bytes of an attachment, or null when this PC does not have them. */
export async function getAttachmentBytes(db: TaizhangDB, sha256: string): Promise<Uint8Array | null> {
  const blob = await db.blobs.get(sha256);
  return blob ? blob.data : null;
}

/**
 * What a screen is given before the whole plan is read: the structure, and then the progress of the tasks it shows
 * first (the tasks `onStructure` named: their report heads and actions, as the whole read will give them).
 */
export interface EarlyReads {
  onStructure(structure: PlanView): readonly string[] | void;
  /**
   * Called when `onStructure` named tasks (first, when given): every task's report digest (the reports that decide
   * its standing: shared/tracking/reportDigest.ts) and the plan's actions, before the whole read's 200,000 heads.
   * Returns the tasks it could give a standing.
   */
  onDigests?(digests: {
    digests: ReportDigest[];
    fromSnapshot: boolean;
    reportsByTask: ReadonlyMap<string, ReportHead[]>;
    actions: Action[];
    /**
     * Some report's 报送时间 is shown as the time this PC received it (its author's clock ran ahead: sync/clockNotes.ts):
     * the digests' period ledgers hold the times as filed, so only their reports (clamped here) may be used.
     */
    clampedTimes: boolean;
  }): ReadonlySet<string>;
  /**
   * Called when `onStructure` named tasks that `onDigests` did not serve: their progress from their summaries, or null
   * when it cannot be read apart (merged units).
   */
  onFirst?(first: { taskIds: readonly string[]; reports: ReportHead[]; actions: Action[] } | null): void;
}

/**
 * The single read behind the tracking screens: one plan with its sections, tasks, units, actions and its reports as
 * the stored summary holds them (every live report's head; each unit's newest in full: see
 * shared/tracking/reportSummary.ts) — a few thousand rows where the reports are hundreds of thousands.
 */
export async function loadPlanView(db: TaizhangDB, planId: string, early?: EarlyReads): Promise<PlanView> {
  return readPlan(
    db,
    planId,
    async () => {
      const t0 = performance.now();
      const rows = await db.reportSummaries.where('planId').equals(planId).toArray();
      const t1 = performance.now();
      if (import.meta.env.MODE === 'bench') performance.measure('plan:summaries', { start: t0, end: t1 });
      return () => {
        const t2 = performance.now();
        const heads: ReportHead[] = [];
        for (const row of rows) reportsOfSummary(row, heads);
        // Phases for the UI benchmark's breakdown (a `--mode bench` build only).
        if (import.meta.env.MODE === 'bench') performance.measure('plan:decode', { start: t2, end: performance.now() });
        return heads;
      };
    },
    early,
  );
}

/**
 * The plan with every report in full (text, attachments, revisions): what exports, 填报表 checks and 考核 read. A
 * tracking screen reads `loadPlanView`, and one task's full reports with `loadTaskReports`.
 */
export async function loadPlanRecords(db: TaizhangDB, planId: string): Promise<PlanView<Report>> {
  return readPlan(db, planId, async () => {
    const rows = await db.reports.where('planId').equals(planId).toArray();
    return () => rows.filter((r) => !r.deleted);
  });
}

/** One task's live reports in full (its history, the report form), with 报送时间 as people see them. */
export async function loadTaskReports(db: TaizhangDB, taskId: string): Promise<Report[]> {
  return db.transaction('r', [db.reports, db.units, db.meta], async () => {
    const reports = (await db.reports.where('taskId').equals(taskId).toArray()).filter((r) => !r.deleted);
    return withShownTimes(await canonicalUnits(db, reports), await getShownTimes(db));
  });
}

/** Records filed under a unit merged into another, shown as that unit's (the records stay as filed). */
function asCanonical<R extends { unitId: string }>(rows: R[], canonical: (id: string) => string): R[] {
  return rows.map((r) => (canonical(r.unitId) === r.unitId ? r : { ...r, unitId: canonical(r.unitId) }));
}

async function canonicalUnits<R extends { unitId: string }>(db: TaizhangDB, reports: R[]): Promise<R[]> {
  const units = await db.units.bulkGet([...new Set(reports.map((r) => r.unitId))]);
  if (!units.some((u) => u?.mergedInto)) return reports;
  const dir = unitDirectory(await db.units.toArray());
  return asCanonical(reports, (id) => dir.canonical(id));
}

/**
 * Let the browser paint what an early callback showed before the next results are handled (their decoding would hold
 * the frame): until the frame after the one that paints it has begun. Dexie keeps the transaction open meanwhile.
 * (A hidden window gets no animation frames: 100 ms at most.)
 */
async function nextFrame(): Promise<void> {
  if (typeof requestAnimationFrame !== 'function') return;
  await Dexie.waitFor(
    new Promise<void>((resolve) => {
      requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 0)));
      setTimeout(resolve, 100);
    }),
    1_000,
  );
}

/**
 * One plan read in one transaction. `early.onStructure` is given the plan without progress as soon as its tasks and
 * units are read (the task table paints them while the reports are still being read), `early.onDigests` every
 * task's report digest, `early.onFirst` the progress of the tasks it named that the digests did not serve.
 * `readReports` reads the reports and returns how to decode them, so the reading overlaps the early callbacks' paint
 * and the decoding follows it.
 */
async function readPlan<R extends ReportHead>(db: TaizhangDB, planId: string, readReports: () => Promise<() => R[]>, early?: EarlyReads): Promise<PlanView<R>> {
  return db.transaction('r', [db.plans, db.sections, db.tasks, db.structureSnapshots, db.units, db.reports, db.reportSummaries, db.reportDigests, db.digestSnapshots, db.actions, db.meta], async () => {
    // The plan, its structure and (for the early screens) every task's digest, the plan's actions, the units and the
    // clock notes are asked for at once, so the database reads them while this thread decodes what came first. (A
    // missing plan, or a failed read, rejects the transaction: the reads still pending are not lost errors.)
    const planRead = db.plans.get(planId);
    const structureRead = readPlanStructure(db, planId);
    const withDigests = !!(early?.onDigests && early.onFirst);
    const digestReads = withDigests
      ? Promise.all([db.units.toArray(), getShownTimes(db), readPlanDigests(db, planId), db.actions.where('planId').equals(planId).toArray()])
      : null;
    structureRead.catch(() => undefined);
    digestReads?.catch(() => undefined);
    const plan = await planRead;
    if (!plan || plan.deleted) throw new InputRefusedError('计划不存在或已删除');
    const { sections, tasks, fromSnapshot } = await structureRead;
    const liveTasks = tasks.filter((t) => !t.deleted).sort((a, b) => a.order - b.order);
    const liveSections = sections.filter((s) => !s.deleted).sort((a, b) => a.order - b.order);
    let reading: [Promise<() => R[]>, Promise<Action[]>] | null = null;
    if (early) {
      const taskUnits = new Set(liveTasks.flatMap((t) => [...t.lead, ...t.support, ...t.implement]));
      const units = (await db.units.bulkGet([...taskUnits])).filter((u): u is Unit => !!u && !u.deleted);
      const firstIds = early.onStructure({ plan, sections: liveSections, tasks: liveTasks, units, reports: [], actions: [] });
      // The first tasks' progress from their summaries (a few rows) before every task's. Not when a unit was merged
      // into another: the whole read shows its records under the merged unit, this one would not. (No task named:
      // the digests only, for the 督办视图.)
      if (firstIds && (firstIds.length || early.onDigests) && early.onFirst) {
        // Every task's digest with the plan's actions (when asked for), read with the units and the clock notes.
        const [all, shown, digestRead, planActions] = digestReads ? await digestReads : await Promise.all([db.units.toArray(), getShownTimes(db), null, null]);
        const digests = digestRead?.digests;
        const merged = all.some((u) => u.mergedInto);
        let unserved: readonly string[] = firstIds;
        if (!merged && digests && planActions) {
          // Each task's reports as its digest holds them (grouped already: no scan of them all to group them again).
          const reportsByTask = new Map<string, ReportHead[]>();
          for (const d of digests) reportsByTask.set(d.taskId, withShownTimes(reportsOfDigest(d), shown));
          const served = early.onDigests!({ digests, fromSnapshot: digestRead!.fromSnapshot, reportsByTask, actions: planActions.filter((a) => !a.deleted), clampedTimes: shown.size > 0 });
          unserved = firstIds.filter((id) => !served.has(id));
        }
        if (merged) early.onFirst(null);
        else if (unserved.length) {
          // The first tasks' progress from their summaries (a few rows), for those their digest does not serve.
          const [rows, actions] = await Promise.all([db.reportSummaries.bulkGet([...unserved]), db.actions.where('taskId').anyOf([...unserved]).toArray()]);
          const heads: ReportHead[] = [];
          for (const row of rows) if (row && row.planId === planId) reportsOfSummary(row, heads);
          early.onFirst({ taskIds: unserved, reports: withShownTimes(heads, shown), actions: actions.filter((a) => !a.deleted && a.planId === planId) });
        }
        // The whole read is asked for now, and its results handled once the browser has painted what was shown
        // (their decoding would hold the frame).
        reading = [readReports(), planActions ? Promise.resolve(planActions) : db.actions.where('planId').equals(planId).toArray()];
        await nextFrame();
      }
    }
    const [decode, actions] = await Promise.all(reading ?? [readReports(), db.actions.where('planId').equals(planId).toArray()]);
    const reports = decode();
    const unitIds = new Set<string>();
    for (const t of liveTasks) for (const id of [...t.lead, ...t.support, ...t.implement]) unitIds.add(id);
    for (const r of reports) unitIds.add(r.unitId);
    let known = (await db.units.bulkGet([...unitIds])).filter((u): u is Unit => !!u);
    let liveReports = reports;
    let liveActions = actions.filter((a) => !a.deleted);
    if (known.some((u) => u.mergedInto)) {
      // Progress filed under a unit merged into another is shown as that unit's (the records stay as filed).
      const dir = unitDirectory(await db.units.toArray());
      const canonical = (id: string) => dir.canonical(id);
      liveReports = asCanonical(liveReports, canonical);
      liveActions = liveActions.map((a) => (a.unitId === null || canonical(a.unitId) === a.unitId ? a : { ...a, unitId: canonical(a.unitId) }));
      known = [...new Set([...unitIds].map(canonical))].map((id) => dir.get(id)).filter((u): u is Unit => !!u);
    }
    const view: PlanView<R> = {
      plan,
      sections: liveSections,
      tasks: liveTasks,
      units: known.filter((u) => !u.deleted),
      // 报送时间 as people see it: never later than when this PC received the report (a fast clock elsewhere).
      reports: withShownTimes(liveReports, await getShownTimes(db)),
      actions: liveActions,
    };
    // The fingerprint of what was read, in the same transaction (no write can fall between the two), taken after the
    // reads so it does not hold them up.
    reads.set(view, { fingerprint: await planFingerprint(db, planId), structureFromSnapshot: fromSnapshot });
    return view;
  });
}

/** How a view was read (`readOf`). */
export interface PlanRead {
  /** The fingerprint (`planFingerprint`) of the database it was read from, taken in the read's own transaction. */
  fingerprint: string;
  /** Its tasks and sections came from the plan's structure snapshot (renderer/db/structureSnapshots.ts). */
  structureFromSnapshot: boolean;
}

const reads = new WeakMap<PlanView<ReportHead>, PlanRead>();

/** How a view returned by `loadPlanView` or `loadPlanRecords` was read. */
export function readOf(view: PlanView<ReportHead>): PlanRead | undefined {
  return reads.get(view);
}

/** The plan's structure may be changed here (authority policy: a supervisor key of the plan's owner office). */
async function requireOwner(db: TaizhangDB, plan: Plan, now = new Date()): Promise<Identity> {
  const identity = await requireIdentity(db);
  await requireMayWrite(db, identity, 'plans', { ...plan, stamp: provisionalStamp(identity, now), by: identity.office }, { plans: [plan] });
  const archived = archivedRefusal(plan);
  if (archived) throw new InputRefusedError(archived);
  return identity;
}

/** Plan settings; a field left out keeps its current value. */
export interface PlanSettings {
  cadence?: Cadence;
  yellowDays?: number;
  leadRule?: LeadRule;
}

const PlanSettingsSchema = z.strictObject({
  cadence: CadenceSchema,
  yellowDays: z.number('提醒天数应为 0–365 的整数').int('提醒天数应为 0–365 的整数').min(0, '提醒天数应为 0–365 的整数').max(365, '提醒天数应为 0–365 的整数'),
  leadRule: LeadRuleSchema,
}).partial();

/** Change a plan's reporting cadence, yellow-light days and lead rule (the plan's owner only). */
export async function setPlanSettings(db: TaizhangDB, planId: string, settings: PlanSettings, now = new Date()): Promise<Plan> {
  const parsed = PlanSettingsSchema.safeParse(settings);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path[0] === 'cadence' ? (issue.message.includes('报送日期') ? issue.message : '报送周期设置有误（请选择周期，截止日 1–31）') : issue?.path[0] === 'leadRule' ? '牵头规则无效' : issue?.message;
    throw new InputRefusedError(where ?? '设置有误');
  }
  const plan = await db.plans.get(planId);
  if (!plan || plan.deleted) throw new InputRefusedError('计划不存在或已删除');
  const identity = await requireOwner(db, plan, now);
  return db.transaction('rw', [db.plans, db.tasks, db.meta], async () => {
    const changes = Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined));
    const next: Plan = { ...plan, ...changes, stamp: await nextStamp(db, now.getTime()), by: identity.office };
    await db.plans.put(next);
    // A new lead rule re-derives every task whose units are as the document stated them (shared/model/roles.ts).
    if (next.leadRule !== plan.leadRule) {
      const tasks = await db.tasks.where('planId').equals(planId).toArray();
      const changed: Task[] = [];
      for (const t of tasks) {
        if (t.deleted || !t.stated) continue;
        const roles = deriveRoles(t.stated, next.leadRule);
        if (roles.lead.join() === t.lead.join() && roles.support.join() === t.support.join() && roles.implement.join() === t.implement.join()) continue;
        changed.push({ ...t, ...roles, stamp: await nextStamp(db, now.getTime()), by: identity.office });
      }
      if (changed.length) await db.tasks.bulkPut(changed);
    }
    return next;
  });
}

export interface TaskPatch {
  content?: string;
  /** Unit ids of existing units, or unit names (new names create units). */
  lead?: string[];
  support?: string[];
  implement?: string[];
  deadline?: Deadline | null;
  /** The task's quantitative targets as edited (checked by shared/targets/input.ts); an empty list removes them. */
  targets?: TargetInput[];
}

/**
 * Correct a task after review (the plan's owner only): the same command as the plan maintenance screen
 * (renderer/db/planEdit.ts), which records the change as a hand edit so a re-import keeps it.
 */
export async function updateTask(db: TaizhangDB, taskId: string, patch: TaskPatch, now = new Date()): Promise<Task> {
  const { deadline, ...rest } = patch;
  return editTask(db, taskId, { ...rest, ...(deadline !== undefined ? { deadline: deadline && { text: deadline.text, date: deadline.date } } : {}) }, now);
}

/** A cheap fingerprint of a plan's data: changes whenever a local write or a sync import touches it. */
export async function planFingerprint(db: TaizhangDB, planId: string): Promise<string> {
  // The clock advances on every local change and on every sync import (observeStamps), so any change shows here.
  // (Tasks with reports, from the summary: counting a plan's 200,000 reports would take a second.)
  const [clock, plan, tasks, reports, actions, units] = await Promise.all([
    db.meta.get('clock'),
    db.plans.get(planId),
    db.tasks.where('planId').equals(planId).count(),
    db.reportSummaries.where('planId').equals(planId).count(),
    db.actions.where('planId').equals(planId).count(),
    db.units.count(),
  ]);
  return `${JSON.stringify(clock?.value ?? null)}|${plan?.stamp ?? ''}|${tasks}|${reports}|${actions}|${units}`;
}
