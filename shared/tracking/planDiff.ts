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
}

export interface DeadlineChange {
  number: string;
  taskId: string;
  before: string | null;
  after: string | null;
}

export interface MovedTask {
  number: string;
  taskId: string;
  before: string | null;
  after: string | null;
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

/**
 * Compare the stored version of a plan with a revised import. Tasks are matched by their printed number
 * (normalized), so a reworded task keeps its id and its progress; the supervisor decides what to apply.
 */
export function diffPlan(old: { tasks: Task[]; units: Unit[]; sections: Section[] }, next: PlanRecords): PlanDiff {
  const oldSection = sectionTitle(old.sections);
  const nextSection = sectionTitle(next.sections);
  const oldNames = namesOf(old.units);
  const nextNames = namesOf(next.units);
  const oldByNumber = new Map<string, Task>();
  for (const t of old.tasks) if (!t.deleted) oldByNumber.set(normalizeKey(t.number), t);
  const seen = new Set<string>();

  const diff: PlanDiff = { added: [], removed: [], reworded: [], reassigned: [], deadlineChanged: [], moved: [], unchanged: 0, identical: true };
  for (const t of next.tasks) {
    if (t.deleted) continue;
    const key = normalizeKey(t.number);
    seen.add(key);
    const before = oldByNumber.get(key);
    if (!before) {
      diff.added.push({ number: t.number, taskId: t.id, content: t.content, section: nextSection(t.sectionId) });
      continue;
    }
    let changed = false;
    if (!sameText(before.content, t.content)) {
      diff.reworded.push({ number: t.number, taskId: before.id, oldContent: before.content, newContent: t.content });
      changed = true;
    }
    const changes: RoleChange[] = [];
    for (const role of ROLES) {
      const a = oldNames(before[role]);
      const b = nextNames(t[role]);
      const aKeys = new Set(a.map(normalizeKey));
      const bKeys = new Set(b.map(normalizeKey));
      const added = b.filter((n) => !aKeys.has(normalizeKey(n)));
      const removed = a.filter((n) => !bKeys.has(normalizeKey(n)));
      if (added.length || removed.length) changes.push({ role, roleLabel: ROLE_LABELS[role], before: a, after: b, added, removed });
    }
    if (changes.length) {
      diff.reassigned.push({ number: t.number, taskId: before.id, content: t.content, changes });
      changed = true;
    }
    const dlBefore = before.deadline?.text ?? null;
    const dlAfter = t.deadline?.text ?? null;
    if (!sameText(dlBefore ?? '', dlAfter ?? '')) {
      diff.deadlineChanged.push({ number: t.number, taskId: before.id, before: dlBefore, after: dlAfter });
      changed = true;
    }
    const secBefore = oldSection(before.sectionId);
    const secAfter = nextSection(t.sectionId);
    if (!sameText(secBefore ?? '', secAfter ?? '')) {
      diff.moved.push({ number: t.number, taskId: before.id, before: secBefore, after: secAfter });
      changed = true;
    }
    if (!changed) diff.unchanged++;
  }
  for (const [key, t] of oldByNumber) {
    if (!seen.has(key)) diff.removed.push({ number: t.number, taskId: t.id, content: t.content, section: oldSection(t.sectionId) });
  }
  diff.identical =
    !diff.added.length && !diff.removed.length && !diff.reworded.length && !diff.reassigned.length && !diff.deadlineChanged.length && !diff.moved.length;
  return diff;
}

/** One line per kind of change, in Chinese, for the wizard's summary. */
export function describePlanDiff(diff: PlanDiff): string {
  if (diff.identical) return `与已导入版本相同（${diff.unchanged} 项任务无变化）`;
  const parts: string[] = [];
  if (diff.added.length) parts.push(`新增 ${diff.added.length} 项`);
  if (diff.removed.length) parts.push(`删除 ${diff.removed.length} 项`);
  if (diff.reworded.length) parts.push(`内容修改 ${diff.reworded.length} 项`);
  if (diff.reassigned.length) parts.push(`责任单位调整 ${diff.reassigned.length} 项`);
  if (diff.deadlineChanged.length) parts.push(`完成时限调整 ${diff.deadlineChanged.length} 项`);
  if (diff.moved.length) parts.push(`所属部分调整 ${diff.moved.length} 项`);
  parts.push(`无变化 ${diff.unchanged} 项`);
  return parts.join('，');
}
