/**
 * A unit's 进展情况报告 for a period, built from its own reports: totals by role and status, then every task it
 * has with its progress, problems and next steps (or 本期未报送). For offices that send a signed paper or a Word
 * file with their sync file.
 */
import { chineseDate } from '../chineseDate';
import { unitReportData, type PaperInput } from '../paperData';
import { addressee, blankLine, bodyParagraph, gongwenDocument, heading1, heading2Run, packDocx, signature, titleParagraph } from '../gongwen';
import { chineseNumber, countPhrase, fileNamePart, planReference } from './common';

export interface UnitReportOptions {
  unitId: string;
}

export function unitReportTitle(unitName: string, periodText: string, planTitle: string): string {
  return `${unitName}关于${periodText}《${planTitle.replace(/^《|》$/g, '')}》落实情况的报告`;
}

export async function buildUnitReportDocx(input: PaperInput & UnitReportOptions): Promise<Uint8Array> {
  const data = unitReportData(input);
  const today = chineseDate(input.today);
  const title = unitReportTitle(data.unitName, data.periodText, input.plan.title);
  const roles = countPhrase([
    ['牵头', data.byRole.lead],
    ['配合', data.byRole.support],
    ['具体落实', data.byRole.implement],
  ]);
  const statuses = countPhrase(data.byStatus.map((s) => [s.label, s.count] as const));
  const missing = data.items.length - data.reported;
  const overall = `我单位共承担任务${data.items.length}项${roles ? `，其中${roles}` : ''}。${data.periodText}报送进展${data.reported}项${statuses ? `，其中${statuses}` : ''}${
    missing ? `；${missing}项本期未报送` : ''
  }。`;

  const details = data.items.flatMap((item, i) => {
    const deadline = item.deadline ? chineseDate(item.deadline) : item.deadlineText;
    const head = bodyParagraph([heading2Run(`（${chineseNumber(i + 1)}）第${item.number}项任务（${item.roleText}${deadline ? `，完成时限：${deadline}` : ''}）。`), item.content]);
    const r = item.report;
    if (!r) return [head, bodyParagraph(['本期未报送进展情况。'])];
    return [
      head,
      bodyParagraph([`推进状态：${item.statusText}${r.percent !== null ? `，完成比例${r.percent}%` : ''}。`]),
      bodyParagraph([`进展情况：${r.progress || '无'}`]),
      ...(r.problems ? [bodyParagraph([`存在问题：${r.problems}`])] : []),
      ...(r.nextSteps ? [bodyParagraph([`下步计划：${r.nextSteps}`])] : []),
    ];
  });

  const doc = gongwenDocument({
    title,
    creator: data.unitName,
    sections: [
      {
        children: [
          titleParagraph(title),
          blankLine(),
          addressee(`${input.plan.owner.office}：`),
          bodyParagraph([`根据${planReference(input.plan)}要求，现将我单位${data.periodText}任务推进情况报告如下：`]),
          heading1('一、总体情况'),
          bodyParagraph([overall]),
          heading1('二、各项任务推进情况'),
          ...(details.length ? details : [bodyParagraph(['我单位在该计划中没有承担任务。'])]),
          bodyParagraph(['特此报告。']),
          ...signature(data.unitName, today),
        ],
      },
    ],
  });
  return packDocx(doc);
}

export function unitReportFileName(input: Pick<PaperInput, 'period' | 'today'>, unitName: string): string {
  return `${fileNamePart(unitName)}-${input.period}-进展情况报告-${input.today}.docx`;
}
