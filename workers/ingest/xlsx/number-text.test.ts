import { describe, expect, it } from 'vitest';
import { parseMoneyCents } from '../../../src/core/money';
import { normaliseEntryNumber } from '../../../src/core/entry-number';
import { plainNumberText, zeroPadded } from './number-text';

describe('plainNumberText: exact decimal text of an XML number value', () => {
  it.each([
    ['6.0576069342E10', '60576069342'],
    ['6.0576069342E+10', '60576069342'],
    ['1E-3', '0.001'],
    ['1e-3', '0.001'],
    ['-1.5E-7', '-0.00000015'],
    ['1.23E5', '123000'],
    ['1.50E1', '15'],
    ['1.0E2', '100'],
    ['0.00123E2', '0.123'],
    ['123.456E-2', '1.23456'],
    ['1.2345678901234567E3', '1234.5678901234567'],
    ['0E0', '0'],
    ['-0.0E5', '0'],
    ['9.99E-1', '0.999'],
  ])('%s → %s', (xml, text) => {
    expect(plainNumberText(xml)).toBe(text);
  });

  it.each(['1234.5599999999999', '0.30000000000000004', '-12.5', '60576069342', '0', 'N/A', ''])(
    'leaves %j as stored',
    (xml) => {
      expect(plainNumberText(xml)).toBe(xml);
    },
  );

  it('keeps long floats as digits so the money parser rounds at the cent', () => {
    expect(parseMoneyCents(plainNumberText('1234.5599999999999'))).toBe(123456);
    expect(parseMoneyCents(plainNumberText('0.30000000000000004'))).toBe(30);
    expect(parseMoneyCents(plainNumberText('-1.2344999999999999E3'))).toBe(-123450);
    expect(parseMoneyCents(plainNumberText('1.005E3'))).toBe(100500);
  });

  it('turns numeric entry numbers, even in exponent form, into the 11 digits', () => {
    expect(normaliseEntryNumber(plainNumberText('60576069342'))).toBe('60576069342');
    expect(normaliseEntryNumber(plainNumberText('6.0576069342E10'))).toBe('60576069342');
  });

  it('pads integers shown with a zeros-only format, and nothing else', () => {
    expect(zeroPadded('1234567890', 11)).toBe('01234567890');
    expect(zeroPadded('401', 4)).toBe('0401');
    expect(zeroPadded('12345678901', 11)).toBe('12345678901');
    expect(zeroPadded('12.5', 4)).toBe('12.5');
    expect(zeroPadded('-5', 4)).toBe('-5');
  });
});
