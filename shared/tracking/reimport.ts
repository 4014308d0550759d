import type { Plan, PlanRecords, Task } from '../model';
import type { PlanDiff } from './planDiff';

/** The kinds of change a supervisor accepts or refuses one by one when re-importing a revised document. */
export type ChangeKind = 'added' | 'removed' | 'reworded' | 'reassigned' | 'deadlineChanged' | 'moved';
/** Decision key: kind + task number. */
export const decisionKey = (kind: ChangeKind, number: string) => `${kind}:${number}`;

/** By default every change is taken except removals, which would hide a task and its progress. */
export function defaultDecisions(diff: PlanDiff): Set<string> {
  const accepted = new Set<string>();
  for (const t of diff.added) accepted.add(decisionKey('added', t.number));
  for (const t of diff.reworded) accepted.add(decisionKey('reworded', t.number));
  for (const t of diff.reassigned) accepted.add(decisionKey('reassigned', t.number));
  for (const t of diff.deadlineChanged) accepted.add(decisionKey('deadlineChanged', t.number));
  for (const t of diff.moved) accepted.add(decisionKey('moved', t.number));
  return accepted;
}

/**
 * The records to write for the accepted changes only: changed tasks take the accepted fields of the new version
 * and keep the rest; removed tasks become tombstones; untouched tasks are not rewritten. The existing plan record
 * (with its settings) is kept.
 */
export function reimportRecords(existing: { plan: Plan; tasks: readonly Task[] }, next: PlanRecords, diff: PlanDiff, accepted: ReadonlySet<string>): PlanRecords {
  const oldById = new Map(existing.tasks.map((t) => [t.id, t]));
  const nextById = new Map(next.tasks.map((t) => [t.id, t]));
  const changed = new Map<string, Task>();
  const stampOf = next.plan.stamp;
  const by = next.plan.by;
  const edit = (taskId: string, patch: (t: Task, n: Task) => Partial<Task>) => {
    const base = changed.get(taskId) ?? oldById.get(taskId);
    const n = nextById.get(taskId);
    if (!base || !n) return;
    changed.set(taskId, { ...base, ...patch(base, n), stamp: stampOf, by });
  };
  const ok = (kind: ChangeKind, number: string) => accepted.has(decisionKey(kind, number));

  for (const t of diff.reworded) if (ok('reworded', t.number)) edit(t.taskId, (_b, n) => ({ content: n.content }));
  for (const t of diff.reassigned) if (ok('reassigned', t.number)) edit(t.taskId, (_b, n) => ({ lead: n.lead, support: n.support, implement: n.implement }));
  for (const t of diff.deadlineChanged) if (ok('deadlineChanged', t.number)) edit(t.taskId, (_b, n) => ({ deadline: n.deadline }));
  for (const t of diff.moved) if (ok('moved', t.number)) edit(t.taskId, (_b, n) => ({ sectionId: n.sectionId }));
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
  return {
    plan: existing.plan,
    sections: next.sections.filter((s) => usedSections.has(s.id)),
    tasks,
    units: next.units.filter((u) => usedUnits.has(u.id)),
  };
}
