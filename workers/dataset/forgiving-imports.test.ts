/**
 * Files as third parties make them (public test fixtures of other tariff-refund tools, broker
 * exports): each written here as a small fixture, with the exact message or mapping expected.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { PROBLEM } from '../ingest/row-reader';
import type { ColumnPreview } from '../contract';
import type { DatasetService } from './dataset-service';
import { csvText, fileOf, simpleEntry } from '../../tests/factories/es003';
import { messageOf } from '../../tests/factories/results';
import { entriesCsv, noProgress, text, workbookFile, xlsxService } from '../../tests/unit/xlsx/workbook-fixtures';

const open: DatasetService[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

async function service(): Promise<DatasetService> {
  return (await xlsxService(open)).s;
}

/** The tail of every header rejection: what an ES-003 and an entry-status file need. */
const NEEDS =
  'an ES-003 export needs Entry Summary Number, HTS Number - Full, Line Tariff Duty Amount and Entry Date (a per-line IEEPA Duty Amount column may stand in for Line Tariff Duty Amount); an entry-status file needs Entry Summary Number and status columns (e.g. Liquidation Status).';
const MAP_IT = 'Nothing was imported; rename the column in the file, or map the columns yourself.';

const A = 'B7603245278';
const B = 'ABC12345676';

describe('files made elsewhere', () => {
  it('a file whose every entry number is malformed is imported with no entries, each row a problem', async () => {
    const s = await service();
    const rows = simpleEntry('CHQ1999999').concat(simpleEntry('12-345'));
    const { outcomes, snapshot } = await s.importFiles([fileOf(csvText(rows), 'template.csv')], noProgress);
    expect(outcomes).toEqual([{ fileName: 'template.csv', kind: 'imported' }]);
    expect(snapshot.dataset).toMatchObject({ entries: 0, rows: 0, problemTotal: 4 });
    expect(snapshot.files[0]!.report.counts).toMatchObject({ droppedRows: 4, entries: 0 });
    const problem = (row: number, value: string) => ({
      file: 'template.csv',
      row,
      column: 'Entry Summary Number',
      value,
      message: PROBLEM.badEntryNumber,
    });
    expect(s.problems(0, 10).rows).toEqual([
      problem(2, 'CHQ1999999'),
      problem(3, 'CHQ1999999'),
      problem(4, '12-345'),
      problem(5, '12-345'),
    ]);
  });

  it('a header-only file is still refused: it holds nothing to show', async () => {
    const s = await service();
    const { outcomes } = await s.importFiles([fileOf(csvText([]), 'empty.csv')], noProgress);
    expect(messageOf(outcomes[0]!)).toBe(
      'No entries found: the file has a header but no rows with an entry number (0 totals rows, 0 blank rows).',
    );
  });

  it('entry number, liquidation columns and HTSUS / Duty Amount USD: read as an ES-003', async () => {
    const s = await service();
    const header = ['Entry Number', 'Entry Date', 'HTSUS', 'Duty Amount USD', 'Liquidation Status', 'Liquidation Date'];
    const rows = [
      [A, '06/02/2025', '9903.01.25', '1,000.00', 'Unliquidated', ''],
      [A, '06/02/2025', '8471.30.0100', '0.00', 'Unliquidated', ''],
    ];
    const { outcomes, snapshot } = await s.importFiles([fileOf(csvText(rows, { header }), 'broker.csv')], noProgress);
    expect(outcomes[0]!.kind).toBe('imported');
    const report = snapshot.files[0]!.report;
    expect(report.kind).toBe('es003');
    expect(report.recognised).toEqual([
      { header: 'Entry Number', field: 'entry_number' },
      { header: 'HTSUS', field: 'hts' },
      { header: 'Duty Amount USD', field: 'duty' },
      { header: 'Entry Date', field: 'entry_date' },
      { header: 'Liquidation Status', field: 'liquidation_status' },
      { header: 'Liquidation Date', field: 'liquidation_date' },
    ]);
    expect(snapshot.overview.declared).toMatchObject({ count: 1, principal: 100_000 });
  });

  it('… and without an entry date, refused with the real reason, not taken as an entry-status file', async () => {
    const s = await service();
    const header = ['Entry Number', 'HTSUS', 'Duty Amount USD', 'Liquidation Status', 'Liquidation Date'];
    const rows = [[A, '9903.01.25', '1,000.00', 'Unliquidated', '']];
    const { outcomes } = await s.importFiles([fileOf(csvText(rows, { header }), 'no-date.csv')], noProgress);
    expect(outcomes[0]).toEqual({
      fileName: 'no-date.csv',
      kind: 'rejected',
      mappable: true,
      message: `Line 1 looks like a header but lacks Entry Date: ${NEEDS} ${MAP_IT}`,
    });
  });

  it('HTS- and duty-like columns under other names: the message names the file’s columns, never field ids', async () => {
    const s = await service();
    const header = ['Title: ES-003 extract'];
    const body = csvText([[A, 'Open', '9903.01.25', '12.00']], {
      header: ['Entry Number', 'Liquidation Status', 'HTS Tariff Item', 'Duties Assessed'],
    });
    const { outcomes } = await s.importFiles([fileOf(`${header[0]}\r\n${body}`, 'odd.csv')], noProgress);
    expect(messageOf(outcomes[0]!)).toBe(
      `Line 2 looks like a header but lacks HTS Number - Full (closest: "HTS Tariff Item"), Line Tariff Duty Amount (closest: "Duties Assessed"), Entry Date: ${NEEDS} ${MAP_IT}`,
    );
  });

  it('a workbook with the same header says the same, naming its sheet and row', async () => {
    const s = await service();
    const header = ['Entry Number', 'HTSUS', 'Duty Amount USD', 'Liquidation Status', 'Liquidation Date'];
    const file = await workbookFile([{ name: 'Main Report', rows: [header.map((h) => text(h))] }], 'no-date.xlsx');
    const { outcomes } = await s.importFiles([file], noProgress);
    expect(messageOf(outcomes[0]!)).toBe(
      `No ES-003 sheet found (looked at "Main Report"). Sheet "Main Report" row 1 looks like a header but lacks Entry Date: ${NEEDS} ${MAP_IT}`,
    );
  });
});

