/**
 * Benchmark inputs: realistic ES-003 files of an exact row count, streamed from core's seeded
 * `sampleRows` (several IORs with multi-byte names, quoted commas and escaped quotes, every segment,
 * a few unparseable amounts), plus repeated rows so de-duplication is exercised. Variants: the
 * clean CSV of issue 3, and the messy export users have (messy.ts) as CSV, as UTF-16 tab-delimited
 * text and as .xlsx. Next to each file a JSON file holds what the app must report; the money
 * checksum is exact integer cents taken from the generator's own amounts, never from parsing the
 * text back.
 */
import { once } from 'node:events';
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { type DayNum, addDays, dayFromYmd, ymdFromDay } from '../../src/core/dates';
import { checkDigit } from '../../src/core/entry-number';
import { formatCents } from '../../src/core/money';
import { SAMPLE_HEADERS, SAMPLE_IORS, type SampleStats, prng, sampleRows } from '../../src/core/sample-es003';
import { MONEY_COLUMNS, Spellings, TITLE_LINES, dollars, messyCells, totalRow } from './messy';

/** Bump when the file content changes, so cached files are regenerated. */
const GENERATOR_VERSION = 3;
export const BENCH_SEED = 20261126;
/** The filing date the scenarios are built around (the bench sets the app to it before importing). */
export const BENCH_FILING_DATE = '2026-05-04';
/** Every EXACT_EVERY-th generated row is written twice, unchanged: counted once. */
const EXACT_EVERY = 997;
/** Every CONFLICT_EVERY-th row is followed by a copy with one cent more duty: the copy (read last) wins. */
const CONFLICT_EVERY = 4999;
const COL_DUTY = SAMPLE_HEADERS.indexOf('Line Tariff Duty Amount');
/** Write text in blocks of about this many characters (fewer stream writes). */
const WRITE_BLOCK_CHARS = 1 << 20;
/**
 * The messy export is mostly READY entries (users load the entries they expect money for), with
 * interest from deposit dates across the whole collection window: ~74% READY instead of ~50%.
 */
const MOSTLY_READY = { ready: 120, ready_reliq: 20 } as const;
/** Summary lines per entry in the messy export (1, 2 or 3): ~4.2 rows an entry, ~235,000 entries per 1M rows. */
const MESSY_LINE_WEIGHTS = [42, 35, 23];

/** The files a size is benched on. */
export const VARIANTS = ['clean', 'messy', 'messy-utf16', 'messy-xlsx'] as const;
export type Variant = (typeof VARIANTS)[number] | 'clean-xlsx';

const SPEC: Record<Variant, { messy: boolean; container: 'csv' | 'utf16-tsv' | 'xlsx'; suffix: string }> = {
  clean: { messy: false, container: 'csv', suffix: '.csv' },
  'clean-xlsx': { messy: false, container: 'xlsx', suffix: '.xlsx' },
  messy: { messy: true, container: 'csv', suffix: '-messy.csv' },
  'messy-utf16': { messy: true, container: 'utf16-tsv', suffix: '-messy-utf16.txt' },
  'messy-xlsx': { messy: true, container: 'xlsx', suffix: '-messy.xlsx' },
};

export function isXlsx(v: Variant): boolean {
  return SPEC[v].container === 'xlsx';
}

export interface Expected {
  version: number;
  rows: number;
  entries: number;
  /** Sum of duty over the rows that survive de-duplication and parse, integer cents. */
  dutyCents: number;
  duplicateRows: number;
  conflictingRows: number;
  /** Rows whose duty cell is unparseable ("N/A"): one row problem each. */
  problemRows: number;
  /** Totals rows (skipped and counted). */
  summaryRows: number;
  importerNames: string[];
  bytes: number;
}

export interface BenchFile {
  path: string;
  variant: Variant;
  rows: number;
  expected: Expected;
}

