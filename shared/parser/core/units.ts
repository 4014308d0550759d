/**
 * Unit (department) names: splitting lists, recognising names, stripping role words, joining wrapped lines,
 * and suggesting aliases. All functions are linear in their input (no backtracking regexes on long text).
 */
import { lookAlikeKey } from '../../text/safeName';

import { BODY_WORDS, CENTRAL_BODIES, DEPARTMENT_CORES, LEVEL_WORDS, UNIT_ENDINGS } from './data/bodies';

const CENTRAL = new Set<string>(CENTRAL_BODIES);
const CORES = new Set<string>(DEPARTMENT_CORES);
const BODY = new Set<string>(BODY_WORDS);
const LEVELS = new Set<string>(LEVEL_WORDS);
const CORE_MAX = Math.max(...DEPARTMENT_CORES.map((c) => c.length));
/** Endings by length, longest first, so that "…总署" is matched before "…署". */
const ENDINGS = [...UNIT_ENDINGS].sort((a, b) => b.length - a.length);

const PLACE_ENDINGS = ['区', '县', '市', '省', '镇', '乡'];

/** Role words that can follow (or precede) a list of units inside a cell or note. */
const ROLE_SUFFIXES = [
  '按职责分工负责', '按照职责分工负责', '按职责负责', '分工负责', '牵头负责', '共同负责', '具体落实', '负责落实',
  '牵头', '负责', '配合', '协助', '协办', '参与', '落实',
];

const OPEN = '（(〔[［【';
const CLOSE = '）)〕]］】';

/**
 * Remove trailing characters of a set. A loop, not /[…]+$/: that regex is quadratic on a long run of the
 * characters followed by something else.
 */
export function trimEndOf(text: string, chars: string): string {
  let end = text.length;
  while (end > 0 && chars.includes(text[end - 1]!)) end--;
  return end === text.length ? text : text.slice(0, end);
}

/** Lines of a cell, each trimmed (linear, unlike a split on whitespace around line breaks). */
export function cellLines(text: string): string[] {
  return text.split('\n').map((l) => l.trim());
}

const TRAILING_NOISE = '。．.，,；;、 \t\r\n\u3000\u00a0';

/** Strip one trailing parenthetical ("各乡镇（街道）" → "各乡镇") for suffix checks. */
function withoutTrailingParen(name: string): string {
  const last = name[name.length - 1];
  if (last === undefined || !CLOSE.includes(last)) return name;
  let depth = 0;
  for (let i = name.length - 1; i >= 0; i--) {
    const ch = name[i]!;
    if (CLOSE.includes(ch)) depth++;
    else if (OPEN.includes(ch)) {
      depth--;
      if (depth === 0) return name.slice(0, i);
    }
  }
  return name;
}

export function endsLikeUnit(name: string): boolean {
  const core = withoutTrailingParen(name.trim());
  if (core.length < 2) return false;
  return ENDINGS.some((e) => core.endsWith(e)) || knownBody(core) === 'named';
}

/** Leaders and their posts ("王丹县长", "常务副区长", "金力同志", "牵头市领导"): never units. */
export function isPersonOrPost(name: string): boolean {
  return /(?:[省市州县区镇乡旗]长|书记|主任|主席|同志|领导|委员|局长|处长|科长|部长|厅长|组长|秘书长|负责人|联系人|责任人)$/.test(
    withoutTrailingParen(name.trim()),
  );
}

const knownCache = new Map<string, 'named' | 'bare' | null>();

/**
 * A body named in the lexicon ('named'), or a department named by its level and core alone ('bare': "县发改",
 * which a table cell may write for "县发改局" but which may also be the first half of a wrapped name): a central body ("海关总署", "国家发展改革委", "全国工商联"), or a level prefix with a
 * department core and an optional body word ("县发改局", "区人力社保局", "市委宣传部", "县发改").
 */
