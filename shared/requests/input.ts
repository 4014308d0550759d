import { z } from 'zod';
import { DISPOSITIONS, MEETINGS, REQUEST_EVENT_KINDS, REQUEST_SOURCES, REQUEST_URGENCIES, SATISFACTIONS } from '../model/schemas';
import { isIsoDay } from '../tracking/dates';
import { AttachmentInputSchema, MAX_ATTACHMENTS } from '../tracking/reportInput';
import { safeName } from '../text/safeName';

/** Names typed or pasted from outside (offices, firms): invisible direction and zero-width characters removed. */
const named = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (typeof v === 'string' ? safeName(v) : v), schema);

/** What the registration form submits (登记诉求事项). */
export interface RegisterInput {
  planId: string;
  source?: string | null;
  sourceName?: string;
  requester?: string;
  contact?: string;
  receivedOn?: string;
  subject?: string;
  content?: string;
  urgency?: string | null;
  /** Number prefix; the office's default when left out. */
  prefix?: string;
  attachments?: z.input<typeof AttachmentInputSchema>[];
}

const day = (label: string) => z.preprocess((v) => v ?? '', z.string().refine(isIsoDay, `请填写有效的${label}（年-月-日）`));
const line = (label: string, max: number, required = false) =>
  z.preprocess(
    (v) => v ?? '',
    required ? z.string().trim().min(1, `请填写${label}`).max(max, `${label}不能超过${max}字`) : z.string().trim().max(max, `${label}不能超过${max}字`),
  );

export const RegisterInputSchema = z.object({
  planId: z.string().min(1, '缺少计划'),
  source: z.preprocess((v) => (v === '' || v === null ? undefined : v), z.enum(REQUEST_SOURCES, { error: '请选择诉求来源（区县、园区、企业或其他）' })),
  sourceName: named(line('诉求单位（区县、园区或企业名称）', 200, true)),
  requester: line('诉求人', 100),
  contact: line('联系方式', 100),
  receivedOn: day('受理日期'),
  subject: line('诉求事项（简要名称）', 200, true),
  content: line('诉求内容', 5000, true),
  urgency: z.preprocess((v) => (v === '' || v === null || v === undefined ? 'normal' : v), z.enum(REQUEST_URGENCIES, { error: '紧急程度无效' })),
  prefix: z.preprocess((v) => (v === '' ? undefined : v), z.string().trim().min(1).max(20, '编号前缀不能超过20字').regex(/^[^\s-]+$/, '编号前缀不能含空格或“-”').optional()),
  attachments: z.preprocess((v) => v ?? [], z.array(AttachmentInputSchema).max(MAX_ATTACHMENTS, `最多 ${MAX_ATTACHMENTS} 个附件`)),
});
export type ValidRegisterInput = z.infer<typeof RegisterInputSchema>;

/** What a handling form submits (签转、退回、办理方式、进展、办结、重新办理). */
export interface StepInput {
  requestId: string;
  kind: string;
  date?: string;
  text?: string;
  handler?: string;
  dueDate?: string;
  signer?: string;
  disposition?: string | null;
  solution?: string;
  meeting?: string | null;
  meetingDate?: string;
  decision?: string;
  policyBasis?: string;
  followUp?: string;
  body?: string;
  channel?: string;
  reply?: string;
  satisfaction?: string | null;
}

const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);
const optText = (label: string, max = 5000) => z.preprocess(blankToUndefined, z.string().trim().max(max, `${label}不能超过${max}字`).optional());
const optDay = (label: string) => z.preprocess(blankToUndefined, z.string().refine(isIsoDay, `请填写有效的${label}（年-月-日）`).optional());

export const StepInputSchema = z.object({
  requestId: z.string().min(1, '缺少诉求事项'),
  kind: z.enum(REQUEST_EVENT_KINDS, { error: '未知的办理步骤' }),
  date: day('日期'),
  text: z.preprocess((v) => v ?? '', z.string().trim().max(5000, '说明不能超过5000字')),
  handler: named(optText('承办部门', 200)),
  dueDate: optDay('办理时限'),
  signer: optText('签转人', 100),
  disposition: z.preprocess(blankToUndefined, z.enum(DISPOSITIONS, { error: '办理方式无效' }).optional()),
  solution: optText('解决方案'),
  meeting: z.preprocess(blankToUndefined, z.enum(MEETINGS, { error: '会议类型无效' }).optional()),
  meetingDate: optDay('会议日期'),
  decision: optText('会议决定'),
  policyBasis: optText('政策依据'),
  followUp: optText('后续跟踪事项'),
  body: named(optText('协调部门', 200)),
  channel: optText('协调渠道', 200),
  reply: optText('答复内容'),
  satisfaction: z.preprocess(blankToUndefined, z.enum(SATISFACTIONS, { error: '满意度无效' }).optional()),
});
export type ValidStepInput = z.infer<typeof StepInputSchema>;

/** The first problem of a zod result, in Chinese. */
export function firstMessage(error: z.ZodError): string {
  return error.issues[0]?.message ?? '填写有误';
}
