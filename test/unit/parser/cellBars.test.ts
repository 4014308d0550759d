import { describe, expect, it } from 'vitest';
import { withoutCellBars } from '../../../shared/parser/core/copiedText';
import { parseExtracted } from '../../../shared/parser/core';
import { linesAsBlocks } from './seedHelpers';

const lines = (...texts: string[]) => texts.map((text, i) => ({ text, block: i }));

/** A table copied one cell per line that keeps the bar after each cell ("市发改委 |"). */
describe('cell bars of a table copied one cell per line', () => {
  it('removes a lone trailing bar when most lines end with one', () => {
    const out = withoutCellBars(lines('序号 |', '重点工作任务 |', '牵头单位 |', '|', '1 |', '推进审批改革 |', '市发改委 |', ''));
    expect(out.map((l) => l.text)).toEqual(['序号', '重点工作任务', '牵头单位', '', '1', '推进审批改革', '市发改委', '']);
  });

  it('leaves a table written one row per line, and a few bars in running text, as they are', () => {
    const rows = lines('序号 | 任务 | 牵头单位 |', '1 | 推进审批改革 | 市发改委 |', '2 | 优化服务 | 市数据局 |', '3 | 加强监管 | 市市场监管局 |', '4 | 强化保障 | 市财政局 |');
    expect(withoutCellBars(rows)).toEqual(rows);
    const prose = lines('一、总体要求', '浏览量：1 |', '各部门要加强领导。', '二、主要任务', '1.推进改革。', '2.优化服务 |');
    expect(withoutCellBars(prose)).toEqual(prose);
  });

  it('reads the same tasks with or without the bars', () => {
    const table = ['某县2024年民生实事项目分解表', '序号', '项目名称', '牵头单位', '配合单位', '1', '新建城区幼儿园2所', '县教育局', '县住建局', '2', '改造老旧小区10个', '县住建局', '各镇人民政府'];
    const read = (text: string) => parseExtracted(linesAsBlocks(text)).tasks.map((t) => [t.number, t.content, t.lead, t.support]);
    const plain = read(table.join('\n'));
    expect(plain.length).toBe(2);
    expect(read(table.map((l) => `${l} |`).join('\n'))).toEqual(plain);
  });
});
