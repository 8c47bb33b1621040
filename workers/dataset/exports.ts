/** The downloadable files: entries CSV, row problems CSV, declaration CSVs and their ZIP. */
import { zipSync } from 'fflate';
import { type DeclarationFile, type DeclarationItem, type Partition, buildDeclarations } from '../../src/core/declarations';
import { CSV_EOL, csvCell, entriesCsvHeader } from '../../src/core/entries-csv';
import type { AnalysisContext } from '../../src/core/analysis';
import { type DayNum, formatDay } from '../../src/core/dates';
import { effectiveEntryType } from '../../src/core/entry-facts';
import { SEGMENTS } from '../../src/core/reasons';
import type { LoadedFile } from '../ingest/import-file';
import { NO_DAY } from '../store/pages';
import { ByteWriter, centsLength } from './byte-writer';
import type { EntryTable } from './entry-table';
import { isDeclared } from './overview';
import { type Results, bitsToCodes } from './results';

/** Rows per string part: keeps each intermediate string small while building a large CSV. */
const PART_ROWS = 10_000;

const CRLF = new TextEncoder().encode(CSV_EOL);
const COMMA = 44;

/**
 * Byte forms of the few distinct values an entries CSV repeats (dates, reason lists, text cells),
 * each encoded once per export instead of once per entry.
 */
class CsvCells {
  private readonly enc = new TextEncoder();
  private readonly days = new Map<number, Uint8Array>();
  private readonly reasons = new Map<number, Uint8Array>();
  private readonly importers = new Map<number, Uint8Array>();
  private readonly types = new Map<number, Uint8Array>();
  private readonly groups = new Map<number, Uint8Array>();
  readonly segments = SEGMENTS.map((s) => this.enc.encode(s));

  constructor(private readonly strings: readonly string[]) {}

  private string(id: number): string {
    return id < 0 ? '' : this.strings[id]!;
  }

  /** `YYYY-MM-DD`, or the empty cell for NO_DAY. */
  day(v: number): Uint8Array {
    let b = this.days.get(v);
    if (b === undefined) this.days.set(v, (b = v === NO_DAY ? EMPTY : this.enc.encode(formatDay(v as DayNum))));
    return b;
  }

  reasonList(bits: number): Uint8Array {
    let b = this.reasons.get(bits);
    if (b === undefined) this.reasons.set(bits, (b = this.enc.encode(bitsToCodes(bits).join(';'))));
    return b;
  }

  /** The importer number as written, as a CSV cell; string id -1 is the empty cell. */
  importer(id: number): Uint8Array {
    let b = this.importers.get(id);
    if (b === undefined) this.importers.set(id, (b = this.enc.encode(csvCell(this.string(id)))));
    return b;
  }

  entryType(id: number): Uint8Array {
    let b = this.types.get(id);
    if (b === undefined) this.types.set(id, (b = this.enc.encode(csvCell(effectiveEntryType({ entryType: this.string(id) })))));
    return b;
  }

  /** payment_group `<projected>|<importer as written>`; READY entries share one or two projected dates. */
  group(projected: number, importer: number): Uint8Array {
    const key = projected * GROUP_KEY_SCALE + importer + 1;
    let b = this.groups.get(key);
    if (b === undefined) this.groups.set(key, (b = this.enc.encode(csvCell(`${formatDay(projected as DayNum)}|${this.string(importer)}`))));
    return b;
  }
}

/** Importer string ids stay far below this, so (projected day, importer id) packs into one exact integer key. */
const GROUP_KEY_SCALE = 2 ** 26;
const EMPTY = new Uint8Array(0);
const READY = SEGMENTS.indexOf('READY');

/**
 * The parts of each entries CSV row that no what-if changes, as bytes: `entry,importer,type,date,`
 * and `ieepa_duty,other_duty,`. Cached for a table from its second export on (the what-ifs), so
 * the import's own export does not hold them on top of everything the import built.
 */
interface StaticCells {
  bytes: Uint8Array;
  /** Entry i's head is bytes[head[i] .. mid[i]), its amounts bytes[mid[i] .. head[i + 1]). */
  head: Int32Array;
  mid: Int32Array;
}

const staticCache = new WeakMap<EntryTable, StaticCells>();
const exportedOnce = new WeakSet<EntryTable>();
/** Commas after entry, importer, type, date, ieepa_duty and other_duty. */
const STATIC_COMMAS = 6;

