/**
 * The files CBP gives back, through the real import pipeline (fake IndexedDB): each entry's filing
 * status, F_e and amount paid from its latest events; entries not in the dataset listed, never added.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { day } from '../../tests/factories/entries';
import { csvText, fileOf, simpleEntry } from '../../tests/factories/es003';
import { sampleCsv } from '../../src/core/sample-es003';
import { sampleLifecycle } from '../../src/core/sample-lifecycle';
import { updated } from '../../tests/factories/results';
import type { Snapshot } from '../contract';
import { sourceFor } from '../ingest/import-file';
import { CapeDb } from '../store/db';
import { DatasetService } from './dataset-service';

const A = 'B7603245278';
const B = 'ABC12345676';
const C = 'SP700000014';
const STRANGER = 'ZZ900000011';
const noProgress = () => undefined;
const open: DatasetService[] = [];
let dbCount = 0;

afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

async function service(name = `filings-${++dbCount}`): Promise<DatasetService> {
  const s = new DatasetService(new CapeDb(name), sourceFor(), '2026-05-04');
  open.push(s);
  await s.init('2026-05-04');
  return s;
}

const es003 = () => fileOf(csvText([...simpleEntry(A), ...simpleEntry(B), ...simpleEntry(C)]), 'es003.csv');
const results = (rows: string[][], name = 'results.csv') =>
  fileOf(
    csvText(rows, { header: ['Entry Number', 'Claim Number', 'Status', 'Error Description', 'Status Date'] }),
    name,
  );
const payments = (rows: string[][], name = 'payments.csv') =>
  fileOf(
    csvText(rows, {
      header: ['Entry Number', 'Refund Principal', 'Refund Interest', 'Payment Date', 'Payment Status'],
    }),
    name,
  );

async function load(s: DatasetService, files: File[]): Promise<Snapshot> {
  const { outcomes, snapshot } = await s.importFiles(files, noProgress);
  for (const o of outcomes) expect(o.kind, `${o.fileName}: ${'message' in o ? o.message : ''}`).toBe('imported');
  return snapshot;
}

function rowOf(s: DatasetService, entry: string) {
  return s.queryEntries({ search: entry, offset: 0, limit: 1 }).rows[0]!;
}

describe('filing status from the files CBP gives back', () => {
  it('rows of one entry add up; the latest payment row (by date) decides paid or returned', async () => {
    const s = await service();
    await load(s, [
      es003(),
      payments([
        [A, '500.00', '10.00', '04/01/2026', 'Paid'],
        [A, '500.00', '20.50', '04/02/2026', 'Paid'],
        // B: returned first, then paid again: PAID, and both rows count.
        [B, '1000.00', '0', '04/01/2026', 'Returned'],
        [B, '1000.00', '0', '04/20/2026', 'Paid'],
        // C: paid, then the payment came back on a later date.
        [C, '1000.00', '5.00', '04/01/2026', 'Paid'],
        [C, '0', '0', '04/09/2026', 'ACH rejected'],
      ]),
    ]);
    expect([A, B, C].map((e) => [rowOf(s, e).filingStatus, rowOf(s, e).paid])).toEqual([
      ['PAID', 103050],
      ['PAID', 200000],
      ['PAYMENT_RETURNED', 100500],
    ]);
  });

  it('on equal dates the row read last wins, and undated rows date from the day their file was loaded', async () => {
    const s = await service();
    await load(s, [
      es003(),
      payments([
        [A, '1000.00', '0', '04/01/2026', 'Returned'],
        [A, '0', '0', '04/01/2026', 'Paid'],
      ]),
      // Undated: loaded today, so later than any date of 2026-04 in the other file.
      payments([[B, '1000.00', '0', '', 'Returned']], 'undated.csv'),
      payments([[B, '0', '0', '04/30/2026', 'Paid']], 'dated.csv'),
    ]);
    expect(rowOf(s, A).filingStatus).toBe('PAID');
    expect(rowOf(s, B).filingStatus).toBe('PAYMENT_RETURNED');
  });

  it('the latest result row by date decides accepted or rejected, and dates the filing (F_e)', async () => {
    const s = await service();
    const snap = await load(s, [
      es003(),
      // Listed in a later file, but dated earlier: the 03-05 acceptance is the latest event.
      results([[A, 'CLM-1', 'Accepted', '', '03/05/2026']], 'second.csv'),
      results([
        [A, 'CLM-1', 'Rejected', 'INVALID HTS', '03/01/2026'],
        [B, 'CLM-1', 'Accepted', 'INVALID HTS', '03/01/2026'],
        [C, 'CLM-2', 'Accepted', '', ''],
      ]),
    ]);
    const a = rowOf(s, A);
    expect([a.filingStatus, a.filedOn]).toEqual(['ACCEPTED', '2026-03-05']);
    // An error description makes the row a rejection whatever its status says.
    expect(rowOf(s, B).filingStatus).toBe('REJECTED');
    // No date, no ledger: filed on the day its file was loaded.
    const loaded = snap.files.find((f) => f.name === 'results.csv')!.importedAt;
    const d = new Date(loaded);
    const day = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    expect([rowOf(s, C).filingStatus, rowOf(s, C).filedOn]).toEqual(['ACCEPTED', day]);
    expect(snap.overview.lifecycle.byClaim.map((c) => [c.claim, c.entries])).toEqual([
      ['CLM-1', 2],
      ['CLM-2', 1],
    ]);
  });

  it('a result dated without a date column, a bad date or a bad amount: row problems, the rows still count', async () => {
    const s = await service();
    const snap = await load(s, [
      es003(),
      results([[A, '', 'Accepted', '', '31/31/2026']]),
      payments([[B, 'lots', '1.00', '04/01/2026', 'Paid']]),
    ]);
    expect(rowOf(s, A).filingStatus).toBe('ACCEPTED');
    expect([rowOf(s, B).filingStatus, rowOf(s, B).paid]).toEqual(['PAID', 100]);
    expect(s.problems(0, 10).rows.map((p) => [p.file, p.row, p.column, p.value])).toEqual([
      ['results.csv', 2, 'Status Date', '31/31/2026'],
      ['payments.csv', 2, 'Refund Principal', 'lots'],
    ]);
    expect(snap.dataset.problemTotal).toBe(2);
  });

  it('entries not in the dataset: listed in the file’s report and the row problems, never added; derived from the data as it is now', async () => {
    const s = await service();
    const snap = await load(s, [
      es003(),
      results([
        [STRANGER, 'CLM-1', 'Accepted', '', '03/02/2026'],
        [A, 'CLM-1', 'Accepted', '', '03/02/2026'],
        [STRANGER, 'CLM-1', 'Accepted', '', '03/03/2026'],
      ]),
    ]);
    expect(snap.dataset.entries).toBe(3);
    const file = snap.files.find((f) => f.name === 'results.csv')!;
    expect(file.notInData).toEqual({ rows: 2, entries: 1, first: [STRANGER] });
    expect(file.problemTotal).toBe(2);
    expect(snap.overview.lifecycle.notInData).toBe(1);
    expect(s.problems(0, 10).rows.map((p) => [p.row, p.column, p.value])).toEqual([
      [2, 'Entry Number', STRANGER],
      [4, 'Entry Number', STRANGER],
    ]);
    const csv = await s.exportFiles(snap.version)!.problemsCsv.text();
    expect(csv).toContain(
      `results.csv,2,Entry Number,${STRANGER},"Entry number is not in the loaded data: listed here, not added to the entries."\r\n`,
    );
    // The ES-003 holding it arrives later: the entry is known now, and filed.
    const later = await load(s, [fileOf(csvText(simpleEntry(STRANGER)), 'more.csv')]);
    expect(later.files.find((f) => f.name === 'results.csv')!.notInData).toBeNull();
    expect(rowOf(s, STRANGER).filingStatus).toBe('ACCEPTED');
  });

  it('a results row whose status says neither is a row problem and left out; removing a file takes its events away', async () => {
    const s = await service();
    const snap = await load(s, [
      es003(),
      results([
        [A, '', 'Pending', '', ''],
        [B, '', 'Accepted', '', ''],
      ]),
    ]);
    expect(rowOf(s, A).filingStatus).toBe('NOT_FILED');
    expect(s.problems(0, 10).rows.map((p) => [p.row, p.column, p.value])).toEqual([[2, 'Status', 'Pending']]);
    expect(snap.files[1]!.report).toMatchObject({ kind: 'results', events: { accepted: 1, rejected: 0 } });
    const removed = updated(await s.removeFile(snap.files[1]!.id));
    expect(removed.overview.lifecycle.filed.count).toBe(0);
    expect(rowOf(s, B).filingStatus).toBe('NOT_FILED');
  });

  it('event pages are stored: another tab (or a reload) reads the same statuses', async () => {
    const name = `filings-${++dbCount}`;
    const s = await service(name);
    await load(s, [
      es003(),
      results([[A, 'CLM-1', 'Accepted', '', '03/02/2026']]),
      payments([[B, '1000.00', '0', '04/01/2026', 'Paid']]),
    ]);
    s.close();
    const again = await service(name);
    expect([A, B, C].map((e) => rowOf(again, e).filingStatus)).toEqual(['ACCEPTED', 'PAID', 'NOT_FILED']);
  });

  it('payments come before results, results before the ledger; a declaration marked after a rejection was loaded is a refile', async () => {
    const s = await service();
    let snap = await load(s, [es003(), results([[A, '', 'Rejected', 'INVALID HTS', '03/02/2026']])]);
    expect(rowOf(s, A).filingStatus).toBe('REJECTED');
    const refile = snap.declarations.find((d) => d.refile)!;
    expect([refile.name, refile.count]).toEqual(['CAPE_12345678900_20260504_1of1_r2.csv', 1]);
    updated(await s.markSubmitted([refile.name], '2026-05-04'));
    expect([rowOf(s, A).filingStatus, rowOf(s, A).filedOn]).toEqual(['SUBMITTED', '2026-05-04']);
    // Refiled again after another rejection loaded later: the next name never used.
    snap = await load(s, [results([[A, '', 'Rejected', 'INVALID HTS', '05/20/2026']], 'again.csv')]);
    expect(snap.declarations.filter((d) => d.refile).map((d) => d.name)).toEqual([
      'CAPE_12345678900_20260504_1of1_r3.csv',
    ]);
    await load(s, [payments([[A, '1000.00', '0', '06/30/2026', 'Paid']])]);
    expect(rowOf(s, A).filingStatus).toBe('PAID');
  });

  it('a what-if copies the filed entries’ results from the last analysis: the same bytes as a fresh analysis', async () => {
    const fresh = async (filingDate: string) => {
      const s = new DatasetService(new CapeDb(`filings-${++dbCount}`), sourceFor(), filingDate);
      open.push(s);
      await s.init(filingDate);
      return s;
    };
    const entries = (s: DatasetService) => s.exportFiles(s.snapshot().version)!.entriesCsv.text();
    // The sample's ES-003, results and payment files, made for 2026-05-04, in every dataset.
    const options = { entries: 2_500, seed: 20260420, filingDate: day('2026-05-04'), formattedMoney: true };
    const { resultsCsv, paymentsCsv } = sampleLifecycle(options);
    const files = () => [
      fileOf(sampleCsv(options), 'es003.csv'),
      fileOf(resultsCsv, 'results.csv'),
      fileOf(paymentsCsv, 'payments.csv'),
    ];
    const a = await fresh('2026-05-04');
    await load(a, files());
    for (const [date, change] of [
      ['2026-06-15', {}],
      ['2026-06-15', { defaultTaxpayer: 'non_corporate' as const }],
      ['2026-03-02', { defaultTaxpayer: 'non_corporate' as const }],
      ['2026-03-02', { defaultTaxpayer: 'corporate' as const }],
    ] as const) {
      updated(await a.setAssumptions({ ...a.snapshot().assumptions, filingDate: date, ...change }));
      const b = await fresh(date);
      updated(await b.setAssumptions({ ...b.snapshot().assumptions, ...change }));
      await load(b, files());
      expect(await entries(a), `${date} ${JSON.stringify(change)}`).toBe(await entries(b));
    }
  });
});
