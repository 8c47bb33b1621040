import { describe, expect, it } from 'vitest';
import {
  addDays,
  formatWeekdays,
  dayFromExcelSerial,
  dayFromYmd,
  formatDay,
  parseDateCell,
  parseIsoDay,
  quarterKey,
  weekday,
} from './dates';

describe('parseDateCell', () => {
  it.each([
    ['04/08/2025', '2025-04-08'],
    ['4/8/2025', '2025-04-08'],
    ['2025-04-08', '2025-04-08'],
    ['2025/11/12 00:00:00', '2025-11-12'],
    ['  12/31/2026 ', '2026-12-31'],
    ['02/29/2028', '2028-02-29'],
    ['2025-04-08T10:11:12', '2025-04-08'],
  ])('%s → %s', (raw, iso) => {
    const d = parseDateCell(raw);
    expect(typeof d).toBe('number');
    expect(formatDay(d as never)).toBe(iso);
  });

  it.each(['13/01/2025', '02/29/2025', '1999-12-31', '03/20/1900', '2025-02-30', 'yesterday', '45123', '2025.04.08x'])(
    '%s is invalid',
    (raw) => {
      expect(parseDateCell(raw)).toBe('invalid');
    },
  );

  it('blank is blank, not invalid', () => {
    expect(parseDateCell('')).toBe('blank');
    expect(parseDateCell('   ')).toBe('blank');
  });
});

describe('day arithmetic', () => {
  it('round-trips civil dates and knows weekdays', () => {
    expect(formatDay(dayFromYmd(2026, 12, 1))).toBe('2026-12-01');
    expect(weekday(dayFromYmd(2026, 12, 1))).toBe(2); // a Tuesday
    expect(weekday(dayFromYmd(2027, 1, 15))).toBe(5); // a Friday
    expect(formatDay(addDays(dayFromYmd(2026, 12, 1), 45))).toBe('2027-01-15');
    expect(dayFromYmd(1970, 1, 1)).toBe(0);
  });

  it('parses strict ISO input and rejects impossible dates', () => {
    expect(parseIsoDay('2026-02-29')).toBeNull();
    expect(parseIsoDay('2026-2-1')).toBeNull();
    expect(parseIsoDay('2028-02-29')).toBe(dayFromYmd(2028, 2, 29));
  });

  it('names calendar quarters', () => {
    expect(quarterKey(dayFromYmd(2025, 3, 31))).toBe('2025Q1');
    expect(quarterKey(dayFromYmd(2025, 4, 1))).toBe('2025Q2');
    expect(quarterKey(dayFromYmd(2026, 12, 31))).toBe('2026Q4');
  });

  it('reads Excel 1900-system serials', () => {
    expect(formatDay(dayFromExcelSerial(45755) as never)).toBe('2025-04-08');
    expect(formatDay(dayFromExcelSerial(45755.75) as never)).toBe('2025-04-08');
    expect(dayFromExcelSerial(80)).toBe('invalid'); // 1900-03-20, a blank-cell artefact
  });
});

describe('weekday names', () => {
  it('a run of days as a range, others listed', () => {
    expect(formatWeekdays([1, 2, 3, 4])).toBe('Mon–Thu');
    expect(formatWeekdays([1, 3])).toBe('Mon, Wed');
    expect(formatWeekdays([1, 2])).toBe('Mon, Tue');
  });
});
