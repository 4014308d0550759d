import type { Task, Unit } from '../model/schemas';
import { normalizeKey, unitId } from '../model';

/** How a unit is involved in a task: 牵头 (answers for it), 配合 (supports), 具体落实 (implements). */
export type Role = 'lead' | 'support' | 'implement';
export const ROLES: readonly Role[] = ['lead', 'support', 'implement'];
export const ROLE_LABELS: Record<Role, string> = { lead: '牵头', support: '配合', implement: '具体落实' };

/** The roles a unit has in a task, in the order lead, support, implement (empty when it is not involved). */
export function rolesOf(task: Task, unitId: string): Role[] {
  const roles: Role[] = [];
  if (task.lead.includes(unitId)) roles.push('lead');
  if (task.support.includes(unitId)) roles.push('support');
  if (task.implement.includes(unitId)) roles.push('implement');
  return roles;
}

/** '我的任务': the tasks a unit leads, supports or implements, with its roles, in the tasks' order. */
export function tasksOfUnit(tasks: readonly Task[], unitId: string): { task: Task; roles: Role[] }[] {
  const out: { task: Task; roles: Role[] }[] = [];
  for (const task of tasks) {
    if (task.deleted) continue;
    const roles = rolesOf(task, unitId);
    if (roles.length) out.push({ task, roles });
  }
  return out;
}

/** Count of a unit's tasks by role (a task where it both leads and implements counts under both). */
export function countByRole(tasks: readonly Task[], unitId: string): Record<Role, number> {
  const counts: Record<Role, number> = { lead: 0, support: 0, implement: 0 };
  for (const { roles } of tasksOfUnit(tasks, unitId)) for (const r of roles) counts[r]++;
  return counts;
}

/** This PC's office as one of the plan's units (by id, name or alias), or null when the plan does not name it. */
export function ownUnitOf(units: readonly Unit[], office: string): Unit | null {
  const id = unitId(office);
  const key = normalizeKey(office);
  return units.find((u) => u.id === id || normalizeKey(u.name) === key || u.aliases.some((a) => normalizeKey(a) === key)) ?? null;
}