function writeHead(w: ByteWriter, t: EntryTable, cells: CsvCells, i: number): void {
  w.ascii(t.entryNumbers[i]!);
  w.byte(COMMA);
  w.bytes(cells.importer(t.importer[i]!));
  w.byte(COMMA);
  w.bytes(cells.entryType(t.entryType[i]!));
  w.byte(COMMA);
  w.bytes(cells.day(t.entryDate[i]!));
  w.byte(COMMA);
}

function writeDuties(w: ByteWriter, t: EntryTable, i: number): void {
  w.cents(t.ieepaDuty[i]!);
  w.byte(COMMA);
  w.cents(t.otherDuty[i]!);
  w.byte(COMMA);
}

function staticCells(t: EntryTable, cells: CsvCells): StaticCells | null {
  let s = staticCache.get(t);
  if (s) return s;
  if (!exportedOnce.has(t)) {
    exportedOnce.add(t);
    return null;
  }
  // Sized exactly first, so the bytes are written once into an array of their own.
  let size = 0;
  for (let i = 0; i < t.count; i++) {
    size += t.entryNumbers[i]!.length + cells.importer(t.importer[i]!).length + cells.entryType(t.entryType[i]!).length + cells.day(t.entryDate[i]!).length;
    size += centsLength(t.ieepaDuty[i]!) + centsLength(t.otherDuty[i]!) + STATIC_COMMAS;
  }
  const bytes = new Uint8Array(size);
  const w = ByteWriter.into(bytes);
  const head = new Int32Array(t.count + 1);
  const mid = new Int32Array(t.count);
  for (let i = 0; i < t.count; i++) {
    head[i] = w.length;
    writeHead(w, t, cells, i);
    mid[i] = w.length;
    writeDuties(w, t, i);
  }
  head[t.count] = w.length;
  s = { bytes, head, mid };
  staticCache.set(t, s);
  return s;
}

/**
 * Entries CSV (SPEC §9), written straight to bytes; the same text as core's entriesCsvRow for
 * every entry (tested). Entries are kept sorted by entry number, so table order is CSV order.
 */
export function entriesCsv(t: EntryTable, res: Results): Blob {
  const w = ByteWriter.forBlob();
  const cells = new CsvCells(t.strings);
  const fixed = staticCells(t, cells);
  w.ascii(entriesCsvHeader());
  w.bytes(CRLF);
  for (let i = 0; i < t.count; i++) {
    if (fixed) w.range(fixed.bytes, fixed.head[i]!, fixed.mid[i]!);
    else writeHead(w, t, cells, i);
    const segment = res.segment[i]!;
    w.bytes(cells.segments[segment]!);
    w.byte(COMMA);
    w.bytes(cells.reasonList(res.codes[i]!));
    w.byte(COMMA);
    if (fixed) w.range(fixed.bytes, fixed.mid[i]!, fixed.head[i + 1]!);
    else writeDuties(w, t, i);
    w.cents(res.interest[i]!);
    w.byte(COMMA);
    w.cents(res.refund[i]!);
    w.byte(COMMA);
    const projected = res.projected[i]!;
    w.bytes(cells.day(projected));
    w.byte(COMMA);
    if (segment === READY && projected !== NO_DAY) w.bytes(cells.group(projected, t.importer[i]!));
    w.bytes(CRLF);
  }
  return w.blob('text/csv');
}

export const PROBLEMS_CSV_HEADER = 'file,row,column,value,message';

export function problemsCsv(files: readonly LoadedFile[]): Blob {
  const parts: string[] = [PROBLEMS_CSV_HEADER + CSV_EOL];
  for (const f of files) {
    const name = csvCell(f.record.name);
    let rows: string[] = [];
    for (const p of f.problems) {
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

/** Declaration files from the entries that go into declarations (READY, plus DEFERRED when opted in). */
export function declarationFiles(t: EntryTable, res: Results, ctx: AnalysisContext, partition: Partition): DeclarationFile[] {
  return buildDeclarations(declaredItems(t, res, ctx.assumptions.includeDeferred), ctx.filingDate, partition, ctx.rules.maxEntriesPerDeclaration);
}

/** One at a time, so no list of a hundred thousand items is held while the files are built. */
function* declaredItems(t: EntryTable, res: Results, includeDeferred: boolean): Generator<DeclarationItem> {
  for (let i = 0; i < t.count; i++) {
    if (isDeclared(res, i, includeDeferred)) yield { entryNumber: t.entryNumbers[i]!, importerNumber: t.text(t.importer, i) };
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

