/**
 * The CAPE rulebook: every CBP date, limit, rate and heading the analysis uses, each with its source.
 * Sources and confidence tags are from ../shared/reference/cape-rules.md (sections given as §n).
 * Bump `version` whenever a value changes; the app shows `version` and `asOf`.
 */

export interface RuleSource {
  /** What the value rests on, in a few words, with the CSMS / FR / statute where there is one. */
  note: string;
  url?: string;
  /** Confidence as tagged in the reference: CBP primary, CBP via a secondary, secondary only, public code, or unconfirmed. */
  confidence: 'CBP' | 'CBP-via' | '2nd' | 'CODE' | 'UNCONFIRMED' | 'SPEC';
}

export interface RateStep {
  /** First entry date (YYYY-MM-DD) the rate applies to. */
  from: string;
  /** Additional duty in percent of the goods value, as a decimal string ("25", "0"). */
  percent: string;
}

export type HeadingKind = 'additional' | 'exemption' | 'top-up' | 'country-rate';

export interface HeadingRule {
  /** 8-digit Chapter 99 heading without dots, e.g. `99030125`. */
  heading: string;
  program: IeepaProgram;
  label: string;
  kind: HeadingKind;
  /** Fixed rate schedule by entry date; null when the rate is not fixed (top-up or per-country rates we do not hold). */
  rates: RateStep[] | null;
  /** Entry dates (inclusive) the heading was in force. */
  from: string;
  to: string;
  source: RuleSource;
}

export type IeepaProgram =
  | 'Fentanyl – Mexico'
  | 'Fentanyl – Canada'
  | 'Fentanyl – China'
  | 'Reciprocal'
  | 'Reciprocal – country rates'
  | 'Brazil'
  | 'India (Russian oil)';

export interface OverpaymentRate {
  /** Calendar quarter, `2025Q1`. */
  quarter: string;
  /** Annual overpayment rate in percent, as a decimal string. */
  corporate: string;
  nonCorporate: string;
}

export interface Rule<T> {
  value: T;
  source: RuleSource;
}

const END = '2026-02-23';

function h(
  heading: string,
  program: IeepaProgram,
  label: string,
  kind: HeadingKind,
  rates: RateStep[] | null,
  from: string,
  to: string,
  note: string,
  confidence: RuleSource['confidence'],
  url?: string,
): HeadingRule {
  return {
    heading,
    program,
    label,
    kind,
    rates,
    from,
    to,
    source: url ? { note, url, confidence } : { note, confidence },
  };
}

const free = (from: string): RateStep[] => [{ from, percent: '0' }];
const fixed = (from: string, percent: string): RateStep[] => [{ from, percent }];

/** Country rates of EO 14326 that the reference names; the others are known headings without a rate we hold. */
const COUNTRY_RATES: Record<number, [string, string]> = {
  9: ['Brazil', '10'],
  19: ['EU: MFN ≥ 15% (no add-on)', '0'],
  26: ['India', '25'],
  30: ['Japan', '15'],
  56: ['South Korea', '15'],
  58: ['Switzerland', '39'],
  60: ['Taiwan', '20'],
  66: ['United Kingdom', '10'],
  69: ['Vietnam', '20'],
};

