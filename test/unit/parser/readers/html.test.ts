import { describe, expect, it } from 'vitest';
import { readDocument } from '../../../../shared/parser/readers';
import { expectRefused, paragraphs, readNamed, tables } from './files';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('html reader', () => {
  it('decodes the page in the charset its <meta> declares (GB2312) and drops site furniture', async () => {
    const doc = await readNamed('noise.html');
    expect(doc.format).toBe('html');
    expect(paragraphs(doc)).toEqual(['关于印发“测试措施”的通知', '各有关单位：现将《测试措施》印发给你们&请认真贯彻执行。', '任务分解表']);
    const text = JSON.stringify(doc);
    for (const noise of ['首页', '网站导航', '当前位置', '脚本里的文字', 'color', '隐藏的文字', '版权所有']) expect(text).not.toContain(noise);
  });

  it('builds the table with rowspan and colspan carried and marked', async () => {
    const [table] = tables(await readNamed('noise.html'));
    expect(table!.rows).toEqual([
      ['序号', '项目', '具体内容', '牵头单位', '配合单位'],
      ['1', '一、加强组织领导', '任务一', '区市场监管局', '区财政局'],
      ['2', '一、加强组织领导', '任务二', '区卫生健康委、区医保局按职责分工负责', '区卫生健康委、区医保局按职责分工负责'],
      ['3', '二、强化保障', '任务三\n（续）', '区司法局', ''],
    ]);
    expect(table!.merged?.[2]).toEqual([false, true, false, false, true]);
  });

  it('unwraps a page-layout table and keeps the data table inside it', async () => {
    const page = `<html><body><table><tr><td><p>标题</p><table><tr><td>序号</td><td>内容</td></tr><tr><td>1</td><td>任务</td></tr></table></td></tr></table></body></html>`;
    const doc = await readNamed('layout.html', utf8(page));
    expect(paragraphs(doc)).toEqual(['标题']);
    expect(tables(doc)[0]!.rows).toEqual([
      ['序号', '内容'],
      ['1', '任务'],
    ]);
  });

  it('detects HTML by content whatever the name, and reads UTF-8 without a declaration', async () => {
    const doc = await readDocument({ name: 'download', bytes: utf8('<!DOCTYPE html><p>第一段</p><p>第二段&nbsp;&#x4E2D;</p>') });
    expect(doc.format).toBe('html');
    expect(paragraphs(doc)).toEqual(['第一段', '第二段 中']);
  });

  it('refuses absurdly deep nesting and a page with no text', async () => {
    await expectRefused(readNamed('deep.html', utf8(`<html><body>${'<div>'.repeat(5000)}文字${'</div>'.repeat(5000)}</body></html>`)), 'hostile');
    await expectRefused(readNamed('blank.html', utf8('<html><head><title>空</title></head><body><script>x()</script></body></html>')), 'empty');
  });
});

describe('mht reader (single-file web pages)', () => {
  const expected = [
    { kind: 'paragraph', text: '关于印发“测试措施”的通知' },
    { kind: 'table', rows: [['序号', '牵头单位'], ['1', '区市场监管局']] },
  ];

  it('decodes the quoted-printable GB2312 page part and reads it as a web page', async () => {
    const doc = await readNamed('page.mht');
    expect(doc.format).toBe('html');
    expect(doc.blocks).toEqual(expected);
  });

  it('reads a base64 single-file web page saved with a .doc name', async () => {
    expect((await readNamed('web-page-saved-as.doc')).blocks).toEqual(expected);
  });

  it('refuses a multipart message without a page part', async () => {
    const mail = 'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b"\r\n\r\n--b\r\nContent-Type: image/png\r\n\r\nxx\r\n--b--\r\n';
    await expectRefused(readNamed('empty.mht', utf8(mail)), 'no-text');
  });
});

describe('html page structure heuristics', () => {
  it('keeps long content even when its container has a nav-like class, and unwraps a two-column page layout', async () => {
    const long = '各有关单位要认真贯彻落实本措施。'.repeat(120);
    const page = `<html><body><table><tr><td class="left-menu"><a>首页</a><a>政务公开</a></td><td><p>关于印发测试措施的通知</p><p>${long}</p><p>一、总体要求</p></td></tr></table><div class="main-nav-content"><p>${long}</p></div></body></html>`;
    const doc = await readNamed('layout2.html', utf8(page));
    expect(tables(doc)).toEqual([]);
    expect(paragraphs(doc)).toEqual(['关于印发测试措施的通知', long, '一、总体要求', long]);
  });
});
