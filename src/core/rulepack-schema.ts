/**
 * The rule pack's format, `cape-prep-rulepack/1` (SPEC §8, §11): one schema that both validates a
 * pack and gives its TypeScript types, so the document, its checks and the code reading it cannot
 * drift apart. Objects are strict (an unknown key is an error), dates are real calendar dates,
 * rates are decimal strings of percent. Relations between values (sorted quarters, windows, unique
 * ids) are checked after the shape, in rulebook.ts.
 *
 * Why valibot rather than hand-written checks: strict objects, paths for every issue and the inferred
 * types come with it, and it is modular — what this schema uses adds about 1.6 KB gzip to the worker
 * (the schema with it about 3.4 KB), where zod would add several times that.
 *
 * To add a value: put it in src/core/builtin-rulepack.json with its source, add its key here, read it
 * in compiled-rules.ts, and give the pack a new version with a `changes` entry (CONTRIBUTING.md).
 */
import * as v from 'valibot';
import { FIX_CLASSES } from './cape-errors';
import { parseIsoDay } from './dates';

export const RULEPACK_FORMAT = 'cape-prep-rulepack/1';

/** How sure a value is: published by CBP or the IRS, known from a secondary source only, or assumed. */
export const CONFIDENCES = ['published', 'secondary', 'assumed'] as const;

const got = (issue: { received: string }) => `, got ${issue.received}`;

/** Text of a given shape: `what` says the shape in words. */
function shaped(shape: RegExp, what: string) {
  return v.pipe(
    v.string(),
    v.check(
      (s) => shape.test(s),
      (i) => `must be ${what}${got(i)}`,
    ),
  );
}

const upperId = shaped(/^[A-Z][A-Z0-9_]*$/, 'upper-case letters, digits and _');

const text = v.pipe(
  v.string(),
  v.check((s) => s.trim() !== '', 'must not be empty'),
);

const isoDate = v.pipe(
  v.string(),
  v.check(
    (s) => parseIsoDay(s) !== null,
    (i) => `must be a real date written YYYY-MM-DD${got(i)}`,
  ),
);

/** A non-negative decimal in percent with at most `decimals` places: "6", "5.5", "0.3464" — not "6%", ".5" or 6. */
function percent(decimals: number, max: number) {
  const shape = new RegExp(`^(?:0|[1-9]\\d{0,2})(?:\\.\\d{1,${decimals}})?$`);
  return v.pipe(
    v.string(),
    v.check(
      (s) => shape.test(s) && Number(s) <= max,
      (i) =>
        `must be a decimal number of percent written as text, such as "6" or "5.5" (at most ${decimals} decimals, at most ${max})${got(i)}`,
    ),
  );
}

const wholeNumber = v.pipe(
  v.number(),
  v.check(
    (n) => Number.isInteger(n) && n >= 0,
    (i) => `must be a whole number of 0 or more${got(i)}`,
  ),
);

const confidence = v.picklist(CONFIDENCES, (i) => `must be "published", "secondary" or "assumed"${got(i)}`);

const source = v.strictObject({
  /** What the value rests on, in a few words, with the CSMS / FR / statute where there is one. */
  note: text,
  url: v.optional(shaped(/^https?:\/\/\S+$/, 'a web address (http or https)')),
  confidence,
});

/** A single rule value with its source. */
const rule = <T extends v.GenericSchema>(value: T) => v.strictObject({ value, source });

const ieepaHeading = shaped(/^99030[12]\d{2}$/, 'an 8-digit IEEPA heading starting 990301 or 990302, without dots');

const headingKind = v.picklist(
  ['additional', 'exemption', 'top-up', 'country-rate'],
  (i) => `must be "additional", "exemption", "top-up" or "country-rate"${got(i)}`,
);

const heading = v.strictObject({
  heading: ieepaHeading,
  program: text,
  label: text,
  kind: headingKind,
  /** Fixed rate schedule by entry date; null when the rate is not fixed (top-up or per-country rates not held). */
  rates: v.nullable(v.array(v.strictObject({ from: isoDate, percent: percent(2, 999) }))),
  /** Entry dates (inclusive) the heading was in force. */
  from: isoDate,
  to: isoDate,
  source,
});

const otherChapter99 = v.strictObject({
  id: upperId,
  name: text,
  /** HTS digit prefixes of the programme's Chapter 99 numbers, 4 to 10 digits, e.g. "990305". */
  htsPrefixes: v.pipe(
    v.array(shaped(/^99\d{2,8}$/, '4 to 10 digits starting 99, without dots')),
    v.minLength(1, 'must list at least one prefix'),
  ),
  from: isoDate,
  /** Last entry date, or null while the programme is in force. */
  to: v.nullable(isoDate),
  source,
});

const quarter = shaped(/^\d{4}Q[1-4]$/, 'a calendar quarter such as "2026Q2"');

const overpaymentRate = v.strictObject({
  quarter,
  /** Annual overpayment rates in percent, as decimal strings. */
  corporate: percent(4, 100),
  nonCorporate: percent(4, 100),
  status: confidence,
  /** The notice or ruling that publishes the rates. */
  source: text,
});

