import { mkdtempSync, readdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../cli/main';
import { decodeSnapshot, mergeStates, stateDigest } from '../../../shared/sync';

const dir = mkdtempSync(join(tmpdir(), 'tz-cli-sync-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err };
}

describe('snapshot and simulate commands', () => {
  it('simulate writes one file per PC; merge of them in any order gives the same digest as the pure merge', async () => {
    const sim = await cli('simulate', '--offices', '3', '--tasks', '6', '--reports', '150', '--seed', '5', '--out', dir);
    expect(sim.code).toBe(0);
    const files = readdirSync(dir).filter((f) => f.endsWith('.tzsync')).map((f) => join(dir, f)).sort();
    expect(files).toHaveLength(4);
    const expected = /合并后 digest: ([0-9a-f]{64})/.exec(sim.out)![1]!;
    const states = await Promise.all(files.map(async (f) => (await decodeSnapshot(readFileSync(f))).state));
    expect(stateDigest(mergeStates(states))).toBe(expected);
    for (const [i, order] of [files, [...files].reverse()].entries()) {
      const out = join(dir, 'merged', `m${i}.tzsync`);
      const merged = await cli('snapshot', 'merge', ...order, '-o', out);
      expect(merged.code).toBe(0);
      const inspect = await cli('snapshot', 'inspect', out, '--json');
      const json = JSON.parse(inspect.out) as { valid: boolean; digest: string; manifest: { counts: Record<string, number>; scope: { kind: string } } };
      expect(json).toMatchObject({ valid: true, digest: expected, manifest: { scope: { kind: 'merge' } } });
    }
    expect((await cli('snapshot', 'verify', files[0]!)).code).toBe(0);
  });

  it('inspect of a damaged file reports it invalid with the reason and exits 1; usage errors exit 2', async () => {
    const good = readFileSync(readdirSync(dir).filter((f) => f.endsWith('.tzsync')).map((f) => join(dir, f))[0]!);
    const bad = join(dir, 'bad.tzsync');
    const copy = new Uint8Array(good);
    copy[copy.length - 40]! ^= 0xff;
    writeFileSync(bad, copy);
    const r = await cli('snapshot', 'inspect', bad, '--json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toMatchObject({ valid: false, error: expect.stringContaining('文件校验失败'), digest: null });
    expect((await cli('snapshot', 'merge', bad)).code).toBe(2);
    expect((await cli('simulate', '--offices', '1', '--tasks', '1', '--reports', '1', '--seed', '1', '--out', dir)).code).toBe(2);
  });
});
