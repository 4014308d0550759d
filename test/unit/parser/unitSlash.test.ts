import { describe, expect, it } from 'vitest';
import { parseExtracted } from '../../../shared/parser/core';
import { splitUnits } from '../../../shared/parser/core/units';
import { linesAsBlocks } from './seedHelpers';

/**
 * A slash between two unit names separates them ("市发改委/市财政局"); a slash inside anything that is not a list of
 * names (markup, a URL, a fragment) splits nothing, so no unit is ever a piece of it ("script>局").
 */
describe('units split on a slash only between names', () => {
  it('splits between whole unit names, either slash', () => {
    expect(splitUnits('市发改委/市财政局')).toEqual(['市发改委', '市财政局']);
    expect(splitUnits('市发改委／市财政局')).toEqual(['市发改委', '市财政局']);
    expect(splitUnits('市发改委 / 市财政局')).toEqual(['市发改委', '市财政局']);
    expect(splitUnits('市财政局/市税务局、市公安局')).toEqual(['市财政局', '市税务局', '市公安局']);
    expect(splitUnits('市教育局/市人力资源社会保障局/市卫生健康委')).toEqual(['市教育局', '市人力资源社会保障局', '市卫生健康委']);
    expect(splitUnits('区住建局/各街道办事处')).toEqual(['区住建局', '各街道办事处']);
  });

  it('keeps a collective written with slashes as the one group it names', () => {
    expect(splitUnits('各县/市/区政府')).toEqual(['各县、市、区政府']);
  });

  it('a lone or trailing slash (an empty cell, a stray mark) is no unit', () => {
    expect(splitUnits('/')).toEqual([]);
    expect(splitUnits('市财政局/')).toEqual(['市财政局']);
    expect(splitUnits('／市财政局')).toEqual(['市财政局']);
  });

  it('never cuts markup or other text that is not a list of names', () => {
    for (const hostile of ['市<script>alert(1)</script>局', '市<script>alert("x")</script>局', '市<b>财政</b>局', '市教育局<br/>市公安局', '市<img src=x onerror=alert(1)/>局']) {
      const units = splitUnits(hostile);
      expect(units, hostile).toEqual([hostile]);
      for (const u of units) expect(u, hostile).not.toMatch(/^[^<]*>|<[^>]*$/);
    }
    expect(splitUnits('A/B')).toEqual(['A/B']);
    expect(splitUnits('http://example.gov.cn/a局')).toEqual(['http://example.gov.cn/a局']);
    // A name and a fragment: left whole for the reader to correct, not cut into a unit and a non-unit.
    expect(splitUnits('市发改委/财政')).toEqual(['市发改委/财政']);
    expect(splitUnits('2023/2024年度')).toEqual(['2023/2024年度']);
  });

  it('a slash inside brackets belongs to the name', () => {
    expect(splitUnits('市卫生健康局（中医药局/疾控局）')).toEqual(['市卫生健康局（中医药局/疾控局）']);
  });

  it('other separators still split around a hostile name', () => {
    expect(splitUnits('市<script>alert(1)</script>局、市公安局')).toEqual(['市<script>alert(1)</script>局', '市公安局']);
  });

  it('in a document: an inline note with slashes gives the units; a hostile name stays one unit', () => {
    const r = parseExtracted(
      linesAsBlocks(
        ['某某实施方案', '一、重点任务', '1.推进营商环境改革。（市发改委/市财政局按职责分工负责）', '2.加强网络安全宣传。（市<script>alert(1)</script>局牵头，市公安局配合）'].join('\n'),
      ),
    );
    const all = r.tasks.flatMap((t) => [...t.lead, ...t.support, ...t.implement]);
    expect(r.tasks[0]).toMatchObject({ lead: ['市发改委', '市财政局'] });
    expect(all).not.toContain('script>局');
    expect(all.some((u) => /^[^<]*>/.test(u))).toBe(false);
  });
});
