import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { formatStamp, reportId, unitId, type Action, type Report } from '../../../shared/model';
import { concatBytes, encodeSnapshot, simulate, stateDigest, type SyncState } from '../../../shared/sync';
import {
  applyImport,
  clockWarnings,
  databaseDigest,
  listConflicts,
  previewImport,
  snapshotFromBytes,
  type FilePreview,
  type ImportProgress,
} from '../../../renderer/db/sync';
import { loadPlanView } from '../../../renderer/db/tracking';
import type { TaizhangDB } from '../../../renderer/db/database';
import { dumpDatabase, exportFile, openPc, putSigned, ok } from './dbHelpers';
import { expectedState, exportOf, makeHistory } from './history';

const DEFAULT = { includeUnauthorized: false };

async function importAll(db: TaizhangDB, files: { name: string; bytes: Uint8Array }[], now: number) {
  const previews = await previewImport(db, files, now);
  return applyImport(db, previews.map((p) => ({ preview: ok(p), choice: DEFAULT })), { now });
}

const fileOf = (state: SyncState, producer: { deviceId: string; office: string; role: 'department' | 'supervisor' }, createdAt = '2024-10-01T09:30:00+08:00', name = 'f.tzsync') => ({
  name,
  bytes: concatBytes(encodeSnapshot(state, { producer, app: { name: '任务分解台账', version: 'test' }, createdAt, scope: { kind: 'full', since: null } }).chunks),
});

