import { describe, expect, it } from 'vitest';
import { formatCents, formatUsd, parseMoneyCents } from './money';

describe('parseMoneyCents', () => {
  it.each([
    ['1234.5', 123450],
    ['$1,234.56', 123456],
    ['(1,234.56)', -123456],
    ['(1.00)', -100],
    ['-1234.56', -123456],
    ['-3', -300],
    ['1234.56-', -123456],
    ['$-5.10', -510],
    ['-$5.10', -510],
    ['+7', 700],
    ['0', 0],
    ['0.00', 0],
    ['.5', 50],
    ['$10,000.00', 1000000],
    ['  850.00 ', 85000],
    ['1.005', 101],
    ['1.0049', 100],
    ['-1.005', -101],
    ['USD 12.30', 1230],
    ['99999999999.99', 9999999999999],
  ])('%s → %i cents', (raw, c) => {
    expect(parseMoneyCents(raw)).toBe(c);
  });

  it('sums without binary floating-point drift', () => {
    let total = 0;
    for (let i = 0; i < 1000; i++) total += parseMoneyCents('0.10') as number;
    expect(total).toBe(10000);
  });

  it.each(['abc', '1.2.3', '12a', '$', '--5', '1e5', '1,2,3x', '(5', ',5', 'N/A', '12 34'])('%s is invalid', (raw) => {
    expect(parseMoneyCents(raw)).toBe('invalid');
  });

  it('blank is blank', () => {
    expect(parseMoneyCents('')).toBe('blank');
    expect(parseMoneyCents('  ')).toBe('blank');
  });
});

describe('formatting', () => {
  it('writes two decimals without separators', () => {
    expect(formatCents(0)).toBe('0.00');
    expect(formatCents(5)).toBe('0.05');
    expect(formatCents(123450)).toBe('1234.50');
    expect(formatCents(-1)).toBe('-0.01');
    expect(formatCents(-123456)).toBe('-1234.56');
  });

  it('formats dollars for display', () => {
    expect(formatUsd(123456789)).toBe('$1,234,567.89');
    expect(formatUsd(-50)).toBe('−$0.50');
  });
});