const entryTypes = v.array(shaped(/^\d{2}$/, 'a two-digit entry type such as "01"'));

const errorRule = v.strictObject({
  id: upperId,
  patterns: v.pipe(v.array(text), v.minLength(1, 'must list at least one pattern')),
  meaning: text,
  fix: v.picklist(FIX_CLASSES, (i) => `must be one of ${FIX_CLASSES.map((f) => `"${f}"`).join(', ')}${got(i)}`),
  action: text,
  source,
});

export const RulepackSchema = v.strictObject({
  format: v.literal(RULEPACK_FORMAT, (i) => `must be "${RULEPACK_FORMAT}"${got(i)}`),
  /** Numbers compared part by part: "2026.11.28-1" < "2026.11.28-2" < "2026.12.01-1". */
  version: shaped(
    /^[0-9A-Za-z][0-9A-Za-z.\-_+]{0,63}$/,
    '1 to 64 letters, digits, ".", "-", "_" or "+", such as "2026.11.28-1"',
  ),
  asOf: isoDate,
  /** The changelog, newest first. */
  changes: v.pipe(
    v.array(v.strictObject({ version: text, date: isoDate, notes: v.pipe(v.array(text), v.minLength(1)) })),
    v.minLength(1, 'must list at least one change'),
  ),
  collectionWindow: rule(v.strictObject({ from: isoDate, to: isoDate })),
  headings: v.pipe(v.array(heading), v.minLength(1, 'must list at least one heading')),
  otherChapter99: v.array(otherChapter99),
  overpaymentRates: v.pipe(v.array(overpaymentRate), v.minLength(1, 'must list at least one quarter')),
  interest: rule(text),
  limits: v.strictObject({
    holdingDays: rule(wholeNumber),
    reliquidationWindowDays: rule(wholeNumber),
    nearLimitFromDays: rule(wholeNumber),
    protestDays: rule(wholeNumber),
    assumedLiquidationDays: rule(wholeNumber),
    paymentWithinDays: rule(wholeNumber),
    maxEntriesPerDeclaration: rule(wholeNumber),
    rateMismatchToleranceCents: rule(wholeNumber),
    rateMismatchTolerancePerMille: rule(wholeNumber),
  }),
  /** After filing (SPEC §10): when an unpaid accepted entry is overdue, and how far a payment may differ from its estimate. */
  afterFiling: v.strictObject({
    paymentOverdueDays: rule(wholeNumber),
    varianceToleranceCents: rule(wholeNumber),
  }),
  /** Dated changes of CAPE's rules. */
  ruleChanges: v.strictObject({ reconAcceptedFrom: rule(isoDate), warehouseExcludedFrom: rule(isoDate) }),
  entryTypes: v.strictObject({
    excluded: rule(entryTypes),
    warehouse: rule(entryTypes),
    reconEligible: rule(entryTypes),
    adcvd: rule(entryTypes),
    warehouseWithdrawal: rule(entryTypes),
  }),
  /** Weekdays CBP liquidates on, 0 = Sunday … 6 = Saturday. */
  liquidationDays: rule(
    v.pipe(
      v.array(
        v.pipe(
          v.number(),
          v.check(
            (n) => Number.isInteger(n) && n >= 0 && n <= 6,
            (i) => `must be a weekday 0 (Sunday) to 6${got(i)}`,
          ),
        ),
      ),
      v.minLength(1, 'must list at least one weekday'),
    ),
  ),
  holidays: rule(text),
  fees: v.strictObject({
    mpf: rule(
      v.strictObject({
        percent: percent(4, 100),
        byFiscalYear: v.array(
          v.strictObject({
            fiscalYear: wholeNumber,
            from: isoDate,
            to: isoDate,
            minCents: wholeNumber,
            maxCents: wholeNumber,
          }),
        ),
      }),
    ),
    hmf: rule(v.strictObject({ percent: percent(4, 100) })),
  }),
  /** Words the explanations use for routes CAPE does not offer yet. */
  phases: v.strictObject({
    /** Where recon-flagged entries with a type 09 on file go: "a later CAPE phase". */
    reconWith09: rule(text),
    /** Where finally liquidated entries go: "court route only (Phase 3 limited to litigants)". */
    finalLiquidation: rule(text),
  }),
  /** The CAPE error catalogue: tried in order, so a specific message comes before a shorter one it contains. */
  errorCatalogue: v.pipe(v.array(errorRule), v.minLength(1, 'must list at least one error')),
});

export type Rulepack = v.InferOutput<typeof RulepackSchema>;
export type Confidence = (typeof CONFIDENCES)[number];
export type RuleSource = Rulepack['interest']['source'];
export type HeadingRule = Rulepack['headings'][number];
export type OtherChapter99Programme = Rulepack['otherChapter99'][number];
/** One quarter of the overpayment rate table: `{ quarter: "2026Q2", corporate: "5", nonCorporate: "6", status, source }`. */
export type OverpaymentRate = Rulepack['overpaymentRates'][number];
export type RateStatus = OverpaymentRate['status'];
