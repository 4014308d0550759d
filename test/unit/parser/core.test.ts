import { describe, expect, it } from 'vitest';
import { parseExtracted } from '../../../shared/parser/core';
import type { Block, ExtractedDocument, TableBlock } from '../../../shared/parser/document';
import { DocumentRefusedError, type ParseResult } from '../../../shared/parser/types';
import { asSet, linesAsBlocks } from './seedHelpers';

const doc = (...blocks: Block[]): ExtractedDocument => ({ format: 'docx', blocks });
const p = (text: string): Block => ({ kind: 'paragraph', text });
const table = (rows: string[][], merged?: boolean[][]): TableBlock => ({ kind: 'table', rows, ...(merged ? { merged } : {}) });
const task = (r: ParseResult, number: string) => {
  const t = r.tasks.find((x) => x.number === number);
  if (!t) throw new Error(`no task ${number} in ${r.tasks.map((x) => x.number).join(',')}`);
  return t;
};

describe('task tables: header synonyms and column orders', () => {
  const variants: { name: string; header: string[]; row: (n: string, sec: string, content: string, lead: string, support: string, due: string) => string[] }[] = [
    {
      name: '序号/重点任务/工作措施/牵头部门/协办单位/时间节点',
      header: ['序号', '重点任务', '工作措施', '牵头部门', '协办单位', '时间节点'],
      row: (n, s, c, l, su, d) => [n, s, c, l, su, d],
    },
    {
      name: 'number last: 主要任务/具体措施/牵头责任单位/参与单位/完成时间/序号',
      header: ['主要任务', '具体措施', '牵头责任单位', '参与单位', '完成时间', '序号'],
      row: (n, s, c, l, su, d) => [s, c, l, su, d, n],
    },
    {
      name: 'spaced headers: 序  号/项 目/任务内容/牵头单位（部门）/主要协作单位/完成时限',
      header: ['序  号', '项 目', '任务内容', '牵头单位（部门）', '主要协作单位', '完成时限'],
      row: (n, s, c, l, su, d) => [n, s, c, l, su, d],
    },
    {
      name: 'units first: 配合部门/牵头单位/序号/工作任务/具体内容/完成时限',
      header: ['配合部门', '牵头单位', '序号', '工作任务', '具体内容', '完成时限'],
      row: (n, s, c, l, su, d) => [su, l, n, s, c, d],
    },
  ];
  for (const v of variants) {
    it(v.name, () => {
      const rows = [
        v.header,
        v.row('1', '优化营商环境', '推进“一网通办”。', '市政务服务数据管理局', '市发展改革局、市市场监管局', '2023年6月底前'),
        v.row('2', '', '压缩审批时限。', '市市场监管局', '', '长期坚持'),
        v.row('3', '加强监管', '开展专项检查。', '市卫生健康局', '各镇街', '2027年前'),
      ];
      const r = parseExtracted(doc(p('某市优化营商环境若干措施'), table(rows)));
      expect(r.tasks.map((t) => t.number)).toEqual(['1', '2', '3']);
      expect(task(r, '1')).toMatchObject({
        section: ['优化营商环境'],
        content: '推进“一网通办”。',
        lead: ['市政务服务数据管理局'],
        support: ['市发展改革局', '市市场监管局'],
        deadline: { text: '2023年6月底前', date: '2023-06-30', kind: 'date' },
      });
      expect(task(r, '2')).toMatchObject({ section: ['优化营商环境'], support: [], deadline: { kind: 'ongoing', date: null } });
      expect(task(r, '3')).toMatchObject({ section: ['加强监管'], support: ['各镇街'], deadline: { date: '2027-12-31', kind: 'year' } });
      expect(r.leadRule).toBe('columns');
    });
  }

  it('reads a two-row header (责任单位 over 牵头单位 | 配合单位) and section rows spanning the table', () => {
    const merged = [
      [false, false, false, false],
      [true, true, false, false],
      [false, true, true, true],
      [false, false, false, false],
      [false, true, true, true],
      [false, false, false, false],
    ];
    const rows = [
      ['序号', '具体任务', '责任单位', '责任单位'],
      ['序号', '具体任务', '牵头单位', '配合单位'],
      ['一、总体要求', '一、总体要求', '一、总体要求', '一、总体要求'],
      ['1', '建立工作机制。', '市司法局', '市财政局；市人社局'],
      ['二、重点工作', '二、重点工作', '二、重点工作', '二、重点工作'],
      ['2', '完善配套制度。', '市发展改革局', '市工业和信息化局，市科技局'],
    ];
    const r = parseExtracted(doc(table(rows, merged)));
    expect(r.tasks).toHaveLength(2);
    expect(task(r, '1')).toMatchObject({ section: ['一、总体要求'], lead: ['市司法局'], support: ['市财政局', '市人社局'] });
    expect(task(r, '2')).toMatchObject({ section: ['二、重点工作'], support: ['市工业和信息化局', '市科技局'] });
  });

  it('carries merged section cells down and nests two section columns', () => {
    const rows = [
      ['项目', '重点任务', '序号', '具体内容', '牵头单位', '配合单位'],
      ['一、加强组织领导', '(一)压实责任', '1', '落实属地责任。', '各镇街', '市市场监管局'],
      ['一、加强组织领导', '(一)压实责任', '2', '健全考核机制。', '市委组织部', ''],
      ['一、加强组织领导', '(二)完善体系', '3', '完善监管网络。', '市市场监管局', '各镇街'],
      ['二、强化保障', '(三)经费保障', '4', '保障经费。', '市财政局', ''],
    ];
    const merged = rows.map((_, r) => [r === 2 || r === 3, r === 2, false, false, false, false]);
    const r = parseExtracted(doc(table(rows, merged)));
    expect(r.tasks.map((t) => t.section)).toEqual([
      ['一、加强组织领导', '(一)压实责任'],
      ['一、加强组织领导', '(一)压实责任'],
      ['一、加强组织领导', '(二)完善体系'],
      ['二、强化保障', '(三)经费保障'],
    ]);
  });

  it('treats "A、B、C按职责分工负责" merged across the lead and support cells as joint leads', () => {
    const rows = [
      ['序号', '具体内容', '牵头部门', '配合部门'],
      ['1', '推进产业发展。', '市发展改革局、市科技局、市卫生健康局按职责分工负责', '市发展改革局、市科技局、市卫生健康局按职责分工负责'],
      ['2', '支持中药发展。', '市卫生健康局', '市科技局、各镇街按职责分工负责'],
    ];
    const merged = [[false, false, false, false], [false, false, false, true], [false, false, false, false]];
    const r = parseExtracted(doc(table(rows, merged)));
    expect(task(r, '1')).toMatchObject({ lead: ['市发展改革局', '市科技局', '市卫生健康局'], support: [] });
    expect(task(r, '2')).toMatchObject({ lead: ['市卫生健康局'], support: ['市科技局', '各镇街'] });
  });

  it('joins a continuation row (a row split across pages) and repeated header rows', () => {
    const rows = [
      ['序号', '具体内容', '牵头单位', '配合单位'],
      ['1', '加强队伍建设，', '市委编办', '市财政局'],
      ['', '提升履职能力。', '', ''],
      ['序号', '具体内容', '牵头单位', '配合单位'],
      ['2', '完善信用修复机制。', '市发展改革局', ''],
    ];
    const r = parseExtracted(doc(table(rows)));
    expect(r.tasks.map((t) => [t.number, t.content])).toEqual([
      ['1', '加强队伍建设，提升履职能力。'],
      ['2', '完善信用修复机制。'],
    ]);
  });

  it('ignores tables that are not task tables', () => {
    const r = parseExtracted(doc(p('联络员名单'), table([['姓名', '电话'], ['张三', '123']])));
    expect(r.tasks).toEqual([]);
    expect(r.warnings.map((w) => w.code)).toEqual(['no-assignments']);
  });
});

