import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../shared/model';
import {
  canonicalJson,
  canonicalRecordJson,
  concatBytes,
  TABLE_ORDER,
  decodeSnapshot,
  encodeSnapshot,
  encodeSnapshotInSlices,
  mergeStates,
  simulate,
  stateDigest,
  SnapshotRefusedError,
  type EncodeOptions,
  type SyncState,
} from '../../../shared/sync';

const opts = (over: Partial<EncodeOptions> = {}): EncodeOptions => ({
  producer: { deviceId: 'dev_test', office: '市卫生健康局', role: 'department' },
  app: { name: '任务分解台账', version: 'test' },
  createdAt: '2024-10-01T09:30:00+08:00',
  scope: { kind: 'full', since: null },
  ...over,
});

const sample = (): SyncState => {
  const sim = simulate({ offices: 4, tasks: 12, reports: 300, seed: 42 });
  const state = mergeStates(sim.pcs.map((p) => p.state));
  const data = new TextEncoder().encode('佐证材料：会议纪要（扫描件）');
  return { ...state, blobs: [{ sha256: sha256Hex(data), data }] };
};

describe('snapshot file', () => {
  it('round-trips a state; the digest ignores compression level, part size and record order', async () => {
    const state = sample();
    const digest = stateDigest(state);
    const a = encodeSnapshot(state, opts());
    const reversed: SyncState = {
      records: Object.fromEntries(Object.entries(state.records).map(([t, rs]) => [t, [...rs].reverse()])) as never,
      blobs: [...state.blobs, ...state.blobs],
    };
    const b = encodeSnapshot(reversed, opts({ level: 1, recordsPerPart: 7 }));
    expect(b.manifest.parts.length).toBeGreaterThan(a.manifest.parts.length);
    for (const file of [a, b]) {
      const decoded = await decodeSnapshot(concatBytes(file.chunks));
      expect(stateDigest(decoded.state)).toBe(digest);
      expect(decoded.manifest.counts.blobs).toBe(1);
      expect(decoded.sha256).toBe(file.sha256);
    }
    expect(a.manifest.counts.reports).toBe(state.records.reports.length);
    expect(a.manifest.plans).toHaveLength(1);
  });

  it('never splits a Chinese character at a chunk boundary, whatever the slice size', async () => {
    const state = sample();
    const bytes = concatBytes(encodeSnapshot(state, opts({ level: 0 })).chunks);
    for (const chunkBytes of [1, 2, 3, 5, 7, 4096]) {
      const decoded = await decodeSnapshot(bytes, { chunkBytes, inflater: 'fflate' });
      expect(stateDigest(decoded.state)).toBe(stateDigest(state));
      expect(decoded.state.records.reports.some((r) => r.progress.includes('填报'))).toBe(true);
    }
  });

  it('the fast canonical text of a record is the canonical text (every field, optional ones too, at any depth)', () => {
    const state = sample();
    const r = state.records.reports.find((x) => !x.deleted)!;
    const extra = {
      ...r,
      deleted: false,
      basis: r.stamp,
      attachments: [{ sha256: 'a'.repeat(64), name: '纪要.pdf', mime: 'application/pdf', size: 3 }],
      revisions: [{ stamp: r.stamp, by: r.by, status: r.status, progress: '旧', problems: '', nextSteps: '', percent: null, attachments: [], author: '甲', reportedAt: r.reportedAt }],
    };
    for (const table of TABLE_ORDER) for (const rec of state.records[table]) expect(canonicalRecordJson(rec)).toBe(canonicalJson(rec));
    expect(canonicalRecordJson(extra)).toBe(canonicalJson(extra));
    const reordered = Object.fromEntries(Object.entries(extra).reverse()) as typeof extra;
    expect(canonicalRecordJson(reordered)).toBe(canonicalJson(extra));
  });

  it('made in slices (pausing between them), the file is the same', async () => {
    const state = sample();
    let pauses = 0;
    const sliced = await encodeSnapshotInSlices(state, opts(), async () => {
      pauses++;
    });
    expect(pauses).toBeGreaterThanOrEqual(2);
    expect(sliced.sha256).toBe(encodeSnapshot(state, opts()).sha256);
    expect(stateDigest((await decodeSnapshot(concatBytes(sliced.chunks))).state)).toBe(stateDigest(state));
  });

  it('is much smaller than the raw JSON of its records', () => {
    const state = sample();
    const raw = JSON.stringify(state.records).length;
    const file = encodeSnapshot(state, opts());
    expect(file.size / raw).toBeLessThan(0.3);
  });

  it('refuses a file over the size limit before reading it', async () => {
    const bytes = concatBytes(encodeSnapshot(sample(), opts()).chunks);
    await expect(decodeSnapshot(bytes, { limits: { fileBytes: 1000 } })).rejects.toThrow(SnapshotRefusedError);
    await expect(decodeSnapshot(bytes, { limits: { fileBytes: 1000 } })).rejects.toThrow(/文件过大/);
  });

  it('any random history survives the file unchanged (digest before = digest after decoding)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 0, max: 120 }), async (seed, reports) => {
        for (const pc of simulate({ offices: 3, tasks: 4, reports, seed }).pcs) {
          const file = encodeSnapshot(pc.state, opts({ recordsPerPart: 1 + (seed % 50) }));
          expect(stateDigest((await decodeSnapshot(concatBytes(file.chunks))).state)).toBe(stateDigest(pc.state));
        }
      }),
      { numRuns: 150 },
    );
  }, 120_000);
});
