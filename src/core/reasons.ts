/**
 * Segments, reasons and warnings of SPEC §4, which segment each reason belongs to, and which segments
 * are declared, paid and accepted by CAPE. The explanation texts are built from the rulebook in
 * reason-texts.ts.
 */

export const SEGMENTS = ['INVALID', 'NO_REFUND', 'NOT_ELIGIBLE', 'NEEDS_STATUS', 'DEFERRED', 'READY'] as const;
export type Segment = (typeof SEGMENTS)[number];

export const SEGMENT_LABELS: Record<Segment, string> = {
  INVALID: 'Invalid data',
  NO_REFUND: 'No refund',
  NOT_ELIGIBLE: 'Not eligible',
  NEEDS_STATUS: 'Needs status',
  DEFERRED: 'Deferred',
  READY: 'Ready',
};

export const SEGMENT_HELP: Record<Segment, string> = {
  INVALID: 'The entry number or some of its rows cannot be trusted; fix the data first.',
  NO_REFUND: 'No refundable IEEPA duty was paid on this entry.',
  NOT_ELIGIBLE: 'CAPE would reject this entry today.',
  NEEDS_STATUS: 'The entry has probably liquidated; confirm its liquidation status and date in ACE.',
  DEFERRED: 'CAPE accepts it, but pays only when the entry liquidates in its own cycle.',
  READY: 'CAPE would accept it now and refund it on the projected date.',
};

/** The reasons of each segment (SPEC §4 table), in the order entries meet them; READY has none. */
export const SEGMENT_REASONS = {
  INVALID: ['BAD_ENTRY_NUMBER', 'BAD_ROW_DATA'],
  NO_REFUND: ['NO_IEEPA_LINE', 'IEEPA_ZERO_DUTY'],
  NOT_ELIGIBLE: [
    'ENTRY_TYPE_EXCLUDED',
    'RECONCILIATION',
    'DRAWBACK',
    'OPEN_PROTEST',
    'SUMMARY_NOT_ACCEPTED',
    'SURETY_PAID',
    'NOT_AUTHORIZED',
    'PAST_80_DAYS',
    'FINAL_LIQUIDATION',
  ],
  NEEDS_STATUS: ['LIQUIDATION_STATUS_UNKNOWN'],
  DEFERRED: ['LIQUIDATION_SUSPENDED', 'ADCVD', 'WAREHOUSE_WITHDRAWAL'],
  READY: [],
} as const satisfies Record<Segment, readonly string[]>;

export type Reason = (typeof SEGMENT_REASONS)[Segment][number];

/** Every reason, segment by segment; each belongs to exactly one segment. */
export const REASONS: readonly Reason[] = SEGMENTS.flatMap((s) => SEGMENT_REASONS[s]);

export const WARNINGS = [
  'NEAR_80_DAY_LIMIT',
  'ASSUMED_UNLIQUIDATED',
  'VALUE_ON_IEEPA_LINE',
  'RATE_MISMATCH',
  'IEEPA_OUT_OF_WINDOW',
  'UNKNOWN_IEEPA_HEADING',
  'CONFLICTING_DUPLICATE_ROWS',
  'CAPE_DISAGREES',
  'IEEPA_FROM_COLUMN',
] as const;
export type Warning = (typeof WARNINGS)[number];

export type ReasonCode = Reason | Warning;

/**
 * Entries that go into declarations and the refund to declare (SPEC §6, §9 `total-refund`): READY,
 * plus DEFERRED when the user opts in.
 */
export function isDeclared(segment: Segment, includeDeferred: boolean): boolean {
  return segment === 'READY' || (includeDeferred && segment === 'DEFERRED');
}

/**
 * Entries CAPE refunds on their projected (re)liquidation date, grouped into expected ACH payments
 * and given a payment group in the entries CSV (SPEC §5, §9): READY only.
 */
export function hasExpectedPayment(segment: Segment): boolean {
  return segment === 'READY';
}

/** Entries CAPE accepts when declared (SPEC §6 stage 2): READY, and DEFERRED (paid when they liquidate). */
export function capeAccepts(segment: Segment): boolean {
  return segment === 'READY' || segment === 'DEFERRED';
}

/** Warnings that depend only on an entry's rows, stored as bits in a compact per-entry record. */
export const LINE_WARNING_BITS = {
  VALUE_ON_IEEPA_LINE: 1,
  RATE_MISMATCH: 2,
  IEEPA_OUT_OF_WINDOW: 4,
  UNKNOWN_IEEPA_HEADING: 8,
  CONFLICTING_DUPLICATE_ROWS: 16,
  IEEPA_FROM_COLUMN: 32,
} as const satisfies Partial<Record<Warning, number>>;

export type LineWarning = keyof typeof LINE_WARNING_BITS;

const LINE_WARNING_LIST = Object.entries(LINE_WARNING_BITS) as [LineWarning, number][];

export function lineWarningsFromBits(bits: number): LineWarning[] {
  const out: LineWarning[] = [];
  if (bits === 0) return out;
  for (const [code, bit] of LINE_WARNING_LIST) {
    if (bits & bit) out.push(code);
  }
  return out;
}

export function isWarning(code: ReasonCode): code is Warning {
  return (WARNINGS as readonly string[]).includes(code);
}

/** The segments a predicate holds for, best first, for texts: "READY and DEFERRED". */
export function segmentNames(holds: (s: Segment) => boolean, conjunction = 'and'): string {
  return SEGMENTS.filter(holds).reverse().join(` ${conjunction} `);
}
