import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatStamp, unitId, type Identity, type RequestEvent, type ScoreAdjustment, type ScoreScheme, type ServiceRequest, type SyncedTable } from '../../../shared/model';
import { concatBytes, emptyRecordSets, encodeSnapshot, recordHash, signStatements, simulate, type KeyPair, type SyncState, type TableRecords } from '../../../shared/sync';
import { applyImport, previewImport, type FilePreview } from '../../../renderer/db/sync';
import type { TaizhangDB } from '../../../renderer/db/database';
import { registerRequest } from '../../../renderer/db/requests';
import { addAdjustment } from '../../../renderer/db/scoring';
import { DEFAULT_SCORE_ITEMS } from '../../../shared/scoring/scheme';
import { dumpDatabase, exportFile, openPc, ok } from './dbHelpers';

/**
 * The forgery suite for the record kinds of issue 14 (诉求事项, their handling steps and ledgers, 考核 schemes and
 * discretionary points): signed with real keys of enrolled offices that may not write them, they are refused in
 * the preview, naming who claimed them, and applying the file changes nothing. The genuine versions pass.
 */
const sim = simulate({ offices: 3, tasks: 3, reports: 0, seed: 1414 });
const [sup, deptA, deptB] = sim.pcs as [(typeof sim.pcs)[0], (typeof sim.pcs)[0], (typeof sim.pcs)[0]];
const now = Date.UTC(2024, 11, 1);
const plan = sup.state.records.plans[0]!;
const DEFAULT = { includeFarFuture: false, includeUnauthorized: true }; // even when the user ticks "apply anyway"
const keysOf = (id: Identity) => sim.trust.keys.get(id.deviceId)!;
/** A stamp `minutes` after an hour before now (over 60: newer than what the PCs wrote at `now`, so it would win the merge). */
const stampOf = (id: Identity, minutes = 0) => formatStamp(now - 3600_000 + minutes * 60_000, 0, id.deviceId);

function only<T extends SyncedTable>(table: T, rows: TableRecords[T][]): SyncState {
  const records = emptyRecordSets();
  (records[table] as TableRecords[T][]) = rows;
  return { records, blobs: [], trust: { roster: [...sim.trust.roster], statements: [] } };
}
/** A file made with the project's own encoder, its records signed by `signer` (a real, enrolled key). */
function file(state: SyncState, signer: { keys: KeyPair; identity: Identity }) {
  const hashes: string[] = [];
  for (const t of Object.keys(state.records) as SyncedTable[]) for (const r of state.records[t]) hashes.push(recordHash(t, r));
  state.trust!.statements.push(...signStatements(signer.keys, { office: signer.identity.office, device: signer.identity.deviceId }, new Date(now).toISOString(), hashes));
  const enc = encodeSnapshot(state, { producer: signer.identity, app: { name: '任务分解台账', version: 'test' }, createdAt: new Date(now).toISOString(), scope: { kind: 'changes', since: null } });
  return { name: 'forged.tzsync', bytes: concatBytes(enc.chunks) };
}
/** Refused in the preview; applying changes nothing but the local review list of refused records (未采用). */
async function refusedAndUnchanged(db: TaizhangDB, f: { name: string; bytes: Uint8Array }, reason: RegExp) {
  const before = await dumpDatabase(db, { withoutRefusedReview: true });
  const p = ok((await previewImport(db, [f], now))[0]!);
  expect(p.unauthorized.length).toBeGreaterThan(0);
  for (const r of p.unauthorized) expect(r.reason).toMatch(reason);
  await applyImport(db, [{ preview: p, choice: DEFAULT }], { now });
  expect(await dumpDatabase(db, { withoutRefusedReview: true })).toBe(before);
}

const requestOf = (office: Identity, fields: Partial<ServiceRequest> = {}): ServiceRequest => ({
  id: 'req_00000000000000a1', stamp: stampOf(office), by: office.office, planId: plan.id, office: office.office, prefix: '联络', year: 2024, seq: 1,
  source: 'district', sourceName: '某区', requester: '', contact: '', receivedOn: '2024-11-01', subject: '用地指标', content: '请求协调', attachments: [], urgency: 'normal', ...fields,
});

let supPc: TaizhangDB;
let genuine: ServiceRequest;
beforeAll(async () => {
  // Department A registers a request on its own PC; the supervisor's PC receives it by file.
  const aPc = await openPc(deptA.identity, deptA.state, sim.trust);
  genuine = await registerRequest(aPc, { planId: plan.id, source: 'district', sourceName: '某区', requester: '张三', contact: '', receivedOn: '2024-11-01', subject: '用地指标', content: '请求协调', attachments: [], urgency: 'normal' }, new Date(now));
  supPc = await openPc(sup.identity, sup.state, sim.trust);
  const p = ok((await previewImport(supPc, [await exportFile(aPc, 'changes', new Date(now))], now))[0]!);
  expect(p.unauthorized).toHaveLength(0);
  await applyImport(supPc, [{ preview: p, choice: DEFAULT }], { now });
  expect(await supPc.requests.get(genuine.id)).toMatchObject({ office: deptA.identity.office });
});

