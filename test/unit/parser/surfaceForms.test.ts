import { describe, expect, it } from 'vitest';
import { parseExtracted } from '../../../shared/parser/core';
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
