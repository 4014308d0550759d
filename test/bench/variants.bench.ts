/**
 * Metamorphic reading score: every labelled document of ../shared/corpus (when present) and
 * test/fixtures/corpus/dev, rewritten by meaning-preserving transformations (test/corpus/variants.ts: hard
 * line wraps, page furniture, half/full-width punctuation, spaced labels, doubled blank lines, CRLF + BOM),
 * each variant scored against the same truth with the corpus rule. Printed per transformation: tasks found /
 * labelled and role F1 per part and pooled, beside the documents as saved and their untransformed text, all
 * measured in this run. The holdout part is not used (parser work never looks at its documents).
 *
 * Run:  npm run bench variants   (or ./node_modules/.bin/tsx test/bench/variants.bench.ts [--docs])
 *       --docs lists every document whose variant reads worse than its untransformed text.
 */
import { performance } from 'node:perf_hooks';
import { fixed3, pool, type DocScore } from '../corpus/score';
import { PARTS, partPresent } from '../corpus/parts';
import { VARIANTS, runVariants, variantDocs, type VariantRun } from '../corpus/variants';

const showDocs = process.argv.includes('--docs');
const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const fig = (scores: readonly DocScore[]) => {
  const p = pool([...scores]);
  return `${p.found}/${p.labelled} ${fixed3(p.f1)}`;
};

const runs: { name: string; run: VariantRun }[] = [];
const t0 = performance.now();
for (const part of PARTS.filter((p) => p.name !== 'holdout')) {
  if (!partPresent(part)) {
    console.log(`corpus ${part.name}: skipped (${part.dir} not found)`);
    continue;
  }
  const docs = await variantDocs(part.dir);
  runs.push({ name: `${part.name} (${docs.length})`, run: await runVariants(docs) });
}
const ms = performance.now() - t0;

const all = (pickScores: (r: VariantRun) => DocScore[]) => runs.flatMap((r) => pickScores(r.run));
const cols = [...runs.map((r) => r.name), 'pooled'];
console.log(`\nmetamorphic reading score: tasks found / labelled, role F1 (${ms.toFixed(0)} ms)`);
console.log(`  ${pad('form', 14)} ${cols.map((c) => pad(c, 18)).join(' ')}`);
const row = (label: string, pickScores: (r: VariantRun) => DocScore[]) =>
  console.log(`  ${pad(label, 14)} ${[...runs.map((r) => fig(pickScores(r.run))), fig(all(pickScores))].map((c) => pad(c, 18)).join(' ')}`);
row('as saved', (r) => r.saved);
row('as text', (r) => r.text);
for (const v of VARIANTS) row(v.name, (r) => r.variants.get(v.name)!);

if (showDocs) {
  console.log('\ndocuments reading worse than their untransformed text:');
  for (const { run } of runs) {
    for (const v of VARIANTS) {
      run.variants.get(v.name)!.forEach((d, i) => {
        const base = run.text[i]!;
        if (d.found < base.found || d.f1 < base.f1 - 5e-4) {
          console.log(`  ${pad(v.name, 12)} ${pad(d.stem, 50)} ${d.found}/${d.labelled} ${fixed3(d.f1)}  (text ${base.found}/${base.labelled} ${fixed3(base.f1)})${d.error ? `  ERROR ${d.error}` : ''}`);
        }
      });
    }
  }
}
