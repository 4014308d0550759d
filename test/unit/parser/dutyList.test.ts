import { describe, expect, it } from 'vitest';
import { parseExtracted } from '../../../shared/parser/core';
import { linesAsBlocks } from './seedHelpers';

/**
 * A duty list (职责分工) names a body and then says what it does: "3.县公安局:负责…", "6、区城管执法大队。负责…",
 * "（二）各镇、街道：落实属地责任…". The bodies that open the item, standing alone before "。" or ":", are the ones
 * responsible; several named together are one list, the first named heading it.
 */
const read = (lines: string[]) => parseExtracted(linesAsBlocks(lines.join('\n'))).tasks.map((t) => ({ n: t.number, lead: t.lead, support: t.support }));

describe('a duty list: each item opens with the body it is about', () => {
  it('"N.<unit>:<duties>" with an ASCII or a full-width colon', () => {
    expect(read([
      '四、职责分工',
      '1.县教育局:负责校园周边环境整治的协调工作;负责学校食堂食品安全管理。',
      '2.县公安局：负责查处校园周边违法犯罪行为。',
      '3.县市场监管局:依据职能做好校园周边食品经营监管工作。',
      '4.县卫生健康局:指导学校做好传染病防控工作。',
    ])).toEqual([
      { n: '1', lead: ['县教育局'], support: [] },
      { n: '2', lead: ['县公安局'], support: [] },
      { n: '3', lead: ['县市场监管局'], support: [] },
      { n: '4', lead: ['县卫生健康局'], support: [] },
    ]);
  });

  it('"N、<unit>。<duties>" with the body as a sentence of its own, on a page that starts mid-list', () => {
    expect(read([
      '6、区质量技监局。负责规范市场计量行为,查处计量违法行为。',
      '7、区城管执法大队。负责查处市场外占用道路无照经营等违法行为。',
      '8、各镇、街道、莘庄工业区。负责将创建活动纳入社区综合管理范围。',
      '五、工作安排',
    ])).toEqual([
      { n: '6', lead: ['区质量技监局'], support: [] },
      { n: '7', lead: ['区城管执法大队'], support: [] },
      { n: '8', lead: ['各镇、街道'], support: ['莘庄工业区'] },
    ]);
  });

  it('a collective with its alternative in brackets, and several bodies named together', () => {
    expect(read([
      '（一）市住建局、市城管局：负责建筑垃圾运输处置的监管工作。',
      '（二）各区县政府(管委会)：落实属地责任,组织辖区整治。',
      '（三）市交通运输局：配合做好运输车辆的源头管理。',
    ])).toEqual([
      { n: '（一）', lead: ['市住建局'], support: ['市城管局'] },
      { n: '（二）', lead: ['各区县政府(管委会)'], support: [] },
      { n: '（三）', lead: ['市交通运输局'], support: [] },
    ]);
  });

  it('is not read into an item that opens with a heading or a requirement', () => {
    const r = read([
      '1.加强组织领导:各单位要高度重视。',
      '2.县教育局:负责校园周边环境整治的协调工作。',
      '3.工作目标。到2025年,校园周边环境明显改善。',
    ]);
    expect(r.find((t) => t.n === '1')?.lead ?? []).toEqual([]);
    expect(r.find((t) => t.n === '2')?.lead).toEqual(['县教育局']);
    expect(r.find((t) => t.n === '3')?.lead ?? []).toEqual([]);
  });
});

describe('an unnumbered duty list: paragraphs that open with the body they are about', () => {
  it('under a heading: each paragraph a task, its body the lead; the introduction is no task', () => {
    expect(
      read([
        '某区烟花爆竹禁放工作方案',
        '一、工作目标',
        '确保全区禁放工作平稳有序。',
        '二、职责分工',
        '区商务局：负责督促指导商场、超市停止销售烟花爆竹。',
        '区教育局：负责组织各学校开展禁放宣传教育。',
        '区公安分局、区应急管理局：负责依法查处违法燃放行为。',
        '各街道办事处：负责辖区内禁放宣传和巡查工作。',
      ]),
    ).toEqual([
      { n: '二-1', lead: ['区商务局'], support: [] },
      { n: '二-2', lead: ['区教育局'], support: [] },
      { n: '二-3', lead: ['区公安分局'], support: ['区应急管理局'] },
      { n: '二-4', lead: ['各街道办事处'], support: [] },
    ]);
  });

  it('after an item that introduces it ("……职责分工如下：")', () => {
    const prose = read(['某区烟花爆竹禁放工作方案', '一、组织实施', '1.各有关部门要按照职责做好禁放工作，职责分工如下：', '区市场监管局：负责查处非法销售烟花爆竹行为。', '区城管执法局：负责清理占道销售烟花爆竹摊点。']);
    expect(prose).toEqual([
      { n: '1-1', lead: ['区市场监管局'], support: [] },
      { n: '1-2', lead: ['区城管执法局'], support: [] },
    ]);
  });

  it('a single such paragraph, or paragraphs that do not open with a body, stay as they were', () => {
    const one = read(['某区工作方案', '二、职责分工', '区商务局：负责督促指导商场停止销售烟花爆竹。', '各单位要高度重视，确保责任落实到位。']);
    expect(one.every((t) => !t.n.includes('-'))).toBe(true);
  });
});

describe('an item under a frame heading that addresses everyone is no task', () => {
  it('"三、工作要求 / 各单位要高度重视…" beside duties is left out; one naming a body stays', () => {
    const tasks = read([
      '某区烟花爆竹禁放工作方案',
      '一、职责分工',
      '区商务局：负责督促指导商场、超市停止销售烟花爆竹。',
      '区教育局：负责组织各学校开展禁放宣传教育。',
      '二、工作要求',
      '（一）各单位要高度重视，确保责任落实到位。',
      '（二）区政府办公室负责对禁放工作开展督查。',
    ]);
    expect(tasks).toEqual([
      { n: '一-1', lead: ['区商务局'], support: [] },
      { n: '一-2', lead: ['区教育局'], support: [] },
      { n: '（二）', lead: ['区政府办公室'], support: [] },
    ]);
  });
});

describe('duties shared out clause by clause in one passage', () => {
  it('"明确工作责任。A负责…；B负责…；C负责…" gives one task a clause, its body the lead', () => {
    const tasks = read([
      '某县人民政府办公室关于做好现代农业园区建设工作的通知',
      '一、明确工作责任。县农业农村局负责园区建设的统筹协调；县财政局、县审计局负责落实和监督园区建设资金；各乡镇人民政府要负责具体实施。',
      '二、严格督查考核。县政府督查室将对园区建设情况进行督查。',
    ]);
    expect(tasks.filter((t) => t.n.startsWith('一'))).toEqual([
      { n: '一-1', lead: ['县农业农村局'], support: [] },
      { n: '一-2', lead: ['县财政局'], support: ['县审计局'] },
      { n: '一-3', lead: ['各乡镇人民政府'], support: [] },
    ]);
  });

  it('clauses that do not each open with a body stay one passage', () => {
    const tasks = read(['某县工作通知', '一、明确工作责任。县农业农村局负责统筹协调；要加强资金保障；各乡镇人民政府负责具体实施。']);
    expect(tasks.map((t) => t.n)).toEqual(['一']);
  });
});
