import { normalizeKey } from '../model/ids';
import type { Deadline, Identity, Plan, Section, Task, TaskHandEdits, Unit } from '../model/schemas';
import { parseDeadline } from '../parser/core/deadline';
import { PlanEditRefused, type EditContext, type EditStamp } from './editRefused';
import { checkDeadlineAgainstPlan } from './reportInput';
import { normaliseRoles, resolveUnitEntries, unitDirectory } from './unitEdit';
import { checkTargets, type TargetInput } from '../targets/input';

/**
 * Maintaining a saved plan: the rules for editing, adding, deleting, splitting, merging and reordering tasks, and
 * for renaming and archiving the plan. Pure functions over the plan's records; each returns the records to write
 * (all carrying the edit's one stamp) or throws PlanEditRefused with a Chinese message. The Dexie commands in
 * renderer/db/planEdit.ts read, call these, and write in one transaction.
 */

export { PlanEditRefused, type EditContext, type EditStamp } from './editRefused';

/** The records of one plan an edit needs: tasks include tombstones (a restored or re-added task revives). */
export interface PlanContents {
  plan: Plan;
  sections: readonly Section[];
  tasks: readonly Task[];
  /** Every unit this PC knows (units are shared between plans). */
  units: readonly Unit[];
}

/** What one edit writes. */
export interface EditWrites {
  plan?: Plan;
  sections: Section[];
  tasks: Task[];
  units: Unit[];
}

const write = (w: Partial<EditWrites>): EditWrites => ({ sections: [], tasks: [], units: [], ...w });

// ---------------------------------------------------------------------------------------------------------------
// Who may edit (routed through one function so the authority policy can be switched in one place).

/**
 * Why the plan may not be maintained here for reasons of the plan itself (gone, archived), or null. Who may change
 * a plan's structure is not decided here: that is the one authority policy (shared/sync/authority.ts,
 * `writeProblem`), which the maintenance commands apply to every record they write and the screens ask for their
 * gates — the same rule every other PC applies when the change arrives.
 */
export function planEditRefusal(identity: Identity | null, plan: Plan | undefined, opts: { allowArchived?: boolean } = {}): string | null {
  if (!plan || plan.deleted) return '计划不存在或已删除';
  if (!identity) return '请先设置本机所属单位';
  if (plan.archived && !opts.allowArchived) return '计划已归档，只能查看和导出；如需修改，请先取消归档';
  return null;
}

/** Why nothing may be written to an archived plan (reports, actions, edits), or null. */
export function archivedRefusal(plan: Pick<Plan, 'archived'>): string | null {
  return plan.archived ? '计划已归档，只能查看和导出' : null;
}

// ---------------------------------------------------------------------------------------------------------------
// Field rules

export interface DeadlineInput {
  text: string;
  /** The last day; undefined: read it from the text ("2024年6月底前" → 2024-06-30); null: no date. */
  date?: string | null;
}

/** A deadline from the edit form: text and date, either derived from the other, and not before the plan's date. */
export function deadlineFromInput(input: DeadlineInput | null, plan: Pick<Plan, 'date'>): Deadline | null {
  if (!input) return null;
  const text = input.text.replace(/\s+/g, ' ').trim();
  if (text.length > 500) throw new PlanEditRefused('完成时限文字过长');
  const year = plan.date ? Number(plan.date.slice(0, 4)) : undefined;
  const parsed = text ? parseDeadline(text, year) : null;
  let date = input.date === undefined ? (parsed?.date ?? null) : input.date;
  if (date === '') date = null;
  if (!text && !date) return null;
  const problem = checkDeadlineAgainstPlan(plan, date);
  if (problem) throw new PlanEditRefused(plan.date && date && date < plan.date ? `${problem}（${date} 早于 ${plan.date}）` : problem);
  if (!text) {
    const [y, m, d] = date!.split('-');
    return { text: `${y}年${Number(m)}月${Number(d)}日前`, date, kind: 'date' };
  }
  if (date) return { text, date, kind: parsed?.date === date ? parsed.kind : 'date' };
  return { text, date: null, kind: parsed && parsed.kind !== 'date' && parsed.kind !== 'year' ? parsed.kind : 'unknown' };
}

