/** Paged entry queries for the UI table: filter by segment, reason, IOR; search; sort. */
import type { Projection } from '../../src/core/analysis';
import { importerKey, isIeepaHts } from '../../src/core/cell-values';
import type { CompiledRules } from '../../src/core/compiled-rules';
import { type DayNum, formatDay } from '../../src/core/dates';
import { capeLastDay, protestDeadline } from '../../src/core/deadlines';
import { effectiveEntryType } from '../../src/core/entry-facts';
import { capeRemovesLine } from '../../src/core/line-facts';
import { type ReasonExplanation, reasonText } from '../../src/core/reason-texts';
import { type ReasonCode, SEGMENTS, type Segment, capeAccepts } from '../../src/core/reasons';
import { FILING_STATUSES, type FilingStatus, hasPayment, isFiled } from '../../src/core/filing-status';
import { NO_DAY, rowIndex, rowSlot } from '../store/pages';
import { type EntryTable, blankFacts } from './entry-table';
import type { Filings } from './filings';
import type { FollowUpKind } from './lifecycle-overview';
import { PROJECTION, type Results, bitsToCodes, codeBit, segmentIndex, segmentTable } from './results';

/** `deadline`: by liquidation date, so by CAPE's last day and the protest deadline alike (both a fixed number of days after it). */
export type EntrySort = 'entry' | 'refund' | 'entryDate' | 'projected' | 'deadline';

export interface EntryQuery {
  segment?: Segment | null;
  code?: ReasonCode | null;
  /** Filing status (SPEC §10); `filed`: any filed status; `open`: not filed or rejected (can be declared). */
  filing?: FilingStatus | 'filed' | 'open' | null;
  /** Payments to look at: overdue, returned, likely offset. */
  followUp?: FollowUpKind | null;
  /** IOR number (compared on letters and digits). */
  importer?: string | null;
  /** Part of an entry number, dashes optional. */
  search?: string;
  sort?: EntrySort;
  descending?: boolean;
  offset: number;
  limit: number;
}

export interface EntryRow {
  entryNumber: string;
  importerNumber: string;
  importerName: string;
  entryType: string;
  entryDate: string;
  segment: Segment;
  reasons: ReasonCode[];
  ieepaDuty: number;
  otherDuty: number;
  interest: number;
  refund: number;
  projectedDate: string;
  projection: '' | Projection;
  daysSinceLiquidation: number | null;
  protestDeadline: string;
  /** The last filing date CAPE accepts it (liquidation date + the reliquidation window); '' without a liquidation date. */
  capeLastDay: string;
  liquidationStatus: string;
  liquidationDate: string;
  entrySummaryDate: string;
  filingStatus: FilingStatus;
  /** F_e; '' when never filed. */
  filedOn: string;
  /** Cents, for an entry with payment rows; null otherwise. */
  paid: number | null;
  variance: number | null;
}

export interface EntryPage {
  total: number;
  offset: number;
  rows: EntryRow[];
  /** Sums over every entry the query matches (cents): IEEPA duty, interest, and the refund of entries CAPE refunds. */
  sums: { ieepaDuty: number; interest: number; refund: number };
}

/** Segments CAPE refunds (core's capeAccepts): the others show no refund, only duty at stake. */
const REFUNDED = segmentTable(capeAccepts);

const dayText = (v: number): string => (v === NO_DAY ? '' : formatDay(v as DayNum));

/** The rule values an entry row states: its CAPE last day and protest deadline. */
export type RowRules = Pick<CompiledRules, 'reliquidationWindowDays' | 'protestDays'>;

