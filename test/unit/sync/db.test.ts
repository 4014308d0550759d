import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { formatStamp, reportId, unitId, type Report } from '../../../shared/model';
import { enrollSimulated, mergeStates, simulate, stampWall, stateDigest, TABLE_ORDER, type SyncState } from '../../../shared/sync';
import {
  applyImport,
  databaseDigest,
  dismissConflict,
  getLastExport,
  listBackups,
  listConflicts,
  markExported,
  previewImport,
  restoreBackup,
  restoreConflict,
  type FilePreview,
} from '../../../renderer/db/sync';
import type { TaizhangDB } from '../../../renderer/db/database';
import { dumpDatabase, exportFile, MemoryBackups, openPc, putSigned, summariesAndRebuild, ok } from './dbHelpers';

const DEFAULT = { includeUnauthorized: false };

async function importFiles(db: TaizhangDB, files: { name: string; bytes: Uint8Array }[], now: number, backups?: MemoryBackups) {
  const previews = await previewImport(db, files, now);
  return { previews, result: await applyImport(db, previews.map((p) => ({ preview: ok(p), choice: DEFAULT })), { backups, now }) };
}

const maxWall = (states: SyncState[]) => Math.max(...states.flatMap((s) => TABLE_ORDER.flatMap((t) => s.records[t].map((r) => stampWall(r.stamp)))));