/** RFC 4180 quoting of the clean file: any quote, comma or line break. */
function quote(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/**
 * Quoting of the messy exports: as RFC 4180, except the `="…"` wrapper, which Excel-minded exporters
 * write as it is (a quote inside an unquoted cell, read literally).
 */
function messyQuote(delimiter: string): (cell: string) => string {
  const special = new RegExp(`["${delimiter}\\r\\n]`);
  return (cell) => {
    if (cell.startsWith('="') && cell.endsWith('"') && !cell.includes(delimiter)) return cell;
    return special.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
  };
}

/** "100k", "1M", "2.5m" or "12345" → row count. */
export function parseSize(s: string): number {
  const m = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(s.trim());
  if (!m) throw new Error(`Bad size "${s}": use e.g. 100k, 1M, 3M or a row count.`);
  const scale = m[2]!.toLowerCase() === 'k' ? 1e3 : m[2]!.toLowerCase() === 'm' ? 1e6 : 1;
  return Math.round(Number(m[1]) * scale);
}

export function sizeLabel(rows: number): string {
  if (rows % 1_000_000 === 0) return `${rows / 1_000_000}M`;
  if (rows % 1_000 === 0) return `${rows / 1_000}k`;
  return String(rows);
}

/** Where generated rows go: delimited text, or an .xlsx workbook. */
interface RowSink {
  row(cells: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

interface TextLayout {
  delimiter: string;
  encoding: 'utf8' | 'utf16le';
  /** Write a byte-order mark first. */
  bom: boolean;
  /** Lines above the header. */
  title: readonly (readonly string[])[];
  quote: (cell: string) => string;
}

function textSink(path: string, layout: TextLayout): RowSink {
  const out = createWriteStream(path);
  const line = (cells: readonly string[]) => cells.map(layout.quote).join(layout.delimiter);
  let block: string[] = [...layout.title.map(line), line(SAMPLE_HEADERS)];
  let blockChars = 0;
  let bom = layout.bom ? '\uFEFF' : '';
  const flush = async (): Promise<void> => {
    const text = bom + block.join('\r\n');
    bom = '';
    if (!out.write(Buffer.from(text + '\r\n', layout.encoding))) await once(out, 'drain');
    block = [];
    blockChars = 0;
  };
  return {
    async row(cells) {
      const text = line(cells);
      block.push(text);
      blockChars += text.length;
      if (blockChars >= WRITE_BLOCK_CHARS) await flush();
    },
    async close() {
      await flush();
      out.end();
      await once(out, 'finish');
    },
  };
}

/**
 * Plain amounts become typed numbers, as in a workbook saved from Excel; other cells stay text,
 * in the shared strings table as Excel writes text (without it the writer stores every text cell
 * as a formula result, `t="str"`, which no export does). `title` rows go above the header.
 */
function xlsxSink(path: string, title: readonly (readonly string[])[]): RowSink {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true, useStyles: false });
  const sheet = book.addWorksheet('Main Report');
  for (const t of title) sheet.addRow([...t]).commit();
  sheet.addRow([...SAMPLE_HEADERS]).commit();
  return {
    async row(cells) {
      sheet.addRow(cells.map((c, k) => (MONEY_COLUMNS.has(k) && /^-?\d+\.\d\d$/.test(c) ? Number(c) : c))).commit();
    },
    async close() {
      sheet.commit();
      await book.commit();
    },
  };
}

function sinkFor(path: string, variant: Variant): RowSink {
  const { messy, container } = SPEC[variant];
  const title = messy ? TITLE_LINES : [];
  switch (container) {
    case 'xlsx':
      return xlsxSink(path, title);
    case 'csv':
      return textSink(path, {
        delimiter: ',',
        encoding: 'utf8',
        bom: messy,
        title,
        quote: messy ? messyQuote(',') : quote,
      });
    case 'utf16-tsv':
      return textSink(path, { delimiter: '\t', encoding: 'utf16le', bom: true, title, quote: messyQuote('\t') });
    default:
      return container satisfies never;
  }
}

/** Send `rows` data rows (repeats included) to `sink`; returns what the app must report. */
async function writeRows(sink: RowSink, rows: number, variant: Variant): Promise<Omit<Expected, 'bytes'>> {
  const stats: SampleStats = { rows: 0, entries: 0, dutyCents: 0 };
  const { messy, container } = SPEC[variant];
  // Money as `$1,234.56` text in delimited files; a workbook holds typed numbers.
  const moneyAsText = container !== 'xlsx';
  const spell = new Spellings(BENCH_SEED);
  // Enough entries that the generator never runs dry (an entry has 1 to ~9 rows).
  const source = sampleRows(
    {
      entries: rows,
      seed: BENCH_SEED,
      filingDate: dayFromYmd(...isoParts(BENCH_FILING_DATE)) as DayNum,
      formattedMoney: !messy,
      ...(messy ? { scenarioWeights: MOSTLY_READY, lineWeights: MESSY_LINE_WEIGHTS } : {}),
    },
    stats,
  );
  let written = 0;
  let extraDuty = 0;
  let duplicateRows = 0;
  let conflictingRows = 0;
  let problemRows = 0;
  const emit = async (cells: readonly string[]): Promise<void> => {
    await sink.row(messy ? messyCells(cells, spell, moneyAsText) : cells);
    written++;
  };
  while (written < rows) {
    const before = stats.dutyCents;
    const next = source.next();
    if (next.done) throw new Error('sample generator ran out of rows');
    const cells = next.value;
    const duty = stats.dutyCents - before;
    const unparseable = cells[COL_DUTY] === 'N/A';
    if (unparseable) problemRows++;
    await emit(cells);
    // A repeat needs room for one more row; an unparseable row is never a de-duplication candidate.
    if (unparseable || written >= rows) continue;
    if (stats.rows % EXACT_EVERY === 0) {
      await emit(cells);
      duplicateRows++;
    } else if (stats.rows % CONFLICT_EVERY === 0) {
      const copy = [...cells];
      copy[COL_DUTY] = formatCents(duty + 1);
      await emit(copy);
      duplicateRows++;
      conflictingRows++;
      extraDuty += 1;
    }
  }
  const dutyCents = stats.dutyCents + extraDuty;
  if (messy) await sink.row(totalRow(moneyAsText ? dollars(formatCents(dutyCents)) : formatCents(dutyCents)));
  await sink.close();
  return {
    version: GENERATOR_VERSION,
    rows: written,
    entries: stats.entries,
    dutyCents,
    duplicateRows,
    conflictingRows,
    problemRows,
    summaryRows: messy ? 1 : 0,
    importerNames: SAMPLE_IORS.map((i) => i.name),
  };
}

function isoParts(iso: string): [number, number, number] {
  const [y, m, d] = iso.split('-').map(Number);
  return [y!, m!, d!];
}

/** The benchmark file of `rows` rows in `dir`, generated unless a current copy is already there. */
export async function ensureBenchFile(dir: string, rows: number, variant: Variant): Promise<BenchFile> {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `es003-${sizeLabel(rows)}${SPEC[variant].suffix}`);
  const expectedPath = `${path}.expected.json`;
  if (existsSync(path) && existsSync(expectedPath)) {
    const expected = JSON.parse(readFileSync(expectedPath, 'utf8')) as Expected;
    if (expected.version === GENERATOR_VERSION && expected.rows === rows && statSync(path).size === expected.bytes)
      return { path, variant, rows, expected };
  }
  const tmp = `${path}.partial`;
  const written = await writeRows(sinkFor(tmp, variant), rows, variant);
  if (written.rows !== rows) throw new Error(`generator wrote ${written.rows} rows, wanted ${rows}`);
  renameSync(tmp, path);
  const expected: Expected = { ...written, bytes: statSync(path).size };
  writeFileSync(expectedPath, JSON.stringify(expected, null, 2));
  return { path, variant, rows, expected };
}

