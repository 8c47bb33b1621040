import { describe, expect, it } from 'vitest';
import {
  formatHts,
  htsDigits,
  importerKey,
  isIeepaHts,
  isOpenProtest,
  normaliseEntryType,
  parseFlag,
  parseLiquidationStatus,
  parsePresence,
  parseSummaryStatus,
  unwrapExcelText,
} from './cell-values';

describe('cell values', () => {
  it.each([
    ['Liquidated', 'liquidated'],
    ['Reliquidated', 'liquidated'],
    ['LIQ', 'liquidated'],
    ['Final Liquidation', 'final'],
    ['Unliquidated', 'unliquidated'],
    ['Not Liquidated', 'unliquidated'],
    ['Open', 'unliquidated'],
    ['Pending Liquidation', 'unliquidated'],
    ['Suspended', 'suspended'],
    ['Liquidation Suspended', 'suspended'],
    ['Extended', 'extended'],
    ['Under Review', 'under_review'],
    ['', 'unknown'],
    ['Something else', 'unknown'],
  ])('liquidation status %j → %s', (raw, status) => {
    expect(parseLiquidationStatus(raw)).toBe(status);
  });

  it('reads flags Y/YES/TRUE/1/X in any case', () => {
    for (const t of ['Y', 'yes', 'True', '1', 'x', ' X ']) expect(parseFlag(t)).toBe(true);
    for (const f of ['N', 'no', '', '0', 'false', 'maybe']) expect(parseFlag(f)).toBe(false);
    expect(parsePresence('A-570-967')).toBe(true);
    expect(parsePresence('N')).toBe(false);
    expect(parsePresence('')).toBe(false);
  });

  it('treats any protest status other than closed/denied/allowed/withdrawn as open', () => {
    for (const open of ['Open', 'Suspended', 'Pending', 'Filed']) expect(isOpenProtest(open)).toBe(true);
    for (const closed of ['', 'Closed', 'DENIED', 'Allowed', 'withdrawn']) expect(isOpenProtest(closed)).toBe(false);
  });

  it('reads the entry summary status', () => {
    expect(parseSummaryStatus('Accepted')).toBe('accepted');
    expect(parseSummaryStatus('ACCEPTED ')).toBe('accepted');
    expect(parseSummaryStatus('Rejected')).toBe('not_accepted');
    expect(parseSummaryStatus('')).toBe('absent');
  });

  it('normalises HTS, entry types, importer keys and Excel text wrappers', () => {
    expect(htsDigits('9903.01.25')).toBe('99030125');
    expect(htsDigits(' 8471.30.0100 ')).toBe('8471300100');
    expect(isIeepaHts('99030269')).toBe(true);
    expect(isIeepaHts('99038803')).toBe(false);
    expect(normaliseEntryType('1')).toBe('01');
    expect(normaliseEntryType('11')).toBe('11');
    expect(importerKey('12-3456789-00')).toBe('12345678900');
    expect(importerKey('ab-12')).toBe('AB12');
    expect(unwrapExcelText('="60576069342"')).toBe('60576069342');
    expect(unwrapExcelText('=1+1')).toBe('=1+1');
  });
});

describe('formatHts: HTS numbers as people write them', () => {
  it.each([
    ['99030124', '9903.01.24'],
    ['8471300100', '8471.30.0100'],
    ['847130', '847130'],
    ['', ''],
  ])('%s → %s', (raw, shown) => expect(formatHts(raw)).toBe(shown));
});
