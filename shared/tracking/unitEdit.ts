import { normalizeKey, unitId } from '../model/ids';
import type { Task, Unit } from '../model/schemas';
import { PlanEditRefused, type EditStamp } from './editRefused';

/**
 * Units after saving: names typed by hand, renames (机构改革) and merges of near-duplicates. A unit's old names
 * stay on it as aliases, so a later import that still writes the old name lands on the same unit, and a report
 * filed under a merged-away unit is shown as the surviving unit's.
 */

export const MAX_ALIASES = 50;
const UNIT_ID = /^unit_[0-9a-f]{16,64}$/;

/** Why a typed unit name cannot be used, or null. */
export function unitNameProblem(name: string): string | null {
  const text = name.trim();
  if (!text) return '单位名称不能为空';
  if (text.length > 200) return '单位名称不能超过200字';
  if (!/[\p{L}\p{N}]/u.test(text)) return `「${text}」不是单位名称（只有标点符号）`;
  return null;
}

/** A unit name as it will be stored: trimmed, inner runs of spaces collapsed. */
export const cleanUnitName = (name: string): string => name.trim().replace(/\s+/g, ' ');

export interface UnitDirectory {
  /** The live unit a name (or one of its aliases) stands for. */
  find(name: string): Unit | undefined;
  get(id: string): Unit | undefined;
  /** The unit an id stands for now: a merged-away unit resolves to the unit it was merged into. */
  canonical(id: string): string;
}

/** Look units up by name or alias (whitespace and full/half-width differences ignored); a unit's own name wins. */
export function unitDirectory(units: Iterable<Unit>): UnitDirectory {
  const byId = new Map<string, Unit>();
  const byName = new Map<string, Unit>();
  const byAlias = new Map<string, Unit>();
  for (const u of units) {
    byId.set(u.id, u);
    if (u.deleted) continue;
    byName.set(normalizeKey(u.name), u);
    for (const a of u.aliases) if (!byAlias.has(normalizeKey(a))) byAlias.set(normalizeKey(a), u);
  }
  const canonical = (id: string): string => {
    let cur = id;
    for (let guard = 0; guard < 20; guard++) {
      const next = byId.get(cur)?.mergedInto;
      if (!next || next === cur) break;
      cur = next;
    }
    return cur;
  };
  return {
    find: (name) => {
      const key = normalizeKey(name);
      return byName.get(key) ?? byAlias.get(key);
    },
    get: (id) => byId.get(id),
    canonical,
  };
}

/**
 * Unit entries typed in a form (unit ids, or names: known names and aliases map to their unit, a new name
 * creates a unit) as unit ids, in order, without repeats. Throws PlanEditRefused for a name that is not one.
 */
export function resolveUnitEntries(entries: readonly string[], dir: UnitDirectory, label: string, ctx: EditStamp, created: Unit[]): string[] {
  const ids: string[] = [];
  for (const raw of entries) {
    const entry = cleanUnitName(raw);
    if (!entry) continue; // an empty slot in a list is not a name
    let id: string;
    if (UNIT_ID.test(entry) && dir.get(entry)) {
      id = dir.canonical(entry);
    } else {
      const problem = unitNameProblem(entry);
      if (problem) throw new PlanEditRefused(`${label}：${problem}`);
      const known = dir.find(entry) ?? created.find((u) => normalizeKey(u.name) === normalizeKey(entry));
      if (known) id = known.id;
      else {
        id = unitId(entry);
        const old = dir.get(id);
        if (old?.mergedInto) id = dir.canonical(id);
        else if (!created.some((u) => u.id === id)) created.push({ id, stamp: ctx.stamp, by: ctx.by, name: entry, aliases: old ? [...old.aliases] : [] });
      }
    }
    if (!ids.includes(id)) ids.push(id);
  }
  return ids;
}

/** A unit is one role per task: a lead listed again as supporting stays lead. */
export function normaliseRoles(roles: { lead: string[]; support: string[]; implement: string[] }) {
  const lead = [...new Set(roles.lead)];
  return { lead, support: [...new Set(roles.support)].filter((id) => !lead.includes(id)), implement: [...new Set(roles.implement)] };
}

function withAliases(unit: Unit, extra: readonly string[]): string[] {
  const own = normalizeKey(unit.name);
  const seen = new Set<string>([own]);
  const out: string[] = [];
  for (const a of [...unit.aliases, ...extra]) {
    const key = normalizeKey(a);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(a);
  }
  // Keep the newest names when there are too many.
  return out.slice(-MAX_ALIASES);
}

/** Rename a unit everywhere (its id, tasks and reports stay); the old name becomes an alias. */
export function renameUnit(dir: UnitDirectory, id: string, newName: string, ctx: EditStamp): Unit {
  const unit = dir.get(id);
  if (!unit || unit.deleted) throw new PlanEditRefused('单位不存在或已合并到其他单位');
  const name = cleanUnitName(newName);
  const problem = unitNameProblem(name);
  if (problem) throw new PlanEditRefused(problem);
  if (name === unit.name) throw new PlanEditRefused('新名称与原名称相同');
  const clash = dir.find(name);
  if (clash && clash.id !== unit.id) throw new PlanEditRefused(`已有单位「${clash.name}」。如果两者是同一单位，请使用“合并”`);
  const renamed: Unit = { ...unit, name, aliases: [], stamp: ctx.stamp, by: ctx.by };
  renamed.aliases = withAliases(renamed, [...unit.aliases, unit.name]);
  return renamed;
}

/**
 * Merge unit `fromId` into `intoId`: every given task that names `from` names `into` instead (a lead stays lead),
 * `into` takes `from`'s names as aliases, and `from` becomes a tombstone pointing at `into`. Its reports are kept
 * under their own records and shown as `into`'s. Returns the records to write.
 */
export function mergeUnits(dir: UnitDirectory, tasks: readonly Task[], fromId: string, intoId: string, ctx: EditStamp): { units: Unit[]; tasks: Task[] } {
  const from = dir.get(fromId);
  const into = dir.get(intoId);
  if (!from || from.deleted || !into || into.deleted) throw new PlanEditRefused('单位不存在或已合并到其他单位');
  if (from.id === into.id) throw new PlanEditRefused('请选择另一个单位');
  const swap = (ids: readonly string[]) => ids.map((id) => (id === from.id ? into.id : id));
  const changed: Task[] = [];
  for (const t of tasks) {
    const uses = (ids: readonly string[] | undefined) => !!ids?.includes(from.id);
    const doc = t.hand?.document;
    if (!uses(t.lead) && !uses(t.support) && !uses(t.implement) && !uses(doc?.lead) && !uses(doc?.support) && !uses(doc?.implement)) continue;
    const next: Task = { ...t, ...normaliseRoles({ lead: swap(t.lead), support: swap(t.support), implement: swap(t.implement) }), stamp: ctx.stamp, by: ctx.by };
    if (doc && t.hand) {
      // What the document said, in today's units: a re-import reads the old name as the merged unit too.
      const d = { ...doc };
      if (d.lead) d.lead = [...new Set(swap(d.lead))];
      if (d.support) d.support = [...new Set(swap(d.support))];
      if (d.implement) d.implement = [...new Set(swap(d.implement))];
      next.hand = { ...t.hand, document: d };
    }
    changed.push(next);
  }
  const merged: Unit = { ...into, aliases: withAliases(into, [from.name, ...from.aliases]), stamp: ctx.stamp, by: ctx.by };
  const tombstone: Unit = { ...from, deleted: true, mergedInto: into.id, stamp: ctx.stamp, by: ctx.by };
  return { units: [merged, tombstone], tasks: changed };
}
