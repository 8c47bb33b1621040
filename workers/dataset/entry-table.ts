/**
 * The dataset's entries in columns, rebuilt from the loaded files whenever a file joins or leaves:
 * entry attributes merged in file order (a later non-empty value wins), rows de-duplicated on
 * (entry, line, ordinal, HTS) with the row read last kept, and each entry's rows summarised by
 * src/core. Facts that do not depend on the filing date are computed here, once.
 */
import type { LiquidationStatus, SummaryStatus } from '../../src/core/cell-values';
import type { CompiledRules } from '../../src/core/compiled-rules';
import type { DayNum } from '../../src/core/dates';
import type { EntryFacts } from '../../src/core/entry-facts';
import { entryFromCode, hasValidCheckDigit } from '../../src/core/entry-number';
import { type LineInput, emptyLineFacts, summariseLines } from '../../src/core/line-facts';
import type { Cents } from '../../src/core/money';
import type { LoadedFile } from '../ingest/import-file';
import {
  type AttrPage,
  FLAG,
  LIQ_STATUS_CODES,
  NO_DAY,
  type RowPage,
  SUMMARY_STATUS_CODES,
  rowIndex,
  rowSlot,
} from '../store/pages';
import { grown } from '../typed-arrays';
import { dedupeRows } from './row-dedupe';

export interface RowRef {
  file: LoadedFile;
  page: RowPage;
  /** Page-local HTS id → dataset HTS id. */
  hts: Int32Array;
}

export class EntryTable {
  count = 0;
  codes = new Float64Array(0);
  entryNumbers: string[] = [];
  checkOk = new Uint8Array(0);
  /** Interned strings referenced by the text columns. */
  strings: string[] = [];
  importer = new Int32Array(0);
  importerName = new Int32Array(0);
  entryType = new Int32Array(0);
  country = new Int32Array(0);
  port = new Int32Array(0);
  entryDate = new Int32Array(0);
  summaryDate = new Int32Array(0);
  liqDate = new Int32Array(0);
  liqStatus = new Int8Array(0);
  summaryStatus = new Int8Array(0);
  flags = new Uint16Array(0);
  bad = new Uint8Array(0);
  ieepaDuty = new Float64Array(0);
  otherDuty = new Float64Array(0);
  ieepaLines = new Int32Array(0);
  refundableLines = new Int32Array(0);
  warningBits = new Uint8Array(0);
  /** (entry, program, cents) triples of refundable IEEPA duty. */
  programEntry = new Int32Array(0);
  programIndex = new Int8Array(0);
  programCents = new Float64Array(0);
  /** Surviving rows per entry: rowIds[rowStart[i] .. rowStart[i+1]). Row ids: see rowId in pages.ts. */
  rowStart = new Int32Array(1);
  rowIds = new Int32Array(0);
  /** Pages by slot, for decoding row ids. */
  pages: RowRef[] = [];
  htsStrings: string[] = [];
  /** Rows that repeated an earlier row (same key); those with different amounts are conflicts. */
  duplicateRows = 0;
  conflictingRows = 0;
  /** Status-file rows for entries that are not in any ES-003 file. */
  unknownStatusEntries = 0;
  private readonly stringIndex = new Map<string, number>();

  intern(s: string): number {
    let id = this.stringIndex.get(s);
    if (id === undefined) {
      id = this.strings.length;
      this.strings.push(s);
      this.stringIndex.set(s, id);
    }
    return id;
  }

  text(column: Int32Array, i: number): string {
    const id = column[i]!;
    return id < 0 ? '' : this.strings[id]!;
  }

