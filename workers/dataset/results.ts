/** Per-entry analysis results in columns, recomputed for every what-if without re-reading storage. */
import type { AnalysisContext } from '../../src/core/analysis';
import type { DayNum } from '../../src/core/dates';
import { FILING_STATUSES, type Filing, analyseWithFiling, isFiled } from '../../src/core/filing-status';
import { REASONS, type ReasonCode, SEGMENTS, type Segment, WARNINGS, isDeclared } from '../../src/core/reasons';
import { NO_DAY } from '../store/pages';
import { type EntryTable, blankFacts, day } from './entry-table';
import type { Filings } from './filings';

/** Every reason and warning in alphabetical order: reading a bitmask from bit 0 up yields a sorted list. */
export const ALL_CODES: readonly ReasonCode[] = [...REASONS, ...WARNINGS].sort();
const BIT_OF = new Map<ReasonCode, number>(ALL_CODES.map((c, i) => [c, 1 << i]));

export function codesToBits(codes: readonly ReasonCode[]): number {
  let bits = 0;
  for (const c of codes) bits |= BIT_OF.get(c)!;
  return bits >>> 0;
}

export function bitsToCodes(bits: number): ReasonCode[] {
  const out: ReasonCode[] = [];
  for (let i = 0; i < ALL_CODES.length; i++) if (bits & (1 << i)) out.push(ALL_CODES[i]!);
  return out;
}

export function codeBit(code: ReasonCode): number {
  return BIT_OF.get(code)!;
}

/** Importer string ids stay far below this, so (projected day, importer id) packs into one exact integer key. */
const PAYMENT_KEY_SCALE = 2 ** 26;

/** The payment group of an entry (projected day, importer string id, -1 for none) as one exact integer. */
export function paymentKey(projected: number, importerId: number): number {
  return projected * PAYMENT_KEY_SCALE + importerId + 1;
}

export const PROJECTION = ['', 'liquidation', 'reliquidation', 'cape-liquidation'] as const;

export class Results {
  readonly segment: Uint8Array;
  readonly codes: Uint32Array;
  readonly interest: Float64Array;
  readonly refund: Float64Array;
  readonly projected: Int32Array;
  readonly projection: Uint8Array;
  readonly daysSinceLiquidation: Int32Array;
  readonly protestDeadline: Int32Array;

  constructor(readonly count: number) {
    this.segment = new Uint8Array(count);
    this.codes = new Uint32Array(count);
    this.interest = new Float64Array(count);
    this.refund = new Float64Array(count);
    this.projected = new Int32Array(count);
    this.projection = new Uint8Array(count);
    this.daysSinceLiquidation = new Int32Array(count);
    this.protestDeadline = new Int32Array(count);
  }

  segmentOf(i: number): Segment {
    return SEGMENTS[this.segment[i]!]!;
  }
}

const SEGMENT_INDEX = new Map<Segment, number>(SEGMENTS.map((s, i) => [s, i]));

export function segmentIndex(s: Segment): number {
  return SEGMENT_INDEX.get(s)!;
}

/** A segment predicate of core as a table by segment index (Results.segment), for per-entry loops. */
export function segmentTable(predicate: (s: Segment) => boolean): Uint8Array {
  return Uint8Array.from(SEGMENTS, (s) => (predicate(s) ? 1 : 0));
}

/** Which segments go into declarations under the given choice, by segment index (core's isDeclared). */
export function declaredSegments(includeDeferred: boolean): Uint8Array {
  return segmentTable((s) => isDeclared(s, includeDeferred));
}

/** Each entry's filing, and the analysis context of a filing date (cached by the caller: filed entries share few). */
export interface FiledAnalysis {
  filings: Filings;
  atFiling: (day: DayNum) => AnalysisContext;
  /**
   * An earlier analysis of the same table, filings, rates, taxpayer type and profile (only the filing
   * date may differ): filed entries, analysed at their own filing dates, have the same results, which
   * are copied instead of computed. Most entries are filed once CBP's files are loaded: at 1M rows with a
   * 300,000-row results file three in four entries are.
   */
  previous?: Results | null;
}

const FILED_STATUS = Uint8Array.from(FILING_STATUSES, (s) => (isFiled(s) ? 1 : 0));

/** Entry i's results in `to` as they are in `from`. */
function copyResult(from: Results, to: Results, i: number): void {
  to.segment[i] = from.segment[i]!;
  to.codes[i] = from.codes[i]!;
  to.interest[i] = from.interest[i]!;
  to.refund[i] = from.refund[i]!;
  to.projected[i] = from.projected[i]!;
  to.projection[i] = from.projection[i]!;
  to.daysSinceLiquidation[i] = from.daysSinceLiquidation[i]!;
  to.protestDeadline[i] = from.protestDeadline[i]!;
}

/**
 * Analyse every entry with core's analyseWithFiling (SPEC §10: a filed entry at its own filing date,
 * the others at the current one), through one reused facts object. Without filings, no entry is filed.
 */
export function analyseTable(t: EntryTable, ctx: AnalysisContext, filed?: FiledAnalysis): Results {
  const res = new Results(t.count);
  const f = blankFacts();
  const programs: [number, number][] = [];
  const filing: Pick<Filing, 'status' | 'filedOn'> = { status: 'NOT_FILED', filedOn: null };
  const atFiling = filed?.atFiling ?? (() => ctx);
  const previous = filed?.previous?.count === t.count ? filed.previous : null;
  const status = filed?.filings.status;
  for (let i = 0; i < t.count; i++) {
    if (previous && FILED_STATUS[status![i]!] === 1) {
      copyResult(previous, res, i);
      continue;
    }
    if (filed) {
      filing.status = filed.filings.statusOf(i);
      filing.filedOn = day(filed.filings.filedOn[i]!);
    }
    const r = analyseWithFiling(t.factsAt(i, f, programs), filing, ctx, atFiling);
    res.segment[i] = SEGMENT_INDEX.get(r.segment)!;
    res.codes[i] = r.reasons.length === 0 ? 0 : codesToBits(r.reasons);
    res.interest[i] = r.interest;
    res.refund[i] = r.refund;
    res.projected[i] = r.projectedDate ?? NO_DAY;
    res.projection[i] = r.projection === null ? 0 : PROJECTION.indexOf(r.projection);
    res.daysSinceLiquidation[i] = r.daysSinceLiquidation ?? NO_DAY;
    res.protestDeadline[i] = r.protestDeadline ?? NO_DAY;
  }
  return res;
}
