import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../../../shared/parser/readers';
import { looksLikeHtml } from '../../../../shared/parser/readers/detect';
import { DocumentRefusedError } from '../../../../shared/parser/types';
import { documentBytes, fixtureBytes } from './files';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('format detection', () => {
  it('goes by content, not by the name', () => {
    expect(detectFormat(fixtureBytes('004_full.docx'), 'x.txt').format).toBe('docx');
    expect(detectFormat(fixtureBytes('004_table.xlsx'), 'x.docx').format).toBe('xlsx');
    expect(detectFormat(fixtureBytes('004_full.doc'), 'x.pdf').format).toBe('doc');
    expect(detectFormat(fixtureBytes('002_full.pdf'), 'x.doc').format).toBe('pdf');
    expect(detectFormat(documentBytes('legacy.xls'), 'x.doc').format).toBe('xls');
    expect(detectFormat(utf8('  <!doctype html><html></html>'), 'x.txt').format).toBe('html');
    expect(detectFormat(utf8('第一行\n第二行'), '措施.htm').format).toBe('html');
    expect(detectFormat(utf8('第一行\n第二行'), '措施').format).toBe('text');
    expect(detectFormat(utf8('{\\rtf1\\ansi hello}'), 'a.doc').format).toBe('rtf');
  });

  it('sniffs HTML fragments and leaves text with angle brackets alone', () => {
    expect(looksLikeHtml(utf8('<!-- saved --><meta charset="gbk"><p>x</p>'))).toBe(true);
    expect(looksLikeHtml(utf8('<table><tr><td>1</td></tr></table>'))).toBe(true);
    expect(looksLikeHtml(utf8('《关于印发…的通知》<附件>'))).toBe(false);
  });

  it('refuses encrypted OOXML, old WPS formats and binary files named as documents', () => {
    const reasons = (bytes: Uint8Array, name: string): string => {
      try {
        detectFormat(bytes, name);
        return 'accepted';
      } catch (e) {
        return e instanceof DocumentRefusedError ? e.reason : 'crash';
      }
    };
    expect(reasons(documentBytes('random.bin'), 'a.wps')).toBe('unknown-format');
    expect(reasons(documentBytes('encrypted.docx'), 'a.docx')).toBe('encrypted');
    expect(reasons(documentBytes('random.bin'), 'a.xlsx')).toBe('damaged');
    expect(reasons(documentBytes('random.bin'), 'a.pdf')).toBe('damaged');
  });
});