  indexOf(code: number): number {
    let lo = 0;
    let hi = this.count - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const c = this.codes[mid]!;
      if (c === code) return mid;
      if (c < code) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** Fill `f` (a reused object) with entry i's facts, for the analysis. */
  factsAt(i: number, f: EntryFacts, programs: [number, number][]): EntryFacts {
    f.entryNumber = this.entryNumbers[i]!;
    f.checkDigitOk = this.checkOk[i] === 1;
    f.importerNumber = this.text(this.importer, i);
    f.importerName = this.text(this.importerName, i);
    f.entryType = this.text(this.entryType, i);
    f.entryDate = day(this.entryDate[i]!);
    f.entrySummaryDate = day(this.summaryDate[i]!);
    f.liquidationStatus =
      this.liqStatus[i]! < 0 ? 'unknown' : (LIQ_STATUS_CODES[this.liqStatus[i]!] as LiquidationStatus);
    f.liquidationDate = day(this.liqDate[i]!);
    const flags = this.flags[i]!;
    f.reconFlag = (flags & FLAG.recon) !== 0;
    f.recon09Filed = (flags & FLAG.recon09) !== 0;
    f.drawback = (flags & FLAG.drawback) !== 0;
    f.openProtest = (flags & FLAG.openProtest) !== 0;
    f.suretyPaid = (flags & FLAG.surety) !== 0;
    f.adcvdFlag = (flags & FLAG.adcvd) !== 0;
    f.summaryStatus =
      this.summaryStatus[i]! < 0 ? 'absent' : (SUMMARY_STATUS_CODES[this.summaryStatus[i]!] as SummaryStatus);
    f.ieepaDuty = this.ieepaDuty[i]! as Cents;
    f.otherDuty = this.otherDuty[i]! as Cents;
    f.ieepaLines = this.ieepaLines[i]!;
    f.refundableLines = this.refundableLines[i]!;
    f.badRowData = this.bad[i] === 1;
    f.warningBits = this.warningBits[i]!;
    f.programCents = programs;
    f.countryOfOrigin = this.text(this.country, i);
    f.port = this.text(this.port, i);
    return f;
  }
}

export function day(v: number): DayNum | null {
  return v === NO_DAY ? null : (v as DayNum);
}

export function blankFacts(): EntryFacts {
  return {
    entryNumber: '',
    checkDigitOk: true,
    importerNumber: '',
    importerName: '',
    entryType: '',
    entryDate: null,
    entrySummaryDate: null,
    liquidationStatus: 'unknown',
    liquidationDate: null,
    reconFlag: false,
    recon09Filed: false,
    drawback: false,
    openProtest: false,
    summaryStatus: 'absent',
    suretyPaid: false,
    adcvdFlag: false,
    ieepaDuty: 0 as Cents,
    otherDuty: 0 as Cents,
    ieepaLines: 0,
    refundableLines: 0,
    badRowData: false,
    warningBits: 0,
    programCents: [],
    countryOfOrigin: '',
    port: '',
  };
}

/** Build the entry table from committed files, in dataset order. */
export function buildEntryTable(files: readonly LoadedFile[], rules: CompiledRules): EntryTable {
  const t = new EntryTable();
  const lineFiles = files.filter((f) => f.record.report.kind === 'es003');
  collectEntries(t, lineFiles);
  for (const f of files) for (const p of f.attrPages) mergeAttributes(t, p, f.record.report.kind === 'status');
  dedupeRows(t, lineFiles);
  summariseEntries(t, rules);
  return t;
}

function collectEntries(t: EntryTable, files: readonly LoadedFile[]): void {
  let total = 0;
  for (const f of files) for (const p of f.attrPages) total += p.count;
  const all = new Float64Array(total);
  let k = 0;
  for (const f of files) for (const p of f.attrPages) all.set(p.entry, (k += p.count) - p.count);
  all.sort();
  let n = 0;
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) all[n++] = all[i]!;
  t.count = n;
  t.codes = all.slice(0, n);
  t.entryNumbers = new Array<string>(n);
  t.checkOk = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const e = entryFromCode(t.codes[i]!);
    t.entryNumbers[i] = e;
    t.checkOk[i] = hasValidCheckDigit(e) ? 1 : 0;
  }
  t.importer = new Int32Array(n).fill(-1);
  t.importerName = new Int32Array(n).fill(-1);
  t.entryType = new Int32Array(n).fill(-1);
  t.country = new Int32Array(n).fill(-1);
  t.port = new Int32Array(n).fill(-1);
  t.entryDate = new Int32Array(n).fill(NO_DAY);
  t.summaryDate = new Int32Array(n).fill(NO_DAY);
  t.liqDate = new Int32Array(n).fill(NO_DAY);
  t.liqStatus = new Int8Array(n).fill(-1);
  t.summaryStatus = new Int8Array(n).fill(-1);
  t.flags = new Uint16Array(n);
  t.bad = new Uint8Array(n);
}

const TEXT_COLUMNS = ['importer', 'importerName', 'entryType', 'country', 'port'] as const;
const DAY_COLUMNS = ['entryDate', 'summaryDate', 'liqDate'] as const;

