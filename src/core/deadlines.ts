/** The two deadlines a liquidation date sets (SPEC §4, §9), in days from the rulebook. */
import type { CompiledRules } from './compiled-rules';
import { type DayNum, addDays } from './dates';

/** The last filing date CAPE accepts a liquidated entry: liquidation date + the reliquidation window (80 days). */
export function capeLastDay(liquidation: DayNum, rules: Pick<CompiledRules, 'reliquidationWindowDays'>): DayNum {
  return addDays(liquidation, rules.reliquidationWindowDays);
}

/** The last day to protest the liquidation (19 U.S.C. 1514): liquidation date + the protest period (180 days). */
export function protestDeadline(liquidation: DayNum, rules: Pick<CompiledRules, 'protestDays'>): DayNum {
  return addDays(liquidation, rules.protestDays);
}
