import { describe, expect, it } from 'vitest';
import { analyseEntry } from './analysis';
import { addDays, formatDay } from './dates';
import { newClient } from './profile';
import { LINE_WARNING_BITS } from './reasons';
import { context, day, facts } from '../../tests/factories/entries';

// F = 2026-05-04, a Monday. Unliquidated READY entries project to F+45 = Thursday 2026-06-18;
// recently liquidated ones to the next Monday–Thursday after F, Tuesday 2026-05-05.
const F = day('2026-05-04');
const ctx = context({ filingDate: F });
const liquidatedDaysBefore = (n: number) => facts({ liquidationStatus: 'liquidated', liquidationDate: addDays(F, -n) });

describe('READY entries: dates, interest, refund', () => {
  it('unliquidated: F+45, interest from the entry summary date at the corporate rates', () => {
    const r = analyseEntry(facts(), ctx);
    expect(r.segment).toBe('READY');
    expect(r.reasons).toEqual([]);
    expect(formatDay(r.projectedDate!)).toBe('2026-06-18');
    // $1,000.00 from 2025-06-12 to 2026-06-18 (371 days) compounded daily /365: 292 days at 6%, then
    // 2026-04-01 … 06-18 (79 days, 2026 Q2) at 5%: (1 + 0.06/365)^292 × (1 + 0.05/365)^79 − 1 → $60.58
    expect(r.interest).toBe(6058);
    expect(r.refund).toBe(106058);
  });

  it('interest runs from the entry date when there is no entry summary date', () => {
    // $1,000.00 from 2025-06-02 to 2026-06-18 (381 days): 302 days at 6%, 79 at 5% → $62.33
    expect(analyseEntry(facts({ entrySummaryDate: null }), ctx).interest).toBe(6233);
  });

  it('non-corporate IORs earn the non-corporate rate (7%, 6% in 2026 Q2)', () => {
    // 292 days at 7%, 79 days at 6% → $71.41
    const nc = context(
      { filingDate: F },
      {
        role: 'importer',
        filerCodes: [],
        clients: [
          { ...newClient('12-3456789-00'), taxpayerType: 'non_corporate', achEnrolled: 'yes', authorized: false },
        ],
      },
    );
    expect(analyseEntry(facts(), nc).interest).toBe(7141);
    expect(analyseEntry(facts(), context({ filingDate: F, defaultTaxpayer: 'non_corporate' })).interest).toBe(7141);
  });

  it('liquidated within 80 days: reliquidation the next Monday–Thursday after F', () => {
    const r = analyseEntry(liquidatedDaysBefore(10), ctx);
    expect(r.segment).toBe('READY');
    expect(formatDay(r.projectedDate!)).toBe('2026-05-05');
    expect(r.projection).toBe('reliquidation');
    // 2025-06-12 → 2026-05-05: 292 days at 6%, 2026-04-01 … 05-05 (35 days) at 5% → $54.21
    expect(r.interest).toBe(5421);
  });
});

describe('the 80-day and 180-day boundaries', () => {
  it.each([
    [74, 'READY', []],
    [75, 'READY', ['NEAR_80_DAY_LIMIT']],
    [80, 'READY', ['NEAR_80_DAY_LIMIT']],
    [81, 'NOT_ELIGIBLE', ['PAST_80_DAYS']],
    [180, 'NOT_ELIGIBLE', ['PAST_80_DAYS']],
    [181, 'NOT_ELIGIBLE', ['FINAL_LIQUIDATION']],
  ])('liquidated %i days before F → %s %j', (n, segment, reasons) => {
    const r = analyseEntry(liquidatedDaysBefore(n), ctx);
    expect(r.segment).toBe(segment);
    expect(r.reasons).toEqual(reasons);
    expect(r.daysSinceLiquidation).toBe(n);
  });

  it('PAST_80_DAYS gives the protest deadline: liquidation date + 180 days', () => {
    const r = analyseEntry(liquidatedDaysBefore(100), ctx);
    expect(formatDay(r.protestDeadline!)).toBe(formatDay(addDays(F, 80)));
    expect(r.interest).toBe(0);
    expect(r.refund).toBe(100000);
  });

  it('a liquidation date with no status means liquidated', () => {
    const r = analyseEntry(facts({ liquidationStatus: 'unknown', liquidationDate: addDays(F, -90) }), ctx);
    expect(r.reasons).toEqual(['PAST_80_DAYS']);
  });

  it('status final is excluded whatever the date', () => {
    expect(analyseEntry(facts({ liquidationStatus: 'final', liquidationDate: addDays(F, -5) }), ctx).reasons).toEqual([
      'FINAL_LIQUIDATION',
    ]);
    expect(analyseEntry(facts({ liquidationStatus: 'final' }), ctx).reasons).toEqual(['FINAL_LIQUIDATION']);
  });
});

