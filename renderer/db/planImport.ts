import { buildPlanRecords, type PlanDraft, type PlanRecords } from '../../shared/model';
import { unitDirectory } from '../../shared/tracking/unitEdit';
import type { TaizhangDB } from './database';
import { getDeviceId, getIdentity, nextStamp } from './installation';
import { cadenceOfMeta, type DraftMeta, type DraftRow } from '../../shared/tracking/importDraft';

/** The reviewed draft as plan records (deterministic ids: another PC importing the same document gets the same). */
export async function recordsFromDraft(
  db: TaizhangDB,
  meta: DraftMeta,
  rows: readonly DraftRow[],
  source: { name: string; sha256: string } | null,
  now = new Date(),
): Promise<PlanRecords> {
  const identity = await getIdentity(db);
  const draft: PlanDraft = {
    title: meta.title.trim(),
    docNumber: meta.docNumber.trim() || null,
    issuer: meta.issuer.trim() || null,
    date: meta.date || null,
    source,
    leadRule: meta.leadRule,
    cadence: cadenceOfMeta(meta),
    tasks: rows.map(({ key: _key, parsed: _parsed, ...task }) => ({ ...task, number: task.number.trim(), content: task.content.trim() })),
  };
  // Names this PC knows as a unit's alias (renamed or merged units) land on that unit.
  const units = unitDirectory(await db.units.toArray());
  return buildPlanRecords(draft, {
    stamp: await nextStamp(db, now.getTime()),
    office: identity?.office ?? '',
    device: identity?.deviceId ?? (await getDeviceId(db)),
    now,
    knownUnit: (name) => units.find(name),
  });
}