describe('a single 责任单位 column', () => {
  const rows = [
    ['序号', '具体内容', '责任单位'],
    ['1', '完善监管体系。', '区市场监管局、各乡镇（街道）'],
    ['2', '加强信用监管。', '区发展改革委、区市场监管局、区委宣传部'],
    ['3', '营造良好氛围。', '区委宣传部'],
  ];
  it('by convention: first listed leads, the rest support', () => {
    const r = parseExtracted(doc(table(rows)));
    expect(r.leadRule).toBe('first-listed-is-lead');
    expect(task(r, '1')).toMatchObject({ lead: ['区市场监管局'], support: ['各乡镇（街道）'] });
    expect(task(r, '2')).toMatchObject({ lead: ['区发展改革委'], support: ['区市场监管局', '区委宣传部'] });
    expect(task(r, '3')).toMatchObject({ lead: ['区委宣传部'], support: [] });
  });
  it('the same when the document states "列第一位者为牵头单位"', () => {
    const r = parseExtracted(doc(p('注：责任单位中列第一位者为牵头单位，其他为配合单位。'), table(rows)));
    expect(r.leadRule).toBe('first-listed-is-lead');
    expect(task(r, '2')).toMatchObject({ lead: ['区发展改革委'], support: ['区市场监管局', '区委宣传部'] });
  });
  it('all listed lead when the document says the order carries no rank', () => {
    const r = parseExtracted(doc(p('责任单位排名不分先后。'), table(rows)));
    expect(r.leadRule).toBe('all-listed-are-leads');
    expect(task(r, '2')).toMatchObject({ lead: ['区发展改革委', '区市场监管局', '区委宣传部'], support: [] });
  });
  it('a cell may name its roles itself', () => {
    const r = parseExtracted(
      doc(
        table([
          ['序号', '具体内容', '责任单位'],
          ['1', '甲。', '区财政局牵头，区市场监管局配合'],
          ['2', '乙。', '区卫生健康委、区医保局按职责分工负责'],
        ]),
      ),
    );
    expect(task(r, '1')).toMatchObject({ lead: ['区财政局'], support: ['区市场监管局'] });
    expect(task(r, '2')).toMatchObject({ lead: ['区卫生健康委', '区医保局'], support: [] });
  });
});