describe('forged 诉求事项 and 考核 records: refused in the preview, database unchanged', () => {
  it('a request taken over: department B re-registers A’s request under its own office, or edits it under A’s name', async () => {
    const b = { keys: keysOf(deptB.identity), identity: deptB.identity };
    const takeover = { ...genuine, office: deptB.identity.office, by: deptB.identity.office, stamp: stampOf(deptB.identity, 70), subject: '改为B登记' };
    await refusedAndUnchanged(supPc, file(only('requests', [takeover]), b), /不能改为其他单位登记/);
    const edited = { ...genuine, by: deptB.identity.office, stamp: stampOf(deptB.identity, 71), content: '篡改的内容' };
    await refusedAndUnchanged(supPc, file(only('requests', [edited]), b), new RegExp(`诉求事项只能由登记单位「${deptA.identity.office}」修改`));
    const underAsName = { ...genuine, stamp: stampOf(deptB.identity, 72), content: '冒名篡改' };
    await refusedAndUnchanged(supPc, file(only('requests', [underAsName]), b), new RegExp(`「${deptA.identity.office}」（设备 ${deptB.identity.deviceId}）不能|与签名密钥登记的单位`));
    // A new request registered in A's name by B's key.
    await refusedAndUnchanged(supPc, file(only('requests', [requestOf(deptA.identity, { id: 'req_00000000000000b2', stamp: stampOf(deptB.identity, 3) })]), b), /与签名密钥登记的单位|诉求事项只能由登记单位/);
  });

  it('another office’s handling step or 诉求台账: B signs a step and a ledger for A', async () => {
    const b = { keys: keysOf(deptB.identity), identity: deptB.identity };
    const step: RequestEvent = {
      id: 'rqe_00000000000000a1', stamp: stampOf(deptB.identity), by: deptB.identity.office, planId: plan.id, requestId: genuine.id, kind: 'close',
      unitId: unitId(deptA.identity.office), actor: deptA.identity.office, date: '2024-11-20', text: '已办结', reply: '已答复', satisfaction: 'satisfied',
    };
    await refusedAndUnchanged(supPc, file(only('requestEvents', [step]), b), new RegExp(`「${deptB.identity.office}」.*不能代「${deptA.identity.office}」填写`));
    const ledger = {
      id: 'rql_00000000000000a1', stamp: stampOf(deptB.identity, 1), by: deptB.identity.office, planId: plan.id, office: deptA.identity.office, unitId: unitId(deptA.identity.office),
      period: '2024-Q4', firstSubmittedAt: new Date(now).toISOString(), submittedAt: new Date(now).toISOString(), requestIds: [], note: '',
    };
    await refusedAndUnchanged(supPc, file(only('requestLedgers', [ledger]), b), new RegExp(`不能代「${deptA.identity.office}」报送`));
  });

  it('考核 from a department: A gives itself discretionary points and rewrites the scheme, signed with its own enrolled key', async () => {
    const a = { keys: keysOf(deptA.identity), identity: deptA.identity };
    const points: ScoreAdjustment = {
      id: 'adj_00000000000000a1', stamp: stampOf(deptA.identity), by: deptA.identity.office, planId: plan.id, unitId: unitId(deptA.identity.office), period: '2024-Q4', points: 50, reason: '自评加分', date: '2024-11-30',
    };
    const scheme: ScoreScheme = { id: 'scs_00000000000000a1', stamp: stampOf(deptA.identity, 1), by: deptA.identity.office, planId: plan.id, year: 2024, items: [...DEFAULT_SCORE_ITEMS] };
    const state = only('scoreAdjustments', [points]);
    state.records.scoreSchemes = [scheme];
    await refusedAndUnchanged(supPc, file(state, a), /只有督办单位可以设定考核方案和加减分/);
    // Written on the department's own PC, the command refuses it before anything is written.
    const aPc = await openPc(deptA.identity, deptA.state, sim.trust);
    const before = await dumpDatabase(aPc);
    await expect(addAdjustment(aPc, { planId: plan.id, unitId: unitId(deptA.identity.office), period: '2024-Q4', points: 5, reason: '自评' }, new Date(now))).rejects.toThrow(/只有督办单位可以设定考核方案和加减分/);
    expect(await dumpDatabase(aPc)).toBe(before);
  });

  it('the genuine versions pass: the supervisor’s discretionary points reach a department', async () => {
    const pc = await openPc(sup.identity, sup.state, sim.trust);
    const adj = await addAdjustment(pc, { planId: plan.id, unitId: unitId(deptA.identity.office), period: '2024-Q4', points: 2, reason: '典型经验被推广' }, new Date(now));
    const aPc = await openPc(deptA.identity, deptA.state, sim.trust);
    const p = ok((await previewImport(aPc, [await exportFile(pc, 'changes', new Date(now))], now))[0]!);
    expect(p.unauthorized).toHaveLength(0);
    await applyImport(aPc, [{ preview: p, choice: DEFAULT }], { now });
    expect(await aPc.scoreAdjustments.get(adj.id)).toMatchObject({ points: 2 });
  });
});
