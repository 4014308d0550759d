import { emptyAssignment, type Assignment } from './assignment';
import { endsLikeUnit, isUnitName, splitOutsideParens, splitUnits, trimEndOf } from './units';

/**
 * Responsibilities stated in running prose: "由A会同B…", "A应当会同B、C等…", "A牵头负责…", "A和B应当…".
 * The subject must be a list of unit names; the partners are read up to the first word that is not a name.
 */
const MODAL_TAIL = /(?:应当|应|要|须|需|负责|可以|将)$/;

function subjectUnits(text: string): string[] | null {
  const t = text.replace(/^(?:原则上|同时|并|另外|此外)/, '').replace(/^由/, '').replace(MODAL_TAIL, '').trim();
  if (!t || t.length > 60) return null;
  const units = splitUnits(t);
  return units.length > 0 && units.every(isUnitName) ? units : null;
}

/** What follows a partner's name in running prose: what they do together, or the next word of the sentence. */
const AFTER_PARTNER = /^(?:等|对|在|就|于|按照|按|依|围绕|针对|开展|做好|进行|共同|研究|提出|负责|落实|推进|实施|加强|制定|组织|建立|完善|办理|编制|抓好|参与|配合|协助|[，,；;。])/;

/**
 * The partner a clause names at its start ("区相关部门对…", "县农业农村局开展…"): the longest unit name followed by
 * what they do; failing that, the shortest unit name.
 */
function partnerNameAtStart(item: string): string | null {
  let shortest: string | null = null;
  let followed: string | null = null;
  for (let len = 2; len <= Math.min(16, item.length); len++) {
    const prefix = item.slice(0, len);
    // "B等部门…": 等 ends the name ("X等" hands on X).
    if (prefix.endsWith('等')) break;
    if (!isUnitName(prefix)) continue;
    shortest ??= prefix;
    if (AFTER_PARTNER.test(item.slice(len))) followed = prefix;
  }
  return followed ?? shortest;
}

function partnerUnits(text: string): string[] {
  const out: string[] = [];
  for (const raw of splitOutsideParens(text, '、')) {
    const item = raw.trim().replace(/(?:等单位|等部门|等)$/, '');
    const whole = splitUnits(item);
    if (whole.length > 0 && whole.every(isUnitName)) {
      out.push(...whole);
      if (raw.trim().endsWith('等')) break;
      continue;
    }
    const prefix = partnerNameAtStart(item);
    if (prefix) out.push(prefix);
    break;
  }
  return out;
}

function inClause(clause: string): Assignment | null {
  const c = clause.trim();
  if (c.length < 4) return null;
  // "市发改委为牵头单位", "市财政局、市税务局为责任单位", "各县区为配合单位".
  const named = /为(牵头|主办|主要责任|责任|配合|协办|协同|参与)(?:单位|部门)/.exec(c);
  if (named && named.index > 1) {
    const units = subjectUnits(c.slice(0, named.index).replace(/^.*?(?:由|以|确定|明确)/, ''));
    if (units) {
      const role = named[1]!;
      if (role === '配合' || role === '协办' || role === '协同' || role === '参与') return { ...emptyAssignment(), support: units, explicit: true };
      if (role === '责任') return { ...emptyAssignment(), listed: units, explicit: true };
      return { ...emptyAssignment(), lead: units, explicit: true };
    }
  }
  const together = c.indexOf('会同');
  if (together > 0) {
    const lead = subjectUnits(c.slice(0, together));
    if (lead) {
      const support = partnerUnits(c.slice(together + 2)).filter((u) => !lead.includes(u));
      return { ...emptyAssignment(), lead, support, explicit: true };
    }
  }
  const leads = c.indexOf('牵头');
  if (leads > 0) {
    const lead = subjectUnits(c.slice(0, leads));
    // "由A牵头组织B、C…": the bodies the lead brings in (组织/会同/协调/联合/带领) work with it.
    const brings = /^牵头(?:负责)?(?:组织|会同|协调|联合|带领|召集)/.exec(c.slice(leads));
    const support = lead && brings ? partnerUnits(c.slice(leads + brings[0].length)).filter((u) => !lead.includes(u)) : [];
    if (lead) return { ...emptyAssignment(), lead, support, explicit: true };
  }
  const charges = c.indexOf('负责');
  // "…工作由A具体负责": the unit between 由 and 负责.
  const by = charges > 0 ? c.lastIndexOf('由', charges) : -1;
  if (by >= 0 && !/^负责(?:人|同志)/.test(c.slice(charges, charges + 4))) {
    const lead = subjectUnits(c.slice(by + 1, charges).replace(/(?:具体|统一|牵头)$/, ''));
    if (lead) return { ...emptyAssignment(), lead, explicit: true };
  }
  // "A负责…", but not "A主要负责人为成员" (负责人 is a person).
  if (charges > 0 && !c.startsWith('由') && !/^负责(?:人|同志)/.test(c.slice(charges, charges + 4))) {
    const lead = subjectUnits(c.slice(0, charges).replace(/(?:具体|统一)$/, ''));
    if (lead) return { ...emptyAssignment(), lead, explicit: true };
  }
  const charged = /^(?:原则上)?由(.{2,60}?)(?:具体)?负责/.exec(c);
  if (charged) {
    const lead = subjectUnits(charged[1]!);
    if (lead) return { ...emptyAssignment(), lead, explicit: true };
  }
  const shall = c.indexOf('应当');
  if (shall > 0) {
    const lead = subjectUnits(c.slice(0, shall));
    if (lead) return { ...emptyAssignment(), lead, explicit: true };
  }
  return null;
}

