import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../../shared/parser';
import { chineseNumeral, readTargets } from '../../../shared/parser/core/targets';

const brief = (text: string, year: number | null = 2024) => readTargets(text, year).map((t) => [t.indicator, t.direction, t.value, t.unit, t.deadline]);

describe('reading quantitative targets from a task’s text', () => {
  it('reads the issue’s four shapes', () => {
    expect(brief('对本市已进入第二类、第三类医疗器械创新通道产品，各区市场监管局应当会同工作站做好跟踪服务，跟踪服务率应当达到100%，并做好工作记录。')).toEqual([['跟踪服务率', '>=', 100, '%', null]]);
    expect(brief('每年培训基层监管人员不少于200名。')).toEqual([['培训基层监管人员', '>=', 200, '名', null]]);
    expect(brief('药品抽检不合格率控制在5%以内。')).toEqual([['药品抽检不合格率', '<=', 5, '%', null]]);
    expect(brief('力争检验检测能力在2027年前达到符合口岸药品检验机构标准。')).toEqual([['检验检测能力达到符合口岸药品检验机构标准', '=', null, '', '2027-12-31']]);
  });

  it('reads variants of comparators, suffixes, units and numerals', () => {
    expect(brief('水质优良比例达到55%以上')).toEqual([['水质优良比例', '>=', 55, '%', null]]);
    expect(brief('地区生产总值增长7.5%左右')).toEqual([['地区生产总值增长', '=', 7.5, '%', null]]);
    expect(brief('规模以上工业增加值增长15%')).toEqual([['规模以上工业增加值增长', '>=', 15, '%', null]]);
    expect(brief('用水总量控制在47.38亿立方米')).toEqual([['用水总量', '<=', 47.38, '亿立方米', null]]);
    expect(brief('新增高标准农田8000万亩以上')).toEqual([['新增高标准农田', '>=', 8000, '万亩', null]]);
    expect(brief('群众满意度不低于百分之九十')).toEqual([['群众满意度', '>=', 90, '%', null]]);
    expect(brief('全年组织开展执法培训不少于三场')).toEqual([['全年组织开展执法培训', '>=', 3, '场', null]]);
    expect(brief('到2025年底，药品不良反应报告数每百万人口不低于1000份')).toEqual([['药品不良反应报告数每百万人口', '>=', 1000, '份', '2025-12-31']]);
    expect(brief('疫苗电子追溯实现全覆盖')).toEqual([['疫苗电子追溯覆盖率', '>=', 100, '%', null]]);
    expect(brief('投诉举报按时办结率达到98%，群众满意率提高到95%以上。')).toEqual([
      ['投诉举报按时办结率', '>=', 98, '%', null],
      ['群众满意率', '>=', 95, '%', null],
    ]);
  });

  it('reads numbered items, enumerations, parenthetical asides and requirements on each unit', () => {
    expect(brief('2.力争实现全县财政收入增长6%左右')).toEqual([['财政收入增长', '=', 6, '%', null]]);
    expect(brief('（三）产品抽检合格率95%以上、不良反应报告率90%以上')).toEqual([
      ['产品抽检合格率', '>=', 95, '%', null],
      ['不良反应报告率', '>=', 90, '%', null],
    ]);
    expect(brief('重点河段水质达标(达到或优于Ⅲ类)比例达到80%以上')).toEqual([['重点河段水质达标比例', '>=', 80, '%', null]]);
    expect(brief('各县区应分别明确2名及以上“药品安全协管员”')).toEqual([['明确药品安全协管员', '>=', 2, '名', null]]);
    expect(brief('在全市打造一支高素质专业化检查员队伍')).toEqual([]);
  });

  it('takes the task’s deadline when the clause names none, and the document year for 年底前', () => {
    const t = readTargets('抽检合格率达到99%', 2024, { text: '2024年12月底前', date: '2024-12-31', kind: 'date' });
    expect(t[0]!.deadline).toBe('2024-12-31');
    expect(readTargets('年底前覆盖率达到80%', 2023)[0]!.deadline).toBe('2023-12-31');
  });

  it('does not read dates, ordinals, ranges, time limits, attributive thresholds or document numbers as targets', () => {
    for (const text of [
      '各直属检查局原则上每年要与相关分管区县领导沟通交流1-2次产业服务情况',
      '环评报告表7个工作日内完成审批',
      '办理辖区范围内6亩以下(不含6亩)的土地使用转让手续',
      '按照《关于印发若干措施的通知》(渝药监〔2022〕36号)规定执行',
      '2023年6月底前完成第一阶段工作',
      '第3批试点单位名单',
      '建立一站多点、一核多站的服务体系',
      '县级以上集中式饮用水水源水质保持稳定',
      '规模以上工业企业全面开展质量提升行动',
    ]) {
      expect(readTargets(text, 2024), text).toEqual([]);
    }
  });

  it('numbers targets t1, t2… and keeps the phrase it read', () => {
    const t = readTargets('跟踪服务率应当达到100%；培训不少于200名专业人员。');
    expect(t.map((x) => x.id)).toEqual(['t1', 't2']);
    expect(t[0]!.text).toBe('跟踪服务率应当达到100%');
    expect(t[1]!.indicator).toBe('培训专业人员');
  });

  it('reads Chinese numerals', () => {
    expect(chineseNumeral('二百五十')).toBe(250);
    expect(chineseNumeral('十五')).toBe(15);
    expect(chineseNumeral('三点五')).toBe(3.5);
    expect(chineseNumeral('一万二千')).toBe(12000);
    expect(chineseNumeral('两')).toBe(2);
    expect(chineseNumeral('abc')).toBeNaN();
  });

  it('seed 001: the two tracking-rate targets, and nothing in the other seeds’ task tables but what they state', () => {
    const seed = readFileSync(join(process.cwd(), 'test/fixtures/seeds/001_2773cf87d6764de0.txt'), 'utf8');
    const all = seed.split('\n').flatMap((l) => readTargets(l, 2024));
    expect(all.map((t) => [t.indicator, t.direction, t.value, t.unit])).toEqual([
      ['跟踪服务率', '>=', 100, '%'],
      ['跟踪服务率', '>=', 100, '%'],
    ]);
  });

  it('the parser’s JSON gains `targets` on the tasks of seed 001 that state one, and only on those', async () => {
    const text = readFileSync(join(process.cwd(), 'test/fixtures/seeds/001_2773cf87d6764de0.txt'), 'utf8');
    const result = JSON.parse(JSON.stringify(await parseDocument({ text }))) as { tasks: { content: string; targets?: unknown[] }[] };
    const withTargets = result.tasks.filter((t) => t.targets);
    expect(withTargets).toHaveLength(2);
    for (const t of withTargets) {
      expect(t.content).toContain('跟踪服务率应当达到100%');
      expect(t.targets).toEqual([{ id: 't1', indicator: '跟踪服务率', unit: '%', direction: '>=', value: 100, deadline: null, text: '跟踪服务率应当达到100%' }]);
    }
    expect(result.tasks.filter((t) => !t.targets).every((t) => !('targets' in t))).toBe(true);
  });
});
