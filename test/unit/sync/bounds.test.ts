import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../shared/model';
import {
  bytesSource,
  concatBytes,
  decodeSnapshot,
  describeIssue,
  encodeSnapshot,
  LIMITS,
  MAGIC,
  mergeStates,
  readManifestFrom,
  simulate,
  SnapshotRefusedError,
  stateDigest,
  TABLE_ORDER,
  type ByteSource,
} from '../../../shared/sync';
import { ReportSchema } from '../../../shared/model';

/** A source that records what was read: the decoder must not read what it does not need. */
function countingSource(inner: ByteSource): ByteSource & { reads: { offset: number; length: number }[]; bytesRead: () => number } {
  const reads: { offset: number; length: number }[] = [];
  return {
    size: inner.size,
    reads,
    bytesRead: () => reads.reduce((n, r) => n + r.length, 0),
    read: (offset, length) => {
      reads.push({ offset, length });
      return inner.read(offset, length);
    },
  };
}

/** A huge file that exists only as its first bytes (reading further would show the test reads too much). */
function hugeSource(head: Uint8Array, size: number): ByteSource {
  return {
    size,
    read: async (offset, length) => {
      if (offset + length > head.length) throw new Error(`read past the head: ${offset}+${length}`);
      return head.subarray(offset, offset + length);
    },
  };
}

const enc = (s: string) => new TextEncoder().encode(s);

interface RawPart {
  kind: 'records' | 'blob';
  table: string | null;
  blob: string | null;
  count: number;
  compressed: Uint8Array;
  size: number;
}

/** Build a file from raw parts (declared sizes as given), with a correct trailer. */
function build(parts: RawPart[], extra: Record<string, unknown> = {}): Uint8Array {
  let offset = 0;
  const counts: Record<string, number> = { plans: 0, sections: 0, tasks: 0, units: 0, reports: 0, actions: 0, blobs: 0 };
  const manifestParts = parts.map((p) => {
    const entry = { kind: p.kind, table: p.table, blob: p.blob, count: p.count, offset, length: p.compressed.length, size: p.size, sha256: sha256Hex(p.compressed) };
    offset += p.compressed.length;
    counts[p.kind === 'blob' ? 'blobs' : p.table!]! += p.count;
    return entry;
  });
  const manifest = {
    format: 'taizhang-sync', formatVersion: 1, app: { name: '任务分解台账', version: 'test' }, producer: { deviceId: 'dev_x', office: '市卫生健康局', role: 'department' },
    createdAt: '2024-10-01T09:30:00+08:00', scope: { kind: 'full', since: null }, plans: [], counts, maxStamp: null, compression: 'deflate-raw', parts: manifestParts, signature: null, ...extra,
  };
  const m = enc(JSON.stringify(manifest));
  const header = new Uint8Array(12);
  header.set(MAGIC, 0);
  new DataView(header.buffer).setUint32(8, m.length, true);
  const body = concatBytes([header, m, ...parts.map((p) => p.compressed)]);
  return concatBytes([body, Uint8Array.from(Buffer.from(sha256Hex(body), 'hex'))]);
}

const refusal = async (p: Promise<unknown>): Promise<SnapshotRefusedError> => {
  try {
    await p;
  } catch (e) {
    if (e instanceof SnapshotRefusedError) return e;
    throw e;
  }
  throw new Error('not refused');
};

