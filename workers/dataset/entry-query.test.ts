import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importerKey } from '../../src/core/cell-values';
import { SEGMENTS } from '../../src/core/reasons';
import { CapeDb } from '../store/db';
import { sourceFor } from '../ingest/import-file';
import type { Snapshot } from '../contract';
import { DatasetService } from './dataset-service';
import type { EntryQuery, EntryRow } from './entry-query';

/** The built-in sample (2,500 entries, every segment), loaded once for all queries. */
let s: DatasetService;
let snapshot: Snapshot;
beforeAll(async () => {
  s = new DatasetService(new CapeDb('entry-query-test'), sourceFor(), '2026-05-04');
  await s.init('2026-05-04');
  ({ snapshot } = await s.importSample(() => undefined));
});
afterAll(() => s.close());

function all(q: Omit<EntryQuery, 'offset' | 'limit'>): EntryRow[] {
  return s.queryEntries({ ...q, offset: 0, limit: 1_000_000 }).rows;
}

describe('entry queries for the table', () => {
  it('filters by segment: exactly the overview count of each', () => {
    for (const seg of SEGMENTS) {
      const rows = all({ segment: seg });
      expect(rows.length, seg).toBe(snapshot.overview.segments.find((x) => x.segment === seg)!.count);
      expect(rows.every((r) => r.segment === seg)).toBe(true);
    }
    expect(all({}).length).toBe(snapshot.dataset.entries);
  });

  it('filters by reason or warning, by IOR however it is written, and by both', () => {
    const everything = all({});
    const pastEighty = all({ code: 'PAST_80_DAYS' });
    expect(pastEighty.length).toBeGreaterThan(0);
    expect(pastEighty.length).toBe(everything.filter((r) => r.reasons.includes('PAST_80_DAYS')).length);
    const ior = everything[0]!.importerNumber;
    const spelled = ior.replace(/-/g, ' ').toLowerCase();
    const byIor = all({ importer: spelled });
    expect(byIor.length).toBe(everything.filter((r) => importerKey(r.importerNumber) === importerKey(ior)).length);
    expect(byIor.length).toBeLessThan(everything.length);
    const both = all({ importer: ior, code: 'PAST_80_DAYS', segment: 'NOT_ELIGIBLE' });
    expect(both).toEqual(
      pastEighty.filter((r) => importerKey(r.importerNumber) === importerKey(ior) && r.segment === 'NOT_ELIGIBLE'),
    );
  });

  it('searches part of an entry number, dashes and case optional', () => {
    const target = all({})[1234]!.entryNumber;
    const part = `${target.slice(0, 3).toLowerCase()}-${target.slice(3, 8)}`;
    const rows = all({ search: part });
    expect(rows.map((r) => r.entryNumber)).toContain(target);
    expect(rows.every((r) => r.entryNumber.includes(target.slice(0, 8)))).toBe(true);
    expect(all({ search: target }).map((r) => r.entryNumber)).toEqual([target]);
  });

  it('sorts by refund, entry date and projected date either way; entry number breaks ties', () => {
    const asc = all({ sort: 'refund' });
    const desc = all({ sort: 'refund', descending: true });
    for (let k = 1; k < asc.length; k++) {
      expect(asc[k]!.refund).toBeGreaterThanOrEqual(asc[k - 1]!.refund);
      expect(desc[k]!.refund).toBeLessThanOrEqual(desc[k - 1]!.refund);
      if (asc[k]!.refund === asc[k - 1]!.refund) expect(asc[k]!.entryNumber > asc[k - 1]!.entryNumber).toBe(true);
    }
    const byDate = all({ sort: 'entryDate' });
    for (let k = 1; k < byDate.length; k++) expect(byDate[k]!.entryDate >= byDate[k - 1]!.entryDate).toBe(true);
    const byNumber = all({ sort: 'entry', descending: true }).map((r) => r.entryNumber);
    expect(byNumber).toEqual([...byNumber].sort().reverse());
    const projected = all({ segment: 'READY', sort: 'projected' }).map((r) => r.projectedDate);
    expect(projected).toEqual([...projected].sort());
  });

  it('pages through the same order', () => {
    const q = { segment: 'READY' as const, sort: 'refund' as const, descending: true };
    const whole = all(q);
    const pages: EntryRow[] = [];
    for (let offset = 0; offset < whole.length; offset += 100) {
      const page = s.queryEntries({ ...q, offset, limit: 100 });
      expect(page.total).toBe(whole.length);
      pages.push(...page.rows);
    }
    expect(pages).toEqual(whole);
  });
});
