/**
 * A reader bug is a bug, never "文件已损坏" (issue 11): an exception other than DocumentRefusedError leaves
 * readDocument as it is, so tests (and the fuzz test) see it and the app says it is the software's fault.
 */
import { strToU8 } from 'fflate';
import { describe, expect, it, vi } from 'vitest';
import { readDocument } from '../../../../shared/parser/readers';

vi.mock('../../../../shared/parser/readers/rtf', async (original) => ({
  ...(await original<typeof import('../../../../shared/parser/readers/rtf')>()),
  readRtf: () => {
    throw new TypeError("Cannot read properties of undefined (reading 'length')");
  },
}));

describe('readDocument', () => {
  it('lets a reader bug through as the bug it is', async () => {
    await expect(readDocument({ name: 'x.rtf', bytes: strToU8('{\\rtf1 正文\\par}') })).rejects.toBeInstanceOf(TypeError);
  });
});
