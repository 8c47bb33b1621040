/** rateMismatch's double fast path against exact BigInt arithmetic (fast-check), at and around the tolerance. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { builtInRulepack } from './builtin-rulepack';
import { compileRules } from './compiled-rules';
import { rateMismatch } from './line-facts';

const rules = compileRules(builtInRulepack().pack);

function reference(duty: number, value: number, bp: number): boolean {
  const expected = BigInt(bp) * BigInt(value) * 1000n;
  const dutyScaled = BigInt(duty) * 10_000_000n;
  const diff = dutyScaled > expected ? dutyScaled - expected : expected - dutyScaled;
  const abs = expected < 0n ? -expected : expected;
  const min = BigInt(rules.rateToleranceCents) * 10_000_000n;
  const pct = (abs * BigInt(rules.rateTolerancePerMille)) / 1000n;
  return diff > (min > pct ? min : pct);
}

describe('rateMismatch', () => {
  it('agrees with exact integer arithmetic for any duty, value and rate', () => {
    const cents = fc.oneof(fc.integer({ min: -1e6, max: 1e9 }), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }));
    fc.assert(
      fc.property(cents, cents, fc.integer({ min: 0, max: 20_000 }), (duty, value, bp) => {
        expect(rateMismatch(duty, value, bp, rules)).toBe(reference(duty, value, bp));
      }),
      { numRuns: 20_000 },
    );
  });

  it('agrees right at the tolerance, where rounding would show', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e12 }),
        fc.integer({ min: 1, max: 20_000 }),
        fc.integer({ min: -2, max: 2 }),
        (value, bp, nudge) => {
          const expectedCents = (bp * value) / 10_000;
          const tolerance = Math.max(rules.rateToleranceCents, (expectedCents * rules.rateTolerancePerMille) / 1000);
          for (const duty of [
            Math.floor(expectedCents + tolerance) + nudge,
            Math.ceil(expectedCents - tolerance) + nudge,
          ]) {
            expect(rateMismatch(duty, value, bp, rules)).toBe(reference(duty, value, bp));
          }
        },
      ),
      { numRuns: 20_000 },
    );
  });
});