describe('sync through the database', () => {
  it('offices exchanging files converge on one digest (the pure merge); re-import writes nothing', async () => {
    const sim = simulate({ offices: 4, tasks: 10, reports: 200, seed: 11 });
    const now = maxWall(sim.pcs.map((p) => p.state)) + 60_000;
    const dbs = await Promise.all(sim.pcs.map((p) => openPc(p.identity, p.state, sim.trust)));
    const files = await Promise.all(dbs.map((db) => exportFile(db, 'full', new Date(now))));
    const expected = stateDigest(mergeStates(sim.pcs.map((p) => p.state)));
    for (const [i, db] of dbs.entries()) {
      const others = files.filter((_, j) => j !== i);
      // A supervisor imports many files at once; the others one by one in reverse order.
      if (i === 0) await importFiles(db, others, now);
      else for (const f of [...others].reverse()) await importFiles(db, [f], now);
      expect(await databaseDigest(db)).toBe(expected);
      // The derived report summary was kept in the same transactions as the applies.
      const [kept, rebuilt] = await summariesAndRebuild(db);
      expect(kept).toEqual(rebuilt);
    }
    // Re-import: previews say nothing changes, and the whole database is byte-for-byte the same after.
    const db = dbs[1]!;
    const before = await dumpDatabase(db);
    const backups = new MemoryBackups();
    const { previews, result } = await importFiles(db, files, now, backups);
    for (const p of previews) expect(ok(p).changes).toBe(0);
    expect(result.written).toBe(0);
    expect(result.conflicts).toBe(0);
    expect(backups.files.size).toBe(0);
    expect(await dumpDatabase(db)).toBe(before);
    // Concurrent edits of the same reports by the two PCs of one office left conflicts to review.
    expect((await listConflicts(dbs[0]!)).length).toBeGreaterThan(0);
  });

  it('previews in words: new, updated, conflict, unchanged and stale records', async () => {
    const sim = simulate({ offices: 3, tasks: 4, reports: 0, seed: 3 });
    const [sup, office] = sim.pcs;
    const now = Date.UTC(2024, 9, 1, 2, 0, 0);
    // A second PC of the same office, enrolled in the supervisor's roster.
    const trust = enrollSimulated(sim.trust, { ...office!.identity, deviceId: 'dev_otherpc' }, '2024-01-02T00:00:00.000Z');
    const a = await openPc(office!.identity, sup!.state, trust);
    const b = await openPc({ ...office!.identity, deviceId: 'dev_otherpc' }, sup!.state, trust);
    const task = sup!.state.records.tasks[0]!;
    const uid = unitId(office!.identity.office);
    const report = (period: string, stamp: string, progress: string): Report => ({
      id: reportId(task.id, uid, period), stamp, by: office!.identity.office, planId: task.planId, taskId: task.id, unitId: uid, period,
      status: 'in-progress', progress, problems: '', nextSteps: '', percent: 50, attachments: [], author: '张三', reportedAt: '2024-10-01T08:00:00.000Z',
    });
    const t = (min: number, dev: string) => formatStamp(now - 3600_000 + min * 60_000, 0, dev);
    const dA = office!.identity.deviceId;
    await putSigned(a, trust, 'reports', [report('2024-Q1', t(1, dA), '甲'), report('2024-Q2', t(1, dA), '乙'), report('2024-Q3', t(5, dA), '丙-本机'), report('2024-Q4', t(9, dA), '丁-本机新')]);
    await putSigned(b, trust, 'reports', [
      report('2024-Q1', t(1, dA), '甲'), // unchanged
      report('2024-Q2', t(2, dA), '乙-更新'), // updated (same device: an edit, not a conflict)
      report('2023-Q4', t(3, 'dev_otherpc'), '新的'), // new
      report('2024-Q3', t(6, 'dev_otherpc'), '丙-另一台'), // updated by another PC: conflict
      report('2024-Q4', t(2, 'dev_otherpc'), '丁-旧'), // stale, from another PC: conflict (kept for review)
    ]);
    const file = await exportFile(b, 'full', new Date(now));
    const [p] = await previewImport(a, [file], now);
    const preview = ok(p!);
    expect(preview.sentence).toMatch(/^市卫生健康局 · \d{4}-\d{2}-\d{2} 导出：新增 1 条进展，更新 2 条，冲突 2 条，已有 \d+ 条（无变化），旧版本 1 条（忽略）$/);
    await applyImport(a, [{ preview, choice: DEFAULT }], { now });
    const conflicts = await listConflicts(a);
    expect(conflicts.map((c) => c.other).sort()).toEqual(['丁-旧（完成 50%）', '丙-本机（完成 50%）']);

    // Restore the local Q3 text: it becomes a new change that wins, the replaced version stays traceable.
    const q3 = conflicts.find((c) => c.other.startsWith('丙-本机'))!;
    await restoreConflict(a, q3.seq, now);
    expect((await a.reports.get(reportId(task.id, uid, '2024-Q3')))!.progress).toBe('丙-本机');
    expect(await a.conflicts.count()).toBe(3);
    const rest = (await listConflicts(a)).filter((c) => c.seq !== q3.seq);
    await dismissConflict(a, rest[0]!.seq);
    expect(await listConflicts(a)).toHaveLength(0);

    // Both PCs converge after exchanging again.
    const back = await exportFile(a, 'full', new Date(now + 1000));
    await applyImport(b, (await previewImport(b, [back], now + 2000)).map((x) => ({ preview: ok(x), choice: DEFAULT })), { now: now + 2000 });
    const again = await exportFile(b, 'full', new Date(now + 3000));
    await applyImport(a, (await previewImport(a, [again], now + 4000)).map((x) => ({ preview: ok(x), choice: DEFAULT })), { now: now + 4000 });
    expect(await databaseDigest(a)).toBe(await databaseDigest(b));
    expect((await a.reports.get(reportId(task.id, uid, '2024-Q3')))!.progress).toBe('丙-本机');
  });

  it('applies records from a clock days ahead (and moves past them); refuses unauthorized ones whatever is ticked, and keeps them for review apart from the data', async () => {
    const sim = simulate({ offices: 3, tasks: 3, reports: 0, seed: 5 });
    const [sup, office, other] = sim.pcs;
    const now = Date.UTC(2024, 9, 1);
    const a = await openPc(office!.identity, sup!.state, sim.trust);
    const b = await openPc(other!.identity, sup!.state, sim.trust);
    const task = sup!.state.records.tasks[0]!;
    const mk = (unitName: string, stamp: string): Report => ({
      id: reportId(task.id, unitId(unitName), '2024-Q3'), stamp, by: other!.identity.office, planId: task.planId, taskId: task.id, unitId: unitId(unitName),
      period: '2024-Q3', status: 'done', progress: '完成', problems: '', nextSteps: '', percent: 100, attachments: [], author: '李四', reportedAt: '2024-10-01T08:00:00.000Z',
    });
    const dev = other!.identity.deviceId;
    const ahead = formatStamp(now + 3 * 86_400_000, 0, dev);
    await putSigned(b, sim.trust, 'reports', [
      mk(other!.identity.office, ahead), // three days ahead
      mk(office!.identity.office, formatStamp(now - 1000, 0, dev)), // writes another unit's progress
    ]);
    const file = await exportFile(b, 'full', new Date(now));
    const preview = ok((await previewImport(a, [file], now))[0]!);
    expect(preview.farFuture).toHaveLength(1);
    expect(preview.unauthorized).toHaveLength(1);
    expect(preview.refused).toHaveLength(1);
    expect(preview.unauthorized[0]!.reason).toContain('只能填报本单位的进展');
    expect(preview.sentence).toContain('时间超前 1 条（照常应用，请核对时钟）');
    expect(preview.sentence).toContain('拒绝 1 条');
    expect(preview.oldFile).toBeNull();
    // The same file seen from a PC whose clock runs a year fast: it looks a year old, and the preview says to check the date.
    const late = ok((await previewImport(a, [file], now + 365 * 86_400_000))[0]!);
    expect(late.oldFile).toMatch(/^按本机时钟，此文件是约 365 天前导出的。.*请先核对两台电脑的日期/);
    expect((await applyImport(a, [{ preview, choice: DEFAULT }], { now })).refused).toBe(1);
    expect(await a.reports.count()).toBe(1);
    // The refused record is kept for review (未采用) with its reason and who claimed it, never applied.
    const listed = await listConflicts(a, ['refused']);
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ kind: 'refused', kindLabel: '未采用', restorable: false, otherBy: other!.identity.office, omitted: 0 });
    expect(listed[0]!.reason).toContain('只能填报本单位的进展');
    expect(listed[0]!.claimedBy).toBe(`${other!.identity.office}（设备 ${dev}）`);
    // Every check of the file lists it again; importing it again keeps nothing twice.
    const again = ok((await previewImport(a, [file], now))[0]!);
    expect(again.refused.map((r) => r.reason)).toEqual([expect.stringContaining('只能填报本单位的进展')]);
    expect(await applyImport(a, [{ preview: again, choice: DEFAULT }], { now })).toMatchObject({ conflicts: 0, refused: 0 });
    expect(await listConflicts(a, ['refused'])).toHaveLength(1);
    // The clock moved past the far-ahead stamp: a change made now sorts after it.
    const { nextStamp } = await import('../../../renderer/db/installation');
    expect((await nextStamp(a, now)) > ahead).toBe(true);

    // Whatever the user ticks, a refused record is never applied (a signature cannot be waived).
    await applyImport(a, [{ preview: ok((await previewImport(a, [file], now))[0]!), choice: { includeUnauthorized: true } }], { now });
    expect(await a.reports.count()).toBe(1);
  });

  it('exports only what changed since the last export, including what it relays', async () => {
    const sim = simulate({ offices: 3, tasks: 5, reports: 60, seed: 9 });
    const now = maxWall(sim.pcs.map((p) => p.state)) + 60_000;
    const [sup, d1, d2] = sim.pcs;
    const a = await openPc(d1!.identity, d1!.state, sim.trust);
    const b = await openPc(d2!.identity, d2!.state, sim.trust);
    const first = await exportFile(a, 'full', new Date(now));
    expect(first.mark.kind).toBe('full');
    await markExported(a, { ...first.mark, to: '市卫生健康局' });
    // The export panel says what the last file held and whom it was sealed for (a changes file does not carry what came before).
    expect(await getLastExport(a)).toMatchObject({ kind: 'full', to: '市卫生健康局', mark: first.mark.mark });
    const nothing = await exportFile(a, 'changes', new Date(now + 1000));
    expect(nothing.mark.kind).toBe('changes');
    const empty = ok((await previewImport(b, [nothing], now))[0]!);
    expect(empty.manifest.scope.kind).toBe('changes');
    expect(Object.values(empty.manifest.counts).reduce((x, y) => x + y, 0)).toBe(0);
    // a imports b's data (old stamps): a's next "changes" export relays it.
    await importFiles(a, [await exportFile(b, 'full', new Date(now))], now);
    const relay = await exportFile(a, 'changes', new Date(now + 2000));
    const c = await openPc(sup!.identity, undefined, sim.trust);
    await importFiles(c, [first, relay], now + 3000);
    expect(await databaseDigest(c)).toBe(await databaseDigest(a));
  });

  it('backs up before an import that changes something, keeps the last N, and restores', async () => {
    const sim = simulate({ offices: 3, tasks: 3, reports: 30, seed: 21 });
    const now = maxWall(sim.pcs.map((p) => p.state)) + 60_000;
    const a = await openPc(sim.pcs[1]!.identity, sim.pcs[1]!.state, sim.trust);
    const b = await openPc(sim.pcs[2]!.identity, sim.pcs[2]!.state, sim.trust);
    const digestBefore = await databaseDigest(a);
    const backups = new MemoryBackups();
    const { result } = await importFiles(a, [await exportFile(b, 'full', new Date(now))], now, backups);
    expect(result.backupName).toMatch(/-import\.tzsync$/);
    expect(await databaseDigest(a)).not.toBe(digestBefore);
    const list = await listBackups(backups);
    expect(list).toHaveLength(1);
    expect(list[0]!.reason).toBe('导入前备份');
    const [afterImport, rebuiltAfterImport] = await summariesAndRebuild(a);
    expect(afterImport).toEqual(rebuiltAfterImport);
    await restoreBackup(a, backups, list[0]!.name);
    expect(await databaseDigest(a)).toBe(digestBefore);
    const [restored, rebuiltRestored] = await summariesAndRebuild(a);
    expect(restored).toEqual(rebuiltRestored);
    expect((await listBackups(backups)).map((x) => x.reason).sort()).toEqual(['导入前备份', '恢复前备份']);
  });
});