// ---- After filing: a CAPE results file and a refund/payment file for a bench ES-003 file ----

/** Bump when the lifecycle files' content changes. */
const LIFECYCLE_VERSION = 1;
export const RESULTS_ROWS = 300_000;
export const PAYMENT_ROWS = 200_000;
/** Rows of the results file whose entry is not in the ES-003 file (listed as row problems, never added). */
const STRANGER_ROWS = 1_000;
/** Distinct processing dates: filed entries share few filing dates (the app caches one analysis context per date). */
const RESULT_DATES = 30;
const ERRORS = [
  'INVALID HTS',
  'GOODS VALUE AMOUNT MUST BE REPORTED ON THE CH 1-97',
  'ENTRY SUMMARY IS IN FINAL LIQUIDATION STATUS',
  'IOR MISMATCH',
  'HTS RELATIONSHIP MISMATCH',
];

export interface LifecycleExpected {
  version: number;
  resultRows: number;
  paymentRows: number;
  strangerRows: number;
  /** Distinct entries of the ES-003 file on the results file: each gets a filing status other than NOT_FILED. */
  filedOrRejected: number;
}

export interface LifecycleFiles {
  results: string;
  payments: string;
  expected: LifecycleExpected;
}

/** The distinct entry numbers of a bench ES-003 CSV (its first column), in file order. */
async function entryNumbersOf(path: string): Promise<string[]> {
  const seen = new Set<string>();
  let rest = '';
  let header = true;
  for await (const chunk of createReadStream(path, { encoding: 'utf8' })) {
    const text = rest + (chunk as string);
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      const line = text.slice(start, nl);
      start = nl + 1;
      if (header) {
        header = false;
        continue;
      }
      seen.add(line.slice(0, line.indexOf(',')));
    }
    rest = text.slice(start);
  }
  return [...seen];
}

