/**
 * Reading accuracy on labelled real documents: for ../shared/corpus (when present), our own
 * test/fixtures/corpus/dev and test/fixtures/corpus/holdout, tasks found / labelled and role F1 per
 * document and per part, each beside the committed baseline (test/corpus/baseline.json, the figures of the
 * commit that last refreshed it). Figures are the ones ../shared/corpus/score.py computes (see
 * test/corpus/score.ts); "extra" counts parsed tasks that match no labelled task (not scored).
 * Exits non-zero when a part falls below its floor (test/corpus/floor.json), as the unit test does.
 *
 * Run:      npm run bench corpus   (or ./node_modules/.bin/tsx test/bench/corpus.bench.ts)
 * Refresh:  npm run corpus:baseline   (writes today's figures as the baseline)
 *           npm run corpus:floor      (writes today's pooled figures as the floor; raise it, never lower it
 *                                      without saying why in the commit)
 */
import { performance } from 'node:perf_hooks';
import { docLabel, fixed3, pool } from '../corpus/score';
import {
  PARTS,
  baselineFile,
  figures,
  floorFile,
  formatOf,
  partPresent,
  readBaseline,
  readFloor,
  scorePart,
  writeJson,
  type Baseline,
  type Floor,
  type PartResult,
} from '../corpus/parts';

const args = new Set(process.argv.slice(2));
const baseline = readBaseline();
const floor = readFloor();
const results: PartResult[] = [];
let failed = 0;

const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const fig = (found: number, labelled: number, f1: number) => `${found}/${labelled} ${fixed3(f1)}`;

for (const part of PARTS) {
  if (!partPresent(part)) {
    console.log(`\ncorpus ${part.name}: skipped (${part.dir} not found)`);
    continue;
  }
  const t0 = performance.now();
  const r = await scorePart(part);
  const ms = performance.now() - t0;
  results.push(r);
  const base = baseline.parts[part.name];
  console.log(`\ncorpus ${part.name} (${r.docs.length} documents, parsed in ${ms.toFixed(0)} ms)`);
  console.log(`  ${pad('document', 58)} ${pad('tasks F1', 14)} ${pad('baseline', 14)} extra`);
  for (const d of r.docs) {
    const label = docLabel(d, r.docs);
    const b = base?.perDoc[label];
    const was = b ? fig(b.found, b.labelled, b.roleF1) : '—';
    const now = fig(d.found, d.labelled, d.f1);
    const mark = b && (d.found < b.found || d.f1 < b.roleF1 - 5e-4) ? '  ↓' : b && (d.found > b.found || d.f1 > b.roleF1 + 5e-4) ? '  ↑' : '';
    console.log(`  ${pad(label, 58)} ${pad(now, 14)} ${pad(was, 14)} ${d.extra}${mark}${d.error ? `  ERROR ${d.error}` : ''}`);
  }
  const formats = [...new Set(r.docs.map((d) => formatOf(d.file)))].sort();
  if (formats.length > 1) {
    for (const f of formats) {
      const p = pool(r.docs.filter((d) => formatOf(d.file) === f));
      console.log(`  ${pad(`  by format ${f} (${p.docs})`, 58)} ${pad(fig(p.found, p.labelled, p.f1), 14)}`);
    }
  }
  const t = r.total;
  const was = base ? fig(base.found, base.labelled, base.roleF1) : '—';
  console.log(
    `  ${pad(`${part.name} overall: tasks found / labelled, role F1`, 58)} ${pad(fig(t.found, t.labelled, t.f1), 14)} ${pad(was, 14)} ${t.extra}`,
  );
  const fl = floor[part.name];
  if (fl) {
    const same = fl.labelled === t.labelled;
    const below = t.found < fl.found || t.f1 < fl.roleF1 - 1e-9;
    if (!same) console.log(`  floor recorded for ${fl.labelled} labelled tasks, corpus now has ${t.labelled}: refresh with npm run corpus:floor`);
    else if (below) {
      failed++;
      console.log(`  BELOW FLOOR: floor ${fig(fl.found, fl.labelled, fl.roleF1)}`);
    } else console.log(`  floor ${fig(fl.found, fl.labelled, fl.roleF1)}: ok`);
  }
}

if (args.has('--write-baseline')) {
  const out: Baseline = { parts: { ...baseline.parts } };
  for (const r of results) {
    const perDoc: Record<string, { found: number; labelled: number; roleF1: number }> = {};
    for (const d of r.docs) perDoc[docLabel(d, r.docs)] = { found: d.found, labelled: d.labelled, roleF1: Math.round(d.f1 * 1e4) / 1e4 };
    out.parts[r.part.name] = { ...figures(r.total), perDoc };
  }
  writeJson(baselineFile, out);
  console.log(`\nbaseline written to ${baselineFile}`);
}
if (args.has('--write-floor')) {
  const out: Floor = { ...floor };
  // Rounded down, so the floor never sits above the figure it was taken from.
  for (const r of results) out[r.part.name] = { ...figures(r.total), roleF1: Math.floor(r.total.f1 * 1e4) / 1e4 };
  writeJson(floorFile, out);
  console.log(`\nfloor written to ${floorFile}`);
}
process.exit(failed ? 1 : 0);
