import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { formatStamp, reportId, unitId, type Identity, type Report } from '../../../shared/model';
import {
  compareVersions,
  concatBytes,
  emptyState,
  encodeSnapshot,
  enrollSimulated,
  mergeStates,
  sameContent,
  signStates,
  simulate,
  stampDevice,
  stateDigest,
  TABLE_ORDER,
  type SimulatedTrust,
  type SyncState,
} from '../../../shared/sync';
import { applyImport, databaseDigest, listConflicts, previewImport } from '../../../renderer/db/sync';
import type { TaizhangDB } from '../../../renderer/db/database';
import { dumpDatabase, ok, openPc } from './dbHelpers';
import { MemoryStore } from './memoryStore';

/**
 * Versions absorbed by an equal version of another device (two offices deleting the same report): listed as a
 * conflict only when that version is replaced by other content, once, whatever the import order.
 */

const UNIT = '市卫生健康局';
const AT = '2024-01-02T01:00:00.000Z';
const T0 = Date.UTC(2024, 3, 1, 1);
const HOUR = 3600_000;
const NOW = T0 + 1000 * HOUR;

const sim = simulate({ offices: 3, tasks: 2, reports: 0, seed: 21 });
const [wj1, wj2, wj3] = [sim.pcs[1]!.identity.deviceId, sim.pcs[3]!.identity.deviceId, 'dev_wj3third'];
const trust: SimulatedTrust = enrollSimulated(sim.trust, { deviceId: wj3, office: UNIT, role: 'department' }, AT);
const structure = sim.pcs[0]!.state;
const task = structure.records.tasks[0]!;
const id = reportId(task.id, unitId(UNIT), '2024-Q2');

expect(sim.pcs[1]!.identity.office).toBe(UNIT);
expect(sim.pcs[3]!.identity.office).toBe(UNIT);

/** One version of the report: `device` writes it `hours` after T0, with `progress`, or deletes it. */
function version(device: string, hours: number, progress: string | null): Report {
  return {
    id, stamp: formatStamp(T0 + hours * HOUR, 0, device), by: UNIT, planId: task.planId, taskId: task.id, unitId: unitId(UNIT), period: '2024-Q2',
    status: 'in-progress', progress: progress ?? '已召开专题会议研究部署', problems: '', nextSteps: '', percent: 50, attachments: [], author: '经办人',
    reportedAt: '2024-04-01T09:00:00.000Z', ...(progress === null ? { deleted: true } : {}),
  };
}

/** A PC's file: the supervisor's plan and one version of the report, signed by its author device. */
function fileWith(r: Report): SyncState {
  const state = emptyState();
  for (const t of TABLE_ORDER) (state.records[t] as unknown[]) = [...structure.records[t]];
  state.records.reports = [r];
  signStates([state], [], trust, AT);
  return state;
}

function permutations<T>(xs: readonly T[]): T[][] {
  if (xs.length <= 1) return [[...xs]];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
}

/**
 * Import the files in every order: each ends at the pure merge, lists exactly `listed` (each once), and
 * re-importing any file afterwards writes and lists nothing, even when the file log is forgotten.
 */
function checkEveryOrder(versions: readonly Report[], listed: readonly Report[]): void {
  const files = versions.map(fileWith);
  const expected = stateDigest(mergeStates(files));
  const want = listed.map((r) => r.stamp).sort();
  for (const order of permutations(files.map((_, i) => i))) {
    const store = new MemoryStore([trust.anchor]);
    for (const i of order) store.import(files[i]!, NOW);
    const label = `order ${order.join(',')}`;
    expect(store.digest(), label).toBe(expected);
    expect(store.refused.size, label).toBe(0);
    expect(store.conflicts.map((c) => c.loser.stamp).sort(), label).toEqual(want);
    for (const f of files) expect(store.import(f, NOW), label).toMatchObject({ written: 0, lost: [] });
    store.imported.clear();
    for (const f of files) expect(store.import(f, NOW), label).toMatchObject({ written: 0, lost: [] });
    // Nothing vanishes: every version is the winner, says the same, is its device's own earlier version, or is listed.
    const winner = store.tables.get('reports')!.get(id)!;
    for (const v of versions) {
      const traced = compareVersions(v, winner) === 0 || sameContent(v, winner) || stampDevice(v.stamp) === stampDevice(winner.stamp) || want.includes(v.stamp);
      expect(traced, `${label}: ${v.stamp}`).toBe(true);
    }
  }
}

