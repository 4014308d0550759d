import { z } from 'zod';
import { PeriodSchema, REPORT_STATUSES, AttachmentRefSchema, type Action, type ActionKind, type AttachmentRef, type CadenceKind, type Plan, type Report, type Task } from '../model/schemas';
import { reportId } from '../model/ids';
import { comparePeriods, periodFitsCadence, periodKindOf } from '../model/periods';
import { isIsoDay, periodOfDay } from './dates';
import { effectiveDeadlineOf, pendingExtensionOf } from './standing';
import { extendsDeadline } from './deadlines';
import { mayRequestExtension } from './reporting';
import { safeFileName } from '../text/safeName';

/** Largest attachment accepted (佐证材料), in bytes. */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;
export const MAX_ATTACHMENT_MB = MAX_ATTACHMENT_BYTES / 1024 / 1024;
export const MAX_ATTACHMENTS = 50;
export const MAX_REPORT_TEXT = 5000;

/** A file the user attaches to a report, before it is stored. */
export interface AttachmentInput {
  name: string;
  mime?: string;
  bytes: Uint8Array;
}

/** What the progress form submits. `attachments` are new files; `keepAttachments` are ones already stored. */
export interface ReportInput {
  planId: string;
  taskId: string;
  unitId: string;
  period: string;
  status?: string | null;
  progress?: string;
  problems?: string;
  nextSteps?: string;
  percent?: number | null;
  attachments?: AttachmentInput[];
  keepAttachments?: z.infer<typeof AttachmentRefSchema>[];
  /** Who wrote it (person's name), optional. */
  author?: string;
  /** The value reached this period for each of the task's targets, as typed (checked by shared/targets/input.ts). */
  values?: { target: string; value: string | number | null }[];
}

const text = (label: string) =>
  z.preprocess((v) => v ?? '', z.string().trim().max(MAX_REPORT_TEXT, `${label}不能超过${MAX_REPORT_TEXT}字`));

const isBytes = (v: unknown): v is Uint8Array => v instanceof Uint8Array;

export const AttachmentInputSchema = z
  .object({
    // Invisible direction and zero-width characters removed, characters Windows forbids replaced: the name shown
    // is the name saved (safeFileName).
    name: z.string().trim().min(1, '附件缺少文件名').max(255, '附件文件名过长').transform(safeFileName),
    mime: z.preprocess((v) => v ?? '', z.string().max(200)),
    bytes: z.custom<Uint8Array>(isBytes, '附件内容无法读取'),
  })
  .superRefine((a, ctx) => {
    if (a.bytes.byteLength === 0) ctx.addIssue({ code: 'custom', message: `附件「${a.name}」是空文件`, path: ['bytes'] });
    else if (a.bytes.byteLength > MAX_ATTACHMENT_BYTES)
      ctx.addIssue({ code: 'custom', message: `附件「${a.name}」超过 ${MAX_ATTACHMENT_MB} MB，请压缩后再上传`, path: ['bytes'] });
  });

export const ReportInputSchema = z
  .object({
    planId: z.string().min(1, '缺少计划'),
    taskId: z.string().min(1, '缺少任务'),
    unitId: z.string().min(1, '缺少报送单位'),
    period: z.preprocess((v) => v ?? '', PeriodSchema),
    status: z.preprocess((v) => (v === '' || v === null ? undefined : v), z.enum(REPORT_STATUSES, { error: '请选择状态' })),
    progress: text('进展情况'),
    problems: text('存在问题'),
    nextSteps: text('下步计划'),
    percent: z.preprocess(
      (v) => (v === '' || v === undefined ? null : v),
      z.number('完成比例应为 0–100 的整数').int('完成比例应为 0–100 的整数').min(0, '完成比例应为 0–100 的整数').max(100, '完成比例应为 0–100 的整数').nullable(),
    ),
    attachments: z.preprocess((v) => v ?? [], z.array(AttachmentInputSchema)),
    keepAttachments: z.preprocess((v) => v ?? [], z.array(AttachmentRefSchema)),
    author: z.preprocess((v) => v ?? '', z.string().trim().max(100, '填报人不能超过100字')),
    values: z.array(z.object({ target: z.string(), value: z.union([z.string().max(40, '指标值过长'), z.number(), z.null()]) })).max(20).optional(),
  })
  .superRefine((r, ctx) => {
    if (r.attachments.length + r.keepAttachments.length > MAX_ATTACHMENTS)
      ctx.addIssue({ code: 'custom', message: `每次报送最多 ${MAX_ATTACHMENTS} 个附件`, path: ['attachments'] });
    if (r.status === 'done' && r.percent !== null && r.percent < 100)
      ctx.addIssue({ code: 'custom', message: '状态为已完成时，完成比例应为 100', path: ['percent'] });
    if (r.status !== 'not-started' && !r.progress)
      ctx.addIssue({ code: 'custom', message: '请填写进展情况', path: ['progress'] });
  });
