/** Per-entry analysis of SPEC §4: segment, reasons, projected (re)liquidation date, interest and refund. */
import { importerKey } from './cell-values';
import type { CompiledRules } from './compiled-rules';
import { type DayNum, addDays } from './dates';
import { capeLastDay, protestDeadline } from './deadlines';
import { type EntryFacts, depositDate, effectiveEntryType } from './entry-facts';
import { type InterestCalculator, type RateInput, RateTable, type TaxpayerType, interestCalculator } from './interest';
import { liquidationDayAfter, liquidationDayOnOrAfter } from './liquidation-calendar';
import type { Cents } from './money';
import { type ProfileIndex, isAuthorized } from './profile';
import { type Reason, type ReasonCode, type Segment, type Warning, lineWarningsFromBits } from './reasons';

export interface Assumptions {
  /** The date the user expects CAPE to accept the declaration (F). */
  filingDate: DayNum;
  /** The rate table in force (the pack's with the user's edits); quarters of status `assumed` are marked so. */
  overpaymentRates: readonly RateInput[];
  /** Taxpayer type for IORs without their own setting in the profile. */
  defaultTaxpayer: TaxpayerType;
  /** Put DEFERRED entries into declarations (and the declared total) too. */
  includeDeferred: boolean;
}

export type Projection = 'liquidation' | 'reliquidation' | 'cape-liquidation';

export interface EntryResult {
  segment: Segment;
  /** Reasons of the segment plus all warnings, sorted. */
  reasons: ReasonCode[];
  interest: Cents;
  refund: Cents;
  /** Projected (re)liquidation date; READY only. */
  projectedDate: DayNum | null;
  /**
   * READY and liquidated: reliquidation; READY and not liquidated: liquidation after the holding period;
   * a filed entry whose liquidation date is on or after its filing date: CAPE's own liquidation (SPEC §10).
   */
  projection: Projection | null;
  /** Days from liquidation to F, when a liquidation date is known. */
  daysSinceLiquidation: number | null;
  /** Protest deadline (deadlines.ts), when the entry is PAST_80_DAYS. */
  protestDeadline: DayNum | null;
}

export class AnalysisContext {
  readonly filingDate: DayNum;
  /** The rate table of the assumptions: which quarters of an interest period are assumed. */
  readonly rates: RateTable;
  private readonly calculators: Record<TaxpayerType, InterestCalculator>;
  /** First liquidation day on or after F + holding period, and first after F: the same for every entry. */
  readonly liquidationAfterHolding: DayNum;
  readonly reliquidationDate: DayNum;

  constructor(
    readonly rules: CompiledRules,
    readonly assumptions: Assumptions,
    readonly profile: ProfileIndex,
    /**
     * Analyses entries filed on the filing date (SPEC §10): a liquidation date on or after it is CAPE's
     * own (re)liquidation, the projected date as written, and the entry is tested as unliquidated.
     */
    readonly filed = false,
  ) {
    this.filingDate = assumptions.filingDate;
    this.rates = new RateTable(assumptions.overpaymentRates);
    this.calculators = {
      corporate: interestCalculator(assumptions.overpaymentRates, 'corporate'),
      non_corporate: interestCalculator(assumptions.overpaymentRates, 'non_corporate'),
    };
    this.liquidationAfterHolding = liquidationDayOnOrAfter(
      addDays(this.filingDate, rules.holdingDays),
      rules.liquidationWeekdays,
    );
    this.reliquidationDate = liquidationDayAfter(this.filingDate, rules.liquidationWeekdays);
  }

  private readonly taxpayerCache = new Map<string, TaxpayerType>();

  taxpayerFor(importerNumber: string): TaxpayerType {
    let t = this.taxpayerCache.get(importerNumber);
    if (t === undefined) {
      t = this.profile.settingsByIor.get(importerKey(importerNumber))?.taxpayerType ?? this.assumptions.defaultTaxpayer;
      this.taxpayerCache.set(importerNumber, t);
    }
    return t;
  }

  interest(importerNumber: string, principal: Cents, start: DayNum, end: DayNum): Cents {
    return this.calculators[this.taxpayerFor(importerNumber)].interest(principal, start, end);
  }
}

