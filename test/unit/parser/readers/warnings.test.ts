/**
 * Readers return their warnings with their blocks (issue 8's design ask, issue 11): what they skipped or
 * doubted reaches the user through the ParseResult's warnings (code 'reader'), instead of being swallowed.
 */
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../../../shared/parser';
import { readDocument } from '../../../../shared/parser/readers';
import type { ReaderWarningCode } from '../../../../shared/parser/document';
import { documentBytes, paragraphs } from './files';

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';
const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';
const p = (text: string): string => `<w:p><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
/** A paragraph anchoring a text box, written as Word does: DrawingML choice and VML fallback, same content. */
const boxed = (anchor: string, ...inside: string[]): string =>
  `<w:p><w:r><w:t>${anchor}</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx><w:txbxContent>${inside.map(p).join('')}</w:txbxContent></wps:txbx></wps:wsp></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>${inside.map(p).join('')}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>`;

function docx(body: string): Uint8Array {
  return zipSync({
    '_rels/.rels': strToU8(`${XML}<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="word/document.xml"/></Relationships>`),
    'word/document.xml': strToU8(`${XML}<w:document ${W}><w:body>${body}</w:body></w:document>`),
  });
}

const codes = (warnings: { code: ReaderWarningCode }[] | undefined): ReaderWarningCode[] => (warnings ?? []).map((w) => w.code);

describe('docx text boxes and notes', () => {
  it('skips decorative text boxes (less text than the body) and says so', async () => {
    const body = [p('关于印发测试措施的通知'), p('一、加强组织领导，建立健全工作机制，确保各项任务落到实处（市财政局牵头）'), boxed('', '印章')].join('');
    const doc = await readDocument({ name: 'box.docx', bytes: docx(body) });
    expect(paragraphs(doc)).not.toContain('印章');
    expect(codes(doc.warnings)).toEqual(['text-boxes-skipped']);
    expect(doc.warnings![0]!.message).toMatch(/文本框/);
  });

  it('reads a document laid out in text boxes (as PDF-to-Word converters write it), in place, once each', async () => {
    const body = [boxed('', '关于印发测试措施的通知', '一、加强组织领导（市财政局牵头）'), boxed('', '二、强化督促检查（市政府督查室牵头）')].join('');
    const doc = await readDocument({ name: 'boxes.docx', bytes: docx(body) });
    expect(paragraphs(doc)).toEqual(['关于印发测试措施的通知', '一、加强组织领导（市财政局牵头）', '二、强化督促检查（市政府督查室牵头）']);
    expect(doc.warnings).toBeUndefined();
  });

  it('says footnotes and endnotes were not read', async () => {
    const body = `${p('正文')}<w:p><w:r><w:t>任务</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r><w:r><w:endnoteReference w:id="1"/></w:r></w:p>`;
    const doc = await readDocument({ name: 'notes.docx', bytes: docx(body) });
    expect(codes(doc.warnings)).toEqual(['notes-skipped']);
    expect(doc.warnings![0]!.message).toContain('2 条');
  });
});

describe('xlsx hidden and repeated sheets', () => {
  const sheet = (text: string) =>
    strToU8(`${XML}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>${text}</t></is></c><c r="B1" t="inlineStr"><is><t>牵头单位</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>任务</t></is></c><c r="B2" t="inlineStr"><is><t>市财政局</t></is></c></row></sheetData></worksheet>`);
  const book = (sheets: string) =>
    zipSync({
      '_rels/.rels': strToU8(`${XML}<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
      'xl/workbook.xml': strToU8(`${XML}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${REL}"><sheets>${sheets}</sheets></workbook>`),
      'xl/_rels/workbook.xml.rels': strToU8(`${XML}<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/worksheet" Target="worksheets/sheet2.xml"/></Relationships>`),
      'xl/worksheets/sheet1.xml': sheet('具体任务'),
      'xl/worksheets/sheet2.xml': sheet('隐藏的任务'),
    });

  it('names the hidden sheets it did not read', async () => {
    const doc = await readDocument({ name: 'h.xlsx', bytes: book('<sheet name="任务表" sheetId="1" r:id="rId1"/><sheet name="草稿" sheetId="2" state="hidden" r:id="rId2"/>') });
    expect(codes(doc.warnings)).toEqual(['hidden-sheets-skipped']);
    expect(doc.warnings![0]!.message).toContain('“草稿”');
  });

  it('reads a worksheet named by several sheets once, and says so', async () => {
    const doc = await readDocument({ name: 'r.xlsx', bytes: book('<sheet name="甲" sheetId="1" r:id="rId1"/><sheet name="乙" sheetId="2" r:id="rId1"/><sheet name="丙" sheetId="3" r:id="rId1"/>') });
    expect(doc.blocks.filter((b) => b.kind === 'table')).toHaveLength(1);
    expect(codes(doc.warnings)).toEqual(['repeated-parts-skipped']);
  });
});

