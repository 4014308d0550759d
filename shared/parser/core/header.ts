/** Task-table column roles, recognised from header cells by synonym. */
export type ColumnRole =
  | 'number'
  | 'section'
  | 'content'
  | 'lead'
  | 'support'
  | 'listed'
  | 'implement'
  | 'deadline'
  | 'other';

const SYNONYMS: Record<Exclude<ColumnRole, 'other'>, string[]> = {
  number: ['序号', '编号', '任务编号', '序', '号', '任务序号'],
  section: [
    '工作任务', '重点任务', '项目', '主要任务', '任务类别', '类别', '领域', '重点领域', '工作类别', '重点工作',
    '任务名称', '工作重点', '任务分类', '分类', '重点项目', '工作项目', '一级任务', '二级任务', '任务事项', '措施名称',
    '工作事项', '主要措施', '重点方向', '目标任务',
  ],
  content: [
    '具体内容', '工作措施', '具体措施', '任务内容', '工作内容', '主要内容', '措施内容', '具体任务', '工作举措',
    '任务措施', '政策措施', '重点工作内容', '任务要求', '具体工作', '工作要求', '具体事项', '工作目标', '具体举措',
    '任务描述', '内容', '措施', '任务', '事项', '重点事项', '工作任务内容',
  ],
  lead: ['牵头单位', '牵头部门', '牵头责任单位', '牵头处室', '牵头科室', '主责单位', '主责部门', '牵头', '主要责任单位', '主办单位', '牵头负责部门', '牵头负责单位'],
  support: [
    '配合单位', '配合部门', '协办单位', '参与单位', '主要协作单位', '协作单位', '配合处室', '配合科室', '协同单位',
    '协办部门', '参与部门', '配合', '协作部门',
  ],
  listed: ['责任单位', '责任部门', '责任主体', '责任处室', '责任科室', '负责单位', '责任单位（部门）'],
  implement: ['具体落实单位', '落实单位', '实施单位', '具体落实', '落实部门', '承办单位'],
  deadline: ['完成时限', '时间节点', '完成时间', '时限', '完成期限', '时间安排', '进度安排', '时间进度', '时限要求', '完成时限要求', '时间'],
};

const LOOKUP = new Map<string, ColumnRole>();
for (const [role, words] of Object.entries(SYNONYMS)) for (const w of words) LOOKUP.set(w, role as ColumnRole);

/**
 * Words that name a field or a column (header words, and the labels of the people fields beside them): the words an
 * office spreads out to fill a cell or a label's width ("牵 头 单 位", "完　成　时　限", "序　号").
 */
export const FIELD_LABELS: ReadonlySet<string> = new Set([
  ...[...LOOKUP.keys()].filter((w) => w.length >= 2 && !/[（(]/.test(w)),
  ...['牵头领导', '分管领导', '责任领导', '联系领导', '牵头市领导', '牵头负责领导', '牵头县领导', '牵头区领导', '责任人', '联系人', '备注'],
]);

/** Header words of columns the plan does not use (people, phones, progress): never mistaken for unit columns. */
const OTHER = /^(?:备注|说明|进展情况|完成情况|工作进展|目标|牵头领导|分管领导|责任领导|联系领导|责任人|联系人|联系电话|电话|经办人|佐证材料|完成标志|预期成果|成果形式)/;

/**
 * A header read as evidence of its column's role when it is not one of the usual words: what it says about
 * people, progress, time, roles or text ("内容与要求" → content, "当前进度" → other, "协同配合单位" → support,
 * "牵头负责部门" → lead, "民生实事" → content).
 */
function roleByEvidence(n: string): ColumnRole | null {
  if (/领导|负责人|责任人|联系人|电话|经办人|分管|包保/.test(n)) return 'other';
  if (/进展|(?<!时间)进度(?!安排)|完成情况|推进情况|落实情况|成效|存在问题|备注|说明|佐证|材料|标志|成果|考核|评价|分值|得分|金额|资金|投资额/.test(n)) return 'other';
  if (/时限|时间|期限|节点|进度安排/.test(n)) return 'deadline';
  const body = /(?:单位|部门|处室|科室|主体|机构|责任方)$/.test(n);
  if (body || /^(?:牵头|配合|协办|责任|主责)$/.test(n)) {
    if (/牵头|主责|主办|主要责任/.test(n)) return 'lead';
    if (/配合|协同|协办|协作|参与|支持|协助/.test(n)) return 'support';
    if (/落实|实施|承办/.test(n)) return 'implement';
    if (/责任|负责|承担/.test(n)) return 'listed';
  }
  if (/类别|领域|分类|方向|板块|篇章|类型|一级|二级|专项/.test(n)) return 'section';
  if (/内容|措施|任务|事项|举措|要求|目标|实事|项目|工作|指标|名称|清单/.test(n) && n.length <= 10) return 'content';
  return null;
}

/** Normalise a header cell: "序  号" → "序号", "牵头单位（部门）" → "牵头单位", "2022年预期目标" → "预期目标". */
export function normalizeHeader(cell: string): string {
  return cell
    .replace(/\s+/g, '')
    // "2022年预期目标", "2024年度重点任务": the year a column's tasks belong to says nothing of its role.
    .replace(/^(?:\d{4}|[〇○零一二三四五六七八九]{4})年度?(?=[\u4e00-\u9fff]{2})/, '')
    .replace(/[（(][^）)]{0,20}[）)]$/, '')
    .replace(/[:：*＊]$/, '');
}

