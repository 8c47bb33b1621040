/**
 * Entry attributes from files to facts, against a plain reading of core's attribute table: every
 * attribute a file states reaches the entry's facts, a later file's value wins, and factsAt (written
 * out for speed) reads every row of the table.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ATTRIBUTES, type AttributeFacts, absentFacts } from '../../src/core/entry-attributes';
import type { DayNum } from '../../src/core/dates';
import type { FileKind } from '../../src/core/header-mapping';
import { rules } from '../../tests/factories/entries';
import type { LoadedFile } from '../ingest/import-file';
import { AttrAccumulator } from '../ingest/attr-accumulator';
import type { AttrPage } from '../store/pages';
import { blankFacts, buildEntryTable } from './entry-table';

type Value = string | number | boolean;
type Stated = Partial<Record<string, Value>>;

function loaded(id: number, kind: FileKind, attrPages: AttrPage[]): LoadedFile {
  const record = { id, name: `f${id}.csv`, order: id, report: { kind } } as LoadedFile['record'];
  return { record, rowPages: [], attrPages, eventPages: [], problems: [], problemTotal: 0 };
}

/** A file's attribute pages, written through the accumulator as the row reader does. */
function attrPages(id: number, entries: [number, Stated][]): AttrPage[] {
  const acc = new AttrAccumulator();
  for (const [code, stated] of entries) {
    const slot = acc.slot(code);
    for (const a of ATTRIBUTES) {
      const v = stated[a.fact];
      if (v === undefined) continue;
      switch (a.kind) {
        case 'text':
          acc.setText(a.column as 'importer', slot, v as string);
          break;
        case 'day':
          acc.setDay(a.column as 'entryDate', slot, v as number);
          break;
        case 'code':
          acc.setCode(a.column as 'liqStatus', slot, a.codes.indexOf(v as string));
          break;
        case 'flag':
          acc.setFlag(a.bit, slot, v as boolean);
          break;
      }
    }
  }
  return acc.pages(id);
}

/** One value of each attribute, or nothing stated. */
const stated: fc.Arbitrary<Stated> = fc.record(
  Object.fromEntries(
    ATTRIBUTES.map((a): [string, fc.Arbitrary<Value | undefined>] => {
      const values: fc.Arbitrary<Value> =
        a.kind === 'text'
          ? fc.constantFrom('A', 'B', 'Müller, "Küche"', '01')
          : a.kind === 'day'
            ? fc.integer({ min: 19_000, max: 21_000 })
            : a.kind === 'code'
              ? fc.constantFrom(...a.codes.filter((c) => c !== a.absent))
              : fc.boolean();
      return [a.fact, fc.option(values, { nil: undefined })];
    }),
  ),
);
const CODES = [1e10 + 7, 2e10 + 3, 3e10 + 11, 4e10 + 5];
const files = fc.array(
  fc.record({
    kind: fc.constantFrom<FileKind>('es003', 'es003', 'status'),
    entries: fc.array(fc.tuple(fc.constantFrom(...CODES), stated), { maxLength: 6 }),
  }),
  { minLength: 1, maxLength: 4 },
);

describe('entry attributes, from the files to the facts', () => {
  it('each entry’s facts hold the last value any file states, else the absent value', () => {
    fc.assert(
      fc.property(files, (spec) => {
        const t = buildEntryTable(
          spec.map((f, k) => loaded(k + 1, f.kind, attrPages(k + 1, f.entries))),
          rules,
        );
        const lineEntries = new Set(spec.flatMap((f) => (f.kind === 'es003' ? f.entries.map(([c]) => c) : [])));
        expect([...t.codes]).toEqual([...lineEntries].sort((a, b) => a - b));
        for (let i = 0; i < t.count; i++) {
          const expected: Record<string, unknown> = absentFacts();
          for (const f of spec)
            for (const [code, values] of f.entries) {
              if (code !== t.codes[i]) continue;
              for (const [fact, v] of Object.entries(values)) if (v !== undefined) expected[fact] = v;
            }
          const facts = t.factsAt(i, blankFacts(), []) as unknown as Record<string, unknown>;
          const got = Object.fromEntries(ATTRIBUTES.map((a) => [a.fact, facts[a.fact]]));
          expect(got).toEqual(expected);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('factsAt writes every attribute of the table', () => {
    const t = buildEntryTable([loaded(1, 'es003', attrPages(1, [[CODES[0]!, {}]]))], rules);
    const unset = Symbol('unset');
    const f = blankFacts() as unknown as Record<string, unknown>;
    for (const a of ATTRIBUTES) f[a.fact] = unset;
    t.factsAt(0, f as unknown as ReturnType<typeof blankFacts>, []);
    expect(ATTRIBUTES.filter((a) => f[a.fact] === unset).map((a) => a.fact)).toEqual([]);
  });

  it('loads an attribute page as the earlier version stored it', () => {
    const page = {
      fileId: 1,
      page: 0,
      count: 1,
      entry: Float64Array.of(CODES[0]!),
      dict: ['12-3456789-00', 'Acme', '03', 'CN', '2704'],
      importer: Int32Array.of(0),
      importerName: Int32Array.of(1),
      entryType: Int32Array.of(2),
      country: Int32Array.of(3),
      port: Int32Array.of(4),
      entryDate: Int32Array.of(20_000),
      summaryDate: Int32Array.of(20_010),
      liqDate: Int32Array.of(20_300),
      liqStatus: Int8Array.of(2),
      summaryStatus: Int8Array.of(1),
      flags: Uint16Array.of(4 | 32),
      present: Uint16Array.of(4 | 8 | 32),
      bad: Uint8Array.of(1),
    };
    const t = buildEntryTable([loaded(1, 'es003', [page])], rules);
    const f = t.factsAt(0, blankFacts(), []);
    const attributes: AttributeFacts = {
      entryDate: 20_000 as DayNum,
      entrySummaryDate: 20_010 as DayNum,
      entryType: '03',
      importerNumber: '12-3456789-00',
      importerName: 'Acme',
      countryOfOrigin: 'CN',
      port: '2704',
      liquidationStatus: 'liquidated',
      liquidationDate: 20_300 as DayNum,
      reconFlag: false,
      recon09Filed: false,
      drawback: true,
      openProtest: false,
      summaryStatus: 'accepted',
      suretyPaid: false,
      adcvdFlag: true,
    };
    expect(f).toMatchObject({ ...attributes, badRowData: true });

    // A page stored before an attribute existed has no column for it: it says nothing about it.
    const older: Partial<typeof page> = { ...page };
    delete older.port;
    expect(
      buildEntryTable([loaded(1, 'es003', [older as AttrPage])], rules).factsAt(0, blankFacts(), []),
    ).toMatchObject({
      ...attributes,
      port: '',
    });
  });
});
