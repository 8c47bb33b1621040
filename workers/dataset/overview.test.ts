import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { csvText, fileOf, simpleEntry } from '../../tests/factories/es003';
import { sourceFor } from '../ingest/import-file';
import { CapeDb } from '../store/db';
import { DatasetService } from './dataset-service';

const open: DatasetService[] = [];
let dbCount = 0;

afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

async function imported(rows: string[][]) {
  const s = new DatasetService(new CapeDb(`overview-${++dbCount}`), sourceFor(), '2026-05-04');
  open.push(s);
  await s.init('2026-05-04');
  return (await s.importFiles([fileOf(csvText(rows))], () => undefined)).snapshot.overview;
}

describe('overview sums', () => {
  it('groups IOR numbers that compare equal, named after their first entry, with payments per date and IOR', async () => {
    const overview = await imported([
      ...simpleEntry('ABC12345676', {
        importer: '12-3456789-00',
        name: 'Acme Imports, LLC',
        entryDate: '06/02/2025',
        summaryDate: '06/12/2025',
      }),
      ...simpleEntry('B7603245278', {
        importer: '123456789-00',
        name: 'ACME (renamed)',
        entryDate: '07/02/2025',
        summaryDate: '07/12/2025',
      }),
      ...simpleEntry('SP700000014', {
        importer: '12-3456789-00',
        name: 'Acme again',
        status: 'Liquidated',
        liqDate: '04/01/2026',
      }),
      ...simpleEntry('EQ310000011', { importer: '98-7654321-00', name: 'Müller GmbH' }),
    ]);
    expect(overview.byIor.map((r) => [r.importerNumber, r.importerName, r.count, r.principal])).toEqual([
      ['12-3456789-00', 'Acme Imports, LLC', 3, 300_000],
      ['98-7654321-00', 'Müller GmbH', 1, 100_000],
    ]);
    expect(overview.byMonth.map((m) => [m.month, m.principal])).toEqual([
      ['2025-06', 300_000],
      ['2025-07', 100_000],
    ]);
    expect(
      overview.payments.map((p) => [p.projectedDate, p.importerNumber, p.importerName, p.entries, p.principal]),
    ).toEqual([
      ['2026-05-05', '12-3456789-00', 'Acme again', 1, 100_000],
      ['2026-06-18', '12-3456789-00', 'Acme Imports, LLC', 2, 200_000],
      ['2026-06-18', '98-7654321-00', 'Müller GmbH', 1, 100_000],
    ]);
    const ready = overview.segments.find((s) => s.segment === 'READY')!;
    expect(overview.payments.reduce((n, p) => n + p.refund, 0)).toBe(ready.refund);
  });
});
