/** Segments, reasons and warnings of SPEC §4, with plain-language explanations for the UI. */

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

export const REASONS = [
  'BAD_ENTRY_NUMBER',
  'BAD_ROW_DATA',
  'NO_IEEPA_LINE',
  'IEEPA_ZERO_DUTY',
  'ENTRY_TYPE_EXCLUDED',
  'RECONCILIATION',
  'DRAWBACK',
  'OPEN_PROTEST',
  'SUMMARY_NOT_ACCEPTED',
  'SURETY_PAID',
  'NOT_AUTHORIZED',
  'ALREADY_FILED',
  'PAST_80_DAYS',
  'FINAL_LIQUIDATION',
  'LIQUIDATION_STATUS_UNKNOWN',
  'LIQUIDATION_SUSPENDED',
  'ADCVD',
  'WAREHOUSE_WITHDRAWAL',
] as const;
export type Reason = (typeof REASONS)[number];

export const WARNINGS = [
  'NEAR_80_DAY_LIMIT',
  'ASSUMED_UNLIQUIDATED',
  'VALUE_ON_IEEPA_LINE',
  'RATE_MISMATCH',
  'IEEPA_OUT_OF_WINDOW',
  'UNKNOWN_IEEPA_HEADING',
  'CONFLICTING_DUPLICATE_ROWS',
] as const;
export type Warning = (typeof WARNINGS)[number];

export type ReasonCode = Reason | Warning;

