/**
 * Reading score on a labelled corpus (the format of ../shared/corpus/README.md), computed in process:
 * the same matching and (task, role, unit) triple F1 as ../shared/corpus/score.py, which runs the CLI.
 * Used by the corpus floor test and the corpus benchmark.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument, type ParsedTask } from '../../../shared/parser';

export interface TruthTask {
  number: string | null;
  contentStart: string;
  lead?: string[];
  support?: string[];
  implement?: string[];
}

export interface DocScore {
  stem: string;
  found: number;
  total: number;
  tp: number;
  fp: number;
  fn: number;
  f1: number;
  error?: string;
}

export interface CorpusScore {
  docs: DocScore[];
  found: number;
  total: number;
  f1: number;
}

/** NFKC, then whitespace and the punctuation score.py ignores removed. */
export function norm(s: string | null | undefined): string {
  if (s === null || s === undefined) return '';
  return s.normalize('NFKC').replace(/[\s“”"‘’'。．.，,、；;：:（）()[\]【】]/gu, '');
}

export function scoreDocument(stem: string, truth: TruthTask[], got: Pick<ParsedTask, 'number' | 'content' | 'lead' | 'support' | 'implement'>[]): DocScore {
  const expected = new Set<string>();
  const produced = new Set<string>();
  let found = 0;
  truth.forEach((e, k) => {
    const key = `${k}`;
    for (const d of e.lead ?? []) expected.add(`${key}\u0000lead\u0000${norm(d)}`);
    for (const d of [...(e.support ?? []), ...(e.implement ?? [])]) expected.add(`${key}\u0000other\u0000${norm(d)}`);
    const cs = norm(e.contentStart);
    let m = got.filter((g) => e.number !== null && e.number !== undefined && norm(g.number) === norm(e.number));
    if (m.length !== 1) {
      const byContent = got.filter((g) => cs && norm(g.content).startsWith(cs.slice(0, 10)));
      if (byContent.length) m = byContent;
    }
    const g = m[0];
    if (!g) return;
    found++;
    for (const d of g.lead ?? []) produced.add(`${key}\u0000lead\u0000${norm(d)}`);
    for (const d of [...(g.support ?? []), ...(g.implement ?? [])]) produced.add(`${key}\u0000other\u0000${norm(d)}`);
  });
  let tp = 0;
  for (const t of produced) if (expected.has(t)) tp++;
  const fp = produced.size - tp;
  const fn = expected.size - tp;
  return { stem, found, total: truth.length, tp, fp, fn, f1: tp ? (2 * tp) / (2 * tp + fp + fn) : 0 };
}

/** Score every truth/STEM.json of a corpus folder against the parse of docs/STEM.*. */
export async function scoreCorpus(dir: string): Promise<CorpusScore> {
  const docs: DocScore[] = [];
  const truthDir = join(dir, 'truth');
  if (!existsSync(truthDir)) return { docs, found: 0, total: 0, f1: 0 };
  const files = readdirSync(join(dir, 'docs'));
  for (const tf of readdirSync(truthDir).filter((f) => f.endsWith('.json')).sort()) {
    const stem = tf.replace(/\.json$/, '');
    const doc = files.find((f) => f.startsWith(`${stem}.`));
    if (!doc) continue;
    const truth = JSON.parse(readFileSync(join(truthDir, tf), 'utf8')) as { tasks: TruthTask[] };
    let tasks: ParsedTask[] = [];
    let error: string | undefined;
    try {
      tasks = (await parseDocument({ name: doc, bytes: new Uint8Array(readFileSync(join(dir, 'docs', doc))) })).tasks;
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    const s = scoreDocument(stem, truth.tasks, tasks);
    docs.push(error ? { ...s, error } : s);
  }
  const tp = docs.reduce((a, d) => a + d.tp, 0);
  const fp = docs.reduce((a, d) => a + d.fp, 0);
  const fn = docs.reduce((a, d) => a + d.fn, 0);
  return {
    docs,
    found: docs.reduce((a, d) => a + d.found, 0),
    total: docs.reduce((a, d) => a + d.total, 0),
    f1: tp ? (2 * tp) / (2 * tp + fp + fn) : 0,
  };
}
