import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { encodeUtf8 } from '../text/encoding';

/** Hex SHA-256 of bytes or of a string's UTF-8 encoding. Pure JS: same result in Node, browser and Electron. */
export function sha256Hex(input: Uint8Array | string): string {
  return bytesToHex(sha256(typeof input === 'string' ? encodeUtf8(input) : input));
}

interface CryptoGlobals {
  crypto: { getRandomValues<T extends Uint8Array>(array: T): T };
}

/** A random identifier (128 bits, URL-safe hex) for records that have no natural key. */
export function randomId(prefix: string): string {
  const bytes = (globalThis as unknown as CryptoGlobals).crypto.getRandomValues(new Uint8Array(16));
  return `${prefix}_${bytesToHex(bytes)}`;
}
