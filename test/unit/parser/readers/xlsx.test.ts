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

});

describe('xls reader (BIFF8)', () => {
  it('reads shared strings split across records, numbers, a date, merges; skips the hidden sheet', async () => {
    const doc = await readNamed('legacy.xls');
    expect(doc.format).toBe('xls');
    expect(doc.blocks).toEqual([
      { kind: 'paragraph', text: '测试措施任务分解表' },
      {
        kind: 'table',
        rows: [
          ['序号', '项目', '具体内容', '牵头单位', '完成时限'],
          ['1', '一、加强组织领导', '这是一段跨越记录边界的很长的具体内容文字用于测试续记录的读取', '区市场监管局', '2023年6月30日'],
          ['2', '一、加强组织领导', '具体内容', '区财政局', ''],
        ],
        merged: [
          [false, false, false, false, false],
          [false, false, false, false, false],
          [false, true, false, false, false],
        ],
      },
    ]);
  });

  it('refuses an encrypted workbook and a damaged one', async () => {
    await expectRefused(readNamed('encrypted.xls'), 'encrypted');
    const { documentBytes } = await import('./files');
    const bytes = documentBytes('legacy.xls').slice();
    bytes.fill(0xee, 512 * 2, 512 * 3);
    await expectRefused(readNamed('broken.xls', bytes), 'damaged');
  });
});

describe('xlsx sparse sheets', () => {
  it('reads a sheet with a stray cell in the last row and column without building a billion-cell grid', async () => {
    const { zipSync, strToU8 } = await import('fflate');
    const cell = (ref: string, text: string): string => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
    const sheet = `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">${cell('A1', '序号')}${cell('B1', '内容')}</row><row r="2">${cell('A2', '1')}${cell('B2', '任务')}</row><row r="1048576">${cell('XFD1048576', '远处')}</row></sheetData></worksheet>`;
    const bytes = zipSync({
      'xl/workbook.xml': strToU8('<workbook xmlns:r="r"><sheets><sheet name="s" sheetId="1" r:id="rId1"/></sheets></workbook>'),
      'xl/_rels/workbook.xml.rels': strToU8('<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>'),
      'xl/worksheets/sheet1.xml': strToU8(sheet),
    });
    const doc = await readNamed('sparse.xlsx', bytes);
    // The lone far cell reads as a note row under the table.
    expect(doc.blocks).toEqual([
      { kind: 'table', rows: [['序号', '内容'], ['1', '任务']] },
      { kind: 'paragraph', text: '远处' },
    ]);
  });
});

describe('xlsx written with namespace prefixes', () => {
  it('reads <x:worksheet>/<x:c> SpreadsheetML (as the OpenXML SDK writes it)', async () => {
    const { zipSync, strToU8 } = await import('fflate');
    const X = 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:rel="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
    const bytes = zipSync({
      'xl/workbook.xml': strToU8(`<x:workbook ${X}><x:sheets><x:sheet name="表" sheetId="1" rel:id="R1"/></x:sheets></x:workbook>`),
      'xl/_rels/workbook.xml.rels': strToU8('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="R1" Target="/xl/worksheets/s.xml"/></Relationships>'),
      'xl/sharedStrings.xml': strToU8(`<x:sst ${X}><x:si><x:t>序号</x:t></x:si><x:si><x:t>牵头单位</x:t></x:si><x:si><x:t>区教委</x:t></x:si></x:sst>`),
      'xl/worksheets/s.xml': strToU8(`<x:worksheet ${X}><x:sheetData><x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="s"><x:v>1</x:v></x:c></x:row><x:row r="2"><x:c r="A2"><x:v>1</x:v></x:c><x:c r="B2" t="s"><x:v>2</x:v></x:c></x:row></x:sheetData></x:worksheet>`),
    });
    expect((await readNamed('prefixed.xlsx', bytes)).blocks).toEqual([{ kind: 'table', rows: [['序号', '牵头单位'], ['1', '区教委']] }]);
  });
});

describe('OOXML packages with unusual part names', () => {
  it('finds the workbook and its shared strings through the package relationships', async () => {
    const { zipSync, strToU8 } = await import('fflate');
    const S = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
    const bytes = zipSync({
      '_rels/.rels': strToU8('<Relationships><Relationship Id="a" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/xl/book.xml"/></Relationships>'),
      'xl/book.xml': strToU8(`<workbook ${S}><sheets><sheet name="s" sheetId="1" r:id="s1"/></sheets></workbook>`),
      'xl/_rels/book.xml.rels': strToU8('<Relationships><Relationship Id="s1" Type="x/worksheet" Target="data/one.xml"/><Relationship Id="s2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="text.xml"/></Relationships>'),
      'xl/text.xml': strToU8(`<sst ${S}><si><t>牵头单位</t></si><si><t>区教委</t></si></sst>`),
      'xl/data/one.xml': strToU8(`<worksheet ${S}><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>1</v></c></row></sheetData></worksheet>`),
    });
    const doc = await readNamed('odd.xlsx', bytes);
    expect(doc.format).toBe('xlsx');
    expect(doc.blocks).toEqual([{ kind: 'table', rows: [['牵头单位'], ['区教委']] }]);
  });

  it('finds a Word main part with an unusual name', async () => {
    const { zipSync, strToU8 } = await import('fflate');
    const bytes = zipSync({
      '_rels/.rels': strToU8('<Relationships><Relationship Id="a" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/main.xml"/></Relationships>'),
      'word/main.xml': strToU8('<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>正文</w:t></w:r></w:p></w:body></w:document>'),
    });
    expect((await readNamed('odd.docx', bytes)).blocks).toEqual([{ kind: 'paragraph', text: '正文' }]);
  });
});
