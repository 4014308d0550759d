import { describe, expect, it } from 'vitest';
import { parseExtracted, splitUnits } from '../../../shared/parser/core';
import { linesAsBlocks } from './seedHelpers';

/**
 * "各" before levels listed with "、" covers each of them: "各镇、街道" is every town and every sub-district, one
 * collective as printed, like "各县、市、区政府" (levels before one body). The group ends where a unit of another
 * kind follows.
 */
describe('a collective of levels under one "各"', () => {
  it('keeps levels alone under one 各 whole, before a unit of another kind', () => {
    expect(splitUnits('各镇、街道、莘庄工业区')).toEqual(['各镇、街道', '莘庄工业区']);
    expect(splitUnits('各乡镇、街道、县直有关部门')).toEqual(['各乡镇、街道', '县直有关部门']);
    expect(splitUnits('区农业农村局、各镇、街道')).toEqual(['区农业农村局', '各镇、街道']);
    expect(splitUnits('各乡镇、街道')).toEqual(['各乡镇、街道']);
  });

  it('still reads levels before one body as one collective', () => {
    expect(splitUnits('各县、市、区政府')).toEqual(['各县、市、区政府']);
    expect(splitUnits('市发改委、各县、市、区人民政府、市直各部门')).toEqual(['市发改委', '各县、市、区人民政府', '市直各部门']);
    expect(splitUnits('各区、县级市')).toEqual(['各区、县级市']);
  });

  it('does not join a 各-collective with a unit that is no level', () => {
    expect(splitUnits('各乡镇、县直各部门')).toEqual(['各乡镇', '县直各部门']);
    expect(splitUnits('各街道、区城管局')).toEqual(['各街道', '区城管局']);
  });
});

/**
 * The body after the levels may carry a bracketed alternative of its own, as a single name does ("县发改局(粮食局)"):
 * "各县、区人民政府(管委会)" is still one collective, kept whole as printed.
 */
describe('a collective of levels whose body carries a bracketed alternative', () => {
  it('keeps "各县、区人民政府(管委会)" and its variants whole', () => {
    expect(splitUnits('各县、区人民政府(管委会)')).toEqual(['各县、区人民政府(管委会)']);
    expect(splitUnits('各县、市、区政府（管委会）')).toEqual(['各县、市、区政府（管委会）']);
    expect(splitUnits('市财政局、各乡、镇人民政府(管委会)')).toEqual(['市财政局', '各乡、镇人民政府(管委会)']);
  });

  it('reads the group whole inside an assignment note, as support or implementer', () => {
    const t = parseExtracted(
      linesAsBlocks('一、重点任务\n1.推进园区建设。加快配套设施。(县商务局牵头,县财政局参与,各乡、镇人民政府(管委会)负责落实)'),
    ).tasks[0]!;
    expect(t.lead).toEqual(['县商务局']);
    expect([...t.support, ...t.implement].sort()).toEqual(['各乡、镇人民政府(管委会)', '县财政局'].sort());
  });

  it('near misses: a bracket that is not the body\'s alternative, or a list that is no level group', () => {
    // The bracket belongs to the last unit, which is no level body: the 各-collective and it stay apart.
    expect(splitUnits('各乡镇、县发改局(粮食局)')).toEqual(['各乡镇', '县发改局(粮食局)']);
    // A department with its alias after the levels is no level body: the group is not formed.
    expect(splitUnits('各县、区卫生健康局(中医药局)')).toEqual(['各县', '区卫生健康局(中医药局)']);
    // The bracket of a later unit is its own: the group ends before it.
    expect(splitUnits('各县、区人民政府、市直部门(单位)')).toEqual(['各县、区人民政府', '市直部门(单位)']);
  });
});
