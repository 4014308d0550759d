import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../../shared/parser';
import { parseExtracted } from '../../../shared/parser/core';
import { linesAsBlocks, loadSeeds } from './seedHelpers';

/** The public entry (reader for pasted text, then the core) gives what the core gives on the seed's lines. */
describe('parseDocument on pasted seed text', () => {
  for (const seed of loadSeeds()) {
    it(seed.id, async () => {
      const viaReader = await parseDocument({ text: seed.text });
      const direct = parseExtracted(linesAsBlocks(seed.text));
      expect(viaReader.tasks).toEqual(direct.tasks);
      expect(viaReader.warnings).toEqual(direct.warnings);
      expect(viaReader.title).toBe(seed.expected.title);
    });
  }
  it('as UTF-8 file bytes too', async () => {
    const seed = loadSeeds().find((s) => s.id.startsWith('002'))!;
    const r = await parseDocument({ name: '002.txt', bytes: new TextEncoder().encode(seed.text) });
    expect(r.tasks).toHaveLength(seed.expected.tasks!.length);
  });
});
