/**
 * The grammar of assignment notes, case by case (each case a form real documents use, in generic wording), and
 * the lexicon of bodies used with it. Roles are derived with the one lead rule (deriveRoles) as the parser does.
 */
import { describe, expect, it } from 'vitest';
import { deriveRoles } from '../../../shared/model/roles';
import { parseExtracted } from '../../../shared/parser/core';
import { parseNote, statedRule } from '../../../shared/parser/core/assignment';
import { isPersonOrPost, isUnitName, splitUnits } from '../../../shared/parser/core/units';
import { linesAsBlocks } from './seedHelpers';

const roles = (inner: string, rule: 'first-listed-is-lead' | 'all-listed-are-leads' = 'first-listed-is-lead') => {
  const a = parseNote(inner);
  expect(a, inner).not.toBeNull();
  const r = deriveRoles(a!, rule);
  return { lead: r.lead, others: [...r.support, ...r.implement], deadline: a!.deadline, unread: a!.unread };
};

/** Each note reads as the leads and the others given, in order, with nothing left unread. */
const readsEach = (cases: readonly [string, string[], string[]][]) => {
  for (const [inner, lead, others] of cases) {
    it(inner, () => {
      const r = roles(inner);
      expect(r.lead).toEqual(lead);
      expect(r.others).toEqual(others);
      expect(r.unread).toEqual([]);
    });
  }
};

