/**
 * More ways Chinese official documents assign work, each family written here in generic wording (no corpus
 * document's text) and read in three forms (.txt, .html, .docx), the same plan from every form:
 * - a 责任单位 label over a list that ends in "按职责分工负责", with a "均涉及X，不再做分工，下同" rule after it;
 * - a rule stated with a qualifier after the last unit ("列第一位者为工作牵头单位或汇总单位，下同");
 * - places written once before a shared ending ("东湖、西湖管理区") in a note;
 * - a page that starts inside a section: "三、" after "（九）" is a higher level, never a child;
 * - prose duties whose subject opens the measure ("各级审计机关要…", "各级人事部门对…", "A负责…，B积极配合");
 * - a leader's requirements enumerated "一要…二要…三要…" in paragraphs of their own or in one paragraph, each
 *   naming one body or a list of bodies as its subject;
 * - a page whose last line is a bare number ("（二）"): no task comes of it.
 */
import { describe, expect, it } from 'vitest';
import type { ParseResult } from '../../../shared/parser';
import { FORMS, parseAs, type Part } from './forms';

interface Want {
  content: string;
  lead: string[];
  others: string[];
}

const sorted = (xs: readonly string[]) => [...xs].sort();

function expectPlan(r: ParseResult, wants: Want[]) {
  const shown = r.tasks.map((t) => `${t.number} ${t.content.slice(0, 12)}`).join(' / ');
  expect(r.tasks.length, shown).toBe(wants.length);
  for (const w of wants) {
    const t = r.tasks.find((g) => g.content.startsWith(w.content));
    expect(t, `task ${w.content} among ${shown}`).toBeDefined();
    expect(t!.lead, `${w.content} lead`).toEqual(w.lead);
    expect(sorted([...t!.support, ...t!.implement]), `${w.content} others`).toEqual(sorted(w.others));
  }
}

