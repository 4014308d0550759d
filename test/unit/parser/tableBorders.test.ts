import { describe, expect, it } from 'vitest';
import { parseExtracted } from '../../../shared/parser/core';
import { linesAsBlocks } from './seedHelpers';

/**
 * A web table saved as text one cell per line often keeps its drawn cell borders as lines of their own ("|"
 * between cells, "|" "|" between rows, "｜", "│", "+----+"). Those lines carry no text: the cells around them
 * are read as the familiar table flattened one cell per line. Its time column may be headed "时间进度" (the
 * schedule), which is a deadline column, unlike "当前进度" (progress made).
 */
const rows: [string, string, string, string][] = [
  ['1', '建立农村生活污水治理长效机制', '县生态环境局、县住建局,各乡镇人民政府', '2024 年 6 月底前'],
  ['2', '开展入河排污口排查整治', '县水利局、县生态环境局', '2024年底前'],
  ['3', '推进农村改厕与污水治理衔接', '县农业农村局,各乡镇人民政府', '常态工作'],
];

function bordered(bar: string, rowGap: string[], header = ['序号', '工作任务', '负责部门', '时间进度']): string {
  const lines: string[] = [bar];
  for (const h of header) lines.push(h, bar);
  for (const r of rows) {
    lines.push(...rowGap);
    for (const c of r) lines.push(c, bar);
  }
  return lines.join('\n');
}

function expectRows(text: string) {
  const r = parseExtracted(linesAsBlocks(text));
  expect(r.tasks.map((t) => t.number)).toEqual(['1', '2', '3']);
  expect(r.tasks[0]!.content).toBe('建立农村生活污水治理长效机制');
  expect(r.tasks[0]!.lead).toEqual(['县生态环境局']);
  expect(r.tasks[0]!.support).toEqual(['县住建局', '各乡镇人民政府']);
  expect(r.tasks[1]!.lead).toEqual(['县水利局']);
  expect(r.tasks[1]!.support).toEqual(['县生态环境局']);
  expect(r.tasks[2]!.lead).toEqual(['县农业农村局']);
  expect(r.tasks[0]!.deadline?.date).toBe('2024-06-30');
  expect(r.tasks[1]!.deadline?.date).toBe('2024-12-31');
  expect(r.tasks[2]!.deadline?.text).toBe('常态工作');
  return r;
}

describe('a table flattened one cell per line with its borders on lines of their own', () => {
  it('reads "|" lines between cells and rows as borders, not text', () => {
    expectRows(bordered('|', ['|']));
  });

  it('reads full-width and box-drawing borders the same way', () => {
    expectRows(bordered('｜', []));
    expectRows(bordered('│', ['+------+--------+']));
    expectRows(bordered(' | ', ['|  |']));
  });

  it('reads the same table without borders the same way (the borders change nothing)', () => {
    expectRows(bordered('', []).split('\n').filter((l) => l !== '').join('\n'));
  });

  it('keeps lines that hold text beside a bar (a metadata row "文号 | X")', () => {
    const r = parseExtracted(linesAsBlocks(['文 号 | 示政发〔2024〕3号', bordered('|', ['|'])].join('\n')));
    expect(r.docNumber).toBe('示政发〔2024〕3号');
    expect(r.tasks).toHaveLength(3);
  });

  it('reads a "时间进度" column as the time limit and a "当前进度" column as progress', () => {
    const withProgress = bordered('|', ['|'], ['序号', '工作任务', '负责部门', '当前进度']);
    const r = parseExtracted(linesAsBlocks(withProgress));
    expect(r.tasks.map((t) => t.lead[0])).toEqual(['县生态环境局', '县水利局', '县农业农村局']);
    expect(r.tasks.every((t) => t.deadline === null)).toBe(true);
  });
});
