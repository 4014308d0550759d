import { normalizeKey } from '../model/ids';
import type { PlanRecords } from '../model/planBuilder';
import type { Section, Task, Unit } from '../model/schemas';
import { ROLES, ROLE_LABELS, type Role } from './roles';

export interface DiffTask {
  number: string;
  /** Id of the task in the version it comes from. */
  taskId: string;
  content: string;
  section: string | null;
}

export interface RewordedTask {
  number: string;
  taskId: string;
  oldContent: string;
  newContent: string;
  /** The current value was set by hand (and the document changed too): not taken unless the supervisor ticks it. */
  hand?: true;
}

export interface RoleChange {
  role: Role;
  roleLabel: string;
  before: string[];
  after: string[];
  added: string[];
  removed: string[];
}

export interface ReassignedTask {
  number: string;
  taskId: string;
  content: string;
  changes: RoleChange[];
  hand?: true;
}

export interface DeadlineChange {
  number: string;
  taskId: string;
  before: string | null;
  after: string | null;
  hand?: true;
}

export interface MovedTask {
  number: string;
  taskId: string;
  before: string | null;
  after: string | null;
  hand?: true;
}

/** A change the supervisor made by hand that the revised document leaves alone: kept, listed for information. */
export interface KeptHandEdit {
  number: string;
  taskId: string;
  /** What was changed by hand, in Chinese ("完成时限", "已手工删除"). */
  what: string;
}

/** What re-importing a revised document would change, task by task, matched by task number. */
export interface PlanDiff {
  added: DiffTask[];
  removed: DiffTask[];
  reworded: RewordedTask[];
  reassigned: ReassignedTask[];
  /** Extra: deadline text changed. */
  deadlineChanged: DeadlineChange[];
  /** Extra: moved to another section. */
  moved: MovedTask[];
  /** Hand edits the revised document does not touch: kept as they are. */
  kept: KeptHandEdit[];
  /** Tasks with no change at all. */
  unchanged: number;
  /** True when nothing at all changed. */
  identical: boolean;
}

/** Content compared without whitespace and full/half-width differences: a re-typed space is not a rewording. */
const sameText = (a: string, b: string) => normalizeKey(a) === normalizeKey(b);

function sectionTitle(sections: readonly Section[]): (id: string | null) => string | null {
  const byId = new Map(sections.map((s) => [s.id, s]));
  return (id) => {
    const path: string[] = [];
    let cur = id ? byId.get(id) : undefined;
    let guard = 0;
    while (cur && guard++ < 20) {
      path.unshift(cur.title);
      cur = cur.parentId ? byId.get(cur.parentId) : undefined;
    }
    return path.length ? path.join(' / ') : null;
  };
}

function namesOf(units: readonly Unit[]): (ids: readonly string[]) => string[] {
  const byId = new Map(units.map((u) => [u.id, u.name]));
  return (ids) => ids.map((id) => byId.get(id) ?? id);
}

const HAND_LABELS: Record<string, string> = {
  content: '具体内容',
  lead: '牵头单位',
  support: '配合单位',
  implement: '具体落实单位',
  deadline: '完成时限',
  sectionId: '所属部分',
  number: '序号',
};

/**
 * Compare the stored version of a plan with a revised import. A task is matched by its id (ids derive from the
 * document's numbering, so a task renumbered by hand still matches), then by its printed number (normalized); a
 * reworded task keeps its id and its progress; the supervisor decides what to apply.
 *
 * Hand edits are never proposed for undoing: a field the supervisor changed by hand is compared through the value
 * the document gave it (task.hand.document). If the revised document says the same, the hand edit is kept and
 * listed in `kept`; if the document changed the field too, the change is listed with `hand` set (not ticked by
 * default). Tasks deleted or merged by hand are not offered back, and tasks added by hand are not offered for removal.
 */
