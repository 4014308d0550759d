/**
 * The corpus parts the reading score is measured on, the committed baseline (figures of the last commit
 * that refreshed it, printed beside today's by the bench) and the committed floor (figures a unit test
 * refuses to fall below).
 *
 * - shared:  ../shared/corpus, the team's labelled corpus beside the project (absent on a bare clone).
 * - dev:     test/fixtures/corpus/dev, our own labelled pages; open to read and to learn from.
 * - holdout: test/fixtures/corpus/holdout, our stand-in for the hidden acceptance set. Parser work looks
 *            only at its score, never at its documents or truths.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pool, scoreCorpus, type DocScore, type PartScore } from './score';

export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface CorpusPart {
  name: 'shared' | 'dev' | 'holdout';
  dir: string;
}

export const PARTS: CorpusPart[] = [
  { name: 'shared', dir: join(projectRoot, '../shared/corpus') },
  { name: 'dev', dir: join(projectRoot, 'test/fixtures/corpus/dev') },
  { name: 'holdout', dir: join(projectRoot, 'test/fixtures/corpus/holdout') },
];

export const partPresent = (p: CorpusPart): boolean => existsSync(join(p.dir, 'truth')) && existsSync(join(p.dir, 'docs'));

export interface PartFigures {
  docs: number;
  labelled: number;
  found: number;
  roleF1: number;
}

export const figures = (p: PartScore): PartFigures => ({
  docs: p.docs,
  labelled: p.labelled,
  found: p.found,
  roleF1: Math.round(p.f1 * 1e4) / 1e4,
});

/** Baseline: per part, the pooled figures and each document's. */
export interface Baseline {
  parts: Partial<Record<CorpusPart['name'], PartFigures & { perDoc: Record<string, { found: number; labelled: number; roleF1: number }> }>>;
}

/** Floor: per part, the figures the unit test must not fall below (for the same labelled corpus). */
export type Floor = Partial<Record<CorpusPart['name'], PartFigures>>;

export const baselineFile = join(projectRoot, 'test/corpus/baseline.json');
export const floorFile = join(projectRoot, 'test/corpus/floor.json');

const readJson = <T>(file: string, fallback: T): T => (existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : fallback);
export const readBaseline = (): Baseline => readJson<Baseline>(baselineFile, { parts: {} });
export const readFloor = (): Floor => readJson<Floor>(floorFile, {});
export const writeJson = (file: string, value: unknown): void => writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);

/**
 * The format a document is counted under: its extension, with a variant marker before it kept
 * (STEM.gbk.txt → "gbk.txt"), so original pages and generated variants are reported apart.
 */
export function formatOf(file: string): string {
  const ext = extname(file).slice(1);
  const inner = extname(file.slice(0, -ext.length - 1)).slice(1);
  return inner && /^[a-z0-9-]+$/.test(inner) && inner.length <= 8 ? `${inner}.${ext}` : ext;
}

export interface PartResult {
  part: CorpusPart;
  docs: DocScore[];
  total: PartScore;
}

export async function scorePart(part: CorpusPart): Promise<PartResult> {
  const docs = await scoreCorpus(part.dir);
  return { part, docs, total: pool(docs) };
}
