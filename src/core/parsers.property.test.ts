/**
 * Property-based tests (fast-check) for the cell parsers of src/core: random input never throws,
 * never yields NaN or a fractional cent, and what is accepted round-trips and matches an independent
 * reference (decimal.js for money, the calendar for dates).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Decimal from 'decimal.js';
import { formatCents, formatUsd, isTrimmedSpace, parseMoneyCents, parseMoneyCentsIn } from './money';
import {
  type DayNum,
  MAX_VALID_YEAR,
  MIN_VALID_YEAR,
  dayFromExcelSerial,
  dayFromYmd,
  daysInMonth,
  formatDay,
  parseDateCell,
  parseDateIn,
  parseIsoDay,
  weekday,
  ymdFromDay,
} from './dates';
import {
  checkDigit,
  entryCode,
  entryFromCode,
  formatEntryNumber,
  NOT_AN_ENTRY,
  entryCodeIn,
  hasValidCheckDigit,
  normaliseEntryNumber,
} from './entry-number';
import {
  htsDigits,
  importerKey,
  isOpenProtest,
  normaliseEntryType,
  parseFlag,
  parseLiquidationStatus,
  parsePresence,
  parseSummaryStatus,
  unwrapExcelText,
} from './cell-values';
import { FIELDS, REQUIRED_FIELDS, classifyMapping, mapHeaders, normaliseHeader } from './header-mapping';

/** Strings that look like what a spreadsheet cell might hold, plus anything at all. */
const cellText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: fc.constantFrom(...'0123456789.,-+()$ USDeE/:TZ\t'.split('')), maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
);

const MAX_CENTS = 1e15;
const D = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_UP });