describe('inline responsibility notes after numbered measures', () => {
  const body = (measure: string) =>
    linesAsBlocks(['某县2024年工作要点', '一、强化监管', '（一）严格日常检查', measure].join('\n'));
  const cases: [string, { lead: string[]; support: string[]; implement: string[] }][] = [
    ['1.开展专项检查。(县市场监管局牵头,县公安局、县卫生健康委按职责分工负责)', { lead: ['县市场监管局'], support: ['县公安局', '县卫生健康委'], implement: [] }],
    ['1.开展专项检查。(药品监管股、器械监管股按职责分工负责,各乡镇（街道）、县局执法大队具体落实。)', { lead: ['药品监管股', '器械监管股'], support: [], implement: ['各乡镇（街道）', '县局执法大队'] }],
    ['1.开展专项检查。(县市场监管局负责)', { lead: ['县市场监管局'], support: [], implement: [] }],
    ['1.开展专项检查。(牵头单位：县市场监管局；配合单位：县财政局)', { lead: ['县市场监管局'], support: ['县财政局'], implement: [] }],
    ['1.开展专项检查。〔责任单位：县市场监管局、县财政局〕', { lead: ['县市场监管局'], support: ['县财政局'], implement: [] }],
    ['1.开展专项检查。（县市场监管局牵头，县财政局配合）', { lead: ['县市场监管局'], support: ['县财政局'], implement: [] }],
    ['1.开展专项检查。(县市场监管局、县卫生健康委按职责分工负责)', { lead: ['县市场监管局', '县卫生健康委'], support: [], implement: [] }],
  ];
  for (const [text, want] of cases) {
    it(text.slice(8), () => {
      const r = parseExtracted(body(text));
      expect(r.tasks).toHaveLength(1);
      const t = r.tasks[0]!;
      expect(t.number).toBe('1');
      expect(t.section).toEqual(['一、强化监管', '（一）严格日常检查']);
      expect(t.content).toBe('开展专项检查。');
      expect({ lead: asSet(t.lead), support: asSet(t.support), implement: asSet(t.implement) }).toEqual({
        lead: asSet(want.lead),
        support: asSet(want.support),
        implement: asSet(want.implement),
      });
    });
  }

  it('a measure with two notes becomes two tasks 10-1 and 10-2', () => {
    const r = parseExtracted(
      body('10.推进法治建设,加强执法培训。(法规科牵头,各科室按职责分工负责)推进能力标准化建设。(市局相关科室;各县区局按职责分工负责) 11.继续开展宣传。(办公室负责)'),
    );
    expect(r.tasks.map((t) => t.number)).toEqual(['10-1', '10-2', '11']);
    expect(task(r, '10-1')).toMatchObject({ content: '推进法治建设,加强执法培训。', lead: ['法规科'], support: ['各科室'] });
    expect(task(r, '10-2')).toMatchObject({ content: '推进能力标准化建设。', lead: ['市局相关科室', '各县区局'] });
  });

  it('numbering styles (一) 1. （1） ① nest by order of appearance', () => {
    const lines = [
      '某局工作方案',
      '一、总体任务',
      '（一）完善制度',
      '1.建立台账',
      '（1）制定台账模板。（办公室负责）',
      '① 收集基础数据。（统计科负责）',
      '② 按月更新。（统计科牵头，各股室配合）',
      '（2）推行电子台账。（信息中心负责）',
    ];
    const r = parseExtracted(linesAsBlocks(lines.join('\n')));
    expect(r.tasks.map((t) => t.number)).toEqual(['（1）', '①', '②', '（2）']);
    expect(task(r, '②').section).toEqual(['一、总体任务', '（一）完善制度', '1.建立台账', '（1）制定台账模板']);
    expect(task(r, '②')).toMatchObject({ lead: ['统计科'], support: ['各股室'] });
  });

  it('labelled lines under a numbered item (牵头责任单位 / 主要协作单位 / 完成时限)', () => {
    const lines = [
      '某市2024年重点工作任务清单',
      '1.推进智慧监管平台建设。',
      '牵头责任单位：市市场监管局、市大数据局',
      '主要协作单位：市财政局',
      '完成时限：2024年底前',
      '2.加强宣传引导。',
      '牵头责任单位：市委宣传部',
    ];
    const r = parseExtracted(linesAsBlocks(lines.join('\n')));
    expect(task(r, '1')).toMatchObject({
      content: '推进智慧监管平台建设。',
      lead: ['市市场监管局', '市大数据局'],
      support: ['市财政局'],
      deadline: { date: '2024-12-31', kind: 'year' },
    });
    expect(task(r, '2')).toMatchObject({ lead: ['市委宣传部'], support: [] });
  });

  it('with both a table and inline notes, the table is the plan', () => {
    const r = parseExtracted(
      doc(
        p('某市若干措施'),
        p('1.完善监管机制。建立分级监管机制。(市市场监管局牵头,各镇街按职责分工负责)'),
        table([
          ['序号', '具体内容', '牵头部门', '配合部门'],
          ['1', '建立分级监管机制。', '各镇街', '市市场监管局'],
        ]),
      ),
    );
    expect(r.tasks).toHaveLength(1);
    expect(r.tasks[0]).toMatchObject({ lead: ['各镇街'], support: ['市市场监管局'] });
    expect(r.warnings).toEqual([]);
  });
});

