import 'fake-indexeddb/auto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeSnapshot, SnapshotRefusedError, simulate } from '../../../shared/sync';
import { applyImport, getRefusedFiles, previewImport } from '../../../renderer/db/sync';
import { runCli } from '../../../cli/main';
import { dumpDatabase, MemoryBackups, openPc } from './dbHelpers';

const dir = join(process.cwd(), 'test/fixtures/bad-snapshots');
const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Record<string, { code: string; message: string }>;
const names = Object.keys(expected);
const read = (name: string) => ({ name, bytes: new Uint8Array(readFileSync(join(dir, name))) });

describe('bad snapshot corpus', () => {
  it('has at least 30 bad files, every one listed with its expected refusal', () => {
    expect(names.length).toBeGreaterThanOrEqual(30);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tzsync')).sort()).toEqual([...names].sort());
  });

  it('the generator builds valid files: the control file is accepted', async () => {
    expect((await decodeSnapshot(read('good.tzsync.ok').bytes)).manifest.counts.blobs).toBe(1);
  });

  for (const name of names) {
    it(`refuses ${name} with a Chinese reason (native and pure-JS inflate alike)`, async () => {
      let error: unknown = null;
      for (const inflater of ['native', 'fflate'] as const) {
        error = null;
        try {
          await decodeSnapshot(read(name).bytes, { inflater });
        } catch (e) {
          error = e;
        }
        expect((error as SnapshotRefusedError | null)?.code).toBe(expected[name]!.code);
      }
      expect(error).toBeInstanceOf(SnapshotRefusedError);
      const refusal = error as SnapshotRefusedError;
      expect({ code: refusal.code, hasMessage: refusal.message.includes(expected[name]!.message) }).toEqual({ code: expected[name]!.code, hasMessage: true });
      expect(refusal.message).toMatch(/[\u4e00-\u9fff]/);
      expect(refusal.message).not.toContain('\n');
    });
  }

  it('importing all of them (with one good file) changes nothing but the good file, and nothing at all without it', async () => {
    const sim = simulate({ offices: 3, tasks: 3, reports: 20, seed: 2 });
    const db = await openPc(sim.pcs[2]!.identity, sim.pcs[2]!.state);
    const before = await dumpDatabase(db);
    const backups = new MemoryBackups();
    const previews = await previewImport(db, names.map(read));
    // Each refused file is reported with its reason by the check, and leaves no trace in the database.
    expect(await getRefusedFiles(db)).toEqual([]);
    expect(await dumpDatabase(db)).toBe(before);
    for (const p of previews) {
      expect(p.ok).toBe(false);
      if (!p.ok) expect(p.error).toContain(expected[p.name]!.message);
    }
    const result = await applyImport(db, previews.flatMap((p) => (p.ok ? [{ preview: p, choice: { includeUnauthorized: false } }] : [])), { backups });
    expect(result.written).toBe(0);
    expect(backups.files.size).toBe(0);
    expect(await dumpDatabase(db)).toBe(before);

    const mixed = await previewImport(db, [...names.slice(0, 5).map(read), read('good.tzsync.ok')]);
    expect(mixed.filter((p) => p.ok)).toHaveLength(1);
  });

  it('`snapshot verify` exits 1 with one line for each; `snapshot merge` refuses and writes nothing', async () => {
    for (const name of names) {
      const err: string[] = [];
      const code = await runCli(['snapshot', 'verify', join(dir, name)], { out: () => undefined, err: (t) => err.push(t) });
      expect(code).toBe(1);
      expect(err).toHaveLength(1);
      expect(err[0]).toContain(expected[name]!.message);
    }
    const out = join(process.cwd(), '.cache', `merge-refused-${process.pid}.tzsync`);
    const code = await runCli(['snapshot', 'merge', join(dir, 'good.tzsync.ok'), join(dir, names[0]!), '-o', out], { out: () => undefined, err: () => undefined });
    expect(code).toBe(1);
    expect(() => readFileSync(out)).toThrow();
  });
});
