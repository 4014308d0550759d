import { describe, expect, it } from 'vitest';
import { documentBytes, expectRefused, paragraphs, readNamed, tables } from './files';

describe('docx reader', () => {
  it('reads paragraphs in order: tabs, breaks, insertions kept, deletions and field codes dropped', async () => {
    const doc = await readNamed('two-tables.docx');
    expect(doc.format).toBe('docx');
    expect(paragraphs(doc).slice(0, 7)).toEqual([
      '关于印发测试措施的通知',
      '文号：\t测试〔2024〕1号',
      '保留插入的文字',
      '第一行\n第二行',
      '第3页',
      '内容控件中的段落',
      '附件1',
    ]);
  });

  it('carries vertical and horizontal merges into every covered slot and marks them', async () => {
    const [first] = tables(await readNamed('two-tables.docx'));
    expect(first!.rows).toEqual([
      ['序号', '项目', '具体内容', '牵头单位', '配合单位'],
      ['1', '一、加强组织领导', '任务一', '区市场监管局', '区财政局'],
      ['2', '一、加强组织领导', '任务二', '区卫生健康委、区医保局按职责分工负责', '区卫生健康委、区医保局按职责分工负责'],
      ['3', '一、加强组织领导', '任务三', '区司法局', ''],
    ]);
    expect(first!.merged).toEqual([
      [false, false, false, false, false],
      [false, false, false, false, false],
      [false, true, false, false, true],
      [false, true, false, false, false],
    ]);
  });

  it('unwraps a layout frame around a table and flattens a table nested in a cell', async () => {
    const doc = await readNamed('two-tables.docx');
    const all = tables(doc);
    expect(all).toHaveLength(3);
    expect(all[1]!.rows).toEqual([
      ['序号', '任务', '责任单位'],
      ['1', '嵌套表任务', '区教委'],
    ]);
    expect(all[2]!.rows).toEqual([['备注', '甲 乙']]);
    // Reading order: the frame's caption paragraph comes right before its table.
    const i = doc.blocks.findIndex((b) => b.kind === 'paragraph' && b.text === '表格说明');
    expect(doc.blocks[i + 1]).toEqual(all[1]);
  });

  it('renders automatic list numbering (levels, restart under a new parent, numbered styles, no bullets)', async () => {
    expect(paragraphs(await readNamed('numbered.docx'))).toEqual([
      '一、加强组织领导',
      '（一）完善机制',
      '（二）强化保障',
      '二、加强监管',
      '（一）健全制度',
      '1.任务甲',
      '2.任务乙',
      '第1条 总则',
      '第2条 附则',
      '项目符号',
    ]);
  });

  it('reads a body embedded as an HTML chunk (w:altChunk) in place', async () => {
    expect((await readNamed('altchunk.docx')).blocks).toEqual([
      { kind: 'paragraph', text: '导出说明' },
      { kind: 'paragraph', text: '关于印发测试措施的通知' },
      { kind: 'table', rows: [['序号', '牵头单位'], ['1', '区市场监管局']] },
    ]);
  });

  it('refuses empty, truncated, bomb, entity-expansion, deeply nested and encrypted files', async () => {
    await expectRefused(readNamed('empty.docx'), 'empty');
    await expectRefused(readNamed('truncated.docx'), 'damaged');
    await expectRefused(readNamed('zip-bomb.docx'), 'hostile');
    await expectRefused(readNamed('billion-laughs.docx'), 'hostile');
    await expectRefused(readNamed('deep-nesting.docx'), 'hostile');
    await expectRefused(readNamed('encrypted.docx'), 'encrypted');
  });

  it('refuses a zip that is neither Word nor Excel, and a .docx that is not a zip', async () => {
    const { zipSync, strToU8 } = await import('fflate');
    await expectRefused(readNamed('photos.docx', zipSync({ 'a.txt': strToU8('hello') })), 'unknown-format');
    const disguised = await expectRefused(readNamed('fake.docx', documentBytes('random.bin')), 'damaged');
    expect(disguised.message).toContain('.docx');
    await expectRefused(readNamed('random.bin'), 'unknown-format');
  });
});

describe('docx list number formats', () => {
  it('writes Chinese, circled, Roman and letter counters', async () => {
    const { formatNumber } = await import('../../../../shared/parser/readers/docxNumbering');
    expect([1, 10, 11, 20, 23, 105].map((n) => formatNumber(n, 'chineseCounting'))).toEqual(['一', '十', '十一', '二十', '二十三', '一百零五']);
    expect(formatNumber(3, 'decimalEnclosedCircle')).toBe('③');
    expect(formatNumber(14, 'upperRoman')).toBe('XIV');
    expect(formatNumber(28, 'lowerLetter')).toBe('ab');
    expect(formatNumber(2, 'ideographTraditional')).toBe('乙');
  });
});
