import { sm2, sm3, sm4 } from 'sm-crypto-v2';
import { scrypt } from '@noble/hashes/scrypt.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { z } from 'zod';
import { encodeUtf8, decodeBytes } from '../text/encoding';
import { sm3Bytes, sm3Text } from './sm3';

/**
 * The cryptography of this installation: 国密 SM2 signatures with SM3 (GB/T 32918 / GM/T 0003, GB/T 32905 /
 * GM/T 0004), SM4-GCM for content encryption (GB/T 32907, RFC 8998), scrypt for passwords. Implemented by
 * sm-crypto-v2 on top of the audited @noble curve arithmetic; checked against the standards' examples in
 * test/unit/sync/keys.test.ts. Everything here is pure and runs in Node, the browser and Electron alike.
 */
export const SIGNATURE_ALGORITHM = 'SM2-SM3' as const;
export const CIPHER_ALGORITHM = 'SM4-GCM' as const;

/** SM2 signer identity (the standard's default ID, used when none is agreed). */
const SM2_USER_ID = '1234567812345678';

export interface KeyPair {
  /** Uncompressed public key, hex "04" + x + y. */
  publicKey: string;
  /** Private key, 64 hex digits. */
  privateKey: string;
}

interface CryptoGlobals {
  crypto: { getRandomValues<T extends Uint8Array>(array: T): T };
}
export function randomBytes(n: number): Uint8Array {
  return (globalThis as unknown as CryptoGlobals).crypto.getRandomValues(new Uint8Array(n));
}

export const PublicKeySchema = z.string().regex(/^04[0-9a-f]{128}$/, '无效的公钥');
const PrivateKeySchema = z.string().regex(/^[0-9a-f]{64}$/);

/** A fresh key pair from the system's secure random source. */
export function generateKeyPair(): KeyPair {
  const kp = sm2.generateKeyPairHex();
  return { publicKey: kp.publicKey.toLowerCase(), privateKey: kp.privateKey.toLowerCase().padStart(64, '0') };
}

/** SM2 curve order n. */
const SM2_N = BigInt('0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54123');

/** A key pair derived from a seed: for simulations and tests only (the same seed gives the same key everywhere). */
const seeded = new Map<string, KeyPair>();
export function keyPairFromSeed(seed: string): KeyPair {
  const known = seeded.get(seed);
  if (known) return known;
  const keys = derive(seed);
  if (seeded.size > 1000) seeded.clear();
  seeded.set(seed, keys);
  return keys;
}

function derive(seed: string): KeyPair {
  const d = (BigInt(`0x${sm3(seed)}`) % (SM2_N - 1n)) + 1n;
  const privateKey = d.toString(16).padStart(64, '0');
  return { publicKey: sm2.getPublicKeyFromPrivateKey(privateKey).toLowerCase(), privateKey };
}

export function publicKeyOf(privateKey: string): string {
  return sm2.getPublicKeyFromPrivateKey(privateKey).toLowerCase();
}

export function isValidPublicKey(publicKey: string): boolean {
  return PublicKeySchema.safeParse(publicKey).success && sm2.verifyPublicKey(publicKey);
}

/** SM3 as hex (the fast implementation in sm3.ts, checked against sm-crypto-v2's). */
export function sm3Hex(input: Uint8Array | string): string {
  return typeof input === 'string' ? sm3Text(input) : sm3Bytes(input);
}

/** Key id: SM3 of the public key's bytes, first 16 bytes in hex. Names the key in statements and rosters. */
export function keyIdOf(publicKey: string): string {
  return sm3Hex(hexToBytes(publicKey)).slice(0, 32);
}

/**
 * The short fingerprint read aloud by phone to confirm a key: 20 decimal digits in five groups of four, derived
 * from the SM3 of the public key (about 66 bits: a forger cannot make a key that reads the same).
 */
export function fingerprintOf(publicKey: string): string {
  const digest = sm3Hex(hexToBytes(publicKey));
  const digits = (BigInt(`0x${digest.slice(0, 18)}`) % 10n ** 20n).toString().padStart(20, '0');
  return digits.match(/.{4}/g)!.join(' ');
}

/** SM2 signature (r‖s, hex) over the SM3 of Z‖message. */
export function signBytes(keys: KeyPair, message: Uint8Array): string {
  return sm2.doSignature(message, keys.privateKey, { hash: true, publicKey: keys.publicKey, userId: SM2_USER_ID }).toLowerCase();
}

export function verifyBytes(publicKey: string, message: Uint8Array, signature: string): boolean {
  if (!/^[0-9a-f]{128}$/.test(signature) || !PublicKeySchema.safeParse(publicKey).success) return false;
  try {
    return sm2.doVerifySignature(message, signature, publicKey, { hash: true, userId: SM2_USER_ID });
  } catch {
    return false;
  }
}

/** SM2 public-key encryption (C1‖C3‖C2), for wrapping a content key to a recipient. */
export function encryptToKey(publicKey: string, data: Uint8Array): Uint8Array {
  return hexToBytes(`04${sm2.doEncrypt(data, publicKey, 1)}`);
}

/** Throws when the ciphertext is not for this key or was altered. */
export function decryptWithKey(privateKey: string, data: Uint8Array): Uint8Array {
  const hex = bytesToHex(data);
  if (!hex.startsWith('04')) throw new Error('bad SM2 ciphertext');
  const out = sm2.doDecrypt(hex.slice(2), privateKey, 1, { output: 'array' });
  if (!(out instanceof Uint8Array) || out.length === 0) throw new Error('SM2 decryption failed');
  return out;
}

