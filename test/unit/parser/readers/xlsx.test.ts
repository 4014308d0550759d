import { describe, expect, it } from 'vitest';
import { expectRefused, paragraphs, readNamed, tables } from './files';

describe('xlsx reader', () => {
  it('turns the title row and the note row into paragraphs around the table', async () => {
    const doc = await readNamed('title-merges.xlsx');
    expect(doc.format).toBe('xlsx');
    expect(doc.blocks[0]).toEqual({ kind: 'paragraph', text: '测试措施任务分解表' });
    expect(paragraphs(doc)).toEqual(['测试措施任务分解表', '注：本表由测试生成']);
  });

  it('carries merged cells, reads rich and inline strings, numbers and dates', async () => {
    const [sheet] = tables(await readNamed('title-merges.xlsx'));
    expect(sheet!.rows).toEqual([
      ['序号', '项目', '具体内容', '牵头单位', '完成时限'],
      ['1', '一、加强组织领导', '任务一', '区市场监管局', '2023年6月30日'],
      ['2', '一、加强组织领导', '任务二', '区财政局', '长期坚持'],
    ]);
    expect(sheet!.merged?.[2]?.[1]).toBe(true);
    expect(sheet!.merged?.[1]?.[1]).toBe(false);
  });

  it('reads every visible sheet and skips hidden ones', async () => {
    const all = tables(await readNamed('title-merges.xlsx'));
    expect(all).toHaveLength(2);
    expect(all[1]!.rows).toEqual([
      ['单位', '联系人'],
      ['区教委', '张三'],
    ]);
    expect(JSON.stringify(all)).not.toContain('隐藏表的内容');
  });

  it('reads the fixture sheet with its title row as a paragraph', async () => {
    const { fixtureBytes } = await import('./files');
    const doc = await readNamed('002_table.xlsx', fixtureBytes('002_table.xlsx'));
    expect(doc.blocks[0]).toEqual({ kind: 'paragraph', text: '中山市全面加强药品监管能力建设若干措施任务分解表' });
    const [t] = tables(doc);
    expect(t!.rows[0]).toEqual(['工作任务', '序号', '具体内容', '牵头部门', '配合部门']);
    expect(t!.rows).toHaveLength(64);
  });

  it('refuses a legacy .xls with a clear message', async () => {
    const bytes = (await import('./files')).documentBytes('encrypted.doc').slice();
    // Rename the WordDocument stream to Workbook: an OLE file holding a BIFF workbook.
    const name = new TextEncoder().encode('WordDocument');
    const needle = new Uint8Array(name.length * 2);
    name.forEach((c, i) => (needle[i * 2] = c));
    const at = indexOf(bytes, needle);
    const workbook = new Uint8Array(64);
    'Workbook'.split('').forEach((c, i) => (workbook[i * 2] = c.charCodeAt(0)));
    bytes.set(workbook, at);
    bytes[at + 64] = 18;
    const refused = await expectRefused(readNamed('old.xls', bytes), 'unknown-format');
    expect(refused.message).toContain('.xlsx');
  });
});

function indexOf(haystack: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i <= haystack.length - needle.length; i++) {
    for (let k = 0; k < needle.length; k++) if (haystack[i + k] !== needle[k]) continue outer;
    return i;
  }
  throw new Error('not found');
}