export type ValidReportInput = z.infer<typeof ReportInputSchema>;

/** Validate a report form: the parsed input, or the first problem as one Chinese sentence. */
export function checkReportInput(input: unknown): { ok: true; value: ValidReportInput } | { ok: false; message: string } {
  const parsed = ReportInputSchema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, message: parsed.error.issues[0]?.message ?? '输入有误' };
}

/** How a report is written: who signs it, when, with which attachments, and from which entry (the form or a 填报表). */
export interface ReportWriting {
  stamp: string;
  by: string;
  reportedAt: string;
  attachments: AttachmentRef[];
  values?: Report['values'];
  entry?: Report['entry'];
}

/** The report record a validated input makes for a task and unit (one shape for the app's form and the 填报表). */
export function reportFromInput(value: ValidReportInput, task: Pick<Task, 'id' | 'planId'>, unitId: string, w: ReportWriting): Report {
  return {
    id: reportId(task.id, unitId, value.period),
    stamp: w.stamp,
    by: w.by,
    planId: task.planId,
    taskId: task.id,
    unitId,
    period: value.period,
    status: value.status,
    progress: value.progress,
    problems: value.problems,
    nextSteps: value.nextSteps,
    percent: value.percent,
    attachments: w.attachments,
    author: value.author,
    reportedAt: w.reportedAt,
    ...(w.values?.length ? { values: w.values } : {}),
    ...(w.entry ? { entry: w.entry } : {}),
  };
}

/** A supervisor action or a unit's extension request, as the forms submit it. */
export interface ActionInput {
  planId: string;
  taskId: string;
  /** The unit concerned (the returned or urged unit, the requesting unit); null = the task as a whole. */
  unitId: string | null;
  kind: ActionKind;
  text?: string;
  /** Day of the action, YYYY-MM-DD; defaults to today. */
  date?: string;
  /** Extension request/approval: the new deadline. An approval without one grants the requested date. */
  newDeadline?: string | null;
}

export const ACTION_LABELS: Record<ActionKind, string> = {
  confirm: '销号',
  return: '退回',
  urge: '催办',
  'extension-request': '延期申请',
  'extension-approve': '同意延期',
  'extension-refuse': '不同意延期',
};

/** What the screen says once an action is recorded ("已销号", "已提交延期申请"). */
export const ACTION_DONE_MESSAGES: Record<ActionKind, string> = {
  confirm: '已销号',
  return: '已退回',
  urge: '已催办',
  'extension-request': '已提交延期申请',
  'extension-approve': '已同意延期',
  'extension-refuse': '已答复：不同意延期',
};

/** A deadline may not lie before the plan's issue date. Returns the refusal message, or null when fine. */
export function checkDeadlineAgainstPlan(plan: Pick<Plan, 'date'>, deadline: string | null | undefined): string | null {
  if (!deadline) return null;
  if (!isIsoDay(deadline)) return '完成时限日期格式应为 YYYY-MM-DD';
  if (plan.date && deadline < plan.date) return '完成时限不能早于计划印发日期';
  return null;
}

export interface ActionContext {
  plan: Plan;
  task: Task;
  /** The task's actions so far. */
  actions: readonly Action[];
  today: string;
}

/**
 * Check an action against the rules: 退回 needs a reason, 催办 needs text, an extension is requested before the
 * current deadline for a later date (not before the plan's date), and approving/refusing needs a pending request.
 * Returns the normalized action fields, or the first problem in Chinese.
 */