export function entryRow(t: EntryTable, res: Results, i: number, rules: RowRules, filings?: Filings): EntryRow {
  const f = t.factsAt(i, blankFacts(), []);
  const liq = t.attr.liqDate[i]!;
  const days = res.daysSinceLiquidation[i]!;
  const filingStatus = filings?.statusOf(i) ?? 'NOT_FILED';
  const paid = hasPayment(filingStatus) ? filings!.paid[i]! : null;
  return {
    entryNumber: f.entryNumber,
    importerNumber: f.importerNumber,
    importerName: f.importerName,
    entryType: effectiveEntryType(f),
    entryDate: dayText(t.attr.entryDate[i]!),
    segment: SEGMENTS[res.segment[i]!]!,
    reasons: bitsToCodes(res.codes[i]!),
    ieepaDuty: t.ieepaDuty[i]!,
    otherDuty: t.otherDuty[i]!,
    interest: res.interest[i]!,
    refund: res.refund[i]!,
    projectedDate: dayText(res.projected[i]!),
    projection: PROJECTION[res.projection[i]!]!,
    daysSinceLiquidation: days === NO_DAY ? null : days,
    // As the entries CSV states it (SPEC §9): liquidation date + the protest period, for every liquidated entry.
    protestDeadline: liq === NO_DAY ? '' : formatDay(protestDeadline(liq as DayNum, rules)),
    capeLastDay: liq === NO_DAY ? '' : formatDay(capeLastDay(liq as DayNum, rules)),
    liquidationStatus: f.liquidationStatus,
    liquidationDate: dayText(liq),
    entrySummaryDate: dayText(t.attr.summaryDate[i]!),
    filingStatus,
    filedOn: filings ? dayText(filings.filedOn[i]!) : '',
    paid,
    variance: paid === null ? null : paid - res.refund[i]!,
  };
}

/** Filtered and sorted entry indexes, cached per query so scrolling pages is instant. */
export class EntryIndex {
  private key = '';
  private indexes: Int32Array = new Int32Array(0);
  private sums: EntryPage['sums'] = { ieepaDuty: 0, interest: 0, refund: 0 };

  constructor(
    private readonly t: EntryTable,
    private readonly res: Results,
    private readonly rules: RowRules,
    private readonly filings?: Filings,
    /** Which payments need a look (lifecycle-overview.ts followUpOf). */
    private readonly followUp: (i: number) => FollowUpKind | null = () => null,
  ) {}

  private compute(q: EntryQuery): Int32Array {
    const { t, res, filings } = this;
    const seg = q.segment ? segmentIndex(q.segment) : -1;
    // Statuses the filter admits, by status index (core's isFiled for `filed` and `open`).
    const admits = q.filing
      ? Uint8Array.from(FILING_STATUSES, (s) =>
          (q.filing === 'filed' ? isFiled(s) : q.filing === 'open' ? !isFiled(s) : s === q.filing) ? 1 : 0,
        )
      : null;
    const status = filings?.status ?? new Uint8Array(t.count);
    const bit = q.code ? codeBit(q.code) : 0;
    const ior = q.importer ? importerKey(q.importer) : null;
    const search = (q.search ?? '').toUpperCase().replace(/[^A-Z0-9]/g, '');
    const iorIds =
      ior === null
        ? null
        : new Set(t.strings.map((s, id) => (importerKey(s) === ior ? id : -1)).filter((id) => id >= 0));
    const out = new Int32Array(t.count);
    let n = 0;
    for (let i = 0; i < t.count; i++) {
      if (seg >= 0 && res.segment[i] !== seg) continue;
      if (bit !== 0 && (res.codes[i]! & bit) === 0) continue;
      if (admits && admits[status[i]!] === 0) continue;
      if (q.followUp && this.followUp(i) !== q.followUp) continue;
      if (iorIds && !iorIds.has(t.attr.importer[i]!)) continue;
      if (search && !t.entryNumbers[i]!.includes(search)) continue;
      out[n++] = i;
    }
    const list = out.slice(0, n);
    const sort = q.sort ?? 'entry';
    const dir = q.descending ? -1 : 1;
    if (sort === 'deadline') {
      // Entries without a liquidation date have no deadline: last, whichever the direction.
      const liq = t.attr.liqDate;
      const key = (i: number) => (liq[i] === NO_DAY ? Infinity : liq[i]! * dir);
      return Int32Array.from(Array.from(list).sort((a, b) => key(a) - key(b) || a - b));
    }
    if (sort !== 'entry' || q.descending) {
      const keyOf =
        sort === 'refund'
          ? res.refund
          : sort === 'entryDate'
            ? t.attr.entryDate
            : sort === 'projected'
              ? res.projected
              : null;
      const sorted = Array.from(list);
      sorted.sort((a, b) => (keyOf ? (keyOf[a]! - keyOf[b]!) * dir : 0) || (a - b) * (keyOf ? 1 : dir));
      return Int32Array.from(sorted);
    }
    return list;
  }

