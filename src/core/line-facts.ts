/**
 * What an entry's rows say, independent of the filing date: IEEPA and other duty, IEEPA programs,
 * and the row-based warnings of SPEC §4 (value on IEEPA line, rate mismatch, out of window, unknown heading).
 */
import { type CompiledRules, rateOn } from './compiled-rules';
import { headingOf, isChapter99, isIeepaColumnHts, isIeepaHts } from './cell-values';
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

/**
 * The lines CAPE strips when it recalculates the entry (SPEC §4): IEEPA lines with duty above zero,
 * the refundable ones. Every other line, zero-duty IEEPA lines included, stays as filed.
 */
export function capeRemovesLine(hts: string, dutyCents: number): boolean {
  return isIeepaHts(hts) && refundableDuty(dutyCents);
}

/** IEEPA duty is refundable when the line carries some. */
function refundableDuty(dutyCents: number): boolean {
  return dutyCents > 0;
}

export function emptyLineFacts(): LineFacts {
  return {
    ieepaDuty: 0 as Cents,
    otherDuty: 0 as Cents,
    ieepaLines: 0,
    refundableLines: 0,
    warningBits: 0,
    programCents: [],
  };
}

/** Goods value per line, reused from call to call (summariseLines runs to completion before the next). */
const lineValueScratch = new Map<number, number>();

/**
 * Summarise lines[0 .. count) (count lets a caller reuse one pool of row objects) into `out`, which a
 * caller summarising many entries may reuse (its programCents array too): the facts of one call
 * are then valid until the next.
 */
export function summariseLines(
  lines: readonly LineInput[],
  entryDate: DayNum | null,
  rules: CompiledRules,
  count = lines.length,
  out: LineFacts = emptyLineFacts(),
): LineFacts {
  let ieepaDuty = 0;
  let otherDuty = 0;
  let ieepaLines = 0;
  let refundableLines = 0;
  let bits = 0;
  const programCents = out.programCents;
  programCents.length = 0;
  let lineValues: Map<number, number> | null = null;
  for (let i = 0; i < count; i++) {
    const row = lines[i]!;
    if (!isIeepaHts(row.hts)) {
      otherDuty += row.duty;
      continue;
    }
    ieepaLines++;
    const refundable = refundableDuty(row.duty);
    if (refundable) {
      refundableLines++;
      ieepaDuty += row.duty;
    }
    // IEEPA duty read from a per-line IEEPA duty column: no heading, so no program, window or rate to check.
    if (isIeepaColumnHts(row.hts)) {
      bits |= LINE_WARNING_BITS.IEEPA_FROM_COLUMN;
      continue;
    }
    if (row.value !== null && row.value > 0) bits |= LINE_WARNING_BITS.VALUE_ON_IEEPA_LINE;
    const heading = rules.headings.get(headingOf(row.hts));
    if (!heading) {
      bits |= LINE_WARNING_BITS.UNKNOWN_IEEPA_HEADING;
      continue;
    }
    if (refundable) addProgram(programCents, rules.programs.indexOf(heading.rule.program), row.duty);
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
  out.ieepaDuty = ieepaDuty as Cents;
  out.otherDuty = otherDuty as Cents;
  out.ieepaLines = ieepaLines;
  out.refundableLines = refundableLines;
  out.warningBits = bits;
  return out;
}

function addProgram(acc: [number, number][], program: number, cents: number): void {
  const hit = acc.find((p) => p[0] === program);
  if (hit) hit[1] += cents;
  else acc.push([program, cents]);
}

/** Sum of goods value of the non-Chapter-99 rows of each line that reports a value. */
function commodityValueByLine(lines: readonly LineInput[], count: number): Map<number, number> {
  const byLine = lineValueScratch;
  byLine.clear();
  for (let i = 0; i < count; i++) {
    const row = lines[i]!;
    if (row.line === null || row.value === null || isChapter99(row.hts)) continue;
    byLine.set(row.line, (byLine.get(row.line) ?? 0) + row.value);
  }
  return byLine;
}

/** Doubles hold integers exactly below 2^53; below 2^52 a difference of two stays exact too. */
const EXACT = 2 ** 52;

/** ⌊x / 1000⌋ for a non-negative integer x < 2^53, exactly (a rounded quotient is corrected). */
function floorDiv1000(x: number): number {
  let q = Math.floor(x / 1000);
  if (q * 1000 > x) q--;
  else if ((q + 1) * 1000 <= x) q++;
  return q;
}

/**
 * |duty − rate × value| > max($1.00, 0.5% of rate × value), in exact integers:
 * everything is scaled by 10,000 × 1,000 so basis points and per-mille need no division.
 */
export function rateMismatch(
  dutyCents: number,
  valueCents: number,
  basisPoints: number,
  rules: CompiledRules,
): boolean {
  // The same integers in doubles while every value stays below 2^52 (exact), else in BigInt.
  const expected = Math.abs(basisPoints * valueCents * 1000);
  const duty = dutyCents * 10_000_000;
  const pct = expected * rules.rateTolerancePerMille;
  if (expected < EXACT && Math.abs(duty) < EXACT && pct < EXACT && valueCents >= 0 && basisPoints >= 0) {
    return Math.abs(duty - expected) > Math.max(rules.rateToleranceCents * 10_000_000, floorDiv1000(pct));
  }
  const expectedScaled = BigInt(basisPoints) * BigInt(valueCents) * 1000n; // cents × 10^7
  const dutyScaled = BigInt(dutyCents) * 10_000_000n;
  const diff = dutyScaled > expectedScaled ? dutyScaled - expectedScaled : expectedScaled - dutyScaled;
  const absExpected = expectedScaled < 0n ? -expectedScaled : expectedScaled;
  const minTolerance = BigInt(rules.rateToleranceCents) * 10_000_000n;
  const pctTolerance = (absExpected * BigInt(rules.rateTolerancePerMille)) / 1000n;
  const tolerance = minTolerance > pctTolerance ? minTolerance : pctTolerance;
  return diff > tolerance;
}
