/**
 * Plain-language explanations of every reason and warning, and the short rule phrases the screens
 * show, built from the rulebook's values: a rule update changes the texts with the analysis.
 * Nothing here repeats a rulebook number; CSMS numbers and statutes are citations, not values.
 */
import { IEEPA_HEADING_PREFIXES } from './cell-values';
import type { CompiledRules } from './compiled-rules';
import { type DayNum, formatDay } from './dates';
import { capeLastDay, protestDeadline } from './deadlines';
import { DEFAULT_ENTRY_TYPE } from './entry-facts';
import type { Field } from './header-mapping';
import { type LifecycleKind, OPTIONAL_LIFECYCLE_FIELDS, type OptionalLifecycleField } from './lifecycle-headers';
import { formatUsd } from './money';
import { type ReasonCode, capeAccepts, segmentNames } from './reasons';

export interface ReasonExplanation {
  title: string;
  /** What it means, in plain words. */
  meaning: string;
  /** The rule behind it. */
  rule: string;
  /** What the user can do. */
  action: string;
}

/** What an explanation may say about one entry: its own deadlines, and whether a type 09 is on file. */
export interface ExplainedEntry {
  liquidationDate: DayNum | null;
  recon09Filed?: boolean;
}

/** ACE entry type names, for the types the texts name (CBP's entry type codes). */
const ENTRY_TYPE_NAMES: Readonly<Record<string, string>> = {
  '08': 'duty deferral',
  '09': 'reconciliation',
  '47': 'drawback',
};

/** The entry type of a reconciliation entry: a recon-flagged entry is reconciled by a type 09. */
const RECONCILIATION_ENTRY_TYPE = '09';

/** "a, b and c" (or "a, b or c"). */
function listed(items: readonly string[], conjunction = 'and'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}

function named(type: string): string {
  const name = ENTRY_TYPE_NAMES[type];
  return name ? `${type} (${name})` : type;
}

const types = (set: ReadonlySet<string>): string[] => [...set];
const days = (n: number): string => `${n.toLocaleString('en-US')} days`;

/** "9903.01.xx or 9903.02.xx" */
function ieepaHeadings(): string {
  return listed(
    IEEPA_HEADING_PREFIXES.map((p) => `${p.slice(0, 4)}.${p.slice(4, 6)}.xx`),
    'or',
  );
}

/** "max($1.00, 0.5%)": the RATE_MISMATCH tolerance. */
function rateTolerance(r: CompiledRules): string {
  return `max(${formatUsd(r.rateToleranceCents)}, ${r.rateTolerancePerMille / 10}%)`;
}