  /** The entries a query matches, in its order (indexes into the entry table). */
  matching(q: EntryQuery): Int32Array {
    const key = JSON.stringify([
      q.segment ?? null,
      q.code ?? null,
      q.filing ?? null,
      q.followUp ?? null,
      q.importer ?? null,
      q.search ?? '',
      q.sort ?? 'entry',
      !!q.descending,
    ]);
    if (key !== this.key) {
      this.indexes = this.compute(q);
      this.key = key;
      const sums = { ieepaDuty: 0, interest: 0, refund: 0 };
      for (const i of this.indexes) {
        sums.ieepaDuty += this.t.ieepaDuty[i]!;
        sums.interest += this.res.interest[i]!;
        if (REFUNDED[this.res.segment[i]!] === 1) sums.refund += this.res.refund[i]!;
      }
      this.sums = sums;
    }
    return this.indexes;
  }

  /** Every matching entry's row, for the "Export this view" CSV. */
  rows(q: EntryQuery): EntryRow[] {
    return Array.from(this.matching(q), (i) => entryRow(this.t, this.res, i, this.rules, this.filings));
  }

  page(q: EntryQuery): EntryPage {
    this.matching(q);
    const rows: EntryRow[] = [];
    const end = Math.min(this.indexes.length, q.offset + q.limit);
    for (let k = Math.max(0, q.offset); k < end; k++)
      rows.push(entryRow(this.t, this.res, this.indexes[k]!, this.rules, this.filings));
    return { total: this.indexes.length, offset: q.offset, rows, sums: this.sums };
  }
}

export interface EntryLine {
  file: string;
  sourceRow: number;
  line: number | null;
  ordinal: number | null;
  hts: string;
  goodsValue: number | null;
  duty: number;
  ieepa: boolean;
  /** CAPE strips this line when it recalculates the entry (core's capeRemovesLine). */
  removedByCape: boolean;
  /** Heading label from the rule pack, for IEEPA lines. */
  heading: string;
  /** The non-IEEPA Chapter 99 programme of the line (Section 122, 301, 338 …): other duty that stays. */
  programme: string | null;
}

/** The surviving rows of entry i, in read order; the rule pack names IEEPA headings and other Chapter 99 programmes. */
export function entryLines(
  t: EntryTable,
  i: number,
  headingLabel: (hts: string) => string,
  programme: (hts: string) => string | null,
): EntryLine[] {
  const out: EntryLine[] = [];
  for (let k = t.rowStart[i]!; k < t.rowStart[i + 1]!; k++) {
    const id = t.rowIds[k]!;
    const ref = t.pages[rowSlot(id)]!;
    const r = rowIndex(id);
    const hts = t.htsStrings[ref.hts[ref.page.hts[r]!]!]!;
    const value = ref.page.value[r]!;
    const line = ref.page.line[r]!;
    const ordinal = ref.page.ordinal[r]!;
    out.push({
      file: ref.file.record.name,
      sourceRow: ref.page.sourceRow[r]!,
      line: line < 0 ? null : line,
      ordinal: ordinal < 0 ? null : ordinal,
      hts,
      goodsValue: Number.isNaN(value) ? null : value,
      duty: ref.page.duty[r]!,
      ieepa: isIeepaHts(hts),
      removedByCape: capeRemovesLine(hts, ref.page.duty[r]!),
      heading: isIeepaHts(hts) ? headingLabel(hts) : '',
      programme: isIeepaHts(hts) ? null : programme(hts),
    });
  }
  return out;
}

/** The reasons and warnings of entry i explained under the rules, with the entry's own deadlines. */
export function entryExplanations(
  t: EntryTable,
  i: number,
  reasons: readonly ReasonCode[],
  rules: CompiledRules,
): (ReasonExplanation & { code: ReasonCode })[] {
  const f = t.factsAt(i, blankFacts(), []);
  return reasons.map((code) => ({ code, ...reasonText(code, rules, f) }));
}
