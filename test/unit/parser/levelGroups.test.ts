import { describe, expect, it } from 'vitest';
import { splitUnits } from '../../../shared/parser/core';

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
