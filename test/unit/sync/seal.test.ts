import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../shared/model';
import { concatBytes, generateKeyPair, isSealed, readSealHeader, seal, unseal, SealRefusedError } from '../../../shared/sync';

const FAST = { N: 2 ** 14, r: 8, p: 1 };
const content = new Uint8Array(2.5 * 1024 * 1024).map((_, i) => (i * 7) & 255); // three chunks
const same = (a: Uint8Array) => expect(sha256Hex(a)).toBe(sha256Hex(content));

function refusal(f: () => unknown): SealRefusedError {
  try {
    f();
  } catch (e) {
    if (e instanceof SealRefusedError) return e;
    throw e;
  }
  throw new Error('not refused');
}

describe('sealed files', () => {
  const office = [generateKeyPair(), generateKeyPair()];
  const stranger = generateKeyPair();
  const sealed = concatBytes(seal(content, { kind: 'office', office: '市教育局', keys: office.map((k, i) => ({ publicKey: k.publicKey, device: `dev_${i}` })) }));

  it('every PC of the recipient office opens it; the content is not readable in the file', () => {
    expect(isSealed(sealed)).toBe(true);
    expect(readSealHeader(sealed).header.office).toBe('市教育局');
    for (const keys of office) same(unseal(sealed, { keys }));
  });

  it('wrong recipient, wrong or missing password, tampered or truncated ciphertext: refused in Chinese', () => {
    expect(refusal(() => unseal(sealed, { keys: stranger })).message).toMatch(/^此文件是加密发给「市教育局」的.*本机不是收件电脑/);
    const byPassword = concatBytes(seal(content, { kind: 'password', password: '督查2024春季', kdf: FAST }));
    same(unseal(byPassword, { password: '督查2024春季' }));
    expect(refusal(() => unseal(byPassword, {})).code).toBe('password-required');
    expect(refusal(() => unseal(byPassword, { password: '督查2024秋季' })).message).toBe('密码错误，无法打开此文件（或文件已被修改）');
    expect(() => seal(content, { kind: 'password', password: '1234' })).toThrow('密码至少 8 位');
    for (const at of [sealed.length - 1, sealed.length - 20, 200_000, sealed.length - 1_100_000]) {
      const copy = new Uint8Array(sealed);
      copy[at]! ^= 1;
      expect(refusal(() => unseal(copy, { keys: office[0] })).message).toMatch(/篡改或损坏/);
    }
    expect(refusal(() => unseal(sealed.subarray(0, sealed.length - 16), { keys: office[0] })).message).toMatch(/长度不对/);
    // The header is bound to every chunk: changing who it is for breaks the file.
    const text = new TextDecoder().decode(sealed.subarray(12, 12 + new DataView(sealed.buffer).getUint32(8, true)));
    const edited = new TextEncoder().encode(text.replace('市教育局', '市公安局'));
    const swapped = concatBytes([sealed.subarray(0, 12), edited, sealed.subarray(12 + edited.length)]);
    expect(refusal(() => unseal(swapped, { keys: office[0] })).code).toBe('tampered');
    // An empty snapshot still seals and opens.
    expect(unseal(concatBytes(seal(new Uint8Array(0), { kind: 'password', password: 'abcdefgh1', kdf: FAST })), { password: 'abcdefgh1' })).toEqual(new Uint8Array(0));
  });
});
