import { normalizeKey, unitId } from '../model/ids';
import type { Action, Identity, Plan, ServiceRequest, SyncedTable, Unit } from '../model/schemas';
import { stampDevice, stampWall } from './canonical';
import { Trust, type EnrolledKey } from './roster';
import type { Signer, SignerLookup } from './signing';
import type { TableRecords } from './state';

/**
 * THE authority policy: who may create or change each kind of record. One function, `writeProblem`, decides for
 * every local write (renderer/db commands), for every incoming record in the sync preview and merge, and for
 * the UI's gates (which buttons show). The writer is a key: this installation's own key for a local write, the
 * key that signed the record version for an incoming one; what a key may do comes from the roster of the plan's
 * owner office (see roster.ts), never from names written in the record.
 *
 * - plan, section, task, and the supervisor actions (销号, 退回, 催办, 延期审核): a supervisor key enrolled for
 *   the plan's owner office (several supervisor PCs of that office cooperate); a plan's owner never changes.
 * - report and extension request: a key enrolled for that very unit (by name or alias); a report entered from the
 *   unit's filled 填报表 (entry 'form'): a supervisor key of the plan's owner office, like a supervisor action.
 * - unit (name and aliases, shared by all plans): a supervisor key of any trusted supervisor office.
 * - 诉求事项 (request): a key enrolled for the office that registered it (its `office`, which never changes once
 *   this PC knows the request); a handling step (签转, 办理, 办结…) and a quarterly 诉求台账: a key enrolled for the
 *   office that takes the step or sends the ledger (its unit); the 考核 scheme and discretionary points: a
 *   supervisor key of the plan's owner office. All are judged against the roster of the plan's owner office.
 * - a plan whose owner office is not a trusted supervisor office is a local draft: only PCs of that office may
 *   write it, locally; it is never exported (a department's own import of the measures document).
 * - any other kind of record: refused.
 * Revoked keys sign nothing from their revocation on; a key signs only its own device's versions.
 */
export type WriteMode = 'local' | 'remote';

/** The writer as this installation knows itself (local writes): its identity and own key id. */
export interface LocalWriter {
  identity: Identity;
  keyId: string;
}

export interface PolicyContext {
  trust: Trust;
  /** The plan as this PC decides ownership: an owner confirmed by the roster beats a local draft. */
  planOf(planId: string): Plan | undefined;
  unitOf?(unitId: string): Unit | undefined;
  /** A request as this PC knows it (local first, else the version arriving): its registering office owns it. */
  requestOf?(requestId: string): ServiceRequest | undefined;
}

/** Requests as the policy sees them: this PC's version first, else one arriving in the same file(s). */
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

const officeKeys = new Map<string, string>();
/** normalizeKey of an office name, remembered: the same few names are compared for every incoming record. */
function officeKey(name: string): string {
  let k = officeKeys.get(name);
  if (k === undefined) {
    k = normalizeKey(name);
    if (officeKeys.size > 10_000) officeKeys.clear();
    officeKeys.set(name, k);
  }
  return k;
}
const sameOffice = (a: string, b: string) => a === b || officeKey(a) === officeKey(b);

const SUPERVISOR_ACTIONS = new Set<Action['kind']>(['confirm', 'return', 'urge', 'extension-approve', 'extension-refuse']);

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

/** Is the unit this office (by name or alias)? */
export function unitIsOffice(unitIdValue: string, office: string, unit?: Unit): boolean {
  if (unitIdValue === unitIdOf(office)) return true;
  if (!unit) return false;
  return sameOffice(unit.name, office) || unit.aliases.some((a) => sameOffice(a, office));
}

export interface Writer {
  keyId: string;
  /** Office the writer claims (the identity for a local write, the statement for a signed record). */
  office: string;
  device: string;
}

/** What a structure rule guards (for the refusal message): plan structure, a supervisor action, or 考核. */
type StructureWhat = 'plan' | 'action' | 'scoring';
/** What a unit rule guards: a progress report, an extension request, a 诉求事项, a handling step, a 诉求台账. */
type UnitWhat = 'report' | 'extension' | 'request' | 'request-step' | 'request-ledger';

type Rule =
  | { kind: 'structure'; planId: string; what: StructureWhat }
  | { kind: 'unit'; planId: string; unit: string; what: UnitWhat; name?: string }
  | { kind: 'units' }
  | { kind: 'refused'; message: string };

