import { describe, expect, it } from 'vitest';
import { sm3 } from 'sm-crypto-v2';
import { sm3Bytes, sm3Text } from '../../../shared/sync/sm3';
import { prng } from '../../../shared/sync';

describe('fast SM3 (signature checking)', () => {
  it('gives the examples of GB/T 32905-2016', () => {
    expect(sm3Text('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    expect(sm3Text('abcd'.repeat(16))).toBe('debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732');
  });

  it('equals sm-crypto-v2 on every length around the block and padding edges, on Chinese text, and on random bytes', () => {
    const rand = prng(32905);
    for (let n = 0; n < 300; n++) {
      const text = Array.from({ length: n }, () => (rand() < 0.3 ? String.fromCharCode(0x4e00 + Math.floor(rand() * 0x5000)) : String.fromCharCode(32 + Math.floor(rand() * 90)))).join('');
      expect(sm3Text(text)).toBe(sm3(text));
      const bytes = Uint8Array.from({ length: n }, () => Math.floor(rand() * 256));
      expect(sm3Bytes(bytes)).toBe(sm3(bytes));
    }
    const big = 'reports\n' + '市场监管局'.repeat(40_000);
    expect(sm3Text(big)).toBe(sm3(big));
    expect(sm3Text('😀 emoji and a lone surrogate \ud800')).toBe(sm3(new TextEncoder().encode('😀 emoji and a lone surrogate \ud800')));
  });
});
