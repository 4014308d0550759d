import type { Task } from '../model/schemas';
import { deadlineExtension } from '../tracking/standing';
import { chineseDate } from './chineseDate';

/**
 * A task's 完成时限 as the paper outputs print it (台账, 填报表): the document's words, and after an approved 延期
 * the date in force ("2024年6月底前（延期至2024年9月30日）").
 */
export function deadlineCellText(task: Pick<Task, 'deadline'>, effectiveDeadline: string | null): string {
  const extension = deadlineExtension(task, effectiveDeadline);
  const text = task.deadline?.text ?? '';
  return extension ? `${text}（延期至${chineseDate(extension.to)}）` : text;
}
