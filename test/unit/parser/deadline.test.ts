import { describe, expect, it } from 'vitest';
import { findReportingCadences, parseDeadline } from '../../../shared/parser/core';

describe('deadlines', () => {
  const cases: [string, { date: string | null; kind: string }][] = [
    ['2023年6月底前', { date: '2023-06-30', kind: 'date' }],
    ['2024年2月底前', { date: '2024-02-29', kind: 'date' }],
    ['2023年12月31日前', { date: '2023-12-31', kind: 'date' }],
    ['2023年9月', { date: '2023-09-30', kind: 'date' }],
    ['2027年前', { date: '2027-12-31', kind: 'year' }],
    ['2024年底前', { date: '2024-12-31', kind: 'year' }],
    ['2025年', { date: '2025-12-31', kind: 'year' }],
    ['2024年上半年', { date: '2024-06-30', kind: 'date' }],
    ['2024年第三季度', { date: '2024-09-30', kind: 'date' }],
    ['2023年6月底前完成方案，12月底前全面完成', { date: '2023-12-31', kind: 'date' }],
    ['2023.10.15', { date: '2023-10-15', kind: 'date' }],
    ['长期坚持', { date: null, kind: 'ongoing' }],
    ['持续推进', { date: null, kind: 'ongoing' }],
    ['分阶段推进', { date: null, kind: 'ongoing' }],
    ['逐步实施', { date: null, kind: 'ongoing' }],
    ['每季度', { date: null, kind: 'recurring' }],
    ['每月10日前报送进展', { date: null, kind: 'recurring' }],
    ['根据上级部署', { date: null, kind: 'unknown' }],
  ];
  for (const [text, want] of cases) {
    it(text, () => {
      expect(parseDeadline(text)).toEqual({ text, ...want });
    });
  }
  it('empty and placeholder cells have no deadline', () => {
    expect(parseDeadline('')).toBeNull();
    expect(parseDeadline('—')).toBeNull();
    expect(parseDeadline('无')).toBeNull();
  });
  it('an impossible date is not a date', () => {
    expect(parseDeadline('2023年13月底前')).toMatchObject({ date: null });
  });
});

describe('reporting cadences', () => {
  it('reads quarterly and monthly cadences', () => {
    expect(findReportingCadences('原则上各区域联络组每季度最后一个月20日前将台账交科标处。')).toEqual([
      { text: '每季度最后一个月20日前', every: 'quarter', day: 20 },
    ]);
    expect(findReportingCadences('请于每季度末月20日前报送；每月5日前报送进展情况。')).toEqual([
      { text: '每季度末月20日前', every: 'quarter', day: 20 },
      { text: '每月5日前', every: 'month', day: 5 },
    ]);
    expect(findReportingCadences('每月二十五日前报送')).toEqual([{ text: '每月二十五日前', every: 'month', day: 25 }]);
  });
  it('finds none in text without one, and ignores impossible days', () => {
    expect(findReportingCadences('按季度报送工作进展。')).toEqual([]);
    expect(findReportingCadences('每月45日前报送')).toEqual([]);
  });
});
