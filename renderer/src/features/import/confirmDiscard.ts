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