/** Warnings that depend only on an entry's rows, stored as bits in a compact per-entry record. */
export const LINE_WARNING_BITS = {
  VALUE_ON_IEEPA_LINE: 1,
  RATE_MISMATCH: 2,
  IEEPA_OUT_OF_WINDOW: 4,
  UNKNOWN_IEEPA_HEADING: 8,
  CONFLICTING_DUPLICATE_ROWS: 16,
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

export interface ReasonExplanation {
  title: string;
  /** What it means, in plain words. */
  meaning: string;
  /** The rule behind it. */
  rule: string;
  /** What the user can do. */
  action: string;
}

export const REASON_TEXT: Record<ReasonCode, ReasonExplanation> = {
  BAD_ENTRY_NUMBER: {
    title: 'Entry number check digit is wrong',
    meaning: 'The 11th digit does not match the check digit computed from the filer code and transaction number.',
    rule: 'CBP CATAIR Appendix E check digit; CAPE rejects malformed entry numbers.',
    action: 'Correct the entry number in the source export (look for a typo or Excel damage) and load it again.',
  },
  BAD_ROW_DATA: {
    title: 'Some rows could not be read',
    meaning:
      'At least one row of this entry has an amount or date that could not be parsed; figures count only the rows that parsed.',
    rule: 'Figures must rest on complete data.',
    action: 'See the row problems list, fix those cells in the export and load it again.',
  },
  NO_IEEPA_LINE: {
    title: 'No IEEPA line',
    meaning: 'The entry has no 9903.01.xx or 9903.02.xx Chapter 99 line.',
    rule: 'CAPE requires at least one IEEPA Chapter 99 number on the entry (April 13, 2026 CSMS).',
    action: 'Nothing to claim under CAPE. Do not include it in a declaration.',
  },
  IEEPA_ZERO_DUTY: {
    title: 'IEEPA lines carry no duty',
    meaning: 'The entry has IEEPA lines, but none with a duty above zero (exemption or free lines).',
    rule: 'Only dutiable IEEPA lines make an entry refundable.',
    action: 'Nothing to claim. If duty was in fact paid, check the export for missing duty amounts.',
  },
  ENTRY_TYPE_EXCLUDED: {
    title: 'Entry type not accepted',
    meaning:
      'Types 08 (duty deferral), 09 (reconciliation) and 47 (drawback) are excluded; warehouse types 21 and 22 are excluded from 2026-07-07.',
    rule: 'April 13, 2026 CSMS; CSMS #69127837 for types 21/22.',
    action: 'Wait for a later CAPE phase, or pursue the refund by protest where the protest window is open.',
  },
  RECONCILIATION: {
    title: 'Flagged for reconciliation',
    meaning:
      'Recon-flagged entries are accepted only from 2026-06-29, only for types 01, 02 and 06, and only while no type 09 reconciliation has been filed.',
    rule: 'CSMS #69035485 (Phase 2, 2026-06-29).',
    action:
      'If the filing date can move to 2026-06-29 or later and no 09 is filed, file then; otherwise wait for a later phase.',
  },
  DRAWBACK: {
    title: 'Designated on a drawback claim',
    meaning: 'Entries tied to a drawback claim are excluded from CAPE.',
    rule: 'April 13, 2026 CSMS.',
    action: 'If drawback is only planned, file CAPE before the drawback claim; otherwise wait for guidance.',
  },
  OPEN_PROTEST: {
    title: 'Open protest',
    meaning: 'The entry is covered by an open or suspended protest.',
    rule: 'April 13, 2026 CSMS.',
    action:
      'If the protest concerns only IEEPA duty and the entry is within 80 days of liquidation, you may withdraw it and use CAPE.',
  },
  SUMMARY_NOT_ACCEPTED: {
    title: 'Entry summary not accepted',
    meaning: 'The entry summary status is not "Accepted" (for example cancelled or rejected).',
    rule: 'CAPE message "ENTRY SUMMARY IS CANCELLED/REJECTED".',
    action: 'Resolve the entry summary status in ACE first.',
  },
  SURETY_PAID: {
    title: 'Duty paid by a surety',
    meaning: 'IEEPA duty on this entry was paid by a surety, not the importer.',
    rule: 'CBP guidance: do not include surety-paid entries.',
    action: 'Leave it out of CAPE declarations.',
  },
  NOT_AUTHORIZED: {
    title: 'Not yours to file',
    meaning: 'The entry belongs to an importer or filer code that is not in your profile.',
    rule: 'Only the importer of record or the filing broker may declare an entry (CSMS #68315804).',
    action: 'Add the IOR or filer code to your profile if you may file for it, or pass the entry to its owner.',
  },
  ALREADY_FILED: {
    title: 'Already on a submitted declaration',
    meaning: 'Your filing ledger shows this entry on a declaration you marked as submitted.',
    rule: 'CAPE rejects entries already on another declaration.',
    action: 'If CBP rejected it, mark that declaration (or entry) as rejected in the ledger to file it again.',
  },
  PAST_80_DAYS: {
    title: 'Liquidated more than 80 days ago',
    meaning: 'The entry liquidated more than 80 but not more than 180 days before the filing date.',
    rule: 'CAPE accepts entries liquidated within the preceding 80 days; the protest route stays open for 180 days (19 U.S.C. 1514).',
    action: 'File a protest before the deadline shown.',
  },
  FINAL_LIQUIDATION: {
    title: 'Liquidation is final',
    meaning: 'The liquidation is final, or more than 180 days have passed since it.',
    rule: 'Finally liquidated entries are outside the current CAPE phases.',
    action: 'Seek legal advice on preserving rights (Court of International Trade).',
  },
  LIQUIDATION_STATUS_UNKNOWN: {
    title: 'Liquidation status needs checking',
    meaning:
      'Either the status says liquidated but no date is given, or no status is given and the entry is old enough to have liquidated (entry summary date + 314 days on or before the filing date).',
    rule: 'The 80-day window can only be checked with the liquidation date.',
    action:
      'Add Liquidation Status and Liquidation Date to the ES-003 export (or load an entry-status file) and load again.',
  },
  LIQUIDATION_SUSPENDED: {
    title: 'Liquidation suspended, extended or under review',
    meaning: 'CAPE accepts the entry but refunds it only when it eventually liquidates.',
    rule: 'CBP Phase 1 guidance (2026-04-10).',
    action: 'Include it if you choose; expect the refund only after liquidation.',
  },
  ADCVD: {
    title: 'AD/CVD entry not yet liquidated',
    meaning: 'AD/CVD entries (types 03, 07 or flagged) wait for Commerce instructions and liquidation.',
    rule: 'CBP Phase 1 guidance; AD/CVD pending liquidation under instructions is rejected.',
    action: 'Include it if liquidation is suspended without instructions; the refund comes after liquidation.',
  },
  WAREHOUSE_WITHDRAWAL: {
    title: 'Warehouse withdrawal',
    meaning: 'Types 31, 32, 34 and 38 are accepted but refunded only when they liquidate in the normal cycle.',
    rule: 'CBP Phase 1 guidance.',
    action: 'Include it if you choose; the refund comes after normal liquidation.',
  },
  NEAR_80_DAY_LIMIT: {
    title: 'Close to the 80-day limit',
    meaning: 'The entry liquidated 75 to 80 days before the filing date; a day or two of delay loses the CAPE route.',
    rule: 'CAPE accepts entries within 80 days of liquidation; batch validation can lag upload by 24–48 hours.',
    action: 'File this entry first, today if possible.',
  },
  ASSUMED_UNLIQUIDATED: {
    title: 'Assumed unliquidated',
    meaning:
      'No liquidation status or date was given; the entry is younger than the usual 314-day liquidation cycle, so it is treated as unliquidated.',
    rule: 'Normal liquidation is about 314 days after entry.',
    action: 'Confirm the status in ACE if in doubt.',
  },
  VALUE_ON_IEEPA_LINE: {
    title: 'Goods value on the IEEPA line',
    meaning: 'A goods value is reported on the Chapter 99 IEEPA row instead of the commodity row.',
    rule: 'CAPE error "GOODS VALUE AMOUNT NOT ALLOWED ON IEEPA HTS LINE".',
    action: 'File a post-summary correction moving the value to the commodity line first, then declare.',
  },
  RATE_MISMATCH: {
    title: 'IEEPA duty differs from the rate',
    meaning: 'The IEEPA duty differs from the heading’s rate × the line’s goods value by more than max($1.00, 0.5%).',
    rule: 'CBP refunds the duty deposited; a mismatch suggests a data or classification error.',
    action: 'Check the entry summary; the refund estimate uses the duty actually deposited.',
  },
  IEEPA_OUT_OF_WINDOW: {
    title: 'IEEPA heading outside its dates',
    meaning: 'An IEEPA heading on the entry was not in force on the entry date.',
    rule: 'CAPE error "INVALID HTS" (CSMS #69056483).',
    action: 'File a post-summary correction to the right heading if within the PSC window, then declare.',
  },
  UNKNOWN_IEEPA_HEADING: {
    title: 'Unknown IEEPA heading',
    meaning: 'A 9903.01/9903.02 heading on the entry is not in the rulebook.',
    rule: 'Rulebook of IEEPA headings (reference §8).',
    action: 'Check the heading; the duty still counts as IEEPA duty.',
  },
  CONFLICTING_DUPLICATE_ROWS: {
    title: 'Conflicting duplicate rows',
    meaning:
      'The same row (entry, line, ordinal, HTS) appears more than once with different amounts; the row read last was kept.',
    rule: 'Rows repeated within or across files count once (SPEC §2).',
    action: 'Check which export is current and remove the stale file.',
  },
};
