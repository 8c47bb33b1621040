import { describe, expect, it } from 'vitest';
import {
  checkDigit,
  entryCode,
  entryFromCode,
  formatEntryNumber,
  hasValidCheckDigit,
  normaliseEntryNumber,
} from './entry-number';

const VECTORS = ['B76-0324527-8', 'ABC-1234567-6', 'SP7-0000001-4', '999-9999999-0', 'EQ3-5551234-2', 'Z99-0000000-3'];

describe('entry numbers', () => {
  it.each(VECTORS)('%s is valid', (v) => {
    const n = normaliseEntryNumber(v);
    expect(n).not.toBeNull();
    expect(hasValidCheckDigit(n!)).toBe(true);
  });

  it('computes CBP’s Appendix E example by hand: B76 0324527 → 8', () => {
    // B=2 7 6 0 3 2 4 5 2 7; even positions doubled: 7→14→5, 0→0, 2→4, 5→10→1, 7→14→5
    // 2+5+6+0+3+4+4+1+2+5 = 32 → (10 − 2) mod 10 = 8
    expect(checkDigit('B760324527')).toBe(8);
  });

  it.each(VECTORS)('every single-digit change of %s is invalid', (v) => {
    const n = normaliseEntryNumber(v)!;
    for (let pos = 0; pos < 11; pos++) {
      const c = n[pos]!;
      if (c < '0' || c > '9') continue;
      for (let d = 0; d <= 9; d++) {
        if (String(d) === c) continue;
        const changed = n.slice(0, pos) + d + n.slice(pos + 1);
        expect(hasValidCheckDigit(changed), `${changed}`).toBe(false);
      }
    }
  });

  it('maps filer-code letters in three blocks (A–I, J–R, S–Z)', () => {
    // J and A both count 1, S counts 2: swapping within a value keeps the check digit.
    expect(checkDigit('A000000000')).toBe(checkDigit('J000000000'));
    expect(checkDigit('B000000000')).toBe(checkDigit('S000000000'));
    expect(checkDigit('Z000000000')).toBe(checkDigit('I000000000'));
    expect(checkDigit('0A00000000')).toBe(8); // A=1 doubled → 2; (10 − 2) mod 10
  });

  it('normalises case, dashes and spaces, and rejects other shapes', () => {
    expect(normaliseEntryNumber(' b76-0324527-8 ')).toBe('B7603245278');
    expect(normaliseEntryNumber('B76 0324527 8')).toBe('B7603245278');
    expect(normaliseEntryNumber('B76-032452-8')).toBeNull();
    expect(normaliseEntryNumber('B76-0324527-88')).toBeNull();
    expect(normaliseEntryNumber('B76-03245A7-8')).toBeNull();
    expect(normaliseEntryNumber('B7_-0324527-8')).toBeNull();
    expect(normaliseEntryNumber('1.00E+11')).toBeNull();
    expect(formatEntryNumber('B7603245278')).toBe('B76-0324527-8');
  });
});

describe('entry codes', () => {
  it('round-trip and sort like the entry numbers', () => {
    const list = [
      'B7603245278',
      'ABC12345676',
      'SP700000014',
      '99999999990',
      'Z9900000003',
      '00100000011',
      'ZZZ99999999',
    ];
    for (const e of list) expect(entryFromCode(entryCode(e))).toBe(e);
    const byCode = [...list].sort((a, b) => entryCode(a) - entryCode(b));
    expect(byCode).toEqual([...list].sort());
    expect(entryCode('ZZZ99999999')).toBeLessThan(Number.MAX_SAFE_INTEGER);
  });
});