describe('a version absorbed by an equal one of another device', () => {
  // Each file carries its PC's latest version of the report.
  it('two PCs deleting the same report, and nothing else: nothing to review, in any order', () => {
    checkEveryOrder([version(wj1, 1, null), version(wj2, 2, null)], []);
  });

  it('the later deletion undone by its own PC: the earlier deletion is listed once, in any order', () => {
    const first = version(wj1, 1, null);
    checkEveryOrder([first, version(wj2, 2, null), version(wj2, 3, '恢复后重新填报')], [first]);
  });

  it('three PCs deleting the same report, then the last one restoring it: the two other deletions are listed', () => {
    const [a, b] = [version(wj1, 1, null), version(wj2, 2, null)];
    checkEveryOrder([a, b, version(wj3, 3, null), version(wj3, 4, '恢复')], [a, b]);
  });

  it('three PCs deleting it, restored by the PC of the middle deletion: the first and the last deletion are listed', () => {
    const [a, c] = [version(wj1, 1, null), version(wj3, 3, null)];
    checkEveryOrder([a, version(wj2, 2, null), c, version(wj2, 4, '恢复')], [a, c]);
  });

  it('an absorbed edit: two PCs write the same progress, one edits it again; the other one\'s version is listed once', () => {
    const same = version(wj1, 1, '两台电脑填写相同内容');
    checkEveryOrder([same, version(wj2, 2, '两台电脑填写相同内容'), version(wj2, 3, '再次修改')], [same]);
  });

  it('an absorbed version whose own PC edits it again is its own history, not a conflict', () => {
    // wj1's and wj2's equal versions; then wj1 writes again, after both: wj2's version is listed, wj1's first is not.
    const b = version(wj2, 2, '两台电脑填写相同内容');
    checkEveryOrder([version(wj1, 1, '两台电脑填写相同内容'), b, version(wj1, 3, '本机再次修改')], [b]);
  });

  it('a version absorbed before this PC\'s own change stays unlisted: its user replaced what it said', () => {
    const store = new MemoryStore(wj3, [trust.anchor]);
    store.import(fileWith(version(wj1, 1, null)), NOW);
    store.import(fileWith(version(wj2, 2, null)), NOW);
    // This PC's user restores the report (a local write, after seeing it deleted), then wj2's later edit arrives.
    const restored = version(wj3, 3, '本机恢复');
    store.tables.get('reports')!.set(id, restored);
    const r = store.import(fileWith(version(wj2, 5, '再次修改')), NOW);
    expect(r.written).toBe(1);
    // Listed: this PC's restore, replaced by another PC's edit; not the deletions its user saw before restoring.
    expect(store.conflicts.map((c) => c.loser.stamp)).toEqual([restored.stamp]);
    expect(store.knownLosers.traces('reports', version(wj1, 1, null))).toBe(true);
  });
});

