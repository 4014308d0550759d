import { describe, expect, it } from 'vitest';
import { sm2, sm3, sm4 } from 'sm-crypto-v2';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import {
  decryptWithKey,
  encryptToKey,
  exportPrivateKey,
  fingerprintOf,
  generateKeyPair,
  importPrivateKey,
  keyIdOf,
  keyPairFromSeed,
  publicKeyOf,
  signBytes,
  sm4GcmDecrypt,
  sm4GcmEncrypt,
  verifyBytes,
} from '../../../shared/sync/keys';

const enc = (s: string) => new TextEncoder().encode(s);
const FAST_KDF = { N: 2 ** 14, r: 8, p: 1 };

/** Examples of the standards, on the recommended SM2 curve (GB/T 32918.5-2017 appendix A, GB/T 32905, GB/T 32907, RFC 8998). */
describe('国密 primitives against the standards\u2019 examples', () => {
  const d = '3945208F7B2144B13F36E38AC6D39F95889393692860B51A42FB81EF4DF7C5B8';
  const k = '59276E27D506861A16680F3AD9C02DCCEF3CC1FA3CDBE4CE6D54B80DEAC1BC21';

  it('SM3 (GM/T 0004 / GB/T 32905 examples 1 and 2)', () => {
    expect(sm3('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    expect(sm3('abcd'.repeat(16))).toBe('debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732');
  });

  it('SM2 public key, signature with a fixed k, and verification (GM/T 0003 digital signature example)', () => {
    const pub = publicKeyOf(d.toLowerCase());
    expect(pub).toBe('0409f9df311e5421a150dd7d161e4bc5c672179fad1833fc076bb08ff356f35020ccea490ce26775a52dc6ea718cc1aa600aed05fbf35e084a6632f6072da9ad13');
    const r = 'F5A03B0648D2C4630EEAC513E1BB81A15944DA3827D5B74143AC7EACEEE720B3';
    const s = 'B1B6AA29DF212FD8763182BC0D421CA1BB9038FD1F7F42D4840B69C485BBC1AA';
    const kG = sm2.getPublicKeyFromPrivateKey(k);
    const sig = sm2.doSignature('message digest', d, { hash: true, publicKey: pub, pointPool: [{ k: BigInt(`0x${k}`), x1: BigInt(`0x${kG.slice(2, 66)}`) }] });
    expect(sig.toUpperCase()).toBe(r + s);
    expect(verifyBytes(pub, enc('message digest'), (r + s).toLowerCase())).toBe(true);
    expect(verifyBytes(pub, enc('message digesT'), (r + s).toLowerCase())).toBe(false);
  });

  it('SM2 decryption of the standard\u2019s ciphertext (GM/T 0003 public key encryption example, C1‖C3‖C2)', () => {
    const c1 = '04EBFC718E8D1798620432268E77FEB6415E2EDE0E073C0F4F640ECD2E149A73E858F9D81E5430A57B36DAAB8F950A3C64E6EE6A63094D99283AFF767E124DF0';
    const c3 = '59983C18F809E262923C53AEC295D30383B54E39D609D160AFCB1908D0BD8766';
    const c2 = '21886CA989CA9C7D58087307CA93092D651EFA';
    const plain = decryptWithKey(d.toLowerCase(), hexToBytes(`04${c1}${c3}${c2}`.toLowerCase()));
    expect(new TextDecoder().decode(plain)).toBe('encryption standard');
  });

  it('SM4 (GB/T 32907 example 1) and SM4-GCM (RFC 8998 A.1)', () => {
    const key = '0123456789abcdeffedcba9876543210';
    expect(sm4.encrypt(hexToBytes(key), key, { padding: 'none' })).toBe('681edf34d206965e86b3e94f536e4246');
    const plain = hexToBytes('AAAAAAAAAAAAAAAABBBBBBBBBBBBBBBBCCCCCCCCCCCCCCCCDDDDDDDDDDDDDDDDEEEEEEEEEEEEEEEEFFFFFFFFFFFFFFFFEEEEEEEEEEEEEEEEAAAAAAAAAAAAAAAA'.toLowerCase());
    const iv = hexToBytes('00001234567800000000abcd');
    const aad = hexToBytes('feedfacedeadbeeffeedfacedeadbeefabaddad2');
    const sealed = sm4GcmEncrypt(hexToBytes(key), iv, plain, aad);
    expect(bytesToHex(sealed)).toBe(
      ('17F399F08C67D5EE19D0DC9969C4BB7D5FD46FD3756489069157B282BB200735D82710CA5C22F0CCFA7CBF93D496AC15A56834CBCF98C397B4024A2691233B8D' + '83DE3541E4C2B58177E065A9BF7B62EC').toLowerCase(),
    );
    expect(sm4GcmDecrypt(hexToBytes(key), iv, sealed, aad)).toEqual(plain);
    sealed[3]! ^= 1;
    expect(() => sm4GcmDecrypt(hexToBytes(key), iv, sealed, aad)).toThrow();
  });
});

describe('installation keys', () => {
  it('sign and verify; another key or altered bytes fail', () => {
    const a = generateKeyPair();
    const b = generateKeyPair();
    const msg = enc('进展报送');
    const sig = signBytes(a, msg);
    expect(verifyBytes(a.publicKey, msg, sig)).toBe(true);
    expect(verifyBytes(b.publicKey, msg, sig)).toBe(false);
    expect(verifyBytes(a.publicKey, enc('进展报送!'), sig)).toBe(false);
    expect(verifyBytes(a.publicKey, msg, 'zz')).toBe(false);
  });

  it('seeded keys are deterministic; fingerprints are five groups of four digits; key ids differ', () => {
    expect(keyPairFromSeed('x')).toEqual(keyPairFromSeed('x'));
    expect(keyPairFromSeed('x').publicKey).not.toBe(keyPairFromSeed('y').publicKey);
    expect(fingerprintOf(keyPairFromSeed('x').publicKey)).toMatch(/^\d{4}( \d{4}){4}$/);
    expect(keyIdOf(keyPairFromSeed('x').publicKey)).toMatch(/^[0-9a-f]{32}$/);
  });

  it('encrypts a content key to a public key; the wrong private key cannot open it', () => {
    const a = generateKeyPair();
    const b = generateKeyPair();
    const secret = new Uint8Array(16).map((_, i) => i);
    const wrapped = encryptToKey(a.publicKey, secret);
    expect(decryptWithKey(a.privateKey, wrapped)).toEqual(secret);
    expect(() => decryptWithKey(b.privateKey, wrapped)).toThrow();
  });

  it('a private key leaves the PC only under a password; wrong password or altered file refused in Chinese', () => {
    const keys = generateKeyPair();
    expect(() => exportPrivateKey(keys, { office: '市教育局', device: 'dev_a' }, '123', FAST_KDF)).toThrow(/至少 8 位/);
    const text = exportPrivateKey(keys, { office: '市教育局', device: 'dev_a' }, 'correct horse', FAST_KDF);
    expect(text).not.toContain(keys.privateKey);
    expect(importPrivateKey(text, 'correct horse').keys).toEqual(keys);
    expect(() => importPrivateKey(text, 'wrong horse!')).toThrow('密码错误，或密钥文件已被修改');
    const altered = text.replace(/"office": "市教育局"/, '"office": "市公安局"');
    expect(importPrivateKey(altered, 'correct horse').office).toBe('市公安局'); // office is a label; the key is bound to its public key
    const swapped = JSON.stringify({ ...JSON.parse(text), publicKey: generateKeyPair().publicKey });
    expect(() => importPrivateKey(swapped, 'correct horse')).toThrow('密码错误，或密钥文件已被修改');
    expect(() => importPrivateKey('{}', 'x')).toThrow('这不是本软件导出的密钥文件');
  });
});
