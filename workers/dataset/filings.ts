/**
 * Each entry's filing (SPEC §10) in columns: status, F_e, acceptance date, amount paid, and where its
 * latest CAPE result row and ledger record are. Built from the CAPE results and payment files loaded
 * and the filing ledger whenever files or the ledger change, never per what-if: the filing date F
 * changes none of it. Core decides (deriveFiling); this finds each entry's latest events.
 */
import { type DayNum, dayFromYmd, parseIsoDay } from '../../src/core/dates';
import { entryCode, entryFromCode } from '../../src/core/entry-number';
import { FILING_STATUSES, type FilingEvents, type FilingStatus, deriveFiling } from '../../src/core/filing-status';
import type { LoadedFile } from '../ingest/import-file';
import { MAX_LISTED_PROBLEMS } from '../ingest/row-reader';
import type { LedgerRecord } from '../store/db';
import { EVENT_OUTCOME, type EventPage, NO_DAY, type RowProblem } from '../store/pages';
import type { EntryTable } from './entry-table';

/** An entry number in a results or payment file that is not in the dataset: listed, never added (SPEC §10). */
export const NOT_IN_DATA = 'Entry number is not in the loaded data: listed here, not added to the entries.';

/** Entry numbers of a file that are not in the dataset, as its row problems. */
export interface UnknownEntries {
  /** Rows whose entry is not in the dataset. */
  rows: number;
  /** Distinct entry numbers, in file order. */
  entries: string[];
  /** One row problem per row (the first MAX_LISTED_PROBLEMS). */
  problems: RowProblem[];
}

/** The calendar day (in this browser's time zone) of an ISO timestamp: the day a file was loaded or a declaration marked. */
export function localDay(iso: string): DayNum {
  const d = new Date(iso);
  return dayFromYmd(d.getFullYear(), d.getMonth() + 1, d.getDate());
}

/** A ledger record's submission date: as entered, else the day it was marked. */
export function submittedOn(r: LedgerRecord): DayNum {
  return (r.submittedOn ? parseIsoDay(r.submittedOn) : null) ?? localDay(r.submittedAt);
}

const STATUS_INDEX = new Map<FilingStatus, number>(FILING_STATUSES.map((s, k) => [s, k]));

export function isLifecycleFile(f: LoadedFile): boolean {
  const kind = f.record.report.kind;
  return kind === 'results' || kind === 'payments';
}

export class Filings {
  /** Index into FILING_STATUSES; 0 (NOT_FILED) for entries without events. */
  readonly status: Uint8Array;
  /** F_e; NO_DAY when never filed. */
  readonly filedOn: Int32Array;
  /** When CAPE accepted it; NO_DAY otherwise. */
  readonly acceptedOn: Int32Array;
  /** Sum of payment rows (amount + interest), cents. */
  readonly paid: Float64Array;
  readonly paymentRows: Int32Array;
  /** The latest CAPE result row: index of its file among the dataset's files (-1 none), its page and row. */
  readonly resultFile: Int16Array;
  readonly resultPage: Int32Array;
  readonly resultRow: Int32Array;
  /** The ledger record marked last that holds the entry (index into the ledger; -1 none). */
  readonly ledgerRecord: Int32Array;
  /** Entries with any event, ascending: the loops over filed entries visit only these. */
  entries: Int32Array = new Int32Array(0);
  /** By file id, for results and payment files with entries not in the dataset. */
  readonly unknown = new Map<number, UnknownEntries>();

  constructor(readonly count: number) {
    this.status = new Uint8Array(count);
    this.filedOn = new Int32Array(count).fill(NO_DAY);
    this.acceptedOn = new Int32Array(count).fill(NO_DAY);
    this.paid = new Float64Array(count);
    this.paymentRows = new Int32Array(count);
    this.resultFile = new Int16Array(count).fill(-1);
    this.resultPage = new Int32Array(count);
    this.resultRow = new Int32Array(count);
    this.ledgerRecord = new Int32Array(count).fill(-1);
  }

  statusOf(i: number): FilingStatus {
    return FILING_STATUSES[this.status[i]!]!;
  }
}

/** The header the file's entry numbers are under, for its row problems. */
function entryHeader(f: LoadedFile): string {
  return f.record.report.recognised.find((r) => r.field === 'entry_number')?.header ?? 'entry_number';
}

function noteUnknown(u: UnknownEntries, seen: Set<number>, code: number, row: number, column: string): void {
  u.rows++;
  const entry = entryFromCode(code);
  if (!seen.has(code)) {
    seen.add(code);
    u.entries.push(entry);
  }
  if (u.problems.length < MAX_LISTED_PROBLEMS) u.problems.push({ row, column, value: entry, message: NOT_IN_DATA });
}