export function analyseEntry(f: EntryFacts, ctx: AnalysisContext): EntryResult {
  const r = ctx.rules;
  const F = ctx.filingDate;
  const type = effectiveEntryType(f);
  // A filed entry's liquidation on or after its filing date is CAPE's: no part of the segment tests.
  const capeLiquidation = ctx.filed && f.liquidationDate !== null && f.liquidationDate >= F ? f.liquidationDate : null;
  const status = capeLiquidation === null ? f.liquidationStatus : 'unliquidated';
  const liq = capeLiquidation === null ? f.liquidationDate : null;
  const liquidated = status === 'liquidated' || (status === 'unknown' && liq !== null);
  const days = liq === null ? null : F - liq;
  const deposit = depositDate(f);
  const noStatusInfo = status === 'unknown' && liq === null;
  const probablyLiquidated = noStatusInfo && deposit !== null && deposit + r.assumedLiquidationDays <= F;

  const warnings: Warning[] = lineWarningsFromBits(f.warningBits);
  // The liquidation date's deadlines; F − liquidation date = days.
  const lastDay = liq === null ? null : capeLastDay(liq, r);
  const protestBy = liq === null ? null : protestDeadline(liq, r);
  if (liquidated && days !== null && days >= r.nearLimitFromDays && F <= lastDay!) warnings.push('NEAR_80_DAY_LIMIT');
  if (noStatusInfo && deposit !== null && !probablyLiquidated) warnings.push('ASSUMED_UNLIQUIDATED');

  const invalid: Reason[] = [];
  if (!f.checkDigitOk) invalid.push('BAD_ENTRY_NUMBER');
  if (f.badRowData) invalid.push('BAD_ROW_DATA');
  if (invalid.length > 0) return notReady(f, 'INVALID', invalid, warnings, days, null);

  if (f.ieepaLines === 0) return notReady(f, 'NO_REFUND', ['NO_IEEPA_LINE'], warnings, days, null);
  if (f.refundableLines === 0) return notReady(f, 'NO_REFUND', ['IEEPA_ZERO_DUTY'], warnings, days, null);

  const ineligible: Reason[] = [];
  if (r.excludedTypes.has(type) || (r.warehouseTypes.has(type) && F >= r.warehouseExcludedFrom))
    ineligible.push('ENTRY_TYPE_EXCLUDED');
  if (f.reconFlag && (f.recon09Filed || F < r.reconAcceptedFrom || !r.reconEligibleTypes.has(type)))
    ineligible.push('RECONCILIATION');
  if (f.drawback) ineligible.push('DRAWBACK');
  if (f.openProtest) ineligible.push('OPEN_PROTEST');
  if (f.summaryStatus === 'not_accepted') ineligible.push('SUMMARY_NOT_ACCEPTED');
  if (f.suretyPaid) ineligible.push('SURETY_PAID');
  if (!isAuthorized(ctx.profile, f.entryNumber, f.importerNumber)) ineligible.push('NOT_AUTHORIZED');
  const protestRoute = liquidated && protestBy !== null && F > lastDay! && F <= protestBy;
  if (protestRoute) ineligible.push('PAST_80_DAYS');
  if (status === 'final' || (protestBy !== null && F > protestBy)) ineligible.push('FINAL_LIQUIDATION');
  if (ineligible.length > 0)
    return notReady(f, 'NOT_ELIGIBLE', ineligible, warnings, days, protestRoute ? protestBy : null);

  if ((status === 'liquidated' && liq === null) || probablyLiquidated)
    return notReady(f, 'NEEDS_STATUS', ['LIQUIDATION_STATUS_UNKNOWN'], warnings, days, null);

  const deferred: Reason[] = [];
  if (status === 'suspended' || status === 'extended' || status === 'under_review')
    deferred.push('LIQUIDATION_SUSPENDED');
  if ((r.adcvdTypes.has(type) || f.adcvdFlag) && !liquidated) deferred.push('ADCVD');
  if (r.warehouseWithdrawalTypes.has(type) && !liquidated) deferred.push('WAREHOUSE_WITHDRAWAL');
  if (deferred.length > 0) return notReady(f, 'DEFERRED', deferred, warnings, days, null);

  const projection: Projection =
    capeLiquidation !== null ? 'cape-liquidation' : liquidated ? 'reliquidation' : 'liquidation';
  const projectedDate = capeLiquidation ?? (liquidated ? ctx.reliquidationDate : ctx.liquidationAfterHolding);
  const interest =
    deposit === null ? (0 as Cents) : ctx.interest(f.importerNumber, f.ieepaDuty, deposit, projectedDate);
  return {
    segment: 'READY',
    reasons: sortedCodes([], warnings),
    interest,
    refund: (f.ieepaDuty + interest) as Cents,
    projectedDate,
    projection,
    daysSinceLiquidation: days,
    protestDeadline: null,
  };
}

function sortedCodes(reasons: Reason[], warnings: Warning[]): ReasonCode[] {
  if (warnings.length === 0) return reasons.length > 1 ? reasons.sort() : reasons;
  return (reasons as ReasonCode[]).concat(warnings).sort();
}

/** Every segment but READY: no projected date, no interest, refund = IEEPA duty. */
function notReady(
  f: EntryFacts,
  segment: Segment,
  reasons: Reason[],
  warnings: Warning[],
  days: number | null,
  protestDeadline: DayNum | null,
): EntryResult {
  return {
    segment,
    reasons: sortedCodes(reasons, warnings),
    interest: 0 as Cents,
    refund: f.ieepaDuty,
    projectedDate: null,
    projection: null,
    daysSinceLiquidation: days,
    protestDeadline,
  };
}