/** Chapter 99 IEEPA headings (reference/cape-rules.md §8.1–§8.3). */
const HEADINGS: HeadingRule[] = [
  h(
    '99030101',
    'Fentanyl – Mexico',
    'Mexico, general',
    'additional',
    fixed('2025-03-04', '25'),
    '2025-03-04',
    END,
    'EO 14194; §8.1',
    'CODE',
  ),
  h(
    '99030102',
    'Fentanyl – Mexico',
    'Mexico: donations',
    'exemption',
    free('2025-03-04'),
    '2025-03-04',
    END,
    'EO 14194 carve-out; §8.1',
    'CODE',
  ),
  h(
    '99030103',
    'Fentanyl – Mexico',
    'Mexico: informational materials',
    'exemption',
    free('2025-03-04'),
    '2025-03-04',
    END,
    'EO 14194 carve-out; §8.1',
    'CODE',
  ),
  h(
    '99030104',
    'Fentanyl – Mexico',
    'Mexico: USMCA-originating goods',
    'exemption',
    free('2025-03-07'),
    '2025-03-07',
    END,
    '§8.1',
    '2nd',
  ),
  h(
    '99030105',
    'Fentanyl – Mexico',
    'Mexico: potash (non-USMCA)',
    'additional',
    fixed('2025-03-07', '10'),
    '2025-03-07',
    END,
    'USITC export; §8.1',
    'CODE',
  ),
  h(
    '99030110',
    'Fentanyl – Canada',
    'Canada, general',
    'additional',
    [
      { from: '2025-03-04', percent: '25' },
      { from: '2025-08-01', percent: '35' },
    ],
    '2025-03-04',
    END,
    '25%, 35% from 2025-08-01 (CSMS #65798609); §8.1',
    'CBP-via',
  ),
  h(
    '99030111',
    'Fentanyl – Canada',
    'Canada: donations',
    'exemption',
    free('2025-03-04'),
    '2025-03-04',
    END,
    'meaning inferred from parallel structure; §8.1',
    'UNCONFIRMED',
  ),
  h(
    '99030112',
    'Fentanyl – Canada',
    'Canada: informational materials',
    'exemption',
    free('2025-03-04'),
    '2025-03-04',
    END,
    '§8.1',
    'CODE',
  ),
  h(
    '99030113',
    'Fentanyl – Canada',
    'Canada: energy and critical minerals',
    'additional',
    fixed('2025-03-04', '10'),
    '2025-03-04',
    END,
    '§8.1',
    'CODE',
  ),
  h(
    '99030114',
    'Fentanyl – Canada',
    'Canada: USMCA-originating (GN 11)',
    'exemption',
    free('2025-03-07'),
    '2025-03-07',
    END,
    '§8.1',
    '2nd',
  ),
  h(
    '99030115',
    'Fentanyl – Canada',
    'Canada: potash (non-USMCA)',
    'additional',
    fixed('2025-03-07', '10'),
    '2025-03-07',
    END,
    '§8.1',
    'CODE',
  ),
  h(
    '99030116',
    'Fentanyl – Canada',
    'Canada: CBP-determined transshipment',
    'additional',
    fixed('2025-08-01', '40'),
    '2025-08-01',
    END,
    '§8.1',
    '2nd',
  ),
  h(
    '99030120',
    'Fentanyl – China',
    'China/Hong Kong (original)',
    'additional',
    fixed('2025-02-04', '10'),
    '2025-02-04',
    '2025-03-03',
    'EO 14195, CBP FR notice; §8.1',
    'CBP-via',
  ),
  h(
    '99030121',
    'Fentanyl – China',
    'China: donations',
    'exemption',
    free('2025-02-04'),
    '2025-02-04',
    END,
    '§8.1',
    'CODE',
  ),
  h(
    '99030122',
    'Fentanyl – China',
    'China: informational materials',
    'exemption',
    free('2025-02-04'),
    '2025-02-04',
    END,
    '§8.1',
    'CODE',
  ),
  h(
    '99030123',
    'Fentanyl – China',
    'China: in transit',
    'exemption',
    free('2025-02-04'),
    '2025-02-04',
    '2025-03-06',
    '§8.1',
    'CODE',
  ),
  h(
    '99030124',
    'Fentanyl – China',
    'China/Hong Kong',
    'additional',
    [
      { from: '2025-03-04', percent: '20' },
      { from: '2025-11-10', percent: '10' },
    ],
    '2025-03-04',
    END,
    '20% (FR 2025-03677), 10% from 2025-11-10 (EO 14357, CSMS #66749380); §8.1',
    'CBP',
    'https://govinfo.gov/content/pkg/FR-2025-03-06/html/2025-03677.htm',
  ),
  h(
    '99030125',
    'Reciprocal',
    'Reciprocal baseline',
    'additional',
    fixed('2025-04-05', '10'),
    '2025-04-05',
    END,
    'EO 14257, CSMS #64701128; §8.2',
    'CBP-via',
  ),
  h(
    '99030126',
    'Reciprocal',
    'Exemption: products of Canada',
    'exemption',
    free('2025-04-05'),
    '2025-04-05',
    END,
    '§8.2',
    'CODE',
  ),
  h(
    '99030127',
    'Reciprocal',
    'Exemption: products of Mexico',
    'exemption',
    free('2025-04-05'),
    '2025-04-05',
    END,
    '§8.2',
    'CODE',
  ),
  h(
    '99030128',
    'Reciprocal',
    'Exemption: in transit',
    'exemption',
    free('2025-04-05'),
    '2025-04-05',
    '2025-05-27',
    '§8.2',
    'CODE',
  ),
  h(
    '99030129',
    'Reciprocal',
    'Exemption: Column 2 countries',
    'exemption',
    free('2025-04-05'),
    '2025-04-05',
    END,
    '§8.2',
    'CODE',
  ),
  h(
    '99030130',
    'Reciprocal',
    'Exemption: donations',
    'exemption',
    free('2025-04-05'),
    '2025-04-05',
    END,
    '§8.2',
    'CODE',
  ),
  h(
    '99030131',
    'Reciprocal',
    'Exemption: informational materials',
    'exemption',
    free('2025-04-05'),
    '2025-04-05',
    END,
    '§8.2',
    'CODE',
  ),
  h(
    '99030132',
    'Reciprocal',
    'Exemption: Annex II products',
    'exemption',
    free('2025-04-05'),
    '2025-04-05',
    END,
    '§8.2',
    'CODE',
  ),
  h(
    '99030133',
    'Reciprocal',
    'Exemption: Section 232 articles',
    'exemption',
    free('2025-04-05'),
    '2025-04-05',
    END,
    '§8.2',
    'CODE',
  ),
  h(
    '99030134',
    'Reciprocal',
    'Exemption: U.S. content ≥ 20%',
    'exemption',
    free('2025-04-05'),
    '2025-04-05',
    END,
    '§8.2',
    'CODE',
  ),
  ...range(43, 76)
    .filter((n) => n !== 63)
    .map((n) =>
      h(
        `990301${n}`,
        'Reciprocal – country rates',
        'Annex I country rate (2025-04-09 only)',
        'country-rate',
        null,
        '2025-04-09',
        '2025-04-09',
        'in force for entries of 2025-04-09 only; per-country rates 11–50% not held; §8.2',
        'CODE',
      ),
    ),
  h(
    '99030163',
    'Reciprocal – country rates',
    'China/HK/Macau reciprocal',
    'additional',
    [
      { from: '2025-04-09', percent: '84' },
      { from: '2025-04-10', percent: '125' },
    ],
    '2025-04-09',
    '2025-05-13',
    '84% on 2025-04-09, 125% 2025-04-10…05-13 (CSMS #64701128); §8.2',
    'CBP-via',
  ),
  h(
    '99030177',
    'Brazil',
    'Brazil (EO 14323)',
    'additional',
    fixed('2025-08-06', '40'),
    '2025-08-06',
    END,
    'CSMS #65807735; §8.3',
    'CBP-via',
  ),
  h(
    '99030178',
    'Brazil',
    'Brazil: in transit',
    'exemption',
    free('2025-08-06'),
    '2025-08-06',
    '2025-10-04',
    '§8.3',
    '2nd',
  ),
  ...[79, 80, 81, 82, 83].map((n) =>
    h(`990301${n}`, 'Brazil', 'Brazil: exemption', 'exemption', free('2025-08-06'), '2025-08-06', END, '§8.3', '2nd'),
  ),
  h(
    '99030190',
    'Brazil',
    'Brazil: later-added exemption',
    'exemption',
    free('2025-08-06'),
    '2025-08-06',
    END,
    'start date unconfirmed; §8.3',
    'UNCONFIRMED',
  ),
  h(
    '99030184',
    'India (Russian oil)',
    'India, Russian-oil (EO 14329)',
    'additional',
    fixed('2025-08-27', '25'),
    '2025-08-27',
    '2026-02-06',
    'ended 2026-02-07 (EO 14384, CSMS #67702087); §8.3',
    'CODE',
  ),
  h(
    '99030185',
    'India (Russian oil)',
    'India: in transit',
    'exemption',
    free('2025-08-27'),
    '2025-08-27',
    '2025-09-16',
    '§8.3',
    'CODE',
  ),
  ...[86, 87, 88, 89].map((n) =>
    h(
      `990301${n}`,
      'India (Russian oil)',
      'India: exemption',
      'exemption',
      free('2025-08-27'),
      '2025-08-27',
      '2026-02-06',
      'exact split unconfirmed; §8.3',
      'UNCONFIRMED',
    ),
  ),
  h(
    '99030201',
    'Reciprocal – country rates',
    'Reciprocal: CBP-determined transshipment',
    'additional',
    fixed('2025-08-07', '40'),
    '2025-08-07',
    END,
    '§8.2',
    'CODE',
  ),
  ...range(2, 71).map((n) => countryRate(n)),
  h(
    '99030272',
    'Reciprocal – country rates',
    'Japan deal: MFN ≥ 15% (no add-on)',
    'exemption',
    free('2025-08-07'),
    '2025-08-07',
    END,
    'Japan start date unconfirmed; §8.2',
    'UNCONFIRMED',
  ),
  h(
    '99030273',
    'Reciprocal – country rates',
    'Japan deal: top-up to 15%',
    'top-up',
    null,
    '2025-08-07',
    END,
    'Japan start date unconfirmed; §8.2',
    'UNCONFIRMED',
  ),
  ...range(74, 77).map((n) =>
    h(
      `990302${n}`,
      'Reciprocal – country rates',
      'EU deal exemption',
      'exemption',
      free('2025-08-07'),
      '2025-08-07',
      END,
      'start "late 2025", earliest possible date used; §8.2',
      'UNCONFIRMED',
    ),
  ),
  ...range(78, 81).map((n) =>
    h(
      `990302${n}`,
      'Reciprocal – country rates',
      'South Korea deal line',
      'top-up',
      null,
      '2025-08-07',
      END,
      'rates and dates unconfirmed; §8.2',
      'UNCONFIRMED',
    ),
  ),
  h(
    '99030282',
    'Reciprocal – country rates',
    'Switzerland deal: MFN ≥ 15% (no add-on)',
    'exemption',
    free('2025-08-07'),
    '2025-08-07',
    END,
    'dates unconfirmed; §8.2',
    'UNCONFIRMED',
  ),
  h(
    '99030283',
    'Reciprocal – country rates',
    'Switzerland deal: top-up to 15%',
    'top-up',
    null,
    '2025-08-07',
    END,
    'dates unconfirmed; §8.2',
    'UNCONFIRMED',
  ),
  ...range(84, 86).map((n) =>
    h(
      `990302${n}`,
      'Reciprocal – country rates',
      'Switzerland deal exemption',
      'exemption',
      free('2025-08-07'),
      '2025-08-07',
      END,
      'dates unconfirmed; §8.2',
      'UNCONFIRMED',
    ),
  ),
  h(
    '99030287',
    'Reciprocal – country rates',
    'Liechtenstein deal: MFN ≥ 15% (no add-on)',
    'exemption',
    free('2025-08-07'),
    '2025-08-07',
    END,
    'dates unconfirmed; §8.2',
    'UNCONFIRMED',
  ),
  h(
    '99030288',
    'Reciprocal – country rates',
    'Liechtenstein deal: top-up to 15%',
    'top-up',
    null,
    '2025-08-07',
    END,
    'dates unconfirmed; §8.2',
    'UNCONFIRMED',
  ),
  ...range(89, 91).map((n) =>
    h(
      `990302${n}`,
      'Reciprocal – country rates',
      'Liechtenstein deal exemption',
      'exemption',
      free('2025-08-07'),
      '2025-08-07',
      END,
      'dates unconfirmed; §8.2',
      'UNCONFIRMED',
    ),
  ),
];

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let n = from; n <= to; n++) out.push(n);
  return out;
}