describe('merge through the database', () => {
  it('random histories with skewed clocks converge through files and the database code; re-import writes nothing', async () => {
    for (const seed of [11, 23, 37]) {
      const h = makeHistory({ seed, departments: 3, tasks: 4, steps: 60, selfImport: false });
      const expected = stateDigest(expectedState(h));
      const files = h.pcs.map((pc, i) => fileOf(exportOf(pc, h.trust), { deviceId: pc.device, office: pc.office, role: pc.role }, '2024-05-01T09:30:00+08:00', `${i}-${pc.name}.tzsync`));
      const now = Date.UTC(2026, 0, 1);
      for (const order of [files, [...files].reverse()]) {
        const db = await openPc({ deviceId: 'dev_observer', office: '市统计局', role: 'department' }, undefined, h.trust);
        // All at once, then one by one again (a re-import).
        await importAll(db, order, now);
        expect(await databaseDigest(db)).toBe(expected);
        const before = await dumpDatabase(db);
        for (const f of order) {
          const r = await importAll(db, [f], now);
          expect(r.written + r.conflicts).toBe(0);
        }
        expect(await dumpDatabase(db)).toBe(before);
      }
    }
  });

  it('a record edited keeping its stamp reconciles on both PCs: one winner everywhere, the other version listed', async () => {
    const sim = simulate({ offices: 3, tasks: 2, reports: 12, seed: 4 });
    const [, office] = sim.pcs;
    const state = office!.state;
    const report = state.records.reports.find((r) => !r.deleted)!;
    // PC b holds the same record with one character changed and the same stamp (edited without a new stamp, and
    // signed so by its author device: a version every PC accepts, tied with the other on the stamp).
    const edited: SyncState = { records: { ...state.records, reports: state.records.reports.map((r) => (r.id === report.id ? { ...r, progress: `${r.progress}。` } : r)) }, blobs: state.blobs };
    const a = await openPc(office!.identity, state, sim.trust);
    const b = await openPc({ ...office!.identity, deviceId: 'dev_otherpc' }, edited, sim.trust);
    const now = Date.UTC(2024, 9, 1);
    const fa = await exportFile(a, 'full', new Date(now));
    const fb = await exportFile(b, 'full', new Date(now));
    const pa = ok((await previewImport(a, [fb], now))[0]!);
    expect(pa.counts.updated + pa.counts.stale).toBe(1);
    await applyImport(a, [{ preview: pa, choice: DEFAULT }], { now });
    await importAll(b, [fa], now);
    expect(await databaseDigest(a)).toBe(await databaseDigest(b));
    // Each PC lists the one version that lost the tie (the same one on both).
    const [la, lb] = [await listConflicts(a), await listConflicts(b)];
    expect([la.length, lb.length]).toEqual([1, 1]);
    expect(la[0]!.other).toBe(lb[0]!.other);
    expect(la[0]!.kind).toBe('conflict');
  });

  it('lists a report written while its task was deleted, on both sides', async () => {
    const sim = simulate({ offices: 3, tasks: 2, reports: 0, seed: 8 });
    const [sup, office] = sim.pcs;
    const now = Date.UTC(2024, 9, 1);
    const s = await openPc(sup!.identity, sup!.state, sim.trust);
    const d = await openPc(office!.identity, sup!.state, sim.trust);
    const uid = unitId(office!.identity.office);
    const task = sup!.state.records.tasks.find((t) => t.lead.includes(uid))!;
    const unitName = office!.identity.office;
    const report: Report = {
      id: reportId(task.id, uid, '2024-Q3'), stamp: formatStamp(now - 1000, 0, office!.identity.deviceId), by: unitName, planId: task.planId, taskId: task.id, unitId: uid,
      period: '2024-Q3', status: 'in-progress', progress: '已部署', problems: '', nextSteps: '', percent: 30, attachments: [], author: '甲', reportedAt: new Date(now - 1000).toISOString(),
    };
    await putSigned(d, sim.trust, 'reports', [report]);
    await putSigned(s, sim.trust, 'tasks', [{ ...task, deleted: true, stamp: formatStamp(now - 500, 0, sup!.identity.deviceId) }]);
    await importAll(s, [await exportFile(d, 'full', new Date(now))], now);
    await importAll(d, [await exportFile(s, 'full', new Date(now))], now);
    for (const db of [s, d]) {
      const orphans = await listConflicts(db, ['orphan']);
      expect(orphans.map((c) => c.reason)).toEqual([expect.stringContaining('已被删除')]);
    }
    expect(await databaseDigest(s)).toBe(await databaseDigest(d));
  });

  it('lists a 退回 overridden by a report that never saw it; a report answering it is not listed', async () => {
    const sim = simulate({ offices: 3, tasks: 2, reports: 0, seed: 9 });
    const [sup, office] = sim.pcs;
    const now = Date.UTC(2024, 9, 1);
    const s = await openPc(sup!.identity, sup!.state, sim.trust);
    const uid = unitId(office!.identity.office);
    const task = sup!.state.records.tasks.find((t) => t.lead.includes(uid))!;
    const unitName = office!.identity.office;
    const unitPc = office!.identity.deviceId;
    const d = await openPc(office!.identity, sup!.state, sim.trust);
    const ret: Action = { id: 'act_0000000000000001', stamp: formatStamp(now - 5000, 0, sup!.identity.deviceId), by: sup!.identity.office, planId: task.planId, taskId: task.id, unitId: uid, kind: 'return', text: '请补充数据', date: '2024-09-30', newDeadline: null };
    await putSigned(s, sim.trust, 'actions', [ret]);
    // The unit's PC, its clock ahead, reports without having seen the 退回: its report sorts after it.
    const report = (basis?: string): Report => ({
      id: reportId(task.id, uid, '2024-Q3'), stamp: formatStamp(now + 86_400_000, basis ? 1 : 0, unitPc), by: unitName, planId: task.planId, taskId: task.id, unitId: uid,
      period: '2024-Q3', status: 'done', progress: basis ? '已补充' : '已完成', problems: '', nextSteps: '', percent: 100, attachments: [], author: '乙', reportedAt: new Date(now + 86_400_000).toISOString(),
      ...(basis ? { basis } : {}),
    });
    await putSigned(d, sim.trust, 'reports', [report()]);
    await importAll(s, [await exportFile(d, 'full', new Date(now))], now);
    const overridden = await listConflicts(s, ['override']);
    expect(overridden).toHaveLength(1);
    expect(overridden[0]!.reason).toContain('退回');
    // The unit answers the 退回 (its report records it): nothing more to list.
    await putSigned(d, sim.trust, 'reports', [report(ret.stamp)]);
    await importAll(s, [await exportFile(d, 'full', new Date(now))], now);
    expect(await listConflicts(s, ['override'])).toHaveLength(1);
  });
});

