/**
 * Issue 11: no document can freeze or exhaust the importer. Every hostile case (test/fixtures/hostile) is
 * parsed by the importer's entry point in a child process bounded to 5 s of CPU and 1 GB of memory
 * (bounded/boundedChild.ts): it must end read or refused, as the case says, with one line of Chinese when
 * refused — never killed, crashed or failed with another exception.
 */
import { describe, expect, it } from 'vitest';
import { checkDeflateRepeated, HOSTILE_CASES } from '../../../fixtures/hostile/generate';
import { canWatchProcesses, ISSUE_BOUNDS, runBounded } from './bounded/boundedChild';

describe('the hostile-document generator', () => {
  it('builds valid zlib data for the gigabyte streams (checked on a small one)', () => {
    expect(checkDeflateRepeated()).toBe(true);
  });
});

describe.skipIf(!canWatchProcesses)('hostile documents: read or refused within 5 s of CPU and 1 GB, in a child process', () => {
  for (const c of HOSTILE_CASES) {
    it(`${c.name}: ${c.what}`, async () => {
      const o = await runBounded(['hostile', c.name], ISSUE_BOUNDS);
      const how = `${o.status} ${o.reason ?? ''} ${o.error ?? ''} ${o.stderr.slice(-500)}`;
      expect(o.status, how).toBe(c.outcome);
      if (o.status === 'refused') {
        expect(o.message).toMatch(/[\u4e00-\u9fff]/);
        expect(o.reason).not.toBe('damaged');
      }
      expect(o.maxRssMb ?? 0, 'peak memory of the child (MB)').toBeLessThan(ISSUE_BOUNDS.memoryMb);
    }, 120_000);
  }
});