describe('units', () => {
  const unitsOf = (cell: string) => {
    const r = parseExtracted(doc(table([['序号', '具体内容', '牵头单位', '配合单位'], ['1', '某项工作。', '市政府办公室', cell]])));
    return r.tasks[0]!.support;
  };
  it('splits on 、，,；; and never inside a name', () => {
    expect(unitsOf('市工业和信息化局、市科技局，市商务局,中山海关；市医保局;各镇街')).toEqual([
      '市工业和信息化局', '市科技局', '市商务局', '中山海关', '市医保局', '各镇街',
    ]);
  });
  it('keeps parentheses and collective units whole', () => {
    expect(unitsOf('各乡镇（街道）、区级有关部门单位、市局相关科室、外省（区、市）相关机构')).toEqual([
      '各乡镇（街道）', '区级有关部门单位', '市局相关科室', '外省（区、市）相关机构',
    ]);
  });
  it('joins names wrapped across lines and strips role words', () => {
    expect(unitsOf('市委编办、市人力资源\n社会保障局、市应急\n管理局、各镇街按职责分工负责')).toEqual([
      '市委编办', '市人力资源社会保障局', '市应急管理局', '各镇街',
    ]);
    expect(unitsOf('市委编办\n市财政局')).toEqual(['市委编办', '市财政局']);
  });
  it('splits "A和B" only between two names', () => {
    const r = parseExtracted(linesAsBlocks('某方案\n一、保障措施\n（一）协调机制\n市药品监管局和市经济信息化委应当加强联合指导。'));
    expect(r.tasks[0]!.lead).toEqual(['市药品监管局', '市经济信息化委']);
    expect(unitsOf('科技和财务科')).toEqual(['科技和财务科']);
  });
});

