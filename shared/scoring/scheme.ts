import { sha256Hex } from '../model/hash';
import { ScoreItemSchema, SCORE_ITEM_KINDS, type ScoreItem, type ScoreScheme } from '../model/schemas';

/**
 * The 考核 scheme: which items count and how many points each is worth. A plan has one scheme per year (a preset the
 * supervisor edits); a year without one uses the previous year's, or the defaults below.
 */
export const DEFAULT_SCORE_ITEMS: readonly ScoreItem[] = [
  { kind: 'on-time-reporting', label: '按时报送率', points: 40, cap: 0, enabled: true },
  { kind: 'on-time-completion', label: '按期完成率（已销号）', points: 30, cap: 0, enabled: true },
  { kind: 'targets-met', label: '量化指标达成率', points: 30, cap: 0, enabled: true },
  { kind: 'overdue', label: '逾期任务扣分', points: 2, cap: 10, enabled: true },
  { kind: 'returned', label: '被退回扣分', points: 1, cap: 5, enabled: true },
  { kind: 'discretionary', label: '酌情加减分', points: 0, cap: 10, enabled: true },
];

/** How each item is scored, in Chinese (the scheme screen and the 考核通报 print it). */
export function itemRule(item: ScoreItem): string {
  switch (item.kind) {
    case 'on-time-reporting':
      return `按时报送的期次 ÷ 应报期次 × ${item.points} 分（迟报、未报不得分；无应报期次按满分计）`;
    case 'on-time-completion':
      return `完成时限在考核期内的牵头任务中，于时限前销号的 ÷ 到期任务数 × ${item.points} 分（无到期任务按满分计）`;
    case 'targets-met':
      return `量化指标达标数 ÷ 应考核指标数 × ${item.points} 分（无量化指标按满分计）`;
    case 'overdue':
      return `完成时限在考核期内、逾期未销号或逾期后才销号的任务，每项扣 ${item.points} 分，最多扣 ${item.cap} 分`;
    case 'returned':
      return `考核期内进展被退回，每次扣 ${item.points} 分，最多扣 ${item.cap} 分`;
    case 'discretionary':
      return `督办单位酌情加分或减分（须写明理由），合计不超过 ±${item.cap} 分`;
  }
}

/** The most an item adds (rate items, discretionary) — for the table's heading. */
export function itemMax(item: ScoreItem): number {
  if (item.kind === 'overdue' || item.kind === 'returned') return 0;
  if (item.kind === 'discretionary') return item.cap;
  return item.points;
}

/** The ± limit on a unit's 酌情加减分 in a scheme (null: the item is off, nothing is counted). */
export function discretionaryCap(scheme: Pick<ScoreScheme, 'items'>): number | null {
  return scheme.items.find((i) => i.kind === 'discretionary' && i.enabled)?.cap ?? null;
}

/** Points of one 酌情加减分 beyond the cap: recorded as entered, but only up to the cap counts (see compute.ts). */
export function beyondCap(points: number, cap: number | null): boolean {
  return cap !== null && Number.isFinite(points) && Math.abs(points) > cap;
}

/** One scheme per plan and year: saving again replaces it on every PC. */
export function schemeId(planId: string, year: number): string {
  return `scs_${sha256Hex(`${planId}\u0000${year}`).slice(0, 24)}`;
}

/** The items in force for a year: its own scheme, else the latest earlier year's, else the defaults. */
export function schemeItems(schemes: readonly ScoreScheme[], planId: string, year: number): { items: ScoreItem[]; from: number | null } {
  let best: ScoreScheme | null = null;
  for (const s of schemes) {
    if (s.deleted || s.planId !== planId || s.year > year) continue;
    if (!best || s.year > best.year) best = s;
  }
  if (!best) return { items: DEFAULT_SCORE_ITEMS.map((i) => ({ ...i })), from: null };
  // Kinds added to the defaults later appear (switched off) in an older scheme.
  const items = [...best.items];
  for (const d of DEFAULT_SCORE_ITEMS) if (!items.some((i) => i.kind === d.kind)) items.push({ ...d, enabled: false });
  return { items, from: best.year };
}

/** Check edited items: known kinds once each, points and caps as numbers within range. Chinese message on refusal. */
export function checkItems(items: readonly unknown[]): { ok: true; value: ScoreItem[] } | { ok: false; message: string } {
  const out: ScoreItem[] = [];
  for (const raw of items) {
    const parsed = ScoreItemSchema.safeParse(raw);
    const label = (raw as { label?: unknown } | null)?.label;
    const name = typeof label === 'string' && label.trim() ? `「${label.trim()}」` : '考核项';
    if (!parsed.success) {
      const path = parsed.error.issues[0]?.path[0];
      return { ok: false, message: path === 'points' ? `${name}的分值应为 0–1000 的数字` : path === 'cap' ? `${name}的上限应为 0–1000 的数字` : path === 'label' ? '考核项名称不能为空' : `${name}填写有误` };
    }
    if (out.some((i) => i.kind === parsed.data.kind)) return { ok: false, message: `${name}重复` };
    out.push(parsed.data);
  }
  if (!out.length) return { ok: false, message: '至少需要一个考核项' };
  if (!out.every((i) => (SCORE_ITEM_KINDS as readonly string[]).includes(i.kind))) return { ok: false, message: '未知的考核项' };
  return { ok: true, value: out };
}