export function diffPlan(old: { tasks: Task[]; units: Unit[]; sections: Section[] }, next: PlanRecords): PlanDiff {
  const oldSection = sectionTitle(old.sections);
  const nextSection = sectionTitle(next.sections);
  const oldNames = namesOf([...next.units, ...old.units]);
  const nextNames = namesOf([...old.units, ...next.units]);
  const oldById = new Map(old.tasks.map((t) => [t.id, t]));
  const oldByNumber = new Map<string, Task>();
  for (const t of old.tasks) if (!t.deleted) oldByNumber.set(normalizeKey(t.number), t);
  const matched = new Set<string>();

  const diff: PlanDiff = { added: [], removed: [], reworded: [], reassigned: [], deadlineChanged: [], moved: [], kept: [], unchanged: 0, identical: true };
  const live = next.tasks.filter((t) => !t.deleted);
  // First by id, then by number among the rest.
  const pairs = new Map<Task, Task | undefined>();
  for (const t of live) {
    const byId = oldById.get(t.id);
    if (byId && (!byId.deleted || byId.hand?.deleted)) {
      pairs.set(t, byId);
      matched.add(byId.id);
    }
  }
  for (const t of live) {
    if (pairs.has(t)) continue;
    const byNumber = oldByNumber.get(normalizeKey(t.number));
    if (byNumber && !matched.has(byNumber.id)) {
      pairs.set(t, byNumber);
      matched.add(byNumber.id);
    } else pairs.set(t, undefined);
  }

  for (const t of live) {
    const before = pairs.get(t);
    if (!before) {
      diff.added.push({ number: t.number, taskId: t.id, content: t.content, section: nextSection(t.sectionId) });
      continue;
    }
    if (before.deleted) {
      diff.kept.push({ number: t.number, taskId: before.id, what: before.hand?.mergedInto ? '已手工合并到其他任务' : '已手工删除' });
      continue;
    }
    const doc = before.hand?.document ?? {};
    /** The stored value the document is compared with: the document's own when the field was edited by hand. */
    const base = <K extends keyof typeof doc>(field: K): NonNullable<typeof doc>[K] | Task[K & keyof Task] => (field in doc ? doc[field] : before[field as keyof Task]) as never;
    const isHand = (field: keyof typeof doc) => field in doc;
    const keep = (field: keyof typeof doc) => diff.kept.push({ number: t.number, taskId: before.id, what: HAND_LABELS[field] ?? field });
    let changed = false;

    if (!sameText(base('content') as string, t.content)) {
      diff.reworded.push({ number: t.number, taskId: before.id, oldContent: before.content, newContent: t.content, ...(isHand('content') ? { hand: true as const } : {}) });
      changed = true;
    } else if (isHand('content')) keep('content');

    const changes: RoleChange[] = [];
    let handRoles = false;
    for (const role of ROLES) {
      const a = oldNames(base(role) as string[]);
      const b = nextNames(t[role]);
      const aKeys = new Set(a.map(normalizeKey));
      const bKeys = new Set(b.map(normalizeKey));
      const added = b.filter((n) => !aKeys.has(normalizeKey(n)));
      const removed = a.filter((n) => !bKeys.has(normalizeKey(n)));
      if (added.length || removed.length) {
        changes.push({ role, roleLabel: ROLE_LABELS[role], before: oldNames(before[role]), after: b, added, removed });
        if (isHand(role)) handRoles = true;
      } else if (isHand(role)) keep(role);
    }
    if (changes.length) {
      diff.reassigned.push({ number: t.number, taskId: before.id, content: t.content, changes, ...(handRoles ? { hand: true as const } : {}) });
      changed = true;
    }

    const dlBase = (base('deadline') as Task['deadline'])?.text ?? null;
    const dlAfter = t.deadline?.text ?? null;
    if (!sameText(dlBase ?? '', dlAfter ?? '')) {
      diff.deadlineChanged.push({ number: t.number, taskId: before.id, before: before.deadline?.text ?? null, after: dlAfter, ...(isHand('deadline') ? { hand: true as const } : {}) });
      changed = true;
    } else if (isHand('deadline')) keep('deadline');

    const secBase = base('sectionId') as string | null;
    const secAfter = nextSection(t.sectionId);
    // Section ids derive from the document's headings: the same id is the same heading, even renamed by hand.
    if (secBase !== t.sectionId && !sameText(oldSection(secBase) ?? '', secAfter ?? '')) {
      diff.moved.push({ number: t.number, taskId: before.id, before: oldSection(before.sectionId), after: secAfter, ...(isHand('sectionId') ? { hand: true as const } : {}) });
      changed = true;
    } else if (isHand('sectionId')) keep('sectionId');
    if (isHand('number')) keep('number');

    if (!changed) diff.unchanged++;
  }
  for (const t of oldByNumber.values()) {
    if (matched.has(t.id)) continue;
    if (t.hand?.added) diff.kept.push({ number: t.number, taskId: t.id, what: '手工添加的任务' });
    else diff.removed.push({ number: t.number, taskId: t.id, content: t.content, section: oldSection(t.sectionId) });
  }
  diff.identical =
    !diff.added.length && !diff.removed.length && !diff.reworded.length && !diff.reassigned.length && !diff.deadlineChanged.length && !diff.moved.length;
  return diff;
}

/** One line per kind of change, in Chinese, for the wizard's summary. */
export function describePlanDiff(diff: PlanDiff): string {
  const kept = diff.kept.length ? `，保留手工修改 ${diff.kept.length} 处` : '';
  if (diff.identical) return `与已导入版本相同（${diff.unchanged} 项任务无变化${kept}）`;
  const parts: string[] = [];
  if (diff.added.length) parts.push(`新增 ${diff.added.length} 项`);
  if (diff.removed.length) parts.push(`删除 ${diff.removed.length} 项`);
  if (diff.reworded.length) parts.push(`内容修改 ${diff.reworded.length} 项`);
  if (diff.reassigned.length) parts.push(`责任单位调整 ${diff.reassigned.length} 项`);
  if (diff.deadlineChanged.length) parts.push(`完成时限调整 ${diff.deadlineChanged.length} 项`);
  if (diff.moved.length) parts.push(`所属部分调整 ${diff.moved.length} 项`);
  parts.push(`无变化 ${diff.unchanged} 项`);
  return parts.join('，') + kept;
}
