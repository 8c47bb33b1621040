import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatCents } from '../../src/core/money';
import { MAX_CENTS_BYTES, putCents } from './byte-writer';

describe('putCents', () => {
  it('writes what core formatCents writes, within MAX_CENTS_BYTES', () => {
    const block = new Uint8Array(64);
    const dec = new TextDecoder();
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -1e6, max: 1e6 }), fc.maxSafeInteger()), (c) => {
        const end = putCents(block, 3, c);
        expect(end - 3).toBeLessThanOrEqual(MAX_CENTS_BYTES);
        expect(dec.decode(block.subarray(3, end))).toBe(formatCents(c));
      }),
      { numRuns: 3000 },
    );
  });
});
