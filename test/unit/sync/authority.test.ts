import { describe, expect, it } from 'vitest';
import { formatStamp, unitId, type Action, type Plan, type Report, type Task, type Unit } from '../../../shared/model';
import { authorityContext, authorityProblem, simulate } from '../../../shared/sync';

const sim = simulate({ offices: 3, tasks: 2, reports: 0, seed: 8 });
const plan = sim.pcs[0]!.state.records.plans[0]! as Plan;
const task = sim.pcs[0]!.state.records.tasks[0]! as Task;
const unit = sim.pcs[0]!.state.records.units[0]! as Unit;
const owner = plan.owner.device;
const dept = sim.pcs[1]!.identity;
const at = (device: string) => formatStamp(Date.UTC(2024, 5, 1), 0, device);
const ctx = authorityContext([plan], []);

describe('authority: who may change what', () => {
  it('plan structure only from the device that owns the plan', () => {
    expect(authorityProblem('tasks', { ...task, stamp: at(owner), content: '修订' }, ctx)).toBeNull();
    expect(authorityProblem('tasks', { ...task, stamp: at(dept.deviceId), content: '修订' }, ctx)).toMatch(/计划结构只能由发布计划的督办单位/);
    expect(authorityProblem('plans', { ...plan, stamp: at(dept.deviceId), owner: { office: dept.office, device: dept.deviceId } }, ctx)).toMatch(/计划只能由发布计划的督办单位/);
    expect(authorityProblem('units', { ...unit, stamp: at(dept.deviceId), aliases: ['别名'] }, ctx)).toMatch(/单位名录/);
    expect(authorityProblem('tasks', { ...task, planId: 'plan_0000000000000000ffff', stamp: at(owner) }, ctx)).toMatch(/所属计划在本机和文件中都不存在/);
  });

  it('a new plan arriving in a file is owned by the device named in it', () => {
    const fresh = { ...plan, id: 'plan_00000000000000000001' };
    expect(authorityProblem('plans', fresh, authorityContext([], [fresh]))).toBeNull();
  });

  it('progress and extension requests only from the unit itself', () => {
    const uid = unitId(dept.office);
    const report = { id: 'rep_00000000000000000001', stamp: at(dept.deviceId), by: dept.office, planId: plan.id, taskId: task.id, unitId: uid } as Report;
    expect(authorityProblem('reports', report, ctx)).toBeNull();
    expect(authorityProblem('reports', { ...report, unitId: unitId('市公安局') }, ctx)).toMatch(/进展只能由责任单位本单位填报/);
    const request = { id: 'act_00000000000000000001', stamp: at(dept.deviceId), by: dept.office, planId: plan.id, taskId: task.id, unitId: uid, kind: 'extension-request' } as Action;
    expect(authorityProblem('actions', request, ctx)).toBeNull();
    expect(authorityProblem('actions', { ...request, kind: 'confirm' }, ctx)).toMatch(/计划结构只能由发布计划的督办单位/);
    expect(authorityProblem('actions', { ...request, kind: 'confirm', stamp: at(owner) }, ctx)).toBeNull();
  });
});
