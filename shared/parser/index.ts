/**
 * Public entry of the importer: bytes or pasted text in, a ParseResult out (or DocumentRefusedError).
 * `readDocument` (readers/) turns a file into blocks; `parseExtracted` (core/) turns blocks into a plan.
 */
export * from './types';
export * from './document';
export { readDocument } from './readers';
export { parseExtracted } from './core';

import { readDocument } from './readers';
import { parseExtracted } from './core';
import type { ParseInput, ParseResult } from './types';

export async function parseDocument(input: ParseInput): Promise<ParseResult> {
  return parseExtracted(await readDocument(input));
}