/**
 * A results file of RESULTS_ROWS rows (entries drawn with repeats, as resubmissions give; 85% accepted,
 * the others rejected with CBP's error texts; STRANGER_ROWS rows of entries not in the file) and a
 * payment file of PAYMENT_ROWS rows for accepted entries (some paid in two rows, 1% returned), seeded.
 */
export async function ensureLifecycleFiles(dir: string, bench: BenchFile): Promise<LifecycleFiles> {
  const results = join(dir, `cape-results-${sizeLabel(bench.rows)}.csv`);
  const payments = join(dir, `cape-payments-${sizeLabel(bench.rows)}.csv`);
  const expectedPath = `${results}.expected.json`;
  if (existsSync(results) && existsSync(payments) && existsSync(expectedPath)) {
    const expected = JSON.parse(readFileSync(expectedPath, 'utf8')) as LifecycleExpected;
    if (expected.version === LIFECYCLE_VERSION) return { results, payments, expected };
  }
  const entries = await entryNumbersOf(bench.path);
  const rnd = prng(BENCH_SEED + 11);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const filingDay = dayFromYmd(...isoParts(BENCH_FILING_DATE)) as DayNum;
  const us = (d: DayNum) => {
    const { y, m, d: dd } = ymdFromDay(d);
    return `${String(m).padStart(2, '0')}/${String(dd).padStart(2, '0')}/${y}`;
  };
  const dates = Array.from({ length: RESULT_DATES }, (_, k) => us(addDays(filingDay, -120 + k * 3)));
  const resultLines = ['ENTRY_NUMBER,CLAIM_NUMBER,STATUS,ERROR_DESCRIPTION,PROCESSED_DATE'];
  const onResults = new Set<string>();
  const accepted: string[] = [];
  for (let k = 0; k < RESULTS_ROWS - STRANGER_ROWS; k++) {
    const entry = pick(entries);
    onResults.add(entry);
    const ok = rnd() < 0.85;
    if (ok) accepted.push(entry);
    const date = pick(dates);
    resultLines.push(
      `${entry},CAPE-${1000 + (k % 997)},${ok ? 'Accepted' : 'Rejected'},${ok ? '' : pick(ERRORS)},${date}`,
    );
  }
  for (let k = 0; k < STRANGER_ROWS; k++) {
    const base = `ZZ8${String(1_000_000 + k).padStart(7, '0')}`;
    resultLines.push(`${base}${checkDigit(base)},CAPE-0001,Accepted,,${dates[0]}`);
  }
  const paymentLines = ['Entry Number,Refund Principal,Refund Interest,Payment Date,Payment Status'];
  while (paymentLines.length <= PAYMENT_ROWS) {
    const entry = pick(accepted);
    const cents = 10_000 + Math.floor(rnd() * 5_000_000);
    const interest = Math.floor(cents * 0.04 * rnd());
    const status = rnd() < 0.01 ? 'Returned - ACH account closed' : 'Paid';
    paymentLines.push(
      `${entry},${formatCents(cents)},${formatCents(interest)},${us(addDays(filingDay, -Math.floor(rnd() * 60)))},${status}`,
    );
  }
  writeFileSync(results, resultLines.join('\r\n') + '\r\n');
  writeFileSync(payments, paymentLines.join('\r\n') + '\r\n');
  const expected: LifecycleExpected = {
    version: LIFECYCLE_VERSION,
    resultRows: RESULTS_ROWS,
    paymentRows: PAYMENT_ROWS,
    strangerRows: STRANGER_ROWS,
    filedOrRejected: onResults.size,
  };
  writeFileSync(expectedPath, JSON.stringify(expected, null, 2));
  return { results, payments, expected };
}