/** Each entry's filing from the loaded files (dataset order) and the ledger. */
export function buildFilings(t: EntryTable, files: readonly LoadedFile[], ledger: readonly LedgerRecord[]): Filings {
  const n = t.count;
  const out = new Filings(n);
  const touched = new Uint8Array(n);
  // Latest payment and result per entry: by date (a row without one: its file's load day), later files and rows on ties.
  const paymentKey = new Float64Array(n).fill(-Infinity);
  const paymentReturned = new Uint8Array(n);
  const paymentLoadedOn = new Int32Array(n);
  const resultKey = new Float64Array(n).fill(-Infinity);
  const loadedOnOf = files.map((f) => localDay(f.record.importedAt));
  const loadedAtOf = files.map((f) => Date.parse(f.record.importedAt));
  files.forEach((file, fileIndex) => {
    if (!isLifecycleFile(file)) return;
    const payments = file.record.report.kind === 'payments';
    const loadedOn = loadedOnOf[fileIndex]!;
    const unknown: UnknownEntries = { rows: 0, entries: [], problems: [] };
    const seen = new Set<number>();
    const column = entryHeader(file);
    file.eventPages.forEach((p: EventPage, pageIndex) => {
      for (let k = 0; k < p.count; k++) {
        const i = t.indexOf(p.entry[k]!);
        if (i < 0) {
          noteUnknown(unknown, seen, p.entry[k]!, p.sourceRow[k]!, column);
          continue;
        }
        touched[i] = 1;
        const d = p.day[k]!;
        const key = d === NO_DAY ? loadedOn : d;
        if (payments) {
          out.paid[i]! += p.cents[k]!;
          out.paymentRows[i]!++;
          if (key >= paymentKey[i]!) {
            paymentKey[i] = key;
            paymentReturned[i] = p.outcome[k] === EVENT_OUTCOME.returned ? 1 : 0;
            paymentLoadedOn[i] = loadedOn;
          }
        } else if (key >= resultKey[i]!) {
          resultKey[i] = key;
          out.resultFile[i] = fileIndex;
          out.resultPage[i] = pageIndex;
          out.resultRow[i] = k;
        }
      }
    });
    if (unknown.rows > 0) out.unknown.set(file.record.id, unknown);
  });
  // The record marked last wins: visit records in marking order.
  const markedAt = ledger.map((r) => Date.parse(r.submittedAt));
  const ledgerDay = ledger.map(submittedOn);
  const order = ledger.map((_, k) => k).sort((a, b) => markedAt[a]! - markedAt[b]! || a - b);
  const ledgerRejected = new Uint8Array(n);
  for (const k of order) {
    const rec = ledger[k]!;
    const rejected = new Set(rec.rejectedEntries);
    for (const e of rec.entries) {
      const i = t.indexOf(entryCode(e));
      if (i < 0) continue;
      touched[i] = 1;
      out.ledgerRecord[i] = k;
      ledgerRejected[i] = rec.rejected || rejected.has(e) ? 1 : 0;
    }
  }
  const list: number[] = [];
  const events: FilingEvents = { payment: null, result: null, ledger: null };
  for (let i = 0; i < n; i++) {
    if (touched[i] === 0) continue;
    list.push(i);
    events.payment =
      out.paymentRows[i]! > 0 ? { returned: paymentReturned[i] === 1, loadedOn: paymentLoadedOn[i]! as DayNum } : null;
    const fi = out.resultFile[i]!;
    if (fi >= 0) {
      const file = files[fi]!;
      const p = file.eventPages[out.resultPage[i]!]!;
      const r = out.resultRow[i]!;
      const d = p.day[r]!;
      events.result = {
        verdict: p.outcome[r] === EVENT_OUTCOME.accepted ? 'ACCEPTED' : 'REJECTED',
        day: d === NO_DAY ? null : (d as DayNum),
        loadedOn: loadedOnOf[fi]!,
        loadedAt: loadedAtOf[fi]!,
      };
    } else events.result = null;
    const li = out.ledgerRecord[i]!;
    events.ledger =
      li >= 0 ? { rejected: ledgerRejected[i] === 1, submittedOn: ledgerDay[li]!, markedAt: markedAt[li]! } : null;
    const filing = deriveFiling(events);
    out.status[i] = STATUS_INDEX.get(filing.status)!;
    out.filedOn[i] = filing.filedOn ?? NO_DAY;
    out.acceptedOn[i] = filing.acceptedOn ?? NO_DAY;
  }
  out.entries = Int32Array.from(list);
  return out;
}

/** The latest CAPE result row of entry i: its verdict, date, error text and claim number, and its file. */
export function latestResult(
  f: Filings,
  files: readonly LoadedFile[],
  i: number,
): { file: LoadedFile; accepted: boolean; day: DayNum | null; error: string; claim: string; row: number } | null {
  const fi = f.resultFile[i]!;
  if (fi < 0) return null;
  const file = files[fi]!;
  const p = file.eventPages[f.resultPage[i]!]!;
  const r = f.resultRow[i]!;
  const text = (id: number) => (id < 0 ? '' : p.dict[id]!);
  return {
    file,
    accepted: p.outcome[r] === EVENT_OUTCOME.accepted,
    day: p.day[r] === NO_DAY ? null : (p.day[r]! as DayNum),
    error: text(p.text[r]!),
    claim: text(p.claim[r]!),
    row: p.sourceRow[r]!,
  };
}