describe('prose responsibilities', () => {
  const prose = (text: string) => parseExtracted(linesAsBlocks(`某指导意见\n一、重点任务\n（一）某项任务\n${text}`)).tasks[0]!;
  it('由A会同B…', () => {
    expect(prose('对重点项目,由区市场监管局会同工作站加强日常跟踪服务。')).toMatchObject({ lead: ['区市场监管局'], support: ['工作站'] });
  });
  it('A应当会同B、C等…', () => {
    expect(prose('各区市场监管局应当会同工作站、区域招商部门等,深入排摸。')).toMatchObject({
      lead: ['各区市场监管局'],
      support: ['工作站', '区域招商部门'],
    });
  });
  it('A、B牵头负责… with a shared department name', () => {
    expect(prose('各区、临港新片区市场监管局牵头负责本辖区工作站的规范运行。').lead).toEqual(['各区市场监管局', '临港新片区市场监管局']);
  });
  it('no responsibility in prose → candidates and a no-assignments warning', () => {
    const r = parseExtracted(linesAsBlocks('某方案\n一、指导思想\n坚持以人民为中心。\n二、工作目标\n全面提升监管能力。'));
    expect(r.tasks.map((t) => t.number)).toEqual(['一', '二']);
    expect(r.tasks.every((t) => t.lead.length === 0)).toBe(true);
    expect(r.warnings.map((w) => w.code)).toEqual(['no-assignments']);
  });
});

describe('warnings', () => {
  it('numbering-gap in a table names the missing number; duplicate-number renames and warns', () => {
    const rows = [['序号', '具体内容', '牵头单位'], ['1', '甲。', '市财政局'], ['2', '乙。', '市财政局'], ['4', '丙。', '市财政局'], ['4', '丁。', '市财政局']];
    const r = parseExtracted(doc(table(rows)));
    expect(r.tasks.map((t) => t.number)).toEqual(['1', '2', '4', '4(2)']);
    expect(r.warnings.find((w) => w.code === 'numbering-gap')).toMatchObject({ near: '3' });
    expect(r.warnings.find((w) => w.code === 'duplicate-number')).toMatchObject({ tasks: ['4(2)'] });
  });
  it('department-alias suggests similar names without merging them', () => {
    const rows = [['序号', '具体内容', '牵头单位'], ['1', '甲。', '市场监管局'], ['2', '乙。', '市场监督管理局'], ['3', '丙。', '中山港海关、中山海关']];
    const r = parseExtracted(doc(table(rows)));
    const alias = r.warnings.filter((w) => w.code === 'department-alias');
    expect(alias).toHaveLength(1);
    expect(asSet(alias[0]!.names!)).toEqual(['市场监督管理局', '市场监管局']);
    expect(task(r, '1').lead).toEqual(['市场监管局']);
    expect(task(r, '2').lead).toEqual(['市场监督管理局']);
  });
  it('every warning has a Chinese message', () => {
    const r = parseExtracted(linesAsBlocks('随便写点什么。'));
    expect(r.warnings.length).toBeGreaterThan(0);
    for (const w of r.warnings) expect(w.message).toMatch(/[\u4e00-\u9fa5]{4}/);
  });
});