/** "B配合" / "B协助" / "B参与" right after the lead's clause. */
function partnersClause(clause: string): string[] {
  const m = /^(.{2,60}?)(?:要|应|须)?(?:全力|积极|主动|密切|大力|共同|协同|予以)?(?:配合|协助|参与|协同)(?:做好|落实|推进|实施|开展)?/.exec(clause.trim());
  return m ? (subjectUnits(m[1]!) ?? []) : [];
}

/** Words that follow the subject of a requirement: "各单位会后抓紧…", "县发改局要按照…", "各基地乡镇在规划…". */
const PREDICATE =
  /^(?:(?:全体)?(?:班子成员|领导班子|干部职工|主要负责同志|主要负责人|负责同志|主要领导|分管领导))?(?:要|应当|应|须|必须|务必|在|负责|牵头|抓紧|会后|将|于|按照|结合|立即|尽快|做好|切实|认真|加快|进一步|全面|积极|严格|继续|对)/;

/**
 * The subject of a requirement that opens a measure: a unit name followed by what it must do. Only names the
 * lexicon or an ending recognises (the shortest such prefix), so an ordinary sentence is not read as a unit.
 */
function subjectAtStart(clause: string, lists = false): Assignment | null {
  const names = subjectList(clause.trim().replace(/^(?:请|由)/, ''));
  // Several subjects are read only where each item is a requirement by construction (an enumerated item): in
  // running prose "A、B、C按照职责分工…" describes a mechanism as often as it assigns a task.
  if (!names || (names.length > 1 && !lists)) return null;
  // "A、B、C要…": several subjects are a single list, the first named heading it.
  return names.length === 1 ? { ...emptyAssignment(), lead: names, explicit: true } : { ...emptyAssignment(), listed: names, explicit: true };
}

/**
 * A role, not a body: "各牵头单位要…", "责任单位要…", "各配合部门要…" address whoever holds that role in the plan (a
 * requirement to every lead or every supporter), so they are never the subject a task is assigned to.
 */
const ROLE_PLACEHOLDER = /^(?:各|其他|相关)?(?:牵头|责任|主要责任|配合|协办|协同|主办|承办|参与)(?:责任)?(?:单位|部门)$/;

export function isRolePlaceholder(name: string): boolean {
  return ROLE_PLACEHOLDER.test(name.trim());
}

/** Unit names joined by "、" or "和" at the start of a clause, up to what they must do; null when it is no such list. */
function subjectList(c: string): string[] | null {
  const names: string[] = [];
  let rest = c;
  while (names.length < 12) {
    let next: string | null = null;
    for (let len = 2; len <= Math.min(20, rest.length - 1); len++) {
      const name = rest.slice(0, len);
      if (!isUnitName(name)) continue;
      const after = rest.slice(len);
      if (PREDICATE.test(after)) return isRolePlaceholder(name) ? null : [...names, name];
      // "和" joins two names only after a whole one ("市工业和信息化局" is one).
      if ((after.startsWith('、') || (/^[和及与]/.test(after) && endsLikeUnit(name))) && !names.includes(name)) {
        next = after.slice(1);
        names.push(name);
        break;
      }
    }
    if (next === null) return null;
    rest = next;
  }
  return null;
}

/**
 * What a duty list says a body does, right after the body is named: "负责…", "指导…", "依据职能…", "协助…".
 */
const DUTY = /^(?:负责|牵头|主要负责|具体负责|承担|指导|督促|组织|协调|协助|配合|依据职能|依据职责|依职责|按照职责|按职责|落实|做好)/;

/**
 * A duty list entry: the measure opens with the bodies it is about, standing alone and closed by "。" or ":"
 * ("区城管执法大队。负责查处…", "市卫生局：负责…", "各镇、街道、莘庄工业区。负责将…"), then says what they do. The
 * bodies named are the ones responsible (one list, the first named heading it).
 */