describe('careless clocks through the database', () => {
  it('names the PC whose clock runs ahead, to recipients and (through their files) to that PC itself; shows no future dates', async () => {
    const sim = simulate({ offices: 3, tasks: 2, reports: 0, seed: 12 });
    const [sup, office] = sim.pcs;
    const now = Date.UTC(2024, 9, 1, 2);
    const s = await openPc(sup!.identity, sup!.state, sim.trust);
    const uid = unitId(office!.identity.office);
    const task = sup!.state.records.tasks.find((t) => t.lead.includes(uid))!;
    const unitName = office!.identity.office;
    const fastPc = office!.identity.deviceId;
    const fast = await openPc(office!.identity, sup!.state, sim.trust);
    const ahead = now + 3 * 86_400_000;
    await fast.reports.put({
      id: reportId(task.id, uid, '2024-Q3'), stamp: formatStamp(ahead, 0, fastPc), by: unitName, planId: task.planId, taskId: task.id, unitId: uid, period: '2024-Q3',
      status: 'in-progress', progress: '已部署', problems: '', nextSteps: '', percent: 30, attachments: [], author: '丙', reportedAt: new Date(ahead).toISOString(),
    });
    const fromFast = await exportFile(fast, 'full', new Date(ahead));
    const preview = ok((await previewImport(s, [fromFast], now))[0]!);
    expect(preview.farFuture).toHaveLength(1);
    await applyImport(s, [{ preview, choice: DEFAULT }], { now });
    // Applied (offices converge), and the supervisor is told which PC's clock is wrong.
    expect(await s.reports.count()).toBe(1);
    const warnings = await clockWarnings(s);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toMatch(new RegExp(`「${unitName}」的电脑（设备 ${fastPc}）时钟可能快了约 3 天`));
    // 最近报送 shows the day the report arrived, not three days ahead.
    const view = await loadPlanView(s, task.planId);
    expect(view.reports[0]!.reportedAt).toBe(new Date(now).toISOString());
    // The fast PC hears it from the supervisor's next file.
    await importAll(fast, [await exportFile(s, 'full', new Date(now + 60_000))], ahead + 60_000);
    const own = await clockWarnings(fast);
    expect(own.map((w) => w.subject)).toContain('self');
    expect(own.find((w) => w.subject === 'self')!.message).toMatch(/^本机时钟可能快了约 3 天/);
  });
});

describe('causality at start-up', () => {
  it('a database holding stamps its clock never saw (an older version held them back) catches up before the next change', async () => {
    const { catchUpClock } = await import('../../../renderer/db/sync');
    const { nextStamp } = await import('../../../renderer/db/installation');
    const sim = simulate({ offices: 3, tasks: 2, reports: 0, seed: 2 });
    const db = await openPc(sim.pcs[0]!.identity, sim.pcs[0]!.state);
    const now = Date.UTC(2024, 9, 1);
    const ahead = formatStamp(now + 5 * 86_400_000, 3, 'dev_fastclock');
    await db.reports.put({
      id: 'rep_0000000000000000000000aa', stamp: ahead, by: '市卫生健康局', planId: sim.plan.id, taskId: sim.pcs[0]!.state.records.tasks[0]!.id, unitId: unitId('市卫生健康局'),
      period: '2024-Q3', status: 'done', progress: '完成', problems: '', nextSteps: '', percent: 100, attachments: [], author: '甲', reportedAt: new Date(now).toISOString(),
    });
    await catchUpClock(db, now);
    expect((await nextStamp(db, now)) > ahead).toBe(true);
    // Nothing to catch up: nothing written.
    const before = await dumpDatabase(db);
    await catchUpClock(db, now);
    expect(await dumpDatabase(db)).toBe(before);
  });
});

