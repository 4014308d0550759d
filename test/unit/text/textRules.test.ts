import { describe, expect, it } from 'vitest';
import { compareNames } from '../../../shared/text/compareNames';
import { asClause } from '../../../shared/text/clause';
import { describeDisposition } from '../../../shared/requests/ledger';

describe('the order names are listed in', () => {
  it('compares digits as numbers (第100 before 第1000), the rest by Chinese collation', () => {
    expect(['第1000测试局', '第100测试局', '第10测试局', '第2测试局'].sort(compareNames)).toEqual(['第2测试局', '第10测试局', '第100测试局', '第1000测试局']);
    expect(['市卫生健康局', '市财政局', '市公安局'].sort(compareNames)).toEqual(['市财政局', '市公安局', '市卫生健康局']);
    expect(compareNames('市公安局', '市公安局')).toBe(0);
  });
});

describe('a sentence used as a clause', () => {
  it('loses the mark it was typed with, so joined text has no "。；"', () => {
    expect(asClause('开通优先审评通道，安排专人提前介入。 ')).toBe('开通优先审评通道，安排专人提前介入');
    expect(asClause('佐证材料不足；')).toBe('佐证材料不足');
    expect(asClause(null)).toBe('');
    expect(describeDisposition({ disposition: 'unsupported', text: '不符合条件。', policyBasis: '《条例》第5条。', followUp: '每月回访' } as never)).toBe(
      '政策不支持：解释说明：不符合条件；依据：《条例》第5条；后续跟踪：每月回访',
    );
  });
});
