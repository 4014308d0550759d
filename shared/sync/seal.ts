import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { z } from 'zod';
import { CIPHER_ALGORITHM, KdfSchema, PublicKeySchema, SIGNATURE_ALGORITHM, decryptWithKey, encryptToKey, fingerprintOf, keyIdOf, newKdf, passwordKey, passwordProblem, randomBytes, sm3Hex, sm4GcmDecrypt, sm4GcmEncrypt, utf8, type KeyPair } from './keys';

/**
 * Sealed files: an outer wrapper around a snapshot's bytes, so a lost USB stick leaks nothing. The content is
 * encrypted with a fresh SM4 key in 1 MiB SM4-GCM chunks (each chunk's nonce and associated data bind its index,
 * whether it is the last, and the header, so chunks cannot be cut, reordered or swapped between files); the
 * content key is wrapped with SM2 to every key the roster lists for the recipient office, or with a password
 * (scrypt) for an office not enrolled yet. Layout:
 *   8 bytes magic "\x89TZSEAL\n" · u32 LE header length · header (UTF-8 JSON, SealHeaderSchema) · chunks
 * Opening checks everything before returning any byte; a wrong key, a wrong password or any altered byte is
 * refused with a Chinese message.
 */
export const SEAL_MAGIC = Uint8Array.from([0x89, 0x54, 0x5a, 0x53, 0x45, 0x41, 0x4c, 0x0a]);
const CHUNK = 1 << 20;
const TAG = 16;

const Hex = z.string().regex(/^[0-9a-f]*$/);
export const SealHeaderSchema = z.strictObject({
  format: z.literal('taizhang-sealed'),
  version: z.literal(1),
  cipher: z.literal(CIPHER_ALGORITHM),
  wrap: z.literal(`${SIGNATURE_ALGORITHM}`).or(z.literal('scrypt-SM4-GCM')),
  /** Plaintext size (the inner snapshot). */
  size: z.number().int().min(0).max(2 * 1024 ** 3),
  chunkBytes: z.literal(CHUNK),
  nonce: z.string().regex(/^[0-9a-f]{16}$/),
  /** Who can open it: the recipient office and its keys (recipient mode). */
  office: z.string().max(200).nullable(),
  recipients: z.array(z.strictObject({ keyId: z.string().regex(/^[0-9a-f]{32}$/), fingerprint: z.string().max(40), device: z.string().max(64), wrapped: Hex.max(400) })).max(50),
  /** Password mode: the KDF and the content key wrapped under the password key. */
  kdf: KdfSchema.nullable(),
  passwordIv: z.string().regex(/^[0-9a-f]{24}$/).nullable(),
  passwordWrapped: Hex.max(200).nullable(),
});
export type SealHeader = z.infer<typeof SealHeaderSchema>;

export type SealRefusal = 'format' | 'not-recipient' | 'password-required' | 'wrong-password' | 'tampered';
export class SealRefusedError extends Error {
  override readonly name = 'SealRefusedError';
  constructor(
    readonly code: SealRefusal,
    message: string,
  ) {
    super(message);
  }
}
const refuse = (code: SealRefusal, message: string): never => {
  throw new SealRefusedError(code, message);
};

export function isSealed(bytes: Uint8Array): boolean {
  return bytes.length >= SEAL_MAGIC.length && SEAL_MAGIC.every((b, i) => bytes[i] === b);
}

export type SealTarget =
  | { kind: 'office'; office: string; keys: { publicKey: string; device: string }[] }
  | { kind: 'password'; password: string; kdf?: { N: number; r: number; p: number } };

function u32(n: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, n, false);
  return b;
}

function chunkParams(nonce: Uint8Array, headerHash: Uint8Array, index: number, last: boolean) {
  const iv = new Uint8Array(12);
  iv.set(nonce, 0);
  iv.set(u32(index), 8);
  const aad = new Uint8Array(headerHash.length + 5);
  aad.set(headerHash, 0);
  aad.set(u32(index), headerHash.length);
  aad[headerHash.length + 4] = last ? 1 : 0;
  return { iv, aad };
}

