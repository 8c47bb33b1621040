/**
 * `npm run bench:core`: the core analysis alone, in Node. 1,000,000 tariff lines in 300,000 entries
 * (seeded, realistic mix of segments) through summariseLines + analyseEntry + the entries CSV row,
 * then a what-if (a new filing date) on the summaries. Prints lines/s. Not a test: no pass/fail.
 */
import { AnalysisContext } from '../src/core/analysis';
import { builtInRulepack } from '../src/core/builtin-rulepack';
import { compileRules } from '../src/core/compiled-rules';
import { type DayNum, addDays, dayFromYmd } from '../src/core/dates';
import type { EntryFacts } from '../src/core/entry-facts';
import { entriesCsvRow } from '../src/core/entries-csv';
import { checkDigit } from '../src/core/entry-number';
import { type LineInput, summariseLines } from '../src/core/line-facts';
import type { Cents } from '../src/core/money';
import { EMPTY_PROFILE, indexProfile } from '../src/core/profile';
import { analyseEntry } from '../src/core/analysis';

const ENTRIES = 300_000;
const LINES = 1_000_000;

let seed = 42;
function rand(): number {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
}

const rules = compileRules(builtInRulepack().pack);
const HEADINGS = ['99030125', '99030124', '99030101', '99030110', '99030269', '99030133'];
const start = dayFromYmd(2025, 4, 5);

interface Raw {
  facts: Omit<
    EntryFacts,
    'ieepaDuty' | 'otherDuty' | 'ieepaLines' | 'refundableLines' | 'warningBits' | 'programCents'
  >;
  lines: LineInput[];
}

function generate(): Raw[] {
  const out: Raw[] = [];
  let linesLeft = LINES;
  for (let i = 0; i < ENTRIES; i++) {
    const n =
      i === ENTRIES - 1 ? linesLeft : Math.max(1, Math.min(linesLeft - (ENTRIES - i - 1), rand() < 0.5 ? 3 : 4));
    linesLeft -= n;
    const base = 'B76' + String(i).padStart(7, '0');
    const entryDate = addDays(start, Math.floor(rand() * 320));
    const lines: LineInput[] = [];
    for (let k = 0; k < n; k++) {
      const isIeepa = k % 3 === 1;
      const value = Math.floor(rand() * 5_000_000);
      lines.push(
        isIeepa
          ? {
              hts: HEADINGS[Math.floor(rand() * HEADINGS.length)]!,
              duty: Math.floor(value / 10) as Cents,
              value: 0 as Cents,
              line: Math.floor(k / 3) + 1,
            }
          : {
              hts: '8471300100',
              duty: Math.floor(value / 40) as Cents,
              value: value as Cents,
              line: Math.floor(k / 3) + 1,
            },
      );
    }
    const liquidated = rand() < 0.3;
    out.push({
      lines,
      facts: {
        entryNumber: base + checkDigit(base),
        checkDigitOk: true,
        importerNumber: `IOR-${i % 7}`,
        importerName: 'Bench Importer',
        entryType: rand() < 0.9 ? '01' : '03',
        entryDate,
        entrySummaryDate: addDays(entryDate, 10),
        liquidationStatus: liquidated ? 'liquidated' : 'unliquidated',
        liquidationDate: liquidated ? addDays(entryDate, 314) : null,
        reconFlag: false,
        recon09Filed: false,
        drawback: rand() < 0.01,
        openProtest: false,
        summaryStatus: 'accepted',
        suretyPaid: false,
        adcvdFlag: false,
        badRowData: false,
        countryOfOrigin: 'CN',
        port: '2704',
      },
    });
  }
  return out;
}

function analyseAll(all: EntryFacts[], filingDate: DayNum): { ms: number; csvMs: number; refund: number } {
  const ctx = new AnalysisContext(
    rules,
    {
      filingDate,
      overpaymentRates: rules.pack.overpaymentRates,
      defaultTaxpayer: 'corporate',
      includeDeferred: false,
    },
    indexProfile(EMPTY_PROFILE),
  );
  const t = performance.now();
  let refund = 0;
  const results = all.map((f) => analyseEntry(f, ctx));
  for (const r of results) refund += r.refund;
  const ms = performance.now() - t;
  let csvBytes = 0;
  for (let i = 0; i < all.length; i++) csvBytes += entriesCsvRow(all[i]!, results[i]!, rules).length;
  if (csvBytes === 0) throw new Error('empty CSV');
  return { ms, csvMs: performance.now() - t - ms, refund };
}

const raw = generate();
const t0 = performance.now();
const facts: EntryFacts[] = raw.map(({ facts: a, lines }) => {
  const l = summariseLines(lines, a.entryDate, rules);
  // One object shape for every entry, as the worker builds them.
  return {
    entryNumber: a.entryNumber,
    checkDigitOk: a.checkDigitOk,
    importerNumber: a.importerNumber,
    importerName: a.importerName,
    entryType: a.entryType,
    entryDate: a.entryDate,
    entrySummaryDate: a.entrySummaryDate,
    liquidationStatus: a.liquidationStatus,
    liquidationDate: a.liquidationDate,
    reconFlag: a.reconFlag,
    recon09Filed: a.recon09Filed,
    drawback: a.drawback,
    openProtest: a.openProtest,
    summaryStatus: a.summaryStatus,
    suretyPaid: a.suretyPaid,
    adcvdFlag: a.adcvdFlag,
    ieepaDuty: l.ieepaDuty,
    otherDuty: l.otherDuty,
    ieepaLines: l.ieepaLines,
    refundableLines: l.refundableLines,
    badRowData: a.badRowData,
    warningBits: l.warningBits,
    programCents: l.programCents,
    countryOfOrigin: a.countryOfOrigin,
    port: a.port,
  };
});
const tSummarise = performance.now() - t0;
const first = analyseAll(facts, dayFromYmd(2026, 5, 4));
const whatIf = analyseAll(facts, dayFromYmd(2026, 6, 15));
const total = tSummarise + first.ms;

console.log(`lines ${LINES.toLocaleString('en-US')} in entries ${ENTRIES.toLocaleString('en-US')}`);
console.log(`summarise lines      ${tSummarise.toFixed(0)} ms`);
console.log(`analyse entries      ${first.ms.toFixed(0)} ms   (total refund ${(first.refund / 100).toFixed(2)})`);
console.log(`entries CSV rows     ${first.csvMs.toFixed(0)} ms`);
console.log(`what-if (new F)      ${whatIf.ms.toFixed(0)} ms analysis, ${whatIf.csvMs.toFixed(0)} ms CSV`);
console.log(
  `bench:core lines_per_s=${Math.round(LINES / (total / 1000))} entries_per_s=${Math.round(ENTRIES / (first.ms / 1000))} whatif_ms=${whatIf.ms.toFixed(0)}`,
);
