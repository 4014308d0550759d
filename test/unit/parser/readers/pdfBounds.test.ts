/** The passes over a PDF before pdf.js sees it (pdfStreams.ts), and the operator cap hooked into pdf.js. */
import { deflateSync, Inflate, zlibSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { checkPdfNesting, checkPdfObjectRepeats, checkPdfStreams, finished, MAX_PDF_NESTING } from '../../../../shared/parser/readers/pdfStreams';
import { capOperators } from '../../../../shared/parser/readers/pdf';
import { DocumentRefusedError } from '../../../../shared/parser/types';
import { documentBytes, fixtureBytes } from './files';
import { deflateRepeated } from '../../../fixtures/hostile/generate';

const ascii = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
const join = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};
const refusal = (f: () => void): DocumentRefusedError | null => {
  try {
    f();
    return null;
  } catch (e) {
    return e as DocumentRefusedError;
  }
};

describe('PDF nesting check', () => {
  it('passes real PDFs', () => {
    for (const bytes of [fixtureBytes('002_full.pdf'), documentBytes('ruled-table.pdf'), documentBytes('cjk-cmap.pdf')]) expect(() => checkPdfNesting(bytes)).not.toThrow();
  });

  it('refuses dictionaries or arrays left open deeper than the bound, and ignores brackets in strings, comments and streams', () => {
    expect(refusal(() => checkPdfNesting(ascii(`1 0 obj ${'<< /A '.repeat(MAX_PDF_NESTING + 1)}`)))?.reason).toBe('hostile');
    expect(refusal(() => checkPdfNesting(ascii(`1 0 obj ${'[ '.repeat(MAX_PDF_NESTING + 1)}`)))?.reason).toBe('hostile');
    expect(() => checkPdfNesting(ascii(`1 0 obj ${'<< /A '.repeat(MAX_PDF_NESTING)}${'>> '.repeat(MAX_PDF_NESTING)}`))).not.toThrow();
    const noise = '['.repeat(1000) + '<<'.repeat(1000);
    expect(() => checkPdfNesting(ascii(`(${noise}) % ${noise}\n<< /L 5 >>\nstream\n${noise}\nendstream\n<4142>`))).not.toThrow();
  });
});

describe('PDF repeated-definition check', () => {
  it('passes real PDFs and incremental updates that redefine objects at the end', () => {
    expect(() => checkPdfObjectRepeats(fixtureBytes('002_full.pdf'))).not.toThrow();
    const body = ascii(`%PDF-1.4\n${Array.from({ length: 2000 }, (_, i) => `${i + 1} 0 obj\n<< /N ${i} >>\nendobj\n`).join('')}`);
    const updates = ascii(Array.from({ length: 50 }, () => '7 0 obj\n<< /N 7 >>\nendobj\nxref\n0 1\ntrailer\n<< >>\n').join(''));
    expect(() => checkPdfObjectRepeats(join(body, updates))).not.toThrow();
  });

  it('refuses an object redefined throughout a large file (each redefinition could be parsed to the end)', () => {
    const copy = '4 0 obj\n<< /Type /Page />>\nendobj\n';
    expect(refusal(() => checkPdfObjectRepeats(ascii(copy.repeat(5000))))?.reason).toBe('hostile');
  });
});

describe('PDF compressed-stream check', () => {
  const stream = (data: Uint8Array): Uint8Array => join(ascii('5 0 obj\n<< /Filter /FlateDecode >>\nstream\n'), data, ascii('\nendstream\nendobj\n'));

  it('passes streams within the caps, whatever follows them', () => {
    expect(() => checkPdfStreams(join(stream(zlibSync(new Uint8Array(1 << 20).fill(32))), stream(zlibSync(ascii('BT (A) Tj ET')))))).not.toThrow();
  });

  it('refuses a stream that inflates past the per-stream cap, before inflating all of it', () => {
    const bomb = deflateRepeated('', ' ', 80 << 20, '');
    expect(refusal(() => checkPdfStreams(stream(bomb)))?.reason).toBe('hostile');
  });

  it("stops feeding a stream once its deflate data has ended (fflate's state read as intended)", () => {
    const inflater = new Inflate(() => undefined);
    inflater.push(deflateSync(ascii('hello')));
    expect(finished(inflater)).toBe(true);
    const open = new Inflate(() => undefined);
    open.push(deflateSync(new Uint8Array(100_000).fill(7)).subarray(0, 20));
    expect(finished(open)).toBe(false);
  });
});

describe('operator cap', () => {
  it('hooks into the pdf.js page internals it relies on (pdfjs-dist pinned; a rename must fail here)', async () => {
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker ??= await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
    const pdfjs = (await import('pdfjs-dist/legacy/build/pdf.mjs')) as unknown as {
      getDocument(o: object): { promise: Promise<{ getPage(n: number): Promise<object>; destroy(): Promise<void> }> };
    };
    const doc = await pdfjs.getDocument({ data: documentBytes('ruled-table.pdf').slice(), verbosity: 0 }).promise;
    try {
      expect(capOperators(await doc.getPage(1), 10)).toBe(true);
    } finally {
      await doc.destroy();
    }
  });
});
