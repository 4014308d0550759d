import { z } from 'zod';

/** The "新建计划" form: a plan typed by hand with its first task. Messages are shown to the user as they are. */
/** A form field: missing means empty. */
const field = (schema: z.ZodString) => z.preprocess((v) => v ?? '', schema);

export const NewPlanInputSchema = z.object({
  title: field(z.string().trim().min(1, '请填写计划名称').max(200, '计划名称不能超过200字')),
  docNumber: field(z.string().trim().max(100, '文号不能超过100字')),
  taskContent: field(z.string().trim().min(1, '请填写第一项任务的具体内容').max(20_000, '任务内容过长')),
  lead: field(z.string().trim().max(500, '牵头单位过长')),
  support: field(z.string().trim().max(2000, '配合单位过长')),
});
export interface NewPlanInput {
  title?: string;
  docNumber?: string;
  taskContent?: string;
  lead?: string;
  support?: string;
}

/** Split a typed unit list on Chinese and Western separators. */
export function splitUnitList(text: string): string[] {
  return text
    .split(/[、，,；;\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}
