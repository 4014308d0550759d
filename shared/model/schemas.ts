import { z } from 'zod';
import { STAMP_PATTERN } from './hlc';
import { MAX_REPORT_REVISIONS, REPORT_STATUSES } from './reportConstants';

/**
 * The data model. Every synced record carries a stable id, a change stamp (hybrid logical clock), the office
 * that made the change, and a tombstone flag. Schemas validate data once at each boundary
 * (file import, IPC, snapshot, DB upgrade); inside the app the inferred types are trusted.
 */
export const IdSchema = z.string().regex(/^[a-z]+_[0-9a-f]{16,64}$/, '无效的记录编号');
export const StampSchema = z.string().regex(STAMP_PATTERN, '无效的修改时间戳');
const Name = z.string().trim().min(1).max(200);
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const IsoDateTime = z.string().datetime({ offset: true });
const LongText = z.string().max(20_000);

export const syncMeta = {
  id: IdSchema,
  /** Hybrid logical clock stamp of the last change. */
  stamp: StampSchema,
  /** Office (unit name) of the installation that made the last change. */
  by: z.string().max(200),
  /** Tombstone: the record was deleted; kept so the deletion syncs. */
  deleted: z.boolean().optional(),
};

export const DeadlineSchema = z.object({
  text: z.string().max(500),
  /** Last day, when the text names one ("2023年6月底前" → 2023-06-30; "2027年前" → 2027-12-31). */
  date: IsoDate.nullable(),
  kind: z.enum(['date', 'year', 'ongoing', 'recurring', 'unknown']),
});
export type Deadline = z.infer<typeof DeadlineSchema>;

export const CADENCE_KINDS = ['month', 'bimonth', 'quarter', 'halfyear', 'year', 'custom'] as const;
export type CadenceKind = (typeof CADENCE_KINDS)[number];
export const CadenceSchema = z
  .object({
    /** 每月 / 每两个月 / 每季度 / 每半年 / 每年, or a custom list of due days. */
    every: z.enum(CADENCE_KINDS),
    /** Due day of the period's last month (or of the month, for monthly reporting); unused by a custom cadence. */
    day: z.number().int().min(1).max(31),
    /** A custom cadence's due days (each ends one period). Optional: plans saved before custom cadences have none. */
    dueDates: z.array(IsoDate).max(366).optional(),
  })
  .refine((c) => c.every !== 'custom' || (c.dueDates?.length ?? 0) > 0, { message: '按指定日期报送时，请至少填写一个报送日期', path: ['dueDates'] });
export type Cadence = z.infer<typeof CadenceSchema>;

export const LEAD_RULES = ['columns', 'first-listed-is-lead', 'all-listed-are-leads'] as const;
export const LeadRuleSchema = z.enum(LEAD_RULES);
export type LeadRule = z.infer<typeof LeadRuleSchema>;

export const PlanSchema = z.object({
  ...syncMeta,
  title: Name,
  docNumber: z.string().max(100).nullable(),
  issuer: z.string().max(200).nullable(),
  date: IsoDate.nullable(),
  source: z.object({ name: z.string().max(500), sha256: z.string().regex(/^[0-9a-f]{64}$/) }).nullable(),
  leadRule: LeadRuleSchema,
  cadence: CadenceSchema,
  /** A task turns yellow this many days before its deadline. */
  yellowDays: z.number().int().min(0).max(365),
  /** The supervisor installation that owns the plan's structure. */
  owner: z.object({ office: z.string().max(200), device: z.string().max(64) }),
  createdAt: IsoDateTime,
  /** Archived by its owner: read-only everywhere (no edits, reports or actions), still shown and exportable. */
  archived: z.boolean().optional(),
});
export type Plan = z.infer<typeof PlanSchema>;

export const SectionSchema = z.object({
  ...syncMeta,
  planId: IdSchema,
  title: Name,
  parentId: IdSchema.nullable(),
  order: z.number().int().min(0),
});
export type Section = z.infer<typeof SectionSchema>;

/** A quantitative target of a task (shared/targets): "跟踪服务率达到100%" → 跟踪服务率 ≥ 100 %. `value` null: a qualitative milestone. */
export const TARGET_DIRECTIONS = ['>=', '<=', '='] as const;
export const TargetSchema = z.object({
  /** Stable within its task ("t1"), so reports can name it. */
  id: z.string().regex(/^t\d{1,3}$/, '无效的指标编号'),
  indicator: z.string().trim().min(1, '请填写指标名称').max(200, '指标名称不能超过200字'),
  unit: z.string().trim().max(20, '计量单位不能超过20字'),
  direction: z.enum(TARGET_DIRECTIONS, { error: '比较方式应为 ≥、≤ 或 =' }),
  value: z.number('目标值应为数字').finite('目标值应为数字').nullable(),
  /** The value when the plan started, for the straight-line path (0 when not stated). */
  baseline: z.number('基期值应为数字').finite('基期值应为数字').nullable().optional(),
  deadline: IsoDate.nullable(),
  /** The phrase the target was read from, as printed. */
  text: z.string().max(500),
});
export type Target = z.infer<typeof TargetSchema>;
/**
 * What the plan's owner changed by hand after an import, so that re-importing the document never proposes to
 * undo it. `document` keeps, for each field edited by hand, the value the imported document gave it: a revised
 * document that still says the same thing leaves the hand edit alone.
 */