function countryRate(n: number): HeadingRule {
  const code = `990302${String(n).padStart(2, '0')}`;
  if (n === 20) {
    return h(
      code,
      'Reciprocal – country rates',
      'EU: top-up to 15% all-in',
      'top-up',
      null,
      '2025-08-07',
      END,
      'EO 14326; §8.2',
      'CODE',
    );
  }
  const known = COUNTRY_RATES[n];
  if (known) {
    const [country, percent] = known;
    const kind: HeadingKind = percent === '0' ? 'exemption' : 'additional';
    return h(
      code,
      'Reciprocal – country rates',
      `Reciprocal: ${country}`,
      kind,
      fixed('2025-08-07', percent),
      '2025-08-07',
      END,
      'EO 14326 (USITC export); §8.2',
      'CODE',
    );
  }
  return h(
    code,
    'Reciprocal – country rates',
    'Reciprocal country rate (EO 14326)',
    'country-rate',
    null,
    '2025-08-07',
    END,
    'per-country rate 10–41% not held; §8.2',
    'CODE',
  );
}

const OVERPAYMENT_SOURCE: RuleSource = {
  note: 'IRS overpayment rates used by CBP (26 U.S.C. 6621): corporate 6%, non-corporate 7% from 2025 Q1; 2026 Q2–Q4 not yet confirmed, kept at the last published rate until the user edits them (SPEC §8; cape-rules §6.2)',
  url: 'https://info.expeditors.com/newsflash/cbp-announces-q1-2025-irs-interest-rates',
  confidence: 'CBP-via',
};

