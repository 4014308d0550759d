import { normalizeKey, unitId } from '../model/ids';
import type { Plan, ServiceRequest, SyncedTable, Unit } from '../model/schemas';
import { stampDevice } from './canonical';
import type { TableRecords } from './state';

/** Who may change what. Without signatures these are claims in the records; signatures will back them later. */
export interface AuthorityContext {
  /** The plan as this PC knows it (local first, else the version arriving in the same file). */
  planOf(planId: string): Plan | undefined;
  /** Devices that own at least one known plan: the only ones that may edit shared unit records. */
  ownerDevices: ReadonlySet<string>;
  /** A request as this PC knows it (local first, else the version arriving): its registering office owns it. */
  requestOf?(requestId: string): ServiceRequest | undefined;
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

export function authorityContext(
  local: Iterable<Plan>,
  incoming: Iterable<Plan>,
  units: Iterable<Unit> = [],
  requestOf?: (requestId: string) => ServiceRequest | undefined,
): AuthorityContext {
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
  return { planOf: (id) => plans.get(id), ownerDevices, unitNames: (id) => names.get(id), requestOf };
}

/** Requests as the authority rule sees them: this PC's version first, else one arriving in the same file(s). */
export function requestLookup(
  local: (requestId: string) => ServiceRequest | undefined,
  incoming: readonly ServiceRequest[],
): (requestId: string) => ServiceRequest | undefined {
  let byId: Map<string, ServiceRequest> | null = null;
  return (id) => {
    const known = local(id);
    if (known) return known;
    byId ??= new Map(incoming.map((r) => [r.id, r]));
    return byId.get(id);
  };
}

/**
 * Why a change may not be applied, or null when it may. Rules: a unit's progress reports come only from that
 * unit's installations (the record's office is the unit, by its name or one of its aliases); plan structure (plan, sections, tasks, supervisor
 * actions) only from the device that owns the plan; shared unit records only from a plan-owning device;
 * extension requests only from the unit that files them; a 诉求事项 only from the office that registered it, each
 * handling step and quarterly 诉求台账 only from the office that takes it (its own unit); the 考核 scheme and
 * discretionary points only from the plan owner's device.
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
      return fromUnit(r.unitId, r.by);
    }
    case 'actions': {
      const a = record as TableRecords['actions'];
      if (a.kind === 'extension-request') return fromUnit(a.unitId, a.by);
      return fromOwner(a.planId);
    }
    case 'requests': {
      const r = record as ServiceRequest;
      const owner = ctx.requestOf?.(r.id)?.office ?? r.office;
      if (unitIdOf(owner) !== unitIdOf(r.office)) return `诉求事项由「${owner}」登记，不能改为其他单位登记`;
      return unitIdOf(r.by) === unitIdOf(owner) ? null : `诉求事项只能由登记单位（${owner}）修改（该记录由「${r.by || '未知单位'}」修改）`;
    }
    case 'requestEvents': {
      const e = record as TableRecords['requestEvents'];
      if (unitIdOf(e.actor) !== e.unitId) return '诉求办理记录的办理单位与其编号不符';
      return unitIdOf(e.by) === e.unitId ? null : `诉求办理记录只能由办理单位本单位填写（该记录由「${e.by || '未知单位'}」修改）`;
    }
    case 'requestLedgers': {
      const l = record as TableRecords['requestLedgers'];
      return unitIdOf(l.office) === l.unitId && unitIdOf(l.by) === l.unitId ? null : `诉求台账只能由报送单位本单位报送（该记录由「${l.by || '未知单位'}」修改）`;
    }
    case 'scoreSchemes':
    case 'scoreAdjustments':
      return fromOwner((record as TableRecords['scoreSchemes']).planId);
    default:
      return '未知的记录类型';
  }
}