function ruleOf<T extends SyncedTable>(table: T, record: TableRecords[T], ctx: PolicyContext): Rule {
  switch (table) {
    case 'plans':
      return { kind: 'structure', planId: record.id, what: 'plan' };
    case 'sections':
    case 'tasks':
      return { kind: 'structure', planId: (record as TableRecords['tasks']).planId, what: 'plan' };
    case 'reports': {
      const r = record as TableRecords['reports'];
      // A report entered from the unit's filled 填报表 is the plan owner's supervisor entering it on the unit's behalf.
      if (r.entry === 'form') return { kind: 'structure', planId: r.planId, what: 'action' };
      return { kind: 'unit', planId: r.planId, unit: r.unitId, what: 'report' };
    }
    case 'actions': {
      const a = record as Action;
      if (SUPERVISOR_ACTIONS.has(a.kind)) return { kind: 'structure', planId: a.planId, what: 'action' };
      if (a.kind === 'extension-request') return a.unitId ? { kind: 'unit', planId: a.planId, unit: a.unitId, what: 'extension' } : { kind: 'refused', message: '延期申请未指明申请单位' };
      return { kind: 'refused', message: '未知的督办操作，不予接受' };
    }
    case 'units':
      return { kind: 'units' };
    case 'requests': {
      const r = record as ServiceRequest;
      // The registering office owns the request; the office this PC knows decides (no taking it over by rewriting it).
      const owner = ctx.requestOf?.(r.id)?.office ?? r.office;
      if (!sameOffice(owner, r.office)) return { kind: 'refused', message: `诉求事项由「${owner}」登记，不能改为其他单位登记` };
      return { kind: 'unit', planId: r.planId, unit: unitIdOf(owner), what: 'request', name: owner };
    }
    case 'requestEvents': {
      const e = record as TableRecords['requestEvents'];
      if (unitIdOf(e.actor) !== e.unitId) return { kind: 'refused', message: '诉求办理记录的办理单位与其编号不符' };
      return { kind: 'unit', planId: e.planId, unit: e.unitId, what: 'request-step', name: e.actor };
    }
    case 'requestLedgers': {
      const l = record as TableRecords['requestLedgers'];
      if (unitIdOf(l.office) !== l.unitId) return { kind: 'refused', message: '诉求台账的报送单位与其编号不符' };
      return { kind: 'unit', planId: l.planId, unit: l.unitId, what: 'request-ledger', name: l.office };
    }
    case 'scoreSchemes':
    case 'scoreAdjustments':
      return { kind: 'structure', planId: (record as TableRecords['scoreSchemes']).planId, what: 'scoring' };
    default:
      return { kind: 'refused', message: '未知的记录类型，不予接受' };
  }
}

/**
 * Why `writer` may not write this version of a record, or null when it may. `mode` is 'local' for this PC's own
 * writes and 'remote' for a signed version arriving in a file. The two differ only for what never leaves the PC:
 * a local draft plan (its owner office is not a confirmed supervisor office) and a unit's own reports on a plan
 * whose owner this PC has not confirmed yet; those are kept locally and exported only once `publishProblem`
 * says other PCs will accept them.
 */
export function writeProblem<T extends SyncedTable>(table: T, record: TableRecords[T], writer: Writer, ctx: PolicyContext, mode: WriteMode): string | null {
  const local = mode === 'local';
  const claimed = `「${record.by || writer.office || '未署名单位'}」（设备 ${writer.device}）`;
  const who = local ? `本机属于「${writer.office}」，` : `${claimed}`;
  if (stampDevice(record.stamp) !== writer.device) return `${claimed}的签名不属于记录的修改设备 ${stampDevice(record.stamp)}（可能是重放）`;
  const at = stampWall(record.stamp);
  const rule = ruleOf(table, record, ctx);
  if (rule.kind === 'refused') return rule.message;

  /** The key as the issuer's roster knows it, or why it may not write at all. */
  const enrolled = (issuer: string): EnrolledKey | string => {
    const k = ctx.trust.key(issuer, writer.keyId);
    if (!k) return local ? `本机密钥尚未在「${issuer}」的名册中登记（请导出注册文件交督办单位）` : `${claimed}的密钥未在「${issuer}」的名册中登记`;
    if (k.device !== writer.device) return `${claimed}使用的密钥登记在设备 ${k.device} 上`;
    if (k.revokedSince !== null && at >= k.revokedSince) {
      return `${local ? '本机' : claimed}的密钥已于 ${new Date(k.revokedSince).toISOString().slice(0, 10)} 撤销${k.revokeReason ? `（${k.revokeReason}）` : ''}`;
    }
    if (!sameOffice(k.office, writer.office) || !sameOffice(record.by, k.office)) return `记录署名「${record.by}」与签名密钥登记的单位「${k.office}」不符`;
    return k;
  };

  if (rule.kind === 'units') {
    const keys = ctx.trust.supervisorOffices(writer.keyId).filter((k) => k.device === writer.device && (k.revokedSince === null || at < k.revokedSince));
    if (keys.length > 0) return null;
    // A unit first named by this PC's own import stays local (a draft) until a supervisor publishes it.
    if (local && !ctx.unitOf?.(record.id)) return null;
    return `单位名录只能由督办单位修改，${local ? '本机' : claimed}不能`;
  }

  const plan = ctx.planOf(rule.planId);
  if (!plan) return '所属计划在本机和文件中都不存在';
  if (table === 'plans') {
    const incoming = record as Plan;
    if (plan !== incoming && ctx.trust.isAnchored(plan.owner.office) && !sameOffice(plan.owner.office, incoming.owner.office)) {
      return `计划「${plan.title}」由「${plan.owner.office}」发布，${claimed}不能把它改为「${incoming.owner.office}」所有`;
    }
  }
  const issuer = table === 'plans' ? (record as Plan).owner.office : plan.owner.office;
  const published = ctx.trust.isAnchored(issuer);
  const unitName = rule.kind === 'unit' ? (rule.name ?? ctx.unitOf?.(rule.unit)?.name ?? '其他单位') : '';
  const denied = (): string => {
    if (rule.kind === 'unit') {
      switch (rule.what) {
        case 'extension':
          return `${who}只能以本单位名义申请延期，不能代「${unitName}」申请`;
        case 'request':
          return `诉求事项只能由登记单位「${unitName}」修改，${local ? '本机' : claimed}不能`;
        case 'request-step':
          return `${who}只能填写本单位的诉求办理记录，不能代「${unitName}」填写`;
        case 'request-ledger':
          return `${who}只能报送本单位的诉求台账，不能代「${unitName}」报送`;
        default:
          return `${who}只能填报本单位的进展，不能填报「${unitName}」的进展`;
      }
    }
    const suffix = local ? '' : `；${claimed}不能修改`;
    if (rule.what === 'action') return `只有督办单位可以销号、退回、催办或审核延期（本计划由「${issuer}」下发）${suffix}`;
    if (rule.what === 'scoring') return `只有督办单位可以设定考核方案和加减分（本计划由「${issuer}」下发）${suffix}`;
    return `计划由「${issuer}」下发，只有该单位的督办用户可以修改${suffix}`;
  };
  const officeMay = (office: string, role: EnrolledKey['role'] | null) =>
    rule.kind === 'unit' ? unitIsOffice(rule.unit, office, ctx.unitOf?.(rule.unit)) : sameOffice(office, issuer) && (role === null || role === 'supervisor');

  if (!officeMay(writer.office, null)) return denied();
  if (!published) {
    if (local) return null; // the office's own draft plan, or its own report kept until the owner's roster is confirmed
    return `计划的督办单位「${issuer}」尚未在本机确认（需核对其名册指纹），${claimed}的修改不予接受`;
  }
  const k = enrolled(issuer);
  if (typeof k === 'string') return k;
  return officeMay(k.office, k.role) ? null : denied();
}

