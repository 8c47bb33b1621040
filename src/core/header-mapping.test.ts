import { describe, expect, it } from 'vitest';
import { FILE_KINDS, classifyMapping, mapHeaders, missingRequired, normaliseHeader } from './header-mapping';

const ES003 = [
  'Entry Summary Number',
  'Entry Type Code',
  'Importer Number',
  'Entry Date',
  'Entry Summary Line Number',
  'Tariff Ordinal Number',
  'HTS Number - Full',
  'Line Tariff Goods Value Amount',
  'Line Tariff Duty Amount',
  'Review Team Number',
];

describe('header mapping', () => {
  it('collapses spaces, underscores and dashes of every kind', () => {
    expect(normaliseHeader('HTS Number - Full')).toBe('hts number full');
    expect(normaliseHeader('HTS_Number—Full')).toBe('hts number full');
    expect(normaliseHeader(' \uFEFFENTRY  SUMMARY_NUMBER ')).toBe('entry summary number');
    expect(normaliseHeader('Duty Amount (USD)')).toBe('duty amount');
  });

  it('maps the ES-003 headers and keeps unmapped columns out of the way', () => {
    const m = mapHeaders(ES003);
    expect(m.columns).toMatchObject({
      entry_number: 0,
      entry_type: 1,
      importer_number: 2,
      entry_date: 3,
      line_number: 4,
      tariff_ordinal: 5,
      hts: 6,
      goods_value: 7,
      duty: 8,
    });
    expect(m.unmapped).toEqual(['Review Team Number']);
    expect(classifyMapping(m)).toBe('es003');
  });

  it('prefers the ES-003 header over a looser alias, whatever the column order', () => {
    const m = mapHeaders(['Import Date', 'Entry Number', 'HTS', 'Duty', 'Entry Date', 'Line Duty Amount']);
    expect(m.columns.entry_date).toBe(4);
    expect(m.columns.duty).toBe(3);
    expect(m.unmapped).toContain('Line Duty Amount');
  });

  it('reads the common broker spellings: bare HTSUS, a USD suffix, a per-line IEEPA duty column', () => {
    expect(normaliseHeader('Duty Amount USD')).toBe('duty amount');
    expect(normaliseHeader('Entered Value ($)')).toBe('entered value');
    expect(normaliseHeader('IEEPA Duty Amount (USD)')).toBe('ieepa duty amount');
    const m = mapHeaders(['Entry Number', 'Entry Date', 'HTSUS', 'Duty Amount USD', 'IEEPA Duty']);
    expect(m.columns).toEqual({ entry_number: 0, entry_date: 1, hts: 2, duty: 3, ieepa_duty: 4 });
    expect(classifyMapping(m)).toBe('es003');
  });

  it('takes a per-line IEEPA duty column in place of the duty column', () => {
    const m = mapHeaders([
      'Entry Number',
      'Import Date',
      'HTS Number',
      'IEEPA Duty Amount (USD)',
      'Total Duty Amount (USD)',
    ]);
    expect(missingRequired(m)).toEqual([]);
    expect(classifyMapping(m)).toBe('es003');
    expect(m.unmapped).toEqual(['Total Duty Amount (USD)']);
  });

  it('a file with HTS- and duty-like columns is never an entry-status file', () => {
    const lines = mapHeaders([
      'Entry Number',
      'Liquidation Status',
      'Liquidation Date',
      'HTS Tariff Item',
      'Duties Assessed',
    ]);
    expect(classifyMapping(lines)).toBeNull();
    // One of them alone (an entry-level duty total) leaves it a status file.
    const status = mapHeaders(['Entry Number', 'Liquidation Status', 'Total Duties Assessed']);
    expect(classifyMapping(status)).toBe('status');
  });

  it('tries the file kinds in order, the first match wins', () => {
    expect(FILE_KINDS.map((k) => k.kind)).toEqual(['es003', 'status']);
  });

  it('recognises entry-status files and reports missing required fields', () => {
    const status = mapHeaders(['Entry Number', 'Liquidation Status', 'Liquidation Date']);
    expect(classifyMapping(status)).toBe('status');
    const bad = mapHeaders(['Entry Number', 'Amount']);
    expect(classifyMapping(bad)).toBeNull();
    expect(missingRequired(bad)).toEqual(['hts', 'duty', 'entry_date']);
  });
});