describe('bad input', () => {
  it('refuses an empty document with a Chinese message', () => {
    for (const blocks of [[], [p('')], [p('   \n\t ')]]) {
      expect(() => parseExtracted(doc(...blocks))).toThrow(DocumentRefusedError);
    }
    try {
      parseExtracted(doc(p('  ')));
    } catch (e) {
      expect((e as DocumentRefusedError).reason).toBe('empty');
      expect((e as Error).message).toMatch(/文字/);
      expect((e as Error).message).not.toContain('\n');
    }
  });
  it('returns no tasks (with a warning) for text without tasks', () => {
    const r = parseExtracted(linesAsBlocks('今天天气很好，我们去公园散步。\n晚上看书。'));
    expect(r.tasks).toEqual([]);
    expect(r.warnings.map((w) => w.code)).toEqual(['no-assignments']);
  });
  it('refuses a 50 MB single line as too large', () => {
    const line = '一'.repeat(50 * 1024 * 1024 / 3);
    let error: unknown;
    try {
      parseExtracted(doc(p(line)));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DocumentRefusedError);
    expect((error as DocumentRefusedError).reason).toBe('too-large');
    expect((error as Error).message).toMatch(/过多|过大/);
  });
  it('parses a 2-million-character single line of many items', () => {
    const unit = '(一)加强(监管((、 1.推进工作,（市场监管局牵头，各镇街按职责分工负责）';
    const line = unit.repeat(Math.floor(2_000_000 / unit.length)) + ' '.repeat(100_000) + '(((((((((';
    const r = parseExtracted(doc(p(line)));
    expect(r.tasks.length).toBeGreaterThan(0);
  });
  it('stays linear on cells and notes built to trip backtracking regexes', () => {
    const n = 300_000;
    const hostile: ExtractedDocument[] = [
      doc(
        table([
          ['序号', '具体内容', '牵头单位', '配合单位'],
          [`1${' '.repeat(n)}x${'.'.repeat(n)}y`, `甲。${' '.repeat(n)}x`, `市财政局${'、'.repeat(n)}a`, `${'市委编办\n'.repeat(n / 10)}${'。'.repeat(n)}b`],
        ]),
      ),
      doc(p('某方案'), p(`1.开展工作。责任单位：${'。'.repeat(n)}x${' '.repeat(n)}${'；'.repeat(n)}`)),
      linesAsBlocks(['序号', '具体内容', '牵头单位', '配合单位', '1', '内容。', '市财政局', ...Array<string>(n / 10).fill('市人力资源')].join('\n')),
      doc(p(`1.开展工作。(${'市财政局、'.repeat(n / 5)}牵头)${'（'.repeat(n)}${'）'.repeat(n)}`)),
    ];
    for (const d of hostile) {
      const r = parseExtracted(d);
      for (const t of r.tasks) for (const u of [...t.lead, ...t.support]) expect(u.length).toBeLessThanOrEqual(200);
    }
  });
  it('survives long runs of spaces, brackets and numbers', () => {
    const texts = [' '.repeat(1_000_000) + '1.', '（'.repeat(500_000), '1.'.repeat(500_000), '、'.repeat(1_000_000), '\t\n'.repeat(300_000)];
    for (const text of texts) {
      const r = parseExtracted(linesAsBlocks(`某方案\n${text}\n`));
      expect(Array.isArray(r.tasks)).toBe(true);
    }
  });
});

describe('more real-world variants', () => {
  it('a month without a year takes the document year', () => {
    const r = parseExtracted(
      doc(p('2023年某市监管工作要点'), table([['序号', '具体内容', '牵头单位', '完成时限'], ['1', '甲。', '市财政局', '6月底前'], ['2', '乙。', '市财政局', '长期坚持']])),
    );
    expect(task(r, '1').deadline).toEqual({ text: '6月底前', date: '2023-06-30', kind: 'date' });
    expect(task(r, '2').deadline).toMatchObject({ kind: 'ongoing' });
  });
  it('a role marked on one name in a 责任单位 cell: "A、B（牵头）、C"', () => {
    const r = parseExtracted(doc(table([['序号', '具体内容', '责任单位'], ['1', '甲。', '市财政局、市人社局（牵头）、市委编办']])));
    expect(task(r, '1')).toMatchObject({ lead: ['市人社局'] });
    expect(asSet(task(r, '1').support)).toEqual(asSet(['市财政局', '市委编办']));
  });
});