function quarters(fromYear: number, toYear: number): string[] {
  const out: string[] = [];
  for (let y = fromYear; y <= toYear; y++) for (let q = 1; q <= 4; q++) out.push(`${y}Q${q}`);
  return out;
}

export const RULEBOOK = {
  version: '2026.11.26-2',
  asOf: '2026-11-26',
  headings: HEADINGS,
  collectionWindow: {
    value: { from: '2025-02-04', to: END },
    source: {
      note: 'first IEEPA duty collected 2025-02-04 (9903.01.20); collection ended for entries from 2026-02-24 (CSMS #67834313); §8.4',
      confidence: 'CBP-via',
    },
  } satisfies Rule<{ from: string; to: string }>,
  overpaymentRates: {
    value: quarters(2025, 2026).map((quarter) => ({ quarter, corporate: '6', nonCorporate: '7' })),
    source: OVERPAYMENT_SOURCE,
  } satisfies Rule<OverpaymentRate[]>,
  limits: {
    holdingDays: {
      value: 45,
      source: {
        note: 'accepted unliquidated entries liquidate 45 days after acceptance (CSMS #68340863); §7 L-01',
        confidence: 'CBP-via',
      },
    },
    reliquidationWindowDays: {
      value: 80,
      source: {
        note: 'entries liquidated within the preceding 80 days are accepted (CSMS #68315804); §4.3',
        confidence: 'CBP',
      },
    },
    nearLimitFromDays: {
      value: 75,
      source: { note: 'batch validation can lag upload by 24–48 h: warn from day 75; §4.3', confidence: '2nd' },
    },
    protestDays: {
      value: 180,
      source: { note: 'protest within 180 days of liquidation (19 U.S.C. 1514); §3.4', confidence: '2nd' },
    },
    assumedLiquidationDays: {
      value: 314,
      source: { note: 'normal liquidation about 314 days after entry summary; §7 L-11', confidence: '2nd' },
    },
    paymentWithinDays: {
      value: 30,
      source: { note: 'refund due within 30 days of (re)liquidation (19 U.S.C. 1505(b)); §6.1', confidence: '2nd' },
    },
    maxEntriesPerDeclaration: {
      value: 9999,
      source: {
        note: '9,999 entries per declaration (CSMS guidance, OMB ICR); some guides say 10,000; §2.2',
        confidence: 'CBP-via',
      },
    },
    rateMismatchToleranceCents: {
      value: 100,
      source: { note: 'RATE_MISMATCH tolerance: more than max($1.00, 0.5%) (SPEC §4)', confidence: 'SPEC' },
    },
    rateMismatchTolerancePerMille: {
      value: 5,
      source: { note: '0.5% of the expected duty (SPEC §4)', confidence: 'SPEC' },
    },
  },
  changes: {
    reconAcceptedFrom: {
      value: '2026-06-29',
      source: {
        note: 'recon-flagged 01/02/06 entries without a type 09 accepted (CSMS #69035485); §4.5',
        confidence: 'CBP-via',
      },
    },
    warehouseExcludedFrom: {
      value: '2026-07-07',
      source: {
        note: 'types 21/22 no longer accepted (CSMS #69127837, single secondary source); §4.5',
        confidence: 'UNCONFIRMED',
      },
    },
  },
  entryTypes: {
    excluded: {
      value: ['08', '09', '47'],
      source: {
        note: 'types 08 (duty deferral), 09 (reconciliation), 47 (drawback) excluded (April 13 CSMS); §4.4',
        confidence: 'CBP-via',
      },
    },
    warehouse: {
      value: ['21', '22'],
      source: { note: 'warehouse entries, excluded from 2026-07-07; §4.4', confidence: 'UNCONFIRMED' },
    },
    reconEligible: {
      value: ['01', '02', '06'],
      source: { note: 'recon-flagged types accepted from 2026-06-29; §4.5', confidence: 'CBP-via' },
    },
    adcvd: {
      value: ['03', '07'],
      source: { note: 'AD/CVD entry types; refund waits for liquidation; §4.1', confidence: 'CBP-via' },
    },
    warehouseWithdrawal: {
      value: ['31', '32', '34', '38'],
      source: { note: 'warehouse withdrawals: refund on liquidation in the normal cycle; §4.4', confidence: '2nd' },
    },
  },
  liquidationDays: {
    value: [1, 2, 3, 4],
    source: {
      note: 'CBP liquidates Monday to Thursday only, never on a federal holiday (SPEC §4; the reference found no CBP source, §7 L-10)',
      confidence: 'SPEC',
    },
  } satisfies Rule<number[]>,
  holidays: {
    value:
      'New Year’s Day, Martin Luther King Jr. Day, Washington’s Birthday, Memorial Day, Juneteenth, Independence Day, Labor Day, Columbus Day, Veterans Day, Thanksgiving Day, Christmas Day; Saturday holidays observed on Friday, Sunday holidays on Monday',
    source: {
      note: '5 U.S.C. 6103; observed dates per OPM',
      url: 'https://www.opm.gov/policy-data-oversight/pay-leave/federal-holidays/',
      confidence: 'CBP',
    },
  } satisfies Rule<string>,
  mpf: {
    value: {
      percent: '0.3464',
      byFiscalYear: [
        { fiscalYear: 2025, from: '2024-10-01', to: '2025-09-30', minCents: 3271, maxCents: 63462 },
        { fiscalYear: 2026, from: '2025-10-01', to: '2026-09-30', minCents: 3358, maxCents: 65150 },
      ],
    },
    source: {
      note: 'MPF 0.3464% ad valorem; FY2025 min $32.71 max $634.62; FY2026 min $33.58 max $651.50 (CBP Dec. 25-10); unchanged by CAPE; §5.2',
      url: 'https://www.govinfo.gov/content/pkg/FR-2025-07-23/html/2025-13869.htm',
      confidence: 'CBP',
    },
  },
  hmf: {
    value: { percent: '0.125' },
    source: {
      note: 'HMF 0.125% of value, no min or max (19 CFR 24.24); unchanged by CAPE; §5.2',
      url: 'http://www.law.cornell.edu/cfr/text/19/24.24',
      confidence: 'CBP',
    },
  },
  interest: {
    value:
      'daily compounding from deposit to (re)liquidation, rate of each day’s calendar quarter, r/365 (366 in leap years), rounded half-up to cents at the end',
    source: {
      note: '19 U.S.C. 1505(c), 26 U.S.C. 6622; CBP has not published its exact method (SPEC §4; cape-rules §6.3)',
      confidence: 'SPEC',
    },
  } satisfies Rule<string>,
  // ---- After filing (SPEC §10): following filed entries to the money ----
  afterFiling: {
    paymentOverdueDays: {
      value: 90,
      source: {
        note: 'an accepted entry with no payment this many days after acceptance is listed as overdue; clean Phase 1 claims were paid in about 3–4 months (cape-rules §11, secondary); an assumption, not a CBP deadline',
        confidence: 'UNCONFIRMED',
      },
    },
    varianceToleranceCents: {
      value: 100,
      source: {
        note: 'a payment within $1.00 of the estimate is paid as estimated; a payment more than this below the IEEPA duty itself is a likely offset against other debts (19 CFR 24.72; cape-rules §11): CBP refunds the duty deposited, only its interest method is unpublished (cape-rules §6.3)',
        confidence: 'UNCONFIRMED',
      },
    },
  },
};

export type Rulebook = typeof RULEBOOK;
