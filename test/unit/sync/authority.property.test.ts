import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatStamp, reportId, unitId, type SyncedTable, type Action, type Identity, type Plan, type Report, type Section, type Task, type Unit } from '../../../shared/model';
import {
  acceptEnrollment,
  authorityContext,
  authorityProblem,
  genesisEntry,
  keyIdOf,
  keyPairFromSeed,
  localWriteProblem,
  makeEnrollmentRequest,
  recordHash,
  revokeEntry,
  SignatureIndex,
  signStatements,
  Trust,
  type RosterEntry,
  type TableRecords,
} from '../../../shared/sync';

/**
 * One rule for who may write what: for any installation (office, role, enrolled or not, revoked or not) and any
 * change to any kind of record, the change is accepted by this PC's local write check exactly when every other
 * PC, receiving it signed, accepts it. Two supervisor offices with their own rosters; PCs of the owner office
 * that are supervisors cooperate.
 */
const OFFICES = ['市政府督查室', '市委督查室', '市教育局', '市公安局', '市财政局'];
const ISSUERS = ['市政府督查室', '市委督查室'];
const T0 = Date.UTC(2024, 3, 1);
const AT = new Date(T0 - 86_400_000).toISOString();

const pcArb = fc.record({
  office: fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...ISSUERS) }, { weight: 3, arbitrary: fc.constantFrom(...OFFICES) }),
  role: fc.constantFrom('supervisor' as const, 'department' as const),
  enrolledBy: fc.oneof({ weight: 4, arbitrary: fc.constant(ISSUERS) }, { weight: 2, arbitrary: fc.subarray(ISSUERS) }),
  /** Enrolled under another office's name (a wrong 注册文件 accepted). */
  enrolledAs: fc.oneof({ weight: 6, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom(...OFFICES) }),
  revokedMinutes: fc.oneof({ weight: 5, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom(-30, 30) }),
  n: fc.nat(6),
});

const changeArb = fc.record({
  kind: fc.constantFrom('plan', 'section', 'task', 'unit', 'report', 'extension-request', 'confirm', 'return', 'urge', 'extension-approve'),
  planOwner: fc.constant(ISSUERS[0]!).chain((first) => fc.oneof({ weight: 3, arbitrary: fc.constant(first) }, { weight: 1, arbitrary: fc.constantFrom(...ISSUERS) })),
  /** The unit the change is about: this PC's own office half of the time. */
  ownUnit: fc.boolean(),
  unit: fc.constantFrom(...OFFICES),
  byOther: fc.integer({ min: 0, max: 5 }).map((x) => x === 0),
});

