/**
 * Public entry of the importer: bytes or pasted text in, a ParseResult out (or DocumentRefusedError).
 * `readDocument` (readers/) turns a file into blocks; `parseExtracted` (core/) turns blocks into a plan.
 */
export * from './types';
export * from './document';
export { readDocument } from './readers';
export { parseExtracted } from './core';

import { readDocument, type ReadOptions } from './readers';
import { parseExtracted } from './core';
import type { ExtractedDocument } from './document';
import type { ParseInput, ParseResult, ParseWarning } from './types';

export type ParseOptions = ReadOptions;

export async function parseDocument(input: ParseInput, options: ParseOptions = {}): Promise<ParseResult> {
  const doc = await readDocument(input, options);
  return withReaderWarnings(parseExtracted(doc), doc);
}

/** The reader's warnings (pages not read, text boxes skipped…) go first in the result's warnings. */
export function withReaderWarnings(result: ParseResult, doc: ExtractedDocument): ParseResult {
  if (!doc.warnings?.length) return result;
  const fromReader: ParseWarning[] = doc.warnings.map((w) => ({ code: 'reader', reader: w.code, message: w.message }));
  return { ...result, warnings: [...fromReader, ...result.warnings] };
}
