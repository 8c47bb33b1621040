/** A rule pack turned into lookups the per-entry analysis can use without parsing strings. */
import type { CapeErrorRule } from './cape-errors';
import { type DayNum, parseIsoDay } from './dates';
import type { HeadingRule, OtherChapter99Programme, Rulepack } from './rulebook';

export interface CompiledHeading {
  rule: HeadingRule;
  from: DayNum;
  to: DayNum;
  /** Rate steps as basis points (1/100 of a percent), null when the rate is not fixed. */
  steps: { from: DayNum; basisPoints: number }[] | null;
}

export interface CompiledRules {
  /** The pack these rules come from. */
  pack: Rulepack;
  headings: Map<string, CompiledHeading>;
  /** IEEPA programs in pack order. */
  programs: string[];
  /** Chapter 99 programmes that are not IEEPA: their duty stays (other duty). */
  otherChapter99: readonly OtherChapter99Programme[];
  /** The CAPE error catalogue, in matching order (matchCapeError). */
  errorCatalogue: readonly CapeErrorRule[];
  /** Where routes CAPE does not offer lead, in words: recon with a type 09 on file; final liquidation. */
  phases: { reconWith09: string; finalLiquidation: string };
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
  if (d === null) throw new Error(`Rule pack date is not YYYY-MM-DD: ${s}`);
  return d;
}

/** Percent as a decimal string ("25", "0.5") to whole basis points; heading rates have at most two decimals (the schema says so). */
function basisPoints(percent: string): number {
  const [whole = '0', frac = ''] = percent.split('.');
  return Number(whole) * 100 + Number((frac + '00').slice(0, 2));
}

/** Compile a validated pack (rulebook.ts loads and checks it). */
export function compileRules(pack: Rulepack): CompiledRules {
  const headings = new Map<string, CompiledHeading>();
  const programs: string[] = [];
  for (const rule of pack.headings) {
    headings.set(rule.heading, {
      rule,
      from: isoDay(rule.from),
      to: isoDay(rule.to),
      steps: rule.rates ? rule.rates.map((s) => ({ from: isoDay(s.from), basisPoints: basisPoints(s.percent) })) : null,
    });
    if (!programs.includes(rule.program)) programs.push(rule.program);
  }
  const { limits, ruleChanges, entryTypes } = pack;
  return {
    pack,
    headings,
    programs,
    otherChapter99: pack.otherChapter99,
    errorCatalogue: pack.errorCatalogue,
    phases: { reconWith09: pack.phases.reconWith09.value, finalLiquidation: pack.phases.finalLiquidation.value },
    reconAcceptedFrom: isoDay(ruleChanges.reconAcceptedFrom.value),
    warehouseExcludedFrom: isoDay(ruleChanges.warehouseExcludedFrom.value),
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
    liquidationWeekdays: pack.liquidationDays.value,
    paymentOverdueDays: pack.afterFiling.paymentOverdueDays.value,
    varianceToleranceCents: pack.afterFiling.varianceToleranceCents.value,
  };
}

/**
 * The non-IEEPA Chapter 99 programme an HTS number belongs to (Section 122, 301, 338 …), or null. Its
 * duty is other duty that stays: CAPE never removes it and it is never part of the IEEPA principal.
 */
export function otherChapter99Of(rules: CompiledRules, hts: string): OtherChapter99Programme | null {
  for (const p of rules.otherChapter99) if (p.htsPrefixes.some((prefix) => hts.startsWith(prefix))) return p;
  return null;
}

/** Rate in basis points of a heading on an entry date; null when not fixed or not in force. */
export function rateOn(h: CompiledHeading, day: DayNum): number | null {
  if (!h.steps || day < h.from || day > h.to) return null;
  let bp: number | null = null;
  for (const s of h.steps) if (day >= s.from) bp = s.basisPoints;
  return bp;
}
