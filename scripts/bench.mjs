#!/usr/bin/env node
// Runs every benchmark in test/bench/*.bench.ts (each a standalone script printing its figures beside
// a reference measured in the same run). Pass a name fragment to run only matching benchmarks.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const filter = process.argv[2] ?? '';
const files = readdirSync('test/bench').filter((f) => f.endsWith('.bench.ts') && f.includes(filter)).sort();
let failed = 0;
for (const file of files) {
  console.log(`\n=== ${file}`);
  const r = spawnSync('./node_modules/.bin/tsx', [`test/bench/${file}`], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
