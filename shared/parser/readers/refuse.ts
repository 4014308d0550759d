import { DocumentRefusedError } from '../types';

/** The one-line Chinese messages a refused document carries, by reason. */
export const REFUSAL_MESSAGES = {
  empty: '文件是空的，没有可导入的内容',
  unknownFormat: '无法识别的文件格式，请导入 Word（.docx/.doc）、WPS、Excel（.xlsx）、PDF、网页（.html）或文本（.txt）文件',
  encrypted: '文件设置了打开密码（已加密），请先在原软件中取消密码后再导入',
  damaged: '文件已损坏或不完整，无法读取，请重新获取原文件后再导入',
  hostile: '文件结构异常（可能是恶意构造的文件），已拒绝导入',
  noText: '文件中没有可提取的文字（可能是扫描件或图片），请导入 Word 或文本版本',
} as const;

export function refuse(reason: DocumentRefusedError['reason'], message?: string): DocumentRefusedError {
  const fallback: Record<DocumentRefusedError['reason'], string> = {
    empty: REFUSAL_MESSAGES.empty,
    'unknown-format': REFUSAL_MESSAGES.unknownFormat,
    encrypted: REFUSAL_MESSAGES.encrypted,
    damaged: REFUSAL_MESSAGES.damaged,
    'too-large': '文件过大，无法导入',
    hostile: REFUSAL_MESSAGES.hostile,
    'no-text': REFUSAL_MESSAGES.noText,
  };
  return new DocumentRefusedError(message ?? fallback[reason], reason);
}