describe('NEEDS_STATUS and the 314-day test', () => {
  it('status liquidated without a date', () => {
    const r = analyseEntry(facts({ liquidationStatus: 'liquidated' }), ctx);
    expect(r.segment).toBe('NEEDS_STATUS');
    expect(r.reasons).toEqual(['LIQUIDATION_STATUS_UNKNOWN']);
  });

  it('no status, no date: deposit + 314 days = F → probably liquidated', () => {
    const r = analyseEntry(facts({ liquidationStatus: 'unknown', entrySummaryDate: addDays(F, -314) }), ctx);
    expect(r.segment).toBe('NEEDS_STATUS');
    expect(r.reasons).toEqual(['LIQUIDATION_STATUS_UNKNOWN']);
  });

  it('no status, no date: deposit + 314 days = F + 1 → assumed unliquidated, READY', () => {
    const r = analyseEntry(facts({ liquidationStatus: 'unknown', entrySummaryDate: addDays(F, -313) }), ctx);
    expect(r.segment).toBe('READY');
    expect(r.reasons).toEqual(['ASSUMED_UNLIQUIDATED']);
  });

  it('the 314-day test uses the entry date when there is no entry summary date', () => {
    const old = facts({ liquidationStatus: 'unknown', entrySummaryDate: null, entryDate: addDays(F, -314) });
    expect(analyseEntry(old, ctx).segment).toBe('NEEDS_STATUS');
  });
});

describe('INVALID and NO_REFUND', () => {
  it('lists both data reasons', () => {
    const r = analyseEntry(facts({ checkDigitOk: false, badRowData: true }), ctx);
    expect(r.segment).toBe('INVALID');
    expect(r.reasons).toEqual(['BAD_ENTRY_NUMBER', 'BAD_ROW_DATA']);
    expect(r.refund).toBe(100000);
    expect(r.interest).toBe(0);
    expect(r.projectedDate).toBeNull();
  });

  it('INVALID comes before NO_REFUND', () => {
    expect(analyseEntry(facts({ checkDigitOk: false, ieepaLines: 0, refundableLines: 0 }), ctx).segment).toBe(
      'INVALID',
    );
  });

  it('NO_IEEPA_LINE and IEEPA_ZERO_DUTY', () => {
    expect(analyseEntry(facts({ ieepaLines: 0, refundableLines: 0, ieepaDuty: 0 as never }), ctx).reasons).toEqual([
      'NO_IEEPA_LINE',
    ]);
    const zero = analyseEntry(facts({ ieepaLines: 2, refundableLines: 0, ieepaDuty: 0 as never }), ctx);
    expect(zero.segment).toBe('NO_REFUND');
    expect(zero.reasons).toEqual(['IEEPA_ZERO_DUTY']);
  });
});

