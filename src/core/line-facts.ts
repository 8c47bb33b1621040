/**
 * What an entry's rows say, independent of the filing date: IEEPA and other duty, IEEPA programs,
 * and the row-based warnings of SPEC §4 (value on IEEPA line, rate mismatch, out of window, unknown heading).
 */
import { type CompiledRules, rateOn } from './compiled-rules';
import { headingOf, isChapter99, isIeepaHts } from './cell-values';
import type { DayNum } from './dates';
import type { Cents } from './money';
import { LINE_WARNING_BITS } from './reasons';

export interface LineInput {
  /** HTS digits. */
  hts: string;
  duty: Cents;
  /** Goods value in cents; null when the cell or column is absent. */
  value: Cents | null;
  /** Entry summary line number; null when absent. */
  line: number | null;
}

export interface LineFacts {
  ieepaDuty: Cents;
  otherDuty: Cents;
  ieepaLines: number;
  refundableLines: number;
  /** Bits of LINE_WARNING_BITS. */
  warningBits: number;
  /** Refundable IEEPA duty per program index (CompiledRules.programs), only non-zero programs. */
  programCents: [number, number][];
}

/** Summarise lines[0 .. count) (count lets a caller reuse one pool of row objects). */
export function summariseLines(lines: readonly LineInput[], entryDate: DayNum | null, rules: CompiledRules, count = lines.length): LineFacts {
  let ieepaDuty = 0;
  let otherDuty = 0;
  let ieepaLines = 0;
  let refundableLines = 0;
  let bits = 0;
  const programCents: [number, number][] = [];
  let lineValues: Map<number, number> | null = null;
  for (let i = 0; i < count; i++) {
    const row = lines[i]!;
    if (!isIeepaHts(row.hts)) {
      otherDuty += row.duty;
      continue;
    }
    ieepaLines++;
    if (row.duty > 0) {
      refundableLines++;
      ieepaDuty += row.duty;
    }
    if (row.value !== null && row.value > 0) bits |= LINE_WARNING_BITS.VALUE_ON_IEEPA_LINE;
    const heading = rules.headings.get(headingOf(row.hts));
    if (!heading) {
      bits |= LINE_WARNING_BITS.UNKNOWN_IEEPA_HEADING;
      continue;
    }
    if (row.duty > 0) addProgram(programCents, rules.programs.indexOf(heading.rule.program), row.duty);
    if (entryDate === null) continue;
    if (entryDate < heading.from || entryDate > heading.to) {
      bits |= LINE_WARNING_BITS.IEEPA_OUT_OF_WINDOW;
      continue;
    }
    const bp = rateOn(heading, entryDate);
    if (bp === null || row.line === null) continue;
    lineValues ??= commodityValueByLine(lines, count);
    const value = lineValues.get(row.line);
    if (value === undefined) continue;
    if (rateMismatch(row.duty, value, bp, rules)) bits |= LINE_WARNING_BITS.RATE_MISMATCH;
  }
  return { ieepaDuty: ieepaDuty as Cents, otherDuty: otherDuty as Cents, ieepaLines, refundableLines, warningBits: bits, programCents };
}

function addProgram(acc: [number, number][], program: number, cents: number): void {
  const hit = acc.find((p) => p[0] === program);
  if (hit) hit[1] += cents;
  else acc.push([program, cents]);
}

/** Sum of goods value of the non-Chapter-99 rows of each line that reports a value. */
function commodityValueByLine(lines: readonly LineInput[], count: number): Map<number, number> {
  const byLine = new Map<number, number>();
  for (let i = 0; i < count; i++) {
    const row = lines[i]!;
    if (row.line === null || row.value === null || isChapter99(row.hts)) continue;
    byLine.set(row.line, (byLine.get(row.line) ?? 0) + row.value);
  }
  return byLine;
}

/**
 * |duty − rate × value| > max($1.00, 0.5% of rate × value), in exact integers:
 * everything is scaled by 10,000 × 1,000 so basis points and per-mille need no division.
 */
export function rateMismatch(dutyCents: number, valueCents: number, basisPoints: number, rules: CompiledRules): boolean {
  const expectedScaled = BigInt(basisPoints) * BigInt(valueCents) * 1000n; // cents × 10^7
  const dutyScaled = BigInt(dutyCents) * 10_000_000n;
  const diff = dutyScaled > expectedScaled ? dutyScaled - expectedScaled : expectedScaled - dutyScaled;
  const absExpected = expectedScaled < 0n ? -expectedScaled : expectedScaled;
  const minTolerance = BigInt(rules.rateToleranceCents) * 10_000_000n;
  const pctTolerance = (absExpected * BigInt(rules.rateTolerancePerMille)) / 1000n;
  const tolerance = minTolerance > pctTolerance ? minTolerance : pctTolerance;
  return diff > tolerance;
}
