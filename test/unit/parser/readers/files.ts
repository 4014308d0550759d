import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { readDocument } from '../../../../shared/parser/readers';
import { DocumentRefusedError } from '../../../../shared/parser/types';
import type { ExtractedDocument, TableBlock } from '../../../../shared/parser/document';

export const documentsDir = join(__dirname, '../../../fixtures/documents');
export const fixtureFilesDir = join(__dirname, '../../../fixtures/files');

export function documentBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(documentsDir, name)));
}
export function fixtureBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(fixtureFilesDir, name)));
}

export function readNamed(name: string, bytes = documentBytes(name)): Promise<ExtractedDocument> {
  return readDocument({ name, bytes });
}

export function tables(doc: ExtractedDocument): TableBlock[] {
  return doc.blocks.filter((b): b is TableBlock => b.kind === 'table');
}
export function paragraphs(doc: ExtractedDocument): string[] {
  return doc.blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : []));
}

/** Expect a refusal with the given reason and a one-line Chinese message. */
export async function expectRefused(promise: Promise<unknown>, reason: DocumentRefusedError['reason']): Promise<DocumentRefusedError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DocumentRefusedError);
  const refused = error as DocumentRefusedError;
  expect(refused.reason).toBe(reason);
  expect(refused.message).toMatch(/[\u4e00-\u9fff]/);
  expect(refused.message).not.toContain('\n');
  return refused;
}