describe('NOT_ELIGIBLE reasons', () => {
  it.each(['08', '09', '47'])('type %s is excluded', (t) => {
    expect(analyseEntry(facts({ entryType: t }), ctx).reasons).toEqual(['ENTRY_TYPE_EXCLUDED']);
  });

  it.each(['21', '22'])('type %s is excluded from 2026-07-07, not before', (t) => {
    expect(analyseEntry(facts({ entryType: t }), context({ filingDate: day('2026-07-06') })).segment).toBe('READY');
    expect(analyseEntry(facts({ entryType: t }), context({ filingDate: day('2026-07-07') })).reasons).toEqual([
      'ENTRY_TYPE_EXCLUDED',
    ]);
  });

  it('reconciliation: excluded before 2026-06-29, accepted from it for 01/02/06 without a type 09', () => {
    const recon = facts({ reconFlag: true });
    expect(analyseEntry(recon, context({ filingDate: day('2026-06-28') })).reasons).toEqual(['RECONCILIATION']);
    expect(analyseEntry(recon, context({ filingDate: day('2026-06-29') })).segment).toBe('READY');
    expect(
      analyseEntry(facts({ reconFlag: true, entryType: '06' }), context({ filingDate: day('2026-06-29') })).segment,
    ).toBe('READY');
    expect(
      analyseEntry(facts({ reconFlag: true, recon09Filed: true }), context({ filingDate: day('2026-07-15') })).reasons,
    ).toEqual(['RECONCILIATION']);
    expect(
      analyseEntry(facts({ reconFlag: true, entryType: '11' }), context({ filingDate: day('2026-07-15') })).reasons,
    ).toEqual(['RECONCILIATION']);
    expect(analyseEntry(facts({ reconFlag: false, recon09Filed: true }), ctx).segment).toBe('READY');
  });

  it('a missing entry type counts as 01', () => {
    expect(
      analyseEntry(facts({ entryType: '', reconFlag: true }), context({ filingDate: day('2026-06-29') })).segment,
    ).toBe('READY');
  });

  it.each([
    [{ drawback: true }, 'DRAWBACK'],
    [{ openProtest: true }, 'OPEN_PROTEST'],
    [{ summaryStatus: 'not_accepted' as const }, 'SUMMARY_NOT_ACCEPTED'],
    [{ suretyPaid: true }, 'SURETY_PAID'],
  ])('%j → %s', (override, reason) => {
    const r = analyseEntry(facts(override), ctx);
    expect(r.segment).toBe('NOT_ELIGIBLE');
    expect(r.reasons).toEqual([reason]);
  });

  it('lists every reason of the segment that applies, sorted', () => {
    const r = analyseEntry(
      facts({
        drawback: true,
        suretyPaid: true,
        entryType: '47',
        liquidationStatus: 'liquidated',
        liquidationDate: addDays(F, -200),
      }),
      ctx,
    );
    expect(r.reasons).toEqual(['DRAWBACK', 'ENTRY_TYPE_EXCLUDED', 'FINAL_LIQUIDATION', 'SURETY_PAID']);
  });

  it('NOT_AUTHORIZED: by the IORs ticked on the client list (letters and digits only), a broker also by filer code', () => {
    const importer = context(
      { filingDate: F },
      {
        role: 'importer',
        clients: [newClient('123456789-00'), { ...newClient('98-7654321-00'), authorized: false }],
        filerCodes: [],
      },
    );
    expect(analyseEntry(facts(), importer).segment).toBe('READY');
    expect(analyseEntry(facts({ importerNumber: '98-7654321-00' }), importer).reasons).toEqual(['NOT_AUTHORIZED']);
    expect(analyseEntry(facts({ importerNumber: '' }), importer).reasons).toEqual(['NOT_AUTHORIZED']);
    const broker = context({ filingDate: F }, { role: 'broker', clients: [], filerCodes: ['b76'] });
    expect(analyseEntry(facts(), broker).segment).toBe('READY');
    expect(analyseEntry(facts({ entryNumber: 'ABC12345676' }), broker).reasons).toEqual(['NOT_AUTHORIZED']);
    // A broker's client list, when it ticks IORs, checks them as well as the filer code.
    const brokerWithClients = context(
      { filingDate: F },
      { role: 'broker', clients: [newClient('98-7654321-00')], filerCodes: ['B76'] },
    );
    expect(analyseEntry(facts(), brokerWithClients).reasons).toEqual(['NOT_AUTHORIZED']);
    expect(analyseEntry(facts({ importerNumber: '98-7654321-00' }), brokerWithClients).segment).toBe('READY');
    // Filer codes stay a broker's: an importer's stored codes check nothing.
    const importerWithCodes = context({ filingDate: F }, { role: 'importer', clients: [], filerCodes: ['ZZZ'] });
    expect(analyseEntry(facts(), importerWithCodes).segment).toBe('READY');
  });

  it('an empty profile flags nothing', () => {
    expect(analyseEntry(facts({ importerNumber: 'anything' }), ctx).segment).toBe('READY');
  });

  it('an entry on a submitted declaration has no reason of its own: it is analysed at its filing date (filing-status.test.ts)', () => {
    expect(analyseEntry(facts(), context({ filingDate: F }, undefined, true)).reasons).toEqual([]);
  });
});

