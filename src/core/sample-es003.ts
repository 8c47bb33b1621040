/**
 * A seeded generator of realistic ES-003 rows: several IORs (multi-byte names, quoted commas),
 * Chapter 99 rows next to commodity rows, and entries in every segment relative to a filing date.
 * Used by "Try with sample data", the benchmark and tests. Pure and deterministic for a seed.
 */
import { checkDigit } from './entry-number';
import { type DayNum, addDays, dayFromYmd, ymdFromDay } from './dates';
import { formatCents } from './money';

export const SAMPLE_HEADERS = [
  'Entry Summary Number',
  'Entry Type Code',
  'Importer Number',
  'Importer Name',
  'Port of Entry Code',
  'Entry Date',
  'Entry Summary Date',
  'Entry Summary Line Number',
  'Country of Origin Code',
  'Tariff Ordinal Number',
  'HTS Number - Full',
  'Line Tariff Goods Value Amount',
  'Line Tariff Duty Amount',
  'Liquidation Status',
  'Liquidation Date',
  'Reconciliation Indicator',
  'Type 09 Filed',
  'Protest Status',
  'Drawback Designation',
  'Entry Summary Status',
  'Surety Paid',
] as const;

export const SAMPLE_IORS = [
  { number: '12-3456789-00', name: 'Acme Imports, LLC' },
  { number: '98-7654321-00', name: 'Müller Küchentechnik GmbH' },
  { number: '45-1122334-01', name: '株式会社サクラ貿易' },
  { number: '27-5550001-00', name: 'Société Générale d’Import, Inc.' },
  { number: '33-2468013-00', name: 'Ñandú Trading S.A. "Sur"' },
];

const FILERS = ['B76', 'EQ3', '9NA', 'SP7'];

/** Mulberry32: small, fast, good enough for test data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function usDate(d: DayNum): string {
  const { y, m, d: dd } = ymdFromDay(d);
  return `${m < 10 ? '0' : ''}${m}/${dd < 10 ? '0' : ''}${dd}/${y}`;
}

export type Scenario =
  | 'ready'
  | 'ready_reliq'
  | 'near80'
  | 'past80'
  | 'final'
  | 'needs_status'
  | 'suspended'
  | 'adcvd'
  | 'withdrawal'
  | 'drawback'
  | 'protest'
  | 'recon'
  | 'type_excluded'
  | 'summary_rejected'
  | 'surety'
  | 'no_ieepa'
  | 'zero_ieepa'
  | 'bad_check'
  | 'bad_money';

const SCENARIOS: [Scenario, number][] = [
  ['ready', 38],
  ['ready_reliq', 10],
  ['near80', 2],
  ['past80', 5],
  ['final', 5],
  ['needs_status', 4],
  ['suspended', 3],
  ['adcvd', 3],
  ['withdrawal', 2],
  ['drawback', 2],
  ['protest', 2],
  ['recon', 2],
  ['type_excluded', 2],
  ['summary_rejected', 1],
  ['surety', 1],
  ['no_ieepa', 8],
  ['zero_ieepa', 4],
  ['bad_check', 1],
  ['bad_money', 1],
];

interface Ieepa {
  heading: string;
  /** Rate in basis points on this entry date. */
  bp: number;
}

const WINDOW_START = dayFromYmd(2025, 3, 4);
const WINDOW_DAYS = dayFromYmd(2026, 2, 20) - WINDOW_START;

function ieepaFor(country: string, entry: DayNum): Ieepa[] {
  const d = (y: number, m: number, dd: number) => dayFromYmd(y, m, dd);
  switch (country) {
    case 'CN':
      return [
        { heading: '99030124', bp: entry >= d(2025, 11, 10) ? 1000 : 2000 },
        ...(entry >= d(2025, 4, 5) ? [{ heading: '99030125', bp: 1000 }] : []),
      ];
    case 'MX':
      return [{ heading: '99030101', bp: 2500 }];
    case 'CA':
      return [{ heading: '99030110', bp: entry >= d(2025, 8, 1) ? 3500 : 2500 }];
    case 'VN':
      return entry >= d(2025, 8, 7)
        ? [{ heading: '99030269', bp: 2000 }]
        : entry >= d(2025, 4, 5)
          ? [{ heading: '99030125', bp: 1000 }]
          : [];
    case 'IN':
      return entry >= d(2025, 8, 27)
        ? [
            { heading: '99030226', bp: 2500 },
            { heading: '99030184', bp: 2500 },
          ]
        : entry >= d(2025, 4, 5)
          ? [{ heading: '99030125', bp: 1000 }]
          : [];
    default:
      return entry >= d(2025, 4, 5) ? [{ heading: '99030125', bp: 1000 }] : [];
  }
}