/** The explanation of a reason or warning under these rules; with an entry, its own dates where they matter. */
export function reasonText(code: ReasonCode, r: CompiledRules, entry?: ExplainedEntry): ReasonExplanation {
  const liq = entry?.liquidationDate ?? null;
  const window = r.reliquidationWindowDays;
  const protest = r.protestDays;
  const reconFrom = formatDay(r.reconAcceptedFrom);
  switch (code) {
    case 'BAD_ENTRY_NUMBER':
      return {
        title: 'Entry number check digit is wrong',
        meaning: 'The 11th digit does not match the check digit computed from the filer code and transaction number.',
        rule: 'CBP CATAIR Appendix E check digit; CAPE rejects malformed entry numbers.',
        action: 'Correct the entry number in the source export (look for a typo or Excel damage) and load it again.',
      };
    case 'BAD_ROW_DATA':
      return {
        title: 'Some rows could not be read',
        meaning:
          'At least one row of this entry has an amount or date that could not be parsed; figures count only the rows that parsed.',
        rule: 'Figures must rest on complete data.',
        action: 'See the row problems list, fix those cells in the export and load it again.',
      };
    case 'NO_IEEPA_LINE':
      return {
        title: 'No IEEPA line',
        meaning: `The entry has no ${ieepaHeadings()} Chapter 99 line.`,
        rule: 'CAPE requires at least one IEEPA Chapter 99 number on the entry (April 13, 2026 CSMS).',
        action: 'Nothing to claim under CAPE. Do not include it in a declaration.',
      };
    case 'IEEPA_ZERO_DUTY':
      return {
        title: 'IEEPA lines carry no duty',
        meaning: 'The entry has IEEPA lines, but none with a duty above zero (exemption or free lines).',
        rule: 'Only dutiable IEEPA lines make an entry refundable.',
        action: 'Nothing to claim. If duty was in fact paid, check the export for missing duty amounts.',
      };
    case 'ENTRY_TYPE_EXCLUDED': {
      const warehouse = types(r.warehouseTypes);
      return {
        title: 'Entry type not accepted',
        meaning: `Types ${listed(types(r.excludedTypes).map(named))} are excluded; warehouse types ${listed(warehouse)} are excluded from ${formatDay(r.warehouseExcludedFrom)}.`,
        rule: `April 13, 2026 CSMS; CSMS #69127837 for types ${warehouse.join('/')}.`,
        action: 'Wait for a later CAPE phase, or pursue the refund by protest where the protest window is open.',
      };
    }
    case 'RECONCILIATION':
      if (entry?.recon09Filed)
        return {
          title: 'Flagged for reconciliation, type 09 on file',
          meaning: `A type ${RECONCILIATION_ENTRY_TYPE} reconciliation is on file for this entry: CBP treats its CAPE declarations as filed, so it waits for ${r.phases.reconWith09}.`,
          rule: `CSMS #69035485 (Phase 2, ${reconFrom}): recon-flagged types ${listed(types(r.reconEligibleTypes))} are accepted only while no type ${RECONCILIATION_ENTRY_TYPE} has been filed.`,
          action: `Leave it out of declarations; it waits for ${r.phases.reconWith09}.`,
        };
      return {
        title: 'Flagged for reconciliation',
        meaning: `Recon-flagged entries are accepted only from ${reconFrom}, only for types ${listed(types(r.reconEligibleTypes))}, and only while no type ${RECONCILIATION_ENTRY_TYPE} reconciliation has been filed.`,
        rule: `CSMS #69035485 (Phase 2, ${reconFrom}).`,
        action: `If the filing date can move to ${reconFrom} or later and no ${RECONCILIATION_ENTRY_TYPE} is filed, file then; once a ${RECONCILIATION_ENTRY_TYPE} is filed it waits for ${r.phases.reconWith09}.`,
      };
    case 'DRAWBACK':
      return {
        title: 'Designated on a drawback claim',
        meaning: 'Entries tied to a drawback claim are excluded from CAPE.',
        rule: 'April 13, 2026 CSMS.',
        action: 'If drawback is only planned, file CAPE before the drawback claim; otherwise wait for guidance.',
      };
    case 'OPEN_PROTEST':
      return {
        title: 'Open protest',
        meaning: 'The entry is covered by an open or suspended protest.',
        rule: 'April 13, 2026 CSMS.',
        action: `If the protest concerns only IEEPA duty and the entry is within ${days(window)} of liquidation, you may withdraw it and use CAPE.`,
      };
    case 'SUMMARY_NOT_ACCEPTED':
      return {
        title: 'Entry summary not accepted',
        meaning: 'The entry summary status is not "Accepted" (for example cancelled or rejected).',
        rule: 'CAPE message "ENTRY SUMMARY IS CANCELLED/REJECTED".',
        action: 'Resolve the entry summary status in ACE first.',
      };
    case 'SURETY_PAID':
      return {
        title: 'Duty paid by a surety',
        meaning: 'IEEPA duty on this entry was paid by a surety, not the importer.',
        rule: 'CBP guidance: do not include surety-paid entries.',
        action: 'Leave it out of CAPE declarations.',
      };
    case 'NOT_AUTHORIZED':
      return {
        title: 'Not yours to file',
        meaning: 'The entry belongs to an importer or filer code that is not in your profile.',
        rule: 'Only the importer of record or the filing broker may declare an entry (CSMS #68315804).',
        action: 'Add the IOR or filer code to your profile if you may file for it, or pass the entry to its owner.',
      };
    case 'PAST_80_DAYS':
      return {
        title: `Liquidated more than ${days(window)} ago`,
        meaning: `The entry liquidated more than ${window} but not more than ${days(protest)} before the filing date.`,
        rule: `CAPE accepts entries liquidated within the preceding ${days(window)}; the protest route stays open for ${days(protest)} (19 U.S.C. 1514).`,
        action:
          liq === null
            ? 'File a protest before the deadline shown.'
            : `File a protest by ${formatDay(protestDeadline(liq, r))} (liquidation date + ${days(protest)}).`,
      };
    case 'FINAL_LIQUIDATION':
      return {
        title: 'Liquidation is final',
        meaning: `The liquidation is final, or more than ${days(protest)} have passed since it.`,
        rule: `Finally liquidated entries are outside the current CAPE phases: ${r.phases.finalLiquidation}.`,
        action: `Not fileable in CAPE: ${r.phases.finalLiquidation}. Seek legal advice on preserving rights at the Court of International Trade.`,
      };
    case 'LIQUIDATION_STATUS_UNKNOWN':
      return {
        title: 'Liquidation status needs checking',
        meaning: `Either the status says liquidated but no date is given, or no status is given and the entry is old enough to have liquidated (entry summary date + ${days(r.assumedLiquidationDays)} on or before the filing date).`,
        rule: `The ${window}-day window can only be checked with the liquidation date.`,
        action:
          'Add Liquidation Status and Liquidation Date to the ES-003 export (or load an entry-status file) and load again.',
      };
    case 'LIQUIDATION_SUSPENDED':
      return {
        title: 'Liquidation suspended, extended or under review',
        meaning: 'CAPE accepts the entry but refunds it only when it eventually liquidates.',
        rule: 'CBP Phase 1 guidance (2026-04-10).',
        action: 'Include it if you choose; expect the refund only after liquidation.',
      };
    case 'ADCVD':
      return {
        title: 'AD/CVD entry not yet liquidated',
        meaning: `AD/CVD entries (types ${types(r.adcvdTypes).join(', ')} or flagged) wait for Commerce instructions and liquidation.`,
        rule: 'CBP Phase 1 guidance; AD/CVD pending liquidation under instructions is rejected.',
        action: 'Include it if liquidation is suspended without instructions; the refund comes after liquidation.',
      };
    case 'WAREHOUSE_WITHDRAWAL':
      return {
        title: 'Warehouse withdrawal',
        meaning: `Types ${listed(types(r.warehouseWithdrawalTypes))} are accepted but refunded only when they liquidate in the normal cycle.`,
        rule: 'CBP Phase 1 guidance.',
        action: 'Include it if you choose; the refund comes after normal liquidation.',
      };
    case 'NEAR_80_DAY_LIMIT':
      return {
        title: `Close to the ${window}-day limit`,
        meaning: `The entry liquidated ${r.nearLimitFromDays} to ${days(window)} before the filing date; a day or two of delay loses the CAPE route.`,
        rule: `CAPE accepts entries within ${days(window)} of liquidation; batch validation can lag upload by 24–48 hours.`,
        action:
          liq === null
            ? 'File this entry first, today if possible.'
            : `File this entry first, today if possible: the last filing date CAPE accepts it is ${formatDay(capeLastDay(liq, r))} (liquidation date + ${days(window)}).`,
      };
    case 'ASSUMED_UNLIQUIDATED':
      return {
        title: 'Assumed unliquidated',
        meaning: `No liquidation status or date was given; the entry is younger than the usual ${r.assumedLiquidationDays}-day liquidation cycle, so it is treated as unliquidated.`,
        rule: `Normal liquidation is about ${days(r.assumedLiquidationDays)} after entry.`,
        action: 'Confirm the status in ACE if in doubt.',
      };
    case 'VALUE_ON_IEEPA_LINE':
      return {
        title: 'Goods value on the IEEPA line',
        meaning: 'A goods value is reported on the Chapter 99 IEEPA row instead of the commodity row.',
        rule: 'CAPE error "GOODS VALUE AMOUNT NOT ALLOWED ON IEEPA HTS LINE".',
        action: 'File a post-summary correction moving the value to the commodity line first, then declare.',
      };
    case 'RATE_MISMATCH':
      return {
        title: 'IEEPA duty differs from the rate',
        meaning: `The IEEPA duty differs from the heading’s rate × the line’s goods value by more than ${rateTolerance(r)}.`,
        rule: 'CBP refunds the duty deposited; a mismatch suggests a data or classification error.',
        action: 'Check the entry summary; the refund estimate uses the duty actually deposited.',
      };
    case 'IEEPA_OUT_OF_WINDOW':
      return {
        title: 'IEEPA heading outside its dates',
        meaning: 'An IEEPA heading on the entry was not in force on the entry date.',
        rule: 'CAPE error "INVALID HTS" (CSMS #69056483).',
        action: 'File a post-summary correction to the right heading if within the PSC window, then declare.',
      };
    case 'UNKNOWN_IEEPA_HEADING':
      return {
        title: 'Unknown IEEPA heading',
        meaning: `A ${IEEPA_HEADING_PREFIXES.map((p) => `${p.slice(0, 4)}.${p.slice(4, 6)}`).join('/')} heading on the entry is not in the rulebook.`,
        rule: 'The rule pack’s list of IEEPA headings (Rulebook screen).',
        action: 'Check the heading; the duty still counts as IEEPA duty.',
      };
    case 'IEEPA_FROM_COLUMN':
      return {
        title: 'IEEPA duty from a duty column',
        meaning: `The file has no ${ieepaHeadings()} rows with duty, so the IEEPA duty of this entry was read from its per-line IEEPA duty column; its program and heading are not known.`,
        rule: `CAPE removes the ${ieepaHeadings()} lines and refunds their duty (SPEC §4); a broker export may carry that duty as a column instead.`,
        action: `Check the amounts against ACE's ES-003 (Entry Summary Line Tariff Details), whose ${ieepaHeadings()} rows state the IEEPA duty line by line.`,
      };
    case 'CAPE_DISAGREES':
      return {
        title: 'CAPE’s verdict differs from this analysis',
        meaning: `CBP accepted this entry although this analysis does not put it in ${segmentNames(capeAccepts, 'or')}, or rejected it although this analysis puts it in READY (a filed entry is judged at its own filing date, a rejected one at the current filing date).`,
        rule: 'CAPE results and payment files you loaded, compared with the rules in force.',
        action:
          'Check the entry’s data against ACE (liquidation status and date, flags, entry type). If CBP rejected it, follow the fix for its CAPE error; if CBP accepted it, our data or rules for it need correcting.',
      };
    case 'CONFLICTING_DUPLICATE_ROWS':
      return {
        title: 'Conflicting duplicate rows',
        meaning:
          'The same row (entry, line, ordinal, HTS) appears more than once with different amounts; the row read last was kept.',
        rule: 'Rows repeated within or across files count once.',
        action: 'Check which export is current and remove the stale file.',
      };
  }
}

