#!/usr/bin/env node
// The full test suite: type-check, unit tests, end-to-end tests. Ends with one plain line
// "N passed, N failed, N skipped" summing all tiers (CI reads it), and exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync, rmSync } from 'node:fs';

const bin = (name) => `./node_modules/.bin/${name}`;
const tally = { passed: 0, failed: 0, skipped: 0 };
mkdirSync('.cache', { recursive: true });

function step(title, cmd, args) {
  console.log(`\n▶ ${title}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  return r.status === 0;
}

for (const project of ['tsconfig.json', 'tsconfig.shared.json']) {
  const ok = step(`type-check (${project})`, bin('tsc'), ['-p', project]);
  tally[ok ? 'passed' : 'failed'] += 1;
}

function vitestTier(title, config, report) {
  rmSync(report, { force: true });
  const ok = step(title, bin('vitest'), ['run', '--config', config, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`]);
  if (!existsSync(report)) {
    tally.failed += 1;
    return;
  }
  const r = JSON.parse(readFileSync(report, 'utf8'));
  tally.passed += r.numPassedTests;
  tally.failed += r.numFailedTests + (ok || r.numFailedTests > 0 ? 0 : 1);
  tally.skipped += r.numPendingTests + r.numTodoTests;
}

{
  const ok = step('lint (shared/ purity, import cycles)', bin('eslint'), ['.']);
  tally[ok ? 'passed' : 'failed'] += 1;
}

const only = process.argv[2];
if (!only || only === 'unit') vitestTier('unit tests', 'vitest.config.ts', '.cache/unit.json');
if (!only || only === 'e2e') vitestTier('end-to-end tests (Chromium)', 'vitest.e2e.config.ts', '.cache/e2e.json');

console.log(`\n${tally.passed} passed, ${tally.failed} failed, ${tally.skipped} skipped`);
process.exit(tally.failed > 0 ? 1 : 0);