/** Seal snapshot bytes for an office (all its enrolled keys) or under a password. Returns the file's chunks. */
export function seal(content: Uint8Array, target: SealTarget): Uint8Array[] {
  const key = randomBytes(16);
  const nonce = randomBytes(8);
  let header: SealHeader;
  if (target.kind === 'office') {
    if (target.keys.length === 0) throw new SealRefusedError('not-recipient', `「${target.office}」没有已登记的密钥，无法加密发给该单位；请改用密码加密`);
    header = {
      format: 'taizhang-sealed', version: 1, cipher: CIPHER_ALGORITHM, wrap: SIGNATURE_ALGORITHM, size: content.length, chunkBytes: CHUNK, nonce: bytesToHex(nonce),
      office: target.office,
      recipients: target.keys.map((k) => ({ keyId: keyIdOf(PublicKeySchema.parse(k.publicKey)), fingerprint: fingerprintOf(k.publicKey), device: k.device, wrapped: bytesToHex(encryptToKey(k.publicKey, key)) })),
      kdf: null, passwordIv: null, passwordWrapped: null,
    };
  } else {
    const problem = passwordProblem(target.password);
    if (problem) throw new SealRefusedError('wrong-password', problem);
    const kdf = newKdf(target.kdf);
    const iv = randomBytes(12);
    header = {
      format: 'taizhang-sealed', version: 1, cipher: CIPHER_ALGORITHM, wrap: 'scrypt-SM4-GCM', size: content.length, chunkBytes: CHUNK, nonce: bytesToHex(nonce),
      office: null, recipients: [], kdf, passwordIv: bytesToHex(iv),
      passwordWrapped: bytesToHex(sm4GcmEncrypt(passwordKey(target.password, kdf), iv, key, utf8.encode('taizhang-sealed-key'))),
    };
  }
  const headerBytes = utf8.encode(JSON.stringify(header));
  const prefix = new Uint8Array(SEAL_MAGIC.length + 4);
  prefix.set(SEAL_MAGIC, 0);
  new DataView(prefix.buffer).setUint32(SEAL_MAGIC.length, headerBytes.length, true);
  const headerHash = hexToBytes(sm3Hex(headerBytes));
  const out: Uint8Array[] = [prefix, headerBytes];
  const count = Math.max(1, Math.ceil(content.length / CHUNK));
  for (let i = 0; i < count; i++) {
    const { iv, aad } = chunkParams(nonce, headerHash, i, i === count - 1);
    out.push(sm4GcmEncrypt(key, iv, content.subarray(i * CHUNK, Math.min(content.length, (i + 1) * CHUNK)), aad));
  }
  return out;
}

/** Read a sealed file's header (who it is for) without opening it. */
export function readSealHeader(bytes: Uint8Array): { header: SealHeader; headerBytes: Uint8Array; bodyStart: number } {
  if (!isSealed(bytes) || bytes.length < SEAL_MAGIC.length + 4) refuse('format', '这不是加密的同步文件');
  const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(SEAL_MAGIC.length, true);
  const start = SEAL_MAGIC.length + 4;
  if (length > 1 << 20 || start + length > bytes.length) refuse('tampered', '加密文件不完整或已损坏，无法打开');
  const headerBytes = bytes.subarray(start, start + length);
  let header: SealHeader | undefined;
  try {
    header = SealHeaderSchema.parse(JSON.parse(utf8.decode(headerBytes)));
  } catch {
    refuse('format', '加密文件的头部无效（文件已损坏，或由不兼容的软件生成）');
  }
  return { header: header!, headerBytes, bodyStart: start + length };
}

export interface OpenKeys {
  /** This PC's key pair (recipient mode). */
  keys?: KeyPair;
  password?: string;
}

/** Open a sealed file: the inner snapshot's bytes, or a SealRefusedError with a Chinese message. */
export function unseal(bytes: Uint8Array, open: OpenKeys): Uint8Array {
  const { header, headerBytes, bodyStart } = readSealHeader(bytes);
  let key: Uint8Array | null = null;
  if (header.wrap === SIGNATURE_ALGORITHM) {
    const mine = open.keys ? header.recipients.find((r) => r.keyId === keyIdOf(open.keys!.publicKey)) : undefined;
    if (!mine) {
      const fps = header.recipients.map((r) => r.fingerprint).join('、');
      return refuse('not-recipient', `此文件是加密发给「${header.office ?? '其他单位'}」的（密钥指纹 ${fps}），本机不是收件电脑，无法打开`);
    }
    try {
      key = decryptWithKey(open.keys!.privateKey, hexToBytes(mine.wrapped));
    } catch {
      return refuse('tampered', '加密文件已被篡改或损坏，无法打开');
    }
  } else {
    if (!open.password) return refuse('password-required', '此文件用密码加密，请输入发送单位告知的密码');
    try {
      key = sm4GcmDecrypt(passwordKey(open.password, header.kdf!), hexToBytes(header.passwordIv!), hexToBytes(header.passwordWrapped!), utf8.encode('taizhang-sealed-key'));
    } catch {
      return refuse('wrong-password', '密码错误，无法打开此文件（或文件已被修改）');
    }
  }
  if (key.length !== 16) refuse('tampered', '加密文件已被篡改或损坏，无法打开');
  const count = Math.max(1, Math.ceil(header.size / CHUNK));
  const expected = bodyStart + header.size + count * TAG;
  if (bytes.length !== expected) refuse('tampered', '加密文件的长度不对（不完整或被修改），无法打开');
  const headerHash = hexToBytes(sm3Hex(headerBytes));
  const nonce = hexToBytes(header.nonce);
  const out = new Uint8Array(header.size);
  let at = bodyStart;
  for (let i = 0; i < count; i++) {
    const plain = Math.min(CHUNK, header.size - i * CHUNK);
    const { iv, aad } = chunkParams(nonce, headerHash, i, i === count - 1);
    try {
      out.set(sm4GcmDecrypt(key, iv, bytes.subarray(at, at + plain + TAG), aad), i * CHUNK);
    } catch {
      return refuse('tampered', '加密文件已被篡改或损坏，无法打开');
    }
    at += plain + TAG;
  }
  return out;
}