const families: { name: string; parts: Part[]; wants: Want[]; check?: (r: ParseResult) => void }[] = [
  {
    name: '责任单位 label over "…按职责分工负责" is a single list; "均涉及X，不再做分工，下同" makes X implement every measure',
    parts: [
      '某市关于促进消费扩容提质的若干措施',
      '一、扩大重点消费',
      '（一）扩大汽车消费。落实汽车以旧换新补贴政策。〔责任单位：市商务局、市财政局、市公安局按职责分工负责。各项措施均涉及各区县人民政府，不再做分工，下同。〕',
      '（二）繁荣夜间经济。打造一批夜间消费街区。〔责任单位：市文旅局〕',
      '（三）发展社区商业。完善一刻钟便民生活圈。〔责任单位：市商务局、市住建局按职责分工负责〕',
    ],
    wants: [
      { content: '扩大汽车消费', lead: ['市商务局'], others: ['市财政局', '市公安局', '各区县人民政府'] },
      { content: '繁荣夜间经济', lead: ['市文旅局'], others: ['各区县人民政府'] },
      { content: '发展社区商业', lead: ['市商务局'], others: ['市住建局', '各区县人民政府'] },
    ],
  },
  {
    name: 'a qualified rule after the last unit of a 责任单位 line; places sharing one ending in a note',
    parts: [
      '某区2024年重点工作责任分解',
      '一、经济发展',
      '1.工业增加值增长8%。（牵头单位：区经信局；责任单位：区统计局，各乡、镇人民政府，东湖、西湖管理区，区经济开发区）',
      '2.推进招商引资。全年引进亿元以上项目20个。',
      '责任单位：区商务局、区发改局、区财政局（列第一位者为工作牵头单位或汇总单位，下同）',
      '3.优化营商环境。深化一件事一次办改革。',
      '责任单位：区营商办、区市场监管局、区政务服务中心',
    ],
    wants: [
      { content: '工业增加值增长8%', lead: ['区经信局'], others: ['区统计局', '各乡、镇人民政府', '东湖、西湖管理区', '区经济开发区'] },
      { content: '推进招商引资', lead: ['区商务局'], others: ['区发改局', '区财政局'] },
      { content: '优化营商环境', lead: ['区营商办'], others: ['区市场监管局', '区政务服务中心'] },
    ],
    check: (r) => expect(r.leadRule).toBe('first-listed-is-lead'),
  },
  {
    name: 'a page that starts inside a section: prose subjects, "三、" closing the (N) items, a bare last number cut',
    parts: [
      '某市关于开展城市综合整治活动的实施意见',
      '（六）加强项目储备。各区政府负责建立重点项目库，市有关部门积极配合。',
      '（七）各级审计机关要加强对专项资金使用情况的审计监督。',
      '（八）各级人事部门对工作不力、推诿扯皮的单位和个人给予通报批评。',
      '（九）各级新闻单位负责做好宣传报道工作。要把握正确舆论导向。',
      '三、建立长效机制',
      '（一）完善考核办法。市考核办负责制定年度考核细则。',
      '（二）',
    ],
    wants: [
      { content: '加强项目储备', lead: ['各区政府'], others: ['市有关部门'] },
      { content: '各级审计机关要加强', lead: ['各级审计机关'], others: [] },
      { content: '各级人事部门对工作不力', lead: ['各级人事部门'], others: [] },
      { content: '各级新闻单位负责', lead: ['各级新闻单位'], others: [] },
      { content: '完善考核办法', lead: ['市考核办'], others: [] },
    ],
    check: (r) => {
      const last = r.tasks.find((t) => t.content.startsWith('完善考核办法'))!;
      expect(last.section.join('')).toContain('三、建立长效机制');
      expect(r.tasks.find((t) => t.content.startsWith('各级新闻单位'))!.section.join('')).not.toContain('三、');
    },
  },
  {
    name: 'a leader’s requirements "一要…二要…三要…" in paragraphs of their own, subjects single or listed',
    parts: [
      '某县召开秋粮收购工作推进会',
      '本报讯 10月12日，某县召开秋粮收购工作推进会，副县长张某出席会议并讲话。',
      '会议要求：',
      '一要压实责任。县粮食局、县财政局、各乡镇要按照职责分工抓好收购组织工作，确保应收尽收。',
      '二要强化服务。县农业发展银行要及时足额发放收购贷款，保障收购资金需要。',
      '三要严格监管。县市场监管局和县粮食局要加强收购秩序检查，严厉打击压级压价行为。',
      '县直有关部门负责同志参加会议。',
    ],
    wants: [
      { content: '压实责任', lead: ['县粮食局'], others: ['县财政局', '各乡镇'] },
      { content: '强化服务', lead: ['县农业发展银行'], others: [] },
      { content: '严格监管', lead: ['县市场监管局'], others: ['县粮食局'] },
    ],
    check: (r) => expect(r.tasks.map((t) => t.number)).toEqual(['一要', '二要', '三要']),
  },
  {
    name: '"一要…二要…" inside one paragraph',
    parts: [
      '某区部署防汛工作',
      '区长在会上强调：一要严格值班值守，区应急局要实行24小时领导带班；二要加强隐患排查，区水务局要对堤防水库逐一检查；三要做好物资储备，区发改局要备足防汛物资。',
    ],
    wants: [
      { content: '严格值班值守', lead: ['区应急局'], others: [] },
      { content: '加强隐患排查', lead: ['区水务局'], others: [] },
      { content: '做好物资储备', lead: ['区发改局'], others: [] },
    ],
  },
  {
    name: 'a table whose header carries the year ("2023年预期目标" / "2023年度重点任务") beside a single 责任单位 column',
    parts: [
      '某县2023年政府工作报告目标任务分解',
      [
        ['序号', '2023年预期目标', '责任单位'],
        ['1', '地区生产总值增长6%左右', '县发展改革局'],
        ['2', '规上工业增加值增长8%', '县经济信息局、县统计局'],
      ],
      [
        ['序号', '2023年度重点任务', '牵头单位', '配合单位'],
        ['1', '建设县域物流中心', '县商务局', '县交通局'],
      ],
    ],
    wants: [
      { content: '地区生产总值增长6%左右', lead: ['县发展改革局'], others: [] },
      { content: '规上工业增加值增长8%', lead: ['县经济信息局'], others: ['县统计局'] },
      { content: '建设县域物流中心', lead: ['县商务局'], others: ['县交通局'] },
    ],
  },
];

