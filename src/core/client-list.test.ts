import { describe, expect, it } from 'vitest';
import { clientListCsv, clientsFromRecords } from './client-list';
import { type ClientIor, newClient } from './profile';

/** Plain CSV records for the tests (no quoting needed in these rows). */
const records = (text: string) => text.split('\n').map((l) => l.split(','));

describe('client list CSV', () => {
  it('writes one row per IOR and reads it back as it was', () => {
    const clients: ClientIor[] = [
      { ...newClient('12-3456789-00', 'Acme, Inc. "West"'), taxpayerType: 'non_corporate', achEnrolled: 'yes' },
      { ...newClient('98-7654321-00'), designee: 'Atlas Customs', achEnrolled: 'no', authorized: false },
      { ...newClient('55-6667778-01', 'Müller GmbH'), taxpayerType: 'corporate' },
    ];
    const csv = clientListCsv(clients);
    expect(csv.split('\r\n')).toEqual([
      'IOR,Name,Taxpayer type,Form 4811 designee,ACH enrolled,May file',
      '12-3456789-00,"Acme, Inc. ""West""",non-corporate,,yes,yes',
      '98-7654321-00,,,Atlas Customs,no,no',
      '55-6667778-01,Müller GmbH,corporate,,unknown,yes',
      '',
    ]);
    // Read back through a real CSV reading of the quoted cell.
    const back = clientsFromRecords([
      ['IOR', 'Name', 'Taxpayer type', 'Form 4811 designee', 'ACH enrolled', 'May file'],
      ['12-3456789-00', 'Acme, Inc. "West"', 'non-corporate', '', 'yes', 'yes'],
      ['98-7654321-00', '', '', 'Atlas Customs', 'no', 'no'],
      ['55-6667778-01', 'Müller GmbH', 'corporate', '', 'unknown', 'yes'],
    ]);
    expect(back).toEqual({ kind: 'clients', clients });
  });

  it('takes the five columns of a broker’s sheet in any order and case; blank cells and a missing column mean the defaults', () => {
    const read = clientsFromRecords(
      records(
        'ACH Refund Enrolled,Importer Name,Taxpayer,IOR Number,Designee\nY,Acme,Non Corporate,12-3456789-00,\n,,,98-7654321-00,Atlas\n,,,,',
      ),
    );
    expect(read).toEqual({
      kind: 'clients',
      clients: [
        { ...newClient('12-3456789-00', 'Acme'), taxpayerType: 'non_corporate', achEnrolled: 'yes' },
        { ...newClient('98-7654321-00'), designee: 'Atlas' },
      ],
    });
  });

  it('names every cell it cannot take, with row, column and value; nothing is taken then', () => {
    const read = clientsFromRecords(
      records(
        'IOR,Taxpayer type,ACH enrolled,May file\n12-3456789-00,partnership,maybe,\n-,corporate,yes,perhaps\n123456789 00,,,',
      ),
    );
    expect(read).toEqual({
      kind: 'problems',
      problems: [
        {
          row: 2,
          column: 'Taxpayer type',
          value: 'partnership',
          message: 'Expected corporate, non-corporate, or blank for the default of the Assumptions.',
        },
        { row: 2, column: 'ACH enrolled', value: 'maybe', message: 'Expected yes, no or unknown.' },
        { row: 3, column: 'IOR', value: '-', message: 'Expected an IOR number, e.g. 12-3456789-00.' },
        { row: 3, column: 'May file', value: 'perhaps', message: 'Expected yes or no (blank: yes).' },
        { row: 4, column: 'IOR', value: '123456789 00', message: 'Listed twice (also on row 2).' },
      ],
    });
  });

  it('refuses a file without an IOR column', () => {
    const read = clientsFromRecords(records('Name,Designee\nAcme,'));
    expect(read.kind).toBe('problems');
    if (read.kind === 'problems') expect(read.problems[0]!.message).toMatch(/^No IOR column/);
  });
});
