import { describe, expect, it } from 'vitest';
import { analyseEntry } from './analysis';
import { entriesCsvHeader, entriesCsvRow } from './entries-csv';
import { context, day, facts } from '../../tests/factories/entries';

describe('entries CSV', () => {
  it('has exactly the SPEC §9 columns', () => {
    expect(entriesCsvHeader()).toBe(
      'entry_number,importer_number,entry_type,entry_date,segment,reasons,ieepa_duty,other_duty,interest,refund,projected_date,payment_group',
    );
  });

  it('writes a READY row with dates, two-decimal money and the payment group', () => {
    const f = facts();
    const r = analyseEntry(f, context({ filingDate: day('2026-05-04') }));
    // Interest as in analysis.test.ts: $1,000.00, 2025-06-12 → 2026-06-18, 292 days at 6% and 79 (2026 Q2) at 5% = $60.58.
    expect(entriesCsvRow(f, r)).toBe(
      'B7603245278,12-3456789-00,01,2025-06-02,READY,,1000.00,25.00,60.58,1060.58,2026-06-18,2026-06-18|12-3456789-00',
    );
  });

  it('leaves cells empty where nothing applies and joins sorted reasons with ;', () => {
    const f = facts({ drawback: true, suretyPaid: true, entryType: '', importerNumber: 'ACME, INC' });
    const r = analyseEntry(f, context({ filingDate: day('2026-05-04') }));
    expect(entriesCsvRow(f, r)).toBe(
      'B7603245278,"ACME, INC",01,2025-06-02,NOT_ELIGIBLE,DRAWBACK;SURETY_PAID,1000.00,25.00,0.00,1000.00,,',
    );
  });
});
