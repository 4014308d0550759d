import { z } from 'zod';
import { stampDevice } from './canonical';
import type { Manifest } from './manifest';
import type { RecordSets } from './state';

/**
 * Careless clocks. Stamps only order changes (a PC's clock moves past every stamp it receives), so a wrong
 * clock never splits offices; but people must learn which PC's clock is wrong. Evidence comes from files: a
 * file whose export time (the producer's own wall clock) is later than this PC's clock on arrival, or reports
 * whose 报送时间 is later. Each PC keeps what it saw and passes it on in the files it exports, so the PC whose
 * clock is wrong hears it from the others, and every recipient sees which PC it is.
 */

/** Gaps below this are ordinary drift and travel time; above it the clock is reported. */
export const CLOCK_TOLERANCE_MS = 30 * 60_000;
/** Observations older than this are dropped (the clock has likely been fixed since). */
export const CLOCK_NOTE_TTL_MS = 30 * 86_400_000;
const MAX_NOTES = 200;

export const ClockObservationSchema = z.strictObject({
  /** The PC whose clock ran ahead of the observer's. */
  device: z.string().regex(/^[A-Za-z0-9_]{1,64}$/),
  office: z.string().max(200),
  /** At least this far ahead (ms); 0 records that a later file showed no gap (the clock was fixed). */
  aheadMs: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  observer: z.strictObject({ device: z.string().regex(/^[A-Za-z0-9_]{1,64}$/), office: z.string().max(200) }),
  /** When the observer saw it (the observer's clock, ISO 8601). */
  at: z.string().datetime({ offset: true }),
  /** What showed it: the file's export time, or the reports' 报送时间. */
  evidence: z.enum(['file', 'reports']),
});
export type ClockObservation = z.infer<typeof ClockObservationSchema>;

interface Who {
  device: string;
  office: string;
}

/** What one incoming file says about clocks, seen from this PC at `now`. */
export function observeFile(manifest: Manifest, records: RecordSets, self: Who, now: number): ClockObservation[] {
  const at = new Date(now).toISOString();
  const out: ClockObservation[] = [];
  const producer = manifest.producer;
  const created = Date.parse(manifest.createdAt);
  if (producer.deviceId !== self.device && Number.isFinite(created)) {
    const ahead = created - now;
    out.push({ device: producer.deviceId, office: producer.office, aheadMs: ahead > CLOCK_TOLERANCE_MS ? Math.round(ahead) : 0, observer: self, at, evidence: 'file' });
  }
  // Reports carry their author's wall time: the writing PC's clock, whoever relayed the file.
  const latest = new Map<string, { office: string; time: number }>();
  for (const r of records.reports) {
    const device = stampDevice(r.stamp);
    if (device === self.device) continue;
    const time = Date.parse(r.reportedAt);
    if (!(time - now > CLOCK_TOLERANCE_MS)) continue;
    const cur = latest.get(device);
    if (!cur || time > cur.time) latest.set(device, { office: r.by, time });
  }
  for (const [device, { office, time }] of latest) {
    if (device === producer.deviceId && out[0] && out[0].aheadMs >= time - now) continue;
    out.push({ device, office, aheadMs: Math.round(time - now), observer: self, at, evidence: 'reports' });
  }
  return out;
}

/** Merge observations: the newest per (observed PC, observer) wins; stale ones are dropped; bounded. */
export function mergeClockNotes(current: readonly ClockObservation[], incoming: readonly ClockObservation[], now: number): ClockObservation[] {
  const byKey = new Map<string, ClockObservation>();
  for (const o of [...current, ...incoming]) {
    const key = `${o.device}\u0000${o.observer.device}`;
    const cur = byKey.get(key);
    if (!cur || Date.parse(o.at) >= Date.parse(cur.at)) byKey.set(key, o);
  }
  return [...byKey.values()]
    .filter((o) => now - Date.parse(o.at) < CLOCK_NOTE_TTL_MS)
    .sort((a, b) => Date.parse(b.at) - Date.parse(a.at))
    .slice(0, MAX_NOTES);
}

/** A file exported this long ago (by this PC's clock) is worth a word before it is applied. */
export const OLD_FILE_MS = 45 * 86_400_000;

/**
 * A file that says it was exported long ago, by this PC's clock: an old file found on a stick, or this PC's date
 * (or the other PC's) is wrong — a PC whose clock runs a year fast sees every fresh file as a year old, and
 * would file its reports under the wrong period. Null when the file is recent (or its time cannot be read).
 */
