import 'fake-indexeddb/auto';
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDateCell, parseIsoDay } from '../../../src/core/dates';
import { parseMoneyCents } from '../../../src/core/money';
import { SAMPLE_HEADERS, type SampleStats, sampleRows } from '../../../src/core/sample-es003';
import type { DatasetService } from '../../../workers/dataset/dataset-service';
import type { ImportProgress } from '../../../workers/ingest/import-file';
import { CURRENCY, TEXT, US_DATE, entriesCsv, xlsxService } from './workbook-fixtures';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cape-xlsx-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const MONEY = new Set<string>(['Line Tariff Goods Value Amount', 'Line Tariff Duty Amount']);
const DATES = new Set<string>(['Entry Date', 'Entry Summary Date', 'Liquidation Date']);
/** ~4.6 rows per sample entry: 46,000 entries give a little over 200,000 rows. */
const ENTRIES = 46_000;

/** The same generated rows as an .xlsx (exceljs streaming writer: typed cells, shared strings) and as CSV. */
async function writeBoth(): Promise<{ xlsxPath: string; csvPath: string; stats: SampleStats }> {
  const xlsxPath = path.join(dir, 'big.xlsx');
  const csvPath = path.join(dir, 'big.csv');
  const stats: SampleStats = { rows: 0, entries: 0, dutyCents: 0 };
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: xlsxPath, useSharedStrings: true, useStyles: true });
  const sheet = book.addWorksheet('Main Report');
  sheet.addRow([...SAMPLE_HEADERS]).commit();
  const quote = (c: string) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  const csv: string[] = [SAMPLE_HEADERS.join(',')];
  for (const row of sampleRows(
    { entries: ENTRIES, seed: 4242, filingDate: parseIsoDay('2026-05-04')!, formattedMoney: true },
    stats,
  )) {
    csv.push(row.map(quote).join(','));
    const r = sheet.addRow(row.map((t) => (t === '' ? null : t)));
    row.forEach((t, i) => {
      const header = SAMPLE_HEADERS[i]!;
      const cell = r.getCell(i + 1);
      const cents = MONEY.has(header) ? parseMoneyCents(t) : 'blank';
      const day = DATES.has(header) ? parseDateCell(t) : 'blank';
      if (typeof cents === 'number') {
        cell.value = cents / 100;
        cell.numFmt = CURRENCY;
      } else if (typeof day === 'number') {
        cell.value = new Date(day * 86_400_000);
        cell.numFmt = US_DATE;
      } else if (t !== '') cell.numFmt = TEXT;
    });
    r.commit();
  }
  await book.commit();
  fs.writeFileSync(csvPath, csv.join('\r\n') + '\r\n');
  return { xlsxPath, csvPath, stats };
}

interface Measured {
  ms: number;
  /** Peak JS heap above the heap before the import (MB, sampled). */
  peakMb: number;
  entriesCsv: string;
  rows: number;
  problems: number;
}

async function measureImport(file: File): Promise<Measured> {
  const open: DatasetService[] = [];
  const { s } = await xlsxService(open);
  // With --expose-gc (NODE_OPTIONS) the baseline excludes garbage left by earlier steps.
  (globalThis as { gc?: () => void }).gc?.();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  };
  const timer = setInterval(sample, 5);
  const t0 = performance.now();
  const { outcomes, snapshot } = await s.importFiles([file], (_p: ImportProgress) => sample());
  const ms = performance.now() - t0;
  clearInterval(timer);
  sample();
  expect(outcomes[0]!.kind, JSON.stringify(outcomes[0])).toBe('imported');
  const result = {
    ms,
    peakMb: (peak - base) / 2 ** 20,
    entriesCsv: await entriesCsv(s),
    rows: snapshot.dataset.rows,
    problems: snapshot.dataset.problemTotal,
  };
  s.close();
  return result;
}

describe('a large workbook streams', () => {
  it('imports 200,000+ rows from .xlsx with the same result as the CSV', async () => {
    const t0 = performance.now();
    const { xlsxPath, csvPath, stats } = await writeBoth();
    const writeMs = performance.now() - t0;
    expect(stats.rows).toBeGreaterThanOrEqual(200_000);
    // File-backed Blobs: the workbook bytes are read from disk as the reader asks for them.
    const xlsx = new File([await fs.openAsBlob(xlsxPath)], 'big.xlsx');
    const csv = new File([await fs.openAsBlob(csvPath)], 'big.csv');
    const viaCsv = await measureImport(csv);
    const viaXlsx = await measureImport(xlsx);
    const mb = (n: number) => (n / 2 ** 20).toFixed(1);
    console.log(
      [
        `xlsx streaming: ${stats.rows} rows, ${stats.entries} entries (fixtures written in ${(writeMs / 1000).toFixed(1)} s)`,
        `  CSV  ${mb(csv.size)} MB: import ${(viaCsv.ms / 1000).toFixed(2)} s, peak heap +${viaCsv.peakMb.toFixed(0)} MB`,
        `  XLSX ${mb(xlsx.size)} MB: import ${(viaXlsx.ms / 1000).toFixed(2)} s, peak heap +${viaXlsx.peakMb.toFixed(0)} MB`,
      ].join('\n'),
    );
    expect(viaXlsx.rows).toBe(stats.rows);
    expect(viaXlsx.rows).toBe(viaCsv.rows);
    expect(viaXlsx.problems).toBe(viaCsv.problems);
    expect(viaXlsx.entriesCsv.length).toBeGreaterThan(1_000_000);
    expect(viaXlsx.entriesCsv === viaCsv.entriesCsv).toBe(true);
  }, 600_000);
});
