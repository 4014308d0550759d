import { Deflate, Inflate } from 'fflate';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { SYNCED_TABLES, type Blob256, type Identity, type SyncedTable } from '../model/schemas';
import { createStreamDecoder, decodeBytes, encodeUtf8 } from '../text/encoding';
import { describeIssue, refuse, SnapshotRefusedError, SyncCancelledError, type IssueLike } from './errors';
import { FORMAT_VERSION, LIMITS, ManifestSchema, SNAPSHOT_FORMAT, type Manifest, type ManifestCounts, type Part } from './manifest';
import { LATER_TABLES, TABLE_ORDER, emptyRecordSets, type SyncState, type TableRecords } from './state';
import { canonicalRecordJson, contentPrint } from './canonical';
import { TrustLineSchema, type TrustBundle } from './trustBundle';

/**
 * The snapshot file (.tzsync). Layout, all integers little-endian:
 *   8 bytes  magic "\x89TZSYNC\n" (the high byte and newline expose text-mode or 7-bit copying)
 *   4 bytes  manifest length M
 *   M bytes  manifest, UTF-8 JSON (ManifestSchema): format version, producer, counts, and per part its
 *            offset, compressed length, uncompressed size and SHA-256
 *   parts    each deflate-compressed: JSON lines of one table (at most RECORDS_PER_PART records), or one
 *            attachment's bytes (deduplicated by content hash)
 *  32 bytes  SHA-256 of everything before it
 * Signatures (a later version) will sign the manifest bytes, which pin every part by hash.
 */
export const MAGIC = Uint8Array.from([0x89, 0x54, 0x5a, 0x53, 0x59, 0x4e, 0x43, 0x0a]);
const HEADER = MAGIC.length + 4;
const TRAILER = 32;
export const RECORDS_PER_PART = 20_000;

export interface EncodeOptions {
  producer: Identity;
  app: { name: string; version: string };
  createdAt: string;
  scope: Manifest['scope'];
  /** Titles of plans referenced but not included (a "changes" export). */
  planTitles?: ReadonlyMap<string, string>;
  recordsPerPart?: number;
  level?: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
  /** Clock observations to pass on (see clocks.ts). */
  clocks?: Manifest['clocks'];
}

export interface EncodedSnapshot {
  /** The file as a list of chunks (never one giant buffer or string); join with concatBytes when needed. */
  chunks: Uint8Array[];
  size: number;
  manifest: Manifest;
  /** SHA-256 of the whole file (its trailer). */
  sha256: string;
}

/** Order that keeps a report's repeated ids close together, so deflate finds them. */
function orderForCompression<T extends SyncedTable>(table: T, records: readonly TableRecords[T][]): TableRecords[T][] {
  const key =
    table === 'reports'
      ? (r: TableRecords[T]) => {
          const x = r as TableRecords['reports'];
          return `${x.planId}${x.taskId}${x.unitId}${x.period}${x.id}`;
        }
      : (r: TableRecords[T]) => r.id;
  return [...records].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
}

/** Deflate one part; the generator yields between 64 KiB pieces of input, so an async driver can pause there. */
function* compress(feed: (push: (bytes: Uint8Array) => void) => Generator<void>, level: EncodeOptions['level']) {
  const chunks: Uint8Array[] = [];
  const hash = sha256.create();
  let length = 0;
  let size = 0;
  const deflate = new Deflate({ level: level ?? 6 }, (chunk) => {
    chunks.push(chunk);
    hash.update(chunk);
    length += chunk.length;
  });
  yield* feed((bytes) => {
    size += bytes.length;
    deflate.push(bytes);
  });
  deflate.push(new Uint8Array(0), true);
  return { chunks, length, size, sha256: bytesToHex(hash.digest()) };
}