export function checkActionInput(
  input: ActionInput,
  ctx: ActionContext,
): { ok: true; value: { kind: ActionKind; text: string; date: string; newDeadline: string | null; unitId: string | null } } | { ok: false; message: string } {
  const fail = (message: string) => ({ ok: false as const, message });
  const textValue = (input.text ?? '').trim();
  const date = input.date ?? ctx.today;
  if (!isIsoDay(date)) return fail('日期格式应为 YYYY-MM-DD');
  if (textValue.length > MAX_REPORT_TEXT) return fail(`说明不能超过${MAX_REPORT_TEXT}字`);
  if (input.taskId !== ctx.task.id) return fail('任务不存在');
  let newDeadline: string | null = null;
  const current = effectiveDeadlineOf(ctx.task, ctx.actions);
  switch (input.kind) {
    case 'confirm':
      break;
    case 'return':
      if (!textValue) return fail('请填写退回原因');
      break;
    case 'urge':
      if (!textValue) return fail('请填写催办内容');
      break;
    case 'extension-request': {
      if (!input.unitId) return fail('请指明申请延期的单位');
      if (!mayRequestExtension(ctx.task, input.unitId)) return fail('只有牵头单位可以申请延长完成时限，配合单位请与牵头单位联系');
      if (!current) return fail('该任务没有明确的完成时限，无需申请延期');
      if (ctx.today > current) return fail(`已超过完成时限 ${current}，延期须在到期前申请`);
      if (!input.newDeadline) return fail('请填写申请延至的日期');
      const planProblem = checkDeadlineAgainstPlan(ctx.plan, input.newDeadline);
      if (planProblem) return fail(planProblem);
      if (!extendsDeadline(current, input.newDeadline)) return fail(`申请延至的日期须晚于现有完成时限 ${current}`);
      if (!textValue) return fail('请填写延期理由');
      if (pendingExtensionOf(ctx.task.id, ctx.actions, ctx.task)) return fail('已有待审核的延期申请');
      newDeadline = input.newDeadline;
      break;
    }
    case 'extension-approve':
    case 'extension-refuse': {
      const pending = pendingExtensionOf(ctx.task.id, ctx.actions, ctx.task);
      if (!pending) return fail('没有待审核的延期申请');
      if (input.kind === 'extension-refuse' && !textValue) return fail('请填写不同意延期的理由');
      if (input.kind === 'extension-approve') {
        newDeadline = input.newDeadline ?? pending.newDeadline;
        if (!newDeadline) return fail('请填写延至的日期');
        const planProblem = checkDeadlineAgainstPlan(ctx.plan, newDeadline);
        if (planProblem) return fail(planProblem);
        if (!extendsDeadline(current, newDeadline)) return fail(`延至的日期须晚于现有完成时限 ${current}`);
      }
      return finish(pending.unitId);
    }
  }
  return finish(input.unitId);

  function finish(unitId: string | null) {
    const planMessage = checkDeadlineAgainstPlan(ctx.plan, newDeadline);
    if (planMessage) return fail(planMessage);
    return { ok: true as const, value: { kind: input.kind, text: textValue, date, newDeadline, unitId } };
  }
}

/**
 * A report's period must follow the plan's cadence (quarterly '2024-Q2', monthly '2024-05', bimonthly '2024-B3',
 * half-yearly '2024-H1', yearly '2024', or one of a custom cadence's listed days) and may not lie in the future.
 * Returns the refusal message, or null when fine.
 */
export function checkReportPeriod(plan: Pick<Plan, 'cadence'>, period: string, today: string): string | null {
  const kind = periodKindOf(period);
  if (!kind) return '无效的报送周期';
  if (!periodFitsCadence(period, plan.cadence)) {
    return plan.cadence.every === 'custom' ? '该计划按指定日期报送，请选择其中一个报送日期' : `该计划${CADENCE_PERIOD_WORDS[plan.cadence.every]}`;
  }
  if (comparePeriods(period, periodOfDay(today, plan.cadence)) > 0) return '不能填报尚未开始的报送周期';
  return null;
}

const CADENCE_PERIOD_WORDS: Record<Exclude<CadenceKind, 'custom'>, string> = {
  month: '按月报送，请选择月份',
  bimonth: '每两个月报送，请选择双月',
  quarter: '按季度报送，请选择季度',
  halfyear: '每半年报送，请选择上半年或下半年',
  year: '按年度报送，请选择年度',
};

/** Tasks whose deadline lies before the plan's issue date (a parse or typing error): numbers, for a warning. */
export function deadlinesBeforePlanDate(plan: Pick<Plan, 'date'>, tasks: readonly Pick<Task, 'number' | 'deadline'>[]): string[] {
  if (!plan.date) return [];
  return tasks.filter((t) => t.deadline?.date && t.deadline.date < plan.date!).map((t) => t.number);
}