describe('the same rule through the database (renderer/db/sync)', () => {
  const identity = (device: string): Identity => ({ deviceId: device, office: UNIT, role: 'department' });
  const encoded = (state: SyncState, device: string, name: string) => ({
    name,
    bytes: concatBytes(encodeSnapshot(state, { producer: identity(device), app: { name: '任务分解台账', version: 'test' }, createdAt: '2024-04-05T09:30:00+08:00', scope: { kind: 'full', since: null } }).chunks),
  });
  const importOne = async (db: TaizhangDB, file: { name: string; bytes: Uint8Array }) => {
    const preview = ok((await previewImport(db, [file], NOW))[0]);
    return { preview, applied: await applyImport(db, [{ preview, choice: { includeUnauthorized: false } }], { now: NOW }) };
  };
  const rows = async (db: TaizhangDB, kind: string) => (await db.conflicts.toArray()).filter((c) => (c.kind ?? 'conflict') === kind).map((c) => (c.loser as Report).stamp);

  it('remembers the absorbed deletion across imports (a file doing nothing else) and lists it once when the equal one is undone', async () => {
    const [a, b, c] = [version(wj1, 1, null), version(wj2, 2, null), version(wj2, 3, '恢复后重新填报')];
    const files = [encoded(fileWith(b), wj2, 'b.tzsync'), encoded(fileWith(a), wj1, 'a.tzsync'), encoded(fileWith(c), wj2, 'c.tzsync')];
    const db = await openPc({ deviceId: 'dev_observer', office: '市统计局', role: 'department' }, undefined, trust);
    await importOne(db, files[0]!);
    // wj1's deletion says what wj2's says: nothing written, nothing to review, but remembered (never shown).
    const second = await importOne(db, files[1]!);
    expect(second.preview).toMatchObject({ changes: 0, absorbs: 1 });
    expect(second.applied).toMatchObject({ written: 0, conflicts: 0, backupName: null });
    expect(await rows(db, 'absorbed')).toEqual([a.stamp]);
    expect(await listConflicts(db)).toHaveLength(0);
    // A second look at it remembers nothing twice.
    const before = await dumpDatabase(db);
    expect((await importOne(db, files[1]!)).preview.absorbs).toBe(0);
    expect(await dumpDatabase(db)).toBe(before);
    // wj2 undoes its deletion: wj1's deletion no longer says what stands, and is listed, once.
    expect((await importOne(db, files[2]!)).applied).toMatchObject({ written: 1, conflicts: 1 });
    expect(await rows(db, 'conflict')).toEqual([a.stamp]);
    expect(await rows(db, 'absorbed')).toEqual([]);
    const listed = await listConflicts(db);
    expect(listed.map((v) => [v.kind, v.other, v.current])).toEqual([['conflict', '（已删除）', '恢复后重新填报（完成 50%）']]);
    const after = await dumpDatabase(db);
    for (const f of files) expect((await importOne(db, f)).applied).toMatchObject({ written: 0, conflicts: 0 });
    expect(await dumpDatabase(db)).toBe(after);
    expect(await databaseDigest(db)).toBe(stateDigest(mergeStates([a, b, c].map(fileWith))));
  });

  it('the property test\'s case (simulate seed 5, order 0, 2, 1, 3): the database lists what the in-memory store lists, file by file or all at once', async () => {
    const s5 = simulate({ offices: 3, tasks: 8, reports: 40, seed: 5 });
    const states = s5.pcs.map((p) => p.state);
    const files = s5.pcs.map((p, i) => ({
      name: `${i}.tzsync`,
      bytes: concatBytes(encodeSnapshot(p.state, { producer: p.identity, app: { name: '任务分解台账', version: 'test' }, createdAt: '2024-01-05T09:30:00+08:00', scope: { kind: 'full', since: null } }).chunks),
    }));
    const order = [0, 2, 1, 3];
    const now = Date.UTC(2024, 0, 20);
    const memory = new MemoryStore([s5.trust.anchor]);
    for (const i of order) memory.import(states[i]!, now);
    const expectedListed = memory.conflicts.map((c) => `${c.recordId}@${c.loser.stamp}`).sort();
    expect(expectedListed.length).toBeGreaterThan(0);
    for (const together of [false, true]) {
      const db = await openPc({ deviceId: 'dev_observer', office: '市统计局', role: 'department' }, undefined, s5.trust);
      const apply = async (fs: typeof files) => {
        const previews = await previewImport(db, fs, now);
        return applyImport(db, previews.map((p) => ({ preview: ok(p), choice: { includeUnauthorized: false } })), { now });
      };
      if (together) await apply(order.map((i) => files[i]!));
      else for (const i of order) await apply([files[i]!]);
      expect(await databaseDigest(db)).toBe(stateDigest(mergeStates(states)));
      const listed = (await db.conflicts.toArray()).filter((c) => c.kind !== 'absorbed').map((c) => `${c.recordId}@${(c.loser as Report).stamp}`).sort();
      expect(listed, together ? 'all at once' : 'file by file').toEqual(expectedListed);
      expect(await listConflicts(db)).toHaveLength(listed.length);
      const before = await dumpDatabase(db);
      for (const f of files) expect(await apply([f])).toMatchObject({ written: 0, conflicts: 0 });
      expect(await dumpDatabase(db)).toBe(before);
    }
  });
});
