import { describe, expect, it } from 'vitest';
import {
  REASONS,
  SEGMENTS,
  SEGMENT_REASONS,
  capeAccepts,
  hasExpectedPayment,
  isDeclared,
  segmentNames,
} from './reasons';

describe('segments and their reasons', () => {
  it('every reason belongs to exactly one segment, READY to none', () => {
    const listed = SEGMENTS.flatMap((s) => SEGMENT_REASONS[s]);
    expect([...listed].sort()).toEqual([...REASONS].sort());
    expect(SEGMENT_REASONS.READY).toEqual([]);
  });

  it('declared: READY, and DEFERRED only when opted in; paid on the projected date: READY; accepted by CAPE: both', () => {
    const holding = (p: (s: (typeof SEGMENTS)[number]) => boolean) => SEGMENTS.filter(p);
    expect(holding((s) => isDeclared(s, false))).toEqual(['READY']);
    expect(holding((s) => isDeclared(s, true))).toEqual(['DEFERRED', 'READY']);
    expect(holding(hasExpectedPayment)).toEqual(['READY']);
    expect(holding(capeAccepts)).toEqual(['DEFERRED', 'READY']);
  });

  it('names the segments a rule holds for, best first', () => {
    expect(segmentNames((s) => isDeclared(s, true))).toBe('READY and DEFERRED');
    expect(segmentNames((s) => isDeclared(s, true), '+')).toBe('READY + DEFERRED');
    expect(segmentNames(hasExpectedPayment)).toBe('READY');
  });
});
