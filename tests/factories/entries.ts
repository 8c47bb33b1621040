/** Small factories for analysis fixtures: an eligible READY-by-default entry and a default context. */
import { AnalysisContext, type Assumptions } from '../../src/core/analysis';
import { builtInRulepack } from '../../src/core/builtin-rulepack';
import { compileRules } from '../../src/core/compiled-rules';
import { type DayNum, parseIsoDay } from '../../src/core/dates';
import type { EntryFacts } from '../../src/core/entry-facts';
import type { Cents } from '../../src/core/money';
import { EMPTY_PROFILE, type Profile, indexProfile } from '../../src/core/profile';

export const rules = compileRules(builtInRulepack().pack);

export function day(iso: string): DayNum {
  const d = parseIsoDay(iso);
  if (d === null) throw new Error(`bad test date ${iso}`);
  return d;
}

export function cents(n: number): Cents {
  return n as Cents;
}

/** A valid entry number (check digit computed by hand: see entry-number.test.ts). */
export const VALID_ENTRY = 'B7603245278';

export function facts(overrides: Partial<EntryFacts> = {}): EntryFacts {
  return {
    entryNumber: VALID_ENTRY,
    checkDigitOk: true,
    importerNumber: '12-3456789-00',
    importerName: 'Acme Imports',
    entryType: '01',
    entryDate: day('2025-06-02'),
    entrySummaryDate: day('2025-06-12'),
    liquidationStatus: 'unliquidated',
    liquidationDate: null,
    reconFlag: false,
    recon09Filed: false,
    drawback: false,
    openProtest: false,
    summaryStatus: 'accepted',
    suretyPaid: false,
    adcvdFlag: false,
    ieepaDuty: cents(100000),
    otherDuty: cents(2500),
    ieepaLines: 1,
    refundableLines: 1,
    badRowData: false,
    warningBits: 0,
    programCents: [[3, 100000]],
    countryOfOrigin: 'CN',
    port: '2704',
    ...overrides,
  };
}

export function assumptions(overrides: Partial<Assumptions> = {}): Assumptions {
  return {
    filingDate: day('2026-05-04'),
    overpaymentRates: builtInRulepack().pack.overpaymentRates,
    defaultTaxpayer: 'corporate',
    includeDeferred: false,
    ...overrides,
  };
}

/** `filed`: the context analyses entries filed on its filing date (SPEC §10). */
export function context(
  a: Partial<Assumptions> = {},
  profile: Profile = EMPTY_PROFILE,
  filed = false,
): AnalysisContext {
  return new AnalysisContext(rules, assumptions(a), indexProfile(profile), filed);
}