describe('many files: progress, cancel, one transaction per file', () => {
  const makeFiles = async (count: number) => {
    const sim = simulate({ offices: Math.min(count + 1, 21), tasks: 20, reports: count * 40, seed: 5 });
    trust = sim.trust;
    return sim.pcs.slice(0, count).map((pc, i) => fileOf(pc.state, pc.identity, '2024-10-01T09:30:00+08:00', `${String(i).padStart(2, '0')}.tzsync`));
  };
  let trust: ReturnType<typeof simulate>['trust'] | undefined;
  const receiver = () => openPc({ deviceId: 'dev_receiver', office: '市统计局', role: 'department' }, undefined, trust);

  it('reports progress by file and record; a cancel while checking writes nothing', async () => {
    const files = await makeFiles(5);
    const db = await receiver();
    const before = await dumpDatabase(db);
    const seen: ImportProgress[] = [];
    const controller = new AbortController();
    await expect(
      previewImport(db, files, {
        signal: controller.signal,
        onProgress: (p) => {
          seen.push(p);
          if (p.file === 3) controller.abort();
        },
      }),
    ).rejects.toThrow('已取消');
    expect(await dumpDatabase(db)).toBe(before);
    expect(seen.some((p) => p.file === 2 && p.records > 0)).toBe(true);
    expect(seen.every((p) => p.files === 5 && p.total > 0 && p.records <= p.total)).toBe(true);
  });

  it('a cancel during the apply keeps the files already applied whole and writes nothing of the rest', async () => {
    const files = await makeFiles(4);
    const db = await receiver();
    const previews = (await previewImport(db, files)).map(ok);
    const controller = new AbortController();
    const phases: string[] = [];
    const result = await applyImport(
      db,
      previews.map((preview) => ({ preview, choice: DEFAULT })),
      {
        signal: controller.signal,
        onProgress: (p) => {
          phases.push(`${p.phase}${p.file}`);
          if (p.phase === 'apply' && p.file === 3 && p.records > 0) controller.abort();
        },
      },
    );
    expect(result.cancelled).toBe(true);
    expect(result.files.map((f) => f.name)).toEqual(['00.tzsync', '01.tzsync']);
    // Exactly the first two files: the same as importing only them into a fresh PC.
    const reference = await receiver();
    await importAll(reference, files.slice(0, 2), Date.now());
    expect(await databaseDigest(db)).toBe(await databaseDigest(reference));
    expect(phases).toContain('apply3');
    // The rest still applies afterwards, and the end state is all four.
    const rest = (await previewImport(db, files.slice(2))).map(ok);
    await applyImport(db, rest.map((preview) => ({ preview, choice: DEFAULT })));
    const all = await receiver();
    await importAll(all, files, Date.now());
    expect(await databaseDigest(db)).toBe(await databaseDigest(all));
  });

  it('checks each file as if the ones before it were applied, and keeps only what a file changes', async () => {
    const files = await makeFiles(3);
    const db = await receiver();
    const [first, second] = (await previewImport(db, files)).map(ok) as [ReturnType<typeof ok>, ReturnType<typeof ok>];
    // The plan's structure comes with the first file; the second holds it already (as it will when applied).
    expect(first.counts.newOther).toBeGreaterThan(0);
    expect(second.counts.newOther).toBe(0);
    expect(second.counts.unchanged).toBeGreaterThan(0);
    const kept = second.decoded!.state.records;
    expect(kept.tasks).toHaveLength(0);
    expect(kept.reports.length).toBe(second.counts.newReports + second.counts.updated);
  });

  it('files too many to keep are read again at apply (the same result)', async () => {
    const { decodeSnapshot: decode } = await import('../../../shared/sync');
    const files = await makeFiles(3);
    expect((await decode(files[0]!.bytes)).manifest.counts.reports).toBeGreaterThan(0);
    const db = await receiver();
    const previews = (await previewImport(db, files.map((f) => snapshotFromBytes(f.name, f.bytes)))).map(ok);
    for (const p of previews) p.decoded = null; // as when over the memory budget
    await applyImport(db, previews.map((preview) => ({ preview, choice: DEFAULT })));
    const all = await receiver();
    await importAll(all, files, Date.now());
    expect(await databaseDigest(db)).toBe(await databaseDigest(all));
  });
});