export function knownBody(name: string): 'named' | 'bare' | null {
  const n = name.trim();
  const cached = knownCache.get(n);
  if (cached !== undefined) return cached;
  let known: 'named' | 'bare' | null =
    CENTRAL.has(n) || (n.startsWith('国家') && CENTRAL.has(n.slice(2))) || (n.startsWith('中国') && CENTRAL.has(n.slice(2))) ? 'named' : null;
  if (!known && n.length <= 24) {
    // Every place the core could start, within a prefix of at most 10 characters.
    for (let start = 0; start <= Math.min(10, n.length - 2) && !known; start++) {
      const prefix = n.slice(0, start);
      if (start > 0 && !/[省市州县区旗镇乡盟委府道级]$/.test(prefix) && !/^(?:国家|中央|全国|中国)$/.test(prefix)) continue;
      for (let len = Math.min(CORE_MAX, n.length - start); len >= 2; len--) {
        const body = n.slice(start + len);
        // A bare core ("科技", "交通") is a word; with a level before it ("县发改") it names the department.
        if (CORES.has(n.slice(start, start + len)) && BODY.has(body) && (body !== '' || start > 0)) {
          known = body === '' ? 'bare' : 'named';
          break;
        }
      }
    }
  }
  if (knownCache.size > 5000) knownCache.clear();
  knownCache.set(n, known);
  return known;
}

/** "各县、市、区政府", "各省、自治区、直辖市人民政府": levels listed with "、" before one body — one collective unit. */
export function isLevelGroup(name: string): boolean {
  if (!name.startsWith('各')) return false;
  const parts = name.slice(1).split('、');
  if (parts.length < 2) return false;
  // "各县、区人民政府(管委会)": the group's body may carry a bracketed alternative of its own, as a name does.
  const last = parts[parts.length - 1]!.replace(/[（(][^（）()]{1,12}[)）]$/, '');
  if (!parts.slice(0, -1).every((p) => LEVELS.has(p))) return false;
  return [...LEVELS].some((l) => last.startsWith(l) && GROUP_BODY.test(last.slice(l.length)));
}

const GROUP_BODY = /^(?:|人民政府|政府|党委|党委政府|党委和政府|管委会|人民政府办公室|政府办公室|政府办)$/;

/**
 * Endings of bodies named after a place ("…管理区", "…开发区", "…街道办事处"), which a list may write once for
 * several places: "城东、城西管理区" names two 管理区 and is kept whole as printed, like "各县、市、区政府".
 */
const AREA_ENDINGS = [
  '街道办事处', '管理委员会', '管理区', '开发区', '高新区', '经开区', '示范区', '试验区', '保护区', '风景区', '功能区', '工业园',
  '产业园', '管委会', '办事处', '新区', '园区', '片区', '农场', '林场', '街道',
];

/** A place written without its ending: short, Chinese only, not a name or a collective word by itself. */
function barePlace(part: string): boolean {
  return /^[\u4e00-\u9fff]{2,5}$/.test(part) && !/^(?:各|有关|相关|其他|其它|涉及|所在|属地|市直|县直|区直)/.test(part) && !endsLikeUnit(part) && knownBody(part) === null && !isPersonOrPost(part);
}

/** "城东、城西管理区": bare places before one name that ends like a place-named body, each place taking that ending. */
export function isSharedEndingGroup(name: string): boolean {
  const parts = name.split('、');
  if (parts.length < 2 || parts.length > 8) return false;
  const last = parts[parts.length - 1]!;
  const ending = AREA_ENDINGS.find((e) => last.endsWith(e) && last.length > e.length);
  if (!ending) return false;
  return parts.slice(0, -1).every((p) => barePlace(p) && endsLikeUnit(p + ending));
}

/** Merge "城东" + "城西管理区" (see isSharedEndingGroup) back into the one group the list names. */
function mergeSharedEndings(parts: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    let j = i;
    while (j + 1 < parts.length && barePlace(parts[j]!)) j++;
    if (j > i) {
      const group = parts.slice(i, j + 1).join('、');
      if (isSharedEndingGroup(group)) {
        out.push(group);
        i = j;
        continue;
      }
    }
    out.push(parts[i]!);
  }
  return out;
}

/** A single unit name: short, no sentence punctuation, a known body or ending like one, not a person or post. */
/** Words that open a requirement ("要…", "务必…", "切实加强…"); no body's name starts with them. */
const REQUIREMENT_OPENING = /^(?:要(?!素)|须|必须|务必|切实|抓好|抓紧|抓实|加强|加快|强化|做好|推进|推动|确保)/;

