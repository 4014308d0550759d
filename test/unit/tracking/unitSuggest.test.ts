import { describe, expect, it } from 'vitest';
import { sameUnitName, suggestUnits } from '../../../shared/tracking/unitSuggest';
import { pendingReviewCount, rowsWithoutLead } from '../../../shared/tracking/reviewChecks';
import type { DraftRow } from '../../../shared/tracking/importDraft';

const NAMES = ['市市场监管局', '市卫生健康委员会', '市公安局', '县市场监管局', '市人力资源和社会保障局', '市场监管科'];

describe('unit fields suggest the unit already known', () => {
  it('a partial name finds the existing unit first', () => {
    expect(suggestUnits('市场监管', NAMES)[0]!.name).toBe('市场监管科');
    expect(suggestUnits('市市场', NAMES)[0]!.name).toBe('市市场监管局');
    expect(suggestUnits('卫健委', NAMES).map((s) => s.name)).toEqual(['市卫生健康委员会']);
    expect(suggestUnits('人社局', NAMES).map((s) => s.name)).toEqual(['市人力资源和社会保障局']);
    expect(suggestUnits('公安', NAMES)[0]).toEqual({ name: '市公安局', rank: 2 });
  });
  it('the same name written differently is that unit; an unknown name has no suggestion', () => {
    expect(sameUnitName(' 市 公安局', NAMES)).toBe('市公安局');
    expect(sameUnitName('市公安局（本级）', NAMES)).toBeNull();
    expect(suggestUnits('市教育局', NAMES)).toEqual([]);
    expect(suggestUnits('', NAMES)).toHaveLength(NAMES.length);
  });
});

const row = (number: string, lead: string[]): DraftRow => ({ key: `k${number}`, number, section: [], content: '内容', lead, support: [], implement: ['县市场监管局'], deadline: null, parsed: { lead, support: [] } });

describe('tasks with no lead count as 待核对 before saving', () => {
  it('counts every task without a lead until it is given one or accepted', () => {
    const rows = [row('1', ['市公安局']), row('2', []), row('3', [])];
    expect(rowsWithoutLead(rows).map((r) => r.number)).toEqual(['2', '3']);
    expect(pendingReviewCount({ warnings: 0, resolved: 0, rows, acceptedNoLead: new Set() })).toBe(2);
    expect(pendingReviewCount({ warnings: 3, resolved: 1, rows, acceptedNoLead: new Set(['k2']) })).toBe(3);
    expect(pendingReviewCount({ warnings: 0, resolved: 0, rows: rows.slice(0, 1), acceptedNoLead: new Set() })).toBe(0);
  });
});
