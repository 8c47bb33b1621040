/** The downloadable files: entries CSV, row problems CSV, declaration CSVs and their ZIP. */
import { zipSync } from 'fflate';
import {
  type DeclarationFile,
  type DeclarationItem,
  type Partition,
  buildDeclarations,
  refileDeclarations,
} from '../../src/core/declarations';
import { CSV_EOL, csvCell, entriesCsvHeader } from '../../src/core/entries-csv';
import type { AnalysisContext } from '../../src/core/analysis';
import { type DayNum, MIN_VALID_YEAR, dayFromYmd, formatDay } from '../../src/core/dates';
import type { CompiledRules } from '../../src/core/compiled-rules';
import { capeLastDay, protestDeadline } from '../../src/core/deadlines';
import { effectiveEntryType } from '../../src/core/entry-facts';
import { FILING_STATUSES, type FilingStatus, hasPayment } from '../../src/core/filing-status';
import { SEGMENTS, hasExpectedPayment } from '../../src/core/reasons';
import type { LoadedFile } from '../ingest/import-file';
import { NO_DAY, type RowProblem } from '../store/pages';
import { ByteWriter } from './byte-writer';
import type { EntryTable } from './entry-table';
import type { Filings } from './filings';
import { type Results, bitsToCodes, declaredSegments, paymentKey, segmentTable } from './results';

/** Rows per string part: keeps each intermediate string small while building a large CSV. */
const PART_ROWS = 10_000;

const CRLF = new TextEncoder().encode(CSV_EOL);
const COMMA = 44;

/**
 * Byte forms of the few distinct values an entries CSV repeats (dates, reason lists, text cells),
 * each with the comma after it, encoded once per export instead of once per entry.
 */
class CsvCells {
  private readonly enc = new TextEncoder();
  /** By day number − DAY_BASE. */
  private readonly days: (Uint8Array | undefined)[] = [];
  private readonly reasons = new Map<number, Uint8Array>();
  /** By string id + 1 (id -1 is the empty cell). */
  private readonly importers: (Uint8Array | undefined)[] = [];
  private readonly types: (Uint8Array | undefined)[] = [];
  private readonly groups = new Map<number, Uint8Array>();
  private readonly noDay = this.enc.encode(',');
  readonly segments = SEGMENTS.map((s) => this.enc.encode(`${s},`));
  readonly statuses = FILING_STATUSES.map((s) => this.enc.encode(`${s},`));

  constructor(private readonly strings: readonly string[]) {}

  private string(id: number): string {
    return id < 0 ? '' : this.strings[id]!;
  }

  /** `YYYY-MM-DD,`, or `,` for NO_DAY. */
  day(v: number): Uint8Array {
    if (v === NO_DAY) return this.noDay;
    let b = this.days[v - DAY_BASE];
    if (b === undefined) this.days[v - DAY_BASE] = b = this.enc.encode(`${formatDay(v as DayNum)},`);
    return b;
  }

  reasonList(bits: number): Uint8Array {
    let b = this.reasons.get(bits);
    if (b === undefined) this.reasons.set(bits, (b = this.enc.encode(`${bitsToCodes(bits).join(';')},`)));
    return b;
  }

  /** The importer number as written, as a CSV cell. */
  importer(id: number): Uint8Array {
    let b = this.importers[id + 1];
    if (b === undefined) this.importers[id + 1] = b = this.enc.encode(`${csvCell(this.string(id))},`);
    return b;
  }

  entryType(id: number): Uint8Array {
    let b = this.types[id + 1];
    if (b === undefined)
      this.types[id + 1] = b = this.enc.encode(`${csvCell(effectiveEntryType({ entryType: this.string(id) }))},`);
    return b;
  }

  /** payment_group `<projected>|<importer as written>` (the comma after it is written apart); entries with a payment share one or two projected dates. */
  group(projected: number, importer: number): Uint8Array {
    const key = paymentKey(projected, importer);
    let b = this.groups.get(key);
    if (b === undefined)
      this.groups.set(
        key,
        (b = this.enc.encode(csvCell(`${formatDay(projected as DayNum)}|${this.string(importer)}`))),
      );
    return b;
  }
}

/** Day number of 2000-01-01: valid dates start there (MIN_VALID_YEAR), so day − DAY_BASE indexes an array. */
const DAY_BASE = dayFromYmd(MIN_VALID_YEAR, 1, 1);
/** Segments with a payment group (core's hasExpectedPayment), by segment index. */
const PAYMENT_GROUP = segmentTable(hasExpectedPayment);
/** Filing statuses with paid and variance cells (core's hasPayment), by status index. */
const PAID_CELLS = Uint8Array.from(FILING_STATUSES, (s) => (hasPayment(s) ? 1 : 0));

/**
 * Entries CSV (SPEC §9), written straight to bytes; the same text as core's entriesCsvRow for
 * every entry (tested). Entries are kept sorted by entry number, so table order is CSV order.
 * Without filings every entry is NOT_FILED.
 */
