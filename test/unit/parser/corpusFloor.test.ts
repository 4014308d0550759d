/**
 * Reading accuracy on the team's labelled real-document corpus (../shared/corpus, see its README) must not fall
 * below the level reached. Accuracy is deterministic, so asserting it is fine. Scored in process with the same
 * rule as ../shared/corpus/score.py (test/corpus/score.ts). Skipped where the team folder is not present (CI).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scoreCorpus } from './corpusScore';

const SHARED = fileURLToPath(new URL('../../../../shared/corpus', import.meta.url));

/** The level reached; raise it as reading improves, never lower it. */
const FLOOR = { found: 178, f1: 1 };

describe.skipIf(!existsSync(SHARED))('shared corpus reading score', () => {
  it(`finds at least ${FLOOR.found} labelled tasks with role F1 ≥ ${FLOOR.f1}`, async () => {
    const s = await scoreCorpus(SHARED);
    const lines = s.docs.map((d) => `${d.stem}: tasks ${d.found}/${d.total} roleF1 ${d.f1.toFixed(3)}`);
    expect(s.found, lines.join('\n')).toBeGreaterThanOrEqual(FLOOR.found);
    expect(Number(s.f1.toFixed(3)), lines.join('\n')).toBeGreaterThanOrEqual(FLOOR.f1);
  });
});
