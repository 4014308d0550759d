import { CLOCK_TOLERANCE_MS, TABLE_ORDER, clockVerdicts, mergeClockNotes, stampWall, type ClockObservation, type ClockVerdict } from '../../../shared/sync';
import { isBeyondRange, type Report } from '../../../shared/model';
import type { TaizhangDB } from '../database';
import { getIdentity, observeStamps } from '../installation';

/** Meta rows (local to this PC, never synced). */
const CLOCKS = 'sync.clocks';
const SHOWN_TIMES = 'sync.receivedAt';
const KEEP_SHOWN_TIMES = 50_000;

export async function getClockNotes(db: TaizhangDB): Promise<ClockObservation[]> {
  const v = (await db.meta.get(CLOCKS))?.value;
  return Array.isArray(v) ? (v as ClockObservation[]) : [];
}

/** Does merging these observations tell anything new (not only a later "seen at")? */
function changesSomething(current: readonly ClockObservation[], incoming: readonly ClockObservation[]): boolean {
  return incoming.some((o) => {
    const cur = current.find((c) => c.device === o.device && c.observer.device === o.observer.device);
    if (!cur) return o.aheadMs > CLOCK_TOLERANCE_MS;
    return Math.abs(cur.aheadMs - o.aheadMs) > CLOCK_TOLERANCE_MS;
  });
}

/** Keep what a file showed about clocks (inside the import transaction); a re-import of the same file writes nothing. */
export async function addClockNotes(db: TaizhangDB, incoming: readonly ClockObservation[], now: number): Promise<void> {
  if (incoming.length === 0) return;
  const current = await getClockNotes(db);
  if (!changesSomething(current, incoming)) return;
  await db.meta.put({ key: CLOCKS, value: mergeClockNotes(current, incoming, now) });
}

/** Which clocks look wrong, for the sync screen (this PC's own first). */
export async function clockWarnings(db: TaizhangDB): Promise<ClockVerdict[]> {
  // Read only (this runs in live queries): the device id as stored, never created here.
  const identity = await getIdentity(db);
  const stored = (await db.meta.get('deviceId'))?.value;
  const self = { device: identity?.deviceId ?? (typeof stored === 'string' ? stored : ''), office: identity?.office ?? '本机' };
  return clockVerdicts(await getClockNotes(db), self);
}

/**
 * Reports whose 报送时间 was later than this PC's clock when they arrived (the author's clock ran ahead): people
 * are shown the arrival time instead, so no date on screen lies in the future.
 */
export async function getShownTimes(db: TaizhangDB): Promise<Map<string, string>> {
  const v = (await db.meta.get(SHOWN_TIMES))?.value as Record<string, string> | undefined;
  return new Map(v ? Object.entries(v) : []);
}

export async function addShownTimes(db: TaizhangDB, reports: readonly Report[], now: number): Promise<void> {
  const ahead = reports.filter((r) => Date.parse(r.reportedAt) > now + 5 * 60_000);
  if (ahead.length === 0) return;
  const map = await getShownTimes(db);
  const at = new Date(now).toISOString();
  for (const r of ahead) map.set(r.id, at);
  const entries = [...map].slice(-KEEP_SHOWN_TIMES);
  await db.meta.put({ key: SHOWN_TIMES, value: Object.fromEntries(entries) });
}

/** The time to show for a report: its 报送时间, but never later than when this PC received it. */
export function shownReportedAt(report: Pick<Report, 'id' | 'reportedAt'>, shown: ReadonlyMap<string, string>): string {
  const received = shown.get(report.id);
  return received && Date.parse(received) < Date.parse(report.reportedAt) ? received : report.reportedAt;
}

/** Reports as people see them: the same records with 报送时间 clamped to arrival (a display copy, never stored). */
export function withShownTimes<R extends Pick<Report, 'id' | 'reportedAt'>>(reports: R[], shown: ReadonlyMap<string, string>): R[] {
  if (shown.size === 0) return reports;
  return reports.map((r) => {
    const at = shownReportedAt(r, shown);
    return at === r.reportedAt ? r : { ...r, reportedAt: at };
  });
}

/**
 * Move this PC's clock past every stamp it stores (run at start-up). Older versions ignored stamps far ahead of
 * the local clock; from now on whatever this PC writes sorts after everything it holds.
 */
export async function catchUpClock(db: TaizhangDB, now = Date.now()): Promise<void> {
  const stamps: string[] = [];
  for (const table of TABLE_ORDER) {
    const [max] = (await db.table(table).orderBy('stamp').reverse().limit(1).keys()) as string[];
    if (max && !isBeyondRange(max)) stamps.push(max);
  }
  const clock = (await db.meta.get('clock'))?.value as { wall?: number } | undefined;
  const newest = stamps.sort().at(-1);
  if (newest && (clock?.wall ?? 0) < stampWall(newest)) await observeStamps(db, [newest], now);
}
