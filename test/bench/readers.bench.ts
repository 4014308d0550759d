/**
 * Format readers: read time per fixture file (bytes → blocks) and full parse time (bytes → plan), each beside a
 * reference measured in the same run on the same file: unzipping the whole .docx/.xlsx with fflate (alone, and
 * followed by fast-xml-parser on every XML part: the libraries' floor), extracting
 * the .doc's text with word-extractor (Node only), pulling the PDF's text content with plain pdf.js.
 * Also the time to refuse hostile inputs (zip bomb, 50 MB single line).
 * Run: npm run bench readers   (or ./node_modules/.bin/tsx test/bench/readers.bench.ts)
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';
import { XMLParser } from 'fast-xml-parser';
import { parseDocument } from '../../shared/parser';
import { readDocument } from '../../shared/parser/readers';

const files = fileURLToPath(new URL('../fixtures/files/', import.meta.url));
const documents = fileURLToPath(new URL('../fixtures/documents/', import.meta.url));
const require = createRequire(import.meta.url);

async function time(fn: () => unknown, runs: number): Promise<number> {
  await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}
const fmt = (ms: number): string => `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;

type Reference = { label: string; run: (bytes: Uint8Array) => unknown };
const unzip: Reference = { label: 'fflate unzipSync of the whole file', run: (b) => unzipSync(b) };
const xmlParser = new XMLParser({ preserveOrder: true, ignoreAttributes: false });
const unzipAndParse: Reference = {
  label: 'fflate unzipSync + fast-xml-parser of every .xml part',
  run: (b) => {
    for (const [name, data] of Object.entries(unzipSync(b))) if (name.endsWith('.xml')) xmlParser.parse(new TextDecoder().decode(data));
  },
};
const wordExtractor: Reference = {
  label: 'word-extractor text of the same .doc',
  run: async (b) => {
    const WordExtractor = require('word-extractor') as new () => { extract(src: unknown): Promise<{ getBody(): string }> };
    return (await new WordExtractor().extract(Buffer.from(b))).getBody();
  },
};
const pdfText: Reference = {
  label: 'plain pdf.js getTextContent of every page',
  run: async (b) => {
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await pdfjs.getDocument({ data: b.slice(), isEvalSupported: false }).promise;
    for (let n = 1; n <= doc.numPages; n++) await (await doc.getPage(n)).getTextContent();
    await doc.destroy();
  },
};

const FIXTURES: [string, Reference][] = [
  ['002_full.docx', unzip],
  ['002_full.docx', unzipAndParse],
  ['004_full.docx', unzipAndParse],
  ['002_table.xlsx', unzipAndParse],
  ['004_table.xlsx', unzipAndParse],
  ['004_full.doc', wordExtractor],
  ['002_full.pdf', pdfText],
];

for (const [name, reference] of FIXTURES) {
  const bytes = new Uint8Array(readFileSync(files + name));
  const runs = name.endsWith('.pdf') ? 5 : 20;
  const read = await time(() => readDocument({ name, bytes }), runs);
  const parse = await time(() => parseDocument({ name, bytes }), runs);
  const ref = await time(() => reference.run(bytes), runs);
  console.log(
    `read ${name} (${(bytes.length / 1024).toFixed(0)} KB): ${fmt(read)}; parse (read + core): ${fmt(parse)} ` +
      `(${reference.label}: ${fmt(ref)}, read/reference ${(read / ref).toFixed(1)}×)`,
  );
}

// Refusals: how fast a hostile file is turned away, beside reading a same-size buffer.
const refusal = async (label: string, name: string, bytes: Uint8Array): Promise<void> => {
  const ms = await time(() => readDocument({ name, bytes }).catch(() => undefined), 3);
  const copy = await time(() => bytes.slice(), 3);
  console.log(`refuse ${label}: ${fmt(ms)} (copying the same ${(bytes.length / 1024 / 1024).toFixed(1)} MB: ${fmt(copy)})`);
};
await refusal('zip bomb (300 MB inflated)', 'zip-bomb.docx', new Uint8Array(readFileSync(documents + 'zip-bomb.docx')));
await refusal('50 MB single line', 'line.txt', new Uint8Array(50 * 1024 * 1024).fill(0x61));
await refusal('billion laughs', 'billion-laughs.docx', new Uint8Array(readFileSync(documents + 'billion-laughs.docx')));
