/**
 * 催办通知单 for one unit: the tasks it answers for that are overdue or not reported for the period, with their
 * deadlines, a reply date, and a 回执 (reply slip) on its own page to send back.
 */
import { addDays } from '../../tracking/dates';
import { chineseDate } from '../chineseDate';
import { urgeData, type PaperInput } from '../paperData';
import {
  addressee,
  blankLine,
  bodyParagraph,
  formTable,
  gongwenDocument,
  GONGWEN_SIZES,
  pageBreak,
  packDocx,
  ruledTable,
  signature,
  TEXT_WIDTH_TWIPS,
  titleParagraph,
} from '../gongwen';
import { cadenceText, fileNamePart, planReference } from './common';

export interface UrgeOptions {
  unitId: string;
  /** Reply by this day (YYYY-MM-DD); a week after `today` when absent. */
  replyBy?: string;
  issuer?: string;
}

export const URGE_TITLE = '催办通知单';
export const REPLY_SLIP_TITLE = '回　执';

/** What the notice says of the period's reports when nothing is overdue or missing: only what is true. */
function nothingToUrge(data: ReturnType<typeof urgeData>): string {
  if (data.owed === 0) return `${data.periodText}无需报送进展。`;
  if (data.filed === data.owed) return `${data.periodText}应报的 ${data.owed} 项进展均已报送。`;
  return `${data.periodText}进展应于${chineseDate(data.dueDay)}前报送，目前已报送 ${data.filed} 项、尚未报送 ${data.owed - data.filed} 项，请按时报送。`;
}

export async function buildUrgeDocx(input: PaperInput & UrgeOptions): Promise<Uint8Array> {
  const data = urgeData(input);
  const issuer = input.issuer ?? input.plan.owner.office;
  const today = chineseDate(input.today);
  const replyBy = chineseDate(input.replyBy ?? addDays(input.today, 7));
  const anyOverdue = data.items.some((i) => i.overdueDays !== null);
  const anyUnreported = data.items.some((i) => i.unreported);
  const what = [anyOverdue ? '已超过完成时限仍未完成' : '', anyUnreported ? `${data.periodText}进展未按时报送` : ''].filter(Boolean).join('或');
  const body = data.items.length
    ? `根据${planReference(input.plan)}及“${cadenceText(input.plan)}报送进展”的要求，经核查，截至${today}，你单位牵头的以下${data.items.length}项任务${what}。请高度重视，抓紧推进，并于${replyBy}前将推进情况连同回执报送${issuer}。`
    : `根据${planReference(input.plan)}要求，经核查，截至${today}，你单位牵头的任务均未超过完成时限；${nothingToUrge(data)}`;

  const doc = gongwenDocument({
    title: URGE_TITLE,
    creator: issuer,
    sections: [
      {
        children: [
          titleParagraph(URGE_TITLE),
          blankLine(),
          addressee(`${data.unitName}：`),
          bodyParagraph([body]),
          ...(data.items.length
            ? [
                blankLine(),
                ruledTable(
                  [
                    { header: '序号', weight: 0.8, center: true },
                    { header: '任务内容', weight: 4.6 },
                    { header: '完成时限', weight: 1.6, center: true },
                    { header: '存在情况', weight: 1.6, center: true },
                  ],
                  data.items.map((item) => ({
                    kind: 'row' as const,
                    cells: [
                      item.number,
                      item.content,
                      item.deadline ? chineseDate(item.deadline) : item.deadlineText || '—',
                      [item.overdueDays !== null ? `逾期${item.overdueDays}天` : '', item.unreported ? `${data.periodText}未报送` : ''].filter(Boolean).join('\n'),
                    ],
                  })),
                  TEXT_WIDTH_TWIPS,
                  GONGWEN_SIZES.table,
                ),
              ]
            : []),
          ...signature(issuer, today),
          pageBreak(),
          titleParagraph(REPLY_SLIP_TITLE),
          blankLine(),
          formTable(
            [
              [{ label: '单位名称', value: data.unitName }],
              [{ label: '催办事项', value: data.items.length ? `第${data.items.map((i) => i.number).join('、')}项任务` : '—' }],
              [
                { label: '联系人', value: '' },
                { label: '联系电话', value: '' },
              ],
              [{ label: '办理情况', value: '', heightMm: 90 }],
              [
                { label: '单位负责人（签字）', value: '' },
                { label: '日期', value: '　　年　月　日' },
              ],
            ],
            TEXT_WIDTH_TWIPS,
          ),
          bodyParagraph([`（请于${replyBy}前将本回执加盖单位公章后报送${issuer}。）`]),
        ],
      },
    ],
  });
  return packDocx(doc);
}

export function urgeFileName(input: Pick<PaperInput, 'today'>, unitName: string): string {
  return `催办通知单-${fileNamePart(unitName)}-${input.today}.docx`;
}