describe('assignment notes', () => {
  const cases: [string, string[], string[]][] = [
    ['市发展改革委、市财政局、市商务局负责', ['市发展改革委'], ['市财政局', '市商务局']],
    ['市教育局会同有关部门负责', ['市教育局'], ['有关部门']],
    ['市发展改革委、市财政局会同有关部门负责', ['市发展改革委'], ['市财政局', '有关部门']],
    ['市人社局、市农业农村局分别牵头', ['市人社局', '市农业农村局'], []],
    ['市农业农村局、市工信局牵头负责', ['市农业农村局', '市工信局'], []],
    ['市场监管总局等和各省级人民政府负责', ['市场监管总局'], ['各省级人民政府']],
    ['区商务局主办，区财政局、区统计局协办', ['区商务局'], ['区财政局', '区统计局']],
    ['县科技局牵头，县工信局参与，县经信局指导', ['县科技局'], ['县工信局', '县经信局']],
    ['主要责任单位：区住建局；协同责任单位：区城管局、各街道', ['区住建局'], ['区城管局', '各街道']],
    ['牵头单位：县发改局  责任单位：县财政局、县统计局', ['县发改局'], ['县财政局', '县统计局']],
    ['牵头单位：区政府办公室，责任单位：区政府有关部门，各街道（功能区）', ['区政府办公室'], ['区政府有关部门', '各街道（功能区）']],
    ['牵头部门：市卫健委；配合部门：团市委、市委组织部、市妇联', ['市卫健委'], ['团市委', '市委组织部', '市妇联']],
    ['全国工商联、共青团中央、全国妇联、中华全国供销合作总社负责', ['全国工商联'], ['共青团中央', '全国妇联', '中华全国供销合作总社']],
    ['海关总署、国家国际发展合作署负责', ['海关总署'], ['国家国际发展合作署']],
    ['责任单位：县发改局（粮食局）、县农业农村局', ['县发改局（粮食局）'], ['县农业农村局']],
    ['市交通局牵头，各县、市、区政府按职责分工负责', ['市交通局'], ['各县、市、区政府']],
  ];
  for (const [inner, lead, others] of cases) {
    it(inner, () => {
      const r = roles(inner);
      expect(r.lead).toEqual(lead);
      expect(r.others.sort()).toEqual([...others].sort());
      expect(r.unread).toEqual([]);
    });
  }

  it('a time limit inside the note is the deadline, not a unit', () => {
    expect(roles('市住建局负责，6月底完成')).toMatchObject({ lead: ['市住建局'], others: [], deadline: '6月底完成' });
    expect(roles('国务院各部门分别负责，年内持续推进')).toMatchObject({ lead: ['国务院各部门'], deadline: '年内持续推进' });
  });

  it('a rule stated in the note is the document’s rule, never part of a name', () => {
    expect(roles('县发改局（首位单位为牵头单位，下同）、县财政局、县税务局')).toMatchObject({ lead: ['县发改局'], others: ['县财政局', '县税务局'] });
    expect(parseNote('税务总局、财政部负责，排在第一位的部门为牵头部门，下同')!.rule?.rule).toBe('first-listed-is-lead');
    expect(parseNote('省经信委、省发改委（省能源局）。列第一位者为牵头部门，下同')!.listed).toEqual(['省经信委', '省发改委（省能源局）']);
    expect(statedRule('责任单位排名不分先后')?.rule).toBe('all-listed-are-leads');
    expect(statedRule('无牵头单位的，责任单位即为牵头单位')?.rule).toBe('all-listed-are-leads');
  });

  it('"以下…均需X落实，不再单独列出": X implements', () => {
    const a = parseNote('责任单位：市工信局、市财政局等有关部门，各县区政府。以下措施均需各县区政府落实，不再单独列出')!;
    expect(a.forAll?.implement).toEqual(['各县区政府']);
    expect(deriveRoles(a, 'first-listed-is-lead')).toMatchObject({ lead: ['市工信局'], support: ['市财政局', '有关部门'], implement: ['各县区政府'] });
  });

  it('a note read only partly yields the units it can read and what it could not', () => {
    const r = roles('区政务服务中心牵头，区发改局、某某某某某某筹备推进组织负责');
    expect(r.lead).toEqual(['区政务服务中心']);
    expect(r.others).toEqual(['区发改局']);
    expect(r.unread).toEqual(['某某某某某某筹备推进组织']);
  });

  it('a list labelled 责任单位 is a single list even when it ends in "按职责分工负责"', () => {
    for (const inner of [
      '责任单位：区发改局、区财政局、区商务局按职责分工负责',
      '责任单位:县农业农村局、县水利局按职责分工负责。',
      '责任部门：市教育局、市人社局、市卫健委按照职责分工负责',
    ]) {
      const r = roles(inner);
      expect(r.lead, inner).toHaveLength(1);
      expect(r.others.length, inner).toBeGreaterThan(0);
    }
    // Without a label the verb keeps its meaning: everyone listed answers for the task.
    expect(roles('区发改局、区财政局按职责分工负责').lead).toEqual(['区发改局', '区财政局']);
    // With the document-wide rule after it, the rule still goes to the document and never into a name.
    const a = parseNote('责任单位：省商务厅、省财政厅按职责分工负责。各地均涉及相关县（市）人民政府，不再做分工，下同')!;
    expect(a.listed).toEqual(['省商务厅', '省财政厅']);
  });

  it('a rule naming the lead with a qualifier ("为工作牵头单位或汇总单位") is a rule, and the last unit before it stays', () => {
    for (const rule of ['列第一位者为工作牵头单位或汇总单位，下同', '排在首位的为任务牵头部门，下同', '第一个单位为业务主办单位']) {
      expect(statedRule(rule)?.rule, rule).toBe('first-listed-is-lead');
    }
    expect(roles('县商务局、县财政局、县税务局（列第一位者为工作牵头单位或汇总单位，下同）')).toMatchObject({
      lead: ['县商务局'],
      others: ['县财政局', '县税务局'],
    });
  });

  it('a parenthetical remark is no note', () => {
    expect(parseNote('企业直接向省发展改革委申报，不需市级发展改革部门转报')).toBeNull();
    expect(parseNote('含技工院校')).toBeNull();
  });

  it('every bracket kind closes a note', () => {
    for (const [open, close] of ['（）', '()', '〔〕', '[]', '［］', '【】']) {
      const r = parseExtracted(linesAsBlocks(`某方案\n一、任务\n1.推进改革。${open}市发改局牵头，市财政局配合${close}`));
      expect(r.tasks[0], open).toMatchObject({ lead: ['市发改局'], support: ['市财政局'] });
    }
  });
});

