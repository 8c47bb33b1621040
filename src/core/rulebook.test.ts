import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtInDocument } from '../../tests/factories/rulepacks';
import { builtInRulepack } from './builtin-rulepack';
import {
  type Rulepack,
  canonicalRulepackBytes,
  compareRulepacks,
  compareVersions,
  loadRulepack,
  problemText,
} from './rulebook';

const FILE = new URL('./builtin-rulepack.json', import.meta.url);

/** The problems of a pack document after an edit, as the user reads them. */
function problemsAfter(edit: (doc: Record<string, unknown> & Rulepack) => void): string[] {
  const doc = builtInDocument() as Record<string, unknown> & Rulepack;
  edit(doc);
  return problemsOf(canonicalRulepackBytes(doc));
}

function problemsOf(bytes: Uint8Array): string[] {
  const r = loadRulepack(bytes);
  return r.kind === 'invalid' ? r.problems.map(problemText) : [];
}

const q2 = (doc: Rulepack) => doc.overpaymentRates.find((r) => r.quarter === '2026Q2')!;

describe('the built-in rule pack', () => {
  it('validates, and is the file in the repository byte for byte (canonical JSON), SHA-256 included', () => {
    const file = readFileSync(FILE);
    const loaded = builtInRulepack();
    expect(Buffer.from(loaded.bytes).equals(file)).toBe(true);
    expect(Buffer.from(canonicalRulepackBytes(JSON.parse(file.toString('utf8')))).equals(file)).toBe(true);
    expect(loaded.sha256).toBe(createHash('sha256').update(file).digest('hex'));
    expect(loadRulepack(new Uint8Array(file)).kind).toBe('valid');
  });

  it('holds the rates of November 2026: 2026 Q2 5% / 6%, Q3 and Q4 6% / 7%, all published', () => {
    const rates = builtInRulepack().pack.overpaymentRates;
    expect(rates.slice(-3).map((r) => [r.quarter, r.corporate, r.nonCorporate, r.status])).toEqual([
      ['2026Q2', '5', '6', 'published'],
      ['2026Q3', '6', '7', 'published'],
      ['2026Q4', '6', '7', 'published'],
    ]);
    expect(rates[0]!.quarter).toBe('2025Q1');
  });

  it('names the other Chapter 99 programmes and the routes outside CAPE', () => {
    const { otherChapter99, phases, errorCatalogue } = builtInRulepack().pack;
    expect(otherChapter99.map((o) => [o.name, o.htsPrefixes, o.from, o.to])).toEqual([
      ['Section 122 surcharge', ['99030301'], '2026-02-24', '2026-07-23'],
      ['Section 301 forced-labour tariffs', ['990305'], '2026-07-24', null],
      ['Section 338 duties on Canada', ['99030312', '99030313', '99030314'], '2026-08-22', null],
    ]);
    expect(phases.reconWith09.value).toBe('a later CAPE phase');
    expect(phases.finalLiquidation.value).toBe('court route only (Phase 3 limited to litigants)');
    expect(errorCatalogue.map((e) => e.id)).toEqual(
      expect.arrayContaining([
        'INVALID_HTS',
        'HTS_RELATIONSHIP_MISMATCH',
        'GOODS_VALUE_ON_CH_1_97',
        'ENTRY_TYPE_NOT_ALLOWED',
        'PSC_NOT_ALLOWED_REFUND_REQUESTED',
        'PSC_NOT_ALLOWED_IEEPA_HTS',
        'ACCOUNT_MISMATCH',
        'DUPLICATE_PRIOR_DECLARATION',
        'FINAL_LIQUIDATION',
        'NO_IEEPA_HTS',
        'UNABLE_TO_CALCULATE_DUTY',
      ]),
    );
  });
});

