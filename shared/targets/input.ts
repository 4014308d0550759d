import { TARGET_DIRECTIONS, TargetSchema, type Target, type Task } from '../model/schemas';
import { isIsoDay } from '../tracking/dates';

/**
 * Target and value entry, as typed: numbers arrive as text from the forms, so a value that is not a number is refused
 * here with a Chinese message naming the indicator (nothing is written).
 */
export interface TargetInput {
  id?: string;
  indicator?: string;
  unit?: string;
  direction?: string;
  /** Empty or null: a qualitative milestone. */
  value?: string | number | null;
  baseline?: string | number | null;
  deadline?: string | null;
  text?: string;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

/** A typed number: "100", "95.5", "1,200", "８０", "80%"; null for empty; NaN for anything else. */
export function parseTypedNumber(raw: string | number | null | undefined): number | null {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : NaN;
  const t = raw.normalize('NFKC').trim().replace(/,/g, '').replace(/%$/, '');
  if (!t) return null;
  return /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)$/.test(t) ? Number(t) : NaN;
}

const shown = (raw: unknown) => String(raw).trim().slice(0, 20);

/** Check a task's edited targets; ids are kept where given and new ones take the next free "tN". */
export function checkTargets(inputs: readonly TargetInput[]): Checked<Target[]> {
  if (inputs.length > 20) return { ok: false, message: '每项任务最多 20 个量化指标' };
  const used = new Set(inputs.map((t) => t.id).filter((id): id is string => !!id && /^t\d{1,3}$/.test(id)));
  let next = 1;
  const freshId = () => {
    while (used.has(`t${next}`)) next++;
    used.add(`t${next}`);
    return `t${next}`;
  };
  const out: Target[] = [];
  for (const [i, input] of inputs.entries()) {
    const indicator = (input.indicator ?? '').trim();
    const label = indicator ? `指标「${indicator}」` : `第 ${i + 1} 个指标`;
    if (!indicator) return { ok: false, message: `${label}缺少指标名称` };
    const value = parseTypedNumber(input.value);
    if (Number.isNaN(value)) return { ok: false, message: `${label}的目标值「${shown(input.value)}」不是数字，请填写数字（如 100 或 95.5）；定性目标请把目标值留空` };
    const baseline = parseTypedNumber(input.baseline);
    if (Number.isNaN(baseline)) return { ok: false, message: `${label}的基期值「${shown(input.baseline)}」不是数字，请填写数字或留空` };
    const direction = input.direction ?? '>=';
    if (!(TARGET_DIRECTIONS as readonly string[]).includes(direction)) return { ok: false, message: `${label}的比较方式应为 ≥、≤ 或 =` };
    const deadline = input.deadline ? input.deadline.trim() : '';
    if (deadline && !isIsoDay(deadline)) return { ok: false, message: `${label}的完成时限「${shown(deadline)}」不是有效日期（年-月-日）` };
    const candidate = {
      id: input.id && /^t\d{1,3}$/.test(input.id) ? input.id : freshId(),
      indicator,
      unit: (input.unit ?? '').trim(),
      direction: direction as Target['direction'],
      value,
      ...(baseline !== null ? { baseline } : {}),
      deadline: deadline || null,
      text: (input.text ?? '').slice(0, 500),
    };
    const parsed = TargetSchema.safeParse(candidate);
    if (!parsed.success) return { ok: false, message: `${label}：${parsed.error.issues[0]?.message ?? '填写有误'}` };
    out.push(parsed.data);
  }
  return { ok: true, value: out };
}

/** Check the values a report gives for its task's targets: known targets, numbers only; empty ones left out. */
export function checkReportValues(task: Pick<Task, 'targets'>, inputs: readonly { target: string; value: string | number | null | undefined }[] | undefined): Checked<{ target: string; value: number }[]> {
  const out: { target: string; value: number }[] = [];
  for (const v of inputs ?? []) {
    const target = task.targets?.find((t) => t.id === v.target);
    if (!target) return { ok: false, message: '该任务没有此量化指标，请刷新后重试' };
    const value = parseTypedNumber(v.value);
    if (value === null) continue;
    if (Number.isNaN(value)) return { ok: false, message: `指标「${target.indicator}」的本期达到值「${shown(v.value)}」不是数字，请填写数字（如 85 或 92.5）` };
    if (target.value === null) return { ok: false, message: `指标「${target.indicator}」是定性目标，无需填写数值` };
    if (out.some((x) => x.target === v.target)) continue;
    out.push({ target: v.target, value });
  }
  return { ok: true, value: out };
}
