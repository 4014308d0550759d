import { describe, expect, it } from 'vitest';
import { formatStamp, unitId, type Action, type Plan, type Report, type Task, type Unit } from '../../../shared/model';
import { authorityContext, authorityProblem, recordHash, simulate, SignatureIndex, signStatements, Trust, writeProblem, keyIdOf } from '../../../shared/sync';

const sim = simulate({ offices: 3, tasks: 2, reports: 0, seed: 8 });
const plan = sim.pcs[0]!.state.records.plans[0]! as Plan;
const task = sim.pcs[0]!.state.records.tasks[0]! as Task;
const unit = sim.pcs[0]!.state.records.units[0]! as Unit;
const [supId, deptId] = [sim.pcs[0]!.identity, sim.pcs[1]!.identity];
const trust = new Trust([sim.trust.anchor], sim.trust.roster);
const at = (device: string) => formatStamp(Date.UTC(2024, 5, 1), 0, device);
const writer = (id: typeof supId) => ({ keyId: keyIdOf(sim.trust.keys.get(id.deviceId)!.publicKey), office: id.office, device: id.deviceId });
const ctx = authorityContext([plan], [], trust);

describe('authority policy: who may write what (keys from the roster, not names in records)', () => {
  it('plan structure and supervisor actions only under a supervisor key of the plan owner office', () => {
    expect(writeProblem('tasks', { ...task, stamp: at(supId.deviceId), content: '修订' }, writer(supId), ctx, 'remote')).toBeNull();
    expect(writeProblem('tasks', { ...task, stamp: at(deptId.deviceId), by: deptId.office, content: '修订' }, writer(deptId), ctx, 'remote')).toMatch(/只有该单位的督办用户可以修改/);
    const takeover = { ...plan, stamp: at(deptId.deviceId), by: deptId.office, owner: { office: deptId.office, device: deptId.deviceId } };
    expect(writeProblem('plans', takeover, writer(deptId), ctx, 'remote')).toMatch(/不能把它改为/);
    expect(writeProblem('units', { ...unit, stamp: at(deptId.deviceId), aliases: ['别名'] }, writer(deptId), ctx, 'remote')).toMatch(/单位名录只能由督办单位修改/);
    expect(writeProblem('units', { ...unit, stamp: at(supId.deviceId), aliases: ['别名'] }, writer(supId), ctx, 'remote')).toBeNull();
    expect(writeProblem('tasks', { ...task, planId: 'plan_0000000000000000ffff', stamp: at(supId.deviceId) }, writer(supId), ctx, 'remote')).toMatch(/所属计划在本机和文件中都不存在/);
  });

  it('progress and extension requests only under a key enrolled for that unit; the record’s `by` must match the key', () => {
    const uid = unitId(deptId.office);
    const report = { id: 'rep_00000000000000000001', stamp: at(deptId.deviceId), by: deptId.office, planId: plan.id, taskId: task.id, unitId: uid } as Report;
    expect(writeProblem('reports', report, writer(deptId), ctx, 'remote')).toBeNull();
    expect(writeProblem('reports', { ...report, unitId: unitId('市公安局') }, writer(deptId), ctx, 'remote')).toMatch(/只能填报本单位的进展/);
    expect(writeProblem('reports', { ...report, by: '市公安局' }, writer(deptId), ctx, 'remote')).toMatch(/与签名密钥登记的单位/);
    const request = { id: 'act_00000000000000000001', stamp: at(deptId.deviceId), by: deptId.office, planId: plan.id, taskId: task.id, unitId: uid, kind: 'extension-request' } as Action;
    expect(writeProblem('actions', request, writer(deptId), ctx, 'remote')).toBeNull();
    expect(writeProblem('actions', { ...request, kind: 'confirm' }, writer(deptId), ctx, 'remote')).toMatch(/只有督办单位可以销号/);
    expect(writeProblem('actions', { ...request, kind: 'confirm', by: supId.office, stamp: at(supId.deviceId) }, writer(supId), ctx, 'remote')).toBeNull();
    // A key signs only its own device's versions.
    expect(writeProblem('reports', report, { ...writer(deptId), device: 'dev_elsewhere' }, ctx, 'remote')).toMatch(/可能是重放/);
  });

  it('a plan whose owner office is not confirmed here is a local draft: writable by that office locally, refused from a file', () => {
    const draft = { ...plan, owner: { office: deptId.office, device: deptId.deviceId }, stamp: at(deptId.deviceId), by: deptId.office };
    const local = authorityContext([draft], [], trust);
    expect(writeProblem('plans', draft, writer(deptId), local, 'local')).toBeNull();
    expect(writeProblem('plans', draft, writer(deptId), local, 'remote')).toMatch(/尚未在本机确认/);
  });

  it('an incoming version is judged by the key that signed it: unsigned or altered versions are refused, naming who claimed them', () => {
    const uid = unitId(deptId.office);
    const report = { id: 'rep_00000000000000000002', stamp: at(deptId.deviceId), by: deptId.office, planId: plan.id, taskId: task.id, unitId: uid, period: '2024-Q2' } as Report;
    const statements = signStatements(sim.trust.keys.get(deptId.deviceId)!, { office: deptId.office, device: deptId.deviceId }, '2024-06-01T00:00:00Z', [recordHash('reports', report)]);
    const signed = authorityContext([plan], [], trust, new SignatureIndex(statements).signerOf);
    expect(authorityProblem('reports', report, signed)).toBeNull();
    expect(authorityProblem('reports', { ...report, period: '2024-Q3' }, signed)).toMatch(new RegExp(`「${deptId.office}」.*没有有效签名`));
    expect(authorityProblem('reports', report, authorityContext([plan], [], trust))).toMatch(/没有签名/);
  });
});