export const TaskHandEditsSchema = z.object({
  /** Added by hand (not from a document): a re-import never proposes to remove it. */
  added: z.boolean().optional(),
  /** Deleted by hand (a tombstone whose reports stay in the history): a re-import never proposes to add it back. */
  deleted: z.boolean().optional(),
  /** Merged by hand into this task (a tombstone). */
  mergedInto: IdSchema.optional(),
  document: z
    .object({
      number: z.string().min(1).max(40),
      content: z.string().min(1).max(20_000),
      sectionId: IdSchema.nullable(),
      lead: z.array(IdSchema).max(200),
      support: z.array(IdSchema).max(200),
      implement: z.array(IdSchema).max(200),
      deadline: DeadlineSchema.nullable(),
    })
    .partial()
    .optional(),
});
export type TaskHandEdits = z.infer<typeof TaskHandEditsSchema>;

export const TaskSchema = z.object({
  ...syncMeta,
  planId: IdSchema,
  sectionId: IdSchema.nullable(),
  /** Number as printed ("12", "10-1", "(三)"). */
  number: z.string().min(1).max(40),
  order: z.number().int().min(0),
  content: z.string().min(1).max(20_000),
  lead: z.array(IdSchema).max(200),
  support: z.array(IdSchema).max(200),
  implement: z.array(IdSchema).max(200),
  deadline: DeadlineSchema.nullable(),
  /** Quantitative targets (optional: absent on older records). */
  targets: z.array(TargetSchema).max(20).optional(),
  /**
   * The units as the document stated them (roles.ts: StatedUnits, as unit ids): lead/support/implement are
   * `deriveRoles(stated, plan.leadRule)`, so changing the plan's lead rule re-derives the task. Absent on tasks
   * whose units were entered or edited by hand.
   */
  stated: z
    .object({ lead: z.array(IdSchema).max(200), support: z.array(IdSchema).max(200), implement: z.array(IdSchema).max(200), listed: z.array(IdSchema).max(200) })
    .optional(),
  /** Hand edits since the import (absent on a task exactly as imported). */
  hand: TaskHandEditsSchema.optional(),
});
export type Task = z.infer<typeof TaskSchema>;

export const UnitSchema = z.object({
  ...syncMeta,
  name: Name,
  /** Other names of the unit (old names after a rename, names merged into it): imports map them to this unit. */
  aliases: z.array(Name).max(50),
  /** Merged into another unit (a tombstone): its reports are shown as that unit's. */
  mergedInto: IdSchema.optional(),
});
export type Unit = z.infer<typeof UnitSchema>;

export { REPORT_STATUSES, MAX_REPORT_REVISIONS } from './reportConstants';
export const ReportStatusSchema = z.enum(REPORT_STATUSES);
export type ReportStatus = z.infer<typeof ReportStatusSchema>;
export const REPORT_STATUS_LABELS: Record<ReportStatus, string> = {
  'not-started': '未启动',
  'in-progress': '推进中',
  done: '已完成',
  ongoing: '常态化推进',
  delayed: '滞后',
  paused: '暂缓',
};

export const AttachmentRefSchema = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  name: z.string().min(1).max(255),
  mime: z.string().max(200),
  size: z.number().int().min(1),
});
export type AttachmentRef = z.infer<typeof AttachmentRefSchema>;

/**
 * Period key (see model/periods.ts): "2024-10" (monthly), "2024-B5" (bimonthly), "2024-Q4" (quarterly),
 * "2024-H2" (half-yearly), "2024" (yearly) or "2024-04-10" (a custom cadence's due day).
 */
export const PeriodSchema = z
  .string()
  .regex(/^\d{4}(-(0[1-9]|1[0-2])|-B[1-6]|-Q[1-4]|-H[12]|-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]))?$/, '无效的报送周期');