describe('stamp cache (re-import compares after one read)', () => {
  it('is written by an import, trusted only while count and newest stamp match, and never changes an outcome', async () => {
    const { readStampCache } = await import('../../../renderer/db/sync/stampCache');
    const { nextStamp } = await import('../../../renderer/db/installation');
    const sim = simulate({ offices: 3, tasks: 4, reports: 80, seed: 17 });
    const now = maxWall(sim.pcs.map((p) => p.state)) + 60_000;
    const a = await openPc(sim.pcs[1]!.identity, undefined, sim.trust);
    const file = await exportFile(await openPc(sim.pcs[2]!.identity, sim.pcs[2]!.state, sim.trust), 'full', new Date(now));
    await importFiles(a, [file], now);
    const cached = await readStampCache(a, 'reports');
    expect(cached?.size).toBe(await a.reports.count());
    expect([...cached!.values()].every((e) => Number.isFinite(e.print))).toBe(true);
    // A row in the earlier layout (arrays) is read the same.
    const row = (await a.meta.get('sync.stamps.reports'))!.value as { count: number; max: string; ids: string; stamps: string; prints: Float64Array };
    await a.meta.put({ key: 'sync.stamps.reports', value: { count: row.count, max: row.max, ids: row.ids.split('\n'), stamps: row.stamps.split('\n'), prints: [...row.prints] } });
    expect(await readStampCache(a, 'reports')).toEqual(cached);
    // A local edit (fresh stamp, above every stored one) outside sync: the cache plus the edit explains the table.
    const r = (await a.reports.toArray())[0]!;
    const edited = await nextStamp(a, now);
    await a.reports.put({ ...r, progress: '本机修改', stamp: edited });
    const after = await readStampCache(a, 'reports');
    expect(after?.get(r.id)).toEqual({ stamp: edited, print: NaN });
    // A write that the cache cannot explain (an older stamp, as a restore would write): not trusted.
    await a.reports.put({ ...r, id: 'rep_00000000000000000000ffff', stamp: r.stamp });
    expect(await readStampCache(a, 'reports')).toBeNull();
    await a.reports.delete('rep_00000000000000000000ffff');
    const preview = ok((await previewImport(a, [file], now))[0]!);
    expect(preview.counts.stale + preview.counts.updated).toBe(1);
  });
});
