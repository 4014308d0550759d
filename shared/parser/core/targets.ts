import type { Deadline, Target } from '../../model/schemas';
import type { ParsedTask } from '../types';
import { parseDeadline } from './deadline';

/**
 * Quantitative targets stated in a task's text. Chinese plans state a target as
 *
 *   [subject][modal] COMPARATOR NUMBER UNIT [SUFFIX]     跟踪服务率应当达到100%；培训不少于200名专业人员；
 *                                                        不良反应报告率控制在5%以内；优良比例达到55%以上
 *   [subject] 增长|提高|下降 NUMBER %  [左右|以上]        地区生产总值增长7.5%左右
 *   [新增|建成|培训…] NUMBER COUNT-UNIT [object]          新增高标准农田8000万亩以上
 *   [subject] 实现全覆盖                                  疫苗电子追溯实现全覆盖 (= 覆盖率 ≥ 100%)
 *   [subject] 在YYYY年前 达到|建成|实现 [object]          检验检测能力在2027年前达到口岸标准 (a milestone, no number)
 *
 * The comparator gives the direction: 达到/不少于/不低于/以上/超过/提高到 → ≥; 不超过/控制在/以内/以下/降至 → ≤;
 * 左右 or a bare "为N" → =. Numbers may be Arabic, full-width, 百分之N or Chinese numerals; 万/亿 multiply into the unit.
 * Not targets: dates and ordinals, ranges ("1-2次"), processing time limits ("7个工作日内"), and attributive
 * thresholds that qualify a noun ("6亩以下的土地", "规模以上企业").
 * The deadline is the clause's own ("2027年前", "到2025年底") or else the task's.
 */

const CN_NUM: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** "二百五十" → 250, "十五" → 15, "三点五" → 3.5; NaN when not a numeral. */
export function chineseNumeral(text: string): number {
  const [whole, frac] = text.split('点') as [string, string | undefined];
  let total = 0;
  let section = 0;
  let digit = -1;
  for (const ch of whole) {
    if (ch in CN_NUM) digit = CN_NUM[ch]!;
    else if (ch in CN_UNIT) {
      section += (digit < 0 ? 1 : digit) * CN_UNIT[ch]!;
      digit = -1;
    } else if (ch === '万') {
      total += (section + Math.max(digit, 0)) * 10_000;
      section = 0;
      digit = -1;
    } else return NaN;
  }
  let value = total + section + Math.max(digit, 0);
  if (frac) {
    let scale = 0.1;
    for (const ch of frac) {
      if (!(ch in CN_NUM)) return NaN;
      value += CN_NUM[ch]! * scale;
      scale /= 10;
    }
  }
  return value;
}

const NUMBER = String.raw`(?:百分之)?(?:\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+(?:点[零〇一二三四五六七八九]+)?)`;
/** Units of a count or measure. 万/亿 may precede any of them. */
const COUNT_UNITS = '人次|人|名|家|个|项|件|次|户|所|座|台|套|批|场|条|篇|册|种|支|株|元|平方米|亩|公顷|公里|千米|米|吨|立方米|千瓦|张|份|例|床';
const UNIT = String.raw`(?<unit>%|％|‰|个百分点|(?:万|亿)?(?:${COUNT_UNITS}))?`;
const GE = '不少于|不低于|不小于|不得少于|不得低于|至少|达到|达|提高到|提高至|提升到|提升至|增加到|增加至|增至|增长到|超过|突破|保持在';
const LE = '不超过|不高于|不大于|不多于|不得超过|不得高于|控制在|降至|降到|降低到|降低至|下降到|下降至|减少到|减少至|压减到|压减至|压缩到|压缩至|低于|少于';
const GROWTH = '增长|提高|提升|增加';
const COUNT_VERBS = '新增|新建|建成|建设|培训|引进|培育|开展|组织|举办|创建|打造|完成|推动|服务|帮扶|走访|检查|抽检|新培育|新引进';

const TARGET = new RegExp(
  String.raw`(?<cmp>${LE}|${GE})?\s*(?<growth>${GROWTH})?\s*(?<num>${NUMBER})\s*${UNIT}\s*(?<suffix>及以上|以上|以内|以下|左右)?`,
  'g',
);