/**
 * The role a header cell names, or null when it is not a header word. With `evidence`, a cell that is not one of
 * the usual words is read for what it says (see roleByEvidence): only for cells already in a header's place.
 */
export function headerRole(cell: string, evidence = false): ColumnRole | null {
  const n = normalizeHeader(cell);
  if (!n || n.length > 14) return null;
  const exact = LOOKUP.get(n);
  if (exact) return exact;
  if (OTHER.test(n)) return 'other';
  // "主要工作任务", "牵头单位及责任人"
  for (const [word, role] of LOOKUP) {
    if (word.length >= 3 && (n.endsWith(word) || n.startsWith(word)) && n.length <= word.length + 4 && !/表$/.test(n)) return role;
  }
  if (!evidence || /表$|[。，,；;、\d]/.test(n) || n.length > 10) return null;
  return roleByEvidence(n);
}

/** Column roles of a header row, or null when the row is not a task-table header. */
export function readHeader(cells: readonly string[]): ColumnRole[] | null {
  const strong = cells.map((c) => headerRole(c));
  if (strong.filter((r) => r !== null && r !== 'other').length < 2) return null;
  const roles = cells.map((c, i) => strong[i] ?? headerRole(c, true));
  const known = roles.filter((r): r is ColumnRole => r !== null && r !== 'other');
  if (known.length < 2) return null;
  const nonEmpty = cells.filter((c) => c.trim()).length;
  if (roles.filter((r) => r !== null).length < Math.ceil(nonEmpty * 0.6)) return null;
  const hasUnits = known.some((r) => r === 'lead' || r === 'listed' || r === 'support' || r === 'implement');
  const hasText = known.some((r) => r === 'content' || r === 'section');
  if (!hasUnits || !hasText) return null;
  return roles.map((r) => r ?? 'other');
}

/** Combine a header with a sub-header row ("责任单位" over "牵头单位 | 配合单位"). */
export function mergeHeaders(top: ColumnRole[], sub: readonly string[]): ColumnRole[] | null {
  const subRoles = sub.map((c) => headerRole(c));
  if (subRoles.filter((r) => r && r !== 'other').length < 1) return null;
  if (sub.some((c, i) => c.trim() && subRoles[i] === null)) return null;
  return top.map((r, i) => {
    const s = subRoles[i];
    return s && s !== 'other' && (r === 'listed' || r === 'other' || r === s) ? s : r;
  });
}

/** When the table has no content column, its innermost section column carries the content. */
export function settleRoles(roles: ColumnRole[]): ColumnRole[] {
  const out = [...roles];
  if (!out.includes('content')) {
    const last = out.lastIndexOf('section');
    if (last >= 0) out[last] = 'content';
  }
  const hasLead = out.includes('lead');
  const hasSupport = out.includes('support');
  if (out.includes('listed') && hasLead) {
    // "责任单位" beside "牵头单位" lists the others (support, or the implementers when a support column exists
    // too). Beside "配合单位" alone it stays a single list: its first unit leads (or all, by the document's rule).
    const as: ColumnRole = hasSupport ? 'implement' : 'support';
    return out.map((r) => (r === 'listed' ? as : r));
  }
  return out;
}
