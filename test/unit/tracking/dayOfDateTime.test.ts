import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayOfDateTime } from '../../../shared/tracking/dates';

/** The day as the Date parser gives it: what dayOfDateTime's fast path must agree with. */
function byParser(text: string): string {
  const d = new Date(text);
  if (Number.isNaN(d.getTime())) return text.slice(0, 10);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

describe('dayOfDateTime', () => {
  it('reads the ISO times the app writes as the Date parser does, in this time zone (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1000, 0, 1), max: Date.UTC(2200, 0, 1) }), (ms) => {
        const text = new Date(ms).toISOString();
        expect(dayOfDateTime(text)).toBe(byParser(text));
      }),
      { numRuns: 5000 },
    );
  });

  it('leaves every other form to the parser', () => {
    for (const text of ['2024-05-01', '2024-05-01T08:00:00+08:00', '2024-13-01T08:00:00.000Z', '2024-02-30T08:00:00.000Z', '2024-05-01T24:00:00.000Z', '0099-05-01T08:00:00.000Z', '2024-05-01T08:00:00.00xZ', 'garbage', '']) {
      expect(dayOfDateTime(text), text).toBe(byParser(text));
    }
  });
});