/** SM4-GCM encryption with a 128-bit key and a 96-bit nonce; returns ciphertext‖tag (16 bytes). */
export function sm4GcmEncrypt(key: Uint8Array, iv: Uint8Array, data: Uint8Array, aad: Uint8Array): Uint8Array {
  const r = sm4.encrypt(data, key, { mode: 'gcm', iv, associatedData: aad, output: 'array', outputTag: true }) as unknown as { output: Uint8Array; tag: Uint8Array };
  const out = new Uint8Array(r.output.length + 16);
  out.set(r.output, 0);
  out.set(r.tag, r.output.length);
  return out;
}

/** Throws when the key, nonce or associated data is wrong or the ciphertext was altered. */
export function sm4GcmDecrypt(key: Uint8Array, iv: Uint8Array, sealed: Uint8Array, aad: Uint8Array): Uint8Array {
  if (sealed.length < 16) throw new Error('ciphertext too short');
  const body = sealed.subarray(0, sealed.length - 16);
  const tag = sealed.subarray(sealed.length - 16);
  return sm4.decrypt(body, key, { mode: 'gcm', iv, associatedData: aad, tag, output: 'array' }) as Uint8Array;
}

/** scrypt parameters for passwords (≈0.5 s in the browser: slow enough to make guessing expensive). */
export const PASSWORD_KDF = { name: 'scrypt', N: 2 ** 17, r: 8, p: 1 } as const;
export const KdfSchema = z.strictObject({
  name: z.literal('scrypt'),
  N: z.number().int().min(2 ** 14).max(2 ** 20),
  r: z.number().int().min(1).max(16),
  p: z.number().int().min(1).max(4),
  salt: z.string().regex(/^[0-9a-f]{32,64}$/),
});
export type Kdf = z.infer<typeof KdfSchema>;

export function newKdf(params: { N: number; r: number; p: number } = PASSWORD_KDF): Kdf {
  return { name: 'scrypt', N: params.N, r: params.r, p: params.p, salt: bytesToHex(randomBytes(16)) };
}

/** A 128-bit SM4 key from a password. */
export function passwordKey(password: string, kdf: Kdf): Uint8Array {
  return scrypt(encodeUtf8(password.normalize('NFC')), hexToBytes(kdf.salt), { N: kdf.N, r: kdf.r, p: kdf.p, dkLen: 16, maxmem: 1024 ** 3 });
}

/** The password rule for exported keys and sealed files. */
export function passwordProblem(password: string): string | null {
  if (password.length < 8) return '密码至少 8 位';
  if (/^\d+$/.test(password)) return '密码不能全是数字，请混合字母、数字或符号';
  return null;
}

/** An exported private key (key backup / moving to a new PC): readable only with its password. */
export const KeyBackupSchema = z.strictObject({
  format: z.literal('taizhang-key'),
  version: z.literal(1),
  algorithm: z.literal(SIGNATURE_ALGORITHM),
  cipher: z.literal(CIPHER_ALGORITHM),
  office: z.string().max(200),
  device: z.string().max(64),
  publicKey: PublicKeySchema,
  kdf: KdfSchema,
  iv: z.string().regex(/^[0-9a-f]{24}$/),
  encrypted: z.string().regex(/^[0-9a-f]+$/).max(200),
});
export type KeyBackup = z.infer<typeof KeyBackupSchema>;

export class KeyFileError extends Error {
  override readonly name = 'KeyFileError';
}

export function exportPrivateKey(keys: KeyPair, owner: { office: string; device: string }, password: string, kdfParams: { N: number; r: number; p: number } = PASSWORD_KDF): string {
  const problem = passwordProblem(password);
  if (problem) throw new KeyFileError(problem);
  const kdf = newKdf(kdfParams);
  const iv = randomBytes(12);
  const aad = encodeUtf8(`taizhang-key\u0000${keys.publicKey}`);
  const encrypted = sm4GcmEncrypt(passwordKey(password, kdf), iv, hexToBytes(keys.privateKey), aad);
  const backup: KeyBackup = {
    format: 'taizhang-key', version: 1, algorithm: SIGNATURE_ALGORITHM, cipher: CIPHER_ALGORITHM,
    office: owner.office, device: owner.device, publicKey: keys.publicKey, kdf, iv: bytesToHex(iv), encrypted: bytesToHex(encrypted),
  };
  return JSON.stringify(backup, null, 2);
}

/** Read an exported key; a wrong password or an altered file is refused with a Chinese message. */
export function importPrivateKey(text: string, password: string): { keys: KeyPair; office: string; device: string } {
  let parsed: KeyBackup;
  try {
    parsed = KeyBackupSchema.parse(JSON.parse(text));
  } catch {
    throw new KeyFileError('这不是本软件导出的密钥文件，或文件已损坏');
  }
  let privateKey: string;
  try {
    const aad = encodeUtf8(`taizhang-key\u0000${parsed.publicKey}`);
    privateKey = bytesToHex(sm4GcmDecrypt(passwordKey(password, parsed.kdf), hexToBytes(parsed.iv), hexToBytes(parsed.encrypted), aad));
  } catch {
    throw new KeyFileError('密码错误，或密钥文件已被修改');
  }
  if (!PrivateKeySchema.safeParse(privateKey).success || publicKeyOf(privateKey) !== parsed.publicKey) throw new KeyFileError('密钥文件内容不一致，已拒绝');
  return { keys: { publicKey: parsed.publicKey, privateKey }, office: parsed.office, device: parsed.device };
}

export const utf8 = { encode: encodeUtf8, decode: (b: Uint8Array) => decodeBytes(b, 'utf-8', true) };
