/**
 * 督办通报 / 进展情况通报 for a reporting period: overall figures, a paragraph per lead unit naming its lagging and
 * overdue tasks, the units that did not report, and the task table as 附件. An editable draft in 公文 layout.
 */
import { chineseDate } from '../chineseDate';
import { ledgerLines } from '../ledger';
import { periodNoticeData, type CitedTask, type PaperInput, type PeriodNoticeData } from '../paperData';
import {
  addressee,
  attachmentMark,
  attachmentNote,
  blankLine,
  bodyParagraph,
  gongwenDocument,
  GONGWEN_SIZES,
  heading1,
  heading2Run,
  LANDSCAPE_TEXT_WIDTH_TWIPS,
  packDocx,
  ruledTable,
  signature,
  titleParagraph,
  type TableLine,
} from '../gongwen';
import { chineseNumber, countPhrase, fileNamePart, listJoin, planReference } from './common';

export type NoticeKind = 'supervision' | 'progress';
export const NOTICE_KIND_LABELS: Record<NoticeKind, string> = { supervision: '督办通报', progress: '进展情况通报' };

export interface NoticeOptions {
  /** 督办通报 (default) or 进展情况通报. */
  kind?: NoticeKind;
  /** The issuing office (发文机关署名); the plan owner's office when absent. */
  issuer?: string;
}

export const NOTICE_ATTACHMENT_TITLE = '任务推进情况表';
/** Columns of the 附件 table (a landscape page). */
export const NOTICE_TABLE_COLUMNS = [
  { header: '序号', weight: 0.6, center: true },
  { header: '具体内容', weight: 3.2 },
  { header: '牵头单位', weight: 1.4 },
  { header: '完成时限', weight: 1.1 },
  { header: '状态', weight: 1, center: true },
  { header: '本期进展情况', weight: 3.2 },
  { header: '存在问题', weight: 1.8 },
] as const;

export function noticeTitle(input: Pick<PaperInput, 'plan' | 'period'>, kind: NoticeKind = 'supervision', periodText: string): string {
  const title = input.plan.title.replace(/^《|》$/g, '');
  return kind === 'supervision' ? `关于${periodText}《${title}》落实情况的督办通报` : `关于${periodText}《${title}》推进情况的通报`;
}

/** How the lead units reported the period, by the one reporting-state rule. */
function reportingSentence(data: PeriodNoticeData, today: string): string {
  if (!data.leadUnitCount) return '';
  const onTime = data.reportedOnTime;
  const states = countPhrase(
    [
      ['按时报送', data.notDue ? 0 : onTime],
      ['逾期报送', data.reportedLate.length],
      ['部分报送', data.partlyReported.length],
      ['未报送', data.notReported.length],
    ],
    '个',
  );
  // Before the due day nobody is late yet: say how many have reported everything so far.
  if (data.notDue) return `${data.periodText}进展应于${chineseDate(data.dueDay)}前报送，尚未到报送截止日；截至${today}，${onTime ? `${data.leadUnitCount}个牵头单位中已有${onTime}个报齐` : `${data.leadUnitCount}个牵头单位均尚未报齐`}。`;
  return `${data.leadUnitCount}个牵头单位中，${data.periodText}进展${states === `按时报送${data.leadUnitCount}个` ? '均已按时报送' : states}。`;
}

const quoted = (t: CitedTask) => `第${t.number}项“${t.content.replace(/[。；;]+$/, '')}”`;

