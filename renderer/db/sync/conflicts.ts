import { periodLabel, type SyncedTable } from '../../../shared/model';
import { stampWall, TABLE_LABELS, type TableRecords } from '../../../shared/sync';
import { mayWrite, provisionalStamp } from '../authorize';
import type { ConflictEntry, TaizhangDB } from '../database';
import { getIdentity, nextStamp } from '../installation';
import { SyncRefusedError } from './exportSnapshot';
import { syncScope } from './state';

export interface ConflictView {
  seq: number;
  table: SyncedTable;
  tableLabel: string;
  /** What the record is, for people: "第3项任务 · 市卫生健康局 · 2024年第三季度进展". */
  title: string;
  /** The kept (winning) version's summary and the other one's. */
  current: string;
  other: string;
  otherBy: string;
  /** Wall-clock ms of each version's change. */
  currentAt: number | null;
  otherAt: number;
  source: string;
  detectedAt: string;
}

function summary(table: SyncedTable, r: Record<string, unknown> | undefined): string {
  if (!r) return '（无）';
  if (r.deleted) return '（已删除）';
  switch (table) {
    case 'reports':
      return `${String(r.progress ?? '')}${r.percent != null ? `（完成 ${String(r.percent)}%）` : ''}`;
    case 'tasks':
      return String(r.content ?? '');
    case 'plans':
    case 'sections':
      return String(r.title ?? '');
    case 'units':
      return String(r.name ?? '');
    case 'actions':
      return String(r.text ?? '');
    case 'requests':
      return String(r.subject ?? '');
    case 'requestEvents':
      return String(r.text ?? r.reply ?? '');
    case 'requestLedgers':
      return String(r.period ?? '');
    case 'scoreSchemes':
      return String(r.year ?? '');
    case 'scoreAdjustments':
      return `${String(r.points ?? '')}分：${String(r.reason ?? '')}`;
  }
}

/** Unresolved conflicts, newest first, described in Chinese. */
export async function listConflicts(db: TaizhangDB): Promise<ConflictView[]> {
  const entries = (await db.conflicts.toArray()).filter((c) => !c.resolved).reverse();
  const views: ConflictView[] = [];
  for (const c of entries) {
    const loser = c.loser as Record<string, unknown> & { stamp: string; by: string };
    const current = (await db.table(c.table).get(c.recordId)) as (Record<string, unknown> & { stamp: string }) | undefined;
    let title = `${TABLE_LABELS[c.table]}`;
    if (c.table === 'reports') {
      const task = await db.tasks.get(String(loser.taskId));
      const unit = await db.units.get(String(loser.unitId));
      title = `第${task?.number ?? '?'}项任务 · ${unit?.name ?? loser.by} · ${periodLabel(String(loser.period))}进展`;
    } else if (c.table === 'tasks') title = `第${String(loser.number)}项任务`;
    views.push({
      seq: c.seq!,
      table: c.table,
      tableLabel: TABLE_LABELS[c.table],
      title,
      current: summary(c.table, current),
      other: summary(c.table, loser),
      otherBy: loser.by,
      currentAt: current ? stampWall(current.stamp) : null,
      otherAt: stampWall(loser.stamp),
      source: c.source,
      detectedAt: c.detectedAt,
    });
  }
  return views;
}

/**
 * Restore the other version: it becomes a new local change (fresh stamp from this PC), so it wins here and,
 * after the next exchange, everywhere. The version it replaces is kept in the list (resolved), so nothing is
 * lost. Refused when this PC may not make that change (authority).
 */
export async function restoreConflict(db: TaizhangDB, seq: number, now = Date.now()): Promise<void> {
  const identity = await getIdentity(db);
  if (!identity) throw new SyncRefusedError('请先设置本机所属单位');
  const pending = await db.conflicts.get(seq);
  if (!pending || pending.resolved) throw new SyncRefusedError('该冲突已处理');
  // The same authority policy as every local write (and as every other PC applies to the restored version).
  const candidate = { ...(pending.loser as TableRecords[SyncedTable]), stamp: provisionalStamp(identity, new Date(now)), by: identity.office } as TableRecords[SyncedTable];
  const problem = await mayWrite(db, identity, pending.table, candidate);
  if (problem) throw new SyncRefusedError(`本机不能恢复此版本：${problem}`);
  await db.transaction('rw', syncScope(db), async () => {
    const entry = await db.conflicts.get(seq);
    if (!entry || entry.resolved) throw new SyncRefusedError('该冲突已处理');
    const table = db.table<TableRecords[SyncedTable], string>(entry.table);
    const current = await table.get(entry.recordId);
    const stamp = await nextStamp(db, now);
    const restored = { ...(entry.loser as TableRecords[SyncedTable]), stamp, by: identity.office } as TableRecords[SyncedTable];
    await table.put(restored);
    await db.conflicts.update(seq, { resolved: true });
    if (current) {
      const replaced: ConflictEntry = {
        table: entry.table,
        recordId: entry.recordId,
        loser: current,
        winnerStamp: stamp,
        detectedAt: new Date(now).toISOString(),
        source: '恢复冲突版本时被替换',
        resolved: true,
      };
      await db.conflicts.add(replaced);
    }
  });
}

/** Keep the current version: the entry leaves the list (it stays in the database, marked resolved). */
export async function dismissConflict(db: TaizhangDB, seq: number): Promise<void> {
  await db.conflicts.update(seq, { resolved: true });
}