export function isUnitName(name: string): boolean {
  const n = name.trim();
  if (n.length < 2 || n.length > 40) return false;
  if (/[。，,；;：:！？!?“”"《》\s]/.test(n)) return false;
  if (/^\d/.test(n)) return false;
  if (n.includes('、') && !isLevelGroup(n) && !isSharedEndingGroup(n) && !/[（(][^）)]*、[^）)]*[)）]/.test(n)) return false;
  if (isPersonOrPost(n)) return false;
  // "领导小组下设办公室": 下设 ("sets up under it") is a verb, never part of a body's name.
  if (n.includes('下设')) return false;
  // "要抓到实处", "加强督查处": a requirement's verb opens a clause, never a body's name (which ends like one).
  if (REQUIREMENT_OPENING.test(n)) return false;
  return endsLikeUnit(n) || knownBody(withoutTrailingParen(n)) !== null;
}

/** True when every bracket in the text is closed. */
function balanced(text: string): boolean {
  let depth = 0;
  for (const ch of text) {
    if (OPEN.includes(ch)) depth++;
    else if (CLOSE.includes(ch) && --depth < 0) return false;
  }
  return depth === 0;
}

/**
 * A name that can stand alone: "各镇街", "中山海关", "市财政局" — not a bare head noun such as "科室" or
 * "编办", nor "相关科室", which on a line of its own is the end of a wrapped name.
 */
export function isStandaloneUnit(name: string): boolean {
  if (!isUnitName(name) || /^(?:相关|有关|其他|其它|直属|下属|所属|属地)/.test(name)) return false;
  return withoutTrailingParen(name).length >= 4 || /^(?:市|区|县|省|镇|乡|各|国家|中央|自治区)/.test(name);
}

/** Remove role words and list noise around a unit list ("A、B按职责分工负责。" → "A、B"). */
export function stripRoleWords(text: string): string {
  let t = text.trim();
  // Brackets around the whole note, or left over from one, go; a name's own "（街道）" stays.
  for (;;) {
    const before = t;
    t = trimEndOf(t, TRAILING_NOISE);
    if (/^[（(〔\[［【]/.test(t) && !balanced(t.slice(1))) t = t.slice(1);
    if (/[）)〕\]］】]$/.test(t) && !balanced(t)) t = t.slice(0, -1);
    if (t === before) break;
  }
  let changed = true;
  while (changed) {
    changed = false;
    t = trimEndOf(t, TRAILING_NOISE);
    for (const suffix of ROLE_SUFFIXES) {
      if (t.endsWith(suffix) && t.length > suffix.length) {
        t = t.slice(0, -suffix.length);
        changed = true;
        break;
      }
    }
    for (const trailer of ['等单位', '等部门', '等部门单位', '等']) {
      if (t.endsWith(trailer) && t.length > trailer.length + 1) {
        t = t.slice(0, -trailer.length);
        changed = true;
        break;
      }
    }
  }
  return t.trim();
}