/** The writer of a local change: this installation. */
export function localWriter(w: LocalWriter): Writer {
  return { keyId: w.keyId, office: w.identity.office, device: w.identity.deviceId };
}

/** Why this installation may not write the record (same rules as every other PC applies to it). */
export function localWriteProblem<T extends SyncedTable>(table: T, record: TableRecords[T], w: LocalWriter, ctx: PolicyContext): string | null {
  return writeProblem(table, record, localWriter(w), ctx, 'local');
}

/** May this installation publish the record (will other PCs accept it)? Used to decide what an export signs. */
export function publishProblem<T extends SyncedTable>(table: T, record: TableRecords[T], w: LocalWriter, ctx: PolicyContext): string | null {
  return writeProblem(table, record, localWriter(w), ctx, 'remote');
}

// ---- The merge side: classify.ts calls authorityProblem(table, record, ctx) for every incoming change. ----

/** What the merge needs: the policy context plus where signatures of incoming versions are found. */
export interface AuthorityContext extends PolicyContext {
  signerOf: SignerLookup;
}

/**
 * Plans as this PC decides ownership: a plan whose owner office is trusted beats a local draft of the same plan;
 * otherwise the local version, else the one arriving.
 */
export function planLookup(local: Iterable<Plan>, incoming: Iterable<Plan>, trust: Trust): (id: string) => Plan | undefined {
  const plans = new Map<string, Plan>();
  for (const p of incoming) plans.set(p.id, p);
  for (const p of local) {
    const other = plans.get(p.id);
    if (other && trust.isAnchored(other.owner.office) && !trust.isAnchored(p.owner.office)) continue;
    plans.set(p.id, p);
  }
  return (id) => plans.get(id);
}

export function authorityContext(
  local: Iterable<Plan>,
  incoming: Iterable<Plan>,
  trust: Trust = new Trust([], []),
  signerOf: SignerLookup = () => ({ problem: '没有签名' }),
  unitOf?: (id: string) => Unit | undefined,
  requestOf?: (id: string) => ServiceRequest | undefined,
): AuthorityContext {
  return { trust, planOf: planLookup(local, incoming, trust), signerOf, unitOf, requestOf };
}

/** Why an incoming version may not be applied (unsigned, forged, altered, replayed, revoked, or not allowed), or null. */
export function authorityProblem<T extends SyncedTable>(table: T, record: TableRecords[T], ctx: AuthorityContext): string | null {
  const signer = ctx.signerOf(table, record);
  if ('problem' in signer) return `「${record.by || '未署名单位'}」（设备 ${stampDevice(record.stamp)}）的记录${signer.problem}`;
  return writeProblem(table, record, signerAsWriter(signer), ctx, 'remote');
}

export function signerAsWriter(s: Signer): Writer {
  return { keyId: s.keyId, office: s.office, device: s.device };
}
