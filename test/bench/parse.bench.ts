/**
 * Parser speed: each seed and a generated 1,000-task flattened-table document, each beside references measured
 * in the same run on the same text (a plain regex split of the lines, and JSON.parse of the expected output).
 * Targets: under 100 ms per seed, under 1 s for 1,000 tasks (Node).
 * Run: npm run bench parse   (or ./node_modules/.bin/tsx test/bench/parse.bench.ts)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseExtracted } from '../../shared/parser/core';
import type { ExtractedDocument } from '../../shared/parser/document';
import { bodyText, flattenedTableText, generatePlan } from '../unit/parser/generate';

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));
const blocks = (text: string): ExtractedDocument => ({
  format: 'text',
  blocks: text.split(/\r?\n/).map((line) => ({ kind: 'paragraph' as const, text: line })),
});

/** Median of several runs after a warm-up, in milliseconds. */
function time(fn: () => unknown, runs = 15): number {
  fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

const fmt = (ms: number) => `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
let failed = 0;

function report(name: string, text: string, expectedJson: string, target: number, check: (tasks: number) => boolean) {
  const doc = blocks(text);
  let tasks = 0;
  const parse = time(() => (tasks = parseExtracted(doc).tasks.length));
  const split = time(() => text.split(/\r?\n/).map((l) => l.split(/[、，,。]/)));
  const json = time(() => JSON.parse(expectedJson));
  const ok = parse < target && check(tasks);
  if (!ok) failed++;
  console.log(
    `parse ${name}: ${fmt(parse)} for ${tasks} tasks, ${text.length} chars ` +
      `(regex split of same text: ${fmt(split)}, ratio ${(parse / Math.max(split, 0.001)).toFixed(0)}×; ` +
      `JSON.parse of expected output: ${fmt(json)}, ratio ${(parse / Math.max(json, 0.001)).toFixed(0)}×) ` +
      `target < ${target} ms: ${ok ? 'ok' : 'MISSED'}`,
  );
}

for (const file of readdirSync(`${fixtures}seeds`).filter((f) => f.endsWith('.txt')).sort()) {
  const id = file.replace(/\.txt$/, '');
  const text = readFileSync(`${fixtures}seeds/${file}`, 'utf8');
  const expected = readFileSync(`${fixtures}expected/${id}.json`, 'utf8');
  const want = (JSON.parse(expected) as { tasks: unknown[] | null }).tasks?.length;
  report(id.slice(0, 3), text, expected, 100, (n) => (want === undefined ? n > 0 : n === want));
}

const plan = generatePlan(1000);
report('generated 1,000-task flattened table', flattenedTableText(plan), JSON.stringify({ tasks: plan }), 1000, (n) => n === 1000);
report(
  'generated 1,000 measures in the body plus their flattened table (body checks the table)',
  `${bodyText(plan)}\n\n${flattenedTableText(plan)}`,
  JSON.stringify({ tasks: plan }),
  1000,
  (n) => n === 1000,
);

console.log(failed ? `${failed} target(s) missed` : 'all targets met');
process.exit(failed ? 1 : 0);
