import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ExtractedDocument } from '../../../shared/parser/document';

const root = fileURLToPath(new URL('../../fixtures/', import.meta.url));

export interface Seed {
  id: string;
  text: string;
  expected: ExpectedDocument;
}

export interface ExpectedTask {
  number: string;
  section: string[];
  content?: string;
  contentStart?: string;
  lead: string[];
  support: string[];
  implement: string[];
}

export interface ExpectedDocument {
  title: string;
  docNumber: string | null;
  date: string | null;
  tasks: ExpectedTask[] | null;
  minCandidates?: number;
  warnings: { code: string; tasks?: string[]; near?: string; names?: string[] }[];
  reportingCadence?: { text: string; every: string; day: number };
  prose?: { sectionEndsWith?: string; contentStartsWith?: string; lead: string[]; support?: string[] }[];
}

/** The five seed documents (copied from /work/shared so the tests carry their inputs) with their expectations. */
export function loadSeeds(): Seed[] {
  return readdirSync(`${root}seeds`)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => {
      const id = f.replace(/\.txt$/, '');
      return {
        id,
        text: readFileSync(`${root}seeds/${f}`, 'utf8'),
        expected: JSON.parse(readFileSync(`${root}expected/${id}.json`, 'utf8')) as ExpectedDocument,
      };
    });
}

/** Blocks as a plain-text reader gives them: one paragraph per line. */
export function linesAsBlocks(text: string, format = 'text'): ExtractedDocument {
  return { format, blocks: text.split(/\r?\n/).map((line) => ({ kind: 'paragraph' as const, text: line })) };
}

export const asSet = (names: readonly string[]): string[] => [...new Set(names)].sort();
