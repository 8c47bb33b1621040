import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { EntryResult } from '../../src/core/analysis';
import { type DayNum, parseIsoDay } from '../../src/core/dates';
import { entriesCsvHeader, entriesCsvRow } from '../../src/core/entries-csv';
import type { Cents } from '../../src/core/money';
import { rules } from '../../tests/factories/entries';
import { csvText, fileOf, row, simpleEntry } from '../../tests/factories/es003';
import { sourceFor } from '../ingest/import-file';
import { CapeDb } from '../store/db';
import { DatasetService } from './dataset-service';
import { blankFacts } from './entry-table';

const open: DatasetService[] = [];
let dbCount = 0;

async function service(): Promise<DatasetService> {
  const s = new DatasetService(new CapeDb(`exports-${++dbCount}`), sourceFor(), '2026-05-04');
  open.push(s);
  await s.init('2026-05-04');
  return s;
}

afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

const noProgress = () => undefined;
const day = (iso: string): DayNum | null => (iso === '' ? null : parseIsoDay(iso));

/** The entries CSV as core's entriesCsvRow writes it, from what the entries table shows. */
function coreCsv(s: DatasetService): string {
  const rows = s.queryEntries({ offset: 0, limit: 1_000_000, sort: 'entry' }).rows;
  const lines = rows.map((r) => {
    const f = {
      ...blankFacts(),
      entryNumber: r.entryNumber,
      importerNumber: r.importerNumber,
      entryType: r.entryType,
      entryDate: day(r.entryDate),
      liquidationDate: day(r.liquidationDate),
      ieepaDuty: r.ieepaDuty as Cents,
      otherDuty: r.otherDuty as Cents,
    };
    const result: EntryResult = {
      segment: r.segment,
      reasons: r.reasons,
      interest: r.interest as Cents,
      refund: r.refund as Cents,
      projectedDate: day(r.projectedDate),
      projection: r.projection === '' ? null : r.projection,
      daysSinceLiquidation: r.daysSinceLiquidation,
      protestDeadline: day(r.protestDeadline),
    };
    return entriesCsvRow(f, result, rules, { status: r.filingStatus, paid: r.paid as Cents | null });
  });
  return [entriesCsvHeader(), ...lines].map((l) => `${l}\r\n`).join('');
}

async function entriesCsv(s: DatasetService): Promise<string> {
  return s.exportFiles(s.snapshot().version)!.entriesCsv.text();
}

describe('the entries CSV written as bytes', () => {
  it('is exactly what core writes, for the sample with every segment, every projection and filed, rejected and paid entries', async () => {
    const s = await service();
    await s.importSample(noProgress);
    const csv = await entriesCsv(s);
    expect(csv.split('\r\n').length).toBeGreaterThan(2_000);
    expect(csv).toBe(coreCsv(s));
    await s.setAssumptions({ ...s.snapshot().assumptions, filingDate: '2026-07-20' });
    expect(await entriesCsv(s)).toBe(coreCsv(s));
  });

  it('quotes importer numbers that need it, keeps multi-byte text, and writes negative and missing values', async () => {
    const s = await service();
    const text = csvText([
      ...simpleEntry('B7603245278', { importer: 'ACME, "INC"' }),
      ...simpleEntry('ABC12345676', { importer: 'Müller—東京 1' }),
      row({
        entry: 'SP700000014',
        importer: '',
        type: '',
        entryDate: '',
        summaryDate: '',
        hts: '8471300100',
        duty: '(12.34)',
      }),
    ]);
    await s.importFiles([fileOf(text)], noProgress);
    const csv = await entriesCsv(s);
    expect(csv).toContain('"ACME, ""INC"""');
    expect(csv).toContain('Müller—東京 1');
    expect(csv).toContain('-12.34');
    expect(csv).toBe(coreCsv(s));
  });
});
