import { describe, expect, it } from 'vitest';
import { documentBytes, expectRefused, readNamed } from './files';

describe('OpenDocument readers', () => {
  it('reads an .odt: headings, lists, tabs/spaces/breaks; notes and tracked deletions dropped; spans carried', async () => {
    const doc = await readNamed('document.odt');
    expect(doc.format).toBe('odt');
    expect(doc.blocks).toEqual([
      { kind: 'paragraph', text: '关于印发测试措施的通知' },
      { kind: 'paragraph', text: '文号：\t测试〔2024〕1号  （公开）\n第二行' },
      { kind: 'paragraph', text: '一、加强组织领导' },
      { kind: 'paragraph', text: '正文内容' },
      {
        kind: 'table',
        rows: [
          ['序号', '具体内容', '牵头单位'],
          ['1', '任务一', '区市场监管局'],
          ['2', '任务二', '区市场监管局'],
          ['3', '区财政局、区教委按职责分工负责', '区财政局、区教委按职责分工负责'],
        ],
        merged: [
          [false, false, false],
          [false, false, false],
          [false, false, true],
          [false, false, true],
        ],
      },
    ]);
  });

  it('reads an .ods without expanding a million repeated empty rows; the title row becomes a paragraph', async () => {
    const doc = await readNamed('sheet.ods');
    expect(doc.format).toBe('ods');
    expect(doc.blocks).toEqual([
      { kind: 'paragraph', text: '测试措施任务分解表' },
      { kind: 'table', rows: [['序号', '具体内容', '牵头单位'], ['1', '任务一', '区市场监管局']] },
    ]);
  });

  it('refuses a truncated OpenDocument file', async () => {
    const bytes = documentBytes('document.odt');
    await expectRefused(readNamed('cut.odt', bytes.subarray(0, bytes.length - 40)), 'damaged');
  });
});