describe('a per-line IEEPA duty column', () => {
  /** A broker layout: one row per line, its IEEPA duty in a column of its own (no Chapter 99 rows). */
  const BROKER = [
    'Entry Number',
    'Import Date',
    'Line Number',
    'HTS Number',
    'Entered Value (USD)',
    'Regular Duty Amount (USD)',
    'IEEPA Duty Amount (USD)',
    'Total Duty Amount (USD)',
  ];

  it('stands in for Chapter 99 rows when the file has none with duty: the line’s IEEPA duty, with IEEPA_FROM_COLUMN', async () => {
    const s = await service();
    const rows = [
      [A, '01/15/2026', '1', '8471.30.0100', '10,000.00', '0.00', '1,000.00', '1,000.00'],
      [A, '01/15/2026', '2', '8473.30.5100', '4,000.00', '100.00', '400.00', '500.00'],
      [B, '01/16/2026', '1', '6204.62.4010', '2,000.00', '340.00', '0.00', '340.00'],
    ];
    const { outcomes, snapshot } = await s.importFiles(
      [fileOf(csvText(rows, { header: BROKER }), 'broker.csv')],
      noProgress,
    );
    expect(outcomes[0]!.kind).toBe('imported');
    const report = snapshot.files[0]!.report;
    expect(report.ieepaColumn).toEqual({ header: 'IEEPA Duty Amount (USD)', used: true });
    expect(report.recognised.map((r) => [r.header, r.field])).toEqual([
      ['Entry Number', 'entry_number'],
      ['HTS Number', 'hts'],
      ['Import Date', 'entry_date'],
      ['IEEPA Duty Amount (USD)', 'ieepa_duty'],
      ['Line Number', 'line_number'],
      ['Entered Value (USD)', 'goods_value'],
    ]);
    expect(report.missing.map((m) => m.field)).toContain('duty');
    const entries = s.queryEntries({ offset: 0, limit: 10, sort: 'entry' }).rows;
    expect(entries.map((e) => [e.entryNumber, e.segment, e.ieepaDuty, e.reasons])).toEqual([
      [B, 'NO_REFUND', 0, ['ASSUMED_UNLIQUIDATED', 'NO_IEEPA_LINE']],
      [A, 'READY', 140_000, ['ASSUMED_UNLIQUIDATED', 'IEEPA_FROM_COLUMN']],
    ]);
    const detail = s.entryDetail(A)!;
    expect(detail.lines.filter((l) => l.ieepa).map((l) => [l.sourceRow, l.duty, l.removedByCape])).toEqual([
      [2, 100_000, true],
      [3, 40_000, true],
    ]);
  });

  it('is ignored when Chapter 99 rows carry the IEEPA duty: those win, and the report says so', async () => {
    const s = await service();
    const header = ['Entry Number', 'Entry Date', 'HTS Number', 'Duty', 'IEEPA Duty'];
    const rows = [
      [A, '01/15/2026', '9903.01.25', '1,000.00', ''],
      [A, '01/15/2026', '8471.30.0100', '0.00', '1,000.00'],
    ];
    const { snapshot } = await s.importFiles([fileOf(csvText(rows, { header }), 'both.csv')], noProgress);
    expect(snapshot.files[0]!.report.ieepaColumn).toEqual({ header: 'IEEPA Duty', used: false });
    const [entry] = s.queryEntries({ offset: 0, limit: 10 }).rows;
    expect(entry).toMatchObject({ entryNumber: A, ieepaDuty: 100_000, segment: 'READY' });
    expect(entry!.reasons).not.toContain('IEEPA_FROM_COLUMN');
  });
});

