import type { ParsedTask } from '../parser/types';
import { deriveRoles } from './roles';
import { planId, sectionId, taskId, unitId, normalizeKey } from './ids';
import { safeName } from '../text/safeName';
import type { Cadence, LeadRule, Plan, Section, Task, Unit } from './schemas';

export interface PlanDraft {
  title: string;
  docNumber: string | null;
  issuer: string | null;
  date: string | null;
  source: Plan['source'];
  leadRule: LeadRule;
  cadence: Cadence;
  tasks: readonly ParsedTask[];
}

export interface ChangeContext {
  stamp: string;
  office: string;
  device: string;
  now: Date;
  /**
   * A unit this PC already knows under the name (as its name or one of its aliases: an old name after a rename,
   * a name merged into it). The task then points at that unit instead of a new one named as written.
   */
  knownUnit?: (name: string) => Unit | undefined;
}

export interface PlanRecords {
  plan: Plan;
  sections: Section[];
  tasks: Task[];
  units: Unit[];
}

export const DEFAULT_CADENCE: Cadence = { every: 'quarter', day: 20 };
export const DEFAULT_YELLOW_DAYS = 15;

/**
 * Turn a reviewed draft (from the parser or the "新建计划" form) into plan records with deterministic ids,
 * so two PCs that import the same document get the same ids.
 */
export function buildPlanRecords(draft: PlanDraft, ctx: ChangeContext): PlanRecords {
  const meta = { stamp: ctx.stamp, by: ctx.office };
  const pid = planId(draft.title, draft.docNumber);
  const plan: Plan = {
    id: pid,
    ...meta,
    title: draft.title.trim(),
    docNumber: draft.docNumber,
    issuer: draft.issuer,
    date: draft.date,
    source: draft.source,
    leadRule: draft.leadRule,
    cadence: draft.cadence,
    yellowDays: DEFAULT_YELLOW_DAYS,
    owner: { office: ctx.office, device: ctx.device },
    createdAt: ctx.now.toISOString(),
  };

  const sections = new Map<string, Section>();
  const sectionFor = (path: readonly string[]): string | null => {
    let parent: string | null = null;
    for (let depth = 1; depth <= path.length; depth++) {
      const prefix = path.slice(0, depth);
      const id = sectionId(pid, prefix);
      if (!sections.has(id)) {
        sections.set(id, { id, ...meta, planId: pid, title: prefix[depth - 1]!, parentId: parent, order: sections.size });
      }
      parent = id;
    }
    return parent;
  };

  const units = new Map<string, Unit>();
  // A unit name arrives from a parsed document or a review edit: invisible direction and zero-width characters
  // would make one unit two (safeName).
  const unitIds = (names: readonly string[]): string[] =>
    names.map((raw) => {
      const name = safeName(raw);
      const known = ctx.knownUnit?.(name);
      if (known) {
        if (!units.has(known.id)) units.set(known.id, known);
        return known.id;
      }
      const id = unitId(name);
      if (!units.has(id)) units.set(id, { id, ...meta, name: normalizeKey(name) === name ? name : name.trim(), aliases: [] });
      return id;
    });

  const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
  const tasks = draft.tasks.map((t, order): Task => {
    const task: Task = {
      id: taskId(pid, t.number),
      ...meta,
      planId: pid,
      sectionId: sectionFor(t.section),
      number: t.number,
      order,
      content: t.content,
      lead: unitIds(t.lead),
      support: unitIds(t.support),
      implement: unitIds(t.implement),
      deadline: t.deadline,
      ...(t.targets?.length ? { targets: t.targets } : {}),
    };
    // Units as the document stated them, kept when the roles are still the ones the plan's rule derives.
    const d = t.units ? deriveRoles(t.units, draft.leadRule) : null;
    if (t.units && d && same(d.lead, t.lead) && same(d.support, t.support) && same(d.implement, t.implement)) {
      task.stated = { lead: unitIds(t.units.lead), support: unitIds(t.units.support), implement: unitIds(t.units.implement), listed: unitIds(t.units.listed) };
    }
    return task;
  });

  return { plan, sections: [...sections.values()], tasks, units: [...units.values()] };
}