describe('reading bounds', () => {
  it('a 2.5 GiB file that is not a snapshot: refused after its first 12 bytes', async () => {
    const src = countingSource(hugeSource(enc('PK\u0003\u0004 这是一个压缩包……'), 2.5 * 1024 ** 3));
    const e = await refusal(decodeSnapshot(src));
    expect(e.code).toBe('not-snapshot');
    expect(src.bytesRead()).toBeLessThanOrEqual(12);
  });

  it('a 2.5 GiB snapshot: refused as too large after its first 12 bytes', async () => {
    const head = new Uint8Array(12);
    head.set(MAGIC, 0);
    const src = countingSource(hugeSource(head, 2.5 * 1024 ** 3));
    const e = await refusal(decodeSnapshot(src));
    expect(e.code).toBe('oversized');
    expect(e.message).toContain('2.5 GB');
    expect(src.bytesRead()).toBeLessThanOrEqual(12);
  });

  it('records declared far beyond what the file can hold are refused before anything is decompressed', async () => {
    // One repetitive record line, 16 MiB of it: deflate shrinks it ~1000×, a real file never does.
    const line = enc(`${'{"x":"重复的内容重复的内容"}'.padEnd(200, ' ')}\n`);
    const data = new Uint8Array(16 * 1024 ** 2);
    for (let at = 0; at + line.length <= data.length; at += line.length) data.set(line, at);
    const compressed = deflateSync(data, { level: 9 });
    const bytes = build([{ kind: 'records', table: 'reports', blob: null, count: Math.floor(data.length / line.length), compressed, size: data.length }]);
    expect(bytes.length).toBeLessThan(200_000);
    const src = countingSource(bytesSource(bytes));
    const e = await refusal(decodeSnapshot(src));
    expect(e.code).toBe('oversized');
    expect(e.message).toMatch(/声明解压后 16 MB，而它在文件中只占 \d+ KB/);
    // Only the header and the manifest were read.
    expect(Math.max(...src.reads.map((r) => r.offset + r.length))).toBeLessThan(bytes.length - compressed.length);
  });

  it('many small parts cannot add up to more than the file can hold', async () => {
    const small = deflateSync(new Uint8Array(3 * 1024 ** 2), { level: 9 });
    const parts = Array.from({ length: 100 }, () => ({ kind: 'records' as const, table: 'reports', blob: null, count: 1, compressed: small, size: 3 * 1024 ** 2 }));
    const e = await refusal(decodeSnapshot(build(parts)));
    expect(e.code).toBe('oversized');
    expect(e.message).toContain('不可能是正常数据');
  });

  it('20 attachments declared at 200 MiB each in a small file: refused at once, nothing decompressed', async () => {
    const parts = Array.from({ length: 20 }, (_, i) => {
      const compressed = deflateSync(enc(`附件${i}`.repeat(50_000)), { level: 9 });
      return { kind: 'blob' as const, table: null, blob: sha256Hex(enc(String(i))), count: 1, compressed, size: 200 * 1024 ** 2 };
    });
    const bytes = build(parts);
    const src = countingSource(bytesSource(bytes));
    const e = await refusal(decodeSnapshot(src));
    expect(e.code).toBe('oversized');
    // The first 12 bytes and the manifest: nothing else was read, let alone decompressed.
    expect(src.reads.length).toBe(2);
  });

  it('a part claiming more records than its size can hold is refused before decompressing', async () => {
    const compressed = deflateSync(enc('{}\n'.repeat(10)));
    const e = await refusal(decodeSnapshot(build([{ kind: 'records', table: 'units', blob: null, count: 1_000_000, compressed, size: 30 }])));
    expect(e.code).toBe('count');
    expect(e.message).toContain('超出其大小所能容纳的数量');
  });

  it('reads a valid file by slices (never more than one part or 1 MiB at once), with the same result', async () => {
    const sim = simulate({ offices: 4, tasks: 30, reports: 1500, seed: 3 });
    const state = mergeStates(sim.pcs.map((p) => p.state));
    const file = encodeSnapshot(state, { producer: sim.pcs[0]!.identity, app: { name: 'a', version: '1' }, createdAt: '2024-10-01T09:30:00+08:00', scope: { kind: 'full', since: null }, recordsPerPart: 500 });
    const bytes = concatBytes(file.chunks);
    const src = countingSource(bytesSource(bytes));
    const progress: number[] = [];
    const decoded = await decodeSnapshot(src, { onProgress: (p) => progress.push(p.records) });
    expect(stateDigest(decoded.state)).toBe(stateDigest(state));
    const largestPart = Math.max(...file.manifest.parts.map((p) => p.length));
    expect(Math.max(...src.reads.map((r) => r.length))).toBeLessThanOrEqual(Math.max(1024 ** 2, largestPart));
    expect(progress.at(-1)).toBe(TABLE_ORDER.reduce((n, t) => n + state.records[t].length, 0));
    expect((await readManifestFrom(countingSource(bytesSource(bytes)))).manifest.counts.reports).toBe(state.records.reports.length);
  });

  it('every limit is stated in the manifest module, the file total bounded by the ratio as well', () => {
    expect(LIMITS.totalBytes).toBeLessThanOrEqual(LIMITS.fileBytes);
    expect(LIMITS.ratio).toBeGreaterThanOrEqual(32);
  });
});

describe('refusal messages are Chinese', () => {
  /** Letters allowed in a message: the file type, encodings and sizes, and quoted names from the file itself. */
  const englishWords = (message: string) =>
    message
      .replace(/「[^」]*」/g, '')
      .replace(/\.tzsync|UTF-8|SHA-256|[KMG]B|rep_[0-9a-f]+|[0-9a-f]{12}…/g, '')
      .match(/[A-Za-z]{2,}/g) ?? [];

  it('record validation problems are described in Chinese, naming the field as people call it', () => {
    const good = {
      id: 'rep_0123456789abcdef01234567', stamp: '001700000000000-00000-dev_a', by: '市卫生健康局', planId: 'plan_0123456789abcdef', taskId: 'task_0123456789abcdef',
      unitId: 'unit_0123456789abcdef', period: '2024-Q3', status: 'done', progress: '完成', problems: '', nextSteps: '', percent: 100, attachments: [], author: '甲', reportedAt: '2024-10-01T08:00:00.000Z',
    };
    const broken: Record<string, unknown>[] = [
      { ...good, progress: 5 },
      { ...good, percent: 101 },
      { ...good, percent: 1.5 },
      { ...good, status: 'finished' },
      { ...good, evil: true },
      { ...good, constructor: 1 },
      { ...good, reportedAt: 'yesterday' },
      { ...good, attachments: [{ sha256: 'x', name: '', mime: 'text/plain', size: 0 }] },
      { ...good, author: 'x'.repeat(500) },
      { ...good, by: undefined },
      { ...good, deleted: 'yes' },
    ];
    for (const value of broken) {
      const r = ReportSchema.strict().safeParse(value, { error: () => '' });
      expect(r.success).toBe(false);
      const message = describeIssue(r.error!.issues[0]!);
      expect(englishWords(message), message).toEqual([]);
      expect(message).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('the manifest problems of the bad-file corpus read in Chinese', async () => {
    const { readFileSync, readdirSync } = await import('node:fs');
    const dir = 'test/fixtures/bad-snapshots';
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.tzsync'))) {
      const e = await refusal(decodeSnapshot(new Uint8Array(readFileSync(`${dir}/${name}`))));
      expect(englishWords(e.message), `${name}: ${e.message}`).toEqual([]);
    }
  });
});