/**
 * Entries without IEEPA duty are dated after IEEPA collection ended (2026-02-24), up to a month before
 * the filing date, and carry the Chapter 99 duty of that time, which is not IEEPA and stays: the
 * Section 122 surcharge (9903.03.01) until 2026-07-23, Section 301 forced-labour tariffs (9903.05.xx)
 * after. Without room for that (an early filing date) they keep an older Section 301 line.
 */
const AFTER_IEEPA = dayFromYmd(2026, 2, 24);
const SECTION_301_FROM = dayFromYmd(2026, 7, 24);

function afterIeepaDate(entryDate: DayNum, F: DayNum): DayNum | null {
  const span = F - 30 - AFTER_IEEPA;
  return span <= 0 ? null : addDays(AFTER_IEEPA, (entryDate - WINDOW_START) % span);
}

function otherChapter99(entryDate: DayNum, afterIeepa: boolean): { hts: string; perMille: number } {
  if (!afterIeepa) return { hts: '99038815', perMille: 250 };
  return entryDate < SECTION_301_FROM ? { hts: '99030301', perMille: 100 } : { hts: '99030501', perMille: 250 };
}

const COUNTRIES = ['CN', 'CN', 'CN', 'MX', 'CA', 'VN', 'IN', 'DE'];
const COMMODITIES = ['8471300100', '9403200050', '8516604070', '6110202079', '3923900080', '8708295060', '0901210000'];
const PORTS = ['2704', '1001', '0401', '5301', '3901'];

export interface SampleOptions {
  entries: number;
  seed: number;
  filingDate: DayNum;
  /** Write some amounts as `$1,234.56` (true) or always plain (false). */
  formattedMoney?: boolean;
  /** Weights of some scenarios instead of the default mix (the benchmark's mostly-READY export). */
  scenarioWeights?: Partial<Record<Scenario, number>>;
  /** Chances of an entry having 1, 2, 3… summary lines, instead of 1 to 3 alike. */
  lineWeights?: readonly number[];
}

export interface SampleStats {
  rows: number;
  entries: number;
  /** Sum of duty over all rows written, in cents (before de-duplication). */
  dutyCents: number;
  /** When given, each entry is described here once its rows are out (for files that follow the sample, e.g. CAPE results). */
  entryLog?: SampleEntry[];
}

/** What the generator made of one entry. */
export interface SampleEntry {
  entryNumber: string;
  scenario: Scenario;
  importerNumber: string;
  /** Entry summary date: the deposit date interest runs from. */
  summaryDate: DayNum;
  /** Duty on refundable IEEPA rows (Chapter 99 IEEPA headings, duty > 0, parseable), cents. */
  ieepaCents: number;
}

/** The index a uniform draw `u` in [0, 1) falls on, with chances proportional to `weights`. */
function weightedIndex(weights: readonly number[], u: number): number {
  let r = u * weights.reduce((n, w) => n + w, 0);
  for (let k = 0; k < weights.length; k++) if ((r -= weights[k]!) < 0) return k;
  return weights.length - 1;
}

