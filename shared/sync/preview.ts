import type { PreviewCounts } from './classify';
import type { Manifest } from './manifest';

/** The calendar day the file was made, in the producing PC's own time (its ISO string carries the offset). */
export function exportDay(manifest: Manifest): string {
  return manifest.createdAt.slice(0, 10);
}

/**
 * The one-line summary shown before an import, e.g.
 * "市卫生健康局 · 2024-10-01 导出：新增 12 条进展，更新 3 条，冲突 1 条，已有 40 条（无变化），旧版本 2 条（忽略）".
 */
export function previewSentence(manifest: Manifest, c: PreviewCounts): string {
  const parts = [`新增 ${c.newReports} 条进展`];
  if (c.newOther > 0) parts.push(`新增 ${c.newOther} 条计划、任务、督办等记录`);
  parts.push(`更新 ${c.updated} 条`, `冲突 ${c.conflicts} 条`, `已有 ${c.unchanged} 条（无变化）`, `旧版本 ${c.stale} 条（忽略）`);
  if (c.refused > 0) parts.push(`拒绝 ${c.refused} 条（签名无效或越权）`);
  if (c.farFuture > 0) parts.push(`时间超前 ${c.farFuture} 条（照常应用，请核对时钟）`);
  return `${manifest.producer.office} · ${exportDay(manifest)} 导出：${parts.join('，')}`;
}

export const SCOPE_LABELS: Record<Manifest['scope']['kind'], string> = {
  full: '全部数据',
  changes: '自上次导出以来的变更',
  merge: '合并文件',
  backup: '本机备份',
};
