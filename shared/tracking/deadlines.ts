import type { Action, Task } from '../model/schemas';
import { mayRequestExtension, newestAction } from './reporting';

/**
 * A task's deadline in force: the document's date, or the newest approved 延期's. Kept apart from standing.ts (and its
 * imports) because the plan list, on the first screen, shows each plan's period with the 延期 approved.
 */

/** The deadline after the newest approved extension (of a request a responsible unit could make: see mayRequestExtension). */
export function effectiveDeadlineOf(task: Pick<Task, 'id' | 'deadline' | 'lead' | 'support' | 'implement'>, actions: readonly Action[]): string | null {
  const approved = newestAction(
    actions.filter((a) => a.newDeadline && (a.unitId === null || mayRequestExtension(task, a.unitId))),
    'extension-approve',
    task.id,
  );
  if (approved?.newDeadline) return approved.newDeadline;
  return task.deadline?.date ?? null;
}

/** A deadline moved by an approved 延期: the document's date (null: it gave none) and the date in force. */
export interface DeadlineExtension {
  from: string | null;
  to: string;
}

/**
 * Has an approved 延期 moved the task's deadline? Compares the deadline in force (`effectiveDeadlineOf`) with the
 * document's own date: null when they are the same day (no approval, or none that moved it).
 */
export function deadlineExtension(task: Pick<Task, 'deadline'>, effectiveDeadline: string | null): DeadlineExtension | null {
  const from = task.deadline?.date ?? null;
  if (!effectiveDeadline || effectiveDeadline === from) return null;
  return { from, to: effectiveDeadline };
}

/** May a 延期 move the deadline in force (`current`, null: none) to `requested`? Only to a later day. */
export function extendsDeadline(current: string | null, requested: string): boolean {
  return !current || requested > current;
}
