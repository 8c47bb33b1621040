/**
 * The dataset's entries in columns, rebuilt from the loaded files whenever a file joins or leaves:
 * entry attributes merged in file order (a later non-empty value wins), rows de-duplicated on
 * (entry, line, ordinal, HTS) with the row read last kept, and each entry's rows summarised by
 * src/core. Facts that do not depend on the filing date are computed here, once.
 */
import type { CompiledRules } from '../../src/core/compiled-rules';
import type { DayNum } from '../../src/core/dates';
import { ENTRY_ATTRIBUTES, absentFacts } from '../../src/core/entry-attributes';
import type { EntryFacts } from '../../src/core/entry-facts';
import { entryFromCode, hasValidCheckDigit } from '../../src/core/entry-number';
import { type LineInput, emptyLineFacts, summariseLines } from '../../src/core/line-facts';
import type { Cents } from '../../src/core/money';
import type { LoadedFile } from '../ingest/import-file';
import {
  ABSENT,
  type AttrPage,
  type EntryColumns,
  NO_DAY,
  type RowPage,
  entryColumns,
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
  /** Entry attributes merged from the files (entry-attributes.ts names the columns). */
  attr: EntryColumns = entryColumns(0);
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

  /**
   * Fill `f` (a reused object) with entry i's facts, for the analysis. The attribute lines are written
   * out, one per row of ENTRY_ATTRIBUTES: a loop over the table storing by key measured 14 ms → 270 ms
   * per 300,000 entries (megamorphic keyed stores, on every what-if). entry-table.test.ts checks these
   * lines against a reader derived from the table, so a row without its line here fails it.
   */
  factsAt(i: number, f: EntryFacts, programs: [number, number][]): EntryFacts {
    const a = this.attr;
    f.entryNumber = this.entryNumbers[i]!;
    f.checkDigitOk = this.checkOk[i] === 1;
    f.entryDate = day(a.entryDate[i]!);
    f.entrySummaryDate = day(a.summaryDate[i]!);
    f.entryType = this.text(a.entryType, i);
    f.importerNumber = this.text(a.importer, i);
    f.importerName = this.text(a.importerName, i);
    f.countryOfOrigin = this.text(a.country, i);
    f.port = this.text(a.port, i);
    f.liquidationStatus = code(LIQUIDATION_STATUS, a.liqStatus[i]!);
    f.liquidationDate = day(a.liqDate[i]!);
    const flags = a.flags[i]!;
    f.reconFlag = (flags & RECON) !== 0;
    f.recon09Filed = (flags & RECON_09) !== 0;
    f.drawback = (flags & DRAWBACK) !== 0;
    f.openProtest = (flags & PROTEST) !== 0;
    f.summaryStatus = code(SUMMARY_STATUS, a.summaryStatus[i]!);
    f.suretyPaid = (flags & SURETY) !== 0;
    f.adcvdFlag = (flags & ADCVD) !== 0;
    f.ieepaDuty = this.ieepaDuty[i]! as Cents;
    f.otherDuty = this.otherDuty[i]! as Cents;
    f.ieepaLines = this.ieepaLines[i]!;
    f.refundableLines = this.refundableLines[i]!;
    f.badRowData = a.bad[i] === 1;
    f.warningBits = this.warningBits[i]!;
    f.programCents = programs;
    return f;
  }
}

type Row = (typeof ENTRY_ATTRIBUTES)[number];
function row<F extends Row['field']>(field: F): Extract<Row, { field: F }> {
  return ENTRY_ATTRIBUTES.find((a) => a.field === field) as Extract<Row, { field: F }>;
}
const LIQUIDATION_STATUS = row('liquidation_status');
const SUMMARY_STATUS = row('summary_status');
const RECON = row('reconciliation_flag').bit;
const RECON_09 = row('recon_09_filed').bit;
const DRAWBACK = row('drawback_flag').bit;
const PROTEST = row('protest_status').bit;
const SURETY = row('surety_paid').bit;
const ADCVD = row('adcvd_flag').bit;

/** A stored code index as its code: the absent code when the files say nothing. */
function code<A extends Extract<Row, { kind: 'code' }>>(a: A, index: number): A['codes'][number] {
  return index < 0 ? a.absent : a.codes[index]!;
}

export function day(v: number): DayNum | null {
  return v === NO_DAY ? null : (v as DayNum);
}

export function blankFacts(): EntryFacts {
  return {
    entryNumber: '',
    checkDigitOk: true,
    ...absentFacts(),
    ieepaDuty: 0 as Cents,
    otherDuty: 0 as Cents,
    ieepaLines: 0,
    refundableLines: 0,
    badRowData: false,
    warningBits: 0,
    programCents: [],
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
  t.attr = entryColumns(n);
}

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
  const to = t.attr;
  for (const a of ENTRY_ATTRIBUTES) {
    switch (a.kind) {
      case 'text':
        mergeColumn(at, p[a.column], to[a.column], (v) => (v !== ABSENT.text ? ids[v]! : null));
        break;
      case 'day':
        mergeColumn(at, p[a.column], to[a.column], (v) => (v !== ABSENT.day ? v : null));
        break;
      case 'code':
        mergeColumn(at, p[a.column], to[a.column], (v) => (v !== ABSENT.code ? v : null));
        break;
      case 'flag':
        // Every flag at once below: the bits the page states replace the table's.
        break;
    }
  }
  mergeColumn(at, p.bad, to.bad, (v) => (v ? 1 : null));
  for (let s = 0; s < p.count; s++) {
    const i = at[s]!;
    const present = p.present[s]!;
    if (i >= 0 && present) to.flags[i] = (to.flags[i]! & ~present) | (p.flags[s]! & present);
  }
}

/**
 * to[at[s]] = value(from[s]) for each of a page's entries in the table, where value gives one (null:
 * the page says nothing). A page stored before its attribute was added has no such column: it says nothing.
 */
function mergeColumn(
  at: Int32Array,
  from: ArrayLike<number> | undefined,
  to: { [i: number]: number },
  value: (v: number) => number | null,
): void {
  if (from === undefined) return;
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
    summariseLines(pool, day(t.attr.entryDate[i]!), rules, count, s);
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
