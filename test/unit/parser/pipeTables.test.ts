import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../../shared/parser';
import { parseExtracted } from '../../../shared/parser/core';
import { pipeCells, pipeTable } from '../../../shared/parser/core/pipeTables';
import { linesAsBlocks } from './seedHelpers';

/**
 * A task table copied from a web page or exported as text, one row per line with '|' between the cells. It is
 * read as the same table a .docx would give: header roles, section rows, the first listed unit leads.
 */
const parse = (text: string) => parseExtracted(linesAsBlocks(text));

const basic = [
  '区2023年重点工作任务分解表',
  '序号 | 工作任务 | 牵头单位 | 配合单位 | 完成时限',
  '1 | 推进政务服务“一网通办” | 区政务服务局 | 区大数据局、各街道 | 2023年12月底前',
  '2 | 开展重点项目建设攻坚行动 | 区发展改革局 | 区财政局、区自然资源局 | 2023年9月底前',
  '3 | 优化消费环境，促进商贸发展 | 区商务局 |  | 长期坚持',
];

function expectBasic(text: string) {
  const r = parse(text);
  expect(r.tasks.map((t) => t.number)).toEqual(['1', '2', '3']);
  expect(r.tasks[0]!.content).toBe('推进政务服务“一网通办”');
  expect(r.tasks[0]!.lead).toEqual(['区政务服务局']);
  expect(r.tasks[0]!.support).toEqual(['区大数据局', '各街道']);
  expect(r.tasks[0]!.deadline?.date).toBe('2023-12-31');
  expect(r.tasks[1]!.lead).toEqual(['区发展改革局']);
  expect(r.tasks[1]!.support).toEqual(['区财政局', '区自然资源局']);
  expect(r.tasks[1]!.deadline?.date).toBe('2023-09-30');
  expect(r.tasks[2]!.lead).toEqual(['区商务局']);
  expect(r.tasks[2]!.support).toEqual([]);
  expect(r.tasks[2]!.deadline?.text).toBe('长期坚持');
  return r;
}

