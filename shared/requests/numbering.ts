import { normalizeKey } from '../model/ids';
import type { ServiceRequest } from '../model/schemas';

/**
 * Request numbers: `前缀-年份-序号`, e.g. "第一检查局-2024-037".
 *
 * Offices register requests offline and only meet through sync files, so a single running number across
 * offices cannot be kept: two offices would both hand out 2024-037 on the same day. The number therefore
 * carries the registering office's prefix, and each office counts its own requests per year. Only the
 * registering office may write its requests (the authority rule), so no other office ever uses its prefix.
 * Numbering at routing time would not help: routing happens offline too, at the same offices.
 *
 * The one case left, two PCs of the same office registering while apart, is found by `duplicateNumbers`
 * and shown in the ledgers, where the office renumbers one of them.
 */

/**
 * The default prefix: the office's own name, without the parent body a 内设机构 or 直属单位 is named under
 * ("市药监局第一检查局" → "第一检查局", "重庆市药品监督管理局药品注册处" → "药品注册处"), at most 12 characters.
 */
export function defaultPrefix(office: string): string {
  const name = office.normalize('NFKC').replace(/\s+/g, '');
  const own = /^.{2,}?(?:局|委员会|委|厅|办公室|政府)(.{3,})$/.exec(name)?.[1] ?? name;
  return own.length <= 12 ? own : own.slice(own.length - 12);
}

/** Same prefix, whatever the spacing or full/half-width characters. */
export const samePrefix = (a: string, b: string): boolean => normalizeKey(a) === normalizeKey(b);

/** The next free sequence number for a prefix and year among the requests this PC knows. */
export function nextSeq(requests: readonly Pick<ServiceRequest, 'prefix' | 'year' | 'seq' | 'deleted'>[], prefix: string, year: number): number {
  let max = 0;
  for (const r of requests) if (r.year === year && samePrefix(r.prefix, prefix) && r.seq > max) max = r.seq;
  return max + 1;
}

/** The number as printed: "第一检查局-2024-037". */
export function requestNumber(r: Pick<ServiceRequest, 'prefix' | 'year' | 'seq'>): string {
  return `${r.prefix}-${r.year}-${String(r.seq).padStart(3, '0')}`;
}

/** Numbers held by more than one live request (two PCs of one office numbering apart), with the request ids. */
export function duplicateNumbers(requests: readonly ServiceRequest[]): Map<string, string[]> {
  const byNumber = new Map<string, string[]>();
  for (const r of requests) {
    if (r.deleted) continue;
    const key = `${normalizeKey(r.prefix)}-${r.year}-${r.seq}`;
    const list = byNumber.get(key);
    if (list) list.push(r.id);
    else byNumber.set(key, [r.id]);
  }
  const out = new Map<string, string[]>();
  for (const [, ids] of byNumber) {
    if (ids.length < 2) continue;
    const first = requests.find((r) => r.id === ids[0])!;
    out.set(requestNumber(first), [...ids].sort());
  }
  return out;
}

/** Order for lists and ledgers: by year, prefix, then sequence. */
export function compareRequests(a: ServiceRequest, b: ServiceRequest): number {
  if (a.year !== b.year) return a.year - b.year;
  const pa = normalizeKey(a.prefix);
  const pb = normalizeKey(b.prefix);
  if (pa !== pb) return pa < pb ? -1 : 1;
  if (a.seq !== b.seq) return a.seq - b.seq;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