describe('PDF pages and passwords', () => {
  function pdf(pages: string[], kids: string[] = pages.map((_, i) => `${4 + i * 2} 0 R`)): Uint8Array {
    const objects = ['', '<< /Type /Catalog /Pages 2 0 R >>', `<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${kids.length} >>`, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'];
    for (const content of pages) {
      objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${objects.length + 1} 0 R >>`);
      objects.push(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
    }
    objects.push('42');
    let body = '%PDF-1.4\n';
    const offsets: number[] = [];
    for (let i = 1; i < objects.length; i++) {
      offsets[i] = body.length;
      body += `${i} 0 obj\n${objects[i]}\nendobj\n`;
    }
    const xref = body.length;
    body += `xref\n0 ${objects.length}\n0000000000 65535 f \n${offsets.slice(1).map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
    body += `trailer\n<< /Size ${objects.length} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
    return strToU8(body, true);
  }
  const text = 'BT /F1 12 Tf 50 800 Td (First page text) Tj ET';
  const scan = 'q 100 0 0 100 50 600 cm BI /W 2 /H 2 /CS /G /BPC 8 ID \x80\x80\x80\x80 EI Q';

  it('reports the pages that failed to load, and reads the rest', async () => {
    const bytes = pdf([text], ['4 0 R', '6 0 R']);
    const doc = await readDocument({ name: 'broken.pdf', bytes });
    expect(paragraphs(doc)).toEqual(['First page text']);
    expect(codes(doc.warnings)).toEqual(['pdf-pages-failed']);
    expect(doc.warnings![0]!.message).toContain('第 2 页');
  });

  it('reports scanned pages (an image, no text) among pages with text', async () => {
    const doc = await readDocument({ name: 'scan.pdf', bytes: pdf([text, scan, 'BT ET']) });
    expect(codes(doc.warnings)).toEqual(['pdf-pages-without-text']);
    expect(doc.warnings![0]!.message).toContain('第 2 页');
  });

  it('reads a PDF with a permissions (owner) password and says it has one', async () => {
    // LibreOffice 7.4: soffice --convert-to 'pdf:writer_pdf_Export:{"RestrictPermissions":…,"PermissionPassword":…}'
    const result = await parseDocument({ name: 'permissions.pdf', bytes: documentBytes('permissions.pdf') });
    expect(result.warnings[0]).toMatchObject({ code: 'reader', reader: 'pdf-permissions-password' });
    expect(result.warnings[0]!.message).toMatch(/权限密码/);
  });
});

describe('other readers', () => {
  it('OpenDocument: notes skipped are reported', async () => {
    const doc = await readDocument({ name: 'document.odt', bytes: documentBytes('document.odt') });
    expect(codes(doc.warnings)).toEqual(['notes-skipped']);
  });

  it('RTF: footnotes skipped are reported', async () => {
    const rtf = strToU8('{\\rtf1\\ansi 正文{\\footnote 脚注内容}\\par 第二段\\par}');
    const doc = await readDocument({ name: 'n.rtf', bytes: rtf });
    expect(codes(doc.warnings)).toEqual(['notes-skipped']);
  });

  it('a document read whole has no reader warnings, and the parse result none from the reader', async () => {
    const doc = await readDocument({ name: 'two-tables.docx', bytes: documentBytes('two-tables.docx') });
    expect(doc.warnings).toBeUndefined();
    const result = await parseDocument({ name: 'two-tables.docx', bytes: documentBytes('two-tables.docx') });
    expect(result.warnings.filter((w) => w.code === 'reader')).toEqual([]);
  });
});
