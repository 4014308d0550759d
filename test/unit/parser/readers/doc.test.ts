import { describe, expect, it } from 'vitest';
import { documentBytes, expectRefused, fixtureBytes, readNamed } from './files';

describe('doc reader (Word 97 binary)', () => {
  it('gives exactly the blocks of the same document saved as .docx: paragraphs, table rows, vertical merges', async () => {
    const doc = await readNamed('004_full.doc', fixtureBytes('004_full.doc'));
    const docx = await readNamed('004_full.docx', fixtureBytes('004_full.docx'));
    expect(doc.format).toBe('doc');
    expect(doc.blocks).toEqual(docx.blocks);
    const table = doc.blocks.find((b) => b.kind === 'table');
    expect(table?.kind === 'table' && table.rows.length).toBe(63);
  });

  it('reads a .wps saved in the Word binary format the same way', async () => {
    const doc = await readNamed('004_full.wps', fixtureBytes('004_full.doc'));
    expect(doc.format).toBe('doc');
  });

  it('refuses a Word 95 file with a message saying to save it as .docx', async () => {
    const bytes = documentBytes('encrypted.doc').slice();
    // The generated file's WordDocument stream starts at sector 2; its nFib follows the magic number.
    bytes[512 * 3 + 2] = 0x65;
    bytes[512 * 3 + 3] = 0;
    const refused = await expectRefused(readNamed('old.doc', bytes), 'unknown-format');
    expect(refused.message).toContain('.docx');
  });

  it('refuses an encrypted .doc and a truncated one', async () => {
    await expectRefused(readNamed('encrypted.doc'), 'encrypted');
    await expectRefused(readNamed('cut.doc', fixtureBytes('004_full.doc').subarray(0, 20000)), 'damaged');
    await expectRefused(readNamed('header-only.doc', documentBytes('encrypted.doc').subarray(0, 300)), 'damaged');
  });
});
