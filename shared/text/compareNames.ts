/**
 * The order names are listed in (units, offices): Chinese collation (pinyin), with digits compared as numbers, so
 * that 第2单位 comes before 第10单位 and 第100测试局 before 第1000测试局. One collator, made once.
 */
const COLLATOR = new Intl.Collator('zh-CN', { numeric: true });

export function compareNames(a: string, b: string): number {
  return COLLATOR.compare(a, b);
}