/** Rows of a sample ES-003 (without the header). `stats` is filled as rows are produced. */
export function* sampleRows(
  o: SampleOptions,
  stats: SampleStats = { rows: 0, entries: 0, dutyCents: 0 },
): Generator<string[]> {
  const rnd = prng(o.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const F = o.filingDate;
  const scenarios = SCENARIOS.map(([s, w]): [Scenario, number] => [s, o.scenarioWeights?.[s] ?? w]);
  const weight = scenarios.reduce((n, [, w]) => n + w, 0);
  const money = (cents: number): string => {
    if (!o.formattedMoney || rnd() > 0.2) return formatCents(cents);
    const plain = formatCents(Math.abs(cents));
    const [w, f] = plain.split('.');
    return `${cents < 0 ? '-' : ''}$${w!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${f}`;
  };
  for (let n = 0; n < o.entries; n++) {
    let r = rnd() * weight;
    let scenario: Scenario = 'ready';
    for (const [s, w] of scenarios) {
      if ((r -= w) < 0) {
        scenario = s;
        break;
      }
    }
    const filer = FILERS[n % FILERS.length]!;
    const base =
      filer +
      String(1_000_000 + n)
        .padStart(7, '0')
        .slice(-7);
    const check = scenario === 'bad_check' ? (checkDigit(base) + 1) % 10 : checkDigit(base);
    const entryNumber = base + check;
    const ior = SAMPLE_IORS[n % SAMPLE_IORS.length]!;
    const inWindow = addDays(WINDOW_START, Math.floor(rnd() * WINDOW_DAYS));
    const afterIeepa = scenario === 'no_ieepa' ? afterIeepaDate(inWindow, F) : null;
    const entryDate = afterIeepa ?? inWindow;
    const summaryDate = addDays(entryDate, 5 + Math.floor(rnd() * 10));
    let type = '01';
    let status = 'Unliquidated';
    let liq: DayNum | null = null;
    let recon = 'N';
    let recon09 = 'N';
    let protest = '';
    let drawback = 'N';
    let summary = 'Accepted';
    let surety = 'N';
    switch (scenario) {
      case 'ready_reliq':
        status = 'Liquidated';
        liq = addDays(F, -(1 + Math.floor(rnd() * 70)));
        break;
      case 'near80':
        status = 'Liquidated';
        liq = addDays(F, -(75 + Math.floor(rnd() * 6)));
        break;
      case 'past80':
        status = 'Liquidated';
        liq = addDays(F, -(81 + Math.floor(rnd() * 99)));
        break;
      case 'final':
        status = rnd() < 0.5 ? 'Final Liquidation' : 'Liquidated';
        liq = addDays(F, -(181 + Math.floor(rnd() * 120)));
        break;
      case 'needs_status':
        status = 'Liquidated';
        break;
      case 'suspended':
        status = pick(['Suspended', 'Extended', 'Under Review']);
        break;
      case 'adcvd':
        type = '03';
        break;
      case 'withdrawal':
        type = pick(['31', '32', '34', '38']);
        break;
      case 'drawback':
        drawback = 'Y';
        break;
      case 'protest':
        protest = 'Open';
        break;
      case 'recon':
        recon = 'Y';
        recon09 = 'Y';
        break;
      case 'type_excluded':
        type = pick(['08', '47']);
        break;
      case 'summary_rejected':
        summary = 'Rejected';
        break;
      case 'surety':
        surety = 'Y';
        break;
      default:
        break;
    }
    if (liq !== null && liq < entryDate) liq = addDays(entryDate, 1);
    const country = scenario === 'no_ieepa' ? 'GB' : pick(COUNTRIES);
    const lines = o.lineWeights ? 1 + weightedIndex(o.lineWeights, rnd()) : 1 + Math.floor(rnd() * 3);
    const entryCells = [entryNumber, type, ior.number, ior.name, pick(PORTS), usDate(entryDate), usDate(summaryDate)];
    const statusCells = [status, liq === null ? '' : usDate(liq), recon, recon09, protest, drawback, summary, surety];
    stats.entries++;
    let ieepaCents = 0;
    for (let line = 1; line <= lines; line++) {
      const value = 50_000 + Math.floor(rnd() * 5_000_000);
      const mfn = Math.round((value * (rnd() < 0.5 ? 0 : 26)) / 1000);
      const ieepa = scenario === 'no_ieepa' ? [] : ieepaFor(country, entryDate);
      let ordinal = 1;
      const emit = (hts: string, v: number, duty: number, dutyText?: string): string[] => {
        stats.rows++;
        stats.dutyCents += duty;
        return [
          ...entryCells,
          String(line),
          country,
          String(ordinal++),
          hts,
          money(v),
          dutyText ?? money(duty),
          ...statusCells,
        ];
      };
      for (const h of ieepa) {
        const duty = scenario === 'zero_ieepa' ? 0 : Math.round((value * h.bp) / 10_000);
        const heading = scenario === 'zero_ieepa' ? '99030133' : h.heading;
        if (scenario === 'bad_money' && line === 1) {
          yield emit(heading, 0, 0, 'N/A');
          continue;
        }
        ieepaCents += duty;
        yield emit(heading, 0, duty);
      }
      if (scenario === 'no_ieepa' && line === 1) {
        const other = otherChapter99(entryDate, afterIeepa !== null);
        yield emit(other.hts, 0, Math.round((value * other.perMille) / 1000));
      }
      yield emit(pick(COMMODITIES), value, mfn);
    }
    stats.entryLog?.push({ entryNumber, scenario, importerNumber: ior.number, summaryDate, ieepaCents });
  }
}

/** The whole sample as CSV text (small sizes only: a multi-million-row sample is streamed row by row). */
export function sampleCsv(o: SampleOptions): string {
  const quote = (c: string) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  const out: string[] = [SAMPLE_HEADERS.join(',')];
  for (const row of sampleRows(o)) out.push(row.map(quote).join(','));
  return out.join('\r\n') + '\r\n';
}
