/**
 * Reading score of the parser on labelled real documents, computed in-process.
 *
 * Exactly the figures of ../shared/corpus/score.py (see its README): for each truth/STEM.json, parse
 * docs/STEM.* and match every labelled task to a parsed task by number (by the first ten characters of
 * `contentStart` when the number is missing or matches more or fewer than one parsed task); count
 * (task, role, unit) triples with support and implement pooled as one role, names compared after NFKC
 * and removing spaces and punctuation; report tasks found / labelled and the F1 of the triples per
 * document and pooled over all documents.
 *
 * One difference from score.py, which reads only the first docs/STEM.* it finds: here every document
 * whose name is STEM.<ext> or STEM.<variant>.<ext> is scored against the same truth (format variants such
 * as STEM.docx, STEM.pdf, STEM.gbk.txt), each as a document of its own. With one document per truth the
 * output is line for line the output of score.py.
 *
 * Beside the score it counts `extra` parsed tasks that match no labelled task. score.py ignores them (the
 * pages are cut, so a parse may rightly hold tasks beyond the labels); on a complete page, or a page with
 * no assignments at all, they are tasks invented from the cover notice, headings or the cut-off tail.
 *
 * CLI: tsx test/corpus/score.ts CORPUS_DIR [CORPUS_DIR ...]   (prints the score.py lines)
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseDocument } from '../../shared/parser/index';

export interface TruthTask {
  number: string | null;
  section?: string[];
  contentStart: string | null;
  lead?: string[];
  support?: string[];
  implement?: string[];
  deadline?: string | null;
  notes?: string | string[];
}

export interface Truth {
  title?: string | null;
  docNumber?: string | null;
  complete?: boolean;
  shape?: string;
  tasks: TruthTask[];
  notes?: string[];
}

/** The parts of a parsed task the score reads (the CLI's JSON carries the same fields). */
export interface ScoredTask {
  number?: string | null;
  content?: string | null;
  lead?: string[] | null;
  support?: string[] | null;
  implement?: string[] | null;
}

export interface DocScore {
  /** Truth stem. */
  stem: string;
  /** The scored document's file name (STEM.ext). */
  file: string;
  /** Labelled tasks matched to a parsed task. */
  found: number;
  labelled: number;
  tp: number;
  fp: number;
  fn: number;
  f1: number;
  /** Parsed tasks no labelled task matched (not part of the score). */
  extra: number;
  parsed: number;
  /** Set when the parser threw (the CLI would exit non-zero): the document scores no task. */
  error?: string;
}

export interface PartScore {
  docs: number;
  found: number;
  labelled: number;
  tp: number;
  fp: number;
  fn: number;
  f1: number;
  extra: number;
}

/**
 * score.py's `\s` is Python's Unicode whitespace (str.isspace), which differs from JavaScript's `\s`
 * (Python adds U+001C–U+001F and U+0085; JavaScript adds U+FEFF), so the class is spelled out.
 */
const STRIP = /[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000“”"‘’'。．.，,、；;：:（）()[\]【】]/gu;

/** score.py's norm(): NFKC, then remove whitespace and the listed punctuation. */
export function norm(s: unknown): string {
  if (s === null || s === undefined) return '';
  return String(s).normalize('NFKC').replace(STRIP, '');
}

/** First n code points (Python slicing), not UTF-16 units. */
const prefix = (s: string, n: number): string => Array.from(s).slice(0, n).join('');

/** Python's f'{x:.3f}': like toFixed(3) except that exact binary ties round half to even. */
export function fixed3(x: number): string {
  // x * 2000 is an odd integer only for exact ties k.5/1000, which as doubles are the odd multiples of 1/16.
  const t = x * 2000;
  if (Number.isInteger(t) && t % 2 === 1) {
    const down = (t - 1) / 2;
    const k = down % 2 === 0 ? down : down + 1;
    return (k / 1000).toFixed(3);
  }
  return x.toFixed(3);
}

const f1Of = (tp: number, fp: number, fn: number): number => (tp ? (2 * tp) / (2 * tp + fp + fn) : 0);

/** Scores one parse against its truth, exactly as score.py's loop body does. */
export function scoreTasks(stem: string, truth: Truth, parsed: ScoredTask[]): Omit<DocScore, 'file' | 'error'> {
  const expected = new Set<string>();
  const got = new Set<string>();
  const matched = new Set<ScoredTask>();
  let found = 0;
  truth.tasks.forEach((e, k) => {
    const key = `${stem}#${k}`;
    for (const d of e.lead ?? []) expected.add(`${key}\u0000lead\u0000${norm(d)}`);
    for (const d of [...(e.support ?? []), ...(e.implement ?? [])]) expected.add(`${key}\u0000other\u0000${norm(d)}`);
    const cs = norm(e.contentStart);
    let m = parsed.filter((g) => e.number !== null && e.number !== undefined && norm(g.number) === norm(e.number));
    if (m.length !== 1) {
      const byContent = cs ? parsed.filter((g) => norm(g.content).startsWith(prefix(cs, 10))) : [];
      if (byContent.length) m = byContent;
    }
    const g = m[0];
    if (g) {
      found++;
      matched.add(g);
      for (const d of g.lead ?? []) got.add(`${key}\u0000lead\u0000${norm(d)}`);
      for (const d of [...(g.support ?? []), ...(g.implement ?? [])]) got.add(`${key}\u0000other\u0000${norm(d)}`);
    }
  });
  let tp = 0;
  for (const t of got) if (expected.has(t)) tp++;
  const fp = got.size - tp;
  const fn = expected.size - tp;
  return {
    stem,
    found,
    labelled: truth.tasks.length,
    tp,
    fp,
    fn,
    f1: f1Of(tp, fp, fn),
    extra: parsed.filter((g) => !matched.has(g)).length,
    parsed: parsed.length,
  };
}

/** The documents of a corpus part: for each truth stem, every docs/ file named STEM.<ext> or STEM.<variant>.<ext>. */
export function corpusEntries(dir: string): { stem: string; truthFile: string; docs: string[] }[] {
  const truthDir = join(dir, 'truth');
  const docsDir = join(dir, 'docs');
  if (!existsSync(truthDir) || !existsSync(docsDir)) return [];
  const docFiles = readdirSync(docsDir).sort();
  return readdirSync(truthDir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const stem = f.slice(0, -'.json'.length);
      const docs = docFiles
        .filter((d) => d.startsWith(`${stem}.`))
        .map((d) => join(docsDir, d));
      return { stem, truthFile: join(truthDir, f), docs };
    })
    .filter((e) => e.docs.length > 0);
}

