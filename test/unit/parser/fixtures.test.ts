/**
 * End to end: the real fixture files (Word, legacy Word, PDF, Excel) through parseDocument give exactly the
 * expected plans: every task's number, section, content and lead/support/implement sets; title and 文号 where
 * the expectation names them; the warning codes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument, type ParsedTask } from '../../../shared/parser';

const filesDir = join(__dirname, '../../fixtures/files');
const expectedDir = join(__dirname, '../../fixtures/expected/fixtures');

interface Expected {
  title?: string | null;
  docNumber?: string | null;
  tasks: ParsedTask[];
  warnings: { code: string }[];
}

const sorted = (names: string[]): string[] => [...names].sort();
const comparable = (t: Pick<ParsedTask, 'number' | 'section' | 'content' | 'lead' | 'support' | 'implement'>) => ({
  number: t.number,
  section: t.section,
  content: t.content,
  lead: sorted(t.lead),
  support: sorted(t.support),
  implement: sorted(t.implement),
});

const FIXTURES = ['002_full.docx', '002_full.pdf', '002_table.xlsx', '004_full.doc', '004_full.docx', '004_table.xlsx'];

describe('fixture documents parse to the expected plans', () => {
  for (const name of FIXTURES) {
    it(name, async () => {
      const expected = JSON.parse(readFileSync(join(expectedDir, `${name}.json`), 'utf8')) as Expected;
      const result = await parseDocument({ name, bytes: new Uint8Array(readFileSync(join(filesDir, name))) });
      expect(result.tasks.map(comparable)).toEqual(expected.tasks.map(comparable));
      if ('title' in expected) expect(result.title).toBe(expected.title);
      if ('docNumber' in expected) expect(result.docNumber).toBe(expected.docNumber);
      expect(result.warnings.map((w) => w.code).sort()).toEqual(expected.warnings.map((w) => w.code).sort());
    });
  }
});
