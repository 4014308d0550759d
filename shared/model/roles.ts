import type { LeadRule } from './schemas';

/**
 * The lead rule, in one place. A document names a task's units in one of two ways:
 * - with their roles: a 牵头单位 column or label, "A牵头，B配合", "C具体落实" (`lead`, `support`, `implement`);
 * - as one list whose roles the document's rule decides: a single 责任单位 column, "（A、B、C负责）" (`listed`).
 * The parser keeps both as printed; every screen, export and the plan itself derives the roles with
 * `deriveRoles`, so switching the rule (on import review or in 设置) re-derives every task the same way.
 */
export interface StatedUnits {
  lead: string[];
  support: string[];
  implement: string[];
  /** Units of a single list whose roles the lead rule decides, in the order printed. */
  listed: string[];
}

export interface Roles {
  lead: string[];
  support: string[];
  implement: string[];
}

const unique = (names: readonly string[]): string[] => [...new Set(names)];

/**
 * Roles of a task's units under a lead rule:
 * - 'all-listed-are-leads' ("排名不分先后", "均为牵头单位"): every listed unit leads;
 * - 'first-listed-is-lead' ("列第一位者为牵头单位", and the convention when a document states no rule), and
 *   'columns' (the document's own columns and role words decide; a single list follows the convention):
 *   the first listed unit leads unless the task names a lead of its own, and the others support.
 * A unit that leads never also supports or implements.
 */
export function deriveRoles(units: StatedUnits, rule: LeadRule): Roles {
  const lead = [...units.lead];
  const support: string[] = [];
  if (units.listed.length) {
    if (rule === 'all-listed-are-leads') lead.push(...units.listed);
    else if (lead.length) support.push(...units.listed);
    else {
      lead.push(units.listed[0]!);
      support.push(...units.listed.slice(1));
    }
  }
  support.push(...units.support);
  const l = unique(lead);
  const s = unique(support).filter((u) => !l.includes(u));
  const i = unique(units.implement).filter((u) => !l.includes(u) && !s.includes(u));
  return { lead: l, support: s, implement: i };
}

/** The units of a task as one list whose roles a rule decides: what a task edited by hand becomes. */
export function statedAsListed(roles: Roles): StatedUnits {
  return { lead: [], support: [], implement: [...roles.implement], listed: unique([...roles.lead, ...roles.support]) };
}
