/**
 * Damaged copies of real files (bytes flipped, cut short) must give either blocks or a DocumentRefusedError:
 * never another exception, never a hang.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readDocument } from '../../../../shared/parser/readers';
import { DocumentRefusedError } from '../../../../shared/parser/types';
import { documentBytes, fixtureBytes } from './files';

const SOURCES: [string, () => Uint8Array][] = [
  ['two-tables.docx', () => documentBytes('two-tables.docx')],
  ['title-merges.xlsx', () => documentBytes('title-merges.xlsx')],
  ['document.odt', () => documentBytes('document.odt')],
  ['004_full.doc', () => fixtureBytes('004_full.doc')],
  ['legacy.xls', () => documentBytes('legacy.xls')],
  ['noise.html', () => documentBytes('noise.html')],
  ['page.mht', () => documentBytes('page.mht')],
  ['gbk.rtf', () => documentBytes('gbk.rtf')],
  ['ruled-table.pdf', () => documentBytes('ruled-table.pdf')],
];

async function outcome(name: string, bytes: Uint8Array): Promise<'read' | 'refused'> {
  try {
    const doc = await readDocument({ name, bytes });
    expect(doc.blocks.length).toBeGreaterThan(0);
    return 'read';
  } catch (error) {
    if (error instanceof DocumentRefusedError) return 'refused';
    throw error;
  }
}

describe('damaged files never crash a reader', () => {
  for (const [name, load] of SOURCES) {
    it(`${name}: flipped bytes and truncation`, async () => {
      const original = load();
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.tuple(fc.nat({ max: original.length - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
          fc.option(fc.nat({ max: original.length }), { nil: undefined }),
          async (flips, cut) => {
            const bytes = original.slice(0, cut ?? original.length);
            for (const [at, value] of flips) if (at < bytes.length) bytes[at] = value;
            expect(['read', 'refused']).toContain(await outcome(name, bytes));
          },
        ),
        { numRuns: name.endsWith('.pdf') ? 25 : 60, seed: 20261122 },
      );
    });
  }
});