/** Short rule phrases the screens show beside the figures. */
export interface RuleTexts {
  /** "75–80 days": liquidated this long before the filing date draws NEAR_80_DAY_LIMIT. */
  nearLimitWindow: string;
  /** "80 days": how long after liquidation CAPE accepts an entry. */
  capeWindow: string;
  /** "81–180 days": the protest route (PAST_80_DAYS). */
  protestWindow: string;
  /** "30 days": CBP pays within this after the projected (re)liquidation date. */
  paymentWithin: string;
  /** "9,999": entries per declaration file. */
  maxEntriesPerDeclaration: string;
  /** "90 days": an accepted entry unpaid this long after acceptance is overdue. */
  paymentOverdue: string;
  /** "$1.00": a payment this close to the estimate is paid as estimated. */
  varianceTolerance: string;
}

export function ruleTexts(r: CompiledRules): RuleTexts {
  return {
    nearLimitWindow: `${r.nearLimitFromDays}–${days(r.reliquidationWindowDays)}`,
    capeWindow: days(r.reliquidationWindowDays),
    protestWindow: `${r.reliquidationWindowDays + 1}–${days(r.protestDays)}`,
    paymentWithin: days(r.paymentWithinDays),
    maxEntriesPerDeclaration: r.maxEntriesPerDeclaration.toLocaleString('en-US'),
    paymentOverdue: days(r.paymentOverdueDays),
    varianceTolerance: formatUsd(r.varianceToleranceCents),
  };
}