/** The 通报 as .docx bytes. */
export async function buildNoticeDocx(input: PaperInput & NoticeOptions): Promise<Uint8Array> {
  const data = periodNoticeData(input);
  const kind = input.kind ?? 'supervision';
  const issuer = input.issuer ?? input.plan.owner.office;
  const today = chineseDate(input.today);
  const f = data.figures;
  const title = noticeTitle(input, kind, data.periodText);

  const byStatus = countPhrase([
      ['已销号', f.confirmed],
      ['已报完成待销号', f.claimedDone],
      ['推进中', f.byStatus['in-progress']],
      ['常态化推进', f.byStatus.ongoing],
      ['滞后', f.byStatus.delayed],
      ['未启动', f.byStatus['not-started']],
      ['暂缓', f.byStatus.paused],
      ['尚未报送进展', f.notReported],
    ]);
  const overall = [
    `截至${today}，${planReference(input.plan)}共分解任务${f.tasks}项。`,
    byStatus ? `其中，${byStatus}。` : '',
    f.overdue ? `超过完成时限仍未完成（逾期）的任务${f.overdue}项。` : '没有超过完成时限仍未完成（逾期）的任务。',
    reportingSentence(data, today),
  ].join('');

  const unitParagraphs = data.leadUnits.map((u, i) => {
    const parts: string[] = [];
    const counts = countPhrase([
      ['已销号', u.confirmed],
      ['已报完成待销号', u.claimedDone],
      ['推进中', u.inProgress],
    ]);
    parts.push(`牵头任务${u.led}项${counts ? `，其中${counts}` : ''}。`);
    if (u.delayed.length) parts.push(`滞后任务${u.delayed.length}项：${u.delayed.map(quoted).join('；')}。`);
    if (u.overdue.length)
      parts.push(
        `逾期任务${u.overdue.length}项：${u.overdue
          .map((t) => `${quoted(t)}（完成时限${t.deadline ? chineseDate(t.deadline) : t.deadlineText}）`)
          .join('；')}。`,
      );
    if (!u.delayed.length && !u.overdue.length) parts.push('各项任务未见滞后或逾期。');
    if (u.reporting === 'missing') parts.push(`${data.periodText}进展未报送。`);
    else if (u.reporting === 'partial') parts.push(`${data.periodText}进展部分报送。`);
    else if (u.reporting === 'late') parts.push(`${data.periodText}进展逾期报送。`);
    return bodyParagraph([heading2Run(`（${chineseNumber(i + 1)}）${u.name}。`), parts.join('')]);
  });

  const incomplete = [...data.notReported, ...data.partlyReported];
  const notReportedText = incomplete.length
    ? `截至${today}，${[
        data.notReported.length ? `${listJoin(data.notReported.map((u) => u.name))}共${data.notReported.length}个单位未报送` : '',
        data.partlyReported.length ? `${listJoin(data.partlyReported.map((u) => u.name))}共${data.partlyReported.length}个单位未报齐` : '',
      ]
        .filter(Boolean)
        .join('，')}${data.periodText}进展情况（应于${chineseDate(data.dueDay)}前报送）。`
    : data.notDue
      ? `${data.periodText}进展应于${chineseDate(data.dueDay)}前报送，尚未到报送截止日。`
      : `各牵头单位均已报送${data.periodText}进展情况。`;

  const lines: TableLine[] = ledgerLines({ ...input, scope: { kind: 'period', period: input.period } }).map((l) =>
    l.kind === 'section'
      ? { kind: 'group', text: l.text }
      : {
          kind: 'row',
          cells: [l.values.number, l.values.content, l.values.lead, l.values.deadline, l.values.status, l.values.progress, l.values.problems],
        },
  );

  const doc = gongwenDocument({
    title,
    creator: issuer,
    sections: [
      {
        children: [
          titleParagraph(title),
          blankLine(),
          addressee('各有关单位：'),
          bodyParagraph([`根据${planReference(input.plan)}要求，现将${data.periodText}各项任务推进情况通报如下：`]),
          heading1('一、总体情况'),
          bodyParagraph([overall]),
          heading1('二、各牵头单位推进情况'),
          ...unitParagraphs,
          heading1('三、未报送进展情况的单位'),
          bodyParagraph([notReportedText]),
          heading1('四、工作要求'),
          bodyParagraph([
            `请各牵头单位对照任务分解表，对滞后、逾期任务逐项分析原因，明确整改措施和完成时限，加快推进落实；未报送进展的单位请尽快补报。${
              data.nextDueDay ? `下一期进展情况请于${chineseDate(data.nextDueDay)}前报送。` : ''
            }`,
          ]),
          blankLine(),
          ...attachmentNote([NOTICE_ATTACHMENT_TITLE]),
          ...signature(issuer, today),
        ],
      },
      {
        landscape: true,
        children: [
          attachmentMark(),
          titleParagraph(`${data.periodText}${NOTICE_ATTACHMENT_TITLE}`),
          blankLine(),
          ruledTable(
            NOTICE_TABLE_COLUMNS,
            lines,
            LANDSCAPE_TEXT_WIDTH_TWIPS,
            GONGWEN_SIZES.tableSmall,
          ),
        ],
      },
    ],
  });
  return packDocx(doc);
}

export function noticeFileName(input: Pick<PaperInput, 'plan' | 'period' | 'today'>, kind: NoticeKind = 'supervision'): string {
  return `${fileNamePart(input.plan.title)}-${input.period}-${NOTICE_KIND_LABELS[kind]}-${input.today}.docx`;
}
