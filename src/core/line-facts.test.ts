import { describe, expect, it } from 'vitest';
import { type LineInput, capeRemovesLine, summariseLines } from './line-facts';
import { LINE_WARNING_BITS as W } from './reasons';
import { ieepaColumnHts } from './cell-values';
import { cents, day, rules } from '../../tests/factories/entries';

const commodity = (line: number, value: number, duty = 0): LineInput => ({
  hts: '8471300100',
  duty: cents(duty),
  value: cents(value),
  line,
});
const ieepa = (hts: string, line: number, duty: number, value = 0): LineInput => ({
  hts,
  duty: cents(duty),
  value: cents(value),
  line,
});
const june = day('2025-06-02');

describe('summariseLines', () => {
  it('splits IEEPA duty (duty > 0 lines) from other duty', () => {
    const f = summariseLines(
      [
        commodity(1, 1_000_000, 26_000),
        ieepa('99030125', 1, 100_000),
        ieepa('99030301', 1, 50_000),
        ieepa('99030133', 2, 0),
      ],
      june,
      rules,
    );
    expect(f.ieepaDuty).toBe(100_000);
    expect(f.otherDuty).toBe(76_000); // 9903.03 is not IEEPA
    expect(f.ieepaLines).toBe(2);
    expect(f.refundableLines).toBe(1);
    expect(f.warningBits).toBe(0);
    expect(f.programCents).toEqual([[rules.programs.indexOf('Reciprocal'), 100_000]]);
  });

  it('IEEPA duty read from a per-line IEEPA duty column: refundable, no program, IEEPA_FROM_COLUMN', () => {
    const f = summariseLines(
      [commodity(1, 1_000_000, 26_000), ieepa(ieepaColumnHts('8471300100'), 1, 100_000)],
      june,
      rules,
    );
    expect(f).toMatchObject({ ieepaDuty: 100_000, otherDuty: 26_000, ieepaLines: 1, refundableLines: 1 });
    expect(f.warningBits).toBe(W.IEEPA_FROM_COLUMN);
    expect(f.programCents).toEqual([]);
    expect(capeRemovesLine(ieepaColumnHts('8471300100'), 100_000)).toBe(true);
  });

  it('VALUE_ON_IEEPA_LINE when an IEEPA row carries goods value', () => {
    const f = summariseLines([commodity(1, 1_000_000), ieepa('99030125', 1, 100_000, 1_000_000)], june, rules);
    expect(f.warningBits & W.VALUE_ON_IEEPA_LINE).toBeTruthy();
  });

  describe('RATE_MISMATCH: more than max($1.00, 0.5%) from rate × value of the line', () => {
    // 10% of $10,000.00 = $1,000.00 expected; 0.5% of that is $5.00 tolerance
    it.each([
      [100_000, false],
      [100_500, false],
      [100_501, true],
      [99_500, false],
      [99_499, true],
    ])('duty %i cents → %s', (duty, mismatch) => {
      const f = summariseLines([commodity(1, 1_000_000), ieepa('99030125', 1, duty)], june, rules);
      expect(Boolean(f.warningBits & W.RATE_MISMATCH)).toBe(mismatch);
    });

    it('uses the $1.00 floor on small lines: 10% of $50.00 = $5.00', () => {
      expect(summariseLines([commodity(1, 5_000), ieepa('99030125', 1, 600)], june, rules).warningBits).toBe(0);
      expect(summariseLines([commodity(1, 5_000), ieepa('99030125', 1, 601)], june, rules).warningBits).toBe(
        W.RATE_MISMATCH,
      );
    });

    it('sums the non-Chapter-99 rows of the same line only', () => {
      const rows = [
        commodity(1, 600_000),
        commodity(1, 400_000),
        commodity(2, 9_999_999),
        ieepa('99030125', 1, 100_000),
      ];
      expect(summariseLines(rows, june, rules).warningBits).toBe(0);
    });

    it('takes the rate in force on the entry date (9903.01.24: 20%, then 10% from 2025-11-10)', () => {
      const rows = [commodity(1, 1_000_000), ieepa('99030124', 1, 200_000)];
      expect(summariseLines(rows, day('2025-11-09'), rules).warningBits).toBe(0);
      expect(summariseLines(rows, day('2025-11-10'), rules).warningBits).toBe(W.RATE_MISMATCH);
    });

    it('is skipped without line numbers, without goods values, and for headings without a fixed rate', () => {
      expect(
        summariseLines(
          [
            { ...commodity(1, 1_000_000), line: null },
            { ...ieepa('99030125', 1, 5), line: null },
          ],
          june,
          rules,
        ).warningBits,
      ).toBe(0);
      expect(
        summariseLines([{ ...commodity(1, 0), value: null }, ieepa('99030125', 1, 5)], june, rules).warningBits,
      ).toBe(0);
      expect(
        summariseLines([commodity(1, 1_000_000), ieepa('99030273', 1, 5)], day('2025-09-02'), rules).warningBits,
      ).toBe(0);
    });
  });

  it('IEEPA_OUT_OF_WINDOW when the heading was not in force on the entry date', () => {
    expect(summariseLines([ieepa('99030120', 1, 1000)], day('2025-03-03'), rules).warningBits).toBe(0);
    expect(summariseLines([ieepa('99030120', 1, 1000)], day('2025-03-04'), rules).warningBits).toBe(
      W.IEEPA_OUT_OF_WINDOW,
    );
    expect(summariseLines([ieepa('99030125', 1, 1000)], day('2026-02-24'), rules).warningBits).toBe(
      W.IEEPA_OUT_OF_WINDOW,
    );
  });

  it('UNKNOWN_IEEPA_HEADING for a 9903.01/.02 heading the rulebook does not hold', () => {
    const f = summariseLines([ieepa('99030199', 1, 1000)], june, rules);
    expect(f.warningBits).toBe(W.UNKNOWN_IEEPA_HEADING);
    expect(f.ieepaDuty).toBe(1000);
  });
});

describe('the lines CAPE removes', () => {
  it('are the IEEPA lines with duty: zero-duty IEEPA lines and every other line stay, and they are the refundable lines', () => {
    const lines = [
      ieepa('9903012500', 1, 1000),
      ieepa('9903020100', 2, 5),
      ieepa('9903012600', 3, 0),
      ieepa('9903880100', 4, 700),
      commodity(1, 10_000, 2500),
    ];
    expect(lines.map((l) => capeRemovesLine(l.hts, l.duty))).toEqual([true, true, false, false, false]);
    const removed = lines.filter((l) => capeRemovesLine(l.hts, l.duty));
    const s = summariseLines(lines, june, rules);
    expect(s.refundableLines).toBe(removed.length);
    expect(s.ieepaDuty).toBe(removed.reduce((n, l) => n + l.duty, 0));
  });
});
