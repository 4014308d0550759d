/**
 * An item that only sets up a body — "成立…领导小组（工作专班、指挥部）", its 组长/副组长/成员 (names and posts, one a
 * line or "组长由…担任"), its office ("下设办公室", "办公室设在X", "…兼任办公室主任") — is an organisational
 * statement, not a task; nor is an item under a heading that states the scope (实施范围, 规划实施范围) or the
 * organisation (组织机构, 组织领导) when it assigns nothing. An item that sets up a body and in the same item gives
 * a unit work ("由X牵头负责…", "X牵头组建…") keeps that work as a task. Every document here is written for the test
 * (generic wording), in simplified and traditional characters, and read as .txt, .html and .docx.
 */
import { describe, expect, it } from 'vitest';
import type { ParseResult } from '../../../shared/parser';
import { organisationalStatement } from '../../../shared/parser/core/bodies';
import { isUnitName } from '../../../shared/parser/core/units';
import { FORMS, parseAs, type Part } from './forms';

const leads = (r: ParseResult) => r.tasks.map((t) => [t.content.replace(/\s/g, '').slice(0, 8), t.lead.join('、'), [...t.support, ...t.implement].join('、')]);
const noBodyText = (r: ParseResult) => {
  for (const t of r.tasks) {
    expect(t.content, t.number).not.toMatch(/组长|組長|成员|成員|下设|下設/);
    for (const u of [...t.lead, ...t.support, ...t.implement]) expect(u).not.toMatch(/下设|下設|小组|小組/);
  }
};

/** A notice in prose: a leading group with a roster and its office, a scope item, then requirements that assign. */
const simplified: Part[] = [
  '某县人民政府办公室关于做好秋冬种工作的通知',
  '各乡镇人民政府，县直有关部门：',
  '为抓好今年秋冬种工作，现就有关事项通知如下：',
  '一、组织机构',
  '为加强对秋冬种工作的领导，成立县秋冬种工作领导小组：',
  '组  长：王某某 县人民政府副县长',
  '副组长：李某某 县农业农村局局长',
  '成  员：赵某某 县财政局局长',
  '钱某某 县水利局局长',
  '孙某某 县供销社主任',
  '领导小组下设办公室于县农业农村局，李某某同志兼任办公室主任。',
  '二、规划实施范围',
  '全县12个乡镇，种植面积5万亩。其中：东山镇8000亩；西河乡、南湖乡各6000亩。',
  '三、工作要求',
  '（一）全县秋冬种技术指导工作由县农业农村局具体负责，县农业农村局要制定技术方案。',
  '（二）县财政局负责落实种子补贴资金，10月底前拨付到位。',
  '（三）各乡镇要做好面积核实工作，11月20日前报县农业农村局。',
];

/** The same notice as a county in traditional characters would print it. */
const traditional: Part[] = [
  '某縣人民政府辦公室關於做好秋冬種工作的通知',
  '各鄉鎮人民政府，縣直有關部門：',
  '為抓好今年秋冬種工作，現就有關事項通知如下：',
  '一、組織機構',
  '為加強對秋冬種工作的領導，成立縣秋冬種工作領導小組：',
  '組  長：王某某 縣人民政府副縣長',
  '副組長：李某某 縣農業農村局局長',
  '成  員：趙某某 縣財政局局長',
  '錢某某 縣水利局局長',
  '孫某某 縣供銷社主任',
  '領導小組下設辦公室於縣農業農村局，李某某同志兼任辦公室主任。',
  '二、規劃實施範圍',
  '全縣12個鄉鎮，種植面積5萬畝。其中：東山鎮8000畝；西河鄉、南湖鄉各6000畝。',
  '三、工作要求',
  '（一）全縣秋冬種技術指導工作由縣農業農村局具體負責，縣農業農村局要制定技術方案。',
  '（二）縣財政局負責落實種子補貼資金，10月底前撥付到位。',
  '（三）各鄉鎮要做好面積核實工作，11月20日前報縣農業農村局。',
];

