import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { parseIsoDay } from '../../../src/core/dates';
import type { DatasetService } from '../../../workers/dataset/dataset-service';
import { sampleWorkbook } from '../../../workers/ingest/xlsx/sample-workbook';
import { entriesCsv, noProgress, xlsxService } from './workbook-fixtures';

const open: DatasetService[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

describe('the sample as an .xlsx download', () => {
  it('imports to the same entries and row problems as "Try with sample data"', async () => {
    const viaCsv = await xlsxService(open);
    const viaXlsx = await xlsxService(open);
    const sample = (await viaCsv.s.importSample(noProgress)).snapshot;
    // The built-in sample comes with what CBP sent back for it; the workbook is the ES-003 export alone.
    for (const f of sample.files.filter((f) => f.report.kind !== 'es003')) await viaCsv.s.removeFile(f.id);
    const filingDate = parseIsoDay(viaXlsx.s.snapshot().assumptions.filingDate)!;
    const blob = await sampleWorkbook(filingDate);
    expect(blob.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const { outcomes, snapshot } = await viaXlsx.s.importFiles([new File([blob], 'sample-es003.xlsx')], noProgress);
    expect(outcomes[0]!.kind).toBe('imported');
    expect(snapshot.files[0]!.report.layout).toBe('Excel workbook, sheet "Main Report", header on row 1');
    expect(snapshot.dataset.entries).toBe(2_500);
    expect(await entriesCsv(viaXlsx.s)).toBe(await entriesCsv(viaCsv.s));
    const problems = (s: DatasetService) =>
      s.problems(0, 100).rows.map(({ row, column, value }) => [row, column, value]);
    expect(problems(viaXlsx.s).length).toBeGreaterThan(0);
    expect(problems(viaXlsx.s)).toEqual(problems(viaCsv.s));
  }, 60_000);
});
