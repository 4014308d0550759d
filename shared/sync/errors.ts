/** Why a snapshot file is refused. The message is Chinese and shown to the user as it is. */
export type RefusalCode =
  | 'not-snapshot'
  | 'truncated'
  | 'trailing-bytes'
  | 'checksum'
  | 'version'
  | 'oversized'
  | 'manifest'
  | 'proto'
  | 'part-hash'
  | 'decompress'
  | 'utf8'
  | 'json'
  | 'record'
  | 'duplicate'
  | 'count'
  | 'blob-hash';

export class SnapshotRefusedError extends Error {
  override readonly name = 'SnapshotRefusedError';
  constructor(
    readonly code: RefusalCode,
    message: string,
  ) {
    super(message);
  }
}

export const refuse = (code: RefusalCode, message: string): never => {
  throw new SnapshotRefusedError(code, message);
};
