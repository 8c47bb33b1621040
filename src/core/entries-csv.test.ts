import { describe, expect, it } from 'vitest';
import { analyseEntry } from './analysis';
import { entriesCsvHeader, entriesCsvRow } from './entries-csv';
import type { FilingStatus } from './filing-status';
import type { Cents } from './money';
import { context, day, facts, rules } from '../../tests/factories/entries';

describe('entries CSV', () => {
  it('has exactly the SPEC §9 columns', () => {
    expect(entriesCsvHeader()).toBe(
      'entry_number,importer_number,entry_type,entry_date,segment,reasons,ieepa_duty,other_duty,interest,refund,projected_date,payment_group,liquidation_date,cape_last_day,protest_deadline,filing_status,paid,variance',
    );
  });

  it('writes a READY row with dates, two-decimal money and the payment group', () => {
    const f = facts();
    const r = analyseEntry(f, context({ filingDate: day('2026-05-04') }));
    // Interest as in analysis.test.ts: $1,000.00, 2025-06-12 → 2026-06-18, 292 days at 6% and 79 (2026 Q2) at 5% = $60.58.
    expect(entriesCsvRow(f, r, rules)).toBe(
      'B7603245278,12-3456789-00,01,2025-06-02,READY,,1000.00,25.00,60.58,1060.58,2026-06-18,2026-06-18|12-3456789-00,,,,NOT_FILED,,',
    );
  });

  it('leaves cells empty where nothing applies and joins sorted reasons with ;', () => {
    const f = facts({ drawback: true, suretyPaid: true, entryType: '', importerNumber: 'ACME, INC' });
    const r = analyseEntry(f, context({ filingDate: day('2026-05-04') }));
    expect(entriesCsvRow(f, r, rules)).toBe(
      'B7603245278,"ACME, INC",01,2025-06-02,NOT_ELIGIBLE,DRAWBACK;SURETY_PAID,1000.00,25.00,0.00,1000.00,,,,,,NOT_FILED,,',
    );
  });

  it('writes the liquidation date with the last CAPE day (+80) and the protest deadline (+180), whatever the segment', () => {
    // Liquidated 2026-03-16 (49 days before F): READY, reliquidated Tue 2026-05-05.
    const f = facts({ liquidationStatus: 'liquidated', liquidationDate: day('2026-03-16') });
    const row = entriesCsvRow(f, analyseEntry(f, context({ filingDate: day('2026-05-04') })), rules).split(',');
    expect(row.slice(12)).toEqual(['2026-03-16', '2026-06-04', '2026-09-12', 'NOT_FILED', '', '']);
    // 2025-10-01 + 80 = 2025-12-20; + 180 = 2026-03-30.
    const old = facts({ liquidationStatus: 'final', liquidationDate: day('2025-10-01') });
    const oldRow = entriesCsvRow(old, analyseEntry(old, context({ filingDate: day('2026-05-04') })), rules).split(',');
    expect(oldRow.slice(4, 6)).toEqual(['NOT_ELIGIBLE', 'FINAL_LIQUIDATION']);
    expect(oldRow.slice(12, 15)).toEqual(['2025-10-01', '2025-12-20', '2026-03-30']);
  });

  it('writes filing_status, and paid and variance (paid − refund) only for paid or returned entries', () => {
    const f = facts();
    const r = analyseEntry(f, context({ filingDate: day('2026-05-04') }));
    const tail = (status: FilingStatus, paid: number | null) =>
      entriesCsvRow(f, r, rules, { status, paid: paid as Cents | null })
        .split(',')
        .slice(15);
    expect(tail('SUBMITTED', null)).toEqual(['SUBMITTED', '', '']);
    expect(tail('ACCEPTED', null)).toEqual(['ACCEPTED', '', '']);
    expect(tail('REJECTED', null)).toEqual(['REJECTED', '', '']);
    // Refund $1,060.58: paid $1,000.00 is $60.58 short; $1,070.00 is $9.42 over.
    expect(tail('PAID', 100000)).toEqual(['PAID', '1000.00', '-60.58']);
    expect(tail('PAID', 107000)).toEqual(['PAID', '1070.00', '9.42']);
    expect(tail('PAYMENT_RETURNED', 106058)).toEqual(['PAYMENT_RETURNED', '1060.58', '0.00']);
  });
});