describe('tables written one row per line with "|" between the cells', () => {
  it('reads bare bars between cells', () => {
    expectBasic(basic.join('\n'));
  });

  it('reads Markdown tables: border bars, separator lines with colons, blank lines between rows', () => {
    const md = basic.map((l, k) => (k === 0 ? l : `| ${l} |`));
    expectBasic([md[0], md[1], '|:---:|:------|---|---|---:|', ...md.slice(2)].join('\n'));
    expectBasic([md[0], md[1], '| --- | --- | --- | --- | --- |', md[2], '', md[3], '', md[4]].join('\n'));
  });

  it('reads full-width bars "｜" the same way', () => {
    expectBasic(basic.map((l) => l.replace(/\|/g, '｜')).join('\n'));
  });

  it('reads the same table from a saved .txt file and from a web page whose paragraphs are the rows', async () => {
    const bytes = new TextEncoder().encode(basic.join('\r\n'));
    const fromTxt = await parseDocument({ name: '任务分解表.txt', bytes });
    expect(fromTxt.tasks.map((t) => [t.number, t.lead[0]])).toEqual([['1', '区政务服务局'], ['2', '区发展改革局'], ['3', '区商务局']]);
    const html = `<html><body>${basic.map((l) => `<p>${l.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`).join('')}</body></html>`;
    const fromHtml = await parseDocument({ name: '任务分解表.html', bytes: new TextEncoder().encode(html) });
    expect(fromHtml.tasks.map((t) => [t.number, t.lead[0], t.support])).toEqual(fromTxt.tasks.map((t) => [t.number, t.lead[0], t.support]));
  });

  it('reads a row missing an empty cell, or ending on an empty cell, in the right columns', () => {
    const short = [...basic.slice(0, 4), '3 | 优化消费环境，促进商贸发展 | 区商务局 | 长期坚持'].join('\n');
    expectBasic(short);
    const r = parse([...basic.slice(0, 3), '2 | 开展重点项目建设攻坚行动 | 区发展改革局 | 区财政局、区自然资源局 |'].join('\n'));
    expect(r.tasks[1]!.support).toEqual(['区财政局', '区自然资源局']);
    expect(r.tasks[1]!.deadline).toBeNull();
  });

  it('joins a cell continued on the next line', () => {
    const broken = [
      basic[0],
      basic[1],
      '1 | 推进政务服务“一网通办”，',
      '实现高频事项全程网办 | 区政务服务局 | 区大数据局、',
      '各街道 | 2023年12月底前',
      basic[3],
    ].join('\n');
    const r = parse(broken);
    expect(r.tasks.map((t) => t.number)).toEqual(['1', '2']);
    expect(r.tasks[0]!.content).toBe('推进政务服务“一网通办”，实现高频事项全程网办');
    expect(r.tasks[0]!.lead).toEqual(['区政务服务局']);
    expect(r.tasks[0]!.support).toEqual(['区大数据局', '各街道']);
    expect(r.tasks[0]!.deadline?.date).toBe('2023-12-31');
  });

  it('reads rows short of the cells a row above merged down (a web page rowspan) as rows of their own', () => {
    const r = parse(
      [
        '| 类别 | 序号 | 工作任务 | 责任单位 |',
        '| 一、园林绿化 | 1 | 编制城市绿地系统规划 | 市规划局、市园林局 |',
        '| 2 | 建设综合公园 | 市园林局 |',
        '| 3 | 推进道路绿化 | 市住房城乡建设局、市园林局 |',
        '| 二、生态环境 | 4 | 治理城市内河 | 市水务局 |',
        '| 5 | 改善空气质量 | 市生态环境局 |',
      ].join('\n'),
    );
    expect(r.tasks.map((t) => t.number)).toEqual(['1', '2', '3', '4', '5']);
    expect(r.tasks.map((t) => t.lead[0])).toEqual(['市规划局', '市园林局', '市住房城乡建设局', '市水务局', '市生态环境局']);
    expect(r.tasks[2]!.support).toEqual(['市园林局']);
    expect(r.tasks[2]!.section).toEqual(['一、园林绿化']);
    expect(r.tasks[4]!.section).toEqual(['二、生态环境']);
  });

  it('joins the lines of a row whose cells wrap, each line drawn with all its bars; keeps sub-rows apart', () => {
    const r = parse(
      [
        '| 序号 | 工作任务 | 责任单位 | 完成时间 |',
        '| 1 | 健全城市园林绿化管理机构， | 市园林局、市编办 | 2010年6月 |',
        '|   | 落实管理职能 | | |',
        '| 2 | 编制城市绿地系统规划，划定 | 市规划局、市园林 | 2010年8月 |',
        '|   | 城市绿线 | 局、市国土局 | |',
        '| 3 | 建设综合公园 | 市园林局 | 2010年底 |',
        '|   | 建设街头游园 | 市住房城乡建设局 | 2011年底 |',
      ].join('\n'),
    );
    const t = r.tasks;
    expect(t[0]!.content).toBe('健全城市园林绿化管理机构，落实管理职能');
    expect(t[1]!.content).toBe('编制城市绿地系统规划，划定城市绿线');
    expect([t[1]!.lead, t[1]!.support]).toEqual([['市规划局'], ['市园林局', '市国土局']]);
    expect(t[2]!.lead).toEqual(['市园林局']);
    // The line below task 3 fills its own time limit: a sub-row with its own unit, not a wrap.
    expect(t).toHaveLength(4);
    expect(t[3]!.content).toBe('建设街头游园');
    expect(t[3]!.lead).toEqual(['市住房城乡建设局']);
  });

  it('reads a single 责任单位 column: the first listed unit leads', () => {
    const r = parse(
      [
        '序号 | 重点任务 | 责任单位 | 完成时限',
        '1 | 完善社区养老服务设施 | 区民政局、区卫生健康委、各街道 | 2024年6月底前',
        '2 | 实施老旧小区改造 | 区住房城乡建设委、区财政局 | 2024年底前',
      ].join('\n'),
    );
    expect(r.tasks.map((t) => t.lead)).toEqual([['区民政局'], ['区住房城乡建设委']]);
    expect(r.tasks[0]!.support).toEqual(['区卫生健康委', '各街道']);
    expect(r.tasks[1]!.support).toEqual(['区财政局']);
  });

  it('reads a heading alone in a row as the section of the rows below it', () => {
    const r = parse(
      [
        '| 序号 | 工作任务 | 牵头单位 | 配合单位 |',
        '|---|---|---|---|',
        '| 一、优化营商环境 | | | |',
        '| 1 | 深化“放管服”改革 | 区政务服务局 | 区司法局 |',
        '| 2 | 清理拖欠企业账款 | 区工信局 | 区财政局 |',
        '二、扩大有效投资',
        '| 3 | 谋划储备重大项目 | 区发展改革局 | 区自然资源局 |',
      ].join('\n'),
    );
    expect(r.tasks.map((t) => t.number)).toEqual(['1', '2', '3']);
    expect(r.tasks[0]!.section).toEqual(['一、优化营商环境']);
    expect(r.tasks[1]!.section).toEqual(['一、优化营商环境']);
    expect(r.tasks[2]!.section).toEqual(['二、扩大有效投资']);
    expect(r.tasks[2]!.lead).toEqual(['区发展改革局']);
  });

  it('does not take a metadata block written with bars for a task table', () => {
    const metadata = [
      '索 引 号: | 000014349/2023-91150 | 信息分类: | 通知',
      '发布机构: | 某区人民政府办公室 | 发文日期: | 2023-03-01',
      '文 号 | 示政办〔2023〕1号 | 主题分类 | 综合政务 |',
    ];
    const prose = [
      '某区人民政府办公室关于做好2023年春季防火工作的通知',
      '各街道办事处，区政府各部门：',
      '为切实做好今年春季防火工作，确保人民群众生命财产安全，现就有关事项通知如下。',
      '一、提高思想认识。各单位要充分认识春季防火工作的重要性。',
      '二、加强隐患排查。区应急管理局要对辖区内重点部位开展全面排查。',
      '某区人民政府办公室',
      '2023年3月1日',
    ];
    const r = parse([...metadata, ...prose].join('\n'));
    // The tasks are those of the prose alone: none comes from the metadata.
    const view = (tasks: typeof r.tasks) => tasks.map((t) => [t.number, t.content, t.lead, t.support]);
    expect(view(r.tasks)).toEqual(view(parse(prose.join('\n')).tasks));
    expect(r.tasks.every((t) => !/索|000014349|综合政务/.test(t.content))).toBe(true);
    expect(r.docNumber).toBe('示政办〔2023〕1号');
  });

  it('leaves a line of prose that happens to hold bars to the text', () => {
    const text = '本方案所称指标口径为“规上工业增加值 | 同比 | 累计”，由区统计局负责解释。';
    expect(pipeTable([text, '下一段文字。'], 0)).toBeNull();
    const doc = ['关于印发某方案的通知', '一、区统计局牵头做好统计监测工作。', text, '二、各单位要认真组织实施。'];
    const r = parse(doc.join('\n'));
    const plain = parse(doc.map((l) => l.replace(/ \| /g, '、')).join('\n'));
    expect(r.tasks.map((t) => [t.number, t.lead])).toEqual(plain.tasks.map((t) => [t.number, t.lead]));
    expect(r.tasks[0]!.content).toContain('规上工业增加值 | 同比 | 累计');
  });

  it('a header line followed by no row is not a table', () => {
    expect(pipeTable(['序号 | 工作任务 | 牵头单位 | 配合单位', '这是正文的一段话，没有竖线。'], 0)).toBeNull();
  });

  it('is bounded on hostile input: a line of 100,000 cells is not a row and the parse returns', () => {
    const huge = `序号 | 工作任务 | 牵头单位${' | 区财政局'.repeat(100_000)}`;
    expect(pipeCells(huge)).toBeNull();
    const many = `序号 | 工作任务 | 牵头单位 | 配合单位\n${'1 | 任务 | 区财政局 | 区税务局\n'.repeat(5)}${'|'.repeat(100_000)}`;
    const r = parse([huge, many].join('\n'));
    expect(r.tasks.length).toBe(5);
    const r2 = parse(huge);
    expect(r2.tasks).toEqual([]);
  });

  it('is bounded on a row that never ends: thousands of continuation or wrapped lines make one row of bounded size', () => {
    const endless = `序号 | 工作任务 | 牵头单位 | 配合单位\n1 | 推进工作\n${'推进甲乙丙丁戊己庚辛工作\n'.repeat(20_000)}`;
    const table = pipeTable(endless.split('\n'), 0)!;
    expect(table.table.rows).toHaveLength(2);
    expect(table.end).toBeLessThan(50);
    const wrapped = `| 序号 | 工作任务 | 牵头单位 | 配合单位 |\n| 1 | 推进工作 | 区财政局 | 区税务局 |\n${'|   | 推进甲乙丙丁戊己庚辛工作 | | |\n'.repeat(20_000)}`;
    const r = parse(wrapped);
    expect(r.tasks[0]!.lead).toEqual(['区财政局']);
    // Lines past a row's limit are rows of their own; the table reader joins them onto the task up to its cap.
    expect(r.tasks[0]!.content.length).toBeLessThanOrEqual(20_000);
  });
});
