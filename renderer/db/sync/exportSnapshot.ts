import { encodeSnapshotInSlices, SNAPSHOT_EXTENSION, type EncodedSnapshot } from '../../../shared/sync';
import { createPacer } from './pacing';
import type { TaizhangDB } from '../database';
import { getIdentity, nextStamp } from '../installation';
import { localIso, fileTime } from './localTime';
import { getLastExport, getRelay, setExported, type ExportMark } from './marks';
import { getClockNotes } from './clockNotes';
import { readState, syncScope } from './state';
import { signForExport, storeStatements } from './signExport';

export class SyncRefusedError extends Error {
  override readonly name = 'SyncRefusedError';
}

export interface ExportResult {
  file: EncodedSnapshot;
  fileName: string;
  /** Pass to `markExported` once the file is saved: the next "changes" export starts from here. */
  mark: ExportMark;
  /** Records not exported: local drafts and versions no key signed. */
  withheld?: { drafts: number; unsigned: number };
}

export interface ExportOptions {
  /** "full": everything (always works); "changes": what changed since this PC's last export. */
  mode: 'full' | 'changes';
  appVersion: string;
  now?: Date;
}

/** Build a snapshot file of this PC's state (read in one transaction, so it is consistent). */
export async function exportSnapshot(db: TaizhangDB, opts: ExportOptions): Promise<ExportResult> {
  const identity = await getIdentity(db);
  if (!identity) throw new SyncRefusedError('请先设置本机所属单位，再导出同步文件');
  const now = opts.now ?? new Date();
  const previous = opts.mode === 'changes' ? await getLastExport(db) : null;
  const { state, mark, titles, clocks } = await db.transaction('rw', syncScope(db), async () => {
    const mark = await nextStamp(db, now.getTime());
    const relay = previous ? await getRelay(db) : {};
    const relayed = new Map(Object.entries(relay).map(([t, ids]) => [t, new Set(ids)]));
    const state = await readState(db, previous ? (table, r) => r.stamp > previous.mark || (relayed.get(table)?.has(r.id) ?? false) : undefined);
    const titles = new Map((await db.plans.toArray()).map((p) => [p.id, p.title]));
    return { state, mark, titles, clocks: await getClockNotes(db) };
  });
  // Every record leaves signed by its author; this PC signs its own publishable versions now.
  const signed = await signForExport(db, identity, state, now);
  const file = await encodeSnapshotInSlices(
    signed.state,
    {
      producer: identity,
      app: { name: '任务分解台账', version: opts.appVersion },
      createdAt: localIso(now),
      scope: { kind: previous ? 'changes' : 'full', since: previous?.mark ?? null },
      planTitles: titles,
      // What this PC noticed about clocks travels on, so the PC whose clock is wrong hears it.
      clocks,
    },
    createPacer(),
  );
  await storeStatements(db, signed.fresh);
  const kind = previous ? '变更' : '全部';
  const office = identity.office.replace(/[\\/:*?"<>|\s]/g, '');
  return { file, fileName: `台账同步-${office}-${fileTime(now)}-${kind}.${SNAPSHOT_EXTENSION}`, mark: { mark, at: localIso(now), kind: previous ? 'changes' : 'full' }, withheld: signed.withheld };
}

/** Remember a saved export, so the next "changes" export carries only what came after it. */
export async function markExported(db: TaizhangDB, mark: ExportMark): Promise<void> {
  await setExported(db, mark);
}