function contentOf(raw: string): string {
  const content = raw.trim();
  if (!content) throw new PlanEditRefused('任务内容不能为空');
  if (content.length > 20_000) throw new PlanEditRefused('任务内容过长（不能超过2万字）');
  return content;
}

function numberOf(raw: string): string {
  const number = raw.trim();
  if (!number) throw new PlanEditRefused('请填写任务序号');
  if (number.length > 40) throw new PlanEditRefused('任务序号过长');
  return number;
}

function requireUniqueNumbers(numbers: readonly string[], live: readonly Task[], except: ReadonlySet<string>): void {
  const taken = new Map<string, Task>();
  for (const t of live) if (!except.has(t.id)) taken.set(normalizeKey(t.number), t);
  const seen = new Set<string>();
  for (const n of numbers) {
    const key = normalizeKey(n);
    if (taken.has(key) || seen.has(key)) throw new PlanEditRefused(`序号「${n}」已被本计划的其他任务使用，请换一个序号`);
    seen.add(key);
  }
}

function requireSection(contents: PlanContents, sectionId: string | null): string | null {
  if (sectionId === null) return null;
  const s = contents.sections.find((x) => x.id === sectionId);
  if (!s || s.deleted || s.planId !== contents.plan.id) throw new PlanEditRefused('所选的部分不存在，请重新选择');
  return sectionId;
}

const liveTasks = (contents: PlanContents) => contents.tasks.filter((t) => !t.deleted && t.planId === contents.plan.id).sort((a, b) => a.order - b.order);

function requireTask(contents: PlanContents, taskId: string): Task {
  const t = contents.tasks.find((x) => x.id === taskId);
  if (!t || t.deleted || t.planId !== contents.plan.id) throw new PlanEditRefused('任务不存在或已删除');
  return t;
}

// ---------------------------------------------------------------------------------------------------------------
// Hand edits: what the document said, so a re-import never undoes the supervisor's change.

export const HAND_FIELDS = ['number', 'content', 'sectionId', 'lead', 'support', 'implement', 'deadline'] as const;
export type HandField = (typeof HAND_FIELDS)[number];
type DocumentValues = NonNullable<TaskHandEdits['document']>;

