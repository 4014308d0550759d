import { z } from 'zod';
import { CADENCE_KINDS, DeadlineSchema, LEAD_RULES } from '../../shared/model';
import type { DraftMeta, DraftRow } from '../../shared/tracking/importDraft';
import type { ParseWarning } from '../../shared/parser/types';
import type { TaizhangDB } from './database';

/**
 * The import review's unsaved work, kept in this PC's database (never synced) until it is saved as a plan or
 * discarded, so a reload or a crash loses nothing. Read back through a schema: a draft that does not fit is
 * dropped (and said so in the console), never half-restored.
 */
export interface SavedImportDraft {
  source: { name: string; sha256: string } | null;
  meta: DraftMeta;
  rows: DraftRow[];
  warnings: ParseWarning[];
  resolved: number[];
  acceptedNoLead: string[];
  savedAt: string;
}

const KEY = 'importDraft';
const Names = z.array(z.string().max(200)).max(200);

const SavedImportDraftSchema = z.object({
  version: z.literal(1),
  savedAt: z.string(),
  source: z.object({ name: z.string().max(500), sha256: z.string().regex(/^[0-9a-f]{64}$/) }).nullable(),
  meta: z.looseObject({
    title: z.string().max(500),
    docNumber: z.string().max(200),
    issuer: z.string().max(200),
    date: z.string().max(10),
    leadRule: z.enum(LEAD_RULES),
    cadenceEvery: z.enum(CADENCE_KINDS),
    cadenceDay: z.number().int().min(1).max(31),
    cadenceDates: z.array(z.string()).max(366).optional(),
  }),
  rows: z
    .array(
      z.looseObject({
        key: z.string().min(1).max(100),
        number: z.string().max(40),
        section: z.array(z.string().max(2000)).max(20),
        content: z.string().max(20_000),
        lead: Names,
        support: Names,
        implement: Names,
        deadline: DeadlineSchema.nullable(),
        parsed: z.object({ lead: Names, support: Names }),
      }),
    )
    .max(20_000),
  warnings: z.array(z.looseObject({ code: z.string(), message: z.string() })).max(10_000),
  resolved: z.array(z.number().int().min(0)).max(10_000),
  acceptedNoLead: z.array(z.string()).max(20_000),
});

/** Keep the review's current state (replaces the one kept before). */
export async function saveImportDraft(db: TaizhangDB, draft: Omit<SavedImportDraft, 'savedAt'>, now = new Date()): Promise<void> {
  await db.meta.put({ key: KEY, value: { version: 1, savedAt: now.toISOString(), ...draft } });
}

/** The kept draft, or null (none, or one that no longer fits the schema: that one is removed). */
export async function loadImportDraft(db: TaizhangDB): Promise<SavedImportDraft | null> {
  const row = await db.meta.get(KEY);
  if (!row) return null;
  const parsed = SavedImportDraftSchema.safeParse(row.value);
  if (!parsed.success) {
    console.warn('import draft dropped: it does not fit the schema', parsed.error.issues[0]);
    await clearImportDraft(db);
    return null;
  }
  const { version: _version, ...draft } = parsed.data;
  return draft as unknown as SavedImportDraft;
}

/** Forget the kept draft (after saving the plan, or when the user discards it). */
export async function clearImportDraft(db: TaizhangDB): Promise<void> {
  await db.meta.delete(KEY);
}
