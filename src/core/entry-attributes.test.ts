import { describe, expect, it } from 'vitest';
import { LIQUIDATION_STATUSES, SUMMARY_STATUSES } from './cell-values';
import { ATTRIBUTES, absentFacts, attributeOf, flagParser } from './entry-attributes';
import { FIELDS, STATUS_FIELDS, normaliseHeader } from './header-mapping';

describe('the entry attribute schema', () => {
  it('names each field, column (but flags) and fact once, flags with distinct bits', () => {
    const once = (values: string[]) => expect(new Set(values).size).toBe(values.length);
    once(ATTRIBUTES.map((a) => a.field));
    once(ATTRIBUTES.map((a) => a.fact));
    once(ATTRIBUTES.filter((a) => a.kind !== 'flag').map((a) => a.column));
    const bits = ATTRIBUTES.flatMap((a) => (a.kind === 'flag' ? [a.bit] : []));
    once(bits.map(String));
    for (const b of bits) expect(Math.log2(b) % 1).toBe(0);
    for (const a of ATTRIBUTES) expect(FIELDS).toContain(a.field);
    expect(STATUS_FIELDS).toContain('liquidation_status');
  });

  it('aliases are in normalised form, so headers can match them', () => {
    for (const a of ATTRIBUTES) for (const alias of a.aliases) expect(normaliseHeader(alias)).toBe(alias);
  });

  it('reads an AD/CVD column of case numbers as set whenever it holds one', () => {
    const adcvd = attributeOf('adcvd_flag')!;
    if (adcvd.kind !== 'flag') throw new Error('adcvd_flag is a flag');
    const caseNumbers = flagParser(adcvd, normaliseHeader('ADCVD Case Number'));
    const flags = flagParser(adcvd, normaliseHeader('AD/CVD'));
    expect([caseNumbers('A-570-001'), caseNumbers('N'), caseNumbers('Y')]).toEqual([true, false, true]);
    expect([flags('A-570-001'), flags('N'), flags('Y')]).toEqual([false, false, true]);
  });

  it('absent attributes read as blank text, no dates, the absent code and clear flags', () => {
    expect(absentFacts()).toEqual({
      entryDate: null,
      entrySummaryDate: null,
      entryType: '',
      importerNumber: '',
      importerName: '',
      countryOfOrigin: '',
      port: '',
      liquidationStatus: 'unknown',
      liquidationDate: null,
      reconFlag: false,
      recon09Filed: false,
      drawback: false,
      openProtest: false,
      summaryStatus: 'absent',
      suretyPaid: false,
      adcvdFlag: false,
    });
    expect(LIQUIDATION_STATUSES).toContain('unknown');
    expect(SUMMARY_STATUSES).toContain('absent');
  });
});