/** Split a text into parts on a separator set, never inside parentheses. */
export function splitOutsideParens(text: string, separators: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (OPEN.includes(ch)) depth++;
    else if (CLOSE.includes(ch)) depth = Math.max(0, depth - 1);
    else if (depth === 0 && separators.includes(ch)) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** "A和B" → ["A","B"] only when both sides are unit names ("市工业和信息化局" stays whole). */
function splitConjunction(name: string): string[] {
  for (const conj of ['和', '及', '与']) {
    let from = 0;
    for (;;) {
      const i = name.indexOf(conj, from);
      if (i < 0) break;
      const left = name.slice(0, i);
      const right = name.slice(i + 1);
      // Both sides must name a body on their own: "有关部门和单位", "科技和经信局" stay whole.
      if (isUnitName(left) && endsLikeUnit(left) && isStandaloneUnit(right)) return [left, ...splitConjunction(right)];
      from = i + 1;
    }
  }
  return [name];
}

/**
 * "各区、临港新片区市场监管局" → the bare place "各区" borrows the department of the next name:
 * "各区市场监管局". Only when the borrowed part is at least three characters and a unit itself.
 */
function expandSharedSuffix(names: string[]): string[] {
  const out = [...names];
  for (let i = out.length - 2; i >= 0; i--) {
    const name = out[i]!;
    const last = name[name.length - 1]!;
    // Only a bare place ("各区", "市区"), not a body that ends like one ("立山经济开发区").
    if (!PLACE_ENDINGS.includes(last) || name.length > 4 || /(?:开发区|高新区|经开区|园区|新区|功能区)$/.test(name)) continue;
    const next = out[i + 1]!;
    const at = next.lastIndexOf(last, next.length - 2);
    if (at < 1) continue;
    const dept = next.slice(at + 1);
    if (dept.length >= 3 && endsLikeUnit(dept) && !PLACE_ENDINGS.includes(dept[dept.length - 1]!)) {
      out[i] = name + dept;
    }
  }
  return out;
}

const LIST_SEPARATORS = '、，,；;';

/**
 * Joins the lines of a unit cell: a line that does not end like a unit (or ends with a separator) was wrapped
 * mid-name ("市人力资源" + "社会保障局"); otherwise the next line is the next name. Linear in the text.
 */
export class WrapJoiner {
  private parts: string[] = [];
  /** The name being written: text after the last separator. */
  private tail = '';

  add(raw: string): void {
    const line = raw.trim();
    if (!line) return;
    if (this.parts.length && !this.continuedBy(line)) {
      this.parts.push('、');
      this.tail = '';
    }
    this.parts.push(line);
    let cut = -1;
    for (let i = line.length - 1; i >= 0; i--) if (LIST_SEPARATORS.includes(line[i]!)) {
      cut = i;
      break;
    }
    // Only the name's ending is ever examined: keep the tail short (and flat).
    this.tail = (cut >= 0 ? line.slice(cut + 1) : this.tail + line).slice(-40);
  }

  /** True when the text so far ends mid-name or with a separator, so the next line continues it. */
  get open(): boolean {
    if (!this.parts.length) return false;
    return this.tail === '' || !endsLikeUnit(stripRoleWords(this.tail));
  }

  /**
   * True when `line` carries on the text so far: it ends mid-name, or the line starts with a fragment that is
   * no name by itself but completes the last one ("各乡" + "镇（街道）").
   */
  continuedBy(line: string): boolean {
    if (this.open) return true;
    const first = splitOutsideParens(line.trim(), LIST_SEPARATORS)[0]?.trim() ?? '';
    if (!first || first.length > 12 || isStandaloneUnit(stripRoleWords(first))) return false;
    return isUnitName(stripRoleWords(this.tail + first));
  }

  get text(): string {
    return this.parts.join('');
  }
}

/** Join lines of a cell (see WrapJoiner). */
export function joinWrappedLines(lines: readonly string[]): string {
  const j = new WrapJoiner();
  for (const line of lines) j.add(line);
  return j.text;
}

/** Merge "各县" + "市" + "区政府" (a list of levels before one body) back into the one collective unit it names. */
function mergeLevelGroups(parts: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (p.startsWith('各') && LEVELS.has(p.slice(1))) {
      let j = i + 1;
      while (j < parts.length && LEVELS.has(parts[j]!)) j++;
      // The longest run that names one collective: "各县、市、区政府" (levels before one body), or levels alone
      // ("各镇、街道", "各乡镇、街道", the "各" covering each) when a unit of another kind follows.
      let k = Math.min(j, parts.length - 1);
      while (k > i && !isLevelGroup(parts.slice(i, k + 1).join('、'))) k--;
      if (k > i) {
        out.push(parts.slice(i, k + 1).join('、'));
        i = k;
        continue;
      }
    }
    out.push(p);
  }
  return out;
}

/** Collective words that "等" hands on as a unit of their own: "A、B等有关部门" → A, B and "有关部门". */
const COLLECTIVE_AFTER_DENG = /^(?:有关|相关|其他|其它|各)/;

/**
 * "X等有关部门" → X + "有关部门"; "X等部门" / "X等单位" / "X等8个部门" / "X等" → X; "X等和各省级人民政府" → X +
 * "各省级人民政府".
 */