const reportContent = {
  status: ReportStatusSchema,
  progress: LongText,
  problems: LongText,
  nextSteps: LongText,
  percent: z.number().int().min(0).max(100).nullable(),
  attachments: z.array(AttachmentRefSchema).max(50),
  author: z.string().max(100),
  reportedAt: IsoDateTime,
  /** The value each target reached this period (optional: absent on older records). */
  values: z.array(z.object({ target: z.string().regex(/^t\d{1,3}$/), value: z.number().finite() })).max(20).optional(),
  /**
   * How the report reached the app: absent when the unit typed it in; 'form' when the plan's supervisor entered it
   * from the unit's filled 填报表 (offices without the app).
   */
  entry: z.enum(['form']).optional(),
};

/** An earlier version of a period's report, kept when the unit saves the report again. */
export const ReportRevisionSchema = z.object({ stamp: StampSchema, by: z.string().max(200), ...reportContent });
export type ReportRevision = z.infer<typeof ReportRevisionSchema>;

export const ReportSchema = z.object({
  ...syncMeta,
  planId: IdSchema,
  taskId: IdSchema,
  unitId: IdSchema,
  period: PeriodSchema,
  ...reportContent,
  /** Earlier versions of this report, newest first. Optional: reports saved before revisions were kept have none. */
  revisions: z.array(ReportRevisionSchema).max(MAX_REPORT_REVISIONS).optional(),
  /**
   * Stamp of the newest 销号/退回 on this task (for this unit) that the writing PC held when the report was saved:
   * a report that sorts after a 销号/退回 it never saw overrode it concurrently, and is listed for review.
   */
  basis: StampSchema.optional(),
});
export type Report = z.infer<typeof ReportSchema>;

export const ACTION_KINDS = [
  'confirm', // 销号
  'return', // 退回
  'urge', // 催办
  'extension-request', // 延期申请 (filed by the unit)
  'extension-approve',
  'extension-refuse',
] as const;
export const ActionKindSchema = z.enum(ACTION_KINDS);
export type ActionKind = z.infer<typeof ActionKindSchema>;

export const ActionSchema = z.object({
  ...syncMeta,
  planId: IdSchema,
  taskId: IdSchema,
  unitId: IdSchema.nullable(),
  kind: ActionKindSchema,
  text: LongText,
  date: IsoDate,
  /** For extension requests and approvals: the new deadline asked for or granted. */
  newDeadline: IsoDate.nullable(),
});
export type Action = z.infer<typeof ActionSchema>;

/** Attachment content, addressed by its SHA-256: immutable, so it never conflicts. */
export interface Blob256 {
  sha256: string;
  data: Uint8Array;
}

// This PC's identity: its own module, so the first screen checks it without building every schema (identity.ts).
export { INSTALLATION_ROLES, IdentitySchema, type Identity } from './identity';

// ---- 诉求事项 (requests, shared/requests): registered by a liaison office, routed, handled, closed ----
export const REQUEST_SOURCES = ['district', 'park', 'enterprise', 'other'] as const;
export const REQUEST_URGENCIES = ['normal', 'urgent', 'critical'] as const;
export const ServiceRequestSchema = z.object({
  ...syncMeta,
  planId: IdSchema,
  /** The registering office (liaison group or office that received it): it owns this record. */
  office: Name,
  /** Number: `prefix-year-seq` (the prefix names the registering office, so offline offices never collide). */
  prefix: z.string().trim().min(1).max(20),
  year: z.number().int().min(2000).max(2100),
  seq: z.number().int().min(1).max(99_999),
  source: z.enum(REQUEST_SOURCES),
  /** The 区县 / 园区 / 企业 that raised it. */
  sourceName: Name,
  requester: z.string().max(100),
  contact: z.string().max(100),
  receivedOn: IsoDate,
  /** 事项: a short line for lists and the 签转单. */
  subject: Name,
  content: LongText,
  attachments: z.array(AttachmentRefSchema).max(50),
  urgency: z.enum(REQUEST_URGENCIES),
});
export type ServiceRequest = z.infer<typeof ServiceRequestSchema>;

export const REQUEST_EVENT_KINDS = ['route', 'decline', 'dispose', 'progress', 'close', 'reopen'] as const;
export const DISPOSITIONS = ['immediate', 'study', 'unsupported', 'other-body'] as const;
export const MEETINGS = ['party-group', 'director-office'] as const;
export const SATISFACTIONS = ['satisfied', 'basic', 'unsatisfied', 'none'] as const;
/** One step of a request's handling, written by the office that takes it (never edited by another office). */
export const RequestEventSchema = z.object({
  ...syncMeta,
  planId: IdSchema,
  requestId: IdSchema,
  kind: z.enum(REQUEST_EVENT_KINDS),
  /** The acting office (its unit id): the registering office routes and reopens, the 承办部门 handles. */
  unitId: IdSchema,
  actor: Name,
  date: IsoDate,
  /** 签转意见 / 退回理由 / 办理结果 / 解释说明 / 协调情况 / 进展 / 重新办理的理由. */
  text: LongText,
  // route (签转)
  handler: Name.optional(),
  handlerUnitId: IdSchema.optional(),
  dueDate: IsoDate.optional(),
  signer: z.string().max(100).optional(),
  // dispose (办理方式)
  disposition: z.enum(DISPOSITIONS).optional(),
  solution: LongText.optional(),
  meeting: z.enum(MEETINGS).optional(),
  meetingDate: IsoDate.optional(),
  decision: LongText.optional(),
  policyBasis: LongText.optional(),
  followUp: LongText.optional(),
  body: z.string().max(200).optional(),
  channel: z.string().max(200).optional(),
  // close (办结)
  reply: LongText.optional(),
  satisfaction: z.enum(SATISFACTIONS).optional(),
});
export type RequestEvent = z.infer<typeof RequestEventSchema>;