export function entriesCsv(
  t: EntryTable,
  res: Results,
  rules: Pick<CompiledRules, 'reliquidationWindowDays' | 'protestDays'>,
  filings?: Filings,
): Blob {
  const w = new ByteWriter();
  const cells = new CsvCells(t.strings);
  w.ascii(entriesCsvHeader());
  w.bytes(CRLF);
  const { importer, entryType, entryDate, liqDate } = t.attr;
  const status = filings?.status ?? new Uint8Array(t.count);
  for (let i = 0; i < t.count; i++) {
    w.ascii(t.entryNumbers[i]!);
    w.byte(COMMA);
    w.bytes(cells.importer(importer[i]!));
    w.bytes(cells.entryType(entryType[i]!));
    w.bytes(cells.day(entryDate[i]!));
    const segment = res.segment[i]!;
    w.bytes(cells.segments[segment]!);
    w.bytes(cells.reasonList(res.codes[i]!));
    w.cents(t.ieepaDuty[i]!);
    w.byte(COMMA);
    w.cents(t.otherDuty[i]!);
    w.byte(COMMA);
    w.cents(res.interest[i]!);
    w.byte(COMMA);
    w.cents(res.refund[i]!);
    w.byte(COMMA);
    const projected = res.projected[i]!;
    w.bytes(cells.day(projected));
    if (PAYMENT_GROUP[segment] === 1 && projected !== NO_DAY) w.bytes(cells.group(projected, importer[i]!));
    w.byte(COMMA);
    const liq = liqDate[i]!;
    w.bytes(cells.day(liq));
    w.bytes(cells.day(liq === NO_DAY ? NO_DAY : capeLastDay(liq as DayNum, rules)));
    w.bytes(cells.day(liq === NO_DAY ? NO_DAY : protestDeadline(liq as DayNum, rules)));
    const st = status[i]!;
    w.bytes(cells.statuses[st]!);
    if (PAID_CELLS[st] === 1) {
      const paid = filings!.paid[i]!;
      w.cents(paid);
      w.byte(COMMA);
      w.cents(paid - res.refund[i]!);
    } else w.byte(COMMA);
    w.bytes(CRLF);
  }
  return w.blob('text/csv');
}

export const PROBLEMS_CSV_HEADER = 'file,row,column,value,message';

/**
 * A file's row problems as the user sees them: those found on import and, for a results or payment
 * file, its rows whose entry is not in the dataset (derived from the dataset as it is now), in row order.
 */
export function fileProblems(f: LoadedFile, filings: Filings | null): readonly RowProblem[] {
  const unknown = filings?.unknown.get(f.record.id)?.problems;
  if (!unknown) return f.problems;
  const out: RowProblem[] = [];
  let a = 0;
  let b = 0;
  while (a < f.problems.length || b < unknown.length) {
    if (b >= unknown.length || (a < f.problems.length && f.problems[a]!.row <= unknown[b]!.row))
      out.push(f.problems[a++]!);
    else out.push(unknown[b++]!);
  }
  return out;
}

export function problemsCsv(files: readonly LoadedFile[], filings: Filings | null = null): Blob {
  const parts: string[] = [PROBLEMS_CSV_HEADER + CSV_EOL];
  for (const f of files) {
    const name = csvCell(f.record.name);
    let rows: string[] = [];
    for (const p of fileProblems(f, filings)) {
      rows.push(`${name},${p.row},${csvCell(p.column)},${csvCell(p.value)},${csvCell(p.message)}`);
      if (rows.length === PART_ROWS) {
        parts.push(rows.join(CSV_EOL) + CSV_EOL);
        rows = [];
      }
    }
    if (rows.length > 0) parts.push(rows.join(CSV_EOL) + CSV_EOL);
  }
  return new Blob(parts, { type: 'text/csv' });
}

/**
 * Declaration files from the entries that go into new declarations (core's isDeclared; filed entries
 * never do, SPEC §10): the never-filed ones, then refile declarations of the rejected ones, named
 * apart from every name in the ledger (`…_r2.csv`, SPEC §6).
 */
export function declarationFiles(
  t: EntryTable,
  res: Results,
  ctx: AnalysisContext,
  partition: Partition,
  filings?: Filings,
  ledgerNames: ReadonlySet<string> = new Set(),
): DeclarationFile[] {
  const build = (wanted: FilingStatus) =>
    buildDeclarations(
      declaredItems(t, res, ctx.assumptions.includeDeferred, filings?.status, FILING_STATUSES.indexOf(wanted)),
      ctx.filingDate,
      partition,
      ctx.rules.maxEntriesPerDeclaration,
    );
  const fresh = build('NOT_FILED');
  if (!filings) return fresh;
  return [...fresh, ...refileDeclarations(build('REJECTED'), ledgerNames)];
}

/** One at a time, so no list of a hundred thousand items is held while the files are built. */
function* declaredItems(
  t: EntryTable,
  res: Results,
  includeDeferred: boolean,
  status: Uint8Array | undefined,
  wanted: number,
): Generator<DeclarationItem> {
  const declared = declaredSegments(includeDeferred);
  for (let i = 0; i < t.count; i++) {
    if (declared[res.segment[i]!] === 1 && (status?.[i] ?? 0) === wanted)
      yield { entryNumber: t.entryNumbers[i]!, importerNumber: t.text(t.attr.importer, i), refund: res.refund[i]! };
  }
}

export function declarationsZip(files: readonly DeclarationFile[], filingDate: string): Blob {
  const enc = new TextEncoder();
  const entries: Record<string, Uint8Array> = {};
  for (const f of files) entries[f.name] = enc.encode(f.content);
  // A fixed timestamp (the filing date) keeps the ZIP bytes reproducible for the same declarations.
  // Stored, not deflated: every what-if rebuilds it, and deflating 100k entry numbers costs ~30-90 ms
  // to save ~1 MB of a local download.
  const [y, m, d] = filingDate.split('-').map(Number) as [number, number, number];
  const zipped = zipSync(entries, { level: 0, mtime: new Date(y, m - 1, d, 12, 0, 0) });
  return new Blob([zipped as Uint8Array<ArrayBuffer>], { type: 'application/zip' });
}

export function declarationBlob(f: DeclarationFile): Blob {
  return new Blob([f.content], { type: 'text/csv' });
}
