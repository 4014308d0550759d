/**
 * The readers run in the browser renderer too: bundling them for the browser must need no Node built-in
 * (fs, path, stream, buffer…). esbuild fails to resolve those with platform "browser".
 */
import { build } from 'esbuild';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('readers bundle for the browser', () => {
  it('resolves every import without Node built-ins', async () => {
    const result = await build({
      entryPoints: [join(__dirname, '../../../../shared/parser/readers/index.ts')],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      splitting: true,
      outdir: 'unused',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    expect(result.errors).toEqual([]);
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((p) => /^node:|(^|\/)(fs|path|stream|buffer|zlib|child_process)$/.test(p))).toEqual([]);
    // pdf.js and its worker are separate chunks, loaded only when a PDF is opened.
    expect(Object.keys(result.metafile.outputs).some((o) => /pdf\.worker/.test(o))).toBe(true);
  });
});
