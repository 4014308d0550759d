import { describe, expect, it } from 'vitest';
import { compareNames } from '../../../shared/text/compareNames';

describe('the order names are listed in', () => {
  it('compares digits as numbers (第100 before 第1000), the rest by Chinese collation', () => {
    expect(['第1000测试局', '第100测试局', '第10测试局', '第2测试局'].sort(compareNames)).toEqual(['第2测试局', '第10测试局', '第100测试局', '第1000测试局']);
    expect(['市卫生健康局', '市财政局', '市公安局'].sort(compareNames)).toEqual(['市财政局', '市公安局', '市卫生健康局']);
    expect(compareNames('市公安局', '市公安局')).toBe(0);
  });
});
