import { describe, expect, it } from 'vitest';
import { classifyMapping, mapHeaders } from './header-mapping';
import { closer, headerRejection, headerShortfall } from './header-verdict';
import { LIFECYCLE_HEADERS_HINT } from './lifecycle-headers';

/** The tail every header rejection carries: what an ES-003 and an entry-status file need. */
const NEEDS =
  'an ES-003 export needs Entry Summary Number, HTS Number - Full, Line Tariff Duty Amount and Entry Date (a per-line IEEPA Duty Amount column may stand in for Line Tariff Duty Amount); an entry-status file needs Entry Summary Number and status columns (e.g. Liquidation Status).';

const rejection = (headers: string[]) => headerRejection(headerShortfall('Line 1', headers), 'the first 30 lines');

describe('why a header row is refused, in the file’s own words', () => {
  it('an HTS-like and a duty-like column make an ES-003 missing a column, not an entry-status file', () => {
    const headers = ['Entry Number', 'Liquidation Status', 'Liquidation Date', 'HTS Tariff Item', 'Duties Assessed'];
    expect(classifyMapping(mapHeaders(headers))).toBeNull();
    expect(rejection(headers)).toBe(
      `Line 1 looks like a header but lacks HTS Number - Full (closest: "HTS Tariff Item"), Line Tariff Duty Amount (closest: "Duties Assessed"), Entry Date: ${NEEDS} Nothing was imported; rename the column in the file, or map the columns yourself.`,
    );
  });

  it('a line plainly meant as the header, one column short: the column by its ES-003 header, and its near misses', () => {
    const headers = ['Entry Number', 'HTSUS', 'Duty Amount USD', 'Liquidation Status', 'Date Entered', 'Summary Date'];
    expect(rejection(headers)).toBe(
      `Line 1 looks like a header but lacks Entry Date (closest: "Date Entered"): ${NEEDS} Nothing was imported; rename the column in the file, or map the columns yourself.`,
    );
  });

  it('never names an internal field id', () => {
    const message = rejection(['Entry Summary Number', 'Entry Date', 'Amount']);
    expect(message).toMatch(/^Line 1 looks like a header but lacks HTS Number - Full, Line Tariff Duty Amount: /);
    expect(message).not.toMatch(/\b(entry_number|hts|duty|entry_date)\b/);
  });

  it('title lines and data are no header: the file needs one', () => {
    expect(headerRejection(headerShortfall('Line 2', ['Report run 11/26/2026']), 'the first 30 lines')).toBe(
      `No header row found in the first 30 lines: ${NEEDS} ${LIFECYCLE_HEADERS_HINT} Nothing was imported.`,
    );
    expect(headerRejection(null, 'the first 30 lines')).toBe(
      `No header row found in the first 30 lines: ${NEEDS} ${LIFECYCLE_HEADERS_HINT} Nothing was imported.`,
    );
  });

  it('the closest candidate lacks the fewest required columns, then maps the most', () => {
    const title = headerShortfall('Line 1', ['ES-003 report']);
    const short = headerShortfall('Line 3', ['Entry Number', 'HTS', 'Duty']);
    const shorter = headerShortfall('Line 4', ['Entry Number', 'HTS', 'Entry Date']);
    expect(closer(closer(closer(null, title), short), shorter).where).toBe('Line 3');
    expect(closer(short, headerShortfall('Line 5', ['Entry Number', 'HTS', 'Duty', 'Port'])).where).toBe('Line 5');
  });
});