/** A liaison office's 区域台账 handed to the lead office for one period ("每季度最后一个月20日前将台账交科标处"). */
export const RequestLedgerSchema = z.object({
  ...syncMeta,
  planId: IdSchema,
  office: Name,
  unitId: IdSchema,
  period: PeriodSchema,
  /** First submission (a late first submission stays late when re-sent). */
  firstSubmittedAt: IsoDateTime,
  submittedAt: IsoDateTime,
  /** Requests in the ledger when it was sent, for the lead office to check against the rows it has. */
  requestIds: z.array(IdSchema).max(10_000),
  note: LongText,
});
export type RequestLedger = z.infer<typeof RequestLedgerSchema>;

// ---- 考核 (shared/scoring): the scheme the supervisor sets per plan and year, and discretionary points ----
export const SCORE_ITEM_KINDS = ['on-time-reporting', 'on-time-completion', 'targets-met', 'overdue', 'returned', 'discretionary'] as const;
export const ScoreItemSchema = z.object({
  kind: z.enum(SCORE_ITEM_KINDS),
  label: z.string().trim().min(1).max(40),
  /** Rate items: the points for a full rate. Deduction items: points per occurrence. */
  points: z.number().min(0).max(1000),
  /** Deduction and discretionary items: the most points taken off (or added). */
  cap: z.number().min(0).max(1000),
  enabled: z.boolean(),
});
export type ScoreItem = z.infer<typeof ScoreItemSchema>;
export const ScoreSchemeSchema = z.object({
  ...syncMeta,
  planId: IdSchema,
  year: z.number().int().min(2000).max(2100),
  items: z.array(ScoreItemSchema).min(1).max(20),
});
export type ScoreScheme = z.infer<typeof ScoreSchemeSchema>;
export const ScoreAdjustmentSchema = z.object({
  ...syncMeta,
  planId: IdSchema,
  unitId: IdSchema,
  /** Period the points count in: a quarter ("2024-Q3") or a month; a year's score includes them all. */
  period: PeriodSchema,
  points: z.number().min(-100).max(100),
  reason: z.string().trim().min(1).max(2000),
  date: IsoDate,
});
export type ScoreAdjustment = z.infer<typeof ScoreAdjustmentSchema>;

/** The synced record kinds and their schemas, by Dexie table name. */
export const SYNCED_TABLES = {
  plans: PlanSchema,
  sections: SectionSchema,
  tasks: TaskSchema,
  units: UnitSchema,
  reports: ReportSchema,
  actions: ActionSchema,
  requests: ServiceRequestSchema,
  requestEvents: RequestEventSchema,
  requestLedgers: RequestLedgerSchema,
  scoreSchemes: ScoreSchemeSchema,
  scoreAdjustments: ScoreAdjustmentSchema,
} as const;
export type SyncedTable = keyof typeof SYNCED_TABLES;
export type SyncedRecord = Plan | Section | Task | Unit | Report | Action | ServiceRequest | RequestEvent | RequestLedger | ScoreScheme | ScoreAdjustment;

/**
 * What the reporting rules read of a report (status, period, stamps, dates, target values): a full Report is one,
 * and so is a report as the tracking screens hold it from the stored summary (shared/tracking/reportSummary.ts),
 * whose text is present only on each unit's newest report. Code that shows a report's text reads full reports.
 */
export type ReportHead = Pick<Report, 'id' | 'planId' | 'taskId' | 'unitId' | 'period' | 'stamp' | 'status' | 'reportedAt' | 'percent' | 'deleted' | 'values' | 'entry'> &
  Partial<Pick<Report, 'by' | 'progress' | 'problems' | 'nextSteps' | 'attachments' | 'author' | 'basis'>> & {
    /** Earlier versions (only their times are read: the first submission decides on-time reporting). */
    revisions?: readonly { reportedAt: string }[];
  };