/** The encoder as steps: it yields after each piece of work (about 64 KiB of input). */
function* encodeSteps(state: SyncState, opts: EncodeOptions): Generator<void, EncodedSnapshot> {
  const perPart = opts.recordsPerPart ?? RECORDS_PER_PART;
  const parts: Part[] = [];
  const data: Uint8Array[] = [];
  let offset = 0;
  const counts: ManifestCounts = { plans: 0, sections: 0, tasks: 0, units: 0, reports: 0, actions: 0, blobs: 0 };
  let maxStamp: string | null = null;
  const planIds = new Set<string>();
  const titles = new Map(opts.planTitles ?? []);

  for (const table of TABLE_ORDER) {
    const records = orderForCompression(table, state.records[table]);
    if (records.length || !LATER_TABLES.has(table)) counts[table] = records.length;
    for (let start = 0; start < records.length; start += perPart) {
      const slice = records.slice(start, start + perPart);
      const part = yield* compress(function* (push) {
        let text = '';
        for (const r of slice) {
          if (maxStamp === null || r.stamp > maxStamp) maxStamp = r.stamp;
          if (table === 'plans') {
            planIds.add(r.id);
            titles.set(r.id, (r as TableRecords['plans']).title);
          } else if ('planId' in r) planIds.add(r.planId);
          // Canonical lines: the same record is the same line in every PC's file (see DecodedSnapshot.prints).
          text += `${canonicalRecordJson(r)}\n`;
          if (text.length >= 1 << 16) {
            push(encodeUtf8(text));
            text = '';
            yield;
          }
        }
        if (text) push(encodeUtf8(text));
      }, opts.level);
      parts.push({ kind: 'records', table, blob: null, count: slice.length, offset, length: part.length, size: part.size, sha256: part.sha256 });
      data.push(...part.chunks);
      offset += part.length;
    }
  }
  const seenBlobs = new Set<string>();
  for (const blob of [...state.blobs].sort((a, b) => (a.sha256 < b.sha256 ? -1 : 1))) {
    if (seenBlobs.has(blob.sha256)) continue;
    seenBlobs.add(blob.sha256);
    const part = yield* compress(function* (push) {
      for (let at = 0; at < blob.data.length; at += 1 << 18) {
        push(blob.data.subarray(at, at + (1 << 18)));
        yield;
      }
    }, opts.level);
    parts.push({ kind: 'blob', table: null, blob: blob.sha256, count: 1, offset, length: part.length, size: part.size, sha256: part.sha256 });
    data.push(...part.chunks);
    offset += part.length;
  }
  counts.blobs = seenBlobs.size;
  const trustLines = [...(state.trust?.roster ?? []), ...(state.trust?.statements ?? [])];
  for (let start = 0; start < trustLines.length; start += perPart) {
    const slice = trustLines.slice(start, start + perPart);
    const part = yield* compress(function* (push) {
      for (const line of slice) push(encodeUtf8(`${JSON.stringify(line)}\n`));
      yield;
    }, opts.level);
    parts.push({ kind: 'trust', table: null, blob: null, count: slice.length, offset, length: part.length, size: part.size, sha256: part.sha256 });
    data.push(...part.chunks);
    offset += part.length;
  }

  const manifest: Manifest = {
    format: SNAPSHOT_FORMAT,
    formatVersion: FORMAT_VERSION,
    app: opts.app,
    producer: opts.producer,
    createdAt: opts.createdAt,
    scope: opts.scope,
    plans: [...planIds].sort().map((id) => ({ id, title: titles.get(id) ?? '' })),
    counts,
    maxStamp,
    compression: 'deflate-raw',
    parts,
    signature: null,
    ...(opts.clocks && opts.clocks.length > 0 ? { clocks: opts.clocks } : {}),
  };
  const manifestBytes = encodeUtf8(JSON.stringify(manifest));
  const header = new Uint8Array(HEADER);
  header.set(MAGIC, 0);
  new DataView(header.buffer).setUint32(MAGIC.length, manifestBytes.length, true);
  const whole = sha256.create();
  const chunks = [header, manifestBytes, ...data];
  for (const c of chunks) {
    whole.update(c);
    if (c.length > 1 << 16) yield;
  }
  const trailer = whole.digest();
  chunks.push(trailer);
  return { chunks, size: HEADER + manifestBytes.length + offset + TRAILER, manifest, sha256: bytesToHex(trailer) };
}