describe('a pack file that is not a valid pack is refused, saying what is wrong and where', () => {
  it.each<[string, Uint8Array, string]>([
    ['an empty file', new Uint8Array(0), 'The file is empty.'],
    [
      'bytes that are not UTF-8',
      new Uint8Array([0xff, 0xfe, 0x00, 0x7b]),
      'The file is not UTF-8 text: a rule pack is a JSON document.',
    ],
    ['text that is not JSON', new TextEncoder().encode('{ "format": '), 'The file is not valid JSON: '],
    [
      'JSON that is not an object',
      new TextEncoder().encode('[1, 2]'),
      'format: must be "cape-prep-rulepack/1": this is not a CAPE Prep rule pack (the document is not an object).',
    ],
    [
      'another format',
      new TextEncoder().encode('{"format": "cape-prep-rulepack/2", "version": "1"}'),
      'format: must be "cape-prep-rulepack/1": this is not a CAPE Prep rule pack (format is "cape-prep-rulepack/2").',
    ],
  ])('%s', (_what, bytes, message) => {
    const problems = problemsOf(bytes);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(message);
  });

  it.each<[string, (doc: Record<string, unknown> & Rulepack) => void, string[]]>([
    [
      'a missing value',
      (d) => delete (d.limits as Partial<Rulepack['limits']>).protestDays,
      ['limits.protestDays: missing: every value of the format is required.'],
    ],
    [
      'an unknown key, at the top and inside a list item',
      (d) => {
        d.extra = 1;
        (d.headings[0] as unknown as Record<string, unknown>).rate = '25';
      },
      [
        'headings[heading=99030101].rate: unknown key: cape-prep-rulepack/1 has no such value.',
        'extra: unknown key: cape-prep-rulepack/1 has no such value.',
      ],
    ],
    [
      'a date that is not a real date',
      (d) => {
        d.asOf = '2026-02-30';
        d.ruleChanges.reconAcceptedFrom.value = '06/29/2026';
      },
      [
        'asOf: must be a real date written YYYY-MM-DD, got "2026-02-30".',
        'ruleChanges.reconAcceptedFrom.value: must be a real date written YYYY-MM-DD, got "06/29/2026".',
      ],
    ],
    [
      'rates that are not decimal strings of percent',
      (d) => {
        q2(d).corporate = '5%';
        (q2(d) as unknown as Record<string, unknown>).nonCorporate = 6;
        d.overpaymentRates[0]!.corporate = '.5';
        d.overpaymentRates[1]!.corporate = '1e1';
        d.overpaymentRates[2]!.corporate = '101';
      },
      [
        'overpaymentRates[quarter=2025Q1].corporate: must be a decimal number of percent written as text, such as "6" or "5.5" (at most 4 decimals, at most 100), got ".5".',
        'overpaymentRates[quarter=2025Q2].corporate: must be a decimal number of percent written as text, such as "6" or "5.5" (at most 4 decimals, at most 100), got "1e1".',
        'overpaymentRates[quarter=2025Q3].corporate: must be a decimal number of percent written as text, such as "6" or "5.5" (at most 4 decimals, at most 100), got "101".',
        'overpaymentRates[quarter=2026Q2].corporate: must be a decimal number of percent written as text, such as "6" or "5.5" (at most 4 decimals, at most 100), got "5%".',
        'overpaymentRates[quarter=2026Q2].nonCorporate: must be text in quotes, got 6.',
      ],
    ],
    [
      'a value of the wrong type or vocabulary',
      (d) => {
        (d as unknown as Record<string, unknown>).version = 5;
        (d.headings[1]!.source as { confidence: string }).confidence = 'CBP';
        (d.errorCatalogue[0] as { fix: string }).fix = 'pray';
      },
      [
        'version: must be text in quotes, got 5.',
        'headings[heading=99030102].source.confidence: must be "published", "secondary" or "assumed", got "CBP".',
        'errorCatalogue[id=HTS_RELATIONSHIP_SEQUENCE_MISMATCH].fix: must be one of "refile", "psc-then-refile", "not-refundable", "authorization", "later-phase", "contact-cbp", got "pray".',
      ],
    ],
    [
      'quarters with a gap, and a repeated one',
      (d) => {
        d.overpaymentRates = d.overpaymentRates.filter((r) => r.quarter !== '2026Q3');
        d.overpaymentRates.push({ ...d.overpaymentRates[d.overpaymentRates.length - 1]! });
      },
      [
        'overpaymentRates[quarter=2026Q4].quarter: quarters must follow each other without gaps or repeats: 2026Q2 is followed by 2026Q4.',
        'overpaymentRates[quarter=2026Q4].quarter: quarters must follow each other without gaps or repeats: 2026Q4 is followed by 2026Q4.',
      ],
    ],
    [
      'windows that end before they start, and rate steps out of order',
      (d) => {
        d.collectionWindow.value.to = '2025-01-01';
        const canada = d.headings.find((h) => h.heading === '99030110')!;
        canada.rates!.reverse();
      },
      [
        'collectionWindow.value: ends (2025-01-01) before it starts (2025-02-04).',
        'headings[heading=99030110].rates[from=2025-03-04].from: rate steps must be in date order, each on a later date.',
      ],
    ],
    [
      'an IEEPA heading listed as other duty, a repeated error id and a heading without its rates',
      (d) => {
        d.otherChapter99[0]!.htsPrefixes = ['99030125'];
        d.errorCatalogue[1]!.id = d.errorCatalogue[0]!.id;
        d.headings[0]!.rates = null;
      },
      [
        'headings[heading=99030101].rates: a heading of kind "additional" needs its rates.',
        'otherChapter99[id=SECTION_122].htsPrefixes[0]: 99030125 overlaps the IEEPA headings: list it under headings.',
        'errorCatalogue[id=HTS_RELATIONSHIP_SEQUENCE_MISMATCH]: id HTS_RELATIONSHIP_SEQUENCE_MISMATCH is listed twice.',
      ],
    ],
  ])('%s', (_what, edit, problems) => {
    expect(problemsAfter(edit)).toEqual(problems);
  });

  it('a byte-order mark is not a fault; the SHA-256 is of the exact bytes given', () => {
    const bytes = canonicalRulepackBytes(builtInDocument());
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]);
    const loaded = loadRulepack(withBom);
    if (loaded.kind !== 'valid') throw new Error('refused');
    expect(loaded.loaded.sha256).toBe(createHash('sha256').update(withBom).digest('hex'));
    expect(loaded.loaded.sha256).not.toBe(builtInRulepack().sha256);
  });
});

describe('which pack is newer', () => {
  it('compares versions part by part, numbers as numbers', () => {
    expect(compareVersions('2026.11.28-2', '2026.11.28-1')).toBe(1);
    expect(compareVersions('2026.11.28-10', '2026.11.28-9')).toBe(1);
    expect(compareVersions('2026.12.01-1', '2026.11.30-9')).toBe(1);
    expect(compareVersions('2026.11.28-1', '2026.11.28-1')).toBe(0);
    expect(compareVersions('2026.11.28', '2026.11.28-1')).toBe(-1);
  });

  it('goes by the as-of date first, then the version', () => {
    expect(
      compareRulepacks({ asOf: '2026-12-01', version: '1' }, { asOf: '2026-11-28', version: '2026.11.28-1' }),
    ).toBe(1);
    expect(
      compareRulepacks(
        { asOf: '2026-11-28', version: '2026.11.28-2' },
        { asOf: '2026-11-28', version: '2026.11.28-1' },
      ),
    ).toBe(1);
    expect(
      compareRulepacks(
        { asOf: '2026-11-26', version: '2026.11.26-1' },
        { asOf: '2026-11-28', version: '2026.11.28-1' },
      ),
    ).toBe(-1);
  });
});
