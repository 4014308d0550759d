import { describe, expect, it } from 'vitest';
import { parseExtracted } from '../../../shared/parser/core';
import { isPageNumber, wrapWidth } from '../../../shared/parser/core/copiedText';
import { readingView } from '../../../shared/parser/core/reading';
import { linesAsBlocks } from './seedHelpers';

/**
 * One document in different surface forms (test/corpus/variants.ts measures them on the corpus): what a
 * careful reader takes from it does not depend on how it was copied.
 */
const roles = (text: string) => parseExtracted(linesAsBlocks(text)).tasks.map((t) => ({ number: t.number, lead: t.lead, support: t.support }));

describe('full-width digits read as digits', () => {
  const narrow = '某区2023年重点工作分工方案\n一、优化营商环境\n1.推进审批改革，6月底前完成。（牵头单位：区政务服务局；责任单位：区发改局）\n2.完善信用体系建设。（牵头单位：区发改局）';
  const wide = narrow.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)).replace(/(\d|[０-９])\./g, '$1．');

  it('item numbers "１．" number tasks as "1." does, content and numbers given back as printed', () => {
    const r = parseExtracted(linesAsBlocks(wide));
    expect(r.tasks.map((t) => ({ number: t.number.normalize('NFKC'), lead: t.lead, support: t.support }))).toEqual(roles(narrow));
    expect(r.tasks[0]!.content.startsWith('推进审批改革，６月底前完成')).toBe(true);
    expect(r.tasks.map((t) => t.number)).toEqual(['１', '２']);
    expect(r.title).toBe('某区２０２３年重点工作分工方案');
  });

  it('the reading view folds only the digits, leaves a simplified text with a quoted traditional name alone', () => {
    const filler = '坚持以人民为中心的发展思想，统筹发展和安全，扎实推进各项工作落实落细。'.repeat(4);
    const view = readingView(linesAsBlocks(`１．推进“臺灣”合作交流。${filler}（市台办负责）`));
    expect(view.changed).toBe(true);
    expect((view.doc.blocks[0] as { text: string }).text).toBe(`1．推进“臺灣”合作交流。${filler}（市台办负责）`);
    expect(view.restore('市台办')).toBe('市台办');
  });

  it('a document without full-width digits is read as it is', () => {
    const blocks = linesAsBlocks(narrow);
    const view = readingView(blocks);
    expect(view.changed).toBe(false);
    expect(view.doc).toBe(blocks);
  });
});

describe('field labels spread out with spaces read as the label', () => {
  const plain = '某县2025年重点工作分工\n一、目标\n1.地区生产总值增长6%。(牵头单位:县发展和改革局;责任单位:县统计局、县财政局)\n2.完善信用体系建设。\n责任单位:县发展和改革局、县市场监管局\n完成时限:2025年12月底前';
  const spread = (gap: string) =>
    plain.replace(/牵头单位|责任单位|完成时限/g, (w) => Array.from(w).join(gap)).replace(/:/g, ' : ');

  for (const [name, gap] of [
    ['one space', ' '],
    ['full-width spaces', '\u3000'],
    ['two spaces', '  '],
  ] as const) {
    it(`"牵${gap}头${gap}单${gap}位" (${name}) in a same-line note and on label lines`, () => {
      const want = parseExtracted(linesAsBlocks(plain)).tasks.map((t) => ({ number: t.number, content: t.content, lead: t.lead, support: t.support, deadline: t.deadline?.text }));
      expect(want[0]!.lead).toEqual(['县发展和改革局']);
      const got = parseExtracted(linesAsBlocks(spread(gap))).tasks.map((t) => ({ number: t.number, content: t.content, lead: t.lead, support: t.support, deadline: t.deadline?.text?.replace(/\s/g, '') }));
      expect(got).toEqual(want.map((t) => ({ ...t, deadline: t.deadline?.replace(/\s/g, '') })));
    });
  }

  it('the longest label is taken at each place; a run with characters that spell no label keeps its spaces', () => {
    const text = (s: string) => (readingView(linesAsBlocks(s)).doc.blocks[0] as { text: string }).text;
    expect(text('序 号 工 作 任 务 牵头负责部门')).toBe('序号 工作任务 牵头负责部门');
    expect(text('责 任 单 位：王 丹 同志')).toBe('责任单位：王 丹 同志');
    // A run joins only when it is labels from end to end: the cells of a row with spaces between them stay apart.
    expect(text('序号 指 标 任 务 牵头负责部门 责 任 单 位')).toBe('序号 指 标 任 务 牵头负责部门 责任单位');
    expect(readingView(linesAsBlocks('王 丹 同志 负 责')).changed).toBe(false);
  });

  it('a traditional label spread out reads too: "牽 頭 單 位"', () => {
    const r = parseExtracted(linesAsBlocks('某縣重點工作分工\n一、目標\n1.推進審批改革。(牽 頭 單 位:縣政務服務局)\n2.完善信用體系。(牽 頭 單 位:縣發改局)'));
    expect(r.tasks.map((t) => t.lead)).toEqual([['縣政務服務局'], ['縣發改局']]);
  });

  it('long runs of spaced characters and of full-width digits are read in bounded time', () => {
    for (const text of ['牵 '.repeat(300_000), '牵 头 单 位 '.repeat(60_000), '１'.repeat(500_000), '牵\u3000\u3000\u3000'.repeat(200_000)]) {
      const r = parseExtracted(linesAsBlocks(`某方案\n${text}\n`));
      expect(Array.isArray(r.tasks)).toBe(true);
    }
  });
});