export function encodeSnapshot(state: SyncState, opts: EncodeOptions): EncodedSnapshot {
  const steps = encodeSteps(state, opts);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** The same file, made in slices: `pause` is awaited between them (the renderer yields to the window there). */
export async function encodeSnapshotInSlices(state: SyncState, opts: EncodeOptions, pause: () => Promise<void>): Promise<EncodedSnapshot> {
  const steps = encodeSteps(state, opts);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await pause();
  }
}

export function concatBytes(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** JSON.parse that refuses `__proto__` keys (prototype pollution) anywhere in the value. */
export function parseJsonSafely(text: string): unknown {
  if (!text.includes('__proto__')) return JSON.parse(text);
  return JSON.parse(text, (key, value: unknown) => {
    if (key === '__proto__') refuse('proto', '文件含有不允许的字段名「__proto__」（可能被恶意篡改），已拒绝导入');
    return value;
  });
}

const STRICT_SCHEMAS = Object.fromEntries(TABLE_ORDER.map((t) => [t, SYNCED_TABLES[t].strict()])) as unknown as {
  [T in SyncedTable]: {
    safeParse(v: unknown, ctx?: { error?: (issue: unknown) => string | undefined }): { success: true; data: TableRecords[T] } | { success: false; error: { issues: IssueLike[] } };
  };
};

/** zod's own (English) messages are replaced by `describeIssue`; this only stops zod from building them. */
const QUIET = { error: () => '' };

/** One JSON line of part `part` of a file; a line that is not JSON refuses the file, naming where. */
function parseFileLine(line: string, part: number, lineNo: number): unknown {
  try {
    return parseJsonSafely(line);
  } catch (e) {
    if (e instanceof SnapshotRefusedError) throw e;
    return refuse('json', `文件第 ${part} 部分第 ${lineNo} 行不是有效的数据，文件已损坏`);
  }
}

export const TABLE_LABELS: Record<SyncedTable, string> = {
  plans: '计划',
  sections: '章节',
  tasks: '任务',
  units: '单位',
  reports: '进展',
  actions: '督办操作',
  requests: '诉求事项',
  requestEvents: '诉求办理',
  requestLedgers: '诉求台账报送',
  scoreSchemes: '考核方案',
  scoreAdjustments: '考核加减分',
};

/**
 * Random-access bytes of a file: a File/Blob read by slices in the browser, a buffer in Node. The decoder never
 * asks for more than one part (or one 1 MiB slice) at a time, so a 2 GiB file is never held whole.
 */
export interface ByteSource {
  readonly size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
  /** The whole content, when it is already in memory (a buffer): its checksum is taken in one native call. */
  readonly whole?: Uint8Array;
}

export function bytesSource(bytes: Uint8Array): ByteSource {
  return { size: bytes.length, read: async (offset, length) => bytes.subarray(offset, offset + length), whole: bytes };
}

interface NativeDigest {
  crypto?: { subtle?: { digest(algorithm: string, data: Uint8Array): Promise<ArrayBuffer> } };
}
/** In-memory content up to this size is hashed by the platform in one call; larger content by slices. */
const NATIVE_HASH_BYTES = 64 * 1024 ** 2;

/**
 * SHA-256 by the platform's native implementation (Web Crypto, in browsers and Node alike: several times faster
 * than JavaScript, and off the main thread), or null where there is none (then @noble/hashes does it).
 */
async function nativeSha256(bytes: Uint8Array): Promise<string | null> {
  const subtle = (globalThis as NativeDigest).crypto?.subtle;
  if (!subtle || bytes.length > NATIVE_HASH_BYTES) return null;
  try {
    return bytesToHex(new Uint8Array(await subtle.digest('SHA-256', bytes)));
  } catch {
    return null;
  }
}

const sha256Hex = async (bytes: Uint8Array): Promise<string> => (await nativeSha256(bytes)) ?? bytesToHex(sha256(bytes));

/** Progress of a long decode, and a way to stop it or to give the window a turn between slices. */
export interface DecodeHooks {
  /** Awaited between slices of work (the renderer yields to the event loop here). */
  pause?: () => Promise<void>;
  /** Checked between slices; true stops the decode with SyncCancelledError. */
  isCancelled?: () => boolean;
  /** Bytes checked so far (of `size`) and records read so far. */
  onProgress?: (progress: { bytes: number; records: number }) => void;
}

export interface DecodeOptions extends DecodeHooks {
  limits?: Partial<typeof LIMITS>;
  /** Size of the compressed slices fed to the decompressor (tests use tiny ones to split characters). */
  chunkBytes?: number;
  /** "native": the runtime's DecompressionStream (fast; default where present); "fflate": pure JS. */
  inflater?: 'native' | 'fflate';
}

/** Per table, the fingerprint (`contentPrint`) of each record's line, aligned with `state.records`. */
export type PrintSets = { [T in SyncedTable]: number[] };

export function emptyPrintSets(): PrintSets {
  return Object.fromEntries(TABLE_ORDER.map((t) => [t, []])) as unknown as PrintSets;
}

export interface DecodedSnapshot {
  manifest: Manifest;
  state: SyncState;
  sha256: string;
  size: number;
  /** Line fingerprints: equal for equal canonical lines, so a re-import needs no record read to see "unchanged". */
  prints: PrintSets;
}

const MB = (n: number) => (n >= 1024 ** 3 ? `${(n / 1024 ** 3).toFixed(1)} GB` : n >= 1024 ** 2 ? `${Math.round(n / 1024 / 1024)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);
/** No record line is shorter than this (the shortest valid one is about 90 bytes): a part may not claim more records than its size can hold. */
const MIN_RECORD_BYTES = 16;
/** The whole-file checksum reads and hashes slices of this size (a pause between them). */
const SLICE_BYTES = 1024 ** 2;

function parseManifest(manifestBytes: Uint8Array): Manifest {
  let raw: unknown;
  try {
    raw = parseJsonSafely(decodeBytes(manifestBytes, 'utf-8', true));
  } catch (e) {
    if (e instanceof SnapshotRefusedError) throw e;
    refuse('manifest', '文件清单已损坏，无法读取');
  }
  const version = (raw as { formatVersion?: unknown } | null)?.formatVersion;
  if (typeof version === 'number' && version > FORMAT_VERSION) {
    refuse('version', `此文件由更新版本的软件导出（格式版本 ${version}，本软件支持 ${FORMAT_VERSION}），请先升级本软件再导入`);
  }
  const parsed = ManifestSchema.safeParse(raw, QUIET);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    refuse('manifest', `文件清单无效（${issue ? describeIssue(issue) : '格式错误'}）`);
  }
  const manifest = parsed.data!;
  if (manifest.formatVersion < 1 || manifest.formatVersion > FORMAT_VERSION) refuse('version', `不支持的文件格式版本 ${manifest.formatVersion}`);
  return manifest;
}

/** Header checks on the first bytes: the magic, then the manifest length against the limit and the file size. */
function checkHeader(head: Uint8Array, fileSize: number, limits: typeof LIMITS): number {
  if (fileSize === 0) refuse('truncated', '文件是空的（0 字节），可能在复制时中断，请重新导出后再导入');
  if (head.length < MAGIC.length || MAGIC.some((b, i) => head[i] !== b)) refuse('not-snapshot', '这不是任务分解台账同步文件（.tzsync），无法导入');
  if (fileSize > limits.fileBytes) refuse('oversized', `文件过大（${MB(fileSize)}，上限 ${MB(limits.fileBytes)}），已拒绝导入`);
  if (fileSize < HEADER + TRAILER) refuse('truncated', '文件不完整（可能在复制或下载时中断），请重新导出后再导入');
  const manifestLength = new DataView(head.buffer, head.byteOffset, head.byteLength).getUint32(MAGIC.length, true);
  if (manifestLength > limits.manifestBytes) refuse('oversized', '文件清单过大，已拒绝导入');
  if (HEADER + manifestLength + TRAILER > fileSize) refuse('truncated', '文件不完整（可能在复制或下载时中断），请重新导出后再导入');
  return manifestLength;
}

/** Read and check the header and manifest only (cheap): for `inspect` of a damaged file and for previews. */
export function readManifest(bytes: Uint8Array, options: DecodeOptions = {}): { manifest: Manifest; dataStart: number } {
  const limits = { ...LIMITS, ...options.limits };
  const manifestLength = checkHeader(bytes.subarray(0, HEADER), bytes.length, limits);
  return { manifest: parseManifest(bytes.subarray(HEADER, HEADER + manifestLength)), dataStart: HEADER + manifestLength };
}

/** The same from a source: reads only the first 12 bytes, then the manifest, never the rest of the file. */
export async function readManifestFrom(source: ByteSource, options: DecodeOptions = {}): Promise<{ manifest: Manifest; dataStart: number }> {
  const limits = { ...LIMITS, ...options.limits };
  const manifestLength = checkHeader(await readExactly(source, 0, Math.min(HEADER, source.size)), source.size, limits);
  const manifest = parseManifest(await readExactly(source, HEADER, manifestLength));
  return { manifest, dataStart: HEADER + manifestLength };
}

async function readExactly(source: ByteSource, offset: number, length: number): Promise<Uint8Array> {
  let bytes: Uint8Array;
  try {
    bytes = await source.read(offset, length);
  } catch {
    return refuse('unreadable', '文件读取失败（可能已被移动、删除或 U 盘已拔出），请重新选择文件');
  }
  if (bytes.length !== length) refuse('truncated', '文件不完整（可能在复制或下载时中断），请重新导出后再导入');
  return bytes;
}

/**
 * Everything the manifest declares, checked against the file's real size before a byte is decompressed:
 * parts contiguous and filling the file, each part's uncompressed size within the caps and within what its
 * compressed length can plausibly hold, record counts within what the sizes can hold, totals within the caps.
 */
function checkLayout(manifest: Manifest, dataStart: number, fileSize: number, limits: typeof LIMITS): void {
  let expected = 0;
  let totalSize = 0;
  const partCounts: Required<ManifestCounts> = { plans: 0, sections: 0, tasks: 0, units: 0, reports: 0, actions: 0, requests: 0, requestEvents: 0, requestLedgers: 0, scoreSchemes: 0, scoreAdjustments: 0, blobs: 0 };
  for (const [i, p] of manifest.parts.entries()) {
    const n = i + 1;
    const shapeOk =
      p.kind === 'records' ? p.table !== null && p.blob === null : p.kind === 'trust' ? p.table === null && p.blob === null : p.table === null && p.blob !== null && p.count === 1;
    if (!shapeOk || p.offset !== expected) refuse('manifest', `文件清单无效（第 ${n} 部分的位置或类型不对）`);
    if (p.size > limits.partBytes || (p.kind === 'blob' && p.size > limits.blobBytes)) {
      refuse('oversized', `文件第 ${n} 部分过大（解压后 ${MB(p.size)}），已拒绝导入`);
    }
    if (p.size > limits.ratioFreeBytes && p.size > p.length * limits.ratio) {
      refuse('oversized', `文件第 ${n} 部分声明解压后 ${MB(p.size)}，而它在文件中只占 ${MB(p.length)}，不可能是正常数据，已拒绝导入`);
    }
    if (p.kind !== 'blob' && p.count * MIN_RECORD_BYTES > p.size) refuse('count', `文件第 ${n} 部分声明的记录数（${p.count} 条）超出其大小所能容纳的数量，文件可能被篡改`);
    expected += p.length;
    totalSize += p.size;
    if (p.kind === 'records') partCounts[p.table!] += p.count;
    else if (p.kind === 'blob') partCounts.blobs += 1;
  }
  if (totalSize > limits.totalBytes) refuse('oversized', `文件解压后过大（${MB(totalSize)}，上限 ${MB(limits.totalBytes)}），已拒绝导入`);
  // The same bound over the whole file: many small parts may not add up to more than its size can hold.
  if (totalSize > limits.ratioFreeBytes && totalSize > expected * limits.ratio) {
    refuse('oversized', `文件声明解压后共 ${MB(totalSize)}，而文件只有 ${MB(fileSize)}，不可能是正常数据，已拒绝导入`);
  }
  const totalRecords = TABLE_ORDER.reduce((n, t) => n + partCounts[t], 0);
  if (totalRecords > limits.records) refuse('oversized', `文件记录过多（${totalRecords} 条），已拒绝导入`);
  for (const key of [...TABLE_ORDER, 'blobs'] as const) {
    if (partCounts[key] !== (manifest.counts[key] ?? 0)) refuse('count', '文件清单中的记录数与各部分不符，文件可能被篡改');
  }
  const end = dataStart + expected;
  if (fileSize < end + TRAILER) refuse('truncated', '文件不完整（可能在复制或下载时中断），请重新导出后再导入');
  if (fileSize > end + TRAILER) refuse('trailing-bytes', '文件末尾有多余的数据，文件可能已损坏或被篡改');
}

/**
 * Validate and decode a whole snapshot file. Throws SnapshotRefusedError (Chinese message) on the first
 * problem; nothing is returned for a file that is not entirely valid. Order: magic and manifest (first bytes
 * only), declared sizes against the real size, whole-file checksum (read by slices), then part by part: part
 * checksum, bounded decompression, UTF-8, JSON, strict record schema, duplicate ids, counts.
 */
export async function decodeSnapshot(input: Uint8Array | ByteSource, options: DecodeOptions = {}): Promise<DecodedSnapshot> {
  const source = input instanceof Uint8Array ? bytesSource(input) : input;
  const limits = { ...LIMITS, ...options.limits };
  const chunkBytes = options.chunkBytes ?? 1 << 16;
  const native = (options.inflater ?? 'native') === 'native' && nativeInflateAvailable();
  const pause = options.pause;
  const stopIfCancelled = () => {
    if (options.isCancelled?.()) throw new SyncCancelledError();
  };
  const { manifest, dataStart } = await readManifestFrom(source, options);
  checkLayout(manifest, dataStart, source.size, limits);
  const end = source.size - TRAILER;

  // Whole-file checksum first: a damaged file is refused before anything is decompressed. Content already in
  // memory is hashed in one native call; anything else by slices (a pause between them).
  stopIfCancelled();
  let sha = source.whole?.length === source.size ? await nativeSha256(source.whole.subarray(0, end)) : null;
  if (sha !== null) options.onProgress?.({ bytes: end, records: 0 });
  else {
    const whole = sha256.create();
    for (let at = 0; at < end; at += SLICE_BYTES) {
      stopIfCancelled();
      whole.update(await readExactly(source, at, Math.min(SLICE_BYTES, end - at)));
      options.onProgress?.({ bytes: Math.min(at + SLICE_BYTES, end), records: 0 });
      if (pause) await pause();
    }
    sha = bytesToHex(whole.digest());
  }
  if (sha !== bytesToHex(await readExactly(source, end, TRAILER))) refuse('checksum', '文件校验失败：内容已损坏或被修改，请重新导出');

  const records = emptyRecordSets();
  const prints = emptyPrintSets();
  const blobs: Blob256[] = [];
  const trust: TrustBundle = { roster: [], statements: [] };
  const ids = new Map<SyncedTable, Set<string>>(TABLE_ORDER.map((t) => [t, new Set()]));
  let maxStamp: string | null = null;
  let recordsRead = 0;
  for (const [i, p] of manifest.parts.entries()) {
    const n = i + 1;
    stopIfCancelled();
    const compressed = await readExactly(source, dataStart + p.offset, p.length);
    if ((await sha256Hex(compressed)) !== p.sha256) refuse('part-hash', `文件第 ${n} 部分校验失败：内容已损坏或被修改`);
    const between = async () => {
      stopIfCancelled();
      if (pause) await pause();
    };
    if (p.kind === 'blob') {
      const data = new Uint8Array(p.size);
      let at = 0;
      const sink = { push: (chunk: Uint8Array) => (data.set(chunk, at), (at += chunk.length)), end: () => undefined };
      await (native ? inflatePartNative(compressed, p, n, sink, between) : inflatePart(compressed, p, n, chunkBytes, sink, between));
      if ((await sha256Hex(data)) !== p.blob) refuse('blob-hash', `文件第 ${n} 部分（附件）内容与其校验值不符`);
      if (blobs.some((b) => b.sha256 === p.blob)) refuse('duplicate', `附件重复出现：${p.blob!.slice(0, 12)}…`);
      blobs.push({ sha256: p.blob!, data });
      continue;
    }
    if (p.kind === 'trust') {
      let lineNo = 0;
      const onTrustLine = (line: string) => {
        lineNo++;
        const r = TrustLineSchema.safeParse(parseFileLine(line, n, lineNo), QUIET);
        if (!r.success) refuse('record', `文件第 ${n} 部分第 ${lineNo} 行的签名或名册记录无效`);
        const item = r.data!;
        if (item.type === 'statement') trust.statements.push(item);
        else trust.roster.push(item);
      };
      const sink = lineSplitter(onTrustLine, n, limits.lineBytes);
      await (native ? inflatePartNative(compressed, p, n, sink, between) : inflatePart(compressed, p, n, chunkBytes, sink, between));
      if (lineNo !== p.count) refuse('count', `文件第 ${n} 部分的记录数与清单不符，文件可能被篡改`);
      continue;
    }
    const table = p.table!;
    const seen = ids.get(table)!;
    const schema = STRICT_SCHEMAS[table];
    const out = records[table] as TableRecords[typeof table][];
    const outPrints = prints[table];
    let lineNo = 0;
    let inPart = 0;
    const onLine = (line: string) => {
      lineNo++;
      if (line.length === 0) refuse('json', `文件第 ${n} 部分第 ${lineNo} 行为空，文件已损坏`);
      const r = schema.safeParse(parseFileLine(line, n, lineNo), QUIET);
      if (!r.success) {
        const issue = r.error.issues[0];
        refuse('record', `第 ${lineNo} 条${TABLE_LABELS[table]}记录无效（${issue ? describeIssue(issue) : '格式错误'}）`);
      }
      const record = (r as { data: TableRecords[typeof table] }).data;
      if (seen.has(record.id)) refuse('duplicate', `${TABLE_LABELS[table]}记录编号重复（${record.id}），文件已损坏或被篡改`);
      seen.add(record.id);
      if (maxStamp === null || record.stamp > maxStamp) maxStamp = record.stamp;
      out.push(record);
      outPrints.push(contentPrint(line));
      inPart++;
    };
    const sink = lineSplitter(onLine, n, limits.lineBytes);
    await (native ? inflatePartNative(compressed, p, n, sink, between) : inflatePart(compressed, p, n, chunkBytes, sink, between));
    if (inPart !== p.count) refuse('count', `文件第 ${n} 部分的记录数与清单不符，文件可能被篡改`);
    recordsRead += inPart;
    options.onProgress?.({ bytes: end, records: recordsRead });
  }
  if (maxStamp !== manifest.maxStamp) refuse('manifest', '文件清单中的最新修改时间与内容不符，文件可能被篡改');
  const listed = new Set(manifest.plans.map((p) => p.id));
  for (const table of TABLE_ORDER) {
    for (const r of records[table]) {
      const pid = table === 'plans' ? r.id : 'planId' in r ? r.planId : null;
      if (pid !== null && !listed.has(pid)) refuse('manifest', '文件清单未列出其中记录所属的计划，文件可能被篡改');
    }
  }
  const state: SyncState = { records, blobs };
  if (trust.roster.length + trust.statements.length > 0) state.trust = trust;
  return { manifest, state, sha256: sha, size: source.size, prints };
}

interface ChunkSink {
  push(chunk: Uint8Array): void;
  end(): void;
}

/** Split UTF-8 bytes into lines; the streaming decoder never splits a character across chunk boundaries. */
function lineSplitter(onLine: (line: string) => void, part: number, maxLine: number): ChunkSink {
  const decode = createStreamDecoder('utf-8', true);
  let carry = '';
  const tooLong = () => refuse('oversized', `文件第 ${part} 部分有一条记录过长，已拒绝导入`);
  const emit = (line: string) => (line.length > maxLine ? tooLong() : onLine(line));
  const take = (text: string) => {
    let start = 0;
    let nl = text.indexOf('\n');
    if (nl === -1) {
      carry += text;
    } else {
      emit(carry + text.slice(0, nl));
      carry = '';
      start = nl + 1;
      while ((nl = text.indexOf('\n', start)) !== -1) {
        emit(text.slice(start, nl));
        start = nl + 1;
      }
      carry = text.slice(start);
    }
    if (carry.length > maxLine) tooLong();
  };
  const decodeOrRefuse = (chunk: Uint8Array | null) => {
    try {
      return decode(chunk);
    } catch {
      return refuse('utf8', `文件第 ${part} 部分不是有效的 UTF-8 文本（中文可能已损坏）`);
    }
  };
  return {
    push: (chunk) => take(decodeOrRefuse(chunk)),
    end: () => {
      take(decodeOrRefuse(null));
      if (carry !== '') refuse('truncated', `文件第 ${part} 部分最后一条记录不完整，文件已损坏`);
    },
  };
}

/** Inflate one part in slices (pure JS), refusing as soon as the output passes the declared size. */
async function inflatePart(compressed: Uint8Array, part: Part, n: number, chunkBytes: number, sink: ChunkSink, between: () => Promise<void>): Promise<void> {
  let size = 0;
  let finished = false;
  const inflate = new Inflate((chunk, final) => {
    size += chunk.length;
    if (size > part.size) refuse('oversized', `文件第 ${n} 部分解压后超过清单声明的大小，已拒绝导入`);
    sink.push(chunk);
    if (final) finished = true;
  });
  // Slices between pauses: about 1 MiB of compressed input (the small test slices are grouped).
  const perPause = Math.max(1, Math.floor((1 << 20) / chunkBytes));
  let slices = 0;
  try {
    for (let at = 0; at < compressed.length; at += chunkBytes) {
      inflate.push(compressed.subarray(at, Math.min(at + chunkBytes, compressed.length)), at + chunkBytes >= compressed.length);
      if (++slices % perPause === 0) await between();
    }
    if (compressed.length === 0) inflate.push(new Uint8Array(0), true);
  } catch (e) {
    if (e instanceof SnapshotRefusedError || e instanceof SyncCancelledError) throw e;
    refuse('decompress', `文件第 ${n} 部分无法解压：内容已损坏`);
  }
  if (!finished || size !== part.size) refuse('decompress', `文件第 ${n} 部分解压后的大小与清单不符，文件已损坏`);
  sink.end();
}

interface StreamGlobals {
  DecompressionStream?: new (format: string) => {
    writable: { getWriter(): { write(chunk: Uint8Array): Promise<void>; close(): Promise<void> } };
    readable: { getReader(): { read(): Promise<{ done: boolean; value?: Uint8Array }>; cancel(): Promise<void> } };
  };
}
const streams = globalThis as unknown as StreamGlobals;

function nativeInflateAvailable(): boolean {
  try {
    return typeof streams.DecompressionStream === 'function' && new streams.DecompressionStream('deflate-raw') !== null;
  } catch {
    return false;
  }
}

/** Inflate with the runtime's native DecompressionStream, reading the output chunk by chunk. */
async function inflatePartNative(compressed: Uint8Array, part: Part, n: number, sink: ChunkSink, between: () => Promise<void>): Promise<void> {
  const stream = new streams.DecompressionStream!('deflate-raw');
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  writer.write(compressed).catch(() => undefined);
  writer.close().catch(() => undefined);
  let size = 0;
  let sinceBreak = 0;
  try {
    for (;;) {
      let chunk: { done: boolean; value?: Uint8Array };
      try {
        chunk = await reader.read();
      } catch {
        return refuse('decompress', `文件第 ${n} 部分无法解压：内容已损坏`);
      }
      if (chunk.done) break;
      const value = chunk.value!;
      size += value.length;
      if (size > part.size) refuse('oversized', `文件第 ${n} 部分解压后超过清单声明的大小，已拒绝导入`);
      sink.push(value);
      sinceBreak += value.length;
      if (sinceBreak >= 1 << 18) {
        sinceBreak = 0;
        await between();
      }
    }
  } catch (e) {
    reader.cancel().catch(() => undefined);
    throw e;
  }
  if (size !== part.size) refuse('decompress', `文件第 ${n} 部分解压后的大小与清单不符，文件已损坏`);
  sink.end();
}
