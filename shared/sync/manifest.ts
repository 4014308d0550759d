import { z } from 'zod';
import { IdSchema, IdentitySchema, StampSchema } from '../model/schemas';
import { TABLE_ORDER } from './state';
import { ClockObservationSchema } from './clocks';

/** File name extension of snapshot files ("任务分解台账同步文件"). */
export const SNAPSHOT_EXTENSION = 'tzsync';
export const SNAPSHOT_FORMAT = 'taizhang-sync';
/** 2: adds the "trust" part (roster entries and signatures); version 1 files are still read. */
export const FORMAT_VERSION = 2;

/** Hard limits: a file beyond them is refused before anything is decompressed. */
export const LIMITS = {
  fileBytes: 2 * 1024 ** 3,
  manifestBytes: 4 * 1024 ** 2,
  /** Uncompressed size of one part. */
  partBytes: 256 * 1024 ** 2,
  /** Uncompressed size of all parts together (one file's content is held while it is applied). */
  totalBytes: 1024 ** 3,
  /**
   * Uncompressed bytes a part may declare per compressed byte. JSON lines of real records deflate 4–12×, already
   * compressed attachments about 1×; deflate itself cannot exceed about 1,030×. A part beyond this ratio is
   * refused before decompressing (a 3 MB file cannot carry a gigabyte of records).
   */
  ratio: 64,
  /** Parts up to this size may declare any ratio (a few identical records compress very well). */
  ratioFreeBytes: 4 * 1024 ** 2,
  parts: 100_000,
  records: 5_000_000,
  /** One record's JSON line. */
  lineBytes: 1024 ** 2,
  blobBytes: 200 * 1024 ** 2,
} as const;

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, '无效的 SHA-256');
const Count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const PartSchema = z.strictObject({
  /** "records" parts hold JSON lines of one table; "blob" parts hold one attachment's bytes; "trust" parts hold
   *  roster entries and signature statements (JSON lines). */
  kind: z.enum(['records', 'blob', 'trust']),
  table: z.enum(TABLE_ORDER).nullable(),
  /** For blob parts: the attachment's SHA-256 (its content address). */
  blob: Sha256.nullable(),
  count: Count,
  /** Byte offset of the compressed part after the manifest, and its compressed length. */
  offset: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  length: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  /** Uncompressed size: decompression stops and the file is refused beyond it. */
  size: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  /** SHA-256 of the compressed bytes. */
  sha256: Sha256,
});
export type Part = z.infer<typeof PartSchema>;

const CountsSchema = z.strictObject({
  plans: Count,
  sections: Count,
  tasks: Count,
  units: Count,
  reports: Count,
  actions: Count,
  // Kinds added later: absent in files from earlier versions (and left out when zero, so those versions can read
  // a file that carries none of them).
  requests: Count.optional(),
  requestEvents: Count.optional(),
  requestLedgers: Count.optional(),
  scoreSchemes: Count.optional(),
  scoreAdjustments: Count.optional(),
  blobs: Count,
});
export type ManifestCounts = z.infer<typeof CountsSchema>;

export const ManifestSchema = z.strictObject({
  format: z.literal(SNAPSHOT_FORMAT),
  formatVersion: z.number().int().min(1),
  app: z.strictObject({ name: z.string().max(100), version: z.string().max(40) }),
  producer: IdentitySchema.strict(),
  /** Local time of the producing PC, ISO 8601 with offset. */
  createdAt: z.string().datetime({ offset: true }),
  /** "full": the whole state; "changes": what changed since `since` (the producer's previous export). */
  scope: z.strictObject({ kind: z.enum(['full', 'changes', 'merge', 'backup']), since: StampSchema.nullable() }),
  plans: z.array(z.strictObject({ id: IdSchema, title: z.string().max(200) })).max(10_000),
  counts: CountsSchema,
  /** Highest change stamp in the file, null when empty. */
  maxStamp: StampSchema.nullable(),
  compression: z.literal('deflate-raw'),
  parts: z.array(PartSchema).max(LIMITS.parts),
  /** Reserved for detached signatures over the manifest bytes (a later version); always null in version 1. */
  signature: z.null(),
  /** What the producing PC noticed about clocks (its own and relayed): see clocks.ts. */
  clocks: z.array(ClockObservationSchema).max(200).optional(),
});
export type Manifest = z.infer<typeof ManifestSchema>;