describe('a table flattened one cell per paragraph reads the same with its blank lines doubled', () => {
  // Cells one blank line apart; row 2 has an empty 配合部门 cell (an extra blank line); a name wrapped in row 3.
  const lines = [
    '某市2024年重点任务分解表', '',
    '工作任务', '', '序号', '', '具体内容', '', '牵头部门', '', '配合部门', '',
    '一、优化营商环境', '',
    '1', '', '推进审批服务便民化。', '', '市政务服务局', '', '市发展改革委、市司法局', '',
    '2', '', '加强信用体系建设。', '', '市发展改革委', '', '',
    '3', '', '落实减税降费政策。', '', '市财政局', '', '市人力资源', '', '社会保障局、市税务局', '',
    '二、加强要素保障', '',
    '4', '', '保障重点项目用地。', '', '市自然资源局', '', '市住房城乡建设局', '',
  ];
  const read = (text: string) => parseExtracted(linesAsBlocks(text)).tasks.map((t) => ({ number: t.number, section: t.section, content: t.content, lead: t.lead, support: t.support }));
  const want = read(lines.join('\n'));

  it('the table reads right as printed', () => {
    expect(want.map((t) => [t.number, t.lead, t.support])).toEqual([
      ['1', ['市政务服务局'], ['市发展改革委', '市司法局']],
      ['2', ['市发展改革委'], []],
      ['3', ['市财政局'], ['市人力资源社会保障局', '市税务局']],
      ['4', ['市自然资源局'], ['市住房城乡建设局']],
    ]);
  });

  it('every blank line doubled (an empty cell is then four blank lines)', () => {
    expect(read(lines.join('\n').replace(/\n(?=\n)/g, '\n\n'))).toEqual(want);
  });

  it('a blank paragraph after every paragraph (cells three blank lines apart, an empty cell five)', () => {
    expect(read(lines.map((l) => `${l}\n`).join('\n'))).toEqual(want);
  });
});

