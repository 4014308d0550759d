import { describe, expect, it } from 'vitest';
import { expectRefused, readNamed } from './files';

describe('rtf reader', () => {
  it('decodes GBK bytes and \\u escapes, skips headers and ignorable groups, builds tables with merges', async () => {
    const doc = await readNamed('gbk.rtf');
    expect(doc.format).toBe('rtf');
    expect(doc.blocks).toEqual([
      { kind: 'paragraph', text: '关于印发测试措施的通知' },
      { kind: 'paragraph', text: '文号：\t测试〔2024〕1号\n第二行' },
      { kind: 'paragraph', text: '中文转义' },
      {
        kind: 'table',
        rows: [
          ['序号', '项目', '具体内容', '牵头单位'],
          ['1', '一、加强组织领导', '任务一', '区市场监管局'],
          ['2', '一、加强组织领导', '任务二', '区财政局'],
          ['3', '二、强化保障（合并两列）', '二、强化保障（合并两列）', '区司法局'],
        ],
        merged: [
          [false, false, false, false],
          [false, false, false, false],
          [false, true, false, false],
          [false, false, true, false],
        ],
      },
      { kind: 'paragraph', text: '表后段落' },
    ]);
  });

  it('takes the code page from a font charset when the document says Western (WPS style)', async () => {
    expect((await readNamed('wps-style.rtf')).blocks).toEqual([{ kind: 'paragraph', text: '宋体正文 Latin' }]);
  });

  it('refuses absurd group nesting and an RTF with no text', async () => {
    const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
    await expectRefused(readNamed('deep.rtf', utf8(`{\\rtf1${'{'.repeat(10000)}x${'}'.repeat(10000)}}`)), 'hostile');
    await expectRefused(readNamed('blank.rtf', utf8('{\\rtf1\\ansi{\\fonttbl{\\f0 Arial;}}\\par}')), 'empty');
  });
});
