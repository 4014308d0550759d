import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatStamp, reportId, unitId, type Action, type Identity, type Report } from '../../../shared/model';
import {
  concatBytes,
  decodeSnapshot,
  emptyRecordSets,
  encodeSnapshot,
  enrollSimulated,
  genesisEntry,
  keyIdOf,
  keyPairFromSeed,
  recordHash,
  revokeEntry,
  signStatements,
  simulate,
  type KeyPair,
  type SimulatedTrust,
  type SyncState,
  type TableRecords,
} from '../../../shared/sync';
import type { SyncedTable } from '../../../shared/model';
import { applyImport, listConflicts, previewImport, type FilePreview } from '../../../renderer/db/sync';
import type { TaizhangDB } from '../../../renderer/db/database';
import { recordAction, setPlanSettings } from '../../../renderer/db/tracking';
import { dumpDatabase, exportFile, openPc, ok } from './dbHelpers';

/**
 * The forgery suite: every kind of forged file seen in the field (issue 10), made with the project's own encoder
 * (every SHA-256 recomputed, signatures made with real keys the forger holds), is refused in the preview, naming
 * who claimed the change, and applying it changes nothing. Genuine records relayed by a third office pass.
 */
const sim = simulate({ offices: 4, tasks: 4, reports: 40, seed: 404 });
const [sup, deptA, deptB, deptC] = sim.pcs as [(typeof sim.pcs)[0], (typeof sim.pcs)[0], (typeof sim.pcs)[0], (typeof sim.pcs)[0]];
const now = Date.UTC(2024, 11, 1);
const plan = sup.state.records.plans[0]!;
const tasks = sup.state.records.tasks;
const DEFAULT = { includeFarFuture: false, includeUnauthorized: true }; // even when the user ticks "apply anyway"

/** Encode a state as a file, its records signed by `signer` (a real key the forger holds) unless `statements` are given. */
function file(state: SyncState, producer: Identity, signer?: { keys: KeyPair; identity: Identity }, name = 'forged.tzsync') {
  const s: SyncState = { records: state.records, blobs: state.blobs, trust: state.trust ? { roster: [...state.trust.roster], statements: [...state.trust.statements] } : { roster: [...sim.trust.roster], statements: [] } };
  if (signer) {
    const hashes: string[] = [];
    for (const t of Object.keys(s.records) as SyncedTable[]) for (const r of s.records[t]) hashes.push(recordHash(t, r));
    s.trust!.statements.push(...signStatements(signer.keys, { office: signer.identity.office, device: signer.identity.deviceId }, new Date(now).toISOString(), hashes));
  }
  const enc = encodeSnapshot(s, { producer, app: { name: '任务分解台账', version: 'test' }, createdAt: new Date(now).toISOString(), scope: { kind: 'changes', since: null } });
  return { name, bytes: concatBytes(enc.chunks) };
}
const only = <T extends SyncedTable>(table: T, rows: TableRecords[T][]): SyncState => {
  const records = emptyRecordSets();
  (records[table] as TableRecords[T][]) = rows;
  return { records, blobs: [] };
};
const keysOf = (id: Identity) => sim.trust.keys.get(id.deviceId)!;
const stampOf = (id: Identity, minutes = 0) => formatStamp(now - 3600_000 + minutes * 60_000, 0, id.deviceId);

/**
 * The forged records are refused in the preview, naming who claimed them; applying the file changes nothing but
 * the local review list (未采用), which lists each refused record with that reason until it is dismissed.
 */
async function refusedAndUnchanged(db: TaizhangDB, f: { name: string; bytes: Uint8Array }, claimed: RegExp) {
  const before = await dumpDatabase(db, { withoutRefusedReview: true });
  const listedBefore = (await listConflicts(db, ['refused'])).length;
  const p = ok((await previewImport(db, [f], now))[0]!);
  expect(p.unauthorized.length).toBeGreaterThan(0);
  for (const r of p.unauthorized) expect(r.reason).toMatch(claimed);
  expect(p.sentence).toMatch(/拒绝 \d+ 条（签名无效或越权）/);
  await applyImport(db, [{ preview: p, choice: DEFAULT }], { now });
  expect(await dumpDatabase(db, { withoutRefusedReview: true })).toBe(before);
  const listed = await listConflicts(db, ['refused']);
  expect(listed.length - listedBefore).toBeLessThanOrEqual(p.refused.length);
  for (const r of p.unauthorized) expect(listed.some((c) => c.reason === r.reason && c.claimedBy.startsWith(`${r.by}（设备`)), r.reason).toBe(true);
  return p;
}

