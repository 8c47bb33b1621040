/**
 * Property-based tests (fast-check) of analyseEntry (SPEC §4) on arbitrary facts, filing dates,
 * rates and profiles: it never throws, never yields NaN or a fractional cent, puts every entry in
 * exactly one of the six segments, and keeps the invariants: refund = ieepa_duty + interest,
 * interest ≥ 0 on a non-negative principal and 0 outside READY, reasons sorted, unique and belonging
 * to the segment or to the warnings, and a projected Monday–Thursday date exactly for READY.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AnalysisContext } from './analysis';
import { LIQUIDATION_STATUSES } from './cell-values';
import { type DayNum, dayFromYmd, weekday } from './dates';
import type { EntryFacts } from './entry-facts';
import type { Cents } from './money';
import { EMPTY_PROFILE, type Profile, indexProfile, newClient } from './profile';
import { REASONS, SEGMENTS, SEGMENT_REASONS, type Segment, WARNINGS } from './reasons';
import { builtInRulepack } from './builtin-rulepack';
import { rules } from '../../tests/factories/entries';
import { analyseEntry } from './analysis';

/** Mostly around the IEEPA years, sometimes anywhere in 2000–2099. */
const day = fc
  .oneof(
    { weight: 4, arbitrary: fc.integer({ min: dayFromYmd(2024, 6, 1), max: dayFromYmd(2027, 6, 30) }) },
    { weight: 1, arbitrary: fc.integer({ min: dayFromYmd(2000, 1, 1), max: dayFromYmd(2099, 12, 31) }) },
  )
  .map((d) => d as DayNum);
const cents = fc
  .oneof(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: -1e13, max: 1e13 }))
  .map((c) => c as Cents);
const entryNumber = fc
  .tuple(fc.constantFrom('B76', 'ABC', 'SP7', 'Z99'), fc.stringMatching(/^\d{8}$/))
  .map(([f, n]) => f + n);
/** Mostly false, so that entries reach every segment (READY needs every flag clear). */
const rarely = fc.oneof({ weight: 6, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) });
const importer = fc.constantFrom('12-3456789-00', '98-7654321-00', '', '123456789AB');

const facts: fc.Arbitrary<EntryFacts> = fc.record({
  entryNumber,
  checkDigitOk: rarely.map((b) => !b),
  importerNumber: importer,
  importerName: fc.string({ maxLength: 10 }),
  entryType: fc.constantFrom(
    '',
    '01',
    '02',
    '03',
    '06',
    '07',
    '08',
    '09',
    '11',
    '21',
    '22',
    '23',
    '31',
    '32',
    '34',
    '38',
    '47',
    'AB',
  ),
  entryDate: fc.option(day),
  entrySummaryDate: fc.option(day),
  liquidationStatus: fc.constantFrom(...LIQUIDATION_STATUSES),
  liquidationDate: fc.option(day, { freq: 2 }),
  reconFlag: rarely,
  recon09Filed: rarely,
  drawback: rarely,
  openProtest: rarely,
  summaryStatus: fc.constantFrom('absent', 'accepted', 'accepted', 'not_accepted'),
  suretyPaid: rarely,
  adcvdFlag: rarely,
  ieepaDuty: cents,
  otherDuty: cents,
  ieepaLines: fc.oneof(fc.constant(1), fc.nat({ max: 5 })),
  refundableLines: fc.oneof(fc.constant(1), fc.nat({ max: 5 })),
  badRowData: rarely,
  warningBits: fc.nat({ max: 31 }),
  programCents: fc.constant([] as [number, number][]),
  countryOfOrigin: fc.constantFrom('CN', 'MX', ''),
  port: fc.constantFrom('2704', ''),
});

const rate = fc.integer({ min: 0, max: 2500 }).map((bp) => (bp / 100).toFixed(2));
const rates = fc.oneof(
  fc.constant(builtInRulepack().pack.overpaymentRates),
  fc.array(
    fc.record({
      quarter: fc
        .tuple(fc.integer({ min: 2024, max: 2028 }), fc.integer({ min: 1, max: 4 }))
        .map(([y, q]) => `${y}Q${q}`),
      corporate: rate,
      nonCorporate: rate,
    }),
    { minLength: 1, maxLength: 8 },
  ),
);
const profile: fc.Arbitrary<Profile> = fc.oneof(
  fc.constant<Profile>(EMPTY_PROFILE),
  fc.subarray(['12-3456789-00', '98-7654321-00']).map((authorized): Profile => ({
    role: 'importer',
    filerCodes: [],
    clients: [
      { ...newClient('12 3456789 00'), taxpayerType: 'non_corporate', achEnrolled: 'yes', authorized: false },
      ...authorized.map((n) => newClient(n)),
    ],
  })),
  fc.subarray(['B76', 'SP7', 'abc']).map((filerCodes): Profile => ({ role: 'broker', clients: [], filerCodes })),
);

const scenario = fc.record({
  facts,
  filingDate: day,
  rates,
  defaultTaxpayer: fc.constantFrom('corporate' as const, 'non_corporate' as const),
  includeDeferred: fc.boolean(),
  profile,
  filed: rarely,
});

