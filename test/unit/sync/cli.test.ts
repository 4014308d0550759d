import { mkdtempSync, readdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../cli/main';
import { concatBytes, decodeSnapshot, encodeSnapshot, mergeStates, seal, stateDigest, type SyncState } from '../../../shared/sync';

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

  it('verify checks signatures: a forged, altered or replayed record exits 1 naming it; merge with one writes nothing', async () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.tzsync') && f.startsWith('pc')).map((f) => join(dir, f)).sort();
    const good = await cli('snapshot', 'verify', files[1]!);
    expect(good.code).toBe(0);
    expect(good.out).toMatch(/名册: 市政府督查室 根密钥指纹 \d{4}( \d{4}){4}（请与该督办单位电话核对）/);
    expect(good.out).toContain('签名全部有效');
    const fingerprint = /根密钥指纹 ([\d ]+)（/.exec(good.out)![1]!;
    expect((await cli('snapshot', 'verify', files[1]!, '--root', fingerprint)).code).toBe(0);
    expect((await cli('snapshot', 'verify', files[1]!, '--root', '0000 0000 0000 0000 0000')).code).toBe(1);

    const decoded = await decodeSnapshot(readFileSync(files[1]!));
    const reencode = (state: SyncState, name: string) => {
      const enc = encodeSnapshot(state, { producer: decoded.manifest.producer, app: decoded.manifest.app, createdAt: decoded.manifest.createdAt, scope: decoded.manifest.scope });
      const path = join(dir, name);
      writeFileSync(path, concatBytes(enc.chunks));
      return path;
    };
    const report = decoded.state.records.reports.find((r) => !r.deleted)!;
    const altered = reencode({ ...decoded.state, records: { ...decoded.state.records, reports: decoded.state.records.reports.map((r) => (r.id === report.id ? { ...r, progress: '篡改' } : r)) } }, 'altered.tzsync.bad');
    const replayed = reencode({ ...decoded.state, records: { ...decoded.state.records, reports: decoded.state.records.reports.map((r) => (r.id === report.id ? { ...r, stamp: r.stamp.replace(/^\d{5}/, '00099') } : r)) } }, 'replayed.tzsync.bad');
    const unsigned = reencode({ ...decoded.state, trust: { roster: decoded.state.trust!.roster, statements: [] } }, 'unsigned.tzsync.bad');
    for (const path of [altered, replayed, unsigned]) {
      const r = await cli('snapshot', 'verify', path);
      expect(r.code).toBe(1);
      expect(r.err.join('\n')).toContain(report.id);
      expect(r.err.join('\n')).toMatch(/没有有效签名/);
    }
    // A password-sealed file is verified once opened; without or with a wrong password it is refused.
    const sealedPath = join(dir, 'sealed.tzsync.bad');
    writeFileSync(sealedPath, concatBytes(seal(readFileSync(files[1]!), { kind: 'password', password: 'abcdefgh12', kdf: { N: 2 ** 14, r: 8, p: 1 } })));
    expect((await cli('snapshot', 'verify', sealedPath)).code).toBe(1);
    expect((await cli('snapshot', 'verify', sealedPath, '--password', 'wrong-pass1')).err.join()).toMatch(/密码错误/);
    expect((await cli('snapshot', 'verify', sealedPath, '--password', 'abcdefgh12')).code).toBe(0);
    const out = join(dir, 'merged', 'refused.tzsync');
    const merged = await cli('snapshot', 'merge', files[0]!, altered, '-o', out);
    expect(merged.code).toBe(1);
    expect(merged.err.at(-1)).toMatch(/未写出合并文件/);
    expect(() => readFileSync(out)).toThrow();
  });
});