describe('organisational statements and scope headings are no tasks', () => {
  it('a leading group with its roster and office, and a scope item, yield no task (simplified)', async () => {
    for (const form of FORMS) {
      const r = await parseAs(form, simplified);
      expect(leads(r), form).toEqual([
        ['全县秋冬种技术指', '县农业农村局', ''],
        ['县财政局负责落实', '县财政局', ''],
        ['各乡镇要做好面积', '各乡镇', ''],
      ]);
      noBodyText(r);
    }
  });

  it('the same in traditional characters, names returned as printed', async () => {
    for (const form of FORMS) {
      const r = await parseAs(form, traditional);
      expect(leads(r), form).toEqual([
        ['全縣秋冬種技術指', '縣農業農村局', ''],
        ['縣財政局負責落實', '縣財政局', ''],
        ['各鄉鎮要做好面積', '各鄉鎮', ''],
      ]);
      noBodyText(r);
    }
  });

  it('a body set up under a heading outside the frame family ("工作机制"), its posts written "由…担任", is no task', async () => {
    for (const form of ['txt', 'html'] as const) {
      const r = await parseAs(form, [
        '某县关于加快招商引资工作的通知',
        '一、工作机制',
        '成立县招商引资工作专班，专班组长由县长担任，副组长由分管副县长担任，成员由县发展改革局、县商务局、县财政局主要负责人组成。专班下设办公室，办公室设在县商务局，负责专班日常工作。',
        '二、重点任务',
        '（一）县商务局负责建立重点客商库，每季度更新一次。',
        '（二）县自然资源局负责做好项目用地保障。',
      ]);
      expect(leads(r), form).toEqual([
        ['县商务局负责建立', '县商务局', ''],
        ['县自然资源局负责', '县自然资源局', ''],
      ]);
    }
  });

  it('among items with notes, an item that only sets up a body is no task; an unassigned mechanism still is', async () => {
    for (const form of FORMS) {
      const r = await parseAs(form, [
        '某市关于加快建设现代物流体系的实施方案',
        '一、完善物流枢纽布局。建设3个区域物流枢纽。（市发展改革委牵头，市交通运输局配合）',
        '二、发展冷链物流。新建冷库10万吨。（市商务局牵头，市农业农村局配合）',
        '三、建立工作专班。成立市现代物流发展工作专班，由市政府分管副市长任组长，市商务局、市交通运输局、市发展改革委为成员单位。专班下设办公室，办公室设在市商务局。',
        '四、建立会商制度。建立物流发展部门会商制度，定期研究解决重大问题。',
      ]);
      expect(leads(r), form).toEqual([
        ['完善物流枢纽布局', '市发展改革委', '市交通运输局'],
        ['发展冷链物流。新', '市商务局', '市农业农村局'],
        ['建立会商制度。建', '', ''],
      ]);
    }
  });
});

describe('an item that sets up a body and gives a unit work keeps the work', () => {
  const parts = (group: string[]): Part[] => [
    '某县乡村振兴工作方案',
    '一、组织领导',
    ...group,
    '二、重点任务',
    '（一）推进高标准农田建设。县农业农村局负责新建高标准农田2万亩。',
    '（二）改善农村人居环境。县住房城乡建设局负责完成农村改厕5000户。',
  ];
  it('"由X牵头负责…，Y配合" after the group, its roster and its office (simplified and traditional)', async () => {
    const cases: [string[], string, string][] = [
      [
        [
          '成立县乡村振兴工作领导小组，组长由县长担任，成员由县直有关部门主要负责人组成。领导小组下设办公室，办公室设在县农业农村局。',
          '由县农业农村局牵头负责全县乡村振兴规划编制和督促检查工作，县财政局配合。',
        ],
        '县农业农村局',
        '县财政局',
      ],
      [
        [
          '成立縣鄉村振興工作領導小組，組長由縣長擔任，成員由縣直有關部門主要負責人組成。領導小組下設辦公室，辦公室設在縣農業農村局。',
          '由縣農業農村局牽頭負責全縣鄉村振興規劃編制和督促檢查工作，縣財政局配合。',
        ],
        '縣農業農村局',
        '縣財政局',
      ],
    ];
    for (const [group, lead, support] of cases) {
      for (const form of FORMS) {
        const r = await parseAs(form, parts(group));
        expect(r.tasks.length, form).toBe(3);
        const t = r.tasks[0]!;
        expect(t.content, form).toMatch(/牵头负责全县|牽頭負責全縣/);
        expect(t.content, form).not.toMatch(/组长|組長|下设|下設/);
        expect([t.lead, t.support], form).toEqual([[lead], [support]]);
      }
    }
  });

  it('"X牵头组建…专班" in the sentence that sets the body up is work given to X', async () => {
    for (const form of ['txt', 'html'] as const) {
      const r = await parseAs(form, parts(['市发展改革委牵头组建重大项目推进工作专班，专班办公室设在市发展改革委。']));
      expect(r.tasks[0]?.lead, form).toEqual(['市发展改革委']);
      expect(r.tasks[0]?.content, form).toMatch(/牵头组建/);
    }
  });
});

describe('organisationalStatement', () => {
  it('separates the body from the work, line by line', () => {
    const s = organisationalStatement(
      ['成立县防汛抗旱指挥部：', '指 挥 长：张某 副县长', '副指挥长：李某 县水利局局长', '成员单位：县应急管理局、县自然资源局', '指挥部办公室设在县水利局。县水利局负责编制防汛预案。'].join('\n'),
    );
    expect(s).toEqual({ found: true, rest: '县水利局负责编制防汛预案。' });
  });
  it('finds nothing in an item that sets up no body', () => {
    const text = '县商务局负责建立重点客商库。建立部门联席会议制度，定期会商。';
    expect(organisationalStatement(text)).toEqual({ found: false, rest: text });
  });
  it('"下设办公室" never makes a unit name; a group\'s office named as a body still is one', () => {
    expect(isUnitName('领导小组下设办公室')).toBe(false);
    expect(isUnitName('县脱贫攻坚领导小组办公室')).toBe(true);
  });
});