/** Parses one document file in-process; a refusal or a crash yields no tasks and the error (the CLI would exit non-zero). */
export async function parseFile(path: string): Promise<{ tasks: ScoredTask[]; error?: string }> {
  try {
    const result = await parseDocument({ name: basename(path), bytes: new Uint8Array(readFileSync(path)) });
    return { tasks: result.tasks };
  } catch (e) {
    const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    return { tasks: [], error: message.split('\n')[0]!.slice(-200) };
  }
}

export async function scoreDocument(stem: string, truth: Truth, file: string): Promise<DocScore> {
  const { tasks, error } = await parseFile(file);
  return { ...scoreTasks(stem, truth, tasks), file: basename(file), ...(error ? { error } : {}) };
}

/** Scores every document of one corpus part (a folder with docs/ and truth/). */
export async function scoreCorpus(dir: string): Promise<DocScore[]> {
  const out: DocScore[] = [];
  for (const entry of corpusEntries(dir)) {
    const truth = JSON.parse(readFileSync(entry.truthFile, 'utf8')) as Truth;
    for (const doc of entry.docs) out.push(await scoreDocument(entry.stem, truth, doc));
  }
  return out;
}

/** Pools documents as score.py does: triples summed, F1 of the sums. */
export function pool(docs: DocScore[]): PartScore {
  const s = { docs: docs.length, found: 0, labelled: 0, tp: 0, fp: 0, fn: 0, f1: 0, extra: 0 };
  for (const d of docs) {
    s.found += d.found;
    s.labelled += d.labelled;
    s.tp += d.tp;
    s.fp += d.fp;
    s.fn += d.fn;
    s.extra += d.extra;
  }
  s.f1 = f1Of(s.tp, s.fp, s.fn);
  return s;
}

/** The name a document is reported under: the stem when it is the truth's only document, else the file name. */
export function docLabel(d: DocScore, all: DocScore[]): string {
  return all.filter((o) => o.stem === d.stem).length > 1 ? d.file : d.stem;
}

/** score.py's per-document line. */
export function docLine(d: DocScore, label = d.stem): string {
  return `${label}: tasks ${d.found}/${d.labelled} roleF1 ${fixed3(d.f1)}${d.error ? ` ERROR ${d.error}` : ''}`;
}

/** score.py's last line. */
export function totalLine(p: PartScore): string {
  return `corpus: docs ${p.docs}, tasks found ${p.found}/${p.labelled}, roleF1 ${fixed3(p.f1)}`;
}

async function main(dirs: string[]): Promise<number> {
  if (!dirs.length) {
    console.error('usage: tsx test/corpus/score.ts CORPUS_DIR [CORPUS_DIR ...]');
    return 2;
  }
  const all: DocScore[] = [];
  for (const dir of dirs) all.push(...(await scoreCorpus(dir)));
  for (const d of all) console.log(docLine(d, docLabel(d, all)));
  const p = pool(all);
  console.log(totalLine(p));
  return p.f1 >= 0.95 && p.found === p.labelled ? 0 : 1;
}

if (process.argv[1] && /score\.ts$/.test(process.argv[1])) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      console.error(e);
      process.exit(2);
    },
  );
}