describe('unit names', () => {
  it('recognises bodies by the lexicon and by their endings', () => {
    for (const n of ['海关总署', '全国工商联', '共青团中央', '全国妇联', '团市委', '市委组织部', '中华全国供销合作总社', '县发改', '人民银行市中心支行', '各基地乡镇', '丽水开发区管委会', '各县、市、区政府', '各省、自治区、直辖市人民政府']) {
      expect(isUnitName(n), n).toBe(true);
    }
  });
  it('places written once before a shared ending ("城东、城西管理区") stay one group, as printed', () => {
    expect(splitUnits('市统计局，各乡、镇人民政府，城东、城西管理区，某某开发区')).toEqual(['市统计局', '各乡、镇人民政府', '城东、城西管理区', '某某开发区']);
    expect(splitUnits('区住建局、北湖、南湖街道办事处')).toEqual(['区住建局', '北湖、南湖街道办事处']);
    expect(splitUnits('青山、红星、五一农场')).toEqual(['青山、红星、五一农场']);
    expect(isUnitName('城东、城西管理区')).toBe(true);
    // Names that stand alone are never glued to the next one; collectives are no bare place.
    expect(splitUnits('市财政局、城西管理区')).toEqual(['市财政局', '城西管理区']);
    expect(splitUnits('县农业农村局、涉及乡镇、施工单位')).toEqual(['县农业农村局', '涉及乡镇', '施工单位']);
    expect(splitUnits('有关部门、高新区管委会')).toEqual(['有关部门', '高新区管委会']);
  });
  it('leaders and posts are never units', () => {
    for (const n of ['王丹县长', '常务副区长', '金力同志', '牵头市领导', '县发改局局长']) {
      expect(isUnitName(n), n).toBe(false);
      expect(isPersonOrPost(n), n).toBe(true);
    }
  });
  it('"X等有关部门" keeps the collective; fixed groups stay whole; 和 splits only two bodies', () => {
    expect(splitUnits('市工信局、市财政局等有关部门')).toEqual(['市工信局', '市财政局', '有关部门']);
    expect(splitUnits('市经信局、中新苏滁高新区管委会等，各县、市、区政府')).toEqual(['市经信局', '中新苏滁高新区管委会', '各县、市、区政府']);
    expect(splitUnits('各有关部门和单位')).toEqual(['各有关部门和单位']);
    expect(splitUnits('区科技和经信局')).toEqual(['区科技和经信局']);
    expect(splitUnits('市级各有关部门及各县市区政府')).toEqual(['市级各有关部门', '各县市区政府']);
  });
});

/**
 * A role word followed by the work it names: the FIRST role word after the names decides, whatever verb phrase
 * follows it ("负责组织实施" is 负责: the unit answers for the task, it does not merely implement it).
 */
describe('a role word followed by the work it names', () => {
  const cases: [string, string[], string[]][] = [
    ['市发展改革委负责组织实施', ['市发展改革委'], []],
    ['区交通运输局牵头抓好落实', ['区交通运输局'], []],
    ['县数据局牵头办理，县公安局配合做好相关工作', ['县数据局'], ['县公安局']],
    ['市自然资源局负责统筹推进，各镇街具体落实', ['市自然资源局'], ['各镇街']],
    ['市委宣传部、市文旅局牵头组织推进', ['市委宣传部', '市文旅局'], []],
    ['省市场监管局牵头，省公安局协助配合', ['省市场监管局'], ['省公安局']],
    ['市卫健委牵头研究推进，市医保局、市财政局配合', ['市卫健委'], ['市医保局', '市财政局']],
  ];
  readsEach(cases);

  it('what follows a role word is work, never a label, a person or a sentence', () => {
    // "牵头单位" is a label, "负责同志" a person: no unit is read from the words before them as if assigned.
    expect(parseNote('市发展改革委负责同志')).toBeNull();
    // A long clause after 牵头 is a remark, not a note.
    expect(parseNote('市发展改革委牵头研究提出具体的落实意见和配套措施')).toBeNull();
  });

  it('in a document, the task keeps its text and the units their roles', () => {
    const text = [
      '关于推进政务服务的若干措施',
      '一、优化审批服务',
      '1.推行一网通办。（市数据局牵头办理，市公安局配合做好相关工作）',
      '2.压减审批时限。（市政务服务中心负责组织实施）',
    ].join('\n');
    const tasks = parseExtracted(linesAsBlocks(text)).tasks;
    expect(tasks.map((t) => [t.number, t.content, t.lead, t.support])).toEqual([
      ['1', '推行一网通办。', ['市数据局'], ['市公安局']],
      ['2', '压减审批时限。', ['市政务服务中心'], []],
    ]);
  });
});