describe('text copied from a printed page: page furniture left out, lines broken at the page width joined', () => {
  const doc = [
    '某区2024年重点工作任务分解方案',
    '一、优化营商环境',
    '1.深化“放管服”改革，全面推行证明事项告知承诺制，推动更多政务服务事项网上办、掌上办、一次办，持续压减审批时限。（牵头单位：区政务服务局；责任单位：区发展改革局、区司法局、区市场监管局）',
    '2.加强社会信用体系建设，完善守信联合激励和失信联合惩戒机制，推进信用信息共享应用。（牵头单位：区发展改革局；责任单位：区人力资源和社会保障局、区税务局）',
    '二、加强要素保障',
    '3.保障重点项目用地需求，盘活存量建设用地，提高土地节约集约利用水平，推进低效用地再开发。（牵头单位：区自然资源局；责任单位：区住房城乡建设局、各街道办事处）',
    '4.加大金融支持实体经济力度，引导金融机构扩大中长期贷款投放，降低企业综合融资成本。（牵头单位：区金融办；责任单位：人民银行区支行）',
    '三、提升公共服务',
    '5.推进义务教育优质均衡发展，新建改扩建中小学校舍，扩大优质教育资源供给，缓解城区学校大班额问题。（牵头单位：区教育局；责任单位：区财政局、区自然资源局）',
    '6.完善基层医疗卫生服务体系，推进紧密型县域医共体建设，提升社区卫生服务中心服务能力。（牵头单位：区卫生健康局；责任单位：区医保局）',
  ];
  const read = (text: string) => parseExtracted(linesAsBlocks(text)).tasks.map((t) => ({ number: t.number, content: t.content, lead: t.lead, support: t.support }));
  const want = read(doc.join('\n'));
  const wrapAt = (line: string, n: number) => {
    const out: string[] = [];
    for (let i = 0; i < line.length; i += n) out.push(line.slice(i, i + n));
    return out;
  };

  it('the document reads right as typed', () => {
    expect(want.map((t) => t.lead)).toEqual([['区政务服务局'], ['区发展改革局'], ['区自然资源局'], ['区金融办'], ['区教育局'], ['区卫生健康局']]);
    expect(want[0]!.support).toEqual(['区发展改革局', '区司法局', '区市场监管局']);
  });

  for (const width of [28, 33, 40]) {
    it(`broken every ${width} characters (names and labels cut anywhere) it reads the same`, () => {
      const wrapped = doc.flatMap((l) => wrapAt(l, width));
      expect(read(wrapped.join('\n'))).toEqual(want);
    });
  }

  it('with page numbers and the issuer as a running header between the lines, inside a paragraph too', () => {
    const wrapped = doc.flatMap((l) => wrapAt(l, 30));
    const number = [(p: number) => `— ${p} —`, (p: number) => `-${p}-`, (p: number, n: number) => `第 ${p} 页 共 ${n} 页`];
    for (const style of number) {
      // A page break every 9 lines: the page number, then the issuer's name at the top of the next page.
      const pages: string[] = [];
      for (let i = 0; i < wrapped.length; i += 9) {
        if (i > 0) pages.push(style(i / 9, Math.ceil(wrapped.length / 9)), '某区人民政府办公室');
        pages.push(...wrapped.slice(i, i + 9));
      }
      expect(read(pages.join('\n')), style(1, 2)).toEqual(want);
      // One page number alone, in the middle of a paragraph.
      const one = [...wrapped];
      one.splice(5, 0, style(1, 2));
      expect(read(one.join('\n')), style(1, 2)).toEqual(want);
    }
  });

  it('a wrapped document keeps its own line starts: an indent, a number, a label line', () => {
    const lines = [...wrapAt(doc[2]!.replace(/（牵头单位.*$/, ''), 30), '牵头单位：区政务服务局', '责任单位：区发展改革局、区司法局'];
    const blocks = linesAsBlocks([doc[0], doc[1], ...lines, ...doc.slice(3).flatMap((l) => wrapAt(l, 30))].join('\n'));
    const r = parseExtracted(blocks);
    expect(r.tasks[0]).toMatchObject({ lead: ['区政务服务局'], support: ['区发展改革局', '区司法局'] });
    expect(r.tasks.map((t) => t.lead)).toEqual(want.map((t) => t.lead));
  });

  it('a document typed with lines of every length, or a table copied one sentence per line, is not joined', () => {
    expect(wrapWidth(doc)).toBeNull();
    const cells = Array.from({ length: 30 }, (_, i) => `第${i + 10}项任务：推进监管能力建设，完善工作机制。`);
    expect(wrapWidth(cells)).toBeNull();
    expect(wrapWidth(doc.flatMap((l) => wrapAt(l, 30)))).not.toBeNull();
    // A short page: two items broken at the width are enough; typed, they are not joined.
    expect(wrapWidth(doc.slice(2, 4).flatMap((l) => wrapAt(l, 30)))).not.toBeNull();
    expect(wrapWidth(doc.slice(0, 4))).toBeNull();
  });

  it('page numbers alone on a line are furniture; a bare number (a 序号 cell) is not', () => {
    for (const l of ['— 3 —', '-3-', '- 12 -', '第 3 页 共 8 页', '第3页']) expect(isPageNumber(l), l).toBe(true);
    for (const l of ['3', '12', '第三条', '2023-2025']) expect(isPageNumber(l), l).toBe(false);
  });

  it('joining stays bounded: one endless paragraph broken at a width', () => {
    const text = `某方案\n${'推进甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥工作的'.repeat(1)}\n`.repeat(1) + '推进甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥工作之\n'.repeat(100_000);
    const r = parseExtracted(linesAsBlocks(text));
    expect(Array.isArray(r.tasks)).toBe(true);
  });
});
