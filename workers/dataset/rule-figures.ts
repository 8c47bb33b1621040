/**
 * Two figures the Overview shows beside the totals because of what the rule pack says: the duty of
 * other Chapter 99 programmes (Section 122, 301, 338 …) that stays with CBP, named; and the interest
 * that rests on an assumed overpayment rate (a quarter past the rate table).
 */
import type { AnalysisContext } from '../../src/core/analysis';
import { type CompiledRules, otherChapter99Of } from '../../src/core/compiled-rules';
import type { DayNum } from '../../src/core/dates';
import { hasExpectedPayment } from '../../src/core/reasons';
import { NO_DAY, rowIndex, rowSlot } from '../store/pages';
import type { EntryTable } from './entry-table';
import { type Results, segmentTable } from './results';

export interface OtherDutyView {
  name: string;
  /** The programme's Chapter 99 numbers and dates, in words. */
  note: string;
  entries: number;
  /** Duty on its lines, cents: other duty, not refunded through CAPE. */
  duty: number;
}

export interface AssumedRatesView {
  /** Quarters whose rate is assumed that some interest runs through. */
  quarters: string[];
  /** READY entries whose interest uses an assumed rate, and that interest (cents). */
  entries: number;
  interest: number;
  /** The last quarter of the rate table, which assumed quarters equal. */
  lastQuarter: string;
}

/** Per table and rules: the rows do not change with the filing date or the profile. */
const otherDutyCache = new WeakMap<EntryTable, { rules: CompiledRules; view: OtherDutyView[] }>();

/** Duty on lines of the pack's other Chapter 99 programmes, by programme (only those present). */
export function otherChapter99Duty(t: EntryTable, rules: CompiledRules): OtherDutyView[] {
  const cached = otherDutyCache.get(t);
  if (cached && cached.rules === rules) return cached.view;
  const programmes = rules.otherChapter99;
  const duty = new Array<number>(programmes.length).fill(0);
  const entries = new Array<number>(programmes.length).fill(0);
  // The programme of each distinct HTS number, looked up once: -1 for none.
  const programmeOfHts = t.htsStrings.map((hts) => {
    const p = otherChapter99Of(rules, hts);
    return p === null ? -1 : programmes.indexOf(p);
  });
  const seen = new Int32Array(programmes.length).fill(-1);
  for (let i = 0; i < t.count; i++) {
    for (let k = t.rowStart[i]!; k < t.rowStart[i + 1]!; k++) {
      const id = t.rowIds[k]!;
      const ref = t.pages[rowSlot(id)]!;
      const r = rowIndex(id);
      const p = programmeOfHts[ref.hts[ref.page.hts[r]!]!]!;
      if (p < 0) continue;
      duty[p]! += ref.page.duty[r]!;
      if (seen[p] !== i) {
        seen[p] = i;
        entries[p]!++;
      }
    }
  }
  const view = programmes.flatMap((p, k) =>
    entries[k]! > 0
      ? [
          {
            name: p.name,
            note: `${p.htsPrefixes.map(chapter99Text).join(', ')}, ${p.to === null ? `from ${p.from}` : `${p.from} … ${p.to}`}`,
            entries: entries[k]!,
            duty: duty[k]!,
          },
        ]
      : [],
  );
  otherDutyCache.set(t, { rules, view });
  return view;
}

/** "990305" → "9903.05.xx", "99030301" → "9903.03.01". */
function chapter99Text(prefix: string): string {
  const groups = [prefix.slice(0, 4), prefix.slice(4, 6), prefix.slice(6, 8), prefix.slice(8)].filter((g) => g !== '');
  return groups.length < 3 ? `${groups.join('.')}.xx` : groups.join('.');
}

const PAID_ON_PROJECTION = segmentTable(hasExpectedPayment);

/** READY entries whose interest runs through a quarter of assumed rate; null when none does. */
export function assumedRateExposure(t: EntryTable, res: Results, ctx: AnalysisContext): AssumedRatesView | null {
  const rates = ctx.rates;
  const quarters = new Set<string>();
  // Periods repeat (a few deposit dates × one or two projected dates): name their quarters once each.
  const named = new Set<number>();
  let entries = 0;
  let interest = 0;
  for (let i = 0; i < t.count; i++) {
    if (PAID_ON_PROJECTION[res.segment[i]!] !== 1 || res.interest[i] === 0) continue;
    const summary = t.attr.summaryDate[i]!;
    const deposit = (summary !== NO_DAY ? summary : t.attr.entryDate[i]!) as DayNum;
    const end = res.projected[i]! as DayNum;
    if (!rates.dependsOnAssumed(deposit, end)) continue;
    entries++;
    interest += res.interest[i]!;
    const key = deposit * 100_000 + (end - deposit);
    if (!named.has(key)) {
      named.add(key);
      for (const q of rates.assumedQuarters(deposit, end)) quarters.add(q);
    }
  }
  if (entries === 0) return null;
  const table = ctx.assumptions.overpaymentRates;
  return { quarters: [...quarters].sort(), entries, interest, lastQuarter: table[table.length - 1]!.quarter };
}

/** The quarter of a payment's (re)liquidation date when its rate is assumed (interest runs to that date); else null. */
export function assumedRateQuarterOn(ctx: AnalysisContext, projectedDate: DayNum): string | null {
  return ctx.rates.assumedQuarters((projectedDate - 1) as DayNum, projectedDate)[0] ?? null;
}
