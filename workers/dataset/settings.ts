/** User settings kept locally: the profile and the what-if assumptions (the filing date is not kept: it defaults to today). */
import type { TaxpayerType } from '../../src/core/interest';
import { EMPTY_PROFILE, type Profile } from '../../src/core/profile';
import type { Partition } from '../../src/core/declarations';
import type { OverpaymentRate } from '../../src/core/rulebook';
import { RULEBOOK } from '../../src/core/rulebook';

export interface AssumptionsInput {
  /** YYYY-MM-DD; the date the user expects CAPE to accept the declaration. */
  filingDate: string;
  overpaymentRates: OverpaymentRate[];
  defaultTaxpayer: TaxpayerType;
  includeDeferred: boolean;
  /** Declaration files per IOR (default) or per filer code (a broker mixing IORs). */
  partition: Partition;
}

export function defaultAssumptions(today: string): AssumptionsInput {
  return {
    filingDate: today,
    overpaymentRates: RULEBOOK.overpaymentRates.value.map((r) => ({ ...r })),
    defaultTaxpayer: 'corporate',
    includeDeferred: false,
    partition: 'ior',
  };
}

export const DEFAULT_PROFILE: Profile = EMPTY_PROFILE;

/** A rate must be a plain decimal percent between 0 and 100. */
export function validRate(s: string): boolean {
  return /^\d{1,2}(\.\d{1,4})?$|^100(\.0+)?$/.test(s.trim());
}
