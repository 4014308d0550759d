import { periodLabel, type SyncedTable } from '../../../shared/model';
import { stampDevice, stampWall, TABLE_LABELS, type TableRecords } from '../../../shared/sync';
import { mayWrite, provisionalStamp } from '../authorize';
import type { ConflictEntry, TaizhangDB } from '../database';
import { getIdentity, nextStamp, observeStamps } from '../installation';
import { SyncRefusedError } from './exportSnapshot';
import { syncScope } from './state';

/** Kinds of review entries shown to people (absorbed versions are remembered, never shown). */
export type ReviewKind = Exclude<NonNullable<ConflictEntry['kind']>, 'absorbed'>;

export const REVIEW_KIND_LABELS: Record<ReviewKind, string> = {
  conflict: '修改冲突',
  refused: '未采用',
  orphan: '任务已删除',
  override: '销号/退回被覆盖',
};

export interface ConflictView {
  seq: number;
  kind: ReviewKind;
  kindLabel: string;
  table: SyncedTable;
  tableLabel: string;
  /** What the record is, for people: "第3项任务 · 市卫生健康局 · 2024年第三季度进展". */
  title: string;
  /** The version this PC keeps (its summary) and the one under review. */
  current: string;
  other: string;
  otherBy: string;
  /** Why (refused, orphaned, overridden), in Chinese; null for a plain conflict. */
  reason: string | null;
  /** When each version was made, for people: never later than when this PC learnt of it. */
  currentAt: number | null;
  otherAt: number;
  source: string;
  detectedAt: string;
  /** Whether "restore this version" makes sense (a losing version); the others can only be dismissed. */
  restorable: boolean;
  /** Refused records: the import they came from, and how many more of its refused versions were not kept one by one. */
  group: string | null;
  omitted: number;
  /** Who claimed the change: the record's 署名 and the device in its stamp. */
  claimedBy: string;
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
    case 'actions': {
      const kind = ({ confirm: '销号', return: '退回', urge: '催办', 'extension-request': '延期申请', 'extension-approve': '同意延期', 'extension-refuse': '不同意延期' } as Record<string, string>)[String(r.kind)] ?? '督办操作';
      return `${kind}${r.date ? `（${String(r.date)}）` : ''}${r.text ? `：${String(r.text)}` : ''}`;
    }
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

/** A change's time for people: its stamp's wall time, but never later than when this PC saw it. */
const shownAt = (stamp: string, seen: number) => Math.min(stampWall(stamp), seen);

/** Unresolved review entries (conflicts, refused records, orphaned reports, overridden 销号/退回), newest first, in Chinese. */
export async function listConflicts(db: TaizhangDB, kinds?: readonly ReviewKind[]): Promise<ConflictView[]> {
  const shown = (c: ConflictEntry): c is ConflictEntry & { kind?: ReviewKind } => !c.resolved && c.kind !== 'absorbed';
  const entries = (await db.conflicts.toArray()).filter(shown).filter((c) => !kinds || kinds.includes(c.kind ?? 'conflict')).reverse();
  const views: ConflictView[] = [];
  for (const c of entries) {
    const kind: ReviewKind = c.kind ?? 'conflict';
    const loser = c.loser as Record<string, unknown> & { stamp: string; by: string };
    const current = (await db.table(c.table).get(c.recordId)) as (Record<string, unknown> & { stamp: string }) | undefined;
    let title = `${TABLE_LABELS[c.table]}`;
    if (c.table === 'reports') {
      const task = await db.tasks.get(String(loser.taskId));
      const unit = await db.units.get(String(loser.unitId));
      title = `第${task?.number ?? '?'}项任务 · ${unit?.name ?? loser.by} · ${periodLabel(String(loser.period))}进展`;
    } else if (c.table === 'tasks') title = `第${String(loser.number)}项任务`;
    else if (c.table === 'actions') {
      const task = await db.tasks.get(String(loser.taskId));
      title = `第${task?.number ?? '?'}项任务 · 督办操作`;
    }
    const seen = Date.parse(c.detectedAt);
    let currentSummary = summary(c.table, current);
    if (kind === 'refused') currentSummary = current ? `本机保留的版本：${currentSummary}` : '本机没有这条记录（未写入）';
    else if (kind === 'override' && c.cause) {
      const by = (await db.table(c.cause.table).get(c.cause.id)) as Record<string, unknown> | undefined;
      currentSummary = `覆盖它的进展：${summary(c.cause.table, by)}`;
    } else if (kind === 'orphan') currentSummary = '（所属任务已删除）';
    views.push({
      seq: c.seq!,
      kind,
      kindLabel: REVIEW_KIND_LABELS[kind],
      table: c.table,
      tableLabel: TABLE_LABELS[c.table],
      title,
      current: currentSummary,
      other: summary(c.table, loser),
      otherBy: loser.by,
      reason: c.reason ?? null,
      currentAt: current ? shownAt(current.stamp, Math.max(seen, Date.now())) : null,
      otherAt: shownAt(loser.stamp, seen),
      source: c.source,
      detectedAt: c.detectedAt,
      // A refused version is never applied, whatever the user clicks: it can only be dismissed.
      restorable: kind === 'conflict',
      group: c.group ?? null,
      omitted: c.omitted ?? 0,
      claimedBy: `${loser.by || '未署名单位'}（设备 ${typeof loser.stamp === 'string' ? stampDevice(loser.stamp) : '?'}）`,
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
  if (pending.kind === 'refused') throw new SyncRefusedError('未采用的记录不能恢复（签名无效或超出修改权限），只能移除');
  // The same authority policy as every local write (and as every other PC applies to the restored version).
  const candidate = { ...(pending.loser as TableRecords[SyncedTable]), stamp: provisionalStamp(identity, new Date(now)), by: identity.office } as TableRecords[SyncedTable];
  const problem = await mayWrite(db, identity, pending.table, candidate);
  if (problem) throw new SyncRefusedError(`本机不能恢复此版本：${problem}`);
  await db.transaction('rw', syncScope(db), async () => {
    const entry = await db.conflicts.get(seq);
    if (!entry || entry.resolved) throw new SyncRefusedError('该冲突已处理');
    if (entry.kind === 'orphan' || entry.kind === 'override') throw new SyncRefusedError('此条只需核对，无需恢复');
    if (entry.kind === 'refused') throw new SyncRefusedError('未采用的记录不能恢复（签名无效或超出修改权限），只能移除');
    const table = db.table<TableRecords[SyncedTable], string>(entry.table);
    const current = await table.get(entry.recordId);
    // The restored version answers what this PC holds now: its stamp sorts after both versions.
    await observeStamps(db, [(entry.loser as { stamp: string }).stamp, ...(current ? [current.stamp] : [])], now);
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
        kind: 'conflict',
      };
      await db.conflicts.add(replaced);
    }
  });
}

/** Keep the current version: the entry leaves the list (it stays in the database, marked resolved). */
export async function dismissConflict(db: TaizhangDB, seq: number): Promise<void> {
  await db.conflicts.update(seq, { resolved: true });
}
