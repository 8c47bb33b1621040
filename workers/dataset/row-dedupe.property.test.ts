/**
 * De-duplication against a plain reference (fast-check): files of rows that repeat within and
 * across files, with the same or different amounts; entries large enough to take the Map path too.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { csvText, fileOf, row } from '../../tests/factories/es003';
import { sourceFor } from '../ingest/import-file';
import { CapeDb } from '../store/db';
import { DatasetService } from './dataset-service';

const ENTRIES = ['B7603245278', 'ABC12345676', 'SP700000014'];
const rowSpec = fc.record({
  entry: fc.constantFrom(...ENTRIES),
  line: fc.integer({ min: 1, max: 3 }),
  ordinal: fc.integer({ min: 1, max: 2 }),
  hts: fc.constantFrom('99030125', '8471300100'),
  duty: fc.constantFrom('10.00', '20.00', 'N/A'),
  value: fc.constantFrom('0', '500.00'),
});
type Spec = { entry: string; line: number; ordinal: number; hts: string; duty: string; value: string };
/** One to three files; sometimes one entry gets many rows (more than the small-entry limit of 32). */
const filesOf = fc.array(fc.array(rowSpec, { minLength: 1, maxLength: 90 }), { minLength: 1, maxLength: 3 });

/** What the dataset must keep: per entry, the last row of each key in read order; repeats and conflicts counted. */
function reference(files: Spec[][]) {
  const latest = new Map<string, { spec: Spec; order: number }>();
  let duplicates = 0;
  let conflicts = 0;
  let order = 0;
  for (const file of files) {
    for (const spec of file) {
      order++;
      if (spec.duty === 'N/A') continue;
      const key = `${spec.entry}|${spec.line}|${spec.ordinal}|${spec.hts}`;
      const before = latest.get(key);
      if (before) {
        duplicates++;
        if (before.spec.duty !== spec.duty || before.spec.value !== spec.value) conflicts++;
      }
      latest.set(key, { spec, order });
    }
  }
  const lines = new Map<string, string[]>();
  for (const { spec } of [...latest.values()].sort((a, b) => a.order - b.order)) {
    const list = lines.get(spec.entry) ?? [];
    list.push(`${spec.line}/${spec.ordinal}/${spec.hts}/${Math.round(Number(spec.duty) * 100)}`);
    lines.set(spec.entry, list);
  }
  return { duplicates, conflicts, lines };
}

const open: DatasetService[] = [];
let dbCount = 0;

afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

describe('row de-duplication', () => {
  it('keeps the row read last of each key, counts repeats and conflicts, like a plain reference', async () => {
    await fc.assert(
      fc.asyncProperty(filesOf, async (files) => {
        const s = new DatasetService(new CapeDb(`dedupe-${++dbCount}`), sourceFor(), '2026-05-04');
        open.push(s);
        await s.init('2026-05-04');
        const csv = files.map((f, k) => fileOf(csvText(f.map((spec) => row(spec))), `f${k}.csv`));
        const { snapshot } = await s.importFiles(csv, () => undefined);
        const want = reference(files);
        expect([snapshot.dataset.duplicateRows, snapshot.dataset.conflictingRows]).toEqual([
          want.duplicates,
          want.conflicts,
        ]);
        for (const entry of ENTRIES) {
          const detail = s.entryDetail(entry);
          const got = detail ? detail.lines.map((l) => `${l.line}/${l.ordinal}/${l.hts}/${l.duty}`) : [];
          expect(got, entry).toEqual(want.lines.get(entry) ?? []);
        }
        s.close();
        open.pop();
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});