describe('authority policy property: accepted locally ⇔ accepted by every other PC', () => {
  it('holds for random installations and random changes of every kind', () => {
    const roots = new Map(ISSUERS.map((i) => [i, keyPairFromSeed(`root-${i}`)] as const));
    const rootIds = new Map(ISSUERS.map((i) => [i, { id: `dev_root${ISSUERS.indexOf(i)}`, keys: roots.get(i)! }] as const));
    const anchors = ISSUERS.map((i) => ({ issuer: i, keyId: keyIdOf(roots.get(i)!.publicKey), publicKey: roots.get(i)!.publicKey, device: rootIds.get(i)!.id }));
    const cache = new Map<string, unknown>();
    const memo = <T,>(k: string, make: () => T): T => {
      if (!cache.has(k)) cache.set(k, make());
      return cache.get(k) as T;
    };
    let checked = 0;
    let accepted = 0;
    fc.assert(
      fc.property(pcArb, changeArb, (pc, change0) => {
        let change = change0;
        const device = `dev_pc${pc.n}`;
        const identity: Identity = { deviceId: device, office: pc.office, role: pc.role };
        const keys = memo(`k${pc.n}${pc.office}`, () => keyPairFromSeed(`pc-${pc.n}-${pc.office}`));
        const entries: RosterEntry[] = ISSUERS.map((i) => memo(`g${i}`, () => genesisEntry(roots.get(i)!, i, rootIds.get(i)!.id, AT)));
        for (const issuer of pc.enrolledBy) {
          const as = pc.enrolledAs ?? pc.office;
          entries.push(memo(`e${issuer}${pc.n}${pc.office}${as}${pc.role}`, () => acceptEnrollment(roots.get(issuer)!, issuer, makeEnrollmentRequest(keys, { office: as, role: pc.role, device }, AT), AT)));
          if (pc.revokedMinutes !== null) {
            entries.push(memo(`r${issuer}${pc.n}${pc.office}${pc.revokedMinutes}`, () => revokeEntry(roots.get(issuer)!, issuer, keyIdOf(keys.publicKey), new Date(T0 + pc.revokedMinutes! * 60_000).toISOString(), '测试', AT)));
          }
        }
        const trust = new Trust(anchors, entries);
        const stamp = formatStamp(T0, 0, device);
        if (change.ownUnit) change = { ...change, unit: pc.office };
        const by = change.byOther ? change.unit : pc.office;
        const planOwner = change.planOwner;
        const plan: Plan = {
          id: 'plan_000000000000000000000001', stamp: formatStamp(T0 - 1000, 0, rootIds.get(planOwner)!.id), by: planOwner, title: '若干措施', docNumber: null, issuer: null, date: null, source: null,
          leadRule: 'columns', cadence: { every: 'quarter', day: 20 }, yellowDays: 15, owner: { office: planOwner, device: rootIds.get(planOwner)!.id }, createdAt: AT,
        };
        const units: Unit[] = OFFICES.map((o) => ({ id: unitId(o), stamp: plan.stamp, by: planOwner, name: o, aliases: [] }));
        const base = { stamp, by };
        const uid = unitId(change.unit);
        let table: SyncedTable;
        let record: TableRecords[SyncedTable];
        switch (change.kind) {
          case 'plan':
            [table, record] = ['plans', { ...plan, ...base, yellowDays: 10 }];
            break;
          case 'section':
            [table, record] = ['sections', { id: 'sec_000000000000000000000001', ...base, planId: plan.id, title: '一、总体要求', parentId: null, order: 0 } satisfies Section];
            break;
          case 'task':
            [table, record] = ['tasks', { id: 'task_00000000000000000000001', ...base, planId: plan.id, sectionId: null, number: '1', order: 0, content: '任务', lead: [uid], support: [], implement: [], deadline: null } satisfies Task];
            break;
          case 'unit':
            [table, record] = ['units', { ...units[OFFICES.indexOf(change.unit)]!, ...base, aliases: ['别名'] }];
            break;
          case 'report':
            [table, record] = ['reports', {
              id: reportId('task_00000000000000000000001', uid, '2024-Q1'), ...base, planId: plan.id, taskId: 'task_00000000000000000000001', unitId: uid, period: '2024-Q1',
              status: 'done', progress: '完成', problems: '', nextSteps: '', percent: 100, attachments: [], author: '', reportedAt: AT,
            } satisfies Report];
            break;
          default:
            [table, record] = ['actions', {
              id: 'act_0000000000000000000000001', ...base, planId: plan.id, taskId: 'task_00000000000000000000001', unitId: change.kind === 'extension-request' ? uid : null,
              kind: change.kind as Action['kind'], text: '', date: '2024-04-01', newDeadline: null,
            } satisfies Action];
        }
        const unitOf = (id: string) => units.find((u) => u.id === id);
        // This PC, writing locally.
        const local = localWriteProblem(table, record as never, { identity, keyId: keyIdOf(keys.publicKey) }, authorityContext([plan], [], trust, undefined, unitOf));
        // Another PC (same roster, same plan), receiving the version signed by this PC's key.
        const signed = new SignatureIndex(signStatements(keys, { office: pc.office, device }, AT, [recordHash(table, record)]));
        const remote = authorityProblem(table, record as never, authorityContext([plan], [], trust, signed.signerOf, unitOf));
        checked++;
        if (local === null) accepted++;
        expect({ table, kind: change.kind, local: local === null, remote: remote === null, why: local ?? remote }).toMatchObject({ local: remote === null });
      }),
      { numRuns: 400 },
    );
    // Both outcomes occur often enough for the property to mean something.
    expect(accepted).toBeGreaterThan(checked / 10);
    expect(checked - accepted).toBeGreaterThan(checked / 10);
  }, 120_000);
});
