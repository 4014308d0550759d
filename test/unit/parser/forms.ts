/**
 * One document written in the forms users receive: plain text (UTF-8 and GBK), an HTML page with site noise,
 * and a Word .docx (paragraphs, and real tables where the document has them). Pattern tests read every form
 * through parseDocument and expect the same plan.
 */
import { strToU8, zipSync } from 'fflate';
import { parseDocument, type ParseResult } from '../../../shared/parser';

/** A document: lines of text, and tables given as rows of cells (a table is a real table in .docx and .html). */
export type Part = string | string[][];

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Text as typed or pasted: a table flattened one cell per line, as readers of web pages produce it. */
export function asText(parts: readonly Part[]): string {
  return parts.map((p) => (typeof p === 'string' ? p : p.map((row) => row.join('\n\n')).join('\n\n'))).join('\n');
}

export function asHtml(parts: readonly Part[]): string {
  const body = parts
    .map((p) =>
      typeof p === 'string'
        ? `<p>${esc(p)}</p>`
        : `<table border="1">${p.map((row) => `<tr>${row.map((c) => `<td>${c.split("\n").map(esc).join("<br>")}</td>`).join('')}</tr>`).join('')}</table>`,
    )
    .join('\n');
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>政府信息公开</title></head><body><div class="nav">首页 &gt; 政务公开</div><div class="article">${body}</div><div class="footer">打印本页 关闭窗口</div></body></html>`;
}

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const para = (t: string): string => `<w:p><w:r><w:t xml:space="preserve">${esc(t)}</w:t></w:r></w:p>`;

export function asDocx(parts: readonly Part[]): Uint8Array {
  const body = parts
    .map((p) =>
      typeof p === 'string'
        ? para(p)
        : `<w:tbl><w:tblPr/><w:tblGrid>${'<w:gridCol w:w="1000"/>'.repeat(p[0]!.length)}</w:tblGrid>${p
            .map((row) => `<w:tr>${row.map((c) => `<w:tc><w:tcPr/>${c.split('\n').map(para).join('')}</w:tc>`).join('')}</w:tr>`)
            .join('')}</w:tbl>`,
    )
    .join('');
  const files: Record<string, string> = {
    '[Content_Types].xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
    '_rels/.rels': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
    'word/document.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W}><w:body>${body}<w:sectPr/></w:body></w:document>`,
  };
  const mtime = new Date('2024-01-01T00:00:00Z');
  return zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, [strToU8(v), { mtime }]])));
}

export const FORMS = ['txt', 'html', 'docx'] as const;
export type Form = (typeof FORMS)[number];

/** Parse a document written in one of the forms. */
export function parseAs(form: Form, parts: readonly Part[]): Promise<ParseResult> {
  if (form === 'txt') return parseDocument({ name: '方案.txt', bytes: new TextEncoder().encode(asText(parts)) });
  if (form === 'html') return parseDocument({ name: '方案.html', bytes: new TextEncoder().encode(asHtml(parts)) });
  return parseDocument({ name: '方案.docx', bytes: asDocx(parts) });
}

/** The comparable reading of a result: number, lead, support (+ implement) per task. */
export function plan(r: ParseResult): { number: string; lead: string[]; others: string[] }[] {
  return r.tasks.map((t) => ({ number: t.number, lead: t.lead, others: [...t.support, ...t.implement] }));
}