/** Equal for the purpose of a plan: numbers and texts ignoring spacing and full/half-width, unit lists in order. */
export function sameFieldValue(field: HandField, a: unknown, b: unknown): boolean {
  if (field === 'number' || field === 'content') return normalizeKey(String(a ?? '')) === normalizeKey(String(b ?? ''));
  if (field === 'deadline') {
    const x = a as Deadline | null | undefined;
    const y = b as Deadline | null | undefined;
    if (!x || !y) return !x === !y;
    return normalizeKey(x.text) === normalizeKey(y.text) && x.date === y.date;
  }
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

function cleanHand(hand: TaskHandEdits): TaskHandEdits | undefined {
  const out: TaskHandEdits = {};
  if (hand.added) out.added = true;
  if (hand.deleted) out.deleted = true;
  if (hand.mergedInto) out.mergedInto = hand.mergedInto;
  if (hand.document && Object.keys(hand.document).length) out.document = hand.document;
  return Object.keys(out).length ? out : undefined;
}

function setHand(task: Task, hand: TaskHandEdits | undefined): Task {
  const next = { ...task };
  const cleaned = hand ? cleanHand(hand) : undefined;
  if (cleaned) next.hand = cleaned;
  else delete next.hand;
  return next;
}

/**
 * `after` with its hand-edit record brought up to date: each field changed by hand remembers the document's
 * value (once: a second edit keeps the first remembered value); a field edited back to the document's value is
 * no longer a hand edit. Tasks added by hand have no document.
 */
export function withHandEdits(before: Task, after: Task): Task {
  if (before.hand?.added) return setHand(after, before.hand);
  const doc: Record<string, unknown> = { ...(before.hand?.document ?? {}) };
  for (const f of HAND_FIELDS) {
    if (sameFieldValue(f, before[f], after[f])) continue;
    if (!(f in doc)) doc[f] = before[f];
    if (sameFieldValue(f, doc[f], after[f])) delete doc[f];
  }
  return setHand(after, { ...before.hand, document: doc as DocumentValues });
}

// ---------------------------------------------------------------------------------------------------------------
// Tasks

export interface TaskFields {
  number?: string;
  content?: string;
  sectionId?: string | null;
  /** Unit ids or names (a known name or alias maps to its unit; a new name creates one). */
  lead?: string[];
  support?: string[];
  implement?: string[];
  deadline?: DeadlineInput | null;
  /** Quantitative targets as typed (shared/targets/input.ts); an empty list removes them. */
  targets?: TargetInput[];
}

/** The task with the given fields changed (a field left out keeps its value). */
export function editTask(contents: PlanContents, taskId: string, fields: TaskFields, ctx: EditStamp): EditWrites {
  const task = requireTask(contents, taskId);
  const created: Unit[] = [];
  const next = applyFields(contents, task, fields, ctx, created);
  requireUniqueNumbers([next.number], liveTasks(contents), new Set([task.id]));
  return write({ tasks: [withHandEdits(task, next)], units: created });
}

function applyFields(contents: PlanContents, task: Task, fields: TaskFields, ctx: EditStamp, created: Unit[]): Task {
  const dir = unitDirectory(contents.units);
  const next: Task = { ...task, stamp: ctx.stamp, by: ctx.by };
  if (fields.number !== undefined) next.number = numberOf(fields.number);
  if (fields.content !== undefined) next.content = contentOf(fields.content);
  if (fields.sectionId !== undefined) next.sectionId = requireSection(contents, fields.sectionId);
  const lead = fields.lead ? resolveUnitEntries(fields.lead, dir, '牵头单位', ctx, created) : task.lead;
  const support = fields.support ? resolveUnitEntries(fields.support, dir, '配合单位', ctx, created) : task.support;
  const implement = fields.implement ? resolveUnitEntries(fields.implement, dir, '具体落实单位', ctx, created) : task.implement;
  Object.assign(next, normaliseRoles({ lead, support, implement }));
  // Units corrected by hand are no longer the document's statement: a new lead rule leaves them as they are.
  if (fields.lead || fields.support || fields.implement) delete next.stated;
  if (fields.deadline !== undefined) next.deadline = deadlineFromInput(fields.deadline, contents.plan);
  if (fields.targets !== undefined) {
    const checked = checkTargets(fields.targets);
    if (!checked.ok) throw new PlanEditRefused(checked.message);
    if (checked.value.length) next.targets = checked.value;
    else delete next.targets;
  }
  return next;
}

/**
 * Orders for `count` tasks placed right after `anchor` (null: at the very start), and the tasks after it that must
 * move down to make room (only those whose order changes are rewritten).
 */
function makeRoom(live: readonly Task[], anchor: Task | null, count: number, ctx: EditStamp): { orders: number[]; shifted: Task[] } {
  const start = anchor ? anchor.order + 1 : 0;
  const orders = Array.from({ length: count }, (_, i) => start + i);
  const shifted: Task[] = [];
  let next = start + count;
  for (const t of live) {
    if (anchor && t.order <= anchor.order) continue;
    if (t.order >= next) break;
    shifted.push({ ...t, order: next, stamp: ctx.stamp, by: ctx.by });
    next++;
  }
  return { orders, shifted };
}

/** The last live task of a section (or the plan's last task, when the section has none). */
function lastOf(live: readonly Task[], sectionId: string | null): Task | null {
  const inSection = live.filter((t) => t.sectionId === sectionId);
  return inSection[inSection.length - 1] ?? live[live.length - 1] ?? null;
}

/** A task added by hand, placed after `afterTaskId` or at the end of its section. */
export function addTask(contents: PlanContents, fields: TaskFields & { number: string; content: string }, ctx: EditContext, afterTaskId?: string): EditWrites {
  const live = liveTasks(contents);
  const created: Unit[] = [];
  const blank: Task = {
    id: ctx.newId('task'),
    stamp: ctx.stamp,
    by: ctx.by,
    planId: contents.plan.id,
    sectionId: null,
    number: '?',
    order: 0,
    content: '?',
    lead: [],
    support: [],
    implement: [],
    deadline: null,
    hand: { added: true },
  };
  const task = applyFields(contents, blank, fields, ctx, created);
  requireUniqueNumbers([task.number], live, new Set());
  const anchor = afterTaskId ? requireTask(contents, afterTaskId) : lastOf(live, task.sectionId);
  const { orders, shifted } = makeRoom(live, anchor, 1, ctx);
  return write({ tasks: [{ ...task, order: orders[0]! }, ...shifted], units: created });
}

/** Delete a task by hand: a tombstone, so its reports and actions stay readable in the history and the deletion syncs. */
export function deleteTask(contents: PlanContents, taskId: string, ctx: EditStamp): EditWrites {
  const task = requireTask(contents, taskId);
  return write({ tasks: [setHand({ ...task, deleted: true, stamp: ctx.stamp, by: ctx.by }, { ...task.hand, deleted: true })] });
}

/** Bring back a task deleted by hand (or merged away), at its old place. */
export function restoreTask(contents: PlanContents, taskId: string, ctx: EditStamp): EditWrites {
  const task = contents.tasks.find((t) => t.id === taskId && t.planId === contents.plan.id);
  if (!task) throw new PlanEditRefused('任务不存在');
  if (!task.deleted) throw new PlanEditRefused('该任务没有被删除');
  const live = liveTasks(contents);
  requireUniqueNumbers([task.number], live, new Set());
  const anchor = [...live].reverse().find((t) => t.order < task.order) ?? null;
  const { orders, shifted } = makeRoom(live, anchor, 1, ctx);
  const { mergedInto: _m, deleted: _d, ...hand } = task.hand ?? {};
  const section = contents.sections.find((x) => x.id === task.sectionId);
  const sectionId = section && !section.deleted ? task.sectionId : null;
  const revived: Task = { ...setHand({ ...task, sectionId, order: orders[0]!, stamp: ctx.stamp, by: ctx.by }, hand), deleted: false };
  return write({ tasks: [revived, ...shifted] });
}

export interface SplitPart {
  number: string;
  content: string;
}

/**
 * Split a task into parts. The first part keeps the task (its id, reports and actions); the others are new tasks
 * with the same section, units and deadline, placed right after it.
 */
export function splitTask(contents: PlanContents, taskId: string, parts: readonly SplitPart[], ctx: EditContext): EditWrites {
  const task = requireTask(contents, taskId);
  if (parts.length < 2) throw new PlanEditRefused('拆分至少需要两项');
  if (parts.length > 50) throw new PlanEditRefused('一次最多拆分为50项');
  const cleaned = parts.map((p) => ({ number: numberOf(p.number), content: contentOf(p.content) }));
  const live = liveTasks(contents);
  requireUniqueNumbers(
    cleaned.map((p) => p.number),
    live,
    new Set([task.id]),
  );
  const first = withHandEdits(task, { ...task, number: cleaned[0]!.number, content: cleaned[0]!.content, stamp: ctx.stamp, by: ctx.by });
  const { orders, shifted } = makeRoom(live, task, cleaned.length - 1, ctx);
  const rest = cleaned.slice(1).map(
    (p, i): Task => ({
      id: ctx.newId('task'),
      stamp: ctx.stamp,
      by: ctx.by,
      planId: task.planId,
      sectionId: task.sectionId,
      number: p.number,
      order: orders[i]!,
      content: p.content,
      lead: [...task.lead],
      support: [...task.support],
      implement: [...task.implement],
      deadline: task.deadline,
      hand: { added: true },
    }),
  );
  return write({ tasks: [first, ...rest, ...shifted] });
}

const latestDeadline = (tasks: readonly Task[]): Deadline | null => {
  let best: Deadline | null = null;
  for (const t of tasks) if (t.deadline?.date && (!best?.date || t.deadline.date > best.date)) best = t.deadline;
  return best;
};

/** The content a merge proposes: each task's content on its own line. */
export function mergedContent(tasks: readonly Task[]): string {
  return tasks.map((t) => t.content.trim()).join('\n');
}

/**
 * Merge tasks into the first one (`keepId`): it takes every unit of the others (a lead stays lead), the latest
 * dated deadline, and the given content (by default the contents one per line). The others become tombstones
 * pointing at it; their reports stay in the history.
 */
export function mergeTasks(contents: PlanContents, keepId: string, otherIds: readonly string[], ctx: EditStamp, content?: string): EditWrites {
  const keep = requireTask(contents, keepId);
  const others = [...new Set(otherIds)].filter((id) => id !== keepId).map((id) => requireTask(contents, id));
  if (!others.length) throw new PlanEditRefused('请至少再选择一项要合并的任务');
  const all = [keep, ...others];
  const roles = normaliseRoles({
    lead: all.flatMap((t) => t.lead),
    support: all.flatMap((t) => t.support),
    implement: all.flatMap((t) => t.implement),
  });
  const merged = withHandEdits(keep, {
    ...keep,
    ...roles,
    content: contentOf(content ?? mergedContent(all)),
    deadline: latestDeadline(all) ?? keep.deadline,
    stamp: ctx.stamp,
    by: ctx.by,
  });
  const gone = others.map((t) => setHand({ ...t, deleted: true, stamp: ctx.stamp, by: ctx.by }, { ...t.hand, deleted: true, mergedInto: keep.id }));
  return write({ tasks: [merged, ...gone] });
}

/** Move a task one place up or down within its section (swaps the two tasks' order). */
export function moveTask(contents: PlanContents, taskId: string, direction: 'up' | 'down', ctx: EditStamp): EditWrites {
  const task = requireTask(contents, taskId);
  const inSection = liveTasks(contents).filter((t) => t.sectionId === task.sectionId);
  const at = inSection.findIndex((t) => t.id === task.id);
  const other = inSection[direction === 'up' ? at - 1 : at + 1];
  if (!other) throw new PlanEditRefused(direction === 'up' ? '已是本部分的第一项' : '已是本部分的最后一项');
  return write({
    tasks: [
      { ...task, order: other.order, stamp: ctx.stamp, by: ctx.by },
      { ...other, order: task.order, stamp: ctx.stamp, by: ctx.by },
    ],
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The plan itself

export function renamePlan(plan: Plan, title: string, ctx: EditStamp): Plan {
  const t = title.trim().replace(/\s+/g, ' ');
  if (!t) throw new PlanEditRefused('请填写计划名称');
  if (t.length > 200) throw new PlanEditRefused('计划名称不能超过200字');
  if (t === plan.title) throw new PlanEditRefused('新名称与原名称相同');
  return { ...plan, title: t, stamp: ctx.stamp, by: ctx.by };
}

/** Archive (read-only, still exportable) or bring back into use. */
export function setArchived(plan: Plan, archived: boolean, ctx: EditStamp): Plan {
  if (!!plan.archived === archived) throw new PlanEditRefused(archived ? '计划已经归档' : '计划没有归档');
  const next: Plan = { ...plan, stamp: ctx.stamp, by: ctx.by };
  if (archived) next.archived = true;
  else delete next.archived;
  return next;
}

/** Delete a plan: a tombstone, so the deletion syncs; its tasks and reports are kept in the database. */
export function deletePlan(plan: Plan, ctx: EditStamp): Plan {
  return { ...plan, deleted: true, stamp: ctx.stamp, by: ctx.by };
}
