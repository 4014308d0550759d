import { normalizeKey } from '../../shared/model';
import type { PickedFile } from '../../shared/platform/bridge';
import { checkFilledForm, formCheckSentence, readFormMeta, type FormCheck, type FormPlanData } from '../../shared/forms/formCheck';
import { readWorkbookCells, WorkbookRefusedError, type SheetCells } from '../../shared/forms/workbookCells';
import { isoDayOf } from '../../shared/tracking/dates';
import { archivedRefusal } from '../../shared/tracking/planEdit';
import type { ReportInput } from '../../shared/tracking/reportInput';
import type { TaizhangDB } from './database';
import { getIdentity } from './installation';
import { InputRefusedError } from './plans';
import { loadPlanRecords, saveReportsFromForm } from './tracking';

/** One filled 填报表 as the import screen previews it. */
export interface FormFilePreview {
  name: string;
  check: FormCheck;
  sentence: string;
  /** May be applied: read, validated whole, no wrong row. */
  ok: boolean;
}

const MAX_FORM_BYTES = 20 * 1024 * 1024;

function refusedPreview(name: string, message: string): FormFilePreview {
  const check: FormCheck = {
    ok: false,
    refusal: message,
    meta: null,
    planTitle: '',
    unitName: '',
    periodText: '',
    author: '',
    rows: [],
    counts: { new: 0, update: 0, same: 0, empty: 0, error: 0 },
  };
  return { name, check, sentence: message, ok: false };
}

/**
 * Read and check filled 填报表 files (one or many) against this PC's records, writing nothing: each file is
 * validated whole, its rows classified 新增 / 更新 / 无变化 / 有误. Only the plan owner's supervisor may import them;
 * two files for the same unit and period in one batch are refused (the later one).
 */
export async function previewFormImport(db: TaizhangDB, files: readonly PickedFile[], now = new Date()): Promise<FormFilePreview[]> {
  const identity = await getIdentity(db);
  const today = isoDayOf(now);
  const cache = new Map<string, FormPlanData | null>();
  const planData = async (planId: string): Promise<FormPlanData | null> => {
    if (!cache.has(planId)) {
      try {
        cache.set(planId, await loadPlanRecords(db, planId));
      } catch (e) {
        if (!(e instanceof InputRefusedError)) throw e;
        cache.set(planId, null);
      }
    }
    return cache.get(planId)!;
  };
  const out: FormFilePreview[] = [];
  const seen = new Map<string, string>(); // unit|period → file name
  for (const file of files) {
    if (file.bytes.byteLength > MAX_FORM_BYTES) {
      out.push(refusedPreview(file.name, '文件过大，不是本软件导出的填报表'));
      continue;
    }
    let sheets: SheetCells[];
    try {
      sheets = readWorkbookCells(file.bytes);
    } catch (e) {
      if (e instanceof WorkbookRefusedError) {
        out.push(refusedPreview(file.name, e.message));
        continue;
      }
      console.warn('form read failed', e);
      out.push(refusedPreview(file.name, '文件无法读取，请确认是填好的填报表（.xlsx 或 .xls）'));
      continue;
    }
    const meta = readFormMeta(sheets);
    const data = 'meta' in meta ? await planData(meta.meta.planId) : null;
    const check = checkFilledForm(sheets, (id) => (data && data.plan.id === id ? data : null), today);
    if (!check.refusal && data) {
      const archived = archivedRefusal(data.plan);
      if (archived) {
        out.push(refusedPreview(file.name, archived));
        continue;
      }
      const owner = identity && identity.role === 'supervisor' && normalizeKey(identity.office) === normalizeKey(data.plan.owner.office);
      if (!owner) {
        out.push(refusedPreview(file.name, `只有发布计划的督办单位（${data.plan.owner.office}）可以导入填报表`));
        continue;
      }
      // Two good sheets of the same unit and period in one batch: which one is right is the user's call.
      const key = `${check.meta!.unitId}|${check.meta!.period}`;
      const earlier = seen.get(key);
      if (check.ok && earlier) {
        out.push(refusedPreview(file.name, `与「${earlier}」是同一单位同一周期的填报表，请只导入其中一份`));
        continue;
      }
      if (check.ok) seen.set(key, file.name);
    }
    out.push({ name: file.name, check, sentence: formCheckSentence(check), ok: check.ok });
  }
  return out;
}

/**
 * Apply the previewed sheets that may be applied: their 新增 and 更新 rows become the units' reports for the period,
 * entered from a 填报表, in one transaction through the same checks as reports typed in the app.
 */
export async function applyFormImport(db: TaizhangDB, previews: readonly FormFilePreview[], now = new Date()): Promise<{ written: number; files: number }> {
  const accepted = previews.filter((p) => p.ok);
  const inputs: ReportInput[] = accepted.flatMap((p) => p.check.rows.filter((r) => (r.kind === 'new' || r.kind === 'update') && r.input).map((r) => r.input!));
  const written = await saveReportsFromForm(db, inputs, now);
  return { written: written.length, files: accepted.length };
}