function mergeAttributes(t: EntryTable, p: AttrPage, isStatusFile: boolean): void {
  const ids = p.dict.map((s) => t.intern(s));
  // Entry index of each of the page's entries (-1 when not in the table), then column by column.
  const at = new Int32Array(p.count);
  let guess = 0;
  for (let s = 0; s < p.count; s++) {
    const code = p.entry[s]!;
    // Pages list entries in sorted-ish order; try the next index before searching.
    const i = guess < t.count && t.codes[guess] === code ? guess : t.indexOf(code);
    at[s] = i;
    if (i >= 0) guess = i + 1;
    else if (isStatusFile) t.unknownStatusEntries++;
  }
  for (const c of TEXT_COLUMNS) mergeColumn(at, p[c], t[c], (v) => (v >= 0 ? ids[v]! : null));
  for (const c of DAY_COLUMNS) mergeColumn(at, p[c], t[c], (v) => (v !== NO_DAY ? v : null));
  mergeColumn(at, p.liqStatus, t.liqStatus, (v) => (v >= 0 ? v : null));
  mergeColumn(at, p.summaryStatus, t.summaryStatus, (v) => (v >= 0 ? v : null));
  mergeColumn(at, p.bad, t.bad, (v) => (v ? 1 : null));
  for (let s = 0; s < p.count; s++) {
    const i = at[s]!;
    const present = p.present[s]!;
    if (i >= 0 && present) t.flags[i] = (t.flags[i]! & ~present) | (p.flags[s]! & present);
  }
}

/** to[at[s]] = value(from[s]) for each of a page's entries in the table, where value gives one (null: the page says nothing). */
function mergeColumn(
  at: Int32Array,
  from: ArrayLike<number>,
  to: { [i: number]: number },
  value: (v: number) => number | null,
): void {
  for (let s = 0; s < at.length; s++) {
    const i = at[s]!;
    if (i < 0) continue;
    const v = value(from[s]!);
    if (v !== null) to[i] = v;
  }
}

/** Growable typed columns of (entry, program, cents) triples. */
class ProgramTriples {
  entry = new Int32Array(1024);
  program = new Int8Array(1024);
  cents = new Float64Array(1024);
  count = 0;

  push(entry: number, program: number, cents: number): void {
    if (this.count === this.entry.length) {
      const size = this.count * 2;
      this.entry = grown(this.entry, new Int32Array(size));
      this.program = grown(this.program, new Int8Array(size));
      this.cents = grown(this.cents, new Float64Array(size));
    }
    this.entry[this.count] = entry;
    this.program[this.count] = program;
    this.cents[this.count] = cents;
    this.count++;
  }
}

function summariseEntries(t: EntryTable, rules: CompiledRules): void {
  const n = t.count;
  t.ieepaDuty = new Float64Array(n);
  t.otherDuty = new Float64Array(n);
  t.ieepaLines = new Int32Array(n);
  t.refundableLines = new Int32Array(n);
  const programs = new ProgramTriples();
  const pool: LineInput[] = [];
  // One facts object for every entry: its figures are copied out before the next entry.
  const s = emptyLineFacts();
  for (let i = 0; i < n; i++) {
    const from = t.rowStart[i]!;
    const to = t.rowStart[i + 1]!;
    const count = to - from;
    while (pool.length < count) pool.push({ hts: '', duty: 0 as Cents, value: null, line: null });
    for (let k = 0; k < count; k++) {
      const id = t.rowIds[from + k]!;
      const ref = t.pages[rowSlot(id)]!;
      const r = rowIndex(id);
      const l = pool[k]!;
      l.hts = t.htsStrings[ref.hts[ref.page.hts[r]!]!]!;
      l.duty = ref.page.duty[r]! as Cents;
      const v = ref.page.value[r]!;
      l.value = Number.isNaN(v) ? null : (v as Cents);
      const line = ref.page.line[r]!;
      l.line = line < 0 ? null : line;
    }
    summariseLines(pool, day(t.entryDate[i]!), rules, count, s);
    t.ieepaDuty[i] = s.ieepaDuty;
    t.otherDuty[i] = s.otherDuty;
    t.ieepaLines[i] = s.ieepaLines;
    t.refundableLines[i] = s.refundableLines;
    t.warningBits[i]! |= s.warningBits;
    for (const [program, cents] of s.programCents) programs.push(i, program, cents);
  }
  t.programEntry = programs.entry.slice(0, programs.count);
  t.programIndex = programs.program.slice(0, programs.count);
  t.programCents = programs.cents.slice(0, programs.count);
}
