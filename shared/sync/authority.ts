import { normalizeKey, unitId } from '../model/ids';
import type { Plan, SyncedTable, Unit } from '../model/schemas';
import { stampDevice } from './canonical';
import type { TableRecords } from './state';

/** Who may change what. Without signatures these are claims in the records; signatures will back them later. */
export interface AuthorityContext {
  /** The plan as this PC knows it (local first, else the version arriving in the same file). */
  planOf(planId: string): Plan | undefined;
  /** Devices that own at least one known plan: the only ones that may edit shared unit records. */
  ownerDevices: ReadonlySet<string>;
  /**
   * The names a unit goes by (its name and aliases, normalized), when known: after a rename or a merge an office
   * still signs its reports with its own name, which is then one of the unit's aliases.
   */
  unitNames?(unitId: string): ReadonlySet<string> | undefined;
}

const unitIds = new Map<string, string>();
/** unitId() hashes; offices repeat on every record, so remember them. */
function unitIdOf(name: string): string {
  let id = unitIds.get(name);
  if (id === undefined) {
    id = unitId(name);
    if (unitIds.size > 10_000) unitIds.clear();
    unitIds.set(name, id);
  }
  return id;
}

export function authorityContext(local: Iterable<Plan>, incoming: Iterable<Plan>, units: Iterable<Unit> = []): AuthorityContext {
  const plans = new Map<string, Plan>();
  for (const p of incoming) plans.set(p.id, p);
  for (const p of local) plans.set(p.id, p); // the local version decides who the owner is
  const ownerDevices = new Set<string>();
  for (const p of plans.values()) ownerDevices.add(p.owner.device);
  // Names of every known version of each unit (local and incoming): a name added by a merge in the same file counts.
  const names = new Map<string, Set<string>>();
  for (const u of units) {
    const set = names.get(u.id) ?? new Set<string>();
    for (const n of [u.name, ...u.aliases]) set.add(normalizeKey(n));
    names.set(u.id, set);
  }
  return { planOf: (id) => plans.get(id), ownerDevices, unitNames: (id) => names.get(id) };
}

/**
 * Why a change may not be applied, or null when it may. Rules: a unit's progress reports come only from that
 * unit's installations (the record's office is the unit, by its name or one of its aliases), or from the plan
 * owner's device when entered from the unit's 填报表; plan structure (plan, sections, tasks, supervisor
 * actions) only from the device that owns the plan; shared unit records only from a plan-owning device;
 * extension requests only from the unit that files them.
 */
export function authorityProblem<T extends SyncedTable>(table: T, record: TableRecords[T], ctx: AuthorityContext): string | null {
  const device = stampDevice(record.stamp);
  const fromOwner = (planId: string): string | null => {
    const plan = ctx.planOf(planId);
    if (!plan) return '所属计划在本机和文件中都不存在';
    return plan.owner.device === device ? null : `计划结构只能由发布计划的督办单位（${plan.owner.office}）修改`;
  };
  const fromUnit = (unit: string | null, by: string): string | null =>
    unit !== null && (unitIdOf(by) === unit || !!ctx.unitNames?.(unit)?.has(normalizeKey(by)))
      ? null
      : `进展只能由责任单位本单位填报（该记录由「${by || '未知单位'}」修改）`;
  switch (table) {
    case 'plans': {
      const plan = record as Plan;
      const known = ctx.planOf(plan.id);
      const owner = known ?? plan;
      return owner.owner.device === device ? null : `计划只能由发布计划的督办单位（${owner.owner.office}）修改`;
    }
    case 'sections':
    case 'tasks':
      return fromOwner((record as TableRecords['tasks']).planId);
    case 'units':
      return ctx.ownerDevices.has(device) ? null : '单位名录只能由发布计划的督办单位修改';
    case 'reports': {
      const r = record as TableRecords['reports'];
      // A report entered from the unit's filled 填报表 is the plan owner's entry on the unit's behalf.
      if (r.entry === 'form') return fromOwner(r.planId);
      return fromUnit(r.unitId, r.by);
    }
    case 'actions': {
      const a = record as TableRecords['actions'];
      if (a.kind === 'extension-request') return fromUnit(a.unitId, a.by);
      return fromOwner(a.planId);
    }
    default:
      return '未知的记录类型';
  }
}