export function oldFileNote(manifest: Pick<Manifest, 'createdAt'>, now: number): string | null {
  const created = Date.parse(manifest.createdAt);
  if (!Number.isFinite(created) || now - created < OLD_FILE_MS) return null;
  return `按本机时钟，此文件是${formatGap(now - created)}前导出的。如果它其实是刚导出的，说明本机或对方电脑的日期不对：请先核对两台电脑的日期，再填报进展（日期不对会把进展记到错误的报送期）。`;
}

/** "约 3 天", "约 5 小时", "约 40 分钟". */
export function formatGap(ms: number): string {
  if (ms >= 36 * 3600_000) return `约 ${Math.round(ms / 86_400_000)} 天`;
  if (ms >= 90 * 60_000) return `约 ${Math.round(ms / 3600_000)} 小时`;
  return `约 ${Math.max(1, Math.round(ms / 60_000))} 分钟`;
}

export interface ClockVerdict {
  /** Whose clock: this PC's ("self") or another PC's. */
  subject: 'self' | 'other';
  device: string;
  office: string;
  /** "ahead" or "behind" of the others. */
  direction: 'ahead' | 'behind';
  gapMs: number;
  /** Who noticed (offices). */
  observers: string[];
  /** For people, in Chinese, naming the PC. */
  message: string;
}

/**
 * Which clocks look wrong, from everything this PC knows. Another PC whose file came "from the future" is ahead
 * (or this PC is behind): when two or more offices' files all came from the future, this PC is the one behind.
 */
export function clockVerdicts(notes: readonly ClockObservation[], self: Who): ClockVerdict[] {
  const wrong = notes.filter((o) => o.aheadMs > CLOCK_TOLERANCE_MS);
  const out: ClockVerdict[] = [];
  const aboutSelf = wrong.filter((o) => o.device === self.device && o.observer.device !== self.device);
  if (aboutSelf.length > 0) {
    const gap = Math.max(...aboutSelf.map((o) => o.aheadMs));
    const observers = [...new Set(aboutSelf.map((o) => o.observer.office))];
    out.push({
      subject: 'self',
      device: self.device,
      office: self.office,
      direction: 'ahead',
      gapMs: gap,
      observers,
      message: `本机时钟可能快了${formatGap(gap)}：${observers.join('、')}的电脑收到本机导出的文件时，文件上的导出时间晚于它们当时的时间。请校准本机的系统日期和时间。`,
    });
  }
  const seenBySelf = wrong.filter((o) => o.observer.device === self.device && o.device !== self.device);
  const aheadOffices = [...new Set(seenBySelf.map((o) => o.office))];
  if (aheadOffices.length >= 2) {
    const gap = Math.min(...seenBySelf.map((o) => o.aheadMs));
    out.push({
      subject: 'self',
      device: self.device,
      office: self.office,
      direction: 'behind',
      gapMs: gap,
      observers: aheadOffices,
      message: `本机时钟可能慢了${formatGap(gap)}：${aheadOffices.join('、')}导出的文件时间都晚于本机当前时间。请校准本机的系统日期和时间。`,
    });
    return out;
  }
  const byDevice = new Map<string, ClockObservation[]>();
  for (const o of wrong) {
    if (o.device === self.device) continue;
    const list = byDevice.get(o.device);
    if (list) list.push(o);
    else byDevice.set(o.device, [o]);
  }
  for (const [device, list] of byDevice) {
    const gap = Math.max(...list.map((o) => o.aheadMs));
    const office = list[0]!.office;
    const observers = [...new Set(list.map((o) => (o.observer.device === self.device ? '本机' : o.observer.office)))];
    const onlySelf = observers.length === 1 && observers[0] === '本机';
    out.push({
      subject: 'other',
      device,
      office,
      direction: 'ahead',
      gapMs: gap,
      observers,
      message: onlySelf
        ? `「${office}」的电脑（设备 ${device}）时钟可能快了${formatGap(gap)}（也可能是本机时钟慢了）：它导出的文件或填报的进展时间晚于本机收到时的时间。请核对两台电脑的时间。`
        : `「${office}」的电脑（设备 ${device}）时钟可能快了${formatGap(gap)}（由${observers.join('、')}发现）。请提醒该单位校准系统日期和时间。`,
    });
  }
  return out;
}
