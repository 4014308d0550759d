/** Why a snapshot file is refused. The message is Chinese and shown to the user as it is. */
export type RefusalCode =
  | 'not-snapshot'
  | 'truncated'
  | 'trailing-bytes'
  | 'checksum'
  | 'version'
  | 'oversized'
  | 'manifest'
  | 'proto'
  | 'part-hash'
  | 'decompress'
  | 'utf8'
  | 'json'
  | 'record'
  | 'duplicate'
  | 'count'
  | 'blob-hash'
  | 'unreadable';

export class SnapshotRefusedError extends Error {
  override readonly name = 'SnapshotRefusedError';
  constructor(
    readonly code: RefusalCode,
    message: string,
  ) {
    super(message);
  }
}

export const refuse = (code: RefusalCode, message: string): never => {
  throw new SnapshotRefusedError(code, message);
};

/** The user stopped a long read or import: not a refusal, nothing about the file is wrong. */
export class SyncCancelledError extends Error {
  override readonly name = 'SyncCancelledError';
  constructor(message = '已取消，未写入任何数据') {
    super(message);
  }
}

/** Field names of records and the manifest, as people call them (validation messages never show code names). */
const FIELD_LABELS: Record<string, string> = {
  id: '编号',
  stamp: '修改时间戳',
  by: '修改单位',
  deleted: '删除标记',
  title: '标题',
  docNumber: '文号',
  issuer: '发文单位',
  date: '日期',
  source: '来源文件',
  leadRule: '牵头规则',
  cadence: '报送周期',
  every: '报送频率',
  day: '截止日',
  yellowDays: '黄灯提醒天数',
  owner: '计划所属单位',
  office: '单位',
  device: '设备',
  deviceId: '设备编号',
  role: '角色',
  createdAt: '创建时间',
  planId: '所属计划',
  parentId: '上级章节',
  order: '顺序',
  sectionId: '所属章节',
  number: '任务序号',
  content: '任务内容',
  lead: '牵头单位',
  support: '配合单位',
  implement: '落实单位',
  deadline: '完成时限',
  text: '文字',
  kind: '类型',
  name: '名称',
  aliases: '别名',
  taskId: '所属任务',
  unitId: '单位',
  period: '报送周期',
  status: '状态',
  progress: '进展情况',
  problems: '存在问题',
  nextSteps: '下步计划',
  percent: '完成百分比',
  attachments: '附件',
  sha256: '校验值',
  mime: '文件类型',
  size: '大小',
  author: '填报人',
  reportedAt: '报送时间',
  basis: '所依据的督办操作',
  newDeadline: '新的完成时限',
  format: '文件格式',
  formatVersion: '格式版本',
  app: '软件信息',
  version: '版本',
  producer: '导出单位',
  scope: '导出范围',
  since: '起始时间',
  plans: '计划列表',
  counts: '记录数',
  maxStamp: '最新修改时间',
  compression: '压缩方式',
  parts: '文件各部分',
  table: '表',
  blob: '附件',
  count: '记录数',
  offset: '位置',
  length: '长度',
  signature: '签名',
  clocks: '时钟记录',
};

const TYPE_NAMES: Record<string, string> = {
  string: '文字',
  number: '数字',
  int: '整数',
  boolean: '是或否',
  array: '列表',
  object: '对象',
  null: '空值',
  undefined: '空缺',
  bigint: '数字',
  date: '日期',
};

/** "attachments.0.sha256" → "附件第 1 项的校验值"; unknown names are quoted, never shown bare. */
export function fieldLabel(path: readonly PropertyKey[]): string {
  const out: string[] = [];
  for (const key of path) {
    if (typeof key === 'number') out.push(`第 ${key + 1} 项`);
    else {
      const name = String(key);
      const label = Object.hasOwn(FIELD_LABELS, name) ? FIELD_LABELS[name]! : `字段「${name}」`;
      out.push(out.length ? `的${label}` : label);
    }
  }
  return out.join('') || '记录';
}

/** The parts of a zod issue this module reads (zod's own messages are English and never shown). */
export interface IssueLike {
  code?: string;
  path: readonly PropertyKey[];
  message: string;
  expected?: unknown;
  keys?: readonly string[];
  origin?: string;
}

/** Messages written in our schemas are Chinese already; zod's defaults are English sentences. */
const isChinese = (text: string) => /[\u4e00-\u9fff]/.test(text);

/** A validation problem in Chinese: "进展情况应为文字", "含有不认识的字段「evil」". */
export function describeIssue(issue: IssueLike): string {
  const where = fieldLabel(issue.path);
  if (isChinese(issue.message)) return `${where}：${issue.message}`;
  switch (issue.code) {
    case 'invalid_type': {
      const expected = typeof issue.expected === 'string' ? TYPE_NAMES[issue.expected] : undefined;
      return expected ? `${where}应为${expected}` : `${where}缺失或类型不对`;
    }
    case 'unrecognized_keys':
      return `${where === '记录' ? '' : where}含有不认识的字段${(issue.keys ?? []).map((k) => `「${k.slice(0, 40)}」`).join('')}`;
    case 'too_big':
      return issue.origin === 'string' ? `${where}过长` : issue.origin === 'array' ? `${where}项数过多` : `${where}过大`;
    case 'too_small':
      return issue.origin === 'string' ? `${where}过短或为空` : issue.origin === 'array' ? `${where}项数过少` : `${where}过小`;
    case 'invalid_value':
      return `${where}的取值无效`;
    case 'invalid_format':
      return `${where}的格式无效`;
    case 'not_multiple_of':
      return `${where}应为整数`;
    default:
      return `${where}无效`;
  }
}
