import { describe, expect, it } from 'vitest';
import { isDateFormat, numberStyle } from './number-formats';

describe('date format detection', () => {
  it.each([
    'mm/dd/yyyy',
    'm/d/yy',
    'yyyy-mm-dd',
    'd-mmm-yy',
    'mmm yyyy',
    'mmmm',
    'dd/mm/yyyy hh:mm',
    '[$-409]mmmm d, yyyy;@',
    'yyyy/mm/dd\\ hh:mm:ss',
    'h:mm AM/PM',
    '[Red]dd.mm.yyyy',
    'DD/MM/YYYY',
  ])('%s is a date', (code) => {
    expect(isDateFormat(code)).toBe(true);
  });

  it.each([
    'General',
    '0',
    '0.00',
    '#,##0.00',
    '"$"#,##0.00',
    '[$$-409]#,##0.00;[Red]-[$$-409]#,##0.00',
    '#,##0.00_);(#,##0.00)',
    '0.00E+00',
    '@',
    '[h]:mm:ss',
    '[mm]:ss',
    '[h]:mm',
    '"Due day "0',
    '00000000000',
    '0%',
  ])('%s is not a date', (code) => {
    expect(isDateFormat(code)).toBe(false);
  });

  it('reads built-in ids 14–22 and 45–47 as dates, other built-ins as plain, custom codes by their tokens', () => {
    const none = new Map<number, string>();
    for (const id of [14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47])
      expect(numberStyle(id, none), `id ${id}`).toEqual({ kind: 'date' });
    for (const id of [0, 1, 2, 4, 7, 8, 10, 11, 13, 23, 37, 44, 48, 49])
      expect(numberStyle(id, none), `id ${id}`).toEqual({ kind: 'plain' });
    const custom = new Map([
      [164, 'mm/dd/yyyy'],
      [165, '"$"#,##0.00'],
      [166, '00000000000'],
      [167, '0000;-0000'],
      [14, '0.00'],
    ]);
    expect(numberStyle(164, custom)).toEqual({ kind: 'date' });
    expect(numberStyle(165, custom)).toEqual({ kind: 'plain' });
    expect(numberStyle(166, custom)).toEqual({ kind: 'pad', width: 11 });
    expect(numberStyle(167, custom)).toEqual({ kind: 'pad', width: 4 });
    // A workbook may redefine a built-in id; its own code wins.
    expect(numberStyle(14, custom)).toEqual({ kind: 'plain' });
  });
});
