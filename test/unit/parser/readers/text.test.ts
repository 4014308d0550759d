import { describe, expect, it } from 'vitest';
import { readDocument } from '../../../../shared/parser/readers';
import { detectTextEncoding } from '../../../../shared/parser/readers/text';
import { documentBytes, expectRefused, paragraphs, readNamed } from './files';

const LINES = ['关于印发测试措施的通知', '测试〔2024〕1号', '一、加强组织领导', '1.任务一（区市场监管局牵头，区财政局配合）', ''];

describe('text reader', () => {
  it('detects GBK, UTF-16 LE and BE with BOM, and UTF-8', async () => {
    expect(detectTextEncoding(documentBytes('gbk.txt'))).toBe('gb18030');
    expect(detectTextEncoding(documentBytes('utf16le.txt'))).toBe('utf-16le');
    expect(detectTextEncoding(documentBytes('utf16be.txt'))).toBe('utf-16be');
    for (const name of ['gbk.txt', 'utf16le.txt', 'utf16be.txt']) {
      const doc = await readNamed(name);
      expect(doc.format).toBe('text');
      expect(paragraphs(doc)).toEqual(LINES);
    }
    const utf8 = await readDocument({ name: 'a.txt', bytes: new TextEncoder().encode('\uFEFF第一行\r\n\r\n第三行') });
    expect(paragraphs(utf8)).toEqual(['第一行', '', '第三行']);
  });

  it('keeps pasted text line by line, blank lines included', async () => {
    const doc = await readDocument({ text: '序号\n\n1\r\n市市场监管局' });
    expect(paragraphs(doc)).toEqual(['序号', '', '1', '市市场监管局']);
  });

  it('refuses empty paste, whitespace-only files and binary noise', async () => {
    await expectRefused(readDocument({ text: '  \n ' }), 'empty');
    await expectRefused(readNamed('blank.txt', new TextEncoder().encode('\n\n   \n')), 'empty');
    await expectRefused(readNamed('noise.txt', documentBytes('random.bin')), 'unknown-format');
    await expectRefused(readNamed('nul.txt', new Uint8Array(1000).fill(1)), 'unknown-format');
  });

  it('refuses a 50 MB single line, a 2 MB one, 60 million empty lines, and a file over the size limit, with a clear message', async () => {
    const line = new Uint8Array(50 * 1024 * 1024).fill(0x61);
    await expectRefused(readNamed('line.txt', line), 'too-large');
    const longLine = await expectRefused(readNamed('line2.txt', new Uint8Array(2 * 1024 * 1024).fill(0x61)), 'hostile');
    expect(longLine.message).toContain('字符');
    const manyLines = new Uint8Array(60 * 1024 * 1024).fill(0x0a);
    manyLines[0] = 0x61;
    const tooLong = await expectRefused(readNamed('lines.txt', manyLines), 'too-large');
    expect(tooLong.message).toContain('百万字');
    const huge = new Uint8Array(101 * 1024 * 1024);
    const tooLarge = await expectRefused(readNamed('huge.txt', huge), 'too-large');
    expect(tooLarge.message).toContain('100 MB');
  });
});