let deptPc: TaizhangDB;
let supPc: TaizhangDB;
beforeAll(async () => {
  deptPc = await openPc(deptA.identity, deptA.state, sim.trust);
  supPc = await openPc(sup.identity, sup.state, sim.trust);
});

describe('forgery suite: refused in the preview, database unchanged', () => {
  it('supervisor impersonation: a department signs a task edit and a 销号 under the supervisor’s name', async () => {
    const task = { ...tasks[0]!, content: '伪造的任务内容', stamp: stampOf(deptB.identity), by: sup.identity.office };
    const confirm: Action = { id: 'act_00000000000000000000000f', stamp: stampOf(deptB.identity, 1), by: sup.identity.office, planId: plan.id, taskId: tasks[0]!.id, unitId: null, kind: 'confirm', text: '同意销号', date: '2024-11-30', newDeadline: null };
    const state = only('tasks', [task]);
    state.records.actions = [confirm];
    await refusedAndUnchanged(deptPc, file(state, deptB.identity, { keys: keysOf(deptB.identity), identity: deptB.identity }), new RegExp(`「${sup.identity.office}」（设备 ${deptB.identity.deviceId}）|与签名密钥登记的单位`));
    // An outsider's key that no roster lists, claiming the supervisor's office and device.
    const outsider = keyPairFromSeed('outsider');
    const forged = { ...tasks[1]!, content: '外部伪造', stamp: stampOf(sup.identity, 2), by: sup.identity.office };
    await refusedAndUnchanged(deptPc, file(only('tasks', [forged]), sup.identity, { keys: outsider, identity: sup.identity }), /的密钥未在「市政府督查室」的名册中登记/);
  });

  it('plan takeover: a department re-issues the plan under its own office; the real supervisor keeps its plan settings', async () => {
    const takeover = { ...plan, owner: { office: deptB.identity.office, device: deptB.identity.deviceId }, stamp: stampOf(deptB.identity), by: deptB.identity.office };
    await refusedAndUnchanged(supPc, file(only('plans', [takeover]), deptB.identity, { keys: keysOf(deptB.identity), identity: deptB.identity }), /不能把它改为/);
    await refusedAndUnchanged(deptPc, file(only('plans', [takeover]), deptB.identity, { keys: keysOf(deptB.identity), identity: deptB.identity }), /不能把它改为/);
    expect(await setPlanSettings(supPc, plan.id, { yellowDays: 9 }, new Date(now))).toMatchObject({ yellowDays: 9 });
  });

  it('another unit’s report: department B signs a report for department A’s unit', async () => {
    const task = tasks.find((t) => t.lead.includes(unitId(deptA.identity.office)) || t.support.includes(unitId(deptA.identity.office))) ?? tasks[0]!;
    const uid = unitId(deptA.identity.office);
    const report: Report = {
      id: reportId(task.id, uid, '2024-Q3'), stamp: stampOf(deptB.identity), by: deptB.identity.office, planId: plan.id, taskId: task.id, unitId: uid, period: '2024-Q3',
      status: 'done', progress: '代填', problems: '', nextSteps: '', percent: 100, attachments: [], author: '某人', reportedAt: new Date(now).toISOString(),
    };
    await refusedAndUnchanged(supPc, file(only('reports', [report]), deptB.identity, { keys: keysOf(deptB.identity), identity: deptB.identity }), new RegExp(`「${deptB.identity.office}」.*只能填报本单位的进展`));
    // The same with the other unit's name written in `by`.
    await refusedAndUnchanged(supPc, file(only('reports', [{ ...report, by: deptA.identity.office }]), deptB.identity, { keys: keysOf(deptB.identity), identity: deptB.identity }), new RegExp(`「${deptA.identity.office}」（设备 ${deptB.identity.deviceId}）.*只能填报本单位的进展`));
  });

  it('relayed record altered: office C relays A’s genuine reports; one edited on the way is refused, the others pass', async () => {
    const a = await openPc(deptA.identity, deptA.state, sim.trust);
    const c = await openPc(deptC.identity, deptC.state, sim.trust);
    const fromA = await exportFile(a, 'full', new Date(now));
    const ca = ok((await previewImport(c, [fromA], now))[0]!);
    await applyImport(c, [{ preview: ca, choice: DEFAULT }], { now });
    const relay = await exportFile(c, 'full', new Date(now + 1000));
    // Genuine relay: the supervisor accepts A's reports through C.
    const fresh = await openPc(sup.identity, sup.state, sim.trust);
    const genuine = ok((await previewImport(fresh, [relay], now + 2000))[0]!);
    expect(genuine.unauthorized).toHaveLength(0);
    expect(genuine.counts.newReports).toBeGreaterThan(0);
    // Altered relay: C changes one of A's reports and re-encodes (all hashes recomputed, A's statement kept).
    const decoded = await decodeSnapshot(relay.bytes);
    const victim = decoded.state.records.reports.find((r) => r.by === deptA.identity.office && !r.deleted)!;
    decoded.state.records.reports = decoded.state.records.reports.map((r) => (r.id === victim.id ? { ...r, progress: '已全部完成（篡改）', percent: 100 } : r));
    const altered = file(decoded.state, deptC.identity);
    const target = await openPc(sup.identity, sup.state, sim.trust);
    const p = ok((await previewImport(target, [altered], now + 2000))[0]!);
    expect(p.unauthorized.map((r) => r.id)).toEqual([victim.id]);
    expect(p.unauthorized[0]!.reason).toMatch(new RegExp(`「${deptA.identity.office}」.*没有有效签名`));
    await applyImport(target, [{ preview: p, choice: DEFAULT }], { now: now + 2000 });
    expect((await target.reports.get(victim.id))?.progress).not.toBe('已全部完成（篡改）');
    expect(await target.reports.count()).toBe(genuine.counts.newReports + sup.state.records.reports.length - 1 + (sup.state.records.reports.some((r) => r.id === victim.id) ? 1 : 0));
  });

  it('replay: a genuine signed 销号 re-aimed at another task, or given a newer stamp, is refused', async () => {
    const confirm: Action = { id: 'act_0000000000000000000000aa', stamp: stampOf(sup.identity, 5), by: sup.identity.office, planId: plan.id, taskId: tasks[0]!.id, unitId: null, kind: 'confirm', text: '同意销号', date: '2024-11-30', newDeadline: null };
    const genuine = file(only('actions', [confirm]), sup.identity, { keys: keysOf(sup.identity), identity: sup.identity });
    expect(ok((await previewImport(deptPc, [genuine], now))[0]!).unauthorized).toHaveLength(0);
    const decoded = await decodeSnapshot(genuine.bytes);
    for (const replayed of [{ ...confirm, taskId: tasks[1]!.id }, { ...confirm, id: 'act_0000000000000000000000bb' }, { ...confirm, stamp: stampOf(sup.identity, 50) }]) {
      const state = only('actions', [replayed]);
      state.trust = decoded.state.trust;
      await refusedAndUnchanged(deptPc, file(state, deptB.identity), /没有有效签名/);
    }
  });

  it('revoked key: changes stamped after the revocation are refused everywhere, earlier ones still pass', async () => {
    const since = new Date(now - 1800_000).toISOString();
    const revocation = revokeEntry(keysOf(sup.identity), sup.identity.office, keyIdOf(keysOf(deptB.identity).publicKey), since, '电脑丢失', since);
    const task = tasks[0]!;
    const uid = unitId(deptB.identity.office);
    const mk = (minutes: number, period: string): Report => ({
      id: reportId(task.id, uid, period), stamp: stampOf(deptB.identity, minutes), by: deptB.identity.office, planId: plan.id, taskId: task.id, unitId: uid, period,
      status: 'in-progress', progress: `第${minutes}分钟`, problems: '', nextSteps: '', percent: 10, attachments: [], author: '某人', reportedAt: new Date(now).toISOString(),
    });
    const before = mk(10, '2024-Q1'); // 50 minutes before now: before the revocation
    const after = mk(40, '2024-Q2'); // 20 minutes before now: after it
    const state = only('reports', [before, after]);
    state.trust = { roster: [...sim.trust.roster, revocation], statements: [] };
    const p = ok((await previewImport(supPc, [file(state, deptB.identity, { keys: keysOf(deptB.identity), identity: deptB.identity })], now))[0]!);
    expect(p.unauthorized.map((r) => r.id)).toEqual([after.id]);
    expect(p.unauthorized[0]!.reason).toMatch(/的密钥已于 .* 撤销（电脑丢失）/);
    expect(p.counts.newReports).toBe(1);
  });

  it('first-file ownership: on a new PC the first file to arrive, from a key nobody confirmed, owns nothing', async () => {
    const fresh = await openPc(deptC.identity, undefined, sim.trust);
    const attacker = keyPairFromSeed('attacker');
    const fakeSup: Identity = { deviceId: 'dev_attacker', office: '市政府督查室', role: 'supervisor' };
    const state: SyncState = { records: { ...sup.state.records, reports: [], actions: [] }, blobs: [] };
    const forgedPlan = { ...plan, owner: { office: fakeSup.office, device: fakeSup.deviceId }, stamp: stampOf(fakeSup), by: fakeSup.office, title: '伪造的计划' };
    state.records = { ...state.records, plans: [forgedPlan], tasks: state.records.tasks.map((t) => ({ ...t, stamp: stampOf(fakeSup), by: fakeSup.office })), sections: [], units: [] };
    state.trust = { roster: [genesisEntry(attacker, fakeSup.office, fakeSup.deviceId, new Date(now).toISOString())], statements: [] };
    const before = await dumpDatabase(fresh, { withoutRefusedReview: true });
    const p = ok((await previewImport(fresh, [file(state, fakeSup, { keys: attacker, identity: fakeSup })], now))[0]!);
    expect(p.unauthorized.length).toBe(state.records.plans.length + state.records.tasks.length);
    expect(p.unauthorized[0]!.reason).toMatch(/dev_attacker/);
    await applyImport(fresh, [{ preview: p, choice: DEFAULT }], { now });
    expect(await dumpDatabase(fresh, { withoutRefusedReview: true })).toBe(before);
    expect((await listConflicts(fresh, ['refused'])).length).toBeGreaterThan(0);
    // The genuine supervisor's file is accepted afterwards: ownership comes from the confirmed roster.
    const genuine = await exportFile(await openPc(sup.identity, sup.state, sim.trust), 'full', new Date(now));
    const g = ok((await previewImport(fresh, [genuine], now))[0]!);
    expect(g.unauthorized).toHaveLength(0);
    await applyImport(fresh, [{ preview: g, choice: DEFAULT }], { now });
    expect((await fresh.plans.get(plan.id))!.owner.office).toBe(sup.identity.office);
  });
});

describe('two supervisor PCs of one office cooperate', () => {
  it('a second supervisor PC, enrolled by the first, 销号s; department PCs and the first supervisor PC accept it', async () => {
    const second: Identity = { deviceId: 'dev_supervisor2', office: sup.identity.office, role: 'supervisor' };
    const trust: SimulatedTrust = enrollSimulated(sim.trust, second, '2024-01-02T00:00:00.000Z');
    const sup2 = await openPc(second, sup.state, trust);
    const action = await recordAction(sup2, { planId: plan.id, taskId: tasks[0]!.id, unitId: null, kind: 'urge', text: '请加快进度' }, new Date(now));
    expect(action.by).toBe(sup.identity.office);
    const f = await exportFile(sup2, 'changes', new Date(now + 1000));
    for (const db of [await openPc(deptA.identity, deptA.state, sim.trust), await openPc(sup.identity, sup.state, sim.trust)]) {
      const p = ok((await previewImport(db, [f], now + 2000))[0]!);
      expect(p.unauthorized).toHaveLength(0);
      await applyImport(db, [{ preview: p, choice: DEFAULT }], { now: now + 2000 });
      expect(await db.actions.get(action.id)).toMatchObject({ kind: 'urge' });
    }
  });
});
