import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { formatStamp, reportId, unitId, type Report } from '../../../shared/model';
import { decodeSnapshot, simulate } from '../../../shared/sync';
import { TaizhangDB, type ConflictEntry } from '../../../renderer/db/database';
import {
  REFUSED_PER_FILE,
  REFUSED_TOTAL,
  applyImport,
  dismissAllRefused,
  dismissConflict,
  keepRefused,
  listConflicts,
  previewImport,
  restoreConflict,
  type FilePreview,
} from '../../../renderer/db/sync';
import { dumpDatabase, exportFile, openPc, putSigned, ok } from './dbHelpers';


/**
 * Records refused at import are kept for review (未采用) with their reason and who claimed them — in the local
 * review table only: never in the data, never exported, never applied — until the user dismisses them; bounded.
 */
describe('refused records kept for review until dismissed', () => {
  const sim = simulate({ offices: 3, tasks: 70, reports: 0, seed: 11 });
  const [sup, office, other] = sim.pcs;
  const now = Date.UTC(2024, 9, 1);
  const dev = other!.identity.deviceId;
  /** Department `other` writes progress for `office`'s unit: every PC refuses it (only a unit reports for itself). */
  const forged = (n: number): Report[] =>
    Array.from({ length: n }, (_, i) => {
      const task = sup!.state.records.tasks[i % 70]!;
      const period = `2024-Q${1 + Math.floor(i / 70)}`;
      return {
        id: reportId(task.id, unitId(office!.identity.office), period), stamp: formatStamp(now - 60_000 + i, 0, dev), by: other!.identity.office, planId: task.planId, taskId: task.id,
        unitId: unitId(office!.identity.office), period, status: 'done', progress: `代填的进展 ${i}`, problems: '', nextSteps: '', percent: 100, attachments: [], author: '李四', reportedAt: new Date(now - 60_000).toISOString(),
      };
    });

  async function importForged(n: number) {
    const a = await openPc(office!.identity, sup!.state, sim.trust);
    const b = await openPc(other!.identity, sup!.state, sim.trust);
    const rows = forged(n);
    await putSigned(b, sim.trust, 'reports', rows);
    const file = await exportFile(b, 'full', new Date(now));
    const before = await dumpDatabase(a, { withoutRefusedReview: true });
    const preview = ok((await previewImport(a, [file], now))[0]!);
    expect(preview.refused).toHaveLength(n);
    const result = await applyImport(a, [{ preview, choice: {} }], { now });
    return { a, rows, file, before, result };
  }

  it('lists each refused record with its reason and who claimed it, survives a reload, and nothing of it reaches the data or an export', async () => {
    const { a, rows, file, before, result } = await importForged(3);
    expect(result).toMatchObject({ written: 0, refused: 3, backupName: null });
    expect(await dumpDatabase(a, { withoutRefusedReview: true })).toBe(before);
    for (const r of rows) expect(await a.reports.get(r.id)).toBeUndefined();
    // Reload: a new connection to the same database sees the same list.
    const name = a.name;
    a.close();
    const reopened = new TaizhangDB(name);
    await reopened.open();
    const listed = await listConflicts(reopened, ['refused']);
    expect(listed).toHaveLength(3);
    for (const c of listed) {
      expect(c).toMatchObject({ kind: 'refused', kindLabel: '未采用', table: 'reports', restorable: false, claimedBy: `${other!.identity.office}（设备 ${dev}）`, omitted: 0 });
      expect(c.reason).toContain('只能填报本单位的进展');
      expect(c.current).toBe('本机没有这条记录（未写入）');
      expect(c.other).toMatch(/^代填的进展 \d/);
      expect(c.source).toContain(file.name);
    }
    // Never applied, whatever is clicked.
    await expect(restoreConflict(reopened, listed[0]!.seq)).rejects.toThrow(/未采用的记录不能恢复/);
    for (const r of rows) expect(await reopened.reports.get(r.id)).toBeUndefined();
    // Not in what this PC exports.
    const out = await decodeSnapshot((await exportFile(reopened, 'full', new Date(now + 1000))).bytes);
    expect(out.state.records.reports.filter((r) => rows.some((x) => x.id === r.id))).toHaveLength(0);
    // Importing the same file again keeps nothing twice, also after a dismissal.
    await dismissConflict(reopened, listed[0]!.seq);
    expect(await listConflicts(reopened, ['refused'])).toHaveLength(2);
    const again = ok((await previewImport(reopened, [file], now))[0]!);
    expect((await applyImport(reopened, [{ preview: again, choice: {} }], { now })).refused).toBe(0);
    expect(await listConflicts(reopened, ['refused'])).toHaveLength(2);
    // Dismiss all.
    expect(await dismissAllRefused(reopened)).toBe(2);
    expect(await listConflicts(reopened, ['refused'])).toHaveLength(0);
  });

  it(`keeps at most ${REFUSED_PER_FILE} of one file, counting the rest ("及其余 M 条")`, async () => {
    const { a, result } = await importForged(REFUSED_PER_FILE + 40);
    expect(result.refused).toBe(REFUSED_PER_FILE);
    const listed = await listConflicts(a, ['refused']);
    expect(listed).toHaveLength(REFUSED_PER_FILE);
    expect(new Set(listed.map((c) => c.omitted))).toEqual(new Set([40]));
    expect(new Set(listed.map((c) => c.group)).size).toBe(1);
  });

  it(`keeps at most ${REFUSED_TOTAL} refused rows in all: dismissed ones go first, then the oldest`, async () => {
    const a = await openPc(office!.identity, sup!.state, sim.trust);
    const row = (i: number, resolved: boolean): ConflictEntry => ({
      table: 'reports', recordId: `rep_${i}`, loser: { id: `rep_${i}`, stamp: formatStamp(now, i, dev), by: other!.identity.office }, winnerStamp: '', detectedAt: new Date(now).toISOString(),
      source: 'test', resolved, kind: 'refused', reason: '测试', group: `g${Math.floor(i / 100)}`, omitted: 0,
    });
    await a.conflicts.add({ table: 'reports', recordId: 'x', loser: { id: 'x', stamp: formatStamp(now, 0, dev), by: 'y' }, winnerStamp: '', detectedAt: '', source: '', resolved: false, kind: 'conflict' });
    await a.transaction('rw', a.conflicts, () => keepRefused(a, Array.from({ length: REFUSED_TOTAL }, (_, i) => row(i, i < 30))));
    await a.transaction('rw', a.conflicts, () => keepRefused(a, Array.from({ length: 50 }, (_, i) => row(REFUSED_TOTAL + i, false))));
    const refused = await a.conflicts.filter((c) => c.kind === 'refused').toArray();
    expect(refused).toHaveLength(REFUSED_TOTAL);
    expect(refused.filter((c) => c.resolved)).toHaveLength(0);
    const ids = new Set(refused.map((c) => c.recordId));
    expect(ids.has('rep_29')).toBe(false); // dismissed: dropped first
    expect(ids.has('rep_49')).toBe(false); // then the oldest
    expect(ids.has('rep_50')).toBe(true);
    expect(ids.has(`rep_${REFUSED_TOTAL + 49}`)).toBe(true);
    expect(await a.conflicts.filter((c) => c.kind === 'conflict').count()).toBe(1); // other review entries untouched
  });
});