describe('DEFERRED', () => {
  it.each(['suspended', 'extended', 'under_review'] as const)('liquidation %s', (s) => {
    const r = analyseEntry(facts({ liquidationStatus: s }), ctx);
    expect(r.segment).toBe('DEFERRED');
    expect(r.reasons).toEqual(['LIQUIDATION_SUSPENDED']);
    expect(r.projectedDate).toBeNull();
    expect(r.interest).toBe(0);
    expect(r.refund).toBe(100000);
  });

  it('AD/CVD by type 03, 07 or flag while not liquidated; READY once liquidated within 80 days', () => {
    expect(analyseEntry(facts({ entryType: '03' }), ctx).reasons).toEqual(['ADCVD']);
    expect(analyseEntry(facts({ entryType: '07' }), ctx).reasons).toEqual(['ADCVD']);
    expect(analyseEntry(facts({ adcvdFlag: true }), ctx).reasons).toEqual(['ADCVD']);
    expect(
      analyseEntry(facts({ entryType: '03', liquidationStatus: 'liquidated', liquidationDate: addDays(F, -5) }), ctx)
        .segment,
    ).toBe('READY');
    expect(analyseEntry(facts({ entryType: '03', liquidationStatus: 'suspended' }), ctx).reasons).toEqual([
      'ADCVD',
      'LIQUIDATION_SUSPENDED',
    ]);
  });

  it.each(['31', '32', '34', '38'])('warehouse withdrawal type %s', (t) => {
    expect(analyseEntry(facts({ entryType: t }), ctx).reasons).toEqual(['WAREHOUSE_WITHDRAWAL']);
    expect(
      analyseEntry(facts({ entryType: t, liquidationStatus: 'liquidated', liquidationDate: addDays(F, -3) }), ctx)
        .segment,
    ).toBe('READY');
  });

  it('NEEDS_STATUS comes before DEFERRED', () => {
    expect(analyseEntry(facts({ entryType: '03', liquidationStatus: 'liquidated' }), ctx).segment).toBe('NEEDS_STATUS');
  });
});

describe('warnings are listed in every segment and never change it', () => {
  it('row warnings on an ineligible entry', () => {
    const bits =
      LINE_WARNING_BITS.VALUE_ON_IEEPA_LINE |
      LINE_WARNING_BITS.RATE_MISMATCH |
      LINE_WARNING_BITS.CONFLICTING_DUPLICATE_ROWS;
    const r = analyseEntry(facts({ warningBits: bits, drawback: true }), ctx);
    expect(r.segment).toBe('NOT_ELIGIBLE');
    expect(r.reasons).toEqual(['CONFLICTING_DUPLICATE_ROWS', 'DRAWBACK', 'RATE_MISMATCH', 'VALUE_ON_IEEPA_LINE']);
  });

  it('row warnings on an invalid entry and on a READY entry', () => {
    const bits = LINE_WARNING_BITS.IEEPA_OUT_OF_WINDOW | LINE_WARNING_BITS.UNKNOWN_IEEPA_HEADING;
    expect(analyseEntry(facts({ warningBits: bits, badRowData: true }), ctx).reasons).toEqual([
      'BAD_ROW_DATA',
      'IEEPA_OUT_OF_WINDOW',
      'UNKNOWN_IEEPA_HEADING',
    ]);
    const ready = analyseEntry(facts({ warningBits: bits }), ctx);
    expect(ready.segment).toBe('READY');
    expect(ready.reasons).toEqual(['IEEPA_OUT_OF_WINDOW', 'UNKNOWN_IEEPA_HEADING']);
  });

  it('IEEPA_FROM_COLUMN: READY with its interest, the IEEPA duty read from a duty column', () => {
    const r = analyseEntry(facts({ warningBits: LINE_WARNING_BITS.IEEPA_FROM_COLUMN }), ctx);
    expect(r.segment).toBe('READY');
    expect(r.reasons).toEqual(['IEEPA_FROM_COLUMN']);
    expect(r.interest).toBe(analyseEntry(facts({}), ctx).interest);
  });

  it('NEAR_80_DAY_LIMIT on an entry that is ineligible for another reason', () => {
    const r = analyseEntry(
      facts({ liquidationStatus: 'liquidated', liquidationDate: addDays(F, -77), drawback: true }),
      ctx,
    );
    expect(r.reasons).toEqual(['DRAWBACK', 'NEAR_80_DAY_LIMIT']);
  });

  it('ASSUMED_UNLIQUIDATED on a NO_REFUND entry', () => {
    const r = analyseEntry(
      facts({ liquidationStatus: 'unknown', entrySummaryDate: addDays(F, -100), ieepaLines: 0, refundableLines: 0 }),
      ctx,
    );
    expect(r.reasons).toEqual(['ASSUMED_UNLIQUIDATED', 'NO_IEEPA_LINE']);
  });
});
