import { describe, expect, it } from 'vitest';
import { classifyMapping, mapHeaders } from './header-mapping';
import { lifecycleMapping } from './lifecycle-headers';

const mapping = (headers: string[]) => lifecycleMapping(headers, mapHeaders(headers));
const fields = (headers: string[]) => {
  const m = mapping(headers);
  return m && { kind: m.kind, columns: m.columns, unmapped: m.unmapped };
};

describe('CAPE results and refund/payment files recognised by their headers (SPEC §10)', () => {
  it.each([
    [['ENTRY_NUMBER', 'STATUS', 'CLAIM_NUMBER', 'ERROR_DESCRIPTION']],
    [['Entry Number', 'Status']],
    [['Entry Summary Number', 'Claim Status', 'Error Message', 'Status Date']],
    [['entry_number', 'claim_status', 'cape_claim_number', 'error_detail', 'Processed Date']],
    [['Entry Number', 'Entry Status', 'Declaration Number', 'Accepted Date']],
    [['Filer Code / Entry No', 'Validation Status', 'Error Description', 'Date']],
  ])('results: %j', (headers) => {
    const m = mapping(headers)!;
    expect(m.kind).toBe('results');
    expect(m.columns.entry_number).toBe(0);
    expect(m.columns.cape_status).toBe(1);
    expect(m.unmapped).toEqual([]);
  });

  it('maps every optional results column, and keeps others out of the way', () => {
    expect(
      fields(['Importer', 'ENTRY_NUMBER', 'CLAIM_NUMBER', 'STATUS', 'ERROR_DESCRIPTION', 'Status Date', 'Remarks']),
    ).toEqual({
      kind: 'results',
      columns: { entry_number: 1, cape_status: 3, claim_number: 2, error_description: 4, result_date: 5 },
      unmapped: ['Importer', 'Remarks'],
    });
  });

  it.each([
    [['Entry Number', 'Refund Amount']],
    [['Entry Number', 'Refund Total', 'Refund Date']],
    [['Entry Summary Number', 'Amount Refunded', 'ACH Date', 'ACH Status']],
    [['Entry Number', 'Total Refund Amount (USD)', 'Check Date']],
    [['entry_number', 'Principal', 'Refund Interest', 'Payment Date', 'Payment Status']],
  ])('payments: %j', (headers) => {
    const m = mapping(headers)!;
    expect(m.kind).toBe('payments');
    expect(m.columns.entry_number).toBe(0);
    expect(m.columns.refund_amount).toBe(1);
  });

  it('with an interest column, the amount is the principal column, not a total that already holds the interest', () => {
    expect(fields(['Entry Number', 'Total Refund Amount', 'Refund Principal', 'Interest Amount'])!.columns).toEqual({
      entry_number: 0,
      refund_amount: 2,
      refund_interest: 3,
    });
    // Without a principal column the amount is added to the interest, as SPEC §10 says.
    expect(fields(['Entry Number', 'Refund Amount', 'Interest Amount'])!.columns).toEqual({
      entry_number: 0,
      refund_amount: 1,
      refund_interest: 2,
    });
  });

  it('a plain "Status" beside an amount: the columns only one kind has decide', () => {
    // A refund report: Status is its payment status.
    expect(fields(['Entry Number', 'Refund Amount', 'Status'])).toMatchObject({
      kind: 'payments',
      columns: { payment_status: 2 },
    });
    expect(fields(['Entry Number', 'Refund Amount', 'Payment Date', 'Status'])!.kind).toBe('payments');
    // A claim file that shows the refund: claim number and error description make it a results file.
    expect(fields(['ENTRY_NUMBER', 'CLAIM_NUMBER', 'STATUS', 'ERROR_DESCRIPTION', 'Refund Amount'])).toMatchObject({
      kind: 'results',
      unmapped: ['Refund Amount'],
    });
    expect(fields(['Entry Number', 'Claim Status', 'Refund Amount'])!.kind).toBe('results');
  });

  it('is neither for an ES-003 export, an entry-status file or anything else; those keep their classification', () => {
    const es003 = ['Entry Summary Number', 'HTS Number - Full', 'Line Tariff Duty Amount', 'Entry Date', 'Status'];
    expect(mapping(es003)).toBeNull();
    expect(classifyMapping(mapHeaders(es003))).toBe('es003');
    const status = ['Entry Number', 'Liquidation Status', 'Liquidation Date'];
    expect(mapping(status)).toBeNull();
    expect(classifyMapping(mapHeaders(status))).toBe('status');
    expect(mapping(['Status', 'Refund Amount'])).toBeNull();
    expect(mapping(['Entry Number', 'Claim Number'])).toBeNull();
  });
});