function dutyListEntry(sample: string, firstClause: string, nextClause: string | undefined): Assignment | null {
  const names = firstClause.trim();
  if (!names || names.length > 60 || nextClause === undefined || !DUTY.test(nextClause.trim())) return null;
  // The first clause starts the text: the character after it is what closed it.
  const closer = sample.charAt(firstClause.length);
  if (!/[。:：]/.test(closer)) return null;
  const units = splitUnits(names);
  if (units.length === 0 || !units.every(isUnitName)) return null;
  return units.length === 1 ? { ...emptyAssignment(), lead: units, explicit: true } : { ...emptyAssignment(), listed: units, explicit: true };
}

/**
 * A paragraph of an unnumbered duty list ("区商务局：负责督促指导…", "各街道办事处：负责辖区内…"): the bodies it opens
 * with, or null when it does not open like a duty list entry.
 */
export function dutyParagraph(text: string): Assignment | null {
  const sample = text.length > 2_000 ? text.slice(0, 2_000) : text;
  const clauses = sample.split(/[，。；,;：:！？!?\n]/);
  return dutyListEntry(sample, clauses[0]!, clauses[1]);
}

/** A clause opening with the bodies it charges: "县财政局负责落实资金", "各乡镇人民政府要负责具体实施". */
const CHARGED = /^(.{2,60}?)(?:具体|统一|主要)?(?:负责|牵头|承担)/;

/**
 * Duties shared out in one passage, clause by clause ("县农业农村局负责…；县财政局负责…；县自然资源局负责…"):
 * three or more clauses separated by "；", each opening with the bodies it charges; a short headline before them
 * ("明确工作责任。") is no duty. Each clause with its bodies (several: one list), or [] when the passage is not
 * shared out that way.
 */
export function dutyClauses(text: string): { text: string; a: Assignment }[] {
  if (text.length > 5_000 || !/[；;]/.test(text)) return [];
  let body = text.trim();
  const headline = /^[^。；;，,]{2,16}。/.exec(body);
  if (headline) body = body.slice(headline[0].length);
  const clauses = body.split(/[；;]/).map((c) => trimEndOf(c.trim(), '。．.')).filter(Boolean);
  if (clauses.length < 3) return [];
  const out: { text: string; a: Assignment }[] = [];
  for (const clause of clauses) {
    const m = CHARGED.exec(clause);
    const units = m ? subjectUnits(m[1]!) : null;
    if (!units) return [];
    out.push({ text: clause, a: units.length === 1 ? { ...emptyAssignment(), lead: units, explicit: true } : { ...emptyAssignment(), listed: units, explicit: true } });
  }
  return out;
}

/**
 * A measure that opens with a short headline of its own ("要强化督查。", "加强组织领导，", "原则同意该《方案》，") and
 * then names who carries it out: the clause after the headline is where the subject stands, as on the line after
 * a heading ("(一)确保栽足种实" / "各乡镇人民政府要…"). The index of that clause, or -1.
 */
const HEADLINE_MAX = 12;

function headlineClause(sample: string, clauses: readonly string[]): number {
  const first = clauses[0] ?? '';
  if (clauses.length < 2 || first.trim().length < 2 || first.trim().length > HEADLINE_MAX) return -1;
  return /[。，,]/.test(sample.charAt(first.length)) ? 1 : -1;
}

/** The first responsibility stated in a passage of prose, or null. */
export function findProseAssignment(text: string, options: { sentenceSubjects?: boolean } = {}): Assignment | null {
  const sample = text.length > 20_000 ? text.slice(0, 20_000) : text;
  const clauses = sample.split(/[，。；,;：:！？!?\n]/);
  // Clauses that open a paragraph, where the subject of a requirement stands.
  const paragraphs = new Set<number>([0]);
  let at = 0;
  clauses.forEach((c, i) => {
    at += c.length;
    if (sample[at] === '\n') paragraphs.add(i + 1);
    at += 1;
  });
  const entry = dutyListEntry(sample, clauses[0]!, clauses[1]);
  if (entry) return entry;
  const headline = headlineClause(sample, clauses);
  for (let i = 0; i < clauses.length; i++) {
    // A subject opens the measure; inside a short enumerated item ("三是指导要更细。X要…", "一要严把质量，X要…")
    // any sentence or clause may; after a measure's headline ("要强化督查。X、Y要…") the next clause may.
    const opens = paragraphs.has(i) || i === headline;
    const a = inClause(clauses[i]!) ?? (opens || options.sentenceSubjects ? subjectAtStart(clauses[i]!, options.sentenceSubjects || i === headline) : null);
    if (!a) continue;
    if (a.support.length === 0 && i + 1 < clauses.length) {
      a.support = partnersClause(clauses[i + 1]!).filter((u) => !a.lead.includes(u));
      // "A为牵头单位，B为责任单位（配合单位）": the next clause names the others.
      const next = /为(?:责任|配合|协办|协同|参与)(?:单位|部门)/.test(clauses[i + 1]!) ? inClause(clauses[i + 1]!) : null;
      if (next && !a.support.length) a.support = [...next.support, ...next.listed].filter((u) => !a.lead.includes(u));
    }
    return a;
  }
  return null;
}
