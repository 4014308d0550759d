/**
 * Issue 11: a fuzz test over every fixture format. Each case is a fixture mutated by its seed (bytes, markup,
 * package structure, sizes; see test/fixtures/hostile/mutate.ts) and parsed by the importer's entry point in a
 * child process bounded to 5 s of CPU and 1 GB per case. A crash, a hang, memory past the bound, or an exception
 * other than DocumentRefusedError (a TypeError, a RangeError…) fails the test: a reader bug is a bug, never
 * "文件已损坏". The run takes a fixed wall-clock budget (FUZZ_SECONDS, default 45) and as many cases as fit;
 * cases are numbered from FUZZ_SEED (default fixed), so every failure names the seed that reproduces it:
 *   node .cache/bounded/child.mjs mutant <fixture> <seed>
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canWatchProcesses, runFuzz, type FuzzCase } from './bounded/boundedChild';
import { documentsDir, fixtureFilesDir } from './files';

const SOURCES = [
  ...['two-tables.docx', 'numbered.docx', 'altchunk.docx', 'title-merges.xlsx', 'document.odt', 'sheet.ods', 'legacy.xls', 'noise.html', 'page.mht', 'gbk.rtf', 'wps-style.rtf', 'ruled-table.pdf', 'cjk-cmap.pdf', 'gbk.txt', 'utf16le.txt', 'web-page-saved-as.doc'].map(
    (name) => join(documentsDir, name),
  ),
  ...['004_full.doc', '002_full.docx', '002_full.pdf', '002_table.xlsx'].map((name) => join(fixtureFilesDir, name)),
];

const BUDGET_MS = Number(process.env.FUZZ_SECONDS ?? 45) * 1000;
const BASE_SEED = Number(process.env.FUZZ_SEED ?? 20261127);

describe.skipIf(!canWatchProcesses)('fuzz: mutated fixtures of every format are read or refused, within bounds', () => {
  it(`runs mutated cases for ${BUDGET_MS / 1000} s`, async () => {
    const next = (index: number): FuzzCase => {
      const path = SOURCES[index % SOURCES.length]!;
      return { id: index, path, name: path.slice(path.lastIndexOf('/') + 1), seed: BASE_SEED + index };
    };
    const results = await runFuzz(next, BUDGET_MS);
    const failures = results.filter((r) => r.status !== 'read' && r.status !== 'refused');
    const report = failures
      .slice(0, 10)
      .map((f) => `${f.status} ${f.case.name} seed ${f.case.seed} (${f.how})\n  ${(f.error ?? '').split('\n').slice(0, 4).join('\n  ')}`)
      .join('\n');
    if (report) console.log(report);
    console.log(`fuzz: ${results.length} cases, ${results.filter((r) => r.status === 'read').length} read, ${results.filter((r) => r.status === 'refused').length} refused, ${failures.length} failed`);
    expect(results.length).toBeGreaterThan(SOURCES.length);
    expect(failures, report).toEqual([]);
  }, BUDGET_MS + 120_000);
});
