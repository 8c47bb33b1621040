import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { checkDigit } from '../../../src/core/entry-number';
import type { DatasetService } from '../../../workers/dataset/dataset-service';
import { HEADER, fileOf } from '../../factories/es003';
import {
  type Cell,
  EMPTY,
  TEXT,
  csvOf,
  date,
  entriesCsv,
  money,
  noProgress,
  num,
  text,
  workbookFile,
  xlsxService,
} from './workbook-fixtures';

const open: DatasetService[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

function entry(base10: string): string {
  return base10 + checkDigit(base10);
}

const ENTRY_A = 'B7603245278';
const ENTRY_B = 'ABC12345676';
/** Filer code with leading zeros: only a text cell keeps them. */
const ENTRY_ZEROS = entry('0012345678');
/** Numeric filer codes: one stored as a number, one as text. */
const ENTRY_NUMBER = entry('6057606934');
const ENTRY_NUMERIC_TEXT = entry('6050001234');

interface Line {
  entry: Cell;
  type?: Cell;
  name?: string;
  entryDate?: Cell;
  line?: number;
  ordinal?: number;
  hts: string;
  value?: Cell;
  duty: Cell;
  status?: string;
  liqDate?: Cell;
}

function line(l: Line): Cell[] {
  return [
    l.entry,
    l.type ?? text('01', TEXT),
    text('12-3456789-00'),
    text(l.name ?? 'Acme Imports, LLC'),
    l.entryDate ?? date(2025, 6, 2),
    date(2025, 6, 12),
    num(l.line ?? 1),
    num(l.ordinal ?? 1),
    text(l.hts, TEXT),
    l.value ?? money(0),
    l.duty,
    text(l.status ?? 'Unliquidated'),
    l.liqDate ?? EMPTY,
  ];
}

const header = HEADER.map((h) => text(h));

/** Rows 1–3 are a title, the report parameters and a blank row; the header is row 4. */
const MAIN_REPORT: Cell[][] = [
  [text('ES-003 Entry Summary Line Tariff Details')],
  [text('Report Parameters: Entry Date 02/01/2025 - 02/28/2026')],
  [],
  header,
  line({ entry: text(ENTRY_A), hts: '99030125', duty: money(100_000) }),
  line({ entry: text(ENTRY_A), ordinal: 2, hts: '8471300100', value: money(1_000_000), duty: money(0) }),
  line({
    entry: text(ENTRY_ZEROS, TEXT),
    hts: '99030125',
    duty: money(123_456),
    status: 'Liquidated',
    liqDate: date(2026, 4, 1),
  }),
  [],
  line({ entry: num(Number(ENTRY_NUMBER)), hts: '99030124', duty: money(250_075) }),
  line({
    entry: num(Number(ENTRY_NUMBER)),
    ordinal: 2,
    hts: '0901210000',
    value: money(1_000_050),
    duty: money(2_600),
  }),
  line({
    entry: text(ENTRY_NUMERIC_TEXT, TEXT),
    hts: '99030125',
    duty: money(-5_000),
    name: 'Müller Küchentechnik GmbH — 株式会社',
  }),
  line({ entry: text(ENTRY_A), line: 2, hts: '99030125', value: EMPTY, duty: money(5) }),
  line({ entry: text(ENTRY_B), hts: '99030125', duty: text('N/A') }),
  line({ entry: text(ENTRY_B), ordinal: 2, hts: '8471300100', duty: money(500), entryDate: text('13/45/2025') }),
  // A "=V+80" artefact on a blank date: a real date cell of 1900-03-20, shown as the format says.
  line({
    entry: text(ENTRY_B),
    ordinal: 3,
    hts: '8471300100',
    duty: money(0),
    status: 'Liquidated',
    liqDate: { csv: '1900-03-20', value: new Date(Date.UTC(1900, 2, 20)), numFmt: 'yyyy-mm-dd' },
  }),
  line({ entry: text('B76-03245'), hts: '99030125', duty: money(1_000) }),
  [text('Total'), ...Array.from({ length: 9 }, () => EMPTY), money(471_636), EMPTY, EMPTY],
];

const PARAMETERS: Cell[][] = [
  [text('IEEPA DUTY PAID with LIQUIDATION DATE — FOR OFFICIAL USE ONLY')],
  [text('Report Parameters:')],
  // Two of the four required headers: not an ES-003 header row.
  [text('Entry Summary Number'), text('Entry Date')],
  [text('All'), date(2025, 2, 1)],
];

describe('an .xlsx export reads exactly like the CSV export of the same data', () => {
  it('gives byte-identical entries CSVs, the same row problems and the same counts', async () => {
    const viaCsv = await xlsxService(open);
    const viaXlsx = await xlsxService(open);
    const csv = await viaCsv.s.importFiles([fileOf(csvOf(MAIN_REPORT), 'es003.csv')], noProgress);
    const xlsx = await viaXlsx.s.importFiles(
      [
        await workbookFile([
          { name: 'Parameters', rows: PARAMETERS },
          { name: 'Main Report', rows: MAIN_REPORT },
        ]),
      ],
      noProgress,
    );
    expect(csv.outcomes[0]).toEqual({ fileName: 'es003.csv', kind: 'imported' });
    expect(xlsx.outcomes).toEqual([{ fileName: 'es003.xlsx', kind: 'imported' }]);

    const report = xlsx.snapshot.files[0]!.report;
    expect(report.format).toBe('xlsx');
    expect(report.layout).toBe('Excel workbook, sheet "Main Report", header on row 4');
    expect(report.counts).toEqual(csv.snapshot.files[0]!.report.counts);
    expect(report.counts).toMatchObject({ blankRows: 1, summaryRows: 1, droppedRows: 1, entries: 5 });

    const fromCsv = await entriesCsv(viaCsv.s);
    const fromXlsx = await entriesCsv(viaXlsx.s);
    const listed = fromXlsx
      .split('\r\n')
      .slice(1)
      .filter(Boolean)
      .map((l) => l.split(',')[0]);
    expect(listed.sort()).toEqual([ENTRY_ZEROS, ENTRY_NUMBER, ENTRY_NUMERIC_TEXT, ENTRY_B, ENTRY_A].sort());
    expect(fromXlsx).toBe(fromCsv);

    const problems = (s: DatasetService) =>
      s.problems(0, 100).rows.map(({ row, column, value, message }) => ({ row, column, value, message }));
    expect(problems(viaXlsx.s)).toEqual(problems(viaCsv.s));
    expect(problems(viaXlsx.s).map((p) => [p.row, p.column, p.value])).toEqual([
      [13, 'Line Tariff Duty Amount', 'N/A'],
      [14, 'Entry Date', '13/45/2025'],
      [15, 'Liquidation Date', '1900-03-20'],
      [16, 'Entry Summary Number', 'B76-03245'],
    ]);
  });

  it('keeps amounts exact to the cent and identifiers as text', async () => {
    const { s } = await xlsxService(open);
    await s.importFiles([await workbookFile([{ name: 'Main Report', rows: MAIN_REPORT }])], noProgress);
    const zeros = s.entryDetail(ENTRY_ZEROS)!;
    expect(zeros.lines.map((l) => [l.hts, l.duty])).toEqual([['99030125', 123_456]]);
    const numeric = s.entryDetail(ENTRY_NUMBER)!;
    expect(numeric.lines.map((l) => [l.hts, l.duty])).toEqual([
      ['99030124', 250_075],
      ['0901210000', 2_600],
    ]);
    expect(s.entryDetail(ENTRY_NUMERIC_TEXT)!.lines[0]!.duty).toBe(-5_000);
  });
});

describe('which sheet is read', () => {
  const es003 = (entryNumber: string, duty: number): Cell[][] => [
    header,
    line({ entry: text(entryNumber), hts: '99030125', duty: money(duty) }),
  ];

  it('finds a sheet not named "Main Report" by its headers', async () => {
    const { s } = await xlsxService(open);
    const notes = [[text('Notes')], [text('Exported from ACE')]];
    const data = [[text('Line tariff details')], ...es003(ENTRY_A, 100_000)];
    const { outcomes, snapshot } = await s.importFiles(
      [
        await workbookFile([
          { name: 'Notes', rows: notes },
          { name: 'Details', rows: data },
        ]),
      ],
      noProgress,
    );
    expect(outcomes[0]!.kind).toBe('imported');
    expect(snapshot.files[0]!.report.layout).toBe('Excel workbook, sheet "Details", header on row 2');
    expect(snapshot.overview.declared.principal).toBe(100_000);
  });

  it('prefers "Main Report" (any case) over an earlier sheet with the same headers', async () => {
    const { s } = await xlsxService(open);
    const file = await workbookFile([
      { name: 'Copy', rows: es003(ENTRY_B, 999_00) },
      { name: 'MAIN REPORT', rows: es003(ENTRY_A, 100_000) },
    ]);
    const { snapshot } = await s.importFiles([file], noProgress);
    expect(snapshot.files[0]!.report.layout).toContain('sheet "MAIN REPORT"');
    expect(snapshot.dataset.entries).toBe(1);
    expect(s.entryDetail(ENTRY_A)).not.toBeNull();
  });

  it('reads an entry-status sheet and merges it by entry number', async () => {
    const { s } = await xlsxService(open);
    await s.importFiles([await workbookFile([{ name: 'Main Report', rows: es003(ENTRY_A, 100_000) }])], noProgress);
    const status = [
      [text('Entry Number'), text('Liquidation Status'), text('Liquidation Date'), text('Drawback')],
      [text('B76-0324527-8'), text('Liquidated'), date(2026, 1, 15), { csv: 'FALSE', value: false }],
    ];
    const { snapshot } = await s.importFiles(
      [await workbookFile([{ name: 'Status', rows: status }], 'status.xlsx')],
      noProgress,
    );
    expect(snapshot.files[1]!.report.kind).toBe('status');
    expect(s.queryEntries({ offset: 0, limit: 5 }).rows.map((r) => [r.entryNumber, r.reasons.join(';')])).toEqual([
      [ENTRY_A, 'PAST_80_DAYS'],
    ]);
  });
});
