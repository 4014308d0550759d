import type { ExtractedDocument } from '../document';
import { DocumentRefusedError, type ParseInput } from '../types';

/** Detect the format (by content, then by name) and extract blocks. Placeholder until the readers land. */
export async function readDocument(input: ParseInput): Promise<ExtractedDocument> {
  if ('text' in input) return { format: 'text', blocks: input.text.split(/\r?\n/).map((text) => ({ kind: 'paragraph', text })) };
  throw new DocumentRefusedError('暂不支持该文件格式', 'unknown-format');
}