describe('money: parseMoneyCents', () => {
  it('never throws; yields blank, invalid, or a safe integer of cents within ±$10 trillion', () => {
    fc.assert(
      fc.property(cellText, (s) => {
        const m = parseMoneyCents(s);
        if (m === 'blank') expect(s.trim()).toBe('');
        else if (m !== 'invalid') {
          expect(Number.isSafeInteger(m)).toBe(true);
          expect(Math.abs(m)).toBeLessThanOrEqual(MAX_CENTS);
          expect(Object.is(m, -0)).toBe(false);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees with decimal.js on plain decimals: cents rounded half away from zero', () => {
    const decimal = fc
      .tuple(fc.boolean(), fc.stringMatching(/^\d{1,13}$/), fc.option(fc.stringMatching(/^\d{0,6}$/)))
      .map(([neg, whole, frac]) => `${neg ? '-' : ''}${whole}${frac === null ? '' : `.${frac}`}`);
    fc.assert(
      fc.property(decimal, (s) => {
        const expected = new D(s).times(100).toDecimalPlaces(0, Decimal.ROUND_HALF_UP);
        const got = parseMoneyCents(s);
        if (expected.abs().greaterThan(MAX_CENTS)) expect(got).toBe('invalid');
        else expect(got).toBe(expected.isZero() ? 0 : expected.toNumber());
      }),
      { numRuns: 3000 },
    );
  });

  it('reads back every way it writes an amount: 1234.56, $1,234.56, (1,234.56), -$1,234.56, 1,234.56-', () => {
    fc.assert(
      // 13 digits before the point: up to $9,999,999,999,999.99.
      fc.property(fc.integer({ min: -(MAX_CENTS - 1), max: MAX_CENTS - 1 }), (c) => {
        const abs = Math.abs(c);
        const usd = formatUsd(abs);
        expect(parseMoneyCents(formatCents(c))).toBe(c === 0 ? 0 : c);
        expect(parseMoneyCents(usd)).toBe(abs);
        expect(parseMoneyCents(`(${usd})`)).toBe(abs === 0 ? 0 : -abs);
        expect(parseMoneyCents(`-${usd}`)).toBe(abs === 0 ? 0 : -abs);
        expect(parseMoneyCents(`${usd.slice(1)}-`)).toBe(abs === 0 ? 0 : -abs);
        expect(parseMoneyCents(` USD ${usd.slice(1)} `)).toBe(abs);
      }),
      { numRuns: 2000 },
    );
  });

  it('parseMoneyCentsIn reads a cell inside a longer text as parseMoneyCents reads the cell alone', () => {
    const amount = fc.oneof(
      cellText,
      fc.integer({ min: -(MAX_CENTS - 1), max: MAX_CENTS - 1 }).map((c) => `"${formatUsd(c)}"`.slice(1, -1)),
    );
    fc.assert(
      fc.property(cellText, amount, cellText, (before, cell, after) => {
        const text = before + cell + after;
        expect(parseMoneyCentsIn(text, before.length, before.length + cell.length)).toBe(parseMoneyCents(cell));
      }),
      { numRuns: 3000 },
    );
  });

  it('isTrimmedSpace is the white space String.prototype.trim removes', () => {
    const differ: string[] = [];
    for (let c = 0; c <= 0xffff; c++) {
      if (isTrimmedSpace(c) !== (String.fromCharCode(c).trim() === '')) differ.push(`U+${c.toString(16)}`);
    }
    expect(differ).toEqual([]);
  });
});

const validDay = fc
  .integer({ min: dayFromYmd(MIN_VALID_YEAR, 1, 1), max: dayFromYmd(MAX_VALID_YEAR, 12, 31) })
  .map((d) => d as DayNum);

describe('dates', () => {
  it('parseDateCell never throws; a date it accepts is a whole day in 2000–2099', () => {
    const dateLike = fc.oneof(
      cellText,
      fc
        .tuple(fc.integer({ min: -5, max: 40 }), fc.integer({ min: -5, max: 40 }), fc.integer({ min: 0, max: 99999 }))
        .map(([m, d, y]) => `${m}/${d}/${y}`),
      fc
        .tuple(fc.integer({ min: 0, max: 99999 }), fc.integer({ min: -5, max: 40 }), fc.integer({ min: -5, max: 40 }))
        .map(([y, m, d]) => `${y}-${m}-${d}`),
    );
    fc.assert(
      fc.property(dateLike, (s) => {
        const d = parseDateCell(s);
        if (d === 'blank') expect(s.trim()).toBe('');
        else if (d !== 'invalid') {
          expect(Number.isSafeInteger(d)).toBe(true);
          const { y } = ymdFromDay(d);
          expect(y).toBeGreaterThanOrEqual(MIN_VALID_YEAR);
          expect(y).toBeLessThanOrEqual(MAX_VALID_YEAR);
        }
        const iso = parseIsoDay(s);
        if (iso !== null) expect(formatDay(iso)).toBe(s);
      }),
      { numRuns: 3000 },
    );
  });

  it('parseDateIn reads a cell in place as parseDateCell reads it alone, or leaves it to it', () => {
    const dateLike = fc
      .tuple(
        fc.integer({ min: 0, max: 13000 }),
        fc.integer({ min: 0, max: 14 }),
        fc.integer({ min: 0, max: 33 }),
        fc.constantFrom('/', '-'),
        fc.constantFrom('/', '-'),
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom('', ' ', '\t', '\u00a0', ' 10:00'),
      )
      .map(([y, m, d, s1, s2, iso, pad, around]) => {
        const p2 = (n: number) => (pad ? String(n).padStart(2, '0') : String(n));
        const body = iso ? `${y}${s1}${p2(m)}${s2}${p2(d)}` : `${p2(m)}${s1}${p2(d)}${s2}${y}`;
        return around + body + (around === ' 10:00' ? '' : around);
      });
    let read = 0;
    fc.assert(
      fc.property(cellText, fc.oneof(cellText, dateLike), cellText, (before, cell, after) => {
        const d = parseDateIn(before + cell + after, before.length, before.length + cell.length);
        if (d === null) return;
        read++;
        expect(d).toBe(parseDateCell(cell));
      }),
      { numRuns: 5000 },
    );
    // Date-like cells without a time part or other white space take the fast path: it is exercised.
    expect(read).toBeGreaterThan(500);
  });

  it('every valid day round-trips through YYYY-MM-DD, MM/DD/YYYY, M/D/YYYY and YYYY/MM/DD HH:MM:SS', () => {
    fc.assert(
      fc.property(validDay, (day) => {
        const { y, m, d } = ymdFromDay(day);
        expect(dayFromYmd(y, m, d)).toBe(day);
        expect(d).toBeLessThanOrEqual(daysInMonth(y, m));
        const iso = formatDay(day);
        const pad = (n: number) => String(n).padStart(2, '0');
        for (const s of [
          iso,
          `${pad(m)}/${pad(d)}/${y}`,
          `${m}/${d}/${y}`,
          `${y}/${pad(m)}/${pad(d)} 13:45:00`,
          ` ${iso} `,
        ])
          expect(parseDateCell(s), s).toBe(day);
        expect(parseIsoDay(iso)).toBe(day);
        expect(weekday((day + 1) as DayNum)).toBe((weekday(day) + 1) % 7);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses impossible calendar dates and years outside 2000–2099', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1900, max: 2200 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        (y, m, d) => {
          const valid = y >= MIN_VALID_YEAR && y <= MAX_VALID_YEAR && d <= daysInMonth(y, m);
          expect(parseDateCell(`${m}/${d}/${y}`) !== 'invalid').toBe(valid);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('dayFromExcelSerial never throws and never yields NaN', () => {
    fc.assert(
      fc.property(fc.double(), (x) => {
        const d = dayFromExcelSerial(x);
        if (d !== 'invalid' && d !== 'blank') expect(Number.isSafeInteger(d)).toBe(true);
      }),
    );
  });
});

const shapedEntry = fc.tuple(fc.stringMatching(/^[A-Z0-9]{3}$/), fc.stringMatching(/^\d{8}$/)).map(([f, n]) => f + n);
const validEntry = fc
  .tuple(fc.stringMatching(/^[A-Z0-9]{3}$/), fc.stringMatching(/^\d{7}$/))
  .map(([f, n]) => f + n + checkDigit(f + n));

describe('entry numbers', () => {
  it('normalise never throws; the result is null or 11 characters of the right shape, and stable', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          cellText,
          shapedEntry.map((e) => formatEntryNumber(e).toLowerCase()),
        ),
        (s) => {
          const n = normaliseEntryNumber(s);
          if (n !== null) {
            expect(n).toMatch(/^[A-Z0-9]{3}\d{8}$/);
            expect(normaliseEntryNumber(n)).toBe(n);
          }
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('dashes, spaces and case do not matter; the code round-trips and sorts like the text', () => {
    fc.assert(
      fc.property(shapedEntry, shapedEntry, (a, b) => {
        expect(normaliseEntryNumber(` ${formatEntryNumber(a).toLowerCase()} `)).toBe(a);
        expect(entryFromCode(entryCode(a))).toBe(a);
        expect(Math.sign(entryCode(a) - entryCode(b))).toBe(a < b ? -1 : a > b ? 1 : 0);
        expect(checkDigit(a)).toBeGreaterThanOrEqual(0);
        expect(checkDigit(a)).toBeLessThanOrEqual(9);
      }),
      { numRuns: 2000 },
    );
  });

  it('entryCodeIn reads a cell in place as normaliseEntryNumber reads it unwrapped (="…"), in any spelling', () => {
    const spelt = fc
      .tuple(shapedEntry, fc.constantFrom('plain', 'dashed', 'wrapped', 'lower', 'spaced', 'wide'))
      .map(([e, how]) => {
        switch (how) {
          case 'plain':
            return e;
          case 'dashed':
            return formatEntryNumber(e);
          case 'wrapped':
            return `="${e}"`;
          case 'lower':
            return ` ${formatEntryNumber(e).toLowerCase()}\t`;
          case 'spaced':
            return `${e.slice(0, 3)} ${e.slice(3, 10)}\u00a0${e.slice(10)}`;
          default:
            return e.replace(/\d/, (d) => String.fromCharCode(0xff10 + Number(d)));
        }
      });
    fc.assert(
      fc.property(cellText, fc.oneof(cellText, spelt), cellText, (before, cell, after) => {
        const expected = normaliseEntryNumber(unwrapExcelText(cell));
        const code = entryCodeIn(before + cell + after, before.length, before.length + cell.length);
        expect(code).toBe(expected === null ? NOT_AN_ENTRY : entryCode(expected));
      }),
      { numRuns: 5000 },
    );
  });

  it('the check digit catches every single-digit typo in the transaction number', () => {
    fc.assert(
      fc.property(validEntry, fc.integer({ min: 3, max: 9 }), fc.integer({ min: 1, max: 9 }), (e, pos, delta) => {
        expect(hasValidCheckDigit(e)).toBe(true);
        const typo = e.slice(0, pos) + String((Number(e[pos]) + delta) % 10) + e.slice(pos + 1);
        expect(hasValidCheckDigit(typo)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('cell values', () => {
  it('never throw, and stay within their vocabularies', () => {
    fc.assert(
      fc.property(cellText, (s) => {
        expect(htsDigits(s)).not.toMatch(/[.\s-]/);
        expect(importerKey(s)).toMatch(/^[A-Z0-9]*$/);
        expect(importerKey(s)).toBe(importerKey(s.toUpperCase()));
        expect(typeof parseFlag(s)).toBe('boolean');
        if (parseFlag(s)) expect(parsePresence(s)).toBe(true);
        expect(typeof isOpenProtest(s)).toBe('boolean');
        expect(['absent', 'accepted', 'not_accepted']).toContain(parseSummaryStatus(s));
        const status = parseLiquidationStatus(s);
        expect(['unknown', 'unliquidated', 'liquidated', 'final', 'suspended', 'extended', 'under_review']).toContain(
          status,
        );
        expect(parseLiquidationStatus(s.toUpperCase())).toBe(parseLiquidationStatus(s.toLowerCase()));
        expect(typeof normaliseEntryType(s)).toBe('string');
        expect(unwrapExcelText(`="${s}"`)).toBe(s);
        expect(unwrapExcelText(s).length).toBeLessThanOrEqual(s.length);
      }),
      { numRuns: 3000 },
    );
  });
});

const ES003_HEADERS = [
  'Entry Summary Number',
  'HTS Number - Full',
  'Line Tariff Duty Amount',
  'Entry Date',
  'Entry Summary Line Number',
  'Tariff Ordinal Number',
  'Line Tariff Goods Value Amount',
  'Entry Summary Date',
  'Entry Type Code',
  'Importer Number',
  'Importer Name',
  'Liquidation Status',
  'Liquidation Date',
];

/** The same header written another way: any case, and its spaces as `_`, `-`, `—`, `–` or several spaces. */
const respelled = (h: string) =>
  fc
    .tuple(
      fc.array(fc.boolean(), { minLength: h.length, maxLength: h.length }),
      fc.constantFrom(' ', '_', '-', '—', '–', '  ', ' - '),
    )
    .map(([upper, sep]) =>
      h
        .split('')
        .map((c, i) => (upper[i] ? c.toUpperCase() : c.toLowerCase()))
        .join('')
        .replace(/ - | /g, sep),
    );

describe('header mapping', () => {
  it('never throws on any header row; columns are in range and distinct, each field mapped once', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(cellText, fc.constantFrom(...ES003_HEADERS)), { maxLength: 40 }), (headers) => {
        const m = mapHeaders(headers);
        const indexes = Object.values(m.columns) as number[];
        expect(new Set(indexes).size).toBe(indexes.length);
        for (const i of indexes) expect(i >= 0 && i < headers.length).toBe(true);
        expect(new Set(m.recognised.map((r) => r.field)).size).toBe(m.recognised.length);
        for (const r of m.recognised) expect(FIELDS).toContain(r.field);
        expect(m.recognised.length + m.unmapped.length).toBeLessThanOrEqual(headers.length);
        const kind = classifyMapping(m);
        if (kind === 'es003') {
          for (const f of REQUIRED_FIELDS.filter((f) => f !== 'duty')) expect(m.columns[f]).toBeDefined();
          expect(m.columns.duty ?? m.columns.ieepa_duty).toBeDefined();
        }
        for (const h of headers) expect(normaliseHeader(normaliseHeader(h))).toBe(normaliseHeader(h));
      }),
      { numRuns: 2000 },
    );
  });

  it('ignores case, separators, column order and extra columns', () => {
    const row = fc
      .tuple(fc.tuple(...ES003_HEADERS.map(respelled)), fc.array(fc.string({ maxLength: 12 }), { maxLength: 5 }))
      .chain(([names, extra]) =>
        fc
          .shuffledSubarray([...names, ...extra], { minLength: names.length + extra.length })
          .map((shuffled) => ({ names, shuffled })),
      );
    const expected = mapHeaders(ES003_HEADERS);
    fc.assert(
      fc.property(row, ({ names, shuffled }) => {
        const m = mapHeaders(shuffled);
        expect(classifyMapping(m)).toBe('es003');
        for (const r of expected.recognised) {
          const at = m.columns[r.field];
          expect(at, r.field).toBeDefined();
          expect(shuffled[at!]).toBe(names[ES003_HEADERS.indexOf(r.header)]);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
