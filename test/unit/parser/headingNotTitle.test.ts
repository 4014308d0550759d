import { describe, expect, it } from 'vitest';
import { parseExtracted } from '../../../shared/parser/core';
import { linesAsBlocks } from './seedHelpers';

/**
 * A numbered heading of the text ("五、保障措施", "(三)实施方案", "2.工作计划") is a part of the document, never its
 * title, whatever word it ends with. A page that starts inside a scheme (the second page of a paginated text,
 * without the title) must not take a later heading for the title and lose the items above it.
 */
const items = [
  '8.做好校园周边环境整治的协调工作。(县教育局牵头,县公安局配合)',
  '9.查处校园周边违法犯罪行为。(县公安局负责)',
  '10.落实属地责任,制定辖区整治方案。(各乡镇人民政府负责)',
];

describe('a numbered heading is never the document title', () => {
  for (const heading of ['五、保障措施', '六、工作要求和保障措施', '第五章 保障措施']) {
    it(`"${heading}" after the items of a page that starts mid-scheme`, () => {
      const r = parseExtracted(linesAsBlocks([...items, heading, '(一)加强组织领导,健全工作机制。', '借鉴往年专项整治经验,加强组织领导,整合各部门力量,完善相关'].join('\n')));
      expect(r.title).toBeNull();
      expect(r.tasks.map((t) => t.number)).toEqual(['8', '9', '10']);
    });
  }

  for (const heading of ['(三)保障措施', '（三）实施方案', '3.工作计划', '3、年度工作要点']) {
    it(`"${heading}" is not taken for the title`, () => {
      const r = parseExtracted(linesAsBlocks(['1.做好校园周边环境整治的协调工作。(县教育局负责)', heading, '组织开展专项检查,按季度通报进展情况。'].join('\n')));
      expect(r.title).toBeNull();
    });
  }

  it('a real title line ending in the same word is still read', () => {
    const r = parseExtracted(linesAsBlocks(['某县校园周边环境整治保障措施', '一、职责分工', ...items.map((l) => l.replace(/^\d+\./, (m) => m))].join('\n')));
    expect(r.title).toBe('某县校园周边环境整治保障措施');
  });
});