/**
 * What each missing optional column means for the analysis, for the mapping report, most
 * important first (the report shows the first few).
 */
export function missingFieldImpacts(r: CompiledRules): { field: Field; impact: string }[] {
  const impacts: [Field, string][] = [
    [
      'liquidation_status',
      `No liquidation status: statuses are estimated (entries older than ${days(r.assumedLiquidationDays)} need checking; younger ones are assumed unliquidated).`,
    ],
    [
      'liquidation_date',
      `No liquidation date: the ${r.reliquidationWindowDays}-day window cannot be checked; liquidated entries will need their date.`,
    ],
    // Missing only where a per-line IEEPA duty column stands in for it.
    ['duty', 'No line duty column: the IEEPA duty is read from the IEEPA duty column; other duty counts as $0.00.'],
    [
      'line_number',
      'No line numbers: rate checks are skipped and duplicate rows are matched on entry, ordinal and HTS only.',
    ],
    ['goods_value', 'No goods values: "value on IEEPA line" and rate checks are skipped.'],
    ['entry_summary_date', 'No entry summary date: interest runs from the entry date.'],
    ['entry_type', `No entry type: every entry is treated as type ${DEFAULT_ENTRY_TYPE}.`],
    [
      'importer_number',
      'No importer number: payments cannot be grouped by IOR and authorization by IOR cannot be checked.',
    ],
    ['reconciliation_flag', 'No reconciliation indicator: recon-flagged entries cannot be recognised.'],
    ['drawback_flag', 'No drawback designation: drawback-linked entries cannot be recognised.'],
    ['protest_status', 'No protest status: entries under open protest cannot be recognised.'],
    ['summary_status', 'No entry summary status: cancelled or rejected summaries cannot be recognised.'],
    ['surety_paid', 'No surety column: surety-paid entries cannot be recognised.'],
    [
      'adcvd_flag',
      `No AD/CVD column: AD/CVD entries are recognised by entry type ${types(r.adcvdTypes).join('/')} only.`,
    ],
  ];
  return impacts.map(([field, impact]) => ({ field, impact }));
}

/** What each missing optional column of a CAPE results or payment file means (SPEC §10), for the mapping report. */
export function lifecycleMissingImpacts(kind: LifecycleKind): { field: OptionalLifecycleField; impact: string }[] {
  const impacts: Record<OptionalLifecycleField, string> = {
    result_date:
      'No status date: each entry’s filing date is its submission date in the filing ledger, else the day this file was loaded.',
    claim_number: 'No claim number: entries are grouped by the declaration they were marked submitted on.',
    error_description: 'No error description: rejected entries come without CBP’s reason, so no fix can be suggested.',
    payment_date:
      'No payment date: an entry’s latest payment is the one listed last, dated the day this file was loaded.',
    payment_status: 'No payment status: every payment counts as paid, none as returned.',
    refund_interest: 'No interest column: the amount column is taken as the whole payment.',
  };
  return OPTIONAL_LIFECYCLE_FIELDS[kind].map((field) => ({ field, impact: impacts[field] }));
}
