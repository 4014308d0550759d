/** The import review's questions before it throws work away or saves tasks without a lead. */
import type { useAppProps } from 'antd/es/app/context';

/** Ask before throwing away the review's unsaved work (the draft stays in the database until then). */
export function confirmDiscard(modal: useAppProps['modal'], discard: () => void, what = '重新选择文件'): void {
  modal.confirm({
    title: '放弃当前的核对结果？',
    content: `「${what}」会丢弃本次识别和您在核对中所做的修改（尚未保存为计划）。`,
    okText: '放弃并继续',
    okButtonProps: { danger: true },
    cancelText: '继续核对',
    onOk: discard,
  });
}

/**
 * Ask before saving tasks without a lead unit that the user has not marked 已核对 (the review's warning promises it):
 * resolves true to save them as 未明确牵头单位, false to go back and fill them in.
 */
export function confirmNoLead(modal: useAppProps['modal'], numbers: readonly string[]): Promise<boolean> {
  const shown = numbers.slice(0, 10).map((n) => (n ? `第 ${n} 项` : '（无序号）')).join('、');
  return new Promise((resolve) => {
    modal.confirm({
      title: `${numbers.length} 项任务还没有牵头单位`,
      content: `${shown}${numbers.length > 10 ? ' 等' : ''}没有牵头单位，保存后没有单位对其负责，将列为“未明确牵头单位”。可以返回在“牵头单位”中填写。`,
      okText: '仍然保存',
      cancelText: '返回填写',
      onOk: () => resolve(true),
      onCancel: () => resolve(false),
    });
  });
}
