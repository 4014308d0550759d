import { describe, expect, it } from 'vitest';
import { parseExtracted } from '../../../shared/parser/core';
import { readingView } from '../../../shared/parser/core/reading';
import { linesAsBlocks } from './seedHelpers';

/** Documents in traditional characters (and mirror pages with pinyin glosses) read like simplified ones. */
describe('traditional characters', () => {
  it('a 牽頭/按職責分工負責 note reads the same as its simplified form, units given back as printed', () => {
    const trad = parseExtracted(
      linesAsBlocks('某市深化改革工作要點\n一、優化審批\n1.全面實施清單管理。(市政府辦公室牽頭,市級各有關部門及各縣市區政府按職責分工負責)'),
    );
    expect(trad.tasks[0]).toMatchObject({ lead: ['市政府辦公室'], support: ['市級各有關部門', '各縣市區政府'] });
    expect(trad.tasks[0]!.content).toBe('全面實施清單管理。');
    expect(trad.tasks[0]!.section).toEqual(['一、優化審批']);
  });

  it('a 責任單位 line under an item, as printed', () => {
    const r = parseExtracted(linesAsBlocks('民生實事清單\n一、城建類\n1.第二水源建設項目\n建設一座淨水廠。\n責任單位:市住房和城鄉建設委、水務集團。'));
    expect(r.tasks[0]).toMatchObject({ lead: ['市住房和城鄉建設委'], support: ['水務集團'] });
  });

  it('pinyin glosses inserted by a mirror site are skipped for reading and kept in the names', () => {
    const view = readingView(linesAsBlocks('責任單位:市住房和城鄉(xiāng)建設委、湘西經(jīng)開區(qū)管委會。'));
    const text = (view.doc.blocks[0] as { text: string }).text;
    expect(text).toBe('责任单位:市住房和城乡建设委、湘西经开区管委会。');
    expect(view.restore('市住房和城乡建设委')).toBe('市住房和城鄉(xiāng)建設委');
    expect(view.restore('湘西经开区管委会')).toBe('湘西經(jīng)開區(qū)管委會');
  });

  it('a simplified document is read as it is, whatever a quoted traditional name', () => {
    const filler = '坚持以人民为中心的发展思想，统筹发展和安全，扎实推进各项工作落实落细。'.repeat(4);
    const blocks = linesAsBlocks(`某市工作要点\n1.推进“臺灣”合作交流活动的各项安排。${filler}（市台办负责）`);
    const view = readingView(blocks);
    expect(view.changed).toBe(false);
    expect(view.doc).toBe(blocks);
  });

  it('(English text in brackets is no gloss)', () => {
    const view = readingView(linesAsBlocks('責任單位:縣發改局(abc)、縣財政局'));
    expect((view.doc.blocks[0] as { text: string }).text).toBe('责任单位:县发改局(abc)、县财政局');
  });
});