describe('duties, lenticular labels and names apart by spaces', () => {
  const cases: [string, string[], string[]][] = [
    // "按照职责分工" / "按职能职责" / "按各自职责" before the role word: each acts within its duties (the others, beside a lead).
    ['市发改委、市财政局牵头，市直各部门、各县区按照职责分工抓好落实', ['市发改委', '市财政局'], ['市直各部门', '各县区']],
    ['县住建局牵头，各有关单位按职能职责抓好落实', ['县住建局'], ['各有关单位']],
    ['区住建局牵头，区发改局、区财政局按各自职责负责', ['区住建局'], ['区发改局', '区财政局']],
    ['市住建局牵头，市城管局根据工作职责配合', ['市住建局'], ['市城管局']],
    // Names a table cell or a PDF line keeps apart by spaces.
    ['责任单位：市发改委 市财政局 市商务局', ['市发改委'], ['市财政局', '市商务局']],
    ['牵头单位：县发改局　县财政局；配合单位：各乡镇', ['县发改局', '县财政局'], ['各乡镇']],
  ];
  readsEach(cases);

  it('a count after 等 is no body: "X等8个部门", "X、Y等十余家单位"', () => {
    expect(splitUnits('市发改委等8个部门')).toEqual(['市发改委']);
    expect(splitUnits('市发改委、市财政局等十余家单位')).toEqual(['市发改委', '市财政局']);
    expect(splitUnits('市发改委等有关部门')).toEqual(['市发改委', '有关部门']);
  });

  it('a name spaced out letter by letter stays one name', () => {
    expect(splitUnits('市 财 政 局、各县（市、区） 政府')).toEqual(['市财政局', '各县（市、区）政府']);
  });

  it('a label in lenticular brackets: 【牵头单位】A 【配合单位】B', () => {
    const text = ['关于推进政务服务的若干措施', '一、优化审批服务', '1.推行一网通办。【牵头单位】市数据局【配合单位】市公安局、市司法局', '2.压减审批时限。【责任单位】市政务服务中心、市发改委'].join('\n');
    const tasks = parseExtracted(linesAsBlocks(text)).tasks;
    expect(tasks.map((t) => [t.number, t.content, t.lead, t.support])).toEqual([
      ['1', '推行一网通办。', ['市数据局'], ['市公安局', '市司法局']],
      ['2', '压减审批时限。', ['市政务服务中心'], ['市发改委']],
    ]);
  });
});

describe('how units act, and assignments written as a closing sentence', () => {
  const cases: [string, string[], string[]][] = [
    ['市发改委牵头，市财政局积极配合', ['市发改委'], ['市财政局']],
    ['市市场监管局牵头，市公安局全力配合，各区政府密切配合', ['市市场监管局'], ['市公安局', '各区政府']],
    ['市司法局牵头，市公安局按要求配合', ['市司法局'], ['市公安局']],
    ['县财政局牵头，县审计局共同参与', ['县财政局'], ['县审计局']],
    ['区教育局负责，各街道积极主动配合', ['区教育局'], ['各街道']],
    ['市发改委牵头，市财政局配合，分阶段推进', ['市发改委'], ['市财政局']],
  ];
  readsEach(cases);

  const read = (lines: string[]) => parseExtracted(linesAsBlocks(lines.join('\n'))).tasks.map((t) => [t.number, t.content, t.lead, t.support]);

  it('beside items with notes, a closing sentence that assigns is the item’s note', () => {
    expect(
      read([
        '关于推进政务服务的若干措施',
        '一、优化审批服务',
        '1.推进审批改革。由市发改委牵头，市财政局配合。',
        '2.加强监管执法。市市场监管局牵头，市公安局、各区政府按职责分工负责。',
        '3.完善工作机制。（市司法局负责）',
        '4.推进信息共享。各地要加快推进数据共享。',
      ]),
    ).toEqual([
      ['1', '推进审批改革。', ['市发改委'], ['市财政局']],
      ['2', '加强监管执法。', ['市市场监管局'], ['市公安局', '各区政府']],
      ['3', '完善工作机制。', ['市司法局'], []],
      ['4', '推进信息共享。各地要加快推进数据共享。', [], []],
    ]);
  });

  it('a document assigning only in sentences is still read as prose (the sentences stay in the text)', () => {
    const tasks = read(['关于推进政务服务的若干措施', '一、优化审批服务', '1.推进审批改革。由市发改委牵头，市财政局配合。', '2.完善工作机制。市司法局负责，市公安局配合。']);
    expect(tasks).toEqual([
      ['1', '推进审批改革。由市发改委牵头，市财政局配合。', ['市发改委'], ['市财政局']],
      ['2', '完善工作机制。市司法局负责，市公安局配合。', ['市司法局'], ['市公安局']],
    ]);
  });
});

describe('a heading over paragraphs that each carry a note', () => {
  it('heads them: the paragraphs are the tasks, the heading their section', () => {
    const tasks = parseExtracted(
      linesAsBlocks(['2024年全市优化营商环境工作要点', '一、提升政务服务效能', '深化“一网通办”改革，推动高频事项全程网办。（责任单位：市政务服务中心）', '推进“证照分离”改革全覆盖。（责任单位：市市场监管局、市司法局）'].join('\n')),
    ).tasks;
    expect(tasks.map((t) => [t.section, t.content, t.lead])).toEqual([
      [['一、提升政务服务效能'], '深化“一网通办”改革，推动高频事项全程网办。', ['市政务服务中心']],
      [['一、提升政务服务效能'], '推进“证照分离”改革全覆盖。', ['市市场监管局']],
    ]);
  });
});