describe('labels inside a measure', () => {
  it('"……。牵头单位：A；配合单位：B；完成时限：…" on the measure line', () => {
    const r = parseExtracted(
      linesAsBlocks('某区2024年工作方案\n一、重点任务\n1.建设智慧监管平台，实现数据共享。牵头单位：区市场监管局；配合单位：区大数据局、区财政局；完成时限：2024年9月底前\n2.开展宣传。责任单位：区委宣传部、区市场监管局'),
    );
    expect(task(r, '1')).toMatchObject({
      content: '建设智慧监管平台，实现数据共享。',
      lead: ['区市场监管局'],
      support: ['区大数据局', '区财政局'],
      deadline: { date: '2024-09-30', kind: 'date' },
    });
    expect(task(r, '2')).toMatchObject({ content: '开展宣传。', lead: ['区委宣传部'], support: ['区市场监管局'] });
  });
});

describe('rows without a number', () => {
  it('continue the task above, or become its sub-items when they name a lead', () => {
    const rows = [
      ['序号', '具体内容', '牵头单位', '配合单位'],
      ['1', '完善制度，', '市司法局', '市财政局'],
      ['', '健全机制。', '', '市人社局'],
      ['2', '加强宣传。', '市委宣传部', ''],
      ['', '开展专项宣传。', '市文广旅局', '各镇街'],
      ['3', '强化考核。', '市委组织部', ''],
    ];
    const r = parseExtracted(doc(table(rows)));
    expect(r.tasks.map((t) => t.number)).toEqual(['1', '2', '2-1', '3']);
    expect(task(r, '1')).toMatchObject({ content: '完善制度，健全机制。', lead: ['市司法局'], support: ['市财政局', '市人社局'] });
    expect(task(r, '2-1')).toMatchObject({ lead: ['市文广旅局'], support: ['各镇街'] });
    expect(r.warnings).toEqual([]);
  });
  it('numbers tasks by their path when plain labels repeat across chapters', () => {
    const r = parseExtracted(linesAsBlocks('某方案\n一、甲\n1.开展甲。（市财政局负责）\n二、乙\n1.开展乙。（市人社局负责）'));
    expect(r.tasks.map((t) => t.number)).toEqual(['一.1', '二.1']);
    expect(r.warnings.map((w) => w.code)).toEqual([]);
  });
});

describe('more header layouts', () => {
  it('责任单位 beside 牵头单位 lists the others; people and phone columns are ignored', () => {
    const r = parseExtracted(
      doc(
        table([
          ['序号', '任务', '牵头领导', '牵头单位', '责任单位', '联系人', '完成时限'],
          ['1', '推进改革。', '张三', '市发展改革局', '市财政局、市人社局', '李四', '2023年起长期坚持'],
        ]),
      ),
    );
    expect(r.tasks[0]).toMatchObject({
      content: '推进改革。',
      lead: ['市发展改革局'],
      support: ['市财政局', '市人社局'],
      deadline: { kind: 'ongoing', date: null },
    });
  });
  it('责任单位 beside 牵头单位 and 配合单位 names the implementers', () => {
    const r = parseExtracted(doc(table([['序号', '具体内容', '牵头单位', '配合单位', '责任单位'], ['1', '甲。', '市财政局', '市人社局', '各镇街']])));
    expect(r.tasks[0]).toMatchObject({ lead: ['市财政局'], support: ['市人社局'], implement: ['各镇街'] });
  });
  it('a rule stated in the header cell', () => {
    const r = parseExtracted(doc(table([['序号', '具体内容', '责任单位（排名不分先后）'], ['1', '甲。', '市财政局、市人社局']])));
    expect(r.leadRule).toBe('all-listed-are-leads');
    expect(r.tasks[0]!.lead).toEqual(['市财政局', '市人社局']);
  });
});

describe('metadata', () => {
  it('reads a notice, its 文号, issuer and a date in Chinese numerals', () => {
    const r = parseExtracted(
      linesAsBlocks(
        [
          '某市人民政府办公室关于印发某市安全生产专项整治实施方案的通知',
          '某府办〔2023〕12号',
          '各区人民政府：',
          '现将《某市安全生产专项整治实施方案》印发给你们，请认真执行。',
          '某市人民政府办公室',
          '二〇二三年三月十五日',
          '某市安全生产专项整治实施方案',
          '一、工作任务',
          '1.开展排查。（市应急管理局牵头，各区配合）',
        ].join('\n'),
      ),
    );
    expect(r).toMatchObject({
      title: '某市安全生产专项整治实施方案',
      docNumber: '某府办〔2023〕12号',
      issuer: '某市人民政府办公室',
      date: '2023-03-15',
    });
    expect(r.tasks).toHaveLength(1);
  });
});

