import type { RequestEvent, ServiceRequest } from '../model/schemas';

/** Chinese labels of the 诉求事项 vocabulary (seed 000: 区县联络服务事项). */
export const SOURCE_LABELS: Record<ServiceRequest['source'], string> = {
  district: '区县',
  park: '园区',
  enterprise: '企业',
  other: '其他',
};

export const URGENCY_LABELS: Record<ServiceRequest['urgency'], string> = {
  normal: '一般',
  urgent: '紧急',
  critical: '特急',
};

export const EVENT_LABELS: Record<RequestEvent['kind'], string> = {
  route: '签转',
  decline: '退回（非本单位事权）',
  dispose: '办理方式',
  progress: '办理进展',
  close: '办结',
  reopen: '重新办理',
};

/** The four ways seed 000 says a request is handled ("五、（二）狠抓工作落实"). */
export const DISPOSITION_LABELS: Record<NonNullable<RequestEvent['disposition']>, string> = {
  immediate: '职能内即办',
  study: '需研究解决',
  unsupported: '政策不支持',
  'other-body': '属其他部门事权',
};

export const DISPOSITION_HINTS: Record<NonNullable<RequestEvent['disposition']>, string> = {
  immediate: '确属药监职能职责的，第一时间联系处理：填写办理结果',
  study: '复杂问题：明确办理责任、制定解决方案，提交党组会议或局长办公会议审议，记录会议及其决定',
  unsupported: '当前政策不支持或不具备办理条件的：做好解释说明，梳理登记并做好后续政策跟踪',
  'other-body': '属其他部门事权的：写明协调的部门、渠道（如“八张问题清单”数字平台）和协调情况',
};

export const MEETING_LABELS: Record<NonNullable<RequestEvent['meeting']>, string> = {
  'party-group': '党组会议',
  'director-office': '局长办公会议',
};

export const SATISFACTION_LABELS: Record<NonNullable<RequestEvent['satisfaction']>, string> = {
  satisfied: '满意',
  basic: '基本满意',
  unsatisfied: '不满意',
  none: '未评价',
};
