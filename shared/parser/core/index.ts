import type { ExtractedDocument } from '../document';
import type { ParseResult } from '../types';

/** Turn extracted blocks into tasks, units, deadlines and warnings. Placeholder until the core lands. */
export function parseExtracted(doc: ExtractedDocument): ParseResult {
  void doc;
  return { title: null, docNumber: null, issuer: null, date: null, leadRule: 'columns', reporting: [], tasks: [], warnings: [] };
}