describe('columns mapped by hand', () => {
  /** The ES-003 header renamed beyond any alias. */
  const RENAMED = [
    'Ref',
    'Kind',
    'Who',
    'Who (name)',
    'Arrived',
    'Summarised',
    'Ln',
    'Ord',
    'Code',
    'Worth',
    'Paid',
    'State',
    'Settled',
  ];
  const rows = [...simpleEntry(A), ...simpleEntry(B, { status: 'Liquidated', liqDate: '04/01/2026' })];

  it('a file refused for its headers reads as the original with the columns chosen, and is remembered', async () => {
    const s = await service();
    const original = await service();
    await original.importFiles([fileOf(csvText(rows), 'original.csv')], noProgress);

    const renamed = fileOf(csvText(rows, { header: RENAMED }), 'renamed.csv');
    const first = await s.importFiles([renamed], noProgress);
    expect(first.outcomes[0]).toMatchObject({ kind: 'rejected', mappable: true });
    expect(messageOf(first.outcomes[0]!)).toMatch(/^No header row found in the first 30 lines: /);

    const preview = await s.previewColumns(renamed);
    expect(preview.kind).toBe('preview');
    const p = (preview as { preview: ColumnPreview }).preview;
    expect(p).toMatchObject({ headerIndex: 0, columns: {}, remembered: false, source: 'comma-delimited text' });
    expect(p.rows[0]!.cells).toEqual(RENAMED);
    expect(p.rows[1]!.cells[0]).toBe(A);

    const columns = {
      entry_number: 0,
      entry_type: 1,
      importer_number: 2,
      importer_name: 3,
      entry_date: 4,
      entry_summary_date: 5,
      line_number: 6,
      tariff_ordinal: 7,
      hts: 8,
      goods_value: 9,
      duty: 10,
      liquidation_status: 11,
      liquidation_date: 12,
    };
    const mapped = await s.importFiles([renamed], noProgress, { headers: RENAMED, columns });
    expect(mapped.outcomes).toEqual([{ fileName: 'renamed.csv', kind: 'imported' }]);
    expect(mapped.snapshot.files[0]!.report.mappedBy).toBe('you');
    expect(await entriesCsv(s)).toBe(await entriesCsv(original));

    // The next file with these headers is read with the same columns, without asking.
    const again = await s.previewColumns(renamed);
    expect((again as { preview: ColumnPreview }).preview).toMatchObject({ columns, remembered: true });
    const second = await s.importFiles(
      [fileOf(csvText(simpleEntry('SP700000014'), { header: RENAMED }), 'more.csv')],
      noProgress,
    );
    expect(second.outcomes[0]!.kind).toBe('imported');
    expect(second.snapshot.dataset.entries).toBe(3);
  });

  it('mapping a loaded file again replaces it', async () => {
    const s = await service();
    const file = fileOf(csvText(rows), 'es003.csv');
    const { snapshot } = await s.importFiles([file], noProgress);
    const id = snapshot.files[0]!.id;
    // The user says the summary date column is the entry date (interest from a later day).
    const header = csvText([]).trim().split(',');
    const columns = { entry_number: 0, entry_date: 5, hts: 8, duty: 10, line_number: 6, tariff_ordinal: 7 };
    const after = await s.importFiles([file], noProgress, { headers: header, columns, replaces: id });
    expect(after.snapshot.files.map((f) => [f.name, f.report.mappedBy])).toEqual([['es003.csv', 'you']]);
    expect(after.snapshot.dataset.entries).toBe(2);
  });

  it('a workbook’s rows are previewed from the sheet an import would read', async () => {
    const s = await service();
    const file = await workbookFile(
      [
        { name: 'Notes', rows: [[text('nothing here')]] },
        { name: 'Main Report', rows: [[text('Title')], RENAMED.map((h) => text(h)), [text(A), text('01')]] },
      ],
      'renamed.xlsx',
    );
    const preview = await s.previewColumns(file);
    expect((preview as { preview: ColumnPreview }).preview).toMatchObject({
      source: 'sheet "Main Report"',
      headerIndex: 1,
      rows: [
        { n: 1, cells: ['Title'] },
        { n: 2, cells: RENAMED },
        { n: 3, cells: [A, '01'] },
      ],
    });
  });
});