describe('prose: A负责，B配合', () => {
  it('reads the lead from "A负责…" and partners from the next clause', () => {
    const r = parseExtracted(linesAsBlocks('某实施方案\n一、主要任务\n（一）加强培训\n市卫生健康局负责制定培训计划，市人社局、市财政局配合做好保障。'));
    expect(r.tasks[0]).toMatchObject({ lead: ['市卫生健康局'], support: ['市人社局', '市财政局'] });
  });
});

describe('several tables and footnotes', () => {
  it('reads every task table; repeated numbers are renamed and reported', () => {
    const r = parseExtracted(
      doc(
        p('附件1 联络员名单'),
        table([['序号', '单位', '姓名', '电话'], ['1', '市财政局', '张三', '123']]),
        p('附件2 任务分解表（2023年）'),
        table([['序号', '具体内容', '牵头单位'], ['1', '甲。', '市财政局'], ['2', '乙。', '市人社局']]),
        p('附件3 任务分解表（2024年）'),
        table([['序号', '具体内容', '牵头单位'], ['1', '丙。', '市财政局']]),
      ),
    );
    expect(r.tasks.map((t) => [t.number, t.content])).toEqual([['1', '甲。'], ['2', '乙。'], ['1(2)', '丙。']]);
    expect(r.tasks.map((t) => t.section)).toEqual([['附件2 任务分解表（2023年）'], ['附件2 任务分解表（2023年）'], ['附件3 任务分解表（2024年）']]);
    expect(r.warnings.map((w) => w.code)).toEqual(['duplicate-number']);
  });
  it('a footnote after a flattened table is not a unit, and states the rule', () => {
    const lines = ['序号', '', '具体内容', '', '责任单位', '', '1', '', '完善制度。', '', '市司法局、市财政局', '', '2', '', '加强宣传。', '', '市委宣传部', '', '注：责任单位排名第一的为牵头单位。'];
    const r = parseExtracted(linesAsBlocks(lines.join('\n')));
    expect(r.leadRule).toBe('first-listed-is-lead');
    expect(r.tasks.map((t) => [t.number, t.lead, t.support])).toEqual([
      ['1', ['市司法局'], ['市财政局']],
      ['2', ['市委宣传部'], []],
    ]);
  });
});

describe('warning messages name what to check', () => {
  it('seed 004: the body section used, and the two versions of task 24', async () => {
    const { loadSeeds } = await import('./seedHelpers');
    const seed = loadSeeds().find((s) => s.id.startsWith('004'))!;
    const r = parseExtracted(linesAsBlocks(seed.text));
    expect(r.warnings.find((w) => w.code === 'section-from-body')!.message).toContain('加强保障能力建设');
    const mismatch = r.warnings.find((w) => w.code === 'content-mismatch')!.message;
    expect(mismatch).toContain('国家药监局和外省（区、市）');
    expect(mismatch).toContain('市药监局和其他区县');
    expect(r.warnings.find((w) => w.code === 'numbering-gap')!.message).toContain('29');
  });
});

describe('title of a table-only file', () => {
  it('is the stem of the caption "…若干措施任务分解表"', () => {
    const r = parseExtracted(doc(p('某市加强监管若干措施任务分解表'), table([['序号', '具体内容', '牵头单位'], ['1', '甲。', '市财政局']])));
    expect(r.title).toBe('某市加强监管若干措施');
  });
});

describe('spaced-out names from PDF text', () => {
  it('"市 财 政 局" is 市财政局', () => {
    const r = parseExtracted(doc(table([['序  号', '具 体 内 容', '牵 头 单 位', '配 合 单 位'], ['1', '甲。', '市 财 政 局', '市 人 社 局 、 各 镇 街']])));
    expect(r.tasks[0]).toMatchObject({ lead: ['市财政局'], support: ['市人社局', '各镇街'] });
  });
});
