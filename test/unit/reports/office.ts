/**
 * LibreOffice in the tests: convert generated .xlsx/.docx files to PDF in one headless run (its own profile, so
 * parallel sessions do not collide), then read the PDFs with poppler (page count, page size, words with their
 * boxes) and save a PNG of the first page for a person to look at.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

export const SCREENSHOT_DIR = join(process.cwd(), '.cache', 'screenshots');

function which(cmd: string): string | null {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

/** Why the office-suite tests cannot run here, or null when they can. */
export function officeUnavailable(): string | null {
  const missing = ['soffice', 'pdftotext', 'pdfinfo', 'pdftoppm'].filter((c) => !which(c));
  if (!missing.length) return null;
  return `缺少 ${missing.join('、')}（Debian: apt-get install libreoffice-calc-nogui libreoffice-writer-nogui poppler-utils）`;
}

/** Convert files to PDF with one LibreOffice process; returns the PDF path of each input (by its name). */
export function convertToPdf(files: Record<string, Uint8Array>, format = 'pdf'): { dir: string; pdf: Record<string, string>; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'taizhang-office-'));
  const profile = join(dir, 'profile');
  const inputs: string[] = [];
  for (const [name, bytes] of Object.entries(files)) {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    inputs.push(path);
  }
  const out = join(dir, 'out');
  mkdirSync(out);
  const r = spawnSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', format, '--outdir', out, ...inputs], {
    encoding: 'utf8',
    timeout: 240_000,
  });
  const ext = format.split(':')[0]!;
  const pdf: Record<string, string> = {};
  for (const name of Object.keys(files)) {
    const path = join(out, `${basename(name).replace(/\.[^.]+$/, '')}.${ext}`);
    // soffice exits 0 even when it wrote nothing: the file is the proof.
    if (!existsSync(path)) throw new Error(`LibreOffice did not convert ${name}: ${r.stderr || r.stdout}`);
    pdf[name] = path;
  }
  return { dir, pdf, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface PdfPage {
  width: number;
  height: number;
  words: { text: string; xMin: number; yMin: number; xMax: number; yMax: number }[];
}

/** Pages of a PDF with their words and boxes (pdftotext -bbox). */
export function pdfWords(path: string): PdfPage[] {
  const html = spawnSync('pdftotext', ['-bbox', path, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).stdout;
  const pages: PdfPage[] = [];
  for (const page of html.split('<page ').slice(1)) {
    const size = /width="([\d.]+)" height="([\d.]+)"/.exec(page)!;
    const words = [...page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
      xMin: Number(m[1]),
      yMin: Number(m[2]),
      xMax: Number(m[3]),
      yMax: Number(m[4]),
      text: m[5]!.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'"),
    }));
    pages.push({ width: Number(size[1]), height: Number(size[2]), words });
  }
  return pages;
}

/**
 * All text of a PDF with whitespace and the "— N —" page numbers removed (to look for a task's full text across
 * line and page breaks).
 */
export function pdfCompactText(path: string): string {
  return spawnSync('pdftotext', [path, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
    .stdout.replace(/\s+/g, '')
    .replace(/—\d+—/g, '');
}

export const compact = (text: string) => text.replace(/\s+/g, '');

export function pdfPageCount(path: string): number {
  const info = spawnSync('pdfinfo', [path], { encoding: 'utf8' }).stdout;
  return Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? 0);
}

/** Save the first page as .cache/screenshots/<name>.png (60 dpi) for a person to look at. */
export function screenshotFirstPage(pdf: string, name: string): string {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const prefix = join(SCREENSHOT_DIR, name);
  spawnSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdf, prefix]);
  return `${prefix}.png`;
}

export function readBytes(path: string): Uint8Array {
  return new Uint8Array(readFileSync(path));
}
