import { describe, expect, it } from 'vitest';
import { parseExtracted } from '../../../shared/parser/core';
import { linesAsBlocks } from './seedHelpers';

/**
 * A 任务分解表 or progress table issued on its own is titled after the table ("…任务分解表", "…项目进度表",
 * "…工作台账"), often with a qualifier in brackets ("(截至10月31日)", "(2023年)"). A web page's navigation path
 * ("首页>>专题专栏>>…") above it is never part of the title.
 */
const table = ['序号', '工作任务', '牵头单位', '配合单位', '1', '新增公办幼儿学位1000个', '县教育局', '县财政局', '2', '改造老旧小区10个', '县住建局', '各乡镇'];

describe('a table issued on its own is titled after it', () => {
  // A caption naming the measures it breaks down ("…重点工作任务分解表") gives the measures' own title.
  for (const [caption, title] of [
    ['2022年度县民生实事项目进度表(截至10月31日)', '2022年度县民生实事项目进度表(截至10月31日)'],
    ['2023年重点工作任务分解表', '2023年重点工作'],
    ['县政府重点工作责任分解(2023年)', '县政府重点工作责任分解(2023年)'],
    ['2024年为民办实事工作台账', '2024年为民办实事工作台账'],
  ]) {
    it(`"${caption}"`, () => {
      const r = parseExtracted(linesAsBlocks([caption, ...table].join('\n')));
      expect(r.title).toBe(title);
      expect(r.tasks.map((t) => t.number)).toEqual(['1', '2']);
    });
  }

  it('a navigation path above the title is not part of it, and is not a title itself', () => {
    const r = parseExtracted(linesAsBlocks(['>>专题专栏>>归档专题>>2023县政府重点工作(已归档)', '县政府工作报告重点工作责任分解(2023年)', ...table].join('\n')));
    expect(r.title).toBe('县政府工作报告重点工作责任分解(2023年)');
    const alone = parseExtracted(linesAsBlocks(['首页 > 政务公开 > 2023年重点工作任务分解表', '各乡镇、县直各部门：', ...table].join('\n')));
    expect(alone.title).toBeNull();
  });

  it('a bracketed note alone does not make a title: the words before it must name a kind of document', () => {
    const r = parseExtracted(linesAsBlocks(['新增公办幼儿学位(截至10月31日)', ...table].join('\n')));
    expect(r.title).toBeNull();
  });
});
