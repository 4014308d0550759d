import type { PlanRecords } from '../../shared/model';
import { buildPlanRecords, NewPlanInputSchema, splitUnitList, DEFAULT_CADENCE, type NewPlanInput } from '../../shared/model';
import { getDeviceId, getIdentity, nextStamp } from './installation';
import { provisionalStamp, requireMayWrite } from './authorize';
import type { TaizhangDB } from './database';

/** Save a plan with its sections, tasks and units in one transaction: all or nothing. */
export async function savePlanRecords(db: TaizhangDB, records: PlanRecords): Promise<void> {
  // Saving over a plan this PC already holds is a change of that plan: the authority policy decides (a new plan
  // is this office's own, published only if the office is a confirmed supervisor office).
  const identity = await getIdentity(db);
  const existing = await db.plans.get(records.plan.id);
  if (identity && existing && !existing.deleted) {
    await requireMayWrite(db, identity, 'plans', { ...records.plan, stamp: provisionalStamp(identity, new Date()), by: identity.office }, { plans: [existing] });
  }
  await db.transaction('rw', [db.plans, db.sections, db.tasks, db.units], async () => {
    await db.plans.put(records.plan);
    await db.sections.bulkPut(records.sections);
    await db.tasks.bulkPut(records.tasks);
    // A unit already known keeps its aliases; only new units are added.
    const existing = new Set((await db.units.bulkGet(records.units.map((u) => u.id))).filter(Boolean).map((u) => u!.id));
    await db.units.bulkPut(records.units.filter((u) => !existing.has(u.id)));
  });
}

// The plan list's reads live in planReads.ts (start-up loads them without the commands below).
export { listPlans, resolveCurrentPlan } from './planReads';

import { InputRefusedError } from './errors';
export { InputRefusedError };

/** Validate the "新建计划" form and save a plan with its first task. Throws InputRefusedError with a Chinese message. */
export async function createPlanFromForm(db: TaizhangDB, input: NewPlanInput, now = new Date()) {
  const parsed = NewPlanInputSchema.safeParse(input);
  if (!parsed.success) throw new InputRefusedError(parsed.error.issues[0]?.message ?? '输入有误');
  const form = parsed.data;
  const identity = await getIdentity(db);
  const records = buildPlanRecords(
    {
      title: form.title,
      docNumber: form.docNumber || null,
      issuer: null,
      date: null,
      source: null,
      leadRule: 'columns',
      cadence: DEFAULT_CADENCE,
      tasks: [
        {
          number: '1',
          section: [],
          content: form.taskContent,
          lead: splitUnitList(form.lead),
          support: splitUnitList(form.support),
          implement: [],
          deadline: null,
        },
      ],
    },
    {
      stamp: await nextStamp(db, now.getTime()),
      office: identity?.office ?? '',
      device: identity?.deviceId ?? (await getDeviceId(db)),
      now,
    },
  );
  if (await db.plans.get(records.plan.id)) throw new InputRefusedError('已有同名同文号的计划，请勿重复创建');
  await savePlanRecords(db, records);
  return records.plan;
}

/** Names of every live unit, for pickers. */
export async function listUnitNames(db: TaizhangDB): Promise<string[]> {
  return (await db.units.toArray()).filter((u) => !u.deleted).map((u) => u.name);
}

/** Live task count per plan id. */
export async function countTasksByPlan(db: TaizhangDB): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  await db.tasks.each((t) => {
    if (!t.deleted) counts.set(t.planId, (counts.get(t.planId) ?? 0) + 1);
  });
  return counts;
}

/** A stored plan's tasks (deleted ones too, so a re-added task revives), sections and units, for the re-import diff. */
export async function loadPlanForDiff(db: TaizhangDB, planId: string) {
  const [tasks, sections] = await Promise.all([db.tasks.where('planId').equals(planId).toArray(), db.sections.where('planId').equals(planId).toArray()]);
  const unitIds = new Set(tasks.flatMap((t) => [...t.lead, ...t.support, ...t.implement]));
  const units = (await db.units.bulkGet([...unitIds])).filter((u) => !!u);
  return { tasks, sections, units };
}