describe('analyseEntry on arbitrary entries, filing dates, rates and profiles', () => {
  it('never throws, and keeps every invariant of SPEC §4', () => {
    const seen = new Map<Segment, number>();
    fc.assert(
      fc.property(scenario, (sc) => {
        const ctx = new AnalysisContext(
          rules,
          {
            filingDate: sc.filingDate,
            overpaymentRates: sc.rates,
            defaultTaxpayer: sc.defaultTaxpayer,
            includeDeferred: sc.includeDeferred,
          },
          indexProfile(sc.profile),
          sc.filed,
        );
        const f = sc.facts;
        const r = analyseEntry(f, ctx);

        expect(SEGMENTS).toContain(r.segment);
        seen.set(r.segment, (seen.get(r.segment) ?? 0) + 1);
        // Whole cents, never NaN. Exact (below 2^53 cents, $90 trillion) whenever interest runs for
        // at most five years; only absurd inputs (a $70 billion entry at 19% for 36 years) go beyond.
        const deposit = f.entrySummaryDate ?? f.entryDate;
        // Interest runs to the projected date (for a filed entry, CAPE's own liquidation date, however late).
        const years = deposit === null ? 0 : (Math.max(sc.filingDate, r.projectedDate ?? 0) - deposit) / 365;
        for (const v of [r.interest, r.refund]) {
          expect(Number.isInteger(v), `cents ${v}`).toBe(true);
          if (years <= 5) expect(Number.isSafeInteger(v), `cents ${v}`).toBe(true);
        }
        expect(r.refund).toBe(f.ieepaDuty + r.interest);
        if (f.ieepaDuty >= 0) expect(r.interest).toBeGreaterThanOrEqual(0);
        if (r.segment !== 'READY') expect(r.interest).toBe(0);

        // Reasons: sorted, unique, of this segment or warnings; a non-READY segment names at least one of its own.
        expect([...r.reasons].sort()).toEqual(r.reasons);
        expect(new Set(r.reasons).size).toBe(r.reasons.length);
        const own = r.reasons.filter((c) => !(WARNINGS as readonly string[]).includes(c));
        for (const c of own) expect(SEGMENT_REASONS[r.segment], `${c} in ${r.segment}`).toContain(c);
        for (const c of r.reasons) expect([...REASONS, ...WARNINGS]).toContain(c);
        if (r.segment !== 'READY') expect(own.length).toBeGreaterThan(0);

        // The order of segments: the first that applies wins.
        if (!f.checkDigitOk || f.badRowData) expect(r.segment).toBe('INVALID');
        else if (f.ieepaLines === 0 || f.refundableLines === 0) expect(r.segment).toBe('NO_REFUND');

        // A filed entry's liquidation on or after its filing date is CAPE's (SPEC §10): the projected date
        // as written, whatever its weekday, and no part of the segment tests.
        const capeLiquidation = sc.filed && f.liquidationDate !== null && f.liquidationDate >= sc.filingDate;
        if (capeLiquidation) {
          expect(r.daysSinceLiquidation).toBeNull();
          for (const c of [
            'PAST_80_DAYS',
            'FINAL_LIQUIDATION',
            'NEAR_80_DAY_LIMIT',
            'LIQUIDATION_STATUS_UNKNOWN',
          ] as const)
            expect(r.reasons).not.toContain(c);
        }
        // A projected (re)liquidation date exactly for READY: a Monday–Thursday after F, or CAPE's own date.
        if (r.segment === 'READY') {
          expect(r.projectedDate).not.toBeNull();
          if (capeLiquidation) {
            expect(r.projection).toBe('cape-liquidation');
            expect(r.projectedDate).toBe(f.liquidationDate);
          } else {
            expect(r.projectedDate!).toBeGreaterThan(sc.filingDate);
            expect([1, 2, 3, 4]).toContain(weekday(r.projectedDate!));
          }
        } else expect(r.projectedDate).toBeNull();
        if (r.daysSinceLiquidation !== null) expect(r.daysSinceLiquidation).toBe(sc.filingDate - f.liquidationDate!);
        if (r.protestDeadline !== null) expect(r.reasons).toContain('PAST_80_DAYS');
      }),
      { numRuns: 3000 },
    );
    // The generator reaches every segment, READY included (where interest and dates are computed).
    for (const seg of SEGMENTS) expect(seen.get(seg) ?? 0, seg).toBeGreaterThan(10);
    // 3,000 runs take 3–5 s on this machine, more when other work shares its two cores.
  }, 60_000);

  it('interest grows with the principal and does not depend on anything but principal, dates, rates and taxpayer type', () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: 0, max: 1e9 }), (sc, extra) => {
        const ctx = new AnalysisContext(
          rules,
          {
            filingDate: sc.filingDate,
            overpaymentRates: sc.rates,
            defaultTaxpayer: sc.defaultTaxpayer,
            includeDeferred: false,
          },
          indexProfile(sc.profile),
        );
        const f = { ...sc.facts, ieepaDuty: Math.abs(sc.facts.ieepaDuty) as Cents };
        const a = analyseEntry(f, ctx);
        const b = analyseEntry(
          { ...f, ieepaDuty: (f.ieepaDuty + extra) as Cents, otherDuty: 0 as Cents, importerName: 'x' },
          ctx,
        );
        expect(b.segment).toBe(a.segment);
        expect(b.interest).toBeGreaterThanOrEqual(a.interest);
      }),
      { numRuns: 1000 },
    );
  });
});
