import { describe, expect, it } from 'vitest';
import { parseExtracted } from '../../../shared/parser/core';
import { readingView } from '../../../shared/parser/core/reading';
import { linesAsBlocks } from './seedHelpers';

/**
 * One document in different surface forms (test/corpus/variants.ts measures them on the corpus): what a
 * careful reader takes from it does not depend on how it was copied.
 */
const roles = (text: string) => parseExtracted(linesAsBlocks(text)).tasks.map((t) => ({ number: t.number, lead: t.lead, support: t.support }));

describe('full-width digits read as digits', () => {
  const narrow = '某区2023年重点工作分工方案\n一、优化营商环境\n1.推进审批改革，6月底前完成。（牵头单位：区政务服务局；责任单位：区发改局）\n2.完善信用体系建设。（牵头单位：区发改局）';
  const wide = narrow.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)).replace(/(\d|[０-９])\./g, '$1．');

  it('item numbers "１．" number tasks as "1." does, content and numbers given back as printed', () => {
    const r = parseExtracted(linesAsBlocks(wide));
    expect(r.tasks.map((t) => ({ number: t.number.normalize('NFKC'), lead: t.lead, support: t.support }))).toEqual(roles(narrow));
    expect(r.tasks[0]!.content.startsWith('推进审批改革，６月底前完成')).toBe(true);
    expect(r.tasks.map((t) => t.number)).toEqual(['１', '２']);
    expect(r.title).toBe('某区２０２３年重点工作分工方案');
  });

  it('the reading view folds only the digits, leaves a simplified text with a quoted traditional name alone', () => {
    const filler = '坚持以人民为中心的发展思想，统筹发展和安全，扎实推进各项工作落实落细。'.repeat(4);
    const view = readingView(linesAsBlocks(`１．推进“臺灣”合作交流。${filler}（市台办负责）`));
    expect(view.changed).toBe(true);
    expect((view.doc.blocks[0] as { text: string }).text).toBe(`1．推进“臺灣”合作交流。${filler}（市台办负责）`);
    expect(view.restore('市台办')).toBe('市台办');
  });

  it('a document without full-width digits is read as it is', () => {
    const blocks = linesAsBlocks(narrow);
    const view = readingView(blocks);
    expect(view.changed).toBe(false);
    expect(view.doc).toBe(blocks);
  });
});
