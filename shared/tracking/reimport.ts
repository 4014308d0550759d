import { normalizeKey } from '../model/ids';
import type { Plan, PlanRecords, Section, Task, TaskHandEdits } from '../model';
import type { PlanDiff } from './planDiff';

/** The kinds of change a supervisor accepts or refuses one by one when re-importing a revised document. */
export type ChangeKind = 'added' | 'removed' | 'reworded' | 'reassigned' | 'deadlineChanged' | 'moved';
/** Decision key: kind + task number. */
export const decisionKey = (kind: ChangeKind, number: string) => `${kind}:${number}`;

/**
 * By default every change is taken except removals, which would hide a task and its progress, and changes to a
 * field the supervisor edited by hand (`hand`), which would undo the supervisor's own change.
 */
export function defaultDecisions(diff: PlanDiff): Set<string> {
  const accepted = new Set<string>();
  for (const t of diff.added) accepted.add(decisionKey('added', t.number));
  for (const t of diff.reworded) if (!t.hand) accepted.add(decisionKey('reworded', t.number));
  for (const t of diff.reassigned) if (!t.hand) accepted.add(decisionKey('reassigned', t.number));
  for (const t of diff.deadlineChanged) if (!t.hand) accepted.add(decisionKey('deadlineChanged', t.number));
  for (const t of diff.moved) if (!t.hand) accepted.add(decisionKey('moved', t.number));
  return accepted;
}

/** The task without the hand-edit marks of fields now taken from the document. */
function followDocument(task: Task, fields: readonly string[]): Task {
  const doc = task.hand?.document;
  if (!doc || !fields.some((f) => f in doc)) return task;
  const rest = Object.fromEntries(Object.entries(doc).filter(([k]) => !fields.includes(k))) as TaskHandEdits['document'];
  const hand: TaskHandEdits = { ...task.hand, document: rest };
  if (!Object.keys(rest!).length) delete hand.document;
  const next: Task = { ...task, hand };
  if (!Object.keys(hand).length) delete next.hand;
  return next;
}

/**
 * The records to write for the accepted changes only: changed tasks take the accepted fields of the new version
 * and keep the rest; removed tasks become tombstones; untouched tasks are not rewritten. The existing plan record
 * (with its settings) is kept.
 */
export function reimportRecords(
  existing: { plan: Plan; tasks: readonly Task[]; sections?: readonly Section[] },
  next: PlanRecords,
  diff: PlanDiff,
  accepted: ReadonlySet<string>,
): PlanRecords {
  const oldById = new Map(existing.tasks.map((t) => [t.id, t]));
  const nextById = new Map(next.tasks.map((t) => [t.id, t]));
  const changed = new Map<string, Task>();
  const stampOf = next.plan.stamp;
  const by = next.plan.by;
  // The new version of a stored task: by id, or (a task added by hand, then written into the document) by number.
  const nextByNumber = new Map(next.tasks.map((t) => [normalizeKey(t.number), t]));
  const edit = (taskId: string, number: string, patch: (t: Task, n: Task) => Partial<Task>) => {
    const base = changed.get(taskId) ?? oldById.get(taskId);
    const n = nextById.get(taskId) ?? nextByNumber.get(normalizeKey(number));
    if (!base || !n) return;
    const patched = patch(base, n);
    changed.set(taskId, followDocument({ ...base, ...patched, stamp: stampOf, by }, Object.keys(patched)));
  };
  const ok = (kind: ChangeKind, number: string) => accepted.has(decisionKey(kind, number));

  for (const t of diff.reworded) if (ok('reworded', t.number)) edit(t.taskId, t.number, (_b, n) => ({ content: n.content }));
  for (const t of diff.reassigned) if (ok('reassigned', t.number)) edit(t.taskId, t.number, (_b, n) => ({ lead: n.lead, support: n.support, implement: n.implement }));
  for (const t of diff.deadlineChanged) if (ok('deadlineChanged', t.number)) edit(t.taskId, t.number, (_b, n) => ({ deadline: n.deadline }));
  for (const t of diff.moved) if (ok('moved', t.number)) edit(t.taskId, t.number, (_b, n) => ({ sectionId: n.sectionId }));
  const maxOrder = Math.max(-1, ...existing.tasks.map((t) => t.order));
  let order = maxOrder;
  for (const t of diff.added) {
    const n = nextById.get(t.taskId);
    if (n && ok('added', t.number)) {
      // A task deleted earlier and added back revives under the same id.
      changed.set(n.id, { ...n, order: oldById.get(n.id)?.order ?? ++order, deleted: false });
    }
  }
  for (const t of diff.removed) {
    const old = oldById.get(t.taskId);
    if (old && ok('removed', t.number)) changed.set(old.id, { ...old, deleted: true, stamp: stampOf, by });
  }
  const tasks = [...changed.values()];
  const usedUnits = new Set(tasks.flatMap((t) => [...t.lead, ...t.support, ...t.implement]));
  const usedSections = new Set(tasks.map((t) => t.sectionId));
  // A used section needs its ancestors too.
  const sectionById = new Map(next.sections.map((s) => [s.id, s]));
  for (const id of [...usedSections]) {
    let s = id ? sectionById.get(id) : undefined;
    while (s?.parentId) {
      usedSections.add(s.parentId);
      s = sectionById.get(s.parentId);
    }
  }
  // A section already stored keeps its title and place (the supervisor may have renamed or moved it by hand).
  const storedSections = new Map((existing.sections ?? []).map((s) => [s.id, s]));
  return {
    plan: existing.plan,
    sections: next.sections.filter((s) => usedSections.has(s.id) && (!storedSections.has(s.id) || storedSections.get(s.id)!.deleted)),
    tasks,
    units: next.units.filter((u) => usedUnits.has(u.id)),
  };
}
