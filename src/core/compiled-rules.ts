/** The rulebook turned into lookups the per-entry analysis can use without parsing strings. */
import { type DayNum, parseIsoDay } from './dates';
import { type HeadingRule, type IeepaProgram, RULEBOOK, type Rulebook } from './rulebook';

export interface CompiledHeading {
  rule: HeadingRule;
  from: DayNum;
  to: DayNum;
  /** Rate steps as basis points (1/100 of a percent), null when the rate is not fixed. */
  steps: { from: DayNum; basisPoints: number }[] | null;
}

export interface CompiledRules {
  rulebook: Rulebook;
  headings: Map<string, CompiledHeading>;
  programs: IeepaProgram[];
  reconAcceptedFrom: DayNum;
  warehouseExcludedFrom: DayNum;
  excludedTypes: Set<string>;
  warehouseTypes: Set<string>;
  reconEligibleTypes: Set<string>;
  adcvdTypes: Set<string>;
  warehouseWithdrawalTypes: Set<string>;
  holdingDays: number;
  reliquidationWindowDays: number;
  nearLimitFromDays: number;
  protestDays: number;
  assumedLiquidationDays: number;
  paymentWithinDays: number;
  maxEntriesPerDeclaration: number;
  rateToleranceCents: number;
  rateTolerancePerMille: number;
  liquidationWeekdays: readonly number[];
  /** After filing: days after acceptance before an unpaid entry is overdue, and the payment variance tolerance (cents). */
  paymentOverdueDays: number;
  varianceToleranceCents: number;
}

export function isoDay(s: string): DayNum {
  const d = parseIsoDay(s);
  if (d === null) throw new Error(`Rulebook date is not YYYY-MM-DD: ${s}`);
  return d;
}

/** Percent as a decimal string ("25", "0.5") to whole basis points; rulebook rates have at most two decimals. */
function basisPoints(percent: string): number {
  const [whole = '0', frac = ''] = percent.split('.');
  return Number(whole) * 100 + Number((frac + '00').slice(0, 2));
}

export function compileRules(rulebook: Rulebook = RULEBOOK): CompiledRules {
  const headings = new Map<string, CompiledHeading>();
  const programs: IeepaProgram[] = [];
  for (const rule of rulebook.headings) {
    headings.set(rule.heading, {
      rule,
      from: isoDay(rule.from),
      to: isoDay(rule.to),
      steps: rule.rates ? rule.rates.map((s) => ({ from: isoDay(s.from), basisPoints: basisPoints(s.percent) })) : null,
    });
    if (!programs.includes(rule.program)) programs.push(rule.program);
  }
  const { limits, changes, entryTypes } = rulebook;
  return {
    rulebook,
    headings,
    programs,
    reconAcceptedFrom: isoDay(changes.reconAcceptedFrom.value),
    warehouseExcludedFrom: isoDay(changes.warehouseExcludedFrom.value),
    excludedTypes: new Set(entryTypes.excluded.value),
    warehouseTypes: new Set(entryTypes.warehouse.value),
    reconEligibleTypes: new Set(entryTypes.reconEligible.value),
    adcvdTypes: new Set(entryTypes.adcvd.value),
    warehouseWithdrawalTypes: new Set(entryTypes.warehouseWithdrawal.value),
    holdingDays: limits.holdingDays.value,
    reliquidationWindowDays: limits.reliquidationWindowDays.value,
    nearLimitFromDays: limits.nearLimitFromDays.value,
    protestDays: limits.protestDays.value,
    assumedLiquidationDays: limits.assumedLiquidationDays.value,
    paymentWithinDays: limits.paymentWithinDays.value,
    maxEntriesPerDeclaration: limits.maxEntriesPerDeclaration.value,
    rateToleranceCents: limits.rateMismatchToleranceCents.value,
    rateTolerancePerMille: limits.rateMismatchTolerancePerMille.value,
    liquidationWeekdays: rulebook.liquidationDays.value,
    paymentOverdueDays: rulebook.afterFiling.paymentOverdueDays.value,
    varianceToleranceCents: rulebook.afterFiling.varianceToleranceCents.value,
  };
}

/** Rate in basis points of a heading on an entry date; null when not fixed or not in force. */
export function rateOn(h: CompiledHeading, day: DayNum): number | null {
  if (!h.steps || day < h.from || day > h.to) return null;
  let bp: number | null = null;
  for (const s of h.steps) if (day >= s.from) bp = s.basisPoints;
  return bp;
}