describe('assignment forms, each in .txt, .html and .docx', () => {
  for (const f of families) {
    describe(f.name, () => {
      for (const form of FORMS) {
        it(form, async () => {
          const r = await parseAs(form, f.parts);
          expectPlan(r, f.wants);
          f.check?.(r);
        });
      }
    });
  }

  it('"要求" and "要点" after a numeral are no enumeration', async () => {
    const r = await parseAs('txt', ['某局工作通知', '一要求明确，二要点突出。市财政局要加强资金监管。']);
    expect(r.tasks.map((t) => t.number)).not.toContain('一要');
  });

  it('a page cut inside a flattened row whose task text runs on into the unit columns reads no units from it', async () => {
    const text = [
      '某区重点工作任务分解表', '', '序号', '', '工作任务', '', '牵头单位', '', '配合单位', '',
      '1', '', '优化营商环境', '', '区营商办', '', '区市场监管局', '',
      '2', '', '共建科技园区', '', '推动国家重点实验室落地,引进新型研发机构、中科',
    ].join('\n');
    const r = await parseAs('txt', [text]);
    expect(r.tasks.map((t) => t.content)).toEqual(['优化营商环境']);
    expect(r.warnings.some((w) => /中断/.test(w.message))).toBe(true);
  });

  describe('a cover notice with no signature after it', () => {
    const notice = [
      '某区人民政府办公室关于印发2024年区重点工作责任分解方案的通知',
      '各街道办事处，区政府各部门：',
      '《2024年区重点工作责任分解方案》已经区政府同意，现印发给你们，并就有关事项通知如下。',
      '一、压实责任。各牵头单位要加强组织领导，逐项明确责任科室和责任人。',
      '二、加强统筹。各责任单位要制订具体的办理方案，明确时间节点',
    ];
    it('its numbered requirements are no tasks when the page ends before the scheme', async () => {
      for (const form of FORMS) {
        const r = await parseAs(form, notice);
        expect(r.tasks, form).toEqual([]);
      }
    });
    it('the scheme starts at the line that repeats its name, even broken over two lines', async () => {
      for (const title of [['2024年区重点工作责任分解方案'], ['2024年区重点工作', '责任分解方案']]) {
        const r = await parseAs('txt', [
          ...notice.slice(0, 4),
          '二、加强统筹。各责任单位要制订具体的办理方案。',
          ...title,
          '一、优化营商环境。区营商办负责深化一件事一次办改革。',
          '二、推进城市更新。区住建局负责改造老旧小区20个。',
        ]);
        expect(r.tasks.map((t) => [t.content.slice(0, 6), t.lead[0]]), title.join('/')).toEqual([
          ['优化营商环境', '区营商办'],
          ['推进城市更新', '区住建局'],
        ]);
      }
    });
  });

  it('a page cut inside its first assignment note yields no task from the headings before it', async () => {
    for (const note of ['（牵头单位：省发展改革委；责任单位：省财政厅、省自然', '〔省商务厅牵头，省财政厅、省市场']) {
      for (const form of FORMS) {
        const r = await parseAs(form, [
          '某省关于进一步优化营商环境的若干意见',
          '一、总体要求',
          '以提升市场主体满意度为目标，持续深化改革。',
          '二、主要任务',
          `（一）提高市场开放程度。全面实施市场准入负面清单制度。${note}`,
        ]);
        expect(r.tasks, `${form} ${note}`).toEqual([]);
        expect(r.warnings.some((w) => /中断/.test(w.message)), form).toBe(true);
      }
    }
  });

  it('a task table is checked against the scheme, not against the notice that issues it', async () => {
    for (const form of FORMS) {
      const r = await parseAs(form, [
        '某区人民政府办公室关于印发2023年区政府工作报告目标任务的通知',
        '各街道办事处，区级各部门：',
        '现将目标任务分解表印发给你们。请各单位压实工作责任，确保全面高质量完成各项年度目标任务。',
        '某区人民政府办公室',
        '2023年1月20日',
        '附件1',
        [
          ['序号', '2023年预期目标', '责任单位'],
          ['1', '空气质量完成年度目标任务', '区生态环境局'],
          ['2', '节能降碳完成年度目标任务', '区发展改革委'],
        ],
      ]);
      expect(r.tasks.map((t) => t.lead[0]), form).toEqual(['区生态环境局', '区发展改革委']);
      expect(r.warnings.filter((w) => /不一致/.test(w.message)), form).toEqual([]);
    }
  });
});