const DELIMS = /[，,：:；;、]/;
/** Modal verbs as whole words: not the 应 of 反应/供应/对应, not the 要 of 重要/主要/要求. */
const MODALS = /应当|应该|必须|分别|(?<![反响供适效对相呼答回])应(?![用急对收届激])|(?<![重主需纪简提概摘])要(?![求素点件])|(?<![必无])须|(?<![急必所])需(?!求|要)/g;
const LEADING = /^(?:\d{1,2}\s*[.．、]|[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}、|其中|并|且|同时|确保|力争|努力|争取|实现|全面|到\d{4}年(?:底|末)?|\d{4}年(?:底|末)?(?:前|以前)?|在\d{4}年(?:底|末)?(?:前|以前)?|全市|全区|全县|全省|年均|每年|累计|各区|各县|对)+/;
const TRAILING = /(?:应当|应该|应|要|须|必须|需|均|将|可|能|力争|确保|努力|争取|基本|全部|稳定|持续|分别|年均|累计|逐步|每年|在)+$/;

function cleanIndicator(raw: string): string {
  let s = raw.trim().replace(/\s+/g, '').replace(/[“”"'‘’《》]/g, '');
  for (let i = 0; i < 3; i++) s = s.replace(LEADING, '').replace(TRAILING, '');
  return s.slice(-40);
}

/**
 * The subject before a comparator: the text after the last clause delimiter (parenthetical asides dropped). When a
 * modal verb splits it ("各单位应分别明确1名"), the words after the modal are the requirement ("明确"); when nothing
 * follows the modal ("跟踪服务率应当达到"), the words before it are the subject.
 */
function subjectBefore(before: string, from: number): string {
  const text = before.slice(from).replace(/[（(][^（()）]{0,40}[)）]/g, '');
  const parts = text.split(MODALS);
  const last = parts[parts.length - 1]!.trim();
  return cleanIndicator(last.length >= 2 || parts.length === 1 ? last : parts.slice(0, -1).join(''));
}

function numberOf(text: string): number {
  const t = text.replace(/^百分之/, '');
  if (/^\d/.test(t)) return Number(t);
  return chineseNumeral(t);
}

/** The clause's own deadline ("2027年前", "到2025年底", "年底前"), or null. */
function clauseDeadline(clause: string, docYear: number | null): string | null {
  const m = /(?:到|至|在|于)?(\d{4})\s*年(?:\s*(\d{1,2})\s*月)?(?:底|末)?(?:前|以前|之前)?/.exec(clause) ?? (docYear ? /(?:年底|年末)(?:前|以前)?/.exec(clause) : null);
  if (!m) return null;
  const parsed: Deadline | null = parseDeadline(m[0].startsWith('年') ? `${docYear}${m[0]}` : m[0], docYear ?? undefined);
  return parsed?.date ?? null;
}

interface Found {
  indicator: string;
  unit: string;
  direction: Target['direction'];
  value: number | null;
  deadline: string | null;
  text: string;
}

function readClause(clause: string, docYear: number | null, taskDeadline: string | null): Found[] {
  const out: Found[] = [];
  const deadline = clauseDeadline(clause, docYear) ?? taskDeadline;
  let taken = 0;
  for (const m of clause.matchAll(TARGET)) {
    const g = m.groups!;
    const at = m.index ?? 0;
    const end = at + m[0].length;
    if (at < taken) continue;
    const rawUnit = g.unit ?? '';
    const before = clause.slice(0, at);
    const after = clause.slice(end);
    const cmp = g.cmp ?? '';
    const suffix = g.suffix ?? '';
    // Dates, ordinals, ranges, document numbers.
    if (/^\s*(?:年|月|日|号|届|期|批次|季度|周年)/.test(after) || /[第〔\[]\s*$/.test(before) || /^\s*[-—~～至到]\s*\d/.test(after) || /\d\s*[-—~～]\s*$/.test(before)) continue;
    // Processing time limits ("7个工作日内完成审批").
    if (/^\s*(?:个)?(?:工作日|日|天|小时|分钟|个月|年)\s*(?:内|以内)?/.test(after)) continue;
    // An attributive threshold qualifies a noun ("6亩以下的土地", "规模以上工业").
    if (suffix && /^\s*(?:的|\(|（)/.test(after)) continue;
    const growth = !!g.growth;
    const isCountVerb = new RegExp(`(?:${COUNT_VERBS})\\s*$`).test(before);
    let direction: Target['direction'] | null = null;
    if (new RegExp(`^(?:${LE})$`).test(cmp) || suffix === '以内' || suffix === '以下') direction = '<=';
    else if (suffix === '左右') direction = '=';
    else if (cmp || suffix === '以上' || suffix === '及以上') direction = '>=';
    else if (growth && rawUnit) direction = '>=';
    else if (isCountVerb && rawUnit && !/^%|％|‰|个百分点$/.test(rawUnit)) direction = '>=';
    if (!direction) continue;
    // A bare "达" must be 达到 (not 达标/达成): require a number right after it, which the pattern does.
    const value = numberOf(g.num!);
    if (!Number.isFinite(value)) continue;
    // The unit as printed ("8000万亩"): officers read targets in the document's own units.
    const unit = g.num!.startsWith('百分之') ? '%' : rawUnit.replace('％', '%');
    const clauseStart = Math.max(...[...before.matchAll(new RegExp(DELIMS, 'g'))].map((d) => (d.index ?? 0) + 1), taken);
    // "建成一个…", "打造一支…队伍": the numeral one after a verb is an article, not a count to reach.
    if (isCountVerb && !cmp && !suffix && /^[一]$/.test(g.num!)) continue;
    let indicator = subjectBefore(before, clauseStart) + (growth ? g.growth! : '');
    if (isCountVerb || indicator.length < 2 || /[明确配备确定建立设立]$/.test(indicator)) {
      const object = /^[“"'‘]?([^，,。；;：:（(、“”"'‘’]{1,15})/.exec(after)?.[1] ?? '';
      indicator = cleanIndicator(`${indicator}${object.replace(/^(?:的|以上|以下)/, '')}`);
    }
    if (indicator.length < 2) continue;
    out.push({ indicator, unit, direction, value, deadline, text: clause.slice(clauseStart, end).trim().slice(0, 200) });
    taken = end;
  }
  // "实现全覆盖" / "全覆盖": coverage of 100%.
  for (const m of clause.matchAll(/(?:实现|做到|达到)?(?:全覆盖|全面覆盖|100%覆盖)/g)) {
    const at = m.index ?? 0;
    if (out.some((f) => f.text.includes(m[0]))) continue;
    const before = clause.slice(0, at);
    const start = Math.max(...[...before.matchAll(new RegExp(DELIMS, 'g'))].map((d) => (d.index ?? 0) + 1), 0);
    const subject = cleanIndicator(before.slice(start));
    if (subject.length < 2) continue;
    out.push({ indicator: `${subject}覆盖率`, unit: '%', direction: '>=', value: 100, deadline, text: clause.slice(start, at + m[0].length).trim() });
  }
  // A milestone with a date and no number: "检验检测能力在2027年前达到符合口岸药品检验机构标准".
  if (!out.length) {
    const m = /^(?<subject>.*?)(?:在|于|到|至)?(?<year>\d{4})\s*年(?:底|末)?(?:前|以前|之前)(?<verb>达到|实现|建成|完成|形成|具备|基本建成|全面建成)(?<object>[^，,。；;]{2,40})/.exec(clause);
    if (m && !/\d/.test(m.groups!.object!)) {
      const start = Math.max(...[...m.groups!.subject!.matchAll(new RegExp(DELIMS, 'g'))].map((d) => (d.index ?? 0) + 1), 0);
      const subject = cleanIndicator(m.groups!.subject!.slice(start));
      const object = m.groups!.object!.trim();
      const indicator = `${subject}${m.groups!.verb}${object}`.slice(0, 60);
      if (indicator.length >= 4) out.push({ indicator, unit: '', direction: '=', value: null, deadline: clauseDeadline(m[0], docYear), text: clause.slice(start, (m.index ?? 0) + m[0].length).trim() });
    }
  }
  return out;
}

/** The targets a task's text states, numbered t1, t2… in order; none when it states none. */
export function readTargets(content: string, docYear: number | null = null, taskDeadline: Deadline | null = null): Target[] {
  const text = content.length > 20_000 ? content.slice(0, 20_000) : content;
  const found: Found[] = [];
  for (const clause of text.split(/[。；;！!？?\n]/)) {
    if (!/\d|[一二三四五六七八九十百]|覆盖|年前/.test(clause)) continue;
    for (const f of readClause(clause, docYear, taskDeadline?.date ?? null)) {
      if (found.some((x) => x.indicator === f.indicator && x.value === f.value && x.direction === f.direction)) continue;
      found.push(f);
    }
  }
  return found.slice(0, 20).map((f, i) => ({ id: `t${i + 1}`, indicator: f.indicator, unit: f.unit, direction: f.direction, value: f.value, deadline: f.deadline, text: f.text }));
}

/** The parser's hook: a finished task gains `targets` when its text states any (the field stays absent otherwise). */
export function attachTargets(task: ParsedTask, docYear: number | null): void {
  const targets = readTargets(task.content, docYear, task.deadline);
  if (targets.length) task.targets = targets;
}
