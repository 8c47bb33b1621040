import { describe, expect, it } from 'vitest';
import { parseDateCell } from '../../../src/core/dates';
import { FileRejected } from '../csv-records';
import { type CellContext, cellText, columnIndex, serialDateText } from './cell-text';

const ctx: CellContext = {
  strings: ['Acme', '00112345675'],
  styles: [{ kind: 'plain' }, { kind: 'date' }, { kind: 'pad', width: 4 }],
  date1904: false,
};

describe('cell text', () => {
  it('turns date serials into YYYY-MM-DD (the fraction is a time of day)', () => {
    expect(serialDateText('45810', false)).toBe('2025-06-02');
    expect(serialDateText('45810.75', false)).toBe('2025-06-02');
    expect(serialDateText('36526', false)).toBe('2000-01-01');
    expect(serialDateText('44348', true)).toBe('2025-06-02');
  });

  it('keeps dates before 2000 as their date text, which the row reader then rejects', () => {
    // 80 is 1900-03-20: what a "=V+80" formula on a blank date shows.
    expect(serialDateText('80', false)).toBe('1900-03-20');
    expect(serialDateText('36525', false)).toBe('1999-12-31');
    expect(parseDateCell(serialDateText('80', false))).toBe('invalid');
    expect(serialDateText('0', false)).toBe('0');
    expect(serialDateText('-5', false)).toBe('-5');
  });

  it('reads each cell type as a CSV export would show it', () => {
    expect(cellText('s', '1', 0, ctx)).toBe('00112345675');
    expect(cellText('n', '45810', 1, ctx)).toBe('2025-06-02');
    expect(cellText('n', '45810', 0, ctx)).toBe('45810');
    expect(cellText('n', '401', 2, ctx)).toBe('0401');
    expect(cellText('n', '6.0576069342E10', 0, ctx)).toBe('60576069342');
    expect(cellText('n', '12.5', 9, ctx)).toBe('12.5');
    expect(cellText('b', '1', 0, ctx)).toBe('TRUE');
    expect(cellText('b', '0', 0, ctx)).toBe('FALSE');
    expect(cellText('e', '#N/A', 0, ctx)).toBe('#N/A');
    expect(cellText('str', 'Line_x000D_break', 0, ctx)).toBe('Line\rbreak');
    expect(cellText('d', '2025-06-02T00:00:00Z', 0, ctx)).toBe('2025-06-02');
    expect(cellText('s', '', 0, ctx)).toBe('');
  });

  it('refuses a reference to a shared string that does not exist', () => {
    expect(() => cellText('s', '7', 0, ctx)).toThrow(FileRejected);
  });

  it('reads column letters of a cell reference', () => {
    expect(columnIndex('A1')).toBe(0);
    expect(columnIndex('C5')).toBe(2);
    expect(columnIndex('Z9')).toBe(25);
    expect(columnIndex('AA10')).toBe(26);
    expect(columnIndex('xfd1048576')).toBe(16383);
    expect(columnIndex('12')).toBe(-1);
  });
});