function splitDeng(name: string): string[] {
  const at = name.lastIndexOf('等');
  if (at <= 0) return [name];
  const before = name.slice(0, at);
  let after = name.slice(at + 1);
  if (!isUnitName(before) && !isUnitName(stripRoleWords(before))) return [name];
  after = after.replace(/^(?:和|及|以及|与)/, '');
  // "X等8个部门", "X等十余家单位": a count of the bodies is no body.
  if (!after || /^(?:[0-9０-９]{1,3}|[一二三四五六七八九十两]{1,3}|十余|数)?(?:个|家|余个|余家)?(?:部门|单位|部门单位|单位部门|机构|地方|地区|方面)$/.test(after)) return [before];
  if (COLLECTIVE_AFTER_DENG.test(after) || isUnitName(after)) return [before, after];
  return [name];
}

/**
 * A slash separates units only between names: "市发改委/市财政局" → two units, "各县/市/区政府" → the one collective it
 * names. A slash in anything else splits nothing: markup ("市<script>…</script>局" must not give "script>局"), a URL,
 * "A/B", or a name and a fragment ("市发改委/财政") stay whole, for the reader to see as written.
 */
function splitOnSlashes(part: string): string[] {
  const pieces = splitOutsideParens(part, '／/').map((p) => p.trim()).filter(Boolean);
  if (pieces.length < 2) return pieces.length ? pieces : [part];
  const names = mergeSharedEndings(mergeLevelGroups(pieces));
  return names.every((n) => isUnitName(stripRoleWords(n))) ? names : [part];
}

/**
 * "市发改委 市财政局 市商务局": names separated by spaces (a table cell or a PDF line) are split when every piece is a
 * name that stands alone; "市 财 政 局" (a name spaced out letter by letter) and "各县（市、区） 政府" are not.
 */
function splitOnSpaces(part: string): string[] {
  if (!/[ \u3000]/.test(part)) return [part];
  const pieces = part.split(/[ \u3000]+/).filter(Boolean);
  return pieces.length > 1 && pieces.every((p) => isStandaloneUnit(stripRoleWords(p))) ? pieces : [part];
}

/** Split a list of units: "市财政局、市人力资源社会保障局,各镇街按职责分工负责" → three names. */
export function splitUnits(text: string): string[] {
  const cleaned = stripRoleWords(cellLines(text).join('\n'));
  if (!cleaned) return [];
  const joined = cleaned.includes('\n') ? joinWrappedLines(cleaned.split('\n')) : cleaned;
  const names: string[] = [];
  const parts = splitOutsideParens(joined, '、，,；;').flatMap((p) => splitOnSpaces(p.trim())).flatMap((p) => splitOnSlashes(p));
  for (const part of mergeSharedEndings(mergeLevelGroups(parts))) {
    // "市 财 政 局" (text copied from a PDF) is "市财政局".
    const name = stripRoleWords(part.replace(/(?<=[\u4e00-\u9fff）)])[ \u3000]+(?=[\u4e00-\u9fff（(])/g, ''))
      .replace(/^(?:由|请|和|及|以及)/, '')
      .trim();
    if (!name || /^(?:无|—+|-+|\/)$/.test(name)) continue;
    for (const n of splitDeng(name)) names.push(...splitConjunction(n));
  }
  return dedupe(expandSharedSuffix(names));
}

export function dedupe<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

/**
 * Words that are often dropped or added in a unit's name without changing the unit
 * ("医疗器械科" / "医疗器械监管科", "市场监督管理局" / "市场监管局").
 */
function aliasKey(name: string): string {
  // lookAlikeKey: invisible characters removed, NFKC, Cyrillic/Greek look-alikes of Latin letters folded.
  return lookAlikeKey(name)
    .replace(/监督管理/g, '')
    .replace(/监管/g, '')
    .replace(/管理/g, '')
    .replace(/[()（）\s]/g, '');
}

/** Groups of distinct names that are probably the same unit. Never merges: the caller warns. */
export function aliasGroups(namesInOrder: readonly string[]): string[][] {
  const counts = new Map<string, number>();
  for (const n of namesInOrder) counts.set(n, (counts.get(n) ?? 0) + 1);
  const byKey = new Map<string, string[]>();
  for (const name of counts.keys()) {
    const key = aliasKey(name);
    if (key.length < 2) continue;
    const group = byKey.get(key) ?? [];
    group.push(name);
    byKey.set(key, group);
  }
  return [...byKey.values()]
    .filter((g) => g.length > 1)
    .map((g) => [...g].sort((a, b) => (counts.get(a)! - counts.get(b)!) || a.length - b.length));
}
